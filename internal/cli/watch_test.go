package cli

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The stream a support engineer pipes in: docker logs of an app with OAuth errors wrapped
// over several lines among ordinary records, one error repeated.
func watchStream(t *testing.T) (string, []string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "watch", "testdata", "mixed.log"))
	if err != nil {
		t.Fatal(err)
	}
	marker := "zzMARK-code-7Q2w9E4r1T6y"
	callback := `127.0.0.1 - - [06/Dec/2026:10:00:40 +0000] "GET /auth/callback?code=` + marker +
		`&error=access_denied&hint=The+user+denied+the+request&state=abc123 HTTP/1.1" 302 0`
	return string(data) + string(data) + callback + "\n", []string{marker}
}

// watch - prints one line per OAuth error, folds the repeat, and ends with what it read.
func TestWatchStdinPrintsOneLinePerError(t *testing.T) {
	stream, markers := watchStream(t)
	code, out, errOut := runCLI(t, stream, "watch", "-")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 || !strings.Contains(lines[0], "2026-12-06 10:00:01  invalid_grant  code_reused") ||
		!strings.Contains(lines[0], `"Authorization code has been revoked"`) || !strings.Contains(lines[0], "(line 2)") ||
		!strings.Contains(lines[1], "the same again: 2 times") || !strings.Contains(lines[2], "access_denied  user_denied") {
		t.Errorf("output:\n%s", out)
	}
	if !strings.Contains(errOut, "3 OAuth errors") {
		t.Errorf("stderr: %s", errOut)
	}
	for _, m := range markers {
		if strings.Contains(out+errOut, m) {
			t.Errorf("the output shows the planted %s", m)
		}
	}
}

// --json prints one object per line: the errors and the end of the run of repeats.
func TestWatchJSONOneObjectPerLine(t *testing.T) {
	stream, markers := watchStream(t)
	code, out, errOut := runCLI(t, stream, "watch", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var events []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var r struct {
			Event, Entry, Cause, Evidence string
			Count, Line                   int
		}
		if err := json.Unmarshal([]byte(l), &r); err != nil {
			t.Fatalf("not one JSON object a line: %v: %s", err, l)
		}
		events = append(events, r.Event+" "+r.Entry+" "+r.Cause)
		for _, m := range markers {
			if strings.Contains(l, m) {
				t.Errorf("the JSON shows the planted %s", m)
			}
		}
	}
	want := "error invalid_grant code_reused|repeat invalid_grant code_reused|error access_denied user_denied"
	if strings.Join(events, "|") != want {
		t.Errorf("events %v, want %s", events, want)
	}
}

// A path that cannot be followed, and a terminal on stdin, get a message that says what to
// give instead.
func TestWatchRefusesWhatItCannotFollow(t *testing.T) {
	code, _, errOut := runCLI(t, "", "watch", t.TempDir())
	if code != exitUsage || !strings.Contains(errOut, "directory") {
		t.Errorf("directory: exit %d, %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "", "watch", filepath.Join(t.TempDir(), "none.log"))
	if code != exitUsage || !strings.Contains(errOut, "cannot follow") {
		t.Errorf("missing: exit %d, %s", code, errOut)
	}
	code, _, errOut = runCLI(t, "", "watch", "--idle", "0s", "-")
	if code != exitUsage || !strings.Contains(errOut, "--idle") {
		t.Errorf("--idle 0: exit %d, %s", code, errOut)
	}
}

// watch FILE follows the file from its end: an error written before the watch is not
// reported, one appended while it runs is, and ctrl+c ends it with exit 0 and what it read.
func TestWatchFollowsAFileUntilInterrupted(t *testing.T) {
	stream, markers := watchStream(t)
	file := filepath.Join(t.TempDir(), "laravel.log")
	if err := os.WriteFile(file, []byte(stream), 0o600); err != nil {
		t.Fatal(err)
	}
	var out, errOut syncBuffer
	env := newEnv(strings.NewReader(""), &out, &errOut, nil)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	env.ctx = ctx
	done := make(chan int, 1)
	go func() { done <- run([]string{"watch", "--idle", "20ms", "--poll", "5ms", file}, env) }()
	wait := func(what string, ok func() bool) {
		t.Helper()
		for deadline := time.Now().Add(10 * time.Second); !ok(); time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatalf("%s; stdout %q, stderr %q", what, out.String(), errOut.String())
			}
		}
	}
	wait("no 'watching' line", func() bool { return strings.Contains(errOut.String(), "watching") })
	// The file was opened at its end before "watching" was printed: what follows is new.
	f, err := os.OpenFile(file, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(filepath.Join("..", "watch", "testdata", "mixed.log"))
	if _, err := f.Write(bytes.ReplaceAll(data, []byte("10:00:01]"), []byte("11:30:00]"))); err != nil {
		t.Fatal(err)
	}
	f.Close()
	wait("the appended error was not reported", func() bool { return strings.Contains(out.String(), "11:30:00  invalid_grant") })
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d after ctrl+c, want 0: %s", code, errOut.String())
	}
	if got := out.String(); strings.Count(got, "\n") != 1 || strings.Contains(got, "10:00:01") {
		t.Errorf("reported what was there before the watch, or more than the one error:\n%s", got)
	}
	if !strings.Contains(errOut.String(), "1 OAuth errors") {
		t.Errorf("no closing line: %s", errOut.String())
	}
	for _, m := range markers {
		if strings.Contains(out.String()+errOut.String(), m) {
			t.Errorf("shows the planted %s", m)
		}
	}
}
