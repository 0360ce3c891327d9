package evidence

import (
	"strings"
	"testing"
)

// hostile are megabyte pastes built to make a careless scanner quadratic.
var hostile = map[string]string{
	"braces":   strings.Repeat("{", MaxInput),
	"strings":  strings.Repeat(`{"a":"`, MaxInput/6),
	"urls":     strings.Repeat("https://", MaxInput/8),
	"jwt":      strings.Repeat("eyJ", MaxInput/3),
	"def502":   strings.Repeat("def50200", MaxInput/8),
	"bearer":   strings.Repeat("Bearer ", MaxInput/7),
	"errors":   strings.Repeat("error=", MaxInput/6),
	"curl":     strings.Repeat("curl \\\n", MaxInput/7),
	"status":   strings.Repeat("HTTP/1.1 401 X\n", MaxInput/15),
	"headers":  "HTTP/1.1 401 X\n" + strings.Repeat("A: b\n", MaxInput/5-4),
	"eof":      strings.Repeat("EOFx", MaxInput/4),
	"literals": strings.Repeat("error: '", MaxInput/8),
	"authz":    strings.Repeat("authorization:", MaxInput/14),
	"grant":    strings.Repeat("grant_type=", MaxInput/11),
}

func BenchmarkParseHostile(b *testing.B) {
	for name, text := range hostile {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				if _, err := Parse(text, testNow); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
