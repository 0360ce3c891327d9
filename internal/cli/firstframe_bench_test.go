package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/creack/pty"
)

// BenchmarkFirstFrame times the real binary from exec to its first frame on a
// pseudo-terminal (80x24), beside a Bubble Tea v2 hello world (testdata/hello) that is the
// floor: what is left between the two is our own start-up.
func BenchmarkFirstFrame(b *testing.B) {
	dir := b.TempDir()
	build := func(name, pkg string) string {
		out := filepath.Join(dir, name)
		cmd := exec.Command("go", "build", "-o", out, pkg)
		if msg, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("go build %s: %v\n%s", pkg, err, msg)
		}
		return out
	}
	wizard := build("mubarokah-doctor", repoRoot)
	hello := build("hello", "./testdata/hello")
	for _, bin := range []struct{ name, path string }{{"wizard", wizard}, {"hello", hello}} {
		b.Run(bin.name, func(b *testing.B) {
			for b.Loop() {
				firstFrame(b, bin.path, "What would you like to do?")
			}
		})
	}
}

// firstFrame starts path on a fresh pty and returns once want is on the screen.
func firstFrame(b *testing.B, path, want string) {
	cmd := exec.Command(path, "--no-env-file")
	if filepath.Base(path) == "hello" {
		cmd = exec.Command(path)
	}
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "NO_COLOR=1")
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 24, Cols: 80})
	if err != nil {
		b.Skipf("no pseudo-terminal here: %v", err)
	}
	defer func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		_ = ptmx.Close()
	}()
	var seen []byte
	buf := make([]byte, 4096)
	deadline := time.Now().Add(10 * time.Second)
	for !bytes.Contains(seen, []byte(want)) {
		if time.Now().After(deadline) {
			b.Fatalf("%s never drew %q", path, want)
		}
		_ = ptmx.SetReadDeadline(deadline)
		n, err := ptmx.Read(buf)
		if err != nil {
			b.Fatalf("%s: %v after %q", path, err, seen)
		}
		seen = append(seen, buf[:n]...)
	}
}
