package evidence

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// seeds are the shapes each fuzzer starts from: the sample pastes plus a few hostile ones.
func seeds(f *testing.F) {
	files, _ := filepath.Glob("../../assets/samples/*.txt")
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(string(b))
		}
	}
	for _, s := range []string{
		"", "{", "}{", `{"error":`, `{\"error\":\"x\"}`, "HTTP/1.1 999 X\n", "> POST\n< HTTP/1.1 401\n<\n",
		"https://x/cb?&error=%zz&state=", "?code=&state", "Bearer ", "Authorization:", "eyJ.eyJ.", "eyJhbGciOiJub25lIn0.e30.",
		"def50200", "curl '", "curl -H", `oauth2: "`, "resulted in a `", "WWW-Authenticate: Bearer error=\"", "<html><title>",
		strings.Repeat("{", 500), strings.Repeat(`{"a":"`, 100), "\x1b[", "OAuthServerException(code: 8): x",
	} {
		f.Add(s)
	}
}

// runOne runs one recogniser the way Parse does.
func runOne(text string, find func(*scan)) *scan {
	s := &scan{text: normalise(text), now: testNow}
	s.lower = foldASCII(s.text)
	find(s)
	return s
}

func FuzzParse(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		o, err := Parse(text, testNow)
		if err != nil {
			if err.Error() == "" {
				t.Fatal("an error must say what was wrong")
			}
			return
		}
		b, err := json.Marshal(o)
		if err != nil {
			t.Fatalf("observation does not marshal: %v", err)
		}
		var v any
		if err := json.Unmarshal(b, &v); err != nil {
			t.Fatal(err)
		}
		if s, ok := controlIn(v); ok {
			t.Fatalf("the observation quotes a terminal control: %q", s)
		}
	})
}

// controlIn finds a string holding a terminal control anywhere in decoded JSON.
func controlIn(v any) (string, bool) {
	switch t := v.(type) {
	case string:
		for _, r := range t {
			if redact.IsControl(r) && r != '\n' && r != '\t' {
				return t, true
			}
		}
	case []any:
		for _, x := range t {
			if s, ok := controlIn(x); ok {
				return s, true
			}
		}
	case map[string]any:
		for _, x := range t {
			if s, ok := controlIn(x); ok {
				return s, true
			}
		}
	}
	return "", false
}

func FuzzHTTPMessage(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		s := runOne(text, findHTTPMessages)
		for _, p := range s.pieces {
			if p.obs.Status != 0 && (p.obs.Status < 100 || p.obs.Status > 599) {
				t.Fatalf("status %d out of range", p.obs.Status)
			}
		}
	})
}

func FuzzJSONBody(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		runOne(text, findJSON)
		runOne(text, findObjectLiterals)
	})
}

func FuzzURL(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		s := runOne(text, findURLs)
		runOne(text, findFormBodies)
		for _, p := range s.pieces {
			if p.obs.Code != "" && strings.Contains(text, "code="+p.obs.Code) && len(p.obs.Code) > 16 {
				t.Fatalf("code kept whole: %q", p.obs.Code)
			}
		}
	})
}

func FuzzToken(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		if info, err := DecodeToken(text); err == nil {
			if info.Masked == strings.TrimSpace(text) && len(text) > 16 {
				t.Fatal("a decoded token must be masked")
			}
			_ = TokenFacts(info, testNow)
		}
		runOne(text, findTokens)
	})
}

func FuzzWWWAuthenticate(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		_ = authParams(text)
		runOne(text, findWWWAuthenticate)
	})
}

func FuzzCurlCommand(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		_ = shellWords(text)
		runOne(text, findCurlCommands)
	})
}

func FuzzClientErrors(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, text string) {
		runOne(text, findClientErrors)
		s := runOne(text, findTransport)
		for _, p := range s.pieces {
			if len(p.obs.TransportDetail) > 400 {
				t.Fatalf("transport detail is not cut: %d bytes", len(p.obs.TransportDetail))
			}
		}
		runOne(text, findHTML)
		// Whatever Secrets finds, Scrub hides: no value it lists is left whole.
		out := Scrub(text)
		for _, v := range Secrets(text) {
			if len(v) >= redact.CutMin && strings.Contains(out, v) {
				t.Fatalf("Scrub(%q) = %q keeps %q", text, out, v)
			}
		}
	})
}

func FuzzFreeText(f *testing.F) {
	seeds(f)
	for _, s := range []string{
		"[2024-05-02 09:14:03] production.ERROR: x {\"exception\":\"[object] (A\\\\BException(code: 0): y at /a.php:1)\n[stacktrace]\n#0 /a.php(1): A\\BException::accessDenied('The JWT string ...')",
		"exception 'AException' with message 'boom' in /a.php:3", "app_1  | error", "May 02 h u[1]: Fatal error", "\\Exception", ".Error.", "Exception",
		"No route found for \\u0022GET https:\\/\\/x\\/oauth\\/token\\u0022", "The GET method is not supported", "#0", "at ", "> > >",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		s := runOne(text, findFreeText)
		findReceived(s)
		for _, p := range s.pieces {
			if len(p.obs.Text) > maxTextBytes+maxTextLine+1 {
				t.Fatalf("text of %d bytes kept", len(p.obs.Text))
			}
			if strings.Count(p.obs.Exception, ", ") >= maxExceptions {
				t.Fatalf("too many exception names: %q", p.obs.Exception)
			}
		}
		var o knowledge.Observation
		applyReceived(&o, s.heard)
	})
}

func FuzzCredentials(f *testing.F) {
	seeds(f)
	for _, s := range []string{"Basic Nzo=", "Basic OgoK", "Bearer Bearer x", "Beraer x", "Bearer: x", "eyJ", "timeout of 3000ms exceeded",
		"timed out after 2000 milliseconds", "timeout=5", "timeout=99999999999999999999"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		scheme, cred, _ := strings.Cut(text, " ")
		_ = schemeFault(scheme, cred)
		var o knowledge.Observation
		if id, secret, ok := decodeBasic(cred); ok {
			inspectBasic(&o, id, secret)
			if looksLikeSecret(secret) {
				noSecret(t, o, secret)
			}
		}
		if ms, ok := timeoutLimit(strings.ToLower(text)); ok && ms <= 0 {
			t.Fatalf("limit %d ms from %q", ms, text)
		}
	})
}
