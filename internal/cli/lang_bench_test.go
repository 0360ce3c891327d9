package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/creack/pty"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// BenchmarkExplainLang is BenchmarkExplain in each language: the Indonesian catalogue is
// the English one with the compiled translation laid over it, and the program's own
// strings go through go-i18n, whose message file is parsed on the first Indonesian string.
func BenchmarkExplainLang(b *testing.B) {
	for _, l := range []string{"en", "id"} {
		b.Run(l, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var out bytes.Buffer
				env := newEnv(strings.NewReader(""), &out, &out, nil)
				if code := run([]string{"--lang", l, "explain", "invalid_grant"}, env); code != 0 {
					b.Fatalf("exit %d: %s", code, out.String())
				}
			}
		})
	}
}

// BenchmarkFirstFrameLang is BenchmarkFirstFrame's wizard in each language: exec to the
// home screen's question on a pseudo-terminal.
func BenchmarkFirstFrameLang(b *testing.B) {
	bin := filepath.Join(b.TempDir(), "mubarokah-doctor")
	if msg, err := exec.Command("go", "build", "-o", bin, repoRoot).CombinedOutput(); err != nil {
		b.Fatalf("go build: %v\n%s", err, msg)
	}
	for _, l := range []lang.Lang{lang.Indonesian, lang.English} {
		b.Run(string(l), func(b *testing.B) {
			want := l.T("What would you like to do?")
			for b.Loop() {
				firstFrameIn(b, bin, string(l), want)
			}
		})
	}
}

func firstFrameIn(b *testing.B, path, l, want string) {
	cmd := exec.Command(path, "--no-env-file", "--lang", l)
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
