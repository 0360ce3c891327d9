package har

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// englishLeft are words of flow/har's own sentences that no Indonesian one keeps.
var englishLeft = []string{"instead of JSON", "tokens issued", "was delivered", "the app ", "characters", "no state",
	"no redirect_uri", "already", "later", "codes last", "recording", "recorded", "the request", "the provider sent",
	"entries", "no answer", "cancelled", "a code is valid"}

// Every summary, finding and note that flow/har itself writes for the recordings in
// testdata is said in Indonesian by SayIn (what the offline checks add, flow/check's
// words, and the server's own words are left out of the comparison); English is untouched.
func TestSayInIndonesian(t *testing.T) {
	names, _ := filepath.Glob("testdata/*.har")
	rec, _ := filepath.Glob("testdata/recorded/*.har")
	names = append(names, rec...)
	if len(names) < 10 {
		t.Fatalf("only %d recordings found", len(names))
	}
	said := 0
	for _, name := range names {
		tr := Analyze(load(t, strings.TrimPrefix(name, "testdata/")), catalogue(t), testNow)
		var sentences []string
		for _, s := range tr.Steps {
			sentences = append(sentences, s.Summary)
			sentences = append(sentences, s.Findings...)
		}
		sentences = append(sentences, tr.Notes...)
		for _, en := range sentences {
			if got := SayIn(lang.English, en); got != en {
				t.Errorf("%s: English changed: %q -> %q", name, en, got)
			}
			id := SayIn(lang.Indonesian, en)
			if id != en {
				said++
			}
			for _, w := range englishLeft {
				// Only a sentence of flow/har's own: a server's words or a check's detail
				// may hold these words as they are.
				if strings.Contains(id, w) && !strings.Contains(id, ": ") && !strings.Contains(id, "\"") {
					t.Errorf("%s: %q reads %q in Indonesian", name, en, id)
				}
			}
		}
	}
	if said < 20 {
		t.Fatalf("only %d sentences were said in Indonesian: the shapes no longer match flow/har's sentences", said)
	}
	for en, id := range map[string]string{
		"redirect_uri https://app.test/cb, scope \"view-user\", PKCE S256, state of 32 characters; HTTP 302 to https://id.test/login": "redirect_uri https://app.test/cb, scope \"view-user\", PKCE S256, state 32 karakter; HTTP 302 ke https://id.test/login",
		"no answer: the request failed before any HTTP answer (blocked, refused or cut off)":                                          "tidak ada respons: request gagal sebelum ada respons HTTP (diblokir, ditolak, atau terputus)",
		"this code was already exchanged by step 7 at 09:30:24.000 (HTTP 200); a code works once":                                     "kode ini sudah ditukar oleh langkah 7 pukul 09:30:24.000 (HTTP 200); kode hanya berlaku sekali",
		"HTTP 400 invalid_request: Authorization code has been revoked":                                                               "HTTP 400 invalid_request: Authorization code has been revoked",
	} {
		if got := SayIn(lang.Indonesian, en); got != id {
			t.Errorf("%q reads %q, want %q", en, got, id)
		}
	}
}
