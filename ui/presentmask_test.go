package ui

import (
	"strings"
	"testing"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// Text can reach the screen with its masks already in the reader's language: the Markdown
// report says "eyJh…(120 karakter)" before the report screen cleans it line by line. In
// presenter mode no masked prefix may show, whatever language the mask was said in.
func TestPresenterHidesPrefixesOfTranslatedMasks(t *testing.T) {
	const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIiwiZXhwIjo0MTAyNDQ0ODAwfQ.c2lnbmF0dXJlLW9mLXRoZS10b2tlbi14eXo"
	for _, l := range lang.All {
		m := testModel(t, 100, 30, inLang(t, l), func(o *Options) { o.Present = true })
		said := l.MaskWords("- Authorization: Bearer " + redact.Mask(jwt))
		got := m.sh.clean(said)
		if strings.Contains(got, jwt[:4]+"…") || eightOf(got, jwt) != "" {
			t.Errorf("%s: presenter mode shows a masked prefix: %q", l, got)
		}
		if !strings.Contains(got, "Authorization: Bearer") {
			t.Errorf("%s: the words around the mask are lost: %q", l, got)
		}
	}
}
