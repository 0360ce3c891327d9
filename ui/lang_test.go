package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/charmbracelet/x/exp/golden"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// inLang is the real catalogue and graph in l, for the screens in that language.
func inLang(t testing.TB, l lang.Lang) func(*Options) {
	t.Helper()
	cat, err := knowledge.BuiltinIn(l.Code())
	if err != nil {
		t.Fatal(err)
	}
	g, err := flow.BuiltinIn(cat, l.Code())
	if err != nil && !asGap(err, new(*flow.GapError)) {
		t.Fatal(err)
	}
	return func(o *Options) { o.Catalogue, o.Graph, o.Lang = cat, g, l }
}

// TestGoldenLang keeps the screens in Bahasa Indonesia at the two sizes every layout is
// checked at: Indonesian runs longer than English, so wrapping and cutting are checked
// too. Regenerate with: go test ./ui -run TestGoldenLang -update
func TestGoldenLang(t *testing.T) {
	cases := []struct {
		name string
		keys string
	}{
		{"home", ""},
		{"question", "1"},
		{"browser", "4 j"},
		{"settings", "5"},
	}
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		for _, c := range cases {
			name := fmt.Sprintf("%s_id_%dx%d", c.name, size.w, size.h)
			t.Run(name, func(t *testing.T) {
				m := testModel(t, size.w, size.h, inLang(t, lang.Indonesian))
				m = send(t, m, keys(c.keys)...)
				s := screenText(m)
				for _, line := range strings.Split(s, "\n") {
					if w := len([]rune(line)); w > size.w {
						t.Errorf("a line is %d wide on a %d-column screen: %q", w, size.w, line)
					}
				}
				golden.RequireEqual(t, s)
			})
		}
	}
}
