//go:build unix

package main

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

// wizardOnPTY starts the real wizard on a pseudo-terminal with ctx as main's context and
// returns the screen, the exit code channel and a way to wait for text on the screen.
func wizardOnPTY(t *testing.T, ctx context.Context, args ...string) (*syncBuffer, io.Writer, chan int, *bytes.Buffer, func(string)) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	t.Cleanup(func() { ptmx.Close(); tty.Close() })
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 80}); err != nil {
		t.Fatal(err)
	}
	screen := &syncBuffer{}
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

// ctrl+c sent to the process (not typed into the wizard, which asks first) ends the wizard
// with 130, the terminal given back.
func TestWizardInterruptedExits130(t *testing.T) {
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
	_, ptmx, done, errOut, waitFor := wizardOnPTY(t, context.Background())
	waitFor(".env (from") // the home screen notes the problem (cut to the width)
	if _, err := ptmx.Write([]byte("q")); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != exitOK {
			t.Fatalf("exit %d: %s", code, errOut.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("q did not end the wizard")
	}
}
