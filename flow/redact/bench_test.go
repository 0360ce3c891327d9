package redact

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkScrub is what every output pays: a session that knows 50 secrets scrubbing a
// page of output and a megabyte.
func BenchmarkScrub(b *testing.B) {
	var s Set
	for i := range 50 {
		s.AddBasic("client-9", fmt.Sprintf("Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB%02d", i))
	}
	page := strings.Repeat("invalid_client: the token endpoint did not accept the client's credentials.\n", 60)
	mib := strings.Repeat(page, (1<<20)/len(page))
	for _, tc := range []struct{ name, text string }{{"page", page}, {"1MiB", mib}} {
		b.Run(tc.name, func(b *testing.B) {
			b.SetBytes(int64(len(tc.text)))
			for b.Loop() {
				_ = s.Scrub(tc.text)
			}
		})
	}
}

// BenchmarkAdd is the cost of learning a secret, its forms and its index.
func BenchmarkAdd(b *testing.B) {
	for b.Loop() {
		var s Set
		s.AddBasic("client-9", "Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5cE8gK1nM4")
	}
}
