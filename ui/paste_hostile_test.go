package ui

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// Typed rather than pasted, in either language: credentials under a misspelt header, a
// password after a label, a JWT after a misspelt header and a secret typed on a line below
// its label never show in the box, in the preview after ctrl+d, or in presenter mode.
func TestTypedSecretsHostile(t *testing.T) {
	const secret = "Zq8vN2xR4tY7wP1kLm3sD6fH9jQ0aB5c"
	const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi14eXo"
	cred := base64.StdEncoding.EncodeToString([]byte("7:" + secret))
	for _, l := range lang.All {
		for _, present := range []bool{false, true} {
			m := testModel(t, 100, 30, withGraph(t), inLang(t, l), func(o *Options) { o.Present = present })
			m = send(t, m, press("2"))
			for _, line := range []string{
				"Authorizaion: Basic " + cred,
				"Authentication: Bearer " + jwt,
				"DB_PASSWORD=" + secret,
			} {
				for _, r := range line {
					m = send(t, m, typeText(string(r))...)
				}
				screen := screenText(m)
				for _, s := range []string{secret, cred, jwt} {
					if piece := eightOf(screen, s); piece != "" {
						t.Fatalf("%s present=%v: typing %.20q… the box shows %q:\n%s", l, present, line, piece, screen)
					}
				}
				if present && strings.Contains(screen, cred[:4]+"…") {
					t.Fatalf("%s presenter mode: a masked prefix shows:\n%s", l, screen)
				}
				m = send(t, m, press("enter"))
			}
			m = send(t, m, press("ctrl+d"))
			screen := screenText(m)
			for _, s := range []string{secret, cred, jwt} {
				if piece := eightOf(screen, s); piece != "" {
					t.Fatalf("%s present=%v: after ctrl+d the screen shows %q:\n%s", l, present, piece, screen)
				}
			}
		}
	}
}
