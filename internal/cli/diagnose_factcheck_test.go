package cli

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"strings"
	"testing"
)

// The pastes behind the four misleading claims of the catalogue fact check (issue 15, rows
// 1-4), diagnosed end to end: the first entry and cause are the ones the server's answer
// names, and the claims the fact check disproved never lead.

// factcheckDiag is the part of diagnose --json these tests read.
type factcheckDiag struct {
	Diagnoses []struct {
		Code         string `json:"code"`
		Undetermined bool   `json:"undetermined"`
		Causes       []struct {
			ID string `json:"id"`
		} `json:"causes"`
	} `json:"diagnoses"`
}

func diagnoseFactcheck(t *testing.T, paste string, args ...string) factcheckDiag {
	t.Helper()
	code, out, errOut := runCLI(t, paste, append([]string{"diagnose", "--json"}, args...)...)
	if code != exitOK {
		t.Fatalf("exit %d, want 0: %s", code, errOut)
	}
	var d factcheckDiag
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("--json output does not decode: %v", err)
	}
	if len(d.Diagnoses) == 0 || len(d.Diagnoses[0].Causes) == 0 {
		t.Fatalf("no diagnosis:\n%s", out)
	}
	for _, secret := range []string{factcheckSecret, factcheckVerifier} {
		if strings.Contains(out, secret) {
			t.Errorf("the output shows a secret whole: %.8s…", secret)
		}
	}
	return d
}

const (
	factcheckSecret   = "Zq8RkT2vLw9NxY4bHc6JmP1sDf7GtA3eUo5iKr0W"
	factcheckVerifier = "uPz3Qk9Vb7Xw2Lm5Nc8Rt4Yh6Jd1Fs0Ga3Eo7Ki9Wq2Zx5Cv8Bn4Ml6Pj1Hg"
	league8Grant      = "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."
	league8Request    = "The request is missing a required parameter, includes an invalid parameter value, includes a parameter more than once, or is otherwise malformed."
	league8Grants     = "The authorization grant type is not supported by the authorization server."
)

// jsonTokenRequest is curl -v posting a JSON body to /oauth/token, answered with status and body.
func jsonTokenRequest(body, status, answer string) string {
	return "$ curl -sv https://accounts.mubarokah.com/oauth/token -H 'Content-Type: application/json' -d '" + body + "'\n" +
		"> POST /oauth/token HTTP/2\n> Host: accounts.mubarokah.com\n> Accept: application/json\n> Content-Type: application/json\n>\n" +
		"< HTTP/2 " + status + "\n< content-type: application/json\n< cache-control: no-cache, private\n<\n" + answer + "\n"
}

func TestFactCheckRow1HexChallengeIsAVerifierMismatch(t *testing.T) {
	sum := sha256.Sum256([]byte(factcheckVerifier))
	hexChallenge := hex.EncodeToString(sum[:])
	answer := `{"error":"invalid_grant","error_description":"` + league8Grant + `","hint":"Failed to verify ` + "`code_verifier`" + `.","message":"` + league8Grant + `"}`

	d := diagnoseFactcheck(t, answer, "--code-verifier", factcheckVerifier, "--code-challenge", hexChallenge)
	if got := d.Diagnoses[0]; got.Code != "invalid_grant" || got.Causes[0].ID != "pkce_mismatch" {
		t.Errorf("first %s/%s, want invalid_grant/pkce_mismatch", got.Code, got.Causes[0].ID)
	}

	// The authorize step accepts a hex challenge: no diagnosis may call it malformed.
	authorize := "https://accounts.mubarokah.com/oauth/authorize?response_type=code&client_id=9b3f6c1e-2d4a-4f7b-8e21-5a0c9d7e3f12" +
		"&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&scope=view-user&state=Xy7kP2qLm9&code_challenge=" + hexChallenge +
		"&code_challenge_method=S256"
	_, out, _ := runCLI(t, authorize, "diagnose", "--json", "--code-verifier", factcheckVerifier)
	var pair factcheckDiag
	if err := json.Unmarshal([]byte(out), &pair); err != nil {
		t.Fatalf("--json output does not decode: %v", err)
	}
	for _, dg := range pair.Diagnoses {
		for _, c := range dg.Causes {
			if c.ID == "pkce_challenge_malformed" {
				t.Errorf("a hex challenge was called malformed (%s), though league's authorize check accepts it", dg.Code)
			}
		}
	}
	if len(pair.Diagnoses) > 0 && pair.Diagnoses[0].Causes[0].ID != "pkce_mismatch" {
		t.Errorf("the hex pair leads with %s/%s, want pkce_mismatch", pair.Diagnoses[0].Code, pair.Diagnoses[0].Causes[0].ID)
	}
}

