package cli

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// fuzzServer is one token endpoint for the whole fuzz run that answers every request with
// the body the current input set: a server quoting back what it was sent, and worse.
var fuzzServer = struct {
	once sync.Once
	url  string
	mu   sync.Mutex
	body string
}{}

func reflectingURL() string {
	fuzzServer.once.Do(func() {
		ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			fuzzServer.mu.Lock()
			body := fuzzServer.body
			fuzzServer.mu.Unlock()
			if strings.HasPrefix(body, "<") {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(500)
				_, _ = w.Write([]byte(body))
				return
			}
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(401)
			_ = json.NewEncoder(w).Encode(map[string]string{"error": "invalid_client", "error_description": body})
		}))
		// The server lives as long as the fuzz worker; the process ending closes it.
		fuzzServer.url = ts.URL
	})
	return fuzzServer.url
}

// fuzzSecret turns fuzz bytes into a secret of 20 to 48 characters that mixes upper case,
// lower case and digits as issued secrets do (with symbols: also / + < > & " \).
func fuzzSecret(raw []byte, symbols bool) string {
	alphabet := "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
	if symbols {
		alphabet += `/+<>&"\`
	}
	var b strings.Builder
	for _, c := range raw[:min(len(raw), 48)] {
		b.WriteByte(alphabet[int(c)%len(alphabet)])
	}
	s := b.String()
	if len(s) < 20 || !strings.ContainsAny(s, "0123456789") || !strings.ContainsAny(s, "abcdefghijklmnopqrstuvwxyz") ||
		!strings.ContainsAny(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZ") {
		return ""
	}
	return s
}

// FuzzCLI plants a secret in one of the placements, between fuzzed text, and runs the real
// command line on it in process: diagnose and walk read it as a paste, check gets it back
// from a server. No output may hold a run of 8 characters of the secret (raw or encoded)
// that the fuzzed text did not bring itself, nor any terminal control, and nothing may
// panic or end as an internal error.
func FuzzCLI(f *testing.F) {
	f.Add("", "", []byte("Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5c"), uint8(0), uint8(0), false, false)
	f.Add("HTTP/1.1 401 Unauthorized\n\n", "\n\x1b]52;c;ZXZpbA==\x07", []byte("Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5c"), uint8(4), uint8(1), false, true)
	f.Add("ErrorException: Undefined array key \"code\"\n", "İK\xb6", []byte("aB3dE6gH9jK2mN5pQ8sT1vW4yZ7"), uint8(7), uint8(2), true, false)
	f.Add("\u009b2J", "\u009d0;x\u009c", []byte("aB3dE6gH9jK2mN5pQ8sT1vW4yZ7"), uint8(32), uint8(6), true, false)
	f.Add("<html><title>", "</title>", []byte("Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5c"), uint8(34), uint8(6), true, true)
	f.Fuzz(func(t *testing.T, before, after string, raw []byte, shape, path uint8, configured, symbols bool) {
		p := placements[int(shape)%len(placements)]
		secret := fuzzSecret(raw, symbols && p.symbols)
		if secret == "" || len(before)+len(after) > 4096 {
			return
		}
		around := before + after
		if leak(around, secret) != "" {
			return // the fuzzed text holds a piece itself: nothing to tell apart
		}
		environ := []string{"MUBAROKAH_CLIENT_ID=" + plantedID}
		if configured || !p.labelled {
			environ = append(environ, "MUBAROKAH_CLIENT_SECRET="+secret)
		}
		paste := before + p.text(secret) + after
		var r cliResult
		switch n := int(path) % (len(outputPaths) + 2); {
		case n < len(outputPaths):
			file := writeTemp(t, t.TempDir(), "paste.txt", paste)
			r = cliRun(t, context.Background(), "", environ, outputPaths[n].args(file)...)
		case n == len(outputPaths):
			r = cliRun(t, context.Background(), paste, environ, "diagnose")
		default:
			// The server quotes the paste back; only the configured secret is known.
			fuzzServer.mu.Lock()
			fuzzServer.body = paste
			fuzzServer.mu.Unlock()
			environ = []string{"MUBAROKAH_BASE_URL=" + reflectingURL(), "MUBAROKAH_CLIENT_ID=" + plantedID,
				"MUBAROKAH_CLIENT_SECRET=" + secret}
			args := []string{"check", "--no-env-file", "--timeout", "5s", "--probe", "client_auth"}
			if configured {
				args = append(args, "--json")
			}
			r = cliRun(t, context.Background(), "", environ, args...)
		}
		all := r.out + r.errOut
		if r.code == exitInternal || strings.Contains(all, "goroutine ") {
			t.Fatalf("exit %d:\n%s", r.code, all)
		}
		for _, form := range encodedForms(secret) {
			for i := 0; i+8 <= len(form); i++ {
				if piece := form[i : i+8]; strings.Contains(all, piece) && !strings.Contains(around, piece) {
					t.Fatalf("placement %q, path %d: %q of the secret %q shows:\n%s", p.name, path, piece, secret, all)
				}
			}
		}
		if c := control(all); c >= 0 {
			t.Fatalf("placement %q, path %d: control %U passed through:\n%q", p.name, path, c, all)
		}
	})
}
