package ui

import (
	"fmt"
	"image/color"
	"strings"
	"testing"
	"testing/fstest"

	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// realModel is the program on the catalogue and flow it ships with.
func realModel(b *testing.B, w, h int) Model {
	b.Helper()
	cat, err := knowledge.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	g, err := flow.Builtin(cat)
	var gap *flow.GapError
	if err != nil && !asGap(err, &gap) {
		b.Fatal(err)
	}
	m := New(Options{Catalogue: cat, Graph: g})
	return send(b, m, tea.BackgroundColorMsg{Color: color.Black}, tea.WindowSizeMsg{Width: w, Height: h})
}

func asGap(err error, gap **flow.GapError) bool {
	g, ok := err.(*flow.GapError)
	*gap = g
	return ok
}

// walkToResult answers every step with its first choice (skipping pastes, checks and
// probes) until the walk reaches a result, however the shipped graph is shaped.
func walkToResult(b *testing.B, m Model) Model {
	b.Helper()
	m = send(b, m, press("1"))
	for range 50 {
		n := m.wizard.node()
		switch n.Kind {
		case flow.KindResult:
			return m
		case flow.KindQuestion:
			m = send(b, m, press("1"))
		case flow.KindProbe:
			m = send(b, m, press("s"))
		default:
			m = send(b, m, press("ctrl+d"))
		}
	}
	b.Fatal("no result reached by first choices")
	return m
}

// benchKeys measures one keypress handled and drawn: Update, then View.
func benchKeys(b *testing.B, m Model, ks ...tea.KeyPressMsg) {
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		nm, _ := m.Update(ks[i%len(ks)])
		m = nm.(Model)
		_ = m.View()
		i++
	}
}

func BenchmarkResultKeypress(b *testing.B) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			m := walkToResult(b, realModel(b, size[0], size[1]))
			benchKeys(b, m, press("down"), press("space"), press("up"), press("space"))
		})
	}
}

func BenchmarkBrowserKeypress(b *testing.B) {
	for _, size := range [][2]int{{80, 24}, {160, 48}} {
		b.Run(fmt.Sprintf("%dx%d", size[0], size[1]), func(b *testing.B) {
			m := send(b, realModel(b, size[0], size[1]), press("4"))
			benchKeys(b, m, press("j"), press("j"), press("k"), press("k"))
		})
	}
}

// generated builds a catalogue of n entries shaped like real ones: a code, a severity, a
// status, a title, server messages, causes and steps.
func generated(b *testing.B, n int) *knowledge.Catalogue {
	b.Helper()
	sev := []string{"critical", "high", "medium", "low", "info"}
	words := []string{"token", "client", "grant", "scope", "redirect", "consent", "refresh", "server", "network", "certificate"}
	fsys := fstest.MapFS{}
	for i := range n {
		code := fmt.Sprintf("gen_%05d", i)
		w1, w2 := words[i%len(words)], words[(i/len(words))%len(words)]
		var y strings.Builder
		fmt.Fprintf(&y, "code: %s\ntitle: The %s was refused because of the %s\nseverity: %s\n", code, w1, w2, sev[i%len(sev)])
		fmt.Fprintf(&y, "summary: A generated entry about the %s and the %s, long enough to read like one.\n", w1, w2)
		fmt.Fprintf(&y, "appears_at: [token_endpoint]\nhttp_status: [%d]\n", 400+i%30)
		fmt.Fprintf(&y, "messages:\n  - The %s %d is invalid\n  - Check the %s parameter\n", w1, i, w2)
		y.WriteString("causes:\n")
		for c := range 3 {
			fmt.Fprintf(&y, "  - id: %s_c%d\n    text: Cause %d of the %s, when the %s is stale.\n", code, c, c, w1, w2)
		}
		y.WriteString("steps:\n")
		for c := range 3 {
			fmt.Fprintf(&y, "  - id: s%d\n    text: Check the %s again, then the %s.\n    fixes: [%s_c%d]\n", c, w2, w1, code, c)
		}
		y.WriteString("prevention:\n  - Validate settings at start.\n")
		fsys["catalogue/"+code+".yaml"] = &fstest.MapFile{Data: []byte(y.String())}
	}
	cat, err := knowledge.Load(fsys, "catalogue")
	if err != nil {
		b.Fatal(err)
	}
	return cat
}

// BenchmarkFilter10k is the browser's filter over 10,000 entries, per query; the budget
// is one frame (16 ms).
func BenchmarkFilter10k(b *testing.B) {
	idx := newFilterIndex(generated(b, 10000))
	for _, q := range []string{"token", "401", "check the scope parameter", "high", "gen_0999", "zzz"} {
		b.Run(strings.ReplaceAll(q, " ", "_"), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = idx.filter(q)
			}
		})
	}
}

// BenchmarkFilterKeypress10k is one typed filter character handled and drawn with 10,000
// entries in the list.
func BenchmarkFilterKeypress10k(b *testing.B) {
	cat := generated(b, 10000)
	m := New(Options{Catalogue: cat})
	m = send(b, m, tea.BackgroundColorMsg{Color: color.Black}, tea.WindowSizeMsg{Width: 160, Height: 48}, press("4"), press("/"))
	m = send(b, m, typeText("toke")...)
	benchKeys(b, m, press("n"), press("backspace"))
}

// BenchmarkFirstFrame is the wizard's own work before its first frame: the model built
// from a loaded catalogue and flow, the terminal's size, and the home screen drawn.
func BenchmarkFirstFrame(b *testing.B) {
	cat, err := knowledge.Builtin()
	if err != nil {
		b.Fatal(err)
	}
	g, _ := flow.Builtin(cat)
	b.ReportAllocs()
	for b.Loop() {
		m := New(Options{Catalogue: cat, Graph: g})
		nm, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		_ = nm.View()
	}
}
