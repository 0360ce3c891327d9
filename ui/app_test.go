package ui

import (
	"image/color"
	"os"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow"
)

// testGraph is the small graph of testdata/flow over the test catalogue.
func testGraph(t testing.TB) *flow.Graph {
	t.Helper()
	g, err := flow.Load(os.DirFS("testdata"), "flow", testCatalogue(t))
	if err != nil {
		t.Fatalf("the test flow does not load: %v", err)
	}
	return g
}

func withGraph(t testing.TB) func(*Options) {
	return func(o *Options) { o.Graph = testGraph(t) }
}

func TestQuitOnHomeNeedsNoConfirmation(t *testing.T) {
	m := testModel(t, 80, 24)
	_, quit := sendQ(t, m, press("q"))
	if !quit {
		t.Fatal("q on the home screen with no session did not quit")
	}
}

func TestQuitDuringASessionAsksFirst(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, keys("1 1")...) // diagnose; answer the first question
	m, quit := sendQ(t, m, press("q"))
	if quit {
		t.Fatal("q quit at once and threw the session away")
	}
	// ! Quit and lose this session? y quits, n stays
	mustContain(t, screenText(m), "Quit and lose this session?")

	m, quit = sendQ(t, m, press("n"))
	if quit || m.confirm != nil {
		t.Fatal("n did not keep the session")
	}
	mustNotContain(t, screenText(m), "Quit and lose")

	m, _ = sendQ(t, m, press("q"))
	if _, quit = sendQ(t, m, press("y")); !quit {
		t.Fatal("y after the question did not quit")
	}
}

func TestTypingQIntoThePasteAreaIsText(t *testing.T) {
	m := testModel(t, 80, 24, withGraph(t))
	m = send(t, m, press("2")) // paste an error: the graph starts with a paste node
	if !m.current().Capturing() {
		t.Fatal("the paste area does not have the keyboard")
	}
	m, quit := sendQ(t, m, typeText("q?")...)
	if quit || m.confirm != nil || m.fullHelp {
		t.Fatal("q or ? typed into the paste area acted as a command")
	}
	if got := screenOf[wizard](m, screenWizard).paste.ta.Value(); got != "q?" {
		t.Fatalf("paste area holds %q, want the typed %q", got, "q?")
	}
	// ctrl+c while typing asks; it never quits straight away.
	m, quit = sendQ(t, m, press("ctrl+c"))
	if quit || m.confirm == nil {
		t.Fatal("ctrl+c in a focused input did not ask before quitting")
	}
	if _, quit = sendQ(t, m, press("ctrl+c")); !quit {
		t.Fatal("a second ctrl+c did not quit")
	}
}

func TestTooSmallSaysTheSizeNeededAndRecovers(t *testing.T) {
	m := testModel(t, 50, 12)
	got := screenText(m)
	// ! Terminal too small
	// It is 50×12; mubarokah-doctor needs at least 60×16.
	mustContain(t, got, "Terminal too small", "50×12", "60×16")
	m = send(t, m, tea.WindowSizeMsg{Width: 80, Height: 24})
	mustContain(t, screenText(m), "What would you like to do?")
	mustNotContain(t, screenText(m), "too small")
}

func TestEveryScreenFitsTheTerminal(t *testing.T) {
	for _, size := range [][2]int{{60, 16}, {80, 24}, {160, 48}} {
		m := testModel(t, size[0], size[1], withGraph(t))
		for _, path := range []string{"", "1", "1 1 1 2", "4", "4 enter", "5", "3", "1 1 1 2 1 enter"} {
			mm := send(t, m, keys(path)...)
			lines := strings.Split(screenText(mm), "\n")
			if len(lines) > size[1] {
				t.Errorf("%dx%d after %q: %d lines", size[0], size[1], path, len(lines))
			}
			for _, l := range lines {
				if w := len([]rune(l)); w > size[0] {
					t.Errorf("%dx%d after %q: a line is %d wide: %q", size[0], size[1], path, w, l)
					break
				}
			}
		}
	}
}

func TestHelpShowsEveryKeyAndCloses(t *testing.T) {
	m := testModel(t, 80, 24)
	m = send(t, m, press("?"))
	mustContain(t, screenText(m), "Keys on this screen", "top", "bottom")
	m = send(t, m, press("?"))
	mustContain(t, screenText(m), "What would you like to do?")
}

func TestLightBackgroundRebuildsTheTheme(t *testing.T) {
	m := testModel(t, 80, 24)
	dark := m.View().Content
	m = send(t, m, tea.BackgroundColorMsg{Color: color.White})
	if m.sh.isDark {
		t.Fatal("a white background left the dark theme on")
	}
	if m.View().Content == dark {
		t.Fatal("the screen did not change colour for a light background")
	}
}

func TestHelpHidesKeysThatDoNothing(t *testing.T) {
	m := testModel(t, 80, 24)
	m = send(t, m, keys("4 / d n s enter")...)
	// dns_failure has no related entries: "r related" must not be offered.
	mustNotContain(t, screenText(m), "r related")
	m = send(t, m, keys("esc / t o k e n _ i n v a l i d enter")...)
	mustContain(t, screenText(m), "r related")
}
