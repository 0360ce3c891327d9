package check

import (
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"strings"
	"testing"
)

func FuzzRedirectURI(f *testing.F) {
	for _, p := range [][2]string{{"https://a/cb", "https://a/cb/"}, {"http://localhost:3/x", "http://127.0.0.1:4/x"},
		{"https%3A%2F%2Fa", "https://a"}, {"::", "http://[::1"}, {"", "x"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		r := RedirectURI(lang.English, a, b)
		if (a == b) != (r.Status == Pass) {
			t.Fatalf("%q vs %q: status %s", a, b, r.Status)
		}
	})
}

func FuzzPKCE(f *testing.F) {
	f.Add("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "S256")
	f.Add("", "", "plain")
	f.Fuzz(func(t *testing.T, v, c, m string) {
		r := PKCE(lang.English, v, c, m)
		// The challenge and method are public and shown as given; take them out first.
		out := r.Summary + "\n" + strings.Join(r.Details, "\n")
		for _, public := range []string{c, m} {
			if public != "" {
				out = strings.ReplaceAll(out, public, "")
			}
		}
		if len(v) > 16 && strings.Contains(out, v) {
			t.Fatalf("verifier shown whole:\n%s", out)
		}
	})
}

func FuzzScope(f *testing.F) {
	for _, s := range []string{"view-user", "view-user,detail-user", "a+b", "%20", "detail-user", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r := Scope(lang.English, s)
		if r.Status == Pass && (strings.Contains(s, ",") || r.Obs.HasFact("scope_unknown")) {
			t.Fatalf("%q passed", s)
		}
	})
}

func FuzzState(f *testing.F) {
	f.Add("a", "a")
	f.Add("a+b", "a b")
	f.Fuzz(func(t *testing.T, a, b string) {
		r := State(lang.English, a, b)
		if (a == b && a != "") != (r.Status == Pass) {
			t.Fatalf("%q/%q: %s", a, b, r.Status)
		}
	})
}
