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
		{"result", ""}, // keys from the graph: see walkKeys
	}
	for _, size := range []struct{ w, h int }{{80, 24}, {160, 48}} {
		for _, c := range cases {
			name := fmt.Sprintf("%s_id_%dx%d", c.name, size.w, size.h)
			t.Run(name, func(t *testing.T) {
				m := testModel(t, size.w, size.h, inLang(t, lang.Indonesian))
				k := c.keys
				if c.name == "result" {
					k = walkKeys(t, m.sh.graph, "4xx,request,invalid_grant,code,expired")
				}
				m = send(t, m, keys(k)...)
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

// Settings switches the language while the wizard runs: the screen showing redraws in the
// new language at once, the others follow, and a walk goes on where it stood.
func TestSettingsSwitchesLanguageAtRunTime(t *testing.T) {
	m := testModel(t, 100, 30, inLang(t, lang.English))
	m = send(t, m, keys("1 ctrl+d")...) // a walk, past the paste step to the first question
	mustContain(t, screenText(m), "What type of error is it?")
	m = send(t, m, keys("esc esc 5")...) // home, then settings
	mustContain(t, screenText(m), "Settings", "Language: English (l switches)")
	m = send(t, m, keys("l")...)
	s := screenText(m)
	mustContain(t, s, "Pengaturan", "Bahasa: Bahasa Indonesia (l untuk mengganti)", "bahasa")
	mustNotContain(t, s, "what the live checks use")
	if m.sh.cat.Lang() != "id" || m.sh.graph == nil {
		t.Fatalf("catalogue in %s, graph %v", m.sh.cat.Lang(), m.sh.graph != nil)
	}
	m = send(t, m, keys("esc")...)
	mustContain(t, screenText(m), "Apa yang ingin Anda lakukan?", "Diagnosis langkah demi langkah")
	m = send(t, m, keys("1")...) // the walk again, where it stood, in Indonesian
	mustContain(t, screenText(m), "Error jenis apa ini?")
	m = send(t, m, keys("esc esc 4")...)
	mustContain(t, screenText(m), "Referensi", "Otorisasi tidak diberikan")
	m = send(t, m, keys("esc 5 l esc")...)
	mustContain(t, screenText(m), "What would you like to do?")
	if m.sh.cat.Lang() != "en" {
		t.Fatalf("switched back, the catalogue is in %s", m.sh.cat.Lang())
	}
}

// walkKeys are the keys that walk answers on the wizard: 1 opens it, ctrl+d skips the
// paste step, and each answer is its choice's number on its question.
func walkKeys(t *testing.T, g *flow.Graph, answers string) string {
	t.Helper()
	s, err := flow.Replay(g, strings.Split(answers, ","), flow.ReplayOptions{})
	if err != nil {
		t.Fatal(err)
	}
	k := []string{"1", "ctrl+d"}
	for _, st := range s.Steps {
		n, _ := g.Node(st.Node)
		if n.Kind != flow.KindQuestion || st.Auto {
			continue
		}
		for i, c := range n.Choices {
			if c.ID == st.Answer {
				k = append(k, fmt.Sprint(i+1))
			}
		}
	}
	return strings.Join(k, " ")
}

// BenchmarkKeypressLang is BenchmarkResultKeypress and BenchmarkBrowserKeypress in each
// language: a keypress handled and drawn, the program's strings looked up as it draws.
func BenchmarkKeypressLang(b *testing.B) {
	for _, l := range lang.All {
		b.Run("result/"+string(l), func(b *testing.B) {
			m := walkToResult(b, testModel(b, 80, 24, inLang(b, l)))
			benchKeys(b, m, press("down"), press("space"), press("up"), press("space"))
		})
		b.Run("browser/"+string(l), func(b *testing.B) {
			m := send(b, testModel(b, 80, 24, inLang(b, l)), press("4"))
			benchKeys(b, m, press("j"), press("j"), press("k"), press("k"))
		})
	}
}
