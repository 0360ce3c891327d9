package cli

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"strings"
	"testing"
)

// The exit codes scripts branch on, through fang: 0 done, 1 nothing found or a check failed,
// 2 bad usage (cobra's own errors too), 3 a bug of ours, 130 interrupted.
func TestExitCodes(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		want    int
		stderr  string
		noStdin bool
	}{
		{"ok", []string{"explain", "invalid_grant"}, exitOK, "", false},
		{"nothing found", []string{"search", "zzzz-nothing-qqqq"}, exitProblem, "nothing matches", false},
		{"unknown code", []string{"explain", "nope_nope"}, exitUsage, `mubarokah-doctor: no entry for "nope_nope"`, false},
		{"missing argument", []string{"explain"}, exitUsage, "explain needs exactly one CODE", false},
		{"unknown flag", []string{"list", "--bogus"}, exitUsage, "unknown flag: --bogus\nRun 'mubarokah-doctor --help' for usage.", false},
		{"unknown command", []string{"bogus"}, exitUsage, `unknown command "bogus"`, false},
		{"flag value", []string{"sandbox", "--delay", "soon"}, exitUsage, `invalid argument "soon"`, false},
		{"no terminal for the wizard", nil, exitUsage, "needs a terminal", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, "", tt.args...)
			if code != tt.want || !strings.Contains(errOut, tt.stderr) {
				t.Errorf("exit %d, want %d; stderr %q, want %q in it", code, tt.want, errOut, tt.stderr)
			}
			if strings.Contains(errOut, "ERROR") || strings.Contains(errOut, "\x1b") {
				t.Errorf("stderr is fang's default error, or styled in a pipe: %q", errOut)
			}
		})
	}
	t.Run("a broken built-in catalogue", func(t *testing.T) {
		var out, errOut bytes.Buffer
		env := newEnv(strings.NewReader(""), &out, &errOut, nil)
		env.loadOnce.Do(func() { env.catErr = errors.New("entry x: no causes") })
		if code := run([]string{"explain", "invalid_grant"}, env); code != exitInternal || !strings.Contains(errOut.String(), "built-in catalogue is broken") {
			t.Errorf("exit %d, stderr %q", code, errOut.String())
		}
	})
	t.Run("interrupted", func(t *testing.T) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		stdin, w := io.Pipe() // nobody ever writes: only ctrl+c ends the read
		defer w.Close()
		var out, errOut bytes.Buffer
		env := newEnv(stdin, &out, &errOut, nil)
		env.ctx = ctx
		if code := run([]string{"diagnose"}, env); code != exitInterrupted || errOut.String() != "mubarokah-doctor: interrupted\n" {
			t.Errorf("exit %d, stderr %q", code, errOut.String())
		}
	})
	t.Run("a silent exit prints nothing more", func(t *testing.T) {
		// check prints its results and exits 1 without a message; fang's own handler would
		// have added "ERROR".
		code, _, errOut := runCLI(t, "", "search", "zzzz-nothing-qqqq")
		if code != exitProblem || strings.Count(errOut, "\n") != 1 {
			t.Errorf("exit %d, stderr %q", code, errOut)
		}
	})
}

// The hidden man command writes a roff page (to the process's stdout, as fang does).
func TestManPage(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout := os.Stdout
	os.Stdout = w
	code, _, errOut := runCLI(t, "", "man")
	os.Stdout = stdout
	w.Close()
	page, _ := io.ReadAll(r)
	if code != exitOK {
		t.Fatalf("man: exit %d: %s", code, errOut)
	}
	for _, want := range []string{".TH MUBAROKAH-DOCTOR 1", ".SH NAME", "Troubleshoot a “Login with Mubarokah ID” integration",
		".SH OPTIONS", `\fB--client-id\fP`, "explain", "diagnose", "sandbox"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("the man page lacks %q:\n%s", want, page[:min(len(page), 800)])
		}
	}
	if bytes.Count(page, []byte(`"`))%2 != 0 {
		t.Errorf("the man page has an odd number of double quotes: a roff argument is cut")
	}
}
