package config

import (
	"errors"
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// A settings problem reads in the language asked: what is wrong, where the value came from
// and what a good one looks like; the key and the variable stay as they are.
func TestProblemsSpeakTheLanguage(t *testing.T) {
	env := map[string]string{"MUBAROKAH_CLIENT_ID": " abc", "MUBAROKAH_DOCTOR_TIMEOUT": "soon"}
	load := func(l lang.Lang) (Config, string) {
		c, err := Load(Inputs{Getenv: func(k string) string { return env[k] }, Lang: l})
		var ps Problems
		if !errors.As(err, &ps) {
			t.Fatalf("%s: want the timeout refused, got %v", l, err)
		}
		return c, ps.Error() + "\n" + c.Validate().Error()
	}
	c, id := load(lang.Indonesian)
	for _, want := range []string{
		`timeout "soon" (dari variabel lingkungan MUBAROKAH_DOCTOR_TIMEOUT) bukan durasi; seharusnya durasi antara 100ms dan 10m`,
		`client-id " abc" (dari variabel lingkungan MUBAROKAH_CLIENT_ID) diawali atau diakhiri spasi; seharusnya id yang diterbitkan Mubarokah ID`,
	} {
		if !strings.Contains(id, want) {
			t.Errorf("Indonesian problems lack %q:\n%s", want, id)
		}
	}
	if c.Lang != lang.Indonesian {
		t.Errorf("Load keeps the language in the Config, got %q", c.Lang)
	}
	var base Line
	for _, l := range c.Describe() {
		if l.Key == KeyBaseURL {
			base = l
		}
	}
	if base.Source != "default" && base.Source != lang.Indonesian.T("default") || base.Help == "the Mubarokah ID server" {
		t.Errorf("Indonesian Describe: %+v", base)
	}
	_, en := load(lang.English)
	if !strings.Contains(en, `client-id " abc" (from environment MUBAROKAH_CLIENT_ID) has leading or trailing whitespace; want the id Mubarokah ID issued`) {
		t.Errorf("English problems changed:\n%s", en)
	}
}
