package cli

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
)

func TestWizardWithoutATerminalExplainsAndShowsHelp(t *testing.T) {
	for _, args := range [][]string{nil, {"--present", "--no-color"}, {"--client-id", "abc"}} {
		code, stdout, stderr := runCLI(t, "", args...)
		if code != exitUsage {
			t.Fatalf("%v: exit %d, want %d", args, code, exitUsage)
		}
		if stdout != "" {
			t.Fatalf("%v: printed to stdout, which a script may read: %q", args, stdout)
		}
		for _, want := range []string{"needs a terminal", "sub-command", "USAGE", "--present"} {
			if !strings.Contains(stderr, want) {
				t.Fatalf("%v: stderr lacks %q:\n%s", args, want, stderr)
			}
		}
	}
}

func TestWizardRejectsUnknownFlags(t *testing.T) {
	code, _, stderr := runCLI(t, "", "--presenter")
	if code != exitUsage || !strings.Contains(stderr, "unknown flag") {
		t.Fatalf("exit %d, stderr %q", code, stderr)
	}
}

func TestWizardGraphLoadsAgainstTheCatalogue(t *testing.T) {
	env := newEnv(strings.NewReader(""), io.Discard, io.Discard, nil)
	g, gap, err := env.loadGraph()
	if err != nil || gap != nil || g == nil {
		t.Fatalf("the built-in flow does not load: %v (gap: %v)", err, gap)
	}
}

// TestWizardOpensOnATerminalAndQuits runs the real wizard on a pseudo-terminal: it draws
// the home screen and q leaves with exit 0, the terminal given back.
func TestWizardOpensOnATerminalAndQuits(t *testing.T) {
	screen, ptmx, done, errOut, waitFor := wizardOnPTY(t, context.Background(), "--no-env-file")
	waitFor("What would you like to do?")
	quitWithQ(t, screen, ptmx, done, errOut)
	// The terminal is given back: the alternate screen was entered and left again (the
	// last bytes may still be on their way through the pty).
	raw := func() string {
		screen.mu.Lock()
		defer screen.mu.Unlock()
		return screen.b.String()
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(raw(), "\x1b[?1049l") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !strings.Contains(raw(), "\x1b[?1049h") || !strings.Contains(raw(), "\x1b[?1049l") {
		t.Fatalf("the alternate screen was not entered and left: %q", raw())
	}
}

// wizardOnPTY starts the real wizard on a pseudo-terminal with ctx as main's context and
// returns the screen, the terminal's other end, the exit code channel, stderr and a way to
// wait for text on the screen.
func wizardOnPTY(t *testing.T, ctx context.Context, args ...string) (*syncBuffer, io.Writer, chan int, *bytes.Buffer, func(string)) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() {
		// Bubble Tea gives its input reader a moment to leave after Run returns, and that
		// reader reads the tty's descriptor (os.File.Fd) without a lock; on a loaded machine
		// under -race it can still be there, and closing the tty under it is a data race in
		// the test, not in the program. A grace period before closing keeps them apart.
		time.Sleep(time.Second)
		ptmx.Close()
		tty.Close()
	})
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 80}); err != nil {
		t.Fatal(err)
	}
	screen := &syncBuffer{} // what the program writes to the terminal
	go func() { _, _ = io.Copy(screen, ptmx) }()
	errOut := &bytes.Buffer{}
	env := newEnv(tty, tty, errOut, []string{"TERM=xterm-256color", "NO_COLOR=1"})
	env.ctx = ctx
	done := make(chan int, 1)
	go func() { done <- run(args, env) }()
	waitFor := func(what string) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for !strings.Contains(ansi.Strip(screen.String()), what) {
			if time.Now().After(deadline) {
				t.Fatalf("the screen never showed %q:\n%s", what, ansi.Strip(screen.String()))
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
	return screen, ptmx, done, errOut, waitFor
}

// quitWithQ presses q on the home screen and wants the wizard to end with exit 0.
func quitWithQ(t *testing.T, screen *syncBuffer, ptmx io.Writer, done chan int, errOut *bytes.Buffer) {
	t.Helper()
	if _, err := ptmx.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("q did not end the wizard:\n%s", ansi.Strip(screen.String()))
	}
}

// BenchmarkWizardStart is what runWizard does before the first frame besides the terminal:
// the catalogue, the settings and the flow graph.
func BenchmarkWizardStart(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		env := newEnv(strings.NewReader(""), io.Discard, io.Discard, nil)
		if _, _, err := env.loadGraph(); err != nil {
			b.Fatal(err)
		}
	}
}
