package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// The sizes a screen-share produces: presenter mode at 80x24, a small window, and one too
// small to draw in.
var shareSizes = []struct {
	name    string
	w, h    int
	present bool
}{
	{"80x24", 80, 24, false},
	{"80x24_present", 80, 24, true},
	{"60x16", 60, 16, false},
	{"60x16_present", 60, 16, true},
	{"160x48", 160, 48, false},
}

// toManyChoices is the network question of the test flow: eleven choices, most of them long, more than
// a small window holds.
var toManyChoices = keys("1 2")

// cursorChoice is the number of the choice the › stands before on screen, or 0.
func cursorChoice(screen string) int {
	for _, l := range strings.Split(screen, "\n") {
		var n int
		if _, err := fmt.Sscanf(strings.TrimSpace(l), "› %d", &n); err == nil {
			return n
		}
	}
	return 0
}

// A question whose choices do not fit scrolls: j moves to the next choice and brings it
// into view, a line says what is above and below, and enter picks the choice on screen.
func TestQuestionListScrollsWithTheCursor(t *testing.T) {
	for _, size := range shareSizes {
		t.Run(size.name, func(t *testing.T) {
			m := testModel(t, size.w, size.h, withGraph(t), func(o *Options) { o.Present = size.present })
			m = send(t, m, toManyChoices...)
			n := m.sh.graph
			node, _ := n.Node("E")
			total := len(node.Choices)
			for i := 1; i <= total; i++ {
				screen := screenText(m)
				if got := cursorChoice(screen); got != i {
					t.Fatalf("after %d presses of j the cursor shows on choice %d, want %d:\n%s", i-1, got, i, screen)
				}
				if lines := strings.Count(m.View().Content, "\n") + 1; lines > size.h {
					t.Fatalf("the frame is %d lines in a %d-line terminal", lines, size.h)
				}
				if strings.Contains(screen, "below") != (i < total && !strings.Contains(screen, fmt.Sprintf("  %d  ", total))) {
					t.Fatalf("choice %d: the scroll note and the last choice disagree:\n%s", i, screen)
				}
				m = send(t, m, press("j"))
			}
			if size.h < 24 || size.present {
				mustContain(t, screenText(m), "above")
			}
		})
	}
}

// enter picks what the screen shows under the cursor, also after scrolling.
func TestEnterPicksTheVisibleChoice(t *testing.T) {
	m := testModel(t, 60, 16, withGraph(t))
	m = send(t, m, toManyChoices...)
	m = send(t, m, keys("j j j j j")...)
	if got := cursorChoice(screenText(m)); got != 6 {
		t.Fatalf("the cursor shows on %d:\n%s", got, screenText(m))
	}
	m = send(t, m, press("enter"))
	w := screenOf[wizard](m, screenWizard)
	last := w.state.Steps[len(w.state.Steps)-1]
	if last.Answer != "reset" {
		t.Fatalf("enter answered %q, the sixth choice is reset", last.Answer)
	}
}

// The too-small screen keeps every key but q from the screen behind it.
func TestTooSmallSwallowsKeys(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, toManyChoices...)
	before := screenOf[wizard](m, screenWizard).state
	m = send(t, m, tea.WindowSizeMsg{Width: 50, Height: 10})
	mustContain(t, screenText(m), "Terminal too small")
	m = send(t, m, keys("j j 1 enter esc space x 2 h w")...)
	m = send(t, m, tea.PasteMsg{Content: "pasted"})
	w := screenOf[wizard](m, screenWizard)
	if len(w.state.Steps) != len(before.Steps) || w.state.Node != before.Node || w.cursor != 0 || m.cur != screenWizard {
		t.Fatalf("keys reached the question behind the too-small screen: node %s, %d steps, cursor %d, screen %s",
			w.state.Node, len(w.state.Steps), w.cursor, m.cur)
	}
	for _, l := range strings.Split(screenText(m), "\n") {
		if width(l) > 50 {
			t.Fatalf("a line is wider than the terminal: %q", l)
		}
	}
	m, quit := sendQ(t, m, press("q"))
	if quit || m.confirm == nil {
		t.Fatal("q on the too-small screen did not ask before losing the session")
	}
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24}, press("n"))
	mustContain(t, screenText(m), "What does the network error say?")
}

// A confirmation is wrapped, never cut: its last words say which key does what.
func TestConfirmationIsNeverCut(t *testing.T) {
	for _, size := range shareSizes {
		t.Run(size.name, func(t *testing.T) {
			m := testModel(t, size.w, size.h, withGraph(t), func(o *Options) { o.Present = size.present })
			m = send(t, m, keys("1 1 1 2 2 m 2")...)
			if m.confirm == nil {
				t.Fatalf("no confirmation to look at:\n%s", screenText(m))
			}
			screen := screenText(m)
			mustContain(t, strings.Join(strings.Fields(screen), " "), "y starts, n stays")
			if lines := strings.Count(m.View().Content, "\n") + 1; lines > size.h {
				t.Fatalf("the frame is %d lines in a %d-line terminal", lines, size.h)
			}
		})
	}
}