func TestFactCheckRow2JSONBodyIsNotTheCause(t *testing.T) {
	body := `{"grant_type": "authorization_code", "client_id": "9b3f6c1e-2d4a-4f7b-8e21-5a0c9d7e3f12", "client_secret": "` + factcheckSecret +
		`", "redirect_uri": "https://app.example.com/callback"}`
	answer := `{"error":"invalid_request","error_description":"` + league8Request + `","hint":"Check the ` + "`code`" + ` parameter","message":"` + league8Request + `"}`
	d := diagnoseFactcheck(t, jsonTokenRequest(body, "400", answer))
	if got := d.Diagnoses[0]; got.Code != "invalid_request" || got.Causes[0].ID != "required_parameter_missing" {
		t.Errorf("first %s/%s, want invalid_request/required_parameter_missing: the hint names the missing code", got.Code, got.Causes[0].ID)
	}
}

func TestFactCheckRow3JSONBodyStillHasItsGrantTypeRead(t *testing.T) {
	body := `{"grant_type": "authorisation_code", "client_id": "9b3f6c1e-2d4a-4f7b-8e21-5a0c9d7e3f12", "client_secret": "` + factcheckSecret +
		`", "redirect_uri": "https://app.example.com/callback", "code": "def50200aa"}`
	answer := `{"error":"unsupported_grant_type","error_description":"` + league8Grants + `","hint":"Check that all required parameters have been provided","message":"` + league8Grants + `"}`
	d := diagnoseFactcheck(t, jsonTokenRequest(body, "400", answer))
	if got := d.Diagnoses[0]; got.Code != "unsupported_grant_type" || got.Causes[0].ID != "grant_type_missing_or_misspelled" {
		t.Errorf("first %s/%s, want unsupported_grant_type/grant_type_missing_or_misspelled", got.Code, got.Causes[0].ID)
	}
}

func TestFactCheckRow4NoLoginRouteFromAnHTML500(t *testing.T) {
	request := "> GET /api/user HTTP/2\n> Host: accounts.mubarokah.com\n> User-Agent: curl/8.5.0\n>\n"
	page500 := request + "< HTTP/2 500\n< content-type: text/html; charset=UTF-8\n<\n" +
		"<!DOCTYPE html>\n<html lang=\"en\"><head><title>Server Error</title></head><body>500 | Server Error</body></html>\n"
	d := diagnoseFactcheck(t, page500)
	if got := d.Diagnoses[0]; got.Code != "server_error" || !got.Undetermined || got.Causes[0].ID == "login_route_missing" {
		t.Errorf("first %s/%s (undetermined %v), want server_error, undetermined, not led by login_route_missing",
			got.Code, got.Causes[0].ID, got.Undetermined)
	}

	// The provider sends guests to its login page: that is what such a call gets from it.
	redirect := request + "< HTTP/2 302\n< location: https://accounts.mubarokah.com/login\n< content-type: text/html; charset=UTF-8\n<\n" +
		"<!DOCTYPE html><html><head><title>Redirecting to https://accounts.mubarokah.com/login</title></head></html>\n"
	d = diagnoseFactcheck(t, redirect)
	if got := d.Diagnoses[0]; got.Code != "html_instead_of_json" || got.Causes[0].ID != "accept_json_header_missing" {
		t.Errorf("first %s/%s, want html_instead_of_json/accept_json_header_missing", got.Code, got.Causes[0].ID)
	}
}
