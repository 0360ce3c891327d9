package cli

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"
)

// The seed's seven entries as explain prints them, in English and in Bahasa Indonesia,
// pinned in testdata/TestCLIGoldenLang (regenerate with `go test ./internal/cli -run
// TestCLIGoldenLang -update`, for a reason the commit names).
var seedCodes = []string{"invalid_client", "invalid_grant", "invalid_scope", "access_denied",
	"unapproved_scope", "token_invalid", "insufficient_scope"}

func TestCLIGoldenLang(t *testing.T) {
	plain := []string{"TERM=xterm-256color"}
	for _, l := range []string{"en", "id"} {
		for _, code := range seedCodes {
			t.Run("explain-"+code+"-"+l, func(t *testing.T) {
				golden.RequireEqual(t, goldenRun(t, plain, "", "--lang", l, "explain", code))
			})
		}
	}
	for _, c := range []struct {
		name string
		args []string
	}{
		{"list-id", []string{"--lang", "id", "list"}},
		{"search-id", []string{"--lang", "id", "search", "kedaluwarsa"}},
		{"explain-unknown-id", []string{"--lang=id", "explain", "invalid_grnt"}},
		{"diagnose-pkce-id", []string{"--lang", "id", "diagnose", "--file", corpusFile("invalid_grant--pkce_mismatch--l8-verifier-mismatch-raw.http")}},
		{"walk-id", []string{"--lang", "id", "walk", "--answers", "4xx,request,invalid_grant,code,expired"}},
		{"walk-pending-id", []string{"--lang", "id", "walk", "4xx"}},
		{"walk-report-id", []string{"--lang", "id", "walk", "4xx,token,401,expired", "--report", "md"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			golden.RequireEqual(t, goldenRun(t, plain, "", c.args...))
		})
	}
}

// The language comes from --lang, then MUBAROKAH_DOCTOR_LANG, then the locale.
func TestLanguageChoice(t *testing.T) {
	const id, en = "Kemungkinan penyebab", "Likely causes"
	for _, c := range []struct {
		environ []string
		args    []string
		want    string
	}{
		{nil, []string{"explain", "invalid_grant"}, en},
		{[]string{"LANG=id_ID.UTF-8"}, []string{"explain", "invalid_grant"}, id},
		{[]string{"LC_ALL=C", "LANG=id_ID.UTF-8"}, []string{"explain", "invalid_grant"}, en},
		{[]string{"MUBAROKAH_DOCTOR_LANG=id", "LANG=en_US.UTF-8"}, []string{"explain", "invalid_grant"}, id},
		{[]string{"MUBAROKAH_DOCTOR_LANG=id"}, []string{"explain", "invalid_grant", "--lang", "en"}, en},
		{[]string{"LANG=en_US.UTF-8"}, []string{"explain", "--lang=id", "invalid_grant"}, id},
	} {
		out := goldenRun(t, c.environ, "", c.args...)
		if !strings.Contains(out, c.want) {
			t.Errorf("%v %v: want %q in\n%s", c.environ, c.args, c.want, out)
		}
	}
	out := goldenRun(t, nil, "", "--lang", "fr", "explain", "invalid_grant")
	if !strings.Contains(out, `unknown language "fr": use id (Bahasa Indonesia) or en (English)`) || !strings.HasSuffix(out, "--- exit 2\n") {
		t.Errorf("an unknown language is a usage error:\n%s", out)
	}
	out = goldenRun(t, []string{"MUBAROKAH_DOCTOR_LANG=xx"}, "", "list")
	if !strings.Contains(out, "MUBAROKAH_DOCTOR_LANG: unknown language") || !strings.HasSuffix(out, "--- exit 2\n") {
		t.Errorf("an unknown language in the environment is a usage error:\n%s", out)
	}
}