// Every screen fits every share size: no frame is taller or wider than the terminal.
func TestEveryScreenFitsEveryShareSize(t *testing.T) {
	paths := []string{"", "5", "5 j j j j j j j j enter", "3", "4", "4 j enter", "2", "1", "1 2",
		"1 1 1 2 2", "1 1 1 2 2 enter", "1 1 1 2 2 enter enter 3", "1 1 1 2 2 ?", "1 1 1 2 2 h"}
	for _, size := range shareSizes {
		t.Run(size.name, func(t *testing.T) {
			m := testModel(t, size.w, size.h, withGraph(t), func(o *Options) { o.Present = size.present })
			real := testModel(t, size.w, size.h, func(o *Options) { o.Present = size.present; o.Graph = builtinGraph(t) })
			pasted := send(t, real, press("2"), tea.PasteMsg{Content: strings.Repeat("HTTP/1.1 401 Unauthorized\n", 12)})
			for i, mm := range []Model{send(t, real, press("2")), pasted, send(t, pasted, press("ctrl+d"))} {
				if lines := strings.Count(mm.View().Content, "\n") + 1; lines > size.h {
					t.Errorf("the paste step: %d lines in a %d-line terminal:\n%s", lines, size.h, screenText(mm))
				}
				if i < 2 && size.h >= minHeight {
					mustContain(t, screenText(mm), "ctrl+d reads it") // how to go on is never cut
				}
			}
			for _, p := range paths {
				mm := send(t, m, keys(p)...)
				if !mm.fullHelp && size.h >= minHeight && slices.ContainsFunc(mm.current().ShortHelp(), func(b key.Binding) bool {
					return b.Enabled() && b.Help() == mm.sh.keys.Global.Help.Help()
				}) {
					// The way to the keys the help line has no room for is never cut off it.
					mustContain(t, screenText(mm), "? all keys")
				}
				lines := strings.Split(mm.View().Content, "\n")
				if len(lines) > size.h {
					t.Errorf("%q: %d lines in a %d-line terminal:\n%s", p, len(lines), size.h, screenText(mm))
				}
				for _, l := range lines {
					if width(l) > size.w {
						t.Errorf("%q: a line of %d cells in a %d-cell terminal: %q", p, width(l), size.w, l)
					}
				}
			}
		})
	}
}

// The full help names every key the screen takes at every share size: none is cut off the
// right edge or the bottom of a narrow window.
func TestFullHelpNamesEveryKeyAtEverySize(t *testing.T) {
	for _, size := range shareSizes {
		t.Run(size.name, func(t *testing.T) {
			m := testModel(t, size.w, size.h, withGraph(t), func(o *Options) { o.Present = size.present })
			m = send(t, m, toResult...)
			m = send(t, m, press("?"))
			screen := strings.Join(strings.Fields(screenText(m)), " ")
			for _, group := range m.current().FullHelp() {
				for _, b := range group {
					if b.Enabled() {
						mustContain(t, screen, b.Help().Key+" "+b.Help().Desc)
					}
				}
			}
		})
	}
}

// The live checks list says which checks show when not all fit, and follows the cursor.
func TestLiveChecksListSaysWhereItStands(t *testing.T) {
	for _, size := range shareSizes[1:4] {
		t.Run(size.name, func(t *testing.T) {
			m := testModel(t, size.w, size.h, withLive(t, &fakeProber{}), func(o *Options) { o.Present = size.present })
			m = send(t, m, press("3"))
			mustContain(t, screenText(m), "checks 1-", "below")
			m = send(t, m, keys(strings.TrimSpace(strings.Repeat("j ", 20)))...)
			mustContain(t, screenText(m), "above")
			if lines := strings.Count(m.View().Content, "\n") + 1; lines > size.h {
				t.Fatalf("%d lines in a %d-line terminal", lines, size.h)
			}
		})
	}
}

// The history of a long walk says which steps show when not all fit.
func TestHistorySaysWhereItStands(t *testing.T) {
	m := testModel(t, 60, 16, withGraph(t), func(o *Options) { o.Present = true })
	m = send(t, m, keys("1 1 1 2 2 enter enter 2 h")...) // a walk back through the branch: many steps
	w := screenOf[wizard](m, screenWizard)
	if !w.hist.open {
		t.Fatalf("history did not open:\n%s", screenText(m))
	}
	if rows := w.historyRows(m.sh); len(w.state.Steps) <= rows {
		t.Skipf("%d steps fit in %d rows; nothing to scroll", len(w.state.Steps), rows)
	}
	mustContain(t, screenText(m), "steps ", " of ")
	if lines := strings.Count(m.View().Content, "\n") + 1; lines > 16 {
		t.Fatalf("%d lines in a 16-line terminal", lines)
	}
}
