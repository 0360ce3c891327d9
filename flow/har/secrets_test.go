package har

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/har/hartest"
)

func marker(where string) string { return hartest.Marker(where) }

func plantedHAR(t *testing.T) ([]byte, []string) {
	t.Helper()
	return hartest.Planted()
}

// Every planted secret is listed by Secrets, and none appears whole in the trace, whether
// marshalled to JSON or rendered as text with its diagnosis.
func TestNoSecretLeavesTheTrace(t *testing.T) {
	doc, markers := plantedHAR(t)
	h, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	secrets := h.Secrets()
	for _, mk := range markers {
		if !slices.Contains(secrets, mk) {
			t.Errorf("Secrets() misses %s", mk)
		}
	}
	tr := Analyze(h, catalogue(t), testNow)
	if len(tr.Steps) < 5 {
		t.Fatalf("the planted trace should have its steps found, got:\n%s", tr.Text())
	}
	js, err := json.Marshal(tr)
	if err != nil {
		t.Fatal(err)
	}
	out := string(js) + "\n" + tr.Text()
	for _, m := range tr.Diagnosis.Entries {
		for _, c := range m.Causes {
			out += strings.Join(c.Signals, "\n")
		}
		out += strings.Join(m.Signals, "\n")
	}
	for _, mk := range markers {
		if strings.Contains(out, mk) {
			t.Errorf("%s appears whole in the trace", mk)
		}
	}
	if !strings.Contains(out, "zzMA") {
		t.Error("no masked marker in the output at all: the test would pass on an empty trace")
	}
}

// Secrets keeps ordinary words out, so scrubbing with it does not mangle what a person reads.
func TestSecretsLeaveOrdinaryValuesAlone(t *testing.T) {
	doc, _ := plantedHAR(t)
	h, err := Parse(doc)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range h.Secrets() {
		switch s {
		case "dark", "Bearer", "view-user", "authorization_code", "https://app.test/cb", "accounts.mubarokah.com", "st-1234567890abcdef":
			t.Errorf("%q is not a secret", s)
		}
	}
}

func TestMaskURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://a.test/cb?code=abcdefghijklmnopqrstu&state=xyz": "https://a.test/cb?code=abcd…(21 chars)&state=xyz",
		"https://a.test/x?_token=Hq3Kd9Lm2Np5Qr8St1Uv&lang=en":   "https://a.test/x?_token=Hq3K…(20 chars)&lang=en",
		"https://a.test/x?sessionid=abc123def456":                "https://a.test/x?sessionid=…(12 chars)",
		"https://a.test/x?token_type=Bearer&theme_key=dark":      "https://a.test/x?token_type=Bearer&theme_key=dark",
	} {
		if got := maskURL(in); got != want {
			t.Errorf("maskURL(%s) = %s, want %s", in, got, want)
		}
	}
}

// An application's script quotes secrets' labels beside variable names, not values: the
// names stay out of the set, so words like "verifier" are not masked in every output.
func TestSecretsSkipProgramText(t *testing.T) {
	for v, want := range map[string]bool{"verifier": true, "cfg.clientSecret": true, "randomString(48": true,
		"bug.freshVerifier": true, "Bearer": true, "def50200a1b2c3": false, "zzMARK-code-7Q2w9E4r1T6y": false,
		"eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2ln": false, "abc123def456": false} {
		if got := codeLike(v); got != want {
			t.Errorf("codeLike(%q) = %v, want %v", v, got, want)
		}
	}
	_, h := loadRecorded(t, "pkce_mismatch")
	for _, s := range h.Secrets() {
		if codeLike(s) && !strings.ContainsAny(s, "%") {
			t.Errorf("%q from the app's script is listed as a secret", s)
		}
	}
}

// Host names are never masked: the pieces the set hides of a secret must not reach the
// provider's own name, as they did when a whole Cookie header ("mubarokah_session=…")
// was a secret.
func TestHostsStayReadable(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.har"))
	rec, _ := filepath.Glob(filepath.Join("testdata", "recorded", "*.har"))
	maskedHost := regexp.MustCompile(`://[^/?#\s]*…\(`)
	for _, f := range append(files, rec...) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		h, err := Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if m := maskedHost.FindString(Analyze(h, nil, testNow).Text()); m != "" {
			t.Errorf("%s: a host is masked: %s", f, m)
		}
	}
}
