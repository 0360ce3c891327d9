package lang

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// Each sentence of the table is reached by its own English with its particulars in place,
// not taken by an earlier, looser one, and comes out with the same particulars where the
// Indonesian puts them.
func TestEvidenceSentencesKeepTheirParticulars(t *testing.T) {
	for i, p := range evidenceSentences {
		en, id := verbRe.FindAllString(p[0], -1), verbRe.FindAllString(p[1], -1)
		if strings.Join(en, " ") != strings.Join(id, " ") {
			t.Errorf("%q: verbs %v, the Indonesian has %v", p[0], en, id)
			continue
		}
		fill := func(s string) string {
			n := 0
			return verbRe.ReplaceAllStringFunc(s, func(v string) string {
				n++
				if v == "%d" {
					return fmt.Sprint(40 + n)
				}
				return fmt.Sprintf("«p%d»", n)
			})
		}
		if got, want := Indonesian.Reason(fill(p[0])), fill(p[1]); got != want {
			t.Errorf("sentence %d %q\n got %q\nwant %q", i, fill(p[0]), got, want)
		}
		if got := English.Reason(fill(p[0])); got != fill(p[0]) {
			t.Errorf("English changed %q to %q", fill(p[0]), got)
		}
	}
}

// The Indonesian of the table uses none of the small English words the corpus test looks
// for (outside quotes and code), so that test can trust them.
func TestEvidenceSentencesReadIndonesian(t *testing.T) {
	quoted := regexp.MustCompile(`"[^"]*"|'[^']*'|` + "`[^`]*`")
	for _, p := range evidenceSentences {
		bare := " " + quoted.ReplaceAllString(p[1], `""`) + " "
		bare = strings.NewReplacer(",", " ", ":", " ", ";", " ", "(", " ", ")", " ").Replace(bare)
		for _, w := range []string{" the ", " is ", " was ", " not ", " with ", " from ", " says ", " and ", " of ", " to ", " in "} {
			if strings.Contains(bare, w) {
				t.Errorf("%q has %q", p[1], w)
			}
		}
	}
	for en, id := range conditionKeys {
		if strings.Contains(id, " ") && id == en {
			t.Errorf("condition %q is left in English", en)
		}
	}
}

// Reasons joined from several are said part by part; a server's words, whole or cut at a
// join, stay as they were.
func TestReasonsJoined(t *testing.T) {
	for _, c := range []struct{ en, id string }{
		{"hint 'a; b and c' and HTTP 401", "hint 'a; b and c' dan HTTP 401"},
		{"the server says too many requests were made; retry after 5 s",
			"server menyatakan request yang dikirim terlalu banyak; coba lagi setelah 5 detik"},
		{"token exp 2025-01-02 00:00 UTC is 3 days in the past and HTTP 401",
			"exp token 2025-01-02 00:00 UTC sudah lewat 3 hari dan HTTP 401"},
		{`Post "https://x.test/token": x509: certificate signed by unknown authority and more; then this`,
			`Post "https://x.test/token": x509: certificate signed by unknown authority and more; then this`},
		{`Post "https://x.test/token": a and b; the callback carried a code but no state`,
			`Post "https://x.test/token": a and b; callback membawa code, tetapi tanpa state`},
		{"content type 'text/html; charset=UTF-8' and transport detail 'connect ECONNREFUSED 127.0.0.1:443'",
			"Content-Type 'text/html; charset=UTF-8' dan pesan kegagalan jaringan 'connect ECONNREFUSED 127.0.0.1:443'"},
		{`evidence names invalid_grant, cause code_expired: hint 'Authorization code has expired'; the text says "code" near "expir*" (league's wording)`,
			`bukti menunjuk ke invalid_grant, penyebabnya code_expired: hint 'Authorization code has expired'; teksnya memuat "code" di dekat "expir*" (rumusan league)`},
		{"evidence names token_invalid, cause token_expired (2 other causes ruled out): 2 checks point to it, none to another",
			"bukti menunjuk ke token_invalid, penyebabnya token_expired (2 penyebab lain dikesampingkan): 2 pemeriksaan menunjuk ke sana, tidak satu pun ke penyebab lain"},
		{"the check token ran at step 3: fail; evidence names token_invalid, cause token_expired: the one left",
			"pemeriksaan token sudah dijalankan di langkah 3: gagal; bukti menunjuk ke token_invalid, penyebabnya token_expired: satu-satunya yang tersisa"},
		{"evidence: endpoint 'authorize' and the evidence matches invalid_client and hint is empty",
			"bukti: endpoint 'authorize' dan bukti cocok dengan invalid_client dan hint kosong"},
		{`the text says "a \"b\" c" (oauthlib's wording)`, `teksnya berbunyi "a \"b\" c" (rumusan oauthlib)`},
		{"nothing we know and nothing we say", "nothing we know and nothing we say"},
		{"", ""},
	} {
		if got := Indonesian.Reason(c.en); got != c.id {
			t.Errorf("%q\n got %q\nwant %q", c.en, got, c.id)
		}
	}
}

// A long text full of joins, or a sentence whose particulars are sentences again and
// again, is still answered, as it is or in part.
func TestReasonsHostile(t *testing.T) {
	long := strings.Repeat("x; y and ", 5000)
	if got := Indonesian.Reason(long); got != long {
		t.Errorf("a text of joins changed")
	}
	deep := "the callback carried a code but no state"
	for range 20 {
		deep = "evidence: " + deep
	}
	if got := Indonesian.Reason(deep); !strings.HasPrefix(got, "bukti: bukti: ") {
		t.Errorf("got %q", got)
	}
}

// The first time a reason is shown it is worked out (reasonIn); at every redraw after,
// it is remembered (Reason).
var benchReasons = []string{
	`evidence names invalid_grant, cause code_expired: hint 'Authorization code has expired'; ` +
		`the text says "authorization code has expired"; the text says "authorization code" near "expir*"`,
	`2019/01/19 20:42:42 oauthproxy.go:588: error redeeming code Post https://www.googleapis.com/oauth2/v3/token: ` +
		`x509: certificate signed by unknown authority; and a second part; and a third and a fourth`,
	"token exp 2025-01-02 00:00 UTC is 703 days in the past and HTTP 401",
}

func BenchmarkReasonFirst(b *testing.B) {
	for b.Loop() {
		for _, r := range benchReasons {
			reasonIn(r, 0)
		}
	}
}

func BenchmarkReasonAgain(b *testing.B) {
	for b.Loop() {
		for _, r := range benchReasons {
			Indonesian.Reason(r)
		}
	}
}

// Any text, however cut, gives a reason back without a panic, and English is left alone.
func FuzzReason(f *testing.F) {
	for _, s := range []string{"", "; ", " and ", " — ", "; and ", " and ; — ", "evidence names ", "evidence names a, cause b: ",
		"the access token x is not a JWT: ", "%s", "%d s", "hint '", "token exp x is y in the past and HTTP 4",
		`the text says "a" near "`, "evidence: evidence: evidence: fact x and y is empty"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = reasonIn(s, 0)
		if English.Reason(s) != s {
			t.Fatal("English changed")
		}
	})
}
