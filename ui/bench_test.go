package ui

import (
	"fmt"
	"image/color"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
	"github.com/mubarokah/mubarokah-doctor/knowledge/knowledgetest"
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
		n := screenOf[wizard](m, screenWizard).node()
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
	i := 0
	knowledgetest.CPULoop(b, func() {
		nm, _ := m.Update(ks[i%len(ks)])
		m = nm.(Model)
		_ = m.View()
		i++
	})
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

// BenchmarkFilterKeypress10k is one typed filter character handled and drawn with 10,000
// entries in the list: the search (knowledge's BenchmarkSearch10k) and the screen.
func BenchmarkFilterKeypress10k(b *testing.B) {
	cat := knowledgetest.Generated(b, 10000)
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
	knowledgetest.CPULoop(b, func() {
		m := New(Options{Catalogue: cat, Graph: g})
		nm, _ := m.Update(tea.WindowSizeMsg{Width: 80, Height: 24})
		_ = nm.View()
	})
}
