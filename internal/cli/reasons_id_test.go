package cli

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// englishWords give away a reason left in English once the server's quoted words are taken
// out: small words no Indonesian sentence of ours uses.
var englishWords = []string{" the ", " is ", " was ", " not ", " with ", " from ", " sent ", " says ",
	" has ", " and ", " near ", " no ", " of ", " for ", " its ", " but ", " names ", " which ", " an ",
	" to ", " in ", " on ", " by ", " it ", " are ", " were ", " at ", " as ", " or ", " The ", " It "}

// quotedRe is the server's text a reason quotes, which stays as the server wrote it.
// A value in single quotes may hold single quotes itself ('AppAuthError { message: 'Error: …' }'),
// so one runs to the last of them; an HTTP status line (405 Method Not Allowed) is kept as on the wire.
var quotedRe = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'.*'|` + "`[^`]*`" + `|\b[1-5][0-9]{2}(?: [A-Z][A-Za-z-]*)+`)

// stillEnglish says whether a reason shown in Indonesian is still English: one of the small
// English words is left once the quoted words, and the parts that are the paste's own text
// (a log line a fact quotes whole), are taken out.
func stillEnglish(paste, id string) bool {
	flat := strings.Join(strings.Fields(paste), " ")
	var kept []string
	for _, part := range strings.Split(id, "; ") {
		if inPaste(flat, part) {
			continue
		}
		kept = append(kept, part)
	}
	for i, part := range kept {
		kept[i] = quotedRe.ReplaceAllString(part, `""`)
	}
	// Case counts: a status phrase ("Not Found") is the wire's, "not" in a sentence is ours.
	bare := " " + strings.Join(kept, " ") + " "
	bare = strings.NewReplacer(",", " ", ":", " ", "(", " ", ")", " ").Replace(bare)
	for _, w := range englishWords {
		if strings.Contains(bare, w) {
			return true
		}
	}
	return false
}

// inPaste says whether a part of a reason is the paste's own words, cut with "…" where the
// reader shortened them.
func inPaste(flat, part string) bool {
	found := false
	for _, chunk := range strings.Split(strings.Join(strings.Fields(part), " "), "…") {
		if chunk = strings.TrimSpace(chunk); len(chunk) < 12 {
			continue
		}
		if !strings.Contains(flat, chunk) {
			return false
		}
		found = true
	}
	return found
}

// Every reason a diagnosis or a walk gives for a paste of the two corpora (and for the HAR
// reader's recordings) reads in Indonesian: the sentences the evidence readers write about what they read, the matcher's
// and the flow's notes. A new evidence sentence fails here, listed with what to add to
// internal/lang's reason tables.
func TestEveryReasonOfTheCorporaInIndonesian(t *testing.T) {
	var files []string
	for _, glob := range []string{"testdata/realworld/cases/*", "testdata/corpus/*--*--*"} {
		m, err := filepath.Glob(filepath.Join(repoRoot, glob))
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 500 {
		t.Fatalf("only %d pastes found", len(files))
	}
	now := time.Date(2026, 12, 6, 8, 0, 0, 0, time.UTC)
	for i, paste := range craftedPastes(now) {
		name := filepath.Join(t.TempDir(), fmt.Sprintf("crafted-%d.txt", i))
		if err := os.WriteFile(name, []byte(paste), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, name)
	}
	cat, err := knowledge.BuiltinIn("id")
	if err != nil {
		t.Fatal(err)
	}
	g, err := flow.BuiltinIn(cat, "id")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	var english []string
	total := 0
	add := func(file, text, r string) {
		if r == "" || seen[r] {
			return
		}
		seen[r] = true
		total++
		id := lang.Indonesian.Reason(r)
		if stillEnglish(text, id) {
			english = append(english, r+"\n    => "+id+"\t("+filepath.Base(file)+")")
		}
	}
	// shown checks a reason as the program printed it in Indonesian (diagnose --json).
	shown := func(file, text, id string) {
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		total++
		if stillEnglish(text, id) {
			english = append(english, id+"\t("+filepath.Base(file)+")")
		}
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(raw)
		obs, vals, err := evidence.ParseAll(text, now)
		if err != nil {
			continue
		}
		if checks, err := check.Plan(check.Given{Lang: lang.Indonesian}, vals, obs, now); err == nil {
			for _, r := range checks {
				obs.Merge(r.Obs)
			}
		}
		// Every fact the readers wrote, whether or not a signal quotes it today.
		for _, fct := range obs.Facts {
			add(f, text, fct.Detail)
		}
		for _, m := range cat.Match(obs).Entries {
			for _, s := range m.Signals {
				add(f, text, s)
			}
			for _, c := range m.Causes {
				for _, s := range c.Signals {
					add(f, text, s)
				}
			}
		}
		ev, err := flow.PasteText(text, now)
		if err != nil {
			continue
		}
		s, _ := flow.ReplayFrom(g, g.Start(), nil, flow.ReplayOptions{Evidence: []knowledge.Observation{ev.Obs}})
		for _, st := range s.Steps {
			add(f, text, st.Why)
		}
	}
	// Browser recordings: the HAR reader's own findings, and the checks it runs across steps.
	hars, err := filepath.Glob(filepath.Join(repoRoot, "flow", "har", "testdata", "*.har"))
	if err != nil {
		t.Fatal(err)
	}
	recorded, _ := filepath.Glob(filepath.Join(repoRoot, "flow", "har", "testdata", "recorded", "*.har"))
	for _, f := range append(hars, recorded...) {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		code, out, errOut := runCLI(t, "", "--lang", "id", "diagnose", "--json", "--har", f)
		if code != exitOK && code != exitProblem {
			t.Errorf("%s: exit %d: %s", f, code, errOut)
			continue
		}
		var d struct {
			Diagnoses []struct {
				Signals []string `json:"signals"`
				Causes  []struct {
					Signals []string `json:"signals"`
				} `json:"causes"`
			} `json:"diagnoses"`
		}
		if err := json.Unmarshal([]byte(out), &d); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, e := range d.Diagnoses {
			for _, s := range e.Signals {
				shown(f, string(raw), s)
			}
			for _, c := range e.Causes {
				for _, s := range c.Signals {
					shown(f, string(raw), s)
				}
			}
		}
	}
	slices.Sort(english)
	t.Logf("%d of %d reasons read in Indonesian", total-len(english), total)
	if len(english) > 0 {
		t.Errorf("%d reasons are still English in Indonesian; add their shape to internal/lang/reasons_evidence.go:\n%s",
			len(english), strings.Join(english, "\n"))
	}
}

// craftedPastes hold what the corpora happen not to: the evidence readers' other sentences
// (Basic credentials at fault, a token in the wrong place, a request the server answered
// oddly), so that each is checked too.
func craftedPastes(now time.Time) []string {
	b64 := base64.StdEncoding.EncodeToString
	jwt := func(claims string) string {
		enc := base64.RawURLEncoding.EncodeToString
		return enc([]byte(`{"alg":"RS256","typ":"JWT"}`)) + "." + enc([]byte(claims)) + ".c2lnbmF0dXJl"
	}
	secret := "Zq8X3mN5pL2vR7tY9wK4bH6jD1fG0sAe"
	return []string{
		"POST /oauth/token HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Basic " + b64([]byte(secret+":123")) +
			"\n\nHTTP/1.1 401 Unauthorized\n\n{\"error\":\"invalid_client\"}",
		"POST /oauth/token HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Basic " + b64([]byte("123\n: "+secret+"%0A")) +
			"\n\nHTTP/1.1 401 Unauthorized\n\n{\"error\":\"invalid_client\"}",
		"POST /oauth/token HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Basic " + b64([]byte(":")) +
			"\n\nHTTP/1.1 401 Unauthorized\n\n{\"error\":\"invalid_client\"}",
		"POST /oauth/token HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Basic not-base64!\n\nHTTP/1.1 401 Unauthorized\nWWW-Authenticate: Basic realm=\"OAuth\"\n\n{\"error\":\"invalid_client\"}",
		"GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Token abc\n\nHTTP/1.1 401 Unauthorized\n\n{\"message\":\"Unauthenticated.\"}",
		"GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Bearer: " + jwt(`{"exp":1}`) + "\n\nHTTP/1.1 401 Unauthorized\n\n{\"message\":\"Unauthenticated.\"}",
		"GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Baerer " + jwt(`{"exp":1}`) + "\n\nHTTP/1.1 401 Unauthorized\n\n{\"message\":\"Unauthenticated.\"}",
		"GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Bearer Bearer " + jwt(`{"exp":1}`) + "\n\nHTTP/1.1 401 Unauthorized\n\n{\"message\":\"Unauthenticated.\"}",
		"GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: " + jwt(`{"exp":1}`) + "\n\nHTTP/1.1 401 Unauthorized\n\n{\"message\":\"Unauthenticated.\"}",
		"GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Bearer\n\nHTTP/1.1 401 Unauthorized\n\n{\"message\":\"Unauthenticated.\"}",
		"GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Bearer abc.def\n\nHTTP/1.1 401 Unauthorized\n\n{\"message\":\"Unauthenticated.\"}",
		"GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Bearer " + jwt(fmt.Sprintf(`{"iat":%d,"nbf":%d,"exp":%d,"aud":"1","jti":"x"}`, now.Unix()+7200, now.Unix()+7200, now.Unix()+3600)) +
			"\n\nHTTP/1.1 401 Unauthorized\n\n{\"message\":\"Unauthenticated.\"}",
		"GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Bearer " + jwt(fmt.Sprintf(`{"iat":%d,"exp":%d}`, now.Unix()+90, now.Unix()+3600)) +
			"\n\nHTTP/1.1 401 Unauthorized\n\n{\"message\":\"Unauthenticated.\"}",
		"curl -u 123:" + secret + " -X POST https://accounts.mubarokah.com/oauth/token -H 'Content-Type: application/json' -d '{\"grant_type\":\"authorization_code\"}'",
		`{"grant_type":"authorization_code","code":"def50200abc","client_id":"1"}`,
		`{"access_token":"` + jwt(`{"exp":1}`) + `","token_type":"Bearer","expires_in":0}`,
		"POST /oauth/token HTTP/1.1\nHost: accounts.mubarokah.com\nContent-Type: application/json\n\n{\"grant_type\":\"refresh_token\"}\n\nHTTP/1.1 302 Found\nLocation: https://accounts.mubarokah.com/login\n\n",
		"HTTP/1.1 500 Internal Server Error\nContent-Length: 0\n\n",
		"HTTP/1.1 401 Unauthorized\nContent-Type: text/html\n\n<html><head><title>Log in</title></head><body><form><input name=\"password\"></form></body></html>",
		"HTTP/1.1 404 Not Found\nContent-Type: text/html\n\n<html><head><title>Oops</title></head><body>gone</body></html>",
		"$ curl -i http://accounts.mubarokah.com/oauth/token\nHTTP/1.1 301 Moved Permanently\nLocation: https://elsewhere.example.net/oauth/token\n",
		"$ curl -i https://accounts.mubarokah.com/oauth/token\nHTTP/1.1 302 Found\nLocation: http://accounts.mubarokah.com/oauth/token\n",
		"https://app.test/callback?code=def50200aaaabbbbccccdddd",
		"https://accounts.mubarokah.com/oauth/token?grant_type=authorization_code&code=x",
		"Error: timeout of 2000ms exceeded\n    at createError (node_modules/axios/lib/core/createError.js:16:15) POST https://accounts.mubarokah.com/oauth/token",
		"APP_URL=http://localhost:8000\ncURL error 7: Failed to connect to localhost port 80: Connection refused",
		"GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAccept: application/json\n\nHTTP/1.1 200 OK\n\n{}",
		"curl https://accounts.mubarokah.com/api/user -H 'Accept: application/json'",
		"HTTP/1.1 429 Too Many Requests\nRetry-After: 30\n\n{\"message\":\"Too Many Attempts.\"}",
	}
}
