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

// BenchmarkStyledExplain times the real binary's `explain` on a pseudo-terminal, stdin and
// stdout both, from exec to exit: with COLORFGBG set (no question to the terminal), without
// it (the printer asks the terminal for its background; this fake terminal answers at once,
// as a real one does), and with NO_COLOR (plain). The difference between the first two is
// the one round trip a styled command pays to pick light or dark colours.
func BenchmarkStyledExplain(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "mubarokah-doctor")
	if msg, err := exec.Command("go", "build", "-o", bin, repoRoot).CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, msg)
	}
	for _, c := range []struct{ name, env string }{
		{"colorfgbg", "COLORFGBG=15;0"},
		{"query", ""},
		{"no_color", "NO_COLOR=1"},
	} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				explainOnTerminal(b, bin, c.env)
			}
		})
	}
}

// explainOnTerminal runs explain on a fresh pty that answers a background query (OSC 11) and
// the device attributes request that follows it, and waits for the program to end.
func explainOnTerminal(b *testing.B, bin, env string) {
	cmd := exec.Command(bin, "explain", "invalid_grant")
	cmd.Env = append(os.Environ(), "TERM=xterm-256color", "COLORTERM=truecolor")
	if env != "" {
		cmd.Env = append(cmd.Env, env)
	}
	ptmx, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 100})
	if err != nil {
		b.Skipf("no pseudo-terminal here: %v", err)
	}
	defer ptmx.Close()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var seen []byte
	buf := make([]byte, 8192)
	answered := false
	for {
		_ = ptmx.SetReadDeadline(time.Now().Add(10 * time.Second))
		n, err := ptmx.Read(buf)
		seen = append(seen, buf[:n]...)
		if !answered && bytes.Contains(seen, []byte("\x1b]11;?")) && bytes.Contains(seen, []byte("\x1b[c")) {
			answered = true
			_, _ = ptmx.Write([]byte("\x1b]11;rgb:0000/0000/0000\x07\x1b[?62;22c"))
		}
		if err != nil {
			break // the program ended and closed its side
		}
	}
	if err := <-done; err != nil {
		b.Fatalf("explain on a terminal: %v\n%q", err, seen)
	}
	if !bytes.Contains(seen, []byte("invalid_grant")) {
		b.Fatalf("explain printed nothing useful: %q", seen)
	}
}
