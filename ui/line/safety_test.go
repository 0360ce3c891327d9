package line

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Secrets planted in a paste: each holds the marker past its first characters, where a
// mask would keep it if it kept too much.
var (
	markJWT     = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJQTEFOVEVEU0VDUkVUIn0.PLANTEDSECRETsig0123456789abcdef"
	markSecret  = "cs_PLANTEDSECRET_9f8e7d6c5b4a39281706"
	markRefresh = "def50200PLANTEDSECRET" + strings.Repeat("0a1b2c3d", 10)
	markCookie  = "ck_PLANTEDSECRET_5f4e3d2c1b0a99887766"
)

const marker = "PLANTEDSECRET"

func plantedPaste() string {
	return strings.Join([]string{
		"> POST /oauth/token HTTP/1.1",
		"> Host: accounts.mubarokah.com",
		"> Authorization: Bearer " + markJWT,
		"> Cookie: laravel_session=" + markCookie,
		"> Content-Type: application/x-www-form-urlencoded",
		">",
		"grant_type=refresh_token&refresh_token=" + markRefresh + "&client_id=9&client_secret=" + markSecret,
		"< HTTP/1.1 400 Bad Request",
		"< Content-Type: application/json",
		"<",
		`{"error":"invalid_grant","error_description":"The refresh token is invalid.","hint":"Token has been revoked"}`,
	}, "\n")
}

// TestPastedSecretsAreNeverShownWhole pastes curl -v output carrying a bearer token, a
// cookie, a refresh token and a client secret, walks to the result, reads the report and
// saves it: neither the output nor the file holds any of them whole, nor the marker inside
// them; the session's secret set has learnt them for everything printed after.
func TestPastedSecretsAreNeverShownWhole(t *testing.T) {
	path := filepath.Join(t.TempDir(), "report.md")
	secrets := &redact.Set{}
	in := lines("2", plantedPaste(), ".", "r", "1", path, "about", "q")
	out, err := runLine(t, in, nil, nil, secrets)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Error: invalid_grant.") || !strings.Contains(out, "Read 11 lines: ") {
		t.Fatalf("the paste did not lead to invalid_grant:\n%s", out)
	}
	if strings.Contains(out, "walk --answers") {
		t.Fatalf("a walk led by evidence offered a replay of its answers alone:\n%s", out)
	}
	md, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("the report was not saved: %v\n%s", err, out)
	}
	for where, text := range map[string]string{"the output": out, "the saved report": string(md)} {
		for _, v := range []string{markJWT, markSecret, markRefresh, markCookie, marker} {
			if strings.Contains(text, v) {
				t.Errorf("%s shows %q", where, v)
			}
		}
	}
	for _, v := range []string{markJWT, markRefresh, markSecret} {
		if got := secrets.Scrub("x " + v + " y"); strings.Contains(got, v) {
			t.Errorf("the session's secret set did not learn %q", v)
		}
	}
}

