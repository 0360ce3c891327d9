package har

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzHAR feeds anything to the whole path a HAR takes: Parse, Secrets, Analyze, and the
// trace's JSON and text. Nothing may panic, and a refusal must say why.
func FuzzHAR(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.har")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	for _, s := range []string{
		"", "{", `{"log":{}}`, `{"log":{"version":"1.2","entries":[]}}`, `{"log":{"version":"1.2","entries":[{}]}}`,
		`{"log":{"version":"1.2","entries":[{"request":{"url":"https://a/oauth/authorize?response_type=code&client_id=x&state="},"response":{"status":302,"redirectURL":"?code=1&state=2#code=3"}}]}}`,
		`{"log":{"version":"1.2","entries":[{"request":{"method":"POST","url":"https://a/oauth/token","postData":{"text":"grant_type=authorization_code&code=%zz&code_verifier="}},"response":{"status":0,"_error":"net::ERR_CERT_DATE_INVALID"}}]}}`,
		`{"log":{"version":"1.2","entries":[{"request":{"url":"x","headers":[{"name":"Authorization","value":"Basic %%%"}]},"response":{"content":{"text":"=","encoding":"base64"}}}]}}`,
		"\xef\xbb\xbf" + `{"version":"1.2","entries":[{"request":{"method":7,"url":["x"]}}]}`,
		`text "log" {"log": {"version": 1.2, "entries": [` + strings.Repeat(`{"request":{"url":"https://a/cb?error=x&state=y"}},`, 20) + `{}]}} more`,
	} {
		f.Add([]byte(s))
	}
	cat := catalogue(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		h, err := Parse(data)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("a refusal must say what was wrong")
			}
			return
		}
		_ = h.Secrets()
		tr := Analyze(h, cat, testNow)
		if tr.Failing >= len(tr.Steps) || tr.Failing < -1 {
			t.Fatalf("failing step %d out of range of %d steps", tr.Failing, len(tr.Steps))
		}
		if _, err := json.Marshal(tr); err != nil {
			t.Fatalf("the trace does not marshal: %v", err)
		}
		_ = tr.Text()
	})
}
