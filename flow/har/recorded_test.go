package har

import (
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
)

// Recordings made by a real browser: headless Chromium driven over the DevTools protocol
// through sign-ins to the sandbox (and to the independent fosite server of conformance/),
// written as DevTools exports them. flow/har/recorder makes them; its README says how.

// Markers the recorder plants in the app's session cookie and in a header its single-page
// app sends. They must never reach an output.
const (
	recCookieMarker = "MRK0cookie4f9a2c7e1b"
	recHeaderMarker = "MRK0header8d3b6f0a5c"
)

// at finds a HAR entry by what it is, so an expectation does not hang on entry numbers:
// the nth request (from 1) with this method whose path ends so.
type at struct {
	method, path string
	nth          int
}

// recordedCase is what a recording must yield, decided from the scenario before the engine
// ran on it. kind "" means nothing failed.
type recordedCase struct {
	file  string
	kind  Kind
	where at
	code  string // catalogue entry
	cause string // its leading cause
	note  string // a note the trace must carry ("" none asked)
	why   string
}

var recordedCases = []recordedCase{
	{file: "confidential_ok", note: "no code exchange", why: "a healthy server-side sign-in; the exchange is on the app's server, out of sight"},
	{file: "spa_ok", why: "a healthy PKCE sign-in with the exchange and /api/user in the browser"},
	{file: "user_denied", kind: KindCallback, where: at{"GET", "/callback", 1}, code: "access_denied", cause: "user_denied",
		why: "Cancel on the consent page: the callback brings error=access_denied with league's hint"},
	{file: "code_reused", kind: KindToken, where: at{"POST", "/oauth/token", 2}, code: "invalid_grant", cause: "code_reused",
		why: "the second exchange of a code the first one spent is refused; the first stays a pass"},
	{file: "pkce_mismatch", kind: KindToken, where: at{"POST", "/oauth/token", 1}, code: "invalid_grant", cause: "pkce_mismatch",
		why: "the verifier sent does not hash to the authorize request's challenge, and the server says so"},
	{file: "redirect_uri_mismatch", kind: KindToken, where: at{"POST", "/oauth/token", 1}, code: "invalid_client", cause: "redirect_uri_not_registered",
		why: "league 8.x answers invalid_client for a token redirect_uri (trailing slash) that is not registered"},
	{file: "state_changed", kind: KindCallback, where: at{"GET", "/callback", 1}, code: "state_mismatch", cause: "concurrent_sign_ins",
		why: "two authorize requests in the trace; the callback answers the first, the app holds the second's state"},
	{file: "state_missing", kind: KindCallback, where: at{"GET", "/callback", 1}, code: "state_mismatch", cause: "state_absent_on_callback",
		why: "the authorize URL had no state, so the callback has none, and the app refuses it"},
	{file: "state_cookie_blocked", kind: KindCallback, where: at{"GET", "/callback", 1}, code: "state_mismatch", cause: "session_cookie_not_returned",
		why: "the state matches, but the SameSite=Strict session cookie set at /login is not sent back on the cross-site callback"},
	{file: "unknown_client", kind: KindAuthorize, where: at{"GET", "/oauth/authorize", 1}, code: "invalid_client", cause: "unknown_client",
		why: "the provider refuses the authorize request for a client id it does not know"},
	{file: "scope_unknown", kind: KindCallback, where: at{"GET", "/callback", 1}, code: "invalid_scope", cause: "scope_unknown",
		why: "league 8.x redirects back with invalid_scope (and no state) for an unknown scope"},
	{file: "code_expired", kind: KindToken, where: at{"POST", "/oauth/token", 1}, code: "invalid_grant", cause: "code_expired",
		why: "the server's hint says the code expired (the trace itself shows a prompt exchange)"},
	{file: "token_expired", kind: KindAPI, where: at{"GET", "/api/user", 1}, code: "token_invalid", cause: "token_expired",
		why: "/api/user answers the provider's token_expired body"},
	{file: "html_error", kind: KindToken, where: at{"POST", "/oauth/token", 1}, code: "server_error", cause: "provider_unexpected_failure",
		why: "the token endpoint answers a 500 HTML page"},
	{file: "server_error", kind: KindToken, where: at{"POST", "/oauth/token", 1}, code: "server_error", cause: "provider_unexpected_failure",
		why: "the token endpoint answers 500 server_error JSON"},
	{file: "confidential_exchange_failed", kind: KindCallback, where: at{"GET", "/callback", 1}, code: "server_error", cause: "own_callback_failure",
		note: "no code exchange", why: "the app's server-side exchange fails unseen and the app answers its callback with 500"},
	// Against the independent fosite server: other paths (/oauth2/auth, /login), fosite's words.
	{file: "fosite_ok", note: "no code exchange", why: "a healthy sign-in to another server, with its own sign-in page and a 303 back"},
	{file: "fosite_user_denied", kind: KindCallback, where: at{"GET", "/callback", 1}, code: "access_denied", cause: "user_denied",
		why: "Deny on fosite's page: the callback brings fosite's access_denied"},
	{file: "fosite_scope_unknown", kind: KindCallback, where: at{"GET", "/callback", 1}, code: "invalid_scope", cause: "scope_unknown",
		why: "fosite redirects back with invalid_scope for a scope it does not define"},
}

