package watch

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func appendTo(t *testing.T, path, text string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(text + "\n"); err != nil {
		t.Fatal(err)
	}
}

// A followed log is read from its end, and followed on through a rotation (renamed away,
// with a late write to the old file, and a new one created) and a truncation: every error
// written after the watch began is reported, and the one before it is not.
func TestFollowSurvivesRotationAndTruncation(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "laravel.log")
	appendTo(t, path, fmt.Sprintf(wrapped, 0)) // before the watch: not reported
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	f, err := Follow(ctx, path, false, 5*time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	reports := make(chan Report, 16)
	done := make(chan error, 1)
	go func() {
		_, err := Run(ctx, f, Options{Diagnose: diagnoseLikeCLI(t), Now: fixedNow, Idle: 10 * time.Millisecond,
			Emit: func(r Report) error { reports <- r; return nil }})
		done <- err
	}()
	expect := func(what string, second int) {
		t.Helper()
		select {
		case r := <-reports:
			if r.Event != "error" || r.Entry != "invalid_grant" || r.Time.Second() != second {
				t.Fatalf("%s: got %+v, want the error of 10:00:%02d", what, r, second)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: no report of the error of 10:00:%02d", what, second)
		}
	}
	// Distinct errors (a plain line between each) so no two fold into a repeat.
	write := func(p string, second int) { appendTo(t, p, fmt.Sprintf(wrapped, second)+"\n"+jsonLine) }
	// Follow has opened the file at its end: what is written now is new.
	write(path, 1)
	expect("appended", 1)
	<-reports // the JSON line's invalid_client
	if err := os.Rename(path, path+".1"); err != nil {
		t.Fatal(err)
	}
	write(path+".1", 2) // a writer still holding the old file
	write(path, 3)      // the new file
	expect("late write to the rotated file", 2)
	<-reports
	expect("the new file", 3)
	<-reports
	if err := os.Truncate(path, 0); err != nil {
		t.Fatal(err)
	}
	time.Sleep(20 * time.Millisecond)
	write(path, 4)
	expect("after truncation", 4)
	<-reports
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run ended with %v, want the context's end", err)
	}
	if fl := f.(*follower); fl.rotations != 1 {
		t.Errorf("%d rotations seen, want 1", fl.rotations)
	}
}

// A directory or a device is refused with what it is and what to give instead.
func TestFollowRefusesWhatIsNotALog(t *testing.T) {
	ctx := context.Background()
	if _, err := Follow(ctx, t.TempDir(), false, 0); err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("directory: %v", err)
	}
	if _, err := Follow(ctx, "/dev/zero", false, 0); err == nil || !strings.Contains(err.Error(), "not a regular file") {
		t.Errorf("device: %v", err)
	}
	if _, err := Follow(ctx, filepath.Join(t.TempDir(), "none.log"), false, 0); err == nil {
		t.Error("a missing file was followed")
	}
}

// A file cut and written again at once with as many bytes as before (copytruncate and a
// busy writer) is read again from its start: its size alone looks unchanged.
func TestFollowSeesARewriteOfTheSameSize(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.log")
	if err := os.WriteFile(path, []byte("old record 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A deadline, so a follower that misses the rewrite ends the test instead of waiting.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	f, err := Follow(ctx, path, true, time.Millisecond)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64)
	if n, _ := f.Read(buf); string(buf[:n]) != "old record 1\n" {
		t.Fatalf("first read %q", buf[:n])
	}
	if err := os.WriteFile(path, []byte("new record 2\n"), 0o600); err != nil { // truncates, same length
		t.Fatal(err)
	}
	f.(*follower).waited = true // as after a wait at the end of the file
	if n, _ := f.Read(buf); string(buf[:n]) != "new record 2\n" {
		t.Errorf("after the rewrite read %q, want the new record from the start", buf[:n])
	}
}
