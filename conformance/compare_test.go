package conformance

import (
	"encoding/json"
	"strings"
	"testing"
)

// The judge itself: a report that matches passes, and each kind of disagreement is caught.
func TestCompareCatchesEachDisagreement(t *testing.T) {
	c := checkCase{name: "x", want: []verdict{
		pass(pDiscovery),
		fail(pCodeExchange, "invalid_grant", "pkce_mismatch"),
		passOrWarn(pClientAuth, "invalid_client", "auth_method_mismatch"),
		fail(pUser, "token_invalid").not("token_missing"),
		fail(pAuthorize, "invalid_client").saying("basic"),
	}}
	good := `{"checks":[{"id":"discovery","status":"pass"},
		{"id":"code_exchange","status":"fail","diagnosis":{"code":"invalid_grant","causes":["pkce_mismatch","code_reused"]}},
		{"id":"client_auth","status":"warn","diagnosis":{"code":"invalid_client","causes":["auth_method_mismatch"]}},
		{"id":"api_user","status":"fail","diagnosis":{"code":"token_invalid","causes":["token_expired"]}},
		{"id":"authorize","status":"fail","summary":"HTTP Basic works","diagnosis":{"code":"invalid_client","causes":[]}}]}`
	if p, _ := compare(c, parse(t, good, 1)); len(p) != 0 {
		t.Fatalf("a matching report was judged wrong: %v", p)
	}
	for name, tc := range map[string]struct {
		from, to string
		exit     int
		want     string
	}{
		"status":       {`"id":"discovery","status":"pass"`, `"id":"discovery","status":"warn"`, 1, "discovery: warn"},
		"entry":        {`"code":"invalid_grant"`, `"code":"invalid_request"`, 1, "diagnosed invalid_request"},
		"first cause":  {`["pkce_mismatch","code_reused"]`, `["code_reused","pkce_mismatch"]`, 1, "want pkce_mismatch first"},
		"ruled out":    {`["token_expired"]`, `["token_missing"]`, 1, "rules out"},
		"summary":      {`HTTP Basic works`, `the body works`, 1, `does not say "basic"`},
		"no diagnosis": {`"status":"warn","diagnosis":{"code":"invalid_client","causes":["auth_method_mismatch"]}`, `"status":"warn"`, 1, "no diagnosis"},
		"missing":      {`{"id":"discovery","status":"pass"},`, ``, 1, "discovery: no such check"},
		"exit":         {``, ``, 0, "exit: 0, want 1"},
	} {
		p, _ := compare(c, parse(t, strings.Replace(good, tc.from, tc.to, 1), tc.exit))
		if !strings.Contains(strings.Join(p, "\n"), tc.want) {
			t.Errorf("%s: problems %q, want one saying %q", name, p, tc.want)
		}
	}
}

func parse(t *testing.T, js string, exit int) outcome {
	t.Helper()
	o := outcome{exit: exit, stdout: js}
	if err := json.Unmarshal([]byte(js), &o.rep); err != nil {
		t.Fatal(err)
	}
	return o
}

func TestLeakedFindsASecretWithoutShowingIt(t *testing.T) {
	const secret = "s3cr3t-value-0123456789"
	got := leaked(`{"summary":"sent s3cr3t-value-0123456789"}`, []string{"other", secret, ""})
	if len(got) != 1 || strings.Contains(got[0], secret) {
		t.Fatalf("leaked = %q", got)
	}
	if got := leaked("clean", []string{secret}); len(got) != 0 {
		t.Fatalf("leaked = %q in clean output", got)
	}
}

func TestKnownFailureExcusesOnlyWhatItNames(t *testing.T) {
	saved := knownFailing
	t.Cleanup(func() { knownFailing = saved })
	problems := []string{"client_auth: fail", "exit: 1, want 0", "refresh: fail"}

	knownFailing = map[string]string{"c/client_auth": "seen"}
	if reason, excused, rest := knownFailure("c", problems); reason != "seen" || excused != 1 || strings.Join(rest, ";") != "refresh: fail" {
		t.Errorf("name/probe: %q %d %q", reason, excused, rest)
	}
	if _, excused, _ := knownFailure("c", []string{"refresh: fail"}); excused != 0 {
		t.Errorf("a fixed probe still counts as failing")
	}
	knownFailing = map[string]string{"c": "seen"}
	if _, excused, rest := knownFailure("c", problems); excused != 3 || rest != nil {
		t.Errorf("name: %d %q", excused, rest)
	}
	if reason, _, rest := knownFailure("d", problems); reason != "" || len(rest) != 3 {
		t.Errorf("unlisted: %q %q", reason, rest)
	}
}
