package cli

import (
	"bytes"
	"strings"
	"testing"
)

// BenchmarkExplain runs `explain invalid_grant` in process, catalogue load included.
func BenchmarkExplain(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		var out bytes.Buffer
		env := newEnv(strings.NewReader(""), &out, &out, nil)
		if code := run([]string{"explain", "invalid_grant"}, env); code != 0 {
			b.Fatalf("exit %d: %s", code, out.String())
		}
	}
}
