package cli

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"

	"github.com/mubarokah/mubarokah-doctor/sandbox"
)

// onTerminal runs one command line with stdout on an 80-column pseudo-terminal and returns
// what the terminal got, its line ends as a pipe has them.
func onTerminal(t *testing.T, environ []string, args ...string) (int, string) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 24, Cols: 80}); err != nil {
		t.Fatal(err)
	}
	var screen bytes.Buffer
	copied := make(chan struct{})
	go func() { _, _ = io.Copy(&screen, ptmx); close(copied) }()
	env := newEnv(strings.NewReader(""), tty, io.Discard, environ)
	env.now = func() time.Time { return diagnoseNow }
	code := run(args, env)
	tty.Close() // the copy ends once the terminal has handed over everything
	<-copied
	return code, strings.ReplaceAll(screen.String(), "\r\n", "\n")
}

// Every command's text is styled on a terminal and plain in a pipe, and the two say the same
// words in the same lines: stripped of its escape codes, the terminal's output is the
// pipe's. (list is left out: on a terminal it cuts each line to the width, by design.)
func TestEveryCommandIsStyledOnATerminalAndTheSameWords(t *testing.T) {
	st := newSandboxTarget(t, sandbox.Options{Faults: []string{sandbox.FaultWrongSecret}})
	commands := [][]string{
		{"explain", "invalid_grant"},
		{"search", "refresh", "token", "revoked"},
		{"diagnose", "--file", corpusFile("insufficient_scope--scope_not_granted--passport-missing-scope-details-curlv.txt"), "--scope", "view-user,detail-user"},
		{"walk", "--answers", "4xx,request,invalid_grant,code,expired"},
		{"walk", "4xx"},
		{"flow"},
		{"check", "--no-env-file", "--probe", "discovery,dns,tls,client_auth"},
	}
	for _, args := range commands {
		t.Run(strings.Join(args[:1], " "), func(t *testing.T) {
			environ := append([]string{"TERM=xterm-256color", "COLORFGBG=15;0"}, st.environ...)
			code, styled := onTerminal(t, environ, args...)
			var out bytes.Buffer
			env := newEnv(strings.NewReader(""), &out, io.Discard, environ)
			env.now = func() time.Time { return diagnoseNow }
			if pipeCode := run(args, env); pipeCode != code {
				t.Fatalf("exit %d on a terminal, %d in a pipe", code, pipeCode)
			}
			if !strings.Contains(styled, "\x1b[") {
				t.Fatalf("no styling on a terminal:\n%s", styled)
			}
			plain := maskRun(out.String(), st.url)
			if got := maskRun(ansi.Strip(styled), st.url); got != plain {
				t.Errorf("the terminal's words differ from the pipe's:\n--- pipe\n%s\n--- terminal, stripped\n%s", plain, got)
			}
		})
	}
}

// NO_COLOR keeps a terminal's output plain.
func TestNoColorOnATerminal(t *testing.T) {
	_, out := onTerminal(t, []string{"TERM=xterm-256color", "NO_COLOR=1"}, "explain", "invalid_grant")
	if strings.Contains(out, "\x1b") || !strings.Contains(out, "invalid_grant") {
		t.Errorf("NO_COLOR on a terminal printed:\n%q", out[:min(len(out), 300)])
	}
}
