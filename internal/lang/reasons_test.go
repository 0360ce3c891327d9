package lang_test

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The matcher's own reasons come out in Indonesian whatever server words they quote: the
// test reads them from a real diagnosis, so a reworded reason in knowledge fails here.
func TestReasonsOfTheMatcherInIndonesian(t *testing.T) {
	cat, err := knowledge.BuiltinIn("id")
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []knowledge.Observation{
		{Status: 400, Error: "invalid_grant", Description: "The provided authorization grant (e.g., authorization code, resource owner credentials) or refresh token is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.", Hint: "Failed to verify `code_verifier`."},
		{Text: "oauthlib.oauth2.rfc6749.errors.MismatchingStateError: (mismatching_state) CSRF Warning! State not equal in request and response."},
	} {
		best, ok := cat.Match(o).Best()
		if !ok {
			t.Fatalf("no match for %+v", o)
		}
		var reasons []string
		reasons = append(reasons, best.Signals...)
		for _, c := range best.Causes {
			reasons = append(reasons, c.Signals...)
		}
		for _, r := range reasons {
			got := lang.Indonesian.Reason(r)
			for _, en := range []string{"the text says", "the error ", "the exception", "'s wording", "the text is the standard"} {
				if strings.HasPrefix(got, en) || strings.Contains(got, en) && !strings.Contains(r, `"`) {
					t.Errorf("%q reads %q in Indonesian", r, got)
				}
			}
		}
	}
	if got := lang.English.Reason("the error invalid_grant"); got != "the error invalid_grant" {
		t.Errorf("English changed: %q", got)
	}
	if got := lang.Indonesian.Reason(`the text says "state mismatch" (openid-client's wording)`); got != `teksnya berbunyi "state mismatch" (rumusan openid-client)` {
		t.Errorf("got %q", got)
	}
	for en, id := range map[string]string{
		"evidence names invalid_grant, cause code_expired: hint 'Authorization code has expired'; the text says \"authorization code\" near \"expir*\"": "bukti menunjuk ke invalid_grant, penyebabnya code_expired: hint 'Authorization code has expired'; teksnya memuat \"authorization code\" di dekat \"expir*\"",
		"evidence names invalid_scope, cause scope_typo (3 other causes ruled out): the one left":                                                       "bukti menunjuk ke invalid_scope, penyebabnya scope_typo (3 penyebab lain dikesampingkan): satu-satunya yang tersisa",
		"evidence names invalid_client, cause wrong_secret: 2 checks point to it, none to another":                                                      "bukti menunjuk ke invalid_client, penyebabnya wrong_secret: 2 pemeriksaan menunjuk ke sana, tidak satu pun ke penyebab lain",
		"the live check token ran at step 4: fail":                                                                                                      "pemeriksaan langsung token sudah dijalankan di langkah 4: gagal",
	} {
		if got := lang.Indonesian.Reason(en); got != id {
			t.Errorf("%q reads %q in Indonesian, want %q", en, got, id)
		}
		if got := lang.English.Reason(en); got != en {
			t.Errorf("English changed: %q", got)
		}
	}
}