// TestOutputHasNoControlSequences pastes an answer whose server words carry colour, an
// OSC 52 clipboard write, a title change, a C1 CSI and a bell, and walks on through the
// result and the report: not one control reaches the output, only the words.
func TestOutputHasNoControlSequences(t *testing.T) {
	hostile := "HTTP/1.1 400 Bad Request\nContent-Type: application/json\n\n" +
		`{"error":"invalid_grant","error_description":"The provided authorization grant is invalid",` +
		`"hint":"\u001b[31mAuthorization code has expired\u001b[0m\u001b]52;c;ZXZpbA==\u0007\u001b]0;owned\u0007\u009b2J\u0007"}`
	out, err := runLine(t, lines("2", hostile, ".", "r", "2", "tick", "1", "about", "q", "2"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "Authorization code has expired") {
		t.Fatalf("the server's words were lost:\n%s", out)
	}
	if bad := controls(out); len(bad) > 0 {
		t.Fatalf("control characters in the output: %v\n%q", bad, out)
	}
}

// TestCheckSecretsAreNotRepeated runs the PKCE check with a verifier typed at its prompt:
// the check's result is said, the verifier never.
func TestCheckSecretsAreNotRepeated(t *testing.T) {
	verifier := "vf_" + marker + strings.Repeat("Zq9", 12)
	out, err := runLine(t, lines("1", "4xx", "request", "invalid_grant", "code", "pkce", "run", verifier,
		"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256", "r", "2"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "It is a secret: it is not shown") || !strings.Contains(out, ": pkce. ") {
		t.Fatalf("the check was not asked for or its result not said:\n%s", out)
	}
	if strings.Contains(out, verifier) || strings.Contains(out, marker) {
		t.Fatalf("the verifier was repeated:\n%s", out)
	}
}

// TestLiveCheckRunsAndRoutes: at a live check that can run, "run" runs it through the
// prober, its result is said in words, and the flow goes on from it; a check that cannot
// run says why and is skipped with that reason.
func TestLiveCheckRunsAndRoutes(t *testing.T) {
	cfg := config.Default()
	cfg.ClientID, cfg.ClientSecret = "9", "s3cr3t-value-long-enough"
	fp := &fakeProber{results: map[string]probe.Result{
		probe.IDClientAuth: {ID: probe.IDClientAuth, Name: "Client authentication", Status: check.Fail,
			Summary: "both ways refused: invalid_client", Details: []string{"body: 401 invalid_client", "basic: 401 invalid_client"},
			Obs: knowledge.Observation{Endpoint: "token", Status: 401, Error: "invalid_client", Description: "Client authentication failed"}},
	}}
	out, err := runLine(t, lines("1", "4xx", "config", "invalid_client", "run"), &cfg, fp, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(fp.runs) != 1 || fp.runs[0] != probe.IDClientAuth {
		t.Fatalf("runs %v, want client_auth once", fp.runs)
	}
	for _, w := range []string{"Live check: ", "Failed: Client authentication. both ways refused: invalid_client", "  body: 401 invalid_client"} {
		if !strings.Contains(out, w) {
			t.Fatalf("the output lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, cfg.ClientSecret) {
		t.Fatal("the client secret was shown")
	}
	// Without a secret the check cannot run: it says why, and skipping goes on.
	out, err = runLine(t, lines("1", "4xx", "config", "invalid_client", "1"), nil, &fakeProber{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "It cannot run: needs a client id and secret") || !strings.Contains(out, "(c1_client_id, ") {
		t.Fatalf("the check that cannot run was not skipped with its reason:\n%s", out)
	}
}

// TestLiveChecksFromHome runs every check from the home menu and offers to diagnose one
// that failed in a new session, which starts from its evidence.
func TestLiveChecksFromHome(t *testing.T) {
	cfg := config.Default()
	cfg.ClientID, cfg.ClientSecret = "9", "s3cr3t-value-long-enough"
	fp := &fakeProber{results: map[string]probe.Result{
		probe.IDClientAuth: {ID: probe.IDClientAuth, Name: "Client authentication", Status: check.Fail, Summary: "refused",
			Obs: knowledge.Observation{Endpoint: "token", Status: 401, Error: "invalid_client", Description: "Client authentication failed"}},
	}}
	out, err := runLine(t, lines("3", probe.IDClientAuth), &cfg, fp, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Check 1 of ", "Failed: Client authentication. refused", "Points to invalid_client",
		"Diagnose a check that did not pass?", "A new session starts from the live check client_auth.", "was answered by the evidence", "(c1_probe_auth, "} {
		if !strings.Contains(out, w) {
			t.Fatalf("the output lacks %q:\n%s", w, out)
		}
	}
}

// TestReferenceLookup finds an entry by code, by an HTTP status and by words, and says so
// when nothing matches.
func TestReferenceLookup(t *testing.T) {
	out, err := runLine(t, lines("4", "invalid_scope", "zzqqxx", "refresh token revoked", "1", "", "6"), nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"Error: invalid_scope.", "Resolution steps: ", "Nothing in the reference matches \"zzqqxx\".",
		"match \"refresh token revoked\":", "Goodbye."} {
		if !strings.Contains(out, w) {
			t.Fatalf("the output lacks %q:\n%s", w, out)
		}
	}
}

// blockingProber waits for the context to end, as a live check does on a slow network.
type blockingProber struct{ started chan struct{} }

func (b blockingProber) Run(ctx context.Context, _ config.Config, id string) probe.Result {
	close(b.started)
	<-ctx.Done()
	return probe.Result{ID: id, Status: check.Skip, Summary: "cancelled"}
}

func (b blockingProber) RunAll(ctx context.Context, cfg config.Config, ids []string) []probe.Result {
	return []probe.Result{b.Run(ctx, cfg, ids[0])}
}

// TestInterruptEndsAWaitingSession: an interrupt (the context ending) ends a session that
// waits for an answer, and one that waits for a live check, with the context's error.
func TestInterruptEndsAWaitingSession(t *testing.T) {
	g := graph(t)
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Catalogue: g.Catalogue(), Graph: g, Prober: &fakeProber{}, In: pr, Out: &out})
	}()
	if _, err := pw.Write([]byte("1\n")); err != nil {
		t.Fatal(err)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("waiting for an answer, the interrupt ended it with %v", err)
	}

	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	bp := blockingProber{started: make(chan struct{})}
	go func() {
		done <- Run(ctx, Options{Catalogue: g.Catalogue(), Graph: g, Prober: bp, In: strings.NewReader("3\n"), Out: io.Discard,
			Now: func() time.Time { return testNow }})
	}()
	<-bp.started
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("during a live check, the interrupt ended it with %v", err)
	}
}

// TestLongLineIsCutNotHeld: a line longer than the limit is cut there and the session
// goes on (the rest is not kept in memory).
func TestLongLineIsCutNotHeld(t *testing.T) {
	out, err := runLine(t, strings.Repeat("9", maxLine+10)+"\n6\n", nil, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "is not a choice") && !strings.Contains(out, "is not one of the choices") {
		t.Fatalf("the long line was not refused:\n%.500s", out)
	}
	if !strings.HasSuffix(out, "Goodbye.\n") {
		t.Fatalf("the session did not go on after the long line:\n%.500s", out[max(0, len(out)-500):])
	}
}

// FuzzSession types any input at the prompts: the session ends with nil (the input runs
// out, or a quit), never a panic, and prints no control character whatever was typed.
func FuzzSession(f *testing.F) {
	for _, seed := range []string{
		lines("1", "4xx", "token", "401", "skip", "expired", "tick", "1", "continue", "continue", "fixed", "quit", "2"),
		lines("2", plantedPaste(), ".", "r", "2", "b", "b", "q", "2"),
		lines("2", "\x1b[31m{\"error\":\"invalid_client\"}\x1b]52;c;eA==\x07", "", "\u009b2J", ".", "h", "about", "q", "2"),
		lines("4", "l", "3", "", "5", "x", "-1", "99999999999999999999", "6"),
		lines("1", "4xx", "request", "invalid_grant", "code", "pkce", "run", "v", "c", "plain", "1"),
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := runLine(t, in, nil, &fakeProber{}, nil)
		if err != nil {
			t.Fatalf("the session ended with %v", err)
		}
		if bad := controls(out); len(bad) > 0 {
			t.Fatalf("control characters in the output: %v", bad)
		}
	})
}

// TestLiveChecksAskBeforeSpendingACode: with a code in the settings, running every check
// asks before exchanging it; "no" leaves the code unspent (the check is not run), "yes"
// runs it.
func TestLiveChecksAskBeforeSpendingACode(t *testing.T) {
	for _, answer := range []string{"no", "yes", "n", "y"} {
		cfg := config.Default()
		cfg.ClientID, cfg.ClientSecret, cfg.Code = "9", "s3cr3t-value-long-enough", "def50200"+strings.Repeat("c0de", 12)
		fp := &fakeProber{}
		out, err := runLine(t, lines("3", answer, "6"), &cfg, fp, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(out, "Exchanging the code uses it up") {
			t.Fatalf("%s: the consent question was not asked:\n%s", answer, out)
		}
		ran := slices.Contains(fp.runs, probe.IDCodeExchange)
		if ran != (answer[0] == 'y') {
			t.Fatalf("answered %s, the code exchange ran: %v (runs %v)", answer, ran, fp.runs)
		}
		if strings.Contains(out, cfg.Code) {
			t.Fatal("the code was shown")
		}
	}
}

// TestPresenterModeHidesEvenMaskedPrefixes: with Present, a secret read from a paste is
// said only as "set (n chars)", and the notes given at the start are read after the
// greeting.
func TestPresenterModeHidesEvenMaskedPrefixes(t *testing.T) {
	g := graph(t)
	var out bytes.Buffer
	err := Run(context.Background(), Options{Catalogue: g.Catalogue(), Graph: g, Prober: &fakeProber{}, Present: true,
		Notes: []string{"MUBAROKAH_BASE_URL is not a URL; the default is used."},
		In:    strings.NewReader(lines("2", "Authorization: Bearer "+markJWT, `{"message":"Unauthenticated."}`, ".", "r", "2")), Out: &out})
	if err != nil {
		t.Fatal(err)
	}
	text := out.String()
	if !strings.Contains(text, "set ("+fmt.Sprint(len(markJWT))+" chars)") || strings.Contains(text, markJWT[:4]+"…") || strings.Contains(text, marker) {
		t.Fatalf("presenter mode showed a masked prefix or the secret:\n%s", text)
	}
	greet, note := strings.Index(text, "accessible mode"), strings.Index(text, "Note: MUBAROKAH_BASE_URL is not a URL")
	if greet < 0 || note < greet {
		t.Fatalf("the note is missing or read before the greeting:\n%s", text)
	}
}

// TestSettingsChangedForTheSession: a bad value is said to be wrong and how, a secret is
// taken without being repeated, and the live checks use what was set.
func TestSettingsChangedForTheSession(t *testing.T) {
	const secret = "cs_SETINSESSION_0123456789abcdef01"
	out, err := runLine(t, lines("5", "base-url", "not a url", "base-url", "", "base-url", "https://id.example.test",
		"timeout", "soon", "", "client-id", "9", "client-secret", secret, "home",
		"1", "4xx", "config", "invalid_client"), nil, &fakeProber{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"base-url is set for this session, but it contains whitespace", "base-url is unchanged.",
		"Not changed: ", "timeout is unchanged.", "base-url: https://id.example.test, from set in this session.", "client-id is set for this session.",
		"client-secret is set for this session.", "client-secret: cs_S…", "Run it now?"} {
		if !strings.Contains(out, w) {
			t.Fatalf("the output lacks %q:\n%s", w, out)
		}
	}
	if strings.Contains(out, secret) || strings.Contains(out, "SETINSESSION") {
		t.Fatalf("the secret was repeated:\n%s", out)
	}
}
