package har

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// testNow is well after the recordings: tokens in them must be judged at their own time.
var testNow = time.Date(2026, 11, 27, 12, 0, 0, 0, time.UTC)

func catalogue(t testing.TB) *knowledge.Catalogue {
	t.Helper()
	cat, err := knowledge.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

func load(t testing.TB, name string) *HAR {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	h, err := Parse(b)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return h
}

func kinds(tr Trace) []Kind {
	var out []Kind
	for _, s := range tr.Steps {
		out = append(out, s.Kind)
	}
	return out
}

// A healthy sign-in in each browser's dialect: every OAuth step found, in time order, and
// nothing named as wrong.
func TestHealthySignInsNameNothing(t *testing.T) {
	cat := catalogue(t)
	for _, c := range []struct {
		file  string
		kinds []Kind
	}{
		{"chrome_spa_ok.har", []Kind{KindAuthorize, KindSignIn, KindSignIn, KindAuthorize, KindConsent, KindCallback, KindToken, KindAPI}},
		{"firefox_server_ok.har", []Kind{KindAuthorize, KindConsent, KindCallback}},
		{"safari_spa_ok.har", []Kind{KindAuthorize, KindCallback, KindToken, KindAPI}},
	} {
		t.Run(c.file, func(t *testing.T) {
			tr := Analyze(load(t, c.file), cat, testNow)
			if got := kinds(tr); !slices.Equal(got, c.kinds) {
				t.Fatalf("steps %v, want %v\n%s", got, c.kinds, tr.Text())
			}
			if tr.Failing != -1 || len(tr.Diagnosis.Entries) != 0 {
				t.Errorf("a healthy sign-in named step %d as failing\n%s", tr.Failing+1, tr.Text())
			}
			for i, s := range tr.Steps {
				if s.Verdict != check.Pass {
					t.Errorf("step %d (%s) is %s, want pass: %s %v", i+1, s.Kind, s.Verdict, s.Summary, s.Findings)
				}
				if i > 0 && s.Time.Before(tr.Steps[i-1].Time) {
					t.Errorf("step %d comes before step %d in time", i+1, i)
				}
			}
			if !strings.Contains(tr.Text(), "No step went wrong.") {
				t.Errorf("the text does not say nothing went wrong:\n%s", tr.Text())
			}
		})
	}
}

// Each fault: the first step that went wrong, its HAR entry, the fact the cross-step check
// put on it, and the catalogue's entry and leading cause.
func TestFaultsNameTheFirstFailingStep(t *testing.T) {
	cat := catalogue(t)
	for _, c := range []struct {
		file  string
		kind  Kind
		entry int    // 1-based position in log.entries
		fact  string // "" when the step's own answer says it all
		code  string // the best entry
		cause string // its leading cause ("" when the evidence cannot tell)
	}{
		{"state_changed.har", KindCallback, 5, knowledge.FactStateMismatch, "state_mismatch", ""},
		{"state_missing.har", KindCallback, 5, knowledge.FactStateMissing, "state_mismatch", "state_absent_on_callback"},
		{"redirect_uri_differs.har", KindToken, 12, knowledge.FactRedirectMismatch, "invalid_client", "redirect_uri_not_registered"},
		{"pkce_mismatch.har", KindToken, 12, knowledge.FactPKCEMismatch, "invalid_grant", "pkce_mismatch"},
		{"code_old.har", KindToken, 12, knowledge.FactCodeOld, "invalid_grant", "code_expired"},
		{"token_other_host.har", KindToken, 12, knowledge.FactTokenHostDiffers, "invalid_grant", "code_malformed"},
		{"code_reused.har", KindToken, 13, knowledge.FactCodeReused, "invalid_grant", "code_reused"},
		{"refresh_reused.har", KindRefresh, 16, knowledge.FactRefreshReused, "invalid_grant", "refresh_revoked"},
		{"callback_replayed.har", KindCallback, 7, knowledge.FactCallbackReplayed, "state_mismatch", "callback_replayed"},
		{"access_denied.har", KindCallback, 5, "", "access_denied", "user_denied"},
		{"unfollowed_callback.har", KindCallback, 2, "", "invalid_scope", "scope_unknown"},
	} {
		t.Run(c.file, func(t *testing.T) {
			tr := Analyze(load(t, c.file), cat, testNow)
			s, ok := tr.FailingStep()
			if !ok {
				t.Fatalf("no failing step named\n%s", tr.Text())
			}
			if s.Kind != c.kind || s.Entry != c.entry || s.Verdict != check.Fail {
				t.Fatalf("failing step is %s at entry %d (%s), want %s at entry %d\n%s", s.Kind, s.Entry, s.Verdict, c.kind, c.entry, tr.Text())
			}
			for i := range tr.Failing {
				if tr.Steps[i].Verdict == check.Fail {
					t.Errorf("step %d failed before the named one", i+1)
				}
			}
			if c.fact != "" && !s.Obs.HasFact(c.fact) {
				t.Errorf("the failing step lacks fact %s: %+v", c.fact, s.Obs.Facts)
			}
			if c.fact != "" && len(s.Findings) == 0 {
				t.Errorf("the failing step says nothing of the cross-step finding")
			}
			best, ok := tr.Diagnosis.Best()
			if !ok || best.Entry.Code != c.code {
				t.Fatalf("diagnosis %v, want %s\n%s", codes(tr.Diagnosis), c.code, tr.Text())
			}
			if c.cause != "" && (len(best.Causes) == 0 || best.Causes[0].Cause.ID != c.cause) {
				t.Errorf("leading cause %v, want %s\n%s", causeIDs(best), c.cause, tr.Text())
			}
			if !strings.Contains(tr.Text(), "First step that went wrong: step ") {
				t.Errorf("the text does not name the failing step:\n%s", tr.Text())
			}
		})
	}
}

func codes(d knowledge.Diagnosis) []string {
	var out []string
	for _, m := range d.Entries {
		out = append(out, m.Entry.Code)
	}
	return out
}

func causeIDs(m knowledge.EntryMatch) []string {
	var out []string
	for _, c := range m.Causes {
		out = append(out, c.Cause.ID)
	}
	return out
}

// A code or refresh token used twice is named only on the second use, and a healthy
// token request before it stays a pass.
func TestFirstUseOfAValueStaysAPass(t *testing.T) {
	tr := Analyze(load(t, "refresh_reused.har"), catalogue(t), testNow)
	var refreshes []Step
	for _, s := range tr.Steps {
		if s.Kind == KindRefresh {
			refreshes = append(refreshes, s)
		}
	}
	if len(refreshes) != 2 || refreshes[0].Verdict != check.Pass || refreshes[0].Obs.HasFact(knowledge.FactRefreshReused) {
		t.Fatalf("want two refreshes, the first a clean pass: %+v", refreshes)
	}
}

// A token in a trace is judged at the moment it was used, not when the trace is read: the
// healthy Chrome recording's API call must not report an expired token months later.
func TestTokensJudgedAtTheirOwnTime(t *testing.T) {
	tr := Analyze(load(t, "chrome_spa_ok.har"), catalogue(t), testNow)
	for _, s := range tr.Steps {
		if s.Obs.HasFact(knowledge.FactTokenExpired) {
			t.Errorf("step %s says the token expired, judged against the reading time", s.Kind)
		}
		if s.Kind == KindAPI && (s.Obs.Token == nil || s.Obs.Token.Subject != "42") {
			t.Errorf("the API call's bearer token was not decoded: %+v", s.Obs.Token)
		}
	}
}

// Without a catalogue the trace is still built; only the diagnosis is left out.
func TestAnalyzeWithoutCatalogue(t *testing.T) {
	tr := Analyze(load(t, "pkce_mismatch.har"), nil, testNow)
	if _, ok := tr.FailingStep(); !ok || len(tr.Diagnosis.Entries) != 0 {
		t.Fatalf("want a failing step and no diagnosis, got failing=%d entries=%d", tr.Failing, len(tr.Diagnosis.Entries))
	}
}

// A server-side app's code exchange never reaches the browser: the trace says so instead
// of implying the exchange was checked.
func TestNotesSayWhatTheRecordingLacks(t *testing.T) {
	tr := Analyze(load(t, "firefox_server_ok.har"), nil, testNow)
	if !slices.ContainsFunc(tr.Notes, func(n string) bool { return strings.Contains(n, "no code exchange") }) {
		t.Errorf("notes %q do not say the exchange is out of sight", tr.Notes)
	}
	tr = Analyze(load(t, "unfollowed_callback.har"), nil, testNow)
	if s, ok := tr.FailingStep(); !ok || s.Status != 0 || !strings.Contains(s.URL, "error=invalid_scope") {
		t.Errorf("the unfollowed callback should be read from the redirect's Location: %+v", s)
	}
}

// A mistyped password on the provider's form, or an API call refused and then repeated
// with success, did not stop the sign-in: they are warnings, and nothing is named.
func TestRecoveredFailuresAreWarnings(t *testing.T) {
	h := load(t, "chrome_spa_ok.har")
	var extra []entry
	for _, e := range h.entries {
		switch {
		case e.req.method == "POST" && strings.HasSuffix(e.req.url, "/login"):
			typo := e
			typo.started = e.started.Add(-3 * time.Second)
			typo.resp.status, typo.resp.body, typo.resp.recorded = 422, []byte(`{"message":"These credentials do not match our records."}`), true
			extra = append(extra, typo)
		case e.req.method == "GET" && strings.HasSuffix(e.req.url, "/api/user"):
			refused := e
			refused.started = e.started.Add(-100 * time.Millisecond)
			refused.resp.status, refused.resp.body, refused.resp.recorded = 401, []byte(`{"message":"Unauthenticated."}`), true
			extra = append(extra, refused)
		}
	}
	if len(extra) != 2 {
		t.Fatalf("the Chrome recording changed: found %d entries to vary, want 2", len(extra))
	}
	h.entries = append(h.entries, extra...)
	sortEntries(h.entries)
	tr := Analyze(h, catalogue(t), testNow)
	if tr.Failing != -1 {
		t.Fatalf("a recovered failure was named:\n%s", tr.Text())
	}
	warned := 0
	for _, s := range tr.Steps {
		if s.Verdict == check.Warn && (s.Status == 422 || s.Status == 401) {
			warned++
		}
	}
	if warned != 2 {
		t.Errorf("%d recovered steps marked as warnings, want 2\n%s", warned, tr.Text())
	}
}

// Chrome's default export strips Cookie, Set-Cookie and Authorization headers: an API call
// without one is then not evidence of a missing token, and the trace says why it cannot tell.
func TestSanitizedExportIsNotAMissingToken(t *testing.T) {
	h := load(t, "chrome_spa_ok.har")
	strip := func(fs []field) []field {
		var out []field
		for _, f := range fs {
			switch strings.ToLower(f.name) {
			case "cookie", "set-cookie", "authorization":
			default:
				out = append(out, f)
			}
		}
		return out
	}
	for i := range h.entries {
		e := &h.entries[i]
		e.req.headers, e.resp.headers, e.req.cookies, e.resp.cookies = strip(e.req.headers), strip(e.resp.headers), nil, nil
		if strings.HasSuffix(e.req.url, "/api/user") && e.req.method == "GET" {
			e.resp.status, e.resp.body = 401, []byte(`{"message":"Unauthenticated."}`)
		}
	}
	tr := Analyze(h, catalogue(t), testNow)
	s, ok := tr.FailingStep()
	if !ok || s.Kind != KindAPI {
		t.Fatalf("want the API call to fail:\n%s", tr.Text())
	}
	if s.Obs.HasFact(knowledge.FactTokenMissing) {
		t.Errorf("a stripped header was read as a token never sent")
	}
	if !slices.ContainsFunc(tr.Notes, func(n string) bool { return strings.Contains(n, "sanitized") }) {
		t.Errorf("notes %q do not say the export was sanitized", tr.Notes)
	}
}
