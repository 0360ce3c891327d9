package cli

import (
	"bytes"
	"strings"
	"testing"
)

// On a dumb terminal and in accessible mode the program runs without fang, whose help and
// errors begin by querying the terminal's background colour; errors stay plain lines.
func TestPlainTerminalSkipsFang(t *testing.T) {
	for _, c := range []struct {
		environ []string
		args    []string
		plain   bool
	}{
		{[]string{"TERM=dumb"}, []string{"explain", "x"}, true},
		{[]string{"TERM=xterm-256color"}, []string{"--accessible"}, true},
		{[]string{"TERM=xterm-256color"}, []string{"explain", "invalid_grant"}, false},
	} {
		env := newEnv(strings.NewReader(""), &bytes.Buffer{}, &bytes.Buffer{}, c.environ)
		if got := plainTerminal(env, c.args); got != c.plain {
			t.Errorf("%v %v: plain = %v, want %v", c.environ, c.args, got, c.plain)
		}
	}
	errOut := &bytes.Buffer{}
	env := newEnv(strings.NewReader(""), &bytes.Buffer{}, errOut, []string{"TERM=dumb"})
	if code := run([]string{"nosuchcommand"}, env); code != exitUsage {
		t.Errorf("exit %d, want %d", code, exitUsage)
	}
	if got := errOut.String(); !strings.Contains(got, `unknown command "nosuchcommand"`) || strings.ContainsRune(got, '\x1b') {
		t.Errorf("plain error output %q", got)
	}
}