// --json keeps ids and codes in every language; the text a person reads follows it.
func TestJSONKeepsIDsAcrossLanguages(t *testing.T) {
	entry := func(l string) map[string]any {
		out := goldenRun(t, nil, "", "--lang", l, "explain", "invalid_grant", "--json")
		body := out[strings.Index(out, "\n")+1 : strings.Index(out, "--- stderr")]
		var m map[string]any
		if err := json.Unmarshal([]byte(body), &m); err != nil {
			t.Fatalf("%s: %v\n%s", l, err, out)
		}
		return m
	}
	en, id := entry("en"), entry("id")
	for _, k := range []string{"code", "aliases", "severity", "appears_at", "http_status", "related"} {
		if !jsonEqual(en[k], id[k]) {
			t.Errorf("%s differs between languages: %v / %v", k, en[k], id[k])
		}
	}
	if en["title"] == id["title"] || en["summary"] == id["summary"] {
		t.Errorf("the Indonesian JSON reads in English: %v", id["title"])
	}
	ec, ic := en["causes"].([]any), id["causes"].([]any)
	if len(ec) != len(ic) {
		t.Fatalf("causes: %d / %d", len(ec), len(ic))
	}
	for i := range ec {
		a, b := ec[i].(map[string]any), ic[i].(map[string]any)
		if a["id"] != b["id"] || a["context"] != b["context"] || a["text"] == b["text"] {
			t.Errorf("cause %d: %v / %v", i, a["id"], b["id"])
		}
	}
}

func jsonEqual(a, b any) bool {
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

// An Indonesian word finds its entry whatever the language of the output, and an English
// one still does in Indonesian.
func TestSearchInBothLanguages(t *testing.T) {
	for _, c := range []struct{ lang, query, want string }{
		{"en", "kedaluwarsa", "invalid_grant"},
		{"id", "kedaluwarsa", "invalid_grant"},
		{"id", "expired", "invalid_grant"},
		{"en", "ditolak pengguna", "access_denied"},
	} {
		out := goldenRun(t, nil, "", "--lang", c.lang, "search", c.query, "--json")
		if !strings.Contains(out, `"`+c.want+`"`) {
			t.Errorf("--lang %s search %q: %s not found:\n%s", c.lang, c.query, c.want, out)
		}
	}
}

// Cobra's own usage errors and help words come out in Indonesian with --lang id, exit 2 as
// in English, and English stays cobra's word for word.
func TestCobraWordsInIndonesian(t *testing.T) {
	for _, c := range []struct {
		args   []string
		id, en string
	}{
		{[]string{"vers"}, `perintah "vers" tidak dikenal untuk "mubarokah-doctor"`, `unknown command "vers" for "mubarokah-doctor"`},
		{[]string{"explain", "--bogus"}, "flag tidak dikenal: --bogus", "unknown flag: --bogus"},
		{[]string{"walk", "--answers"}, "flag memerlukan argumen: --answers", "flag needs an argument: --answers"},
		{[]string{"watch", "a", "b"}, "menerima paling banyak 1 argumen, diberikan 2", "accepts at most 1 arg(s), received 2"},
	} {
		code, _, errOut := runCLI(t, "", append([]string{"--lang", "id"}, c.args...)...)
		if code != exitUsage || !strings.Contains(errOut, c.id) || !strings.Contains(errOut, "Jalankan 'mubarokah-doctor --help'") {
			t.Errorf("%v in Indonesian: exit %d, stderr %q", c.args, code, errOut)
		}
		code, _, errOut = runCLI(t, "", c.args...)
		if code != exitUsage || !strings.Contains(errOut, c.en) {
			t.Errorf("%v in English: exit %d, stderr %q", c.args, code, errOut)
		}
	}
	_, out, _ := runCLI(t, "", "--lang", "id", "walk", "--help")
	for _, w := range []string{"PENGGUNAAN", "CONTOH", "FLAG", "Bantuan untuk walk", "Id pilihan dipisah koma"} {
		if !strings.Contains(out, w) {
			t.Errorf("walk --help in Indonesian lacks %q:\n%s", w, out)
		}
	}
	for _, w := range []string{"USAGE", "EXAMPLES", "elp for walk", "choice ids, in order"} {
		if strings.Contains(out, w) {
			t.Errorf("walk --help in Indonesian says %q:\n%s", w, out)
		}
	}
	_, out, _ = runCLI(t, "", "walk", "--help")
	if !strings.Contains(out, "USAGE") || !strings.Contains(out, "choice ids, in order") {
		t.Errorf("walk --help in English changed:\n%s", out)
	}
}
