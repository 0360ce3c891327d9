package evidence

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
)

// BenchmarkSecrets1MiB is what the CLI and the wizard pay to learn a megabyte paste's
// secrets and scrub it once.
func BenchmarkSecrets1MiB(b *testing.B) {
	text := bigPaste(b)
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		set := &redact.Set{}
		set.Add(Secrets(text)...)
		_ = set.Scrub(text)
	}
}

func BenchmarkSecretsHostile(b *testing.B) {
	shapes := map[string]string{
		"labels":   strings.Repeat("client_secret=Zq8vN2xR4tY7wP1k&", MaxInput/32),
		"tokens":   strings.Repeat("token: abcdefgh12345678 ", MaxInput/24),
		"basic":    strings.Repeat("Authorization: Basic aWQ6c2VjcmV0MTIzNDU2Nzg=\n", MaxInput/48),
		"userinfo": strings.Repeat("https://u:p4ssw0rdXYZ@h/ ", MaxInput/25),
		"curl -u":  strings.Repeat(" -u id:s3cretVALUE99 ", MaxInput/21),
		"cookies":  "Cookie: " + strings.Repeat("a=Zq8vN2xR4tY7wP1k; ", MaxInput/20),
	}
	for name, text := range mergeMaps(hostile, shapes) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				set := &redact.Set{}
				set.Add(Secrets(text)...)
				_ = set.Scrub(text)
			}
		})
	}
}

func mergeMaps(a, b map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}
