package cli

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
)

// ctrl+c sent to the process (not typed into the wizard, which asks first) ends the wizard
// with 130, the terminal given back.
func TestWizardInterruptedExits130(t *testing.T) {
	if raceDetector {
		// Bubble Tea's shutdown after a cancelled context closes its input reader's file
		// while that reader's goroutine reads the descriptor (cancelreader's Close against
		// os.File.Fd): a race inside the library, which -race reports now and then. The
		// test runs without -race in the README's test command.
		t.Skip("Bubble Tea's cancelled shutdown races inside cancelreader under -race")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	screen, _, done, errOut, waitFor := wizardOnPTY(t, ctx, "--no-env-file")
	waitFor("What would you like to do?")
	cancel()
	select {
	case code := <-done:
		if code != exitInterrupted || !strings.Contains(errOut.String(), "interrupted") {
			t.Fatalf("exit %d, stderr %q; want %d and 'interrupted'", code, errOut.String(), exitInterrupted)
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("the interrupt did not end the wizard:\n%s", ansi.Strip(screen.String()))
	}
}

// A .env that is a named pipe would block the wizard before its first frame; it starts and
// says why the file was not read.
func TestWizardStartsBesideANamedPipeDotEnv(t *testing.T) {
	dir := t.TempDir()
	fifo(t, dir, ".env")
	t.Chdir(dir)
	screen, ptmx, done, errOut, waitFor := wizardOnPTY(t, context.Background())
	waitFor(".env (from") // the home screen notes the problem (cut to the width)
	quitWithQ(t, screen, ptmx, done, errOut)
}
