package cli

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
)

// Secrets the hostile tests plant. Each is unlike anything the program prints, so any run of
// redact.CutMin of their characters in an output is a leak.
const (
	plantedID      = "client-9"
	plantedSecret  = "Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5cE8gK1nM4"
	plantedSymbols = `Zq8v/N2x+R4t<Y7w>P1k&L"m3s\D6fH9jQ0`
)

// cliResult is one in-process run of the program.
type cliResult struct {
	code        int
	out, errOut string
}

// cliRun runs one command line in process with its own environment and working directory
// files (name -> content, written to a temporary directory the command runs in).
func cliRun(t testing.TB, ctx context.Context, stdin string, environ []string, args ...string) cliResult {
	t.Helper()
	var out, errOut bytes.Buffer
	env := newEnv(strings.NewReader(stdin), &out, &errOut, environ)
	env.now = func() time.Time { return diagnoseNow }
	env.ctx = ctx
	code := run(args, env)
	return cliResult{code, out.String(), errOut.String()}
}

// writeTemp writes content to a file in dir and returns its path.
func writeTemp(t testing.TB, dir, name, content string) string {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// encodedForms are the ways a secret is written in text: raw, URL-encoded, JSON-escaped, and
// the base64 characters that depend on the secret alone at each of the three alignments (so
// a Basic header quoted back shows in them whatever the client id).
func encodedForms(secret string) []string {
	forms := []string{secret, url.QueryEscape(secret), url.PathEscape(secret)}
	if js, err := json.Marshal(secret); err == nil {
		forms = append(forms, string(js[1:len(js)-1]))
	}
	for k := range 3 {
		data := append(make([]byte, k), secret...)
		first, last := (k+2)/3, len(data)/3
		for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
			if last-first >= 2 {
				forms = append(forms, enc.EncodeToString(data)[4*first:4*last])
			}
		}
	}
	return forms
}

// leak returns the first run of redact.CutMin characters of any form of secret that text
// holds, or "".
func leak(text, secret string) string {
	for _, f := range encodedForms(secret) {
		for i := 0; i+redact.CutMin <= len(f); i++ {
			if piece := f[i : i+redact.CutMin]; strings.Contains(text, piece) {
				return piece
			}
		}
	}
	return ""
}

// control returns the first terminal control in text (line feeds and tabs are none), or -1.
func control(text string) rune {
	for _, r := range text {
		if redact.IsControl(r) {
			return r
		}
	}
	return -1
}

func basicOf(id, secret string) string {
	return base64.StdEncoding.EncodeToString([]byte(id + ":" + secret))
}
