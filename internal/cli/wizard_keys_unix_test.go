//go:build unix

package cli

import (
	"context"
	"io"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

// Keys typed faster than a frame, in one write, land where the person meant: the "4" that
// opens the reference moves synchronously, so the "j" right behind it moves the
// reference's cursor, not home's. A resize afterwards makes the terminal draw the whole
// screen, so what is read is the state reached, not a difference.
func TestWizardKeysTypedInOneWriteLandOnTheNewScreen(t *testing.T) {
	env := newEnv(strings.NewReader(""), io.Discard, io.Discard, nil)
	cat, err := env.catalogue()
	if err != nil {
		t.Fatal(err)
	}
	second := cat.Entries[1].Code
	screen, ptmx, done, errOut, waitFor := wizardOnPTY(t, context.Background(), "--no-env-file")
	waitFor("What would you like to do?")
	if _, err := ptmx.Write([]byte("4j")); err != nil {
		t.Fatal(err)
	}
	waitFor("every error, its causes and fixes")
	mark := len(screen.String())
	if err := pty.Setsize(ptmx.(*os.File), &pty.Winsize{Rows: 25, Cols: 80}); err != nil {
		t.Fatal(err)
	}
	// The pty is not this process's controlling terminal: tell the wizard it was resized.
	if err := syscall.Kill(os.Getpid(), syscall.SIGWINCH); err != nil {
		t.Fatal(err)
	}
	// The renderer may skip blank cells with a cursor move, which ansi.Strip removes.
	selected := regexp.MustCompile(`›\s*` + regexp.QuoteMeta(second) + `(\s|medium|high|low|critical|info)`)
	deadline := time.Now().Add(10 * time.Second)
	for !selected.MatchString(ansi.Strip(screen.String()[mark:])) {
		if time.Now().After(deadline) {
			t.Fatalf("after \"4j\" the reference's cursor is not on its second entry, %s:\n%s", second, ansi.Strip(screen.String()[mark:]))
		}
		time.Sleep(20 * time.Millisecond)
	}
	quitWithQ(t, screen, ptmx, done, errOut)
}