// knownWrong lists recordings the engine reads wrongly today, with what it gets wrong. A
// listed case that passes fails the test, so the list only shrinks.
var knownWrong = map[string]string{}

func loadRecorded(t *testing.T, name string) ([]byte, *HAR) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "recorded", name+".har"))
	if err != nil {
		t.Fatal(err)
	}
	h, err := Parse(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return b, h
}

// rawHAR is the little of a HAR the test reads itself, apart from the engine.
type rawHAR struct {
	Log struct {
		Entries []struct {
			Request struct {
				Method   string `json:"method"`
				URL      string `json:"url"`
				Headers  []struct{ Name, Value string }
				Cookies  []struct{ Name, Value string }
				PostData *struct {
					Text string `json:"text"`
				} `json:"postData"`
			} `json:"request"`
			Response struct {
				Cookies []struct{ Name, Value string }
				Content struct {
					Text string `json:"text"`
				} `json:"content"`
			} `json:"response"`
		} `json:"entries"`
	} `json:"log"`
}

func decodeRaw(t *testing.T, b []byte) rawHAR {
	t.Helper()
	var r rawHAR
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// entryAt returns the 1-based position of the entry a locator names, 0 if none.
func (r rawHAR) entryAt(w at) int {
	n := 0
	for i, e := range r.Log.Entries {
		u, err := url.Parse(e.Request.URL)
		if err != nil || e.Request.Method != w.method || !strings.HasSuffix(u.Path, w.path) {
			continue
		}
		if n++; n == w.nth {
			return i + 1
		}
	}
	return 0
}

// secrets are the values of the recording that must not reach an output whole: cookies,
// codes, verifiers, client secrets and tokens, read from the file by the test itself.
func (r rawHAR) secrets() []string {
	var out []string
	add := func(v string) {
		if len(v) >= 12 && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	for _, e := range r.Log.Entries {
		for _, c := range append(e.Request.Cookies, e.Response.Cookies...) {
			add(c.Value)
		}
		for _, h := range e.Request.Headers {
			if strings.EqualFold(h.Name, "Authorization") || strings.EqualFold(h.Name, "X-CSRF-Token") {
				add(strings.TrimPrefix(h.Value, "Bearer "))
			}
		}
		if u, err := url.Parse(e.Request.URL); err == nil {
			add(u.Query().Get("code"))
		}
		if p := e.Request.PostData; p != nil {
			if v, err := url.ParseQuery(p.Text); err == nil {
				for _, k := range []string{"code", "code_verifier", "client_secret", "refresh_token", "auth_token"} {
					add(v.Get(k))
				}
			}
		}
		var tok struct {
			Access  string `json:"access_token"`
			Refresh string `json:"refresh_token"`
		}
		if json.Unmarshal([]byte(e.Response.Content.Text), &tok) == nil {
			add(tok.Access)
			add(tok.Refresh)
		}
	}
	return out
}

// TestRecordedSignIns runs the engine over every real-browser recording and compares the
// first failing step, its HAR entry and the diagnosis with the table above.
func TestRecordedSignIns(t *testing.T) {
	cat := catalogue(t)
	files, _ := filepath.Glob(filepath.Join("testdata", "recorded", "*.har"))
	if len(files) < len(recordedCases) {
		t.Fatalf("%d recordings in testdata/recorded, want at least %d", len(files), len(recordedCases))
	}
	for _, c := range recordedCases {
		t.Run(c.file, func(t *testing.T) {
			b, h := loadRecorded(t, c.file)
			raw := decodeRaw(t, b)
			tr := Analyze(h, cat, testNow)
			problems := c.check(tr, raw)
			reason, listed := knownWrong[c.file]
			switch {
			case listed && len(problems) == 0:
				t.Errorf("listed in knownWrong (%s) but now read right: take it off the list", reason)
			case listed:
				t.Logf("known wrong: %s\n  %s", reason, strings.Join(problems, "\n  "))
			case len(problems) > 0:
				t.Errorf("%s\n  %s\n%s", c.why, strings.Join(problems, "\n  "), tr.Text())
			}
		})
	}
}

func (c recordedCase) check(tr Trace, raw rawHAR) []string {
	var p []string
	s, failed := tr.FailingStep()
	if c.kind == "" {
		if failed {
			p = append(p, "step "+s.Summary+" failed; nothing should have")
		}
		for i, st := range tr.Steps {
			if st.Verdict != check.Pass {
				p = append(p, "step "+itoa(i+1)+" ("+string(st.Kind)+") is "+string(st.Verdict)+": "+st.Summary)
			}
		}
	} else {
		want := raw.entryAt(c.where)
		switch {
		case want == 0:
			p = append(p, "the recording has no entry "+c.where.method+" "+c.where.path)
		case !failed:
			p = append(p, "no failing step named")
		case s.Kind != c.kind || s.Entry != want:
			p = append(p, "failing step is "+string(s.Kind)+" at entry "+itoa(s.Entry)+", want "+string(c.kind)+" at entry "+itoa(want))
		}
		best, ok := tr.Diagnosis.Best()
		switch {
		case !ok:
			p = append(p, "no diagnosis")
		case best.Entry.Code != c.code:
			p = append(p, "diagnosis "+strings.Join(codes(tr.Diagnosis), ",")+", want "+c.code)
		case c.cause != "" && (len(best.Causes) == 0 || best.Causes[0].Cause.ID != c.cause):
			p = append(p, "leading cause "+strings.Join(causeIDs(best), ",")+", want "+c.cause)
		}
	}
	if c.note != "" && !slices.ContainsFunc(tr.Notes, func(n string) bool { return strings.Contains(n, c.note) }) {
		p = append(p, "notes "+strings.Join(tr.Notes, " | ")+" lack "+c.note)
	}
	return p
}

func itoa(n int) string {
	b, _ := json.Marshal(n)
	return string(b)
}

// No output of the engine repeats a cookie, a header value, a code, a verifier, a client
// secret or a token of the recording, nor the planted markers, in the trace's JSON or text.
func TestRecordedSecretsStayOut(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join("testdata", "recorded", "*.har"))
	cookies, headers := 0, 0
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".har")
		b, h := loadRecorded(t, name)
		if strings.Contains(string(b), recCookieMarker) {
			cookies++
		}
		if strings.Contains(string(b), recHeaderMarker) {
			headers++
		}
		tr := Analyze(h, catalogue(t), testNow)
		js, err := json.Marshal(tr)
		if err != nil {
			t.Fatal(err)
		}
		out := string(js) + tr.Text()
		secrets := decodeRaw(t, b).secrets()
		if len(secrets) == 0 {
			t.Errorf("%s: the test found no secret to look for; the recording lost its cookies", name)
		}
		for _, s := range append(secrets, recCookieMarker, recHeaderMarker) {
			if strings.Contains(out, s) {
				t.Errorf("%s: the output holds %q", name, s[:min(len(s), 24)])
			}
		}
	}
	if cookies < 2 || headers < 2 {
		t.Errorf("markers planted in %d recordings' cookies and %d recordings' headers, want at least 2 each", cookies, headers)
	}
}
