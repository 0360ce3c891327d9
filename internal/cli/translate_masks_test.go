package cli

import (
	"encoding/base64"
	"regexp"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/har"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// The words of a reason, a probe line or a trace sentence are put in the reader's language
// after masking. The rewrite must keep each mask whole (its prefix beside its ellipsis and
// length), so that presenter mode, which runs last, still finds and empties it; and it must
// never bring back what the mask hid.
func TestTranslationKeepsMasksWhole(t *testing.T) {
	const secret = "Qm7pX2vL9rT4wZ8kN3sBx"
	jwt := "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiI0MiIsImV4cCI6MTAwMDAwMDAwMH0." + secret
	basic := base64.StdEncoding.EncodeToString([]byte("7:" + secret))
	var lines []string
	for _, p := range []string{
		"curl -X POST https://accounts.mubarokah.com/oauth/token -H 'Authorizaion: Basic " + basic + "' -d grant_type=client_credentials",
		"curl -X POST https://accounts.mubarokah.com/oauth/token -H 'Authorization: Basic " +
			base64.StdEncoding.EncodeToString([]byte("7:pbkdf2_sha256$600000$c2FsdA$"+secret)) + "'",
		"GET /api/user HTTP/1.1\nHost: accounts.mubarokah.com\nAuthorization: Bearer Bearer " + jwt + "\n\nHTTP/1.1 401 Unauthorized",
		"GET https://accounts.mubarokah.com/oauth/authorize?client_id=7&code_verifier=" + secret + " gives 400 error",
		"https://app.test/callback?code=def50200" + secret + "&state=" + secret,
	} {
		o, err := evidence.Parse(p, diagnoseNow)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range o.Facts {
			lines = append(lines, f.Detail)
		}
		lines = append(lines, o.Text, o.URL)
	}
	mask := redact.Mask(jwt)
	lines = append(lines,
		"the token "+mask+" expired 3 hours ago",
		"redirect_uri "+mask+", scope "+mask+"; HTTP 302 to https://app.test/cb?code="+mask,
		"Authorization: Bearer "+mask+" was refused with HTTP 401")
	prefix := regexp.MustCompile(`[A-Za-z0-9._~+/=-]{1,4}…`)
	for _, l := range lang.All {
		for _, s := range lines {
			for _, said := range []string{l.Reason(s), probe.Say(l, s), har.SayIn(l, s)} {
				out := redact.LengthsOnly(l.MaskWords(said), l.T("set ($1 chars)"))
				for _, v := range []string{secret, jwt, basic} {
					for i := 0; i+12 <= len(v); i++ {
						if strings.Contains(out, v[i:i+12]) {
							t.Fatalf("%s: %q said as %q shows %q", l, s, out, v[i:i+12])
						}
					}
				}
				if m := prefix.FindString(out); m != "" && strings.Contains(s, "chars)") {
					t.Errorf("%s: %q said as %q keeps a masked prefix %q past presenter mode", l, s, out, m)
				}
			}
		}
	}
}
