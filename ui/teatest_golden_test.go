package ui

import (
	"fmt"
	"image/color"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestGoldenProgram keeps the screens a screen-share depends on, drawn by the real program
// on a fake terminal (teatest): the result, a question scrolled to its last choice, and
// presenter mode, at 80x24 and 160x48. Regenerate with
// go test ./ui -run 'TestGolden' -update, then bash scripts/pictures.sh.
func TestGoldenProgram(t *testing.T) {
	cases := []struct {
		name    string
		keys    string
		present bool
		ready   func(Model) bool
	}{
		{"result", "1 1 1 2 2 space", false, func(m Model) bool {
			w := screenOf[wizard](m, screenWizard)
			return w.state.Node == "R_refresh" && len(w.state.Ticked) == 1
		}},
		{"question_scrolled", "1 2 j j j j j j j j j j", false, func(m Model) bool {
			return screenOf[wizard](m, screenWizard).cursor == 10
		}},
		{"presenter", "1 2 j j j j j", true, func(m Model) bool {
			return screenOf[wizard](m, screenWizard).cursor == 5
		}},
	}
	for _, c := range cases {
		for _, size := range [][2]int{{80, 24}, {160, 48}} {
			t.Run(fmt.Sprintf("%s_%dx%d", c.name, size[0], size[1]), func(t *testing.T) {
				p := &modelProbe{}
				o := Options{Catalogue: testCatalogue(t), Graph: testGraph(t), Present: c.present,
					Prober: &fakeProber{}, Now: func() time.Time { return fixedNow }}
				tm := teatest.NewTestModel(t, New(o),
					teatest.WithInitialTermSize(size[0], size[1]),
					teatest.WithProgramOptions(
						tea.WithColorProfile(colorprofile.ANSI),
						tea.WithEnvironment([]string{"TERM=xterm-256color"}),
						tea.WithFilter(p.filter),
					))
				tm.Send(tea.BackgroundColorMsg{Color: color.Black})
				p.wait(t, tm, func(m Model) bool { return m.sh.isDark && m.sh.width == size[0] })
				for _, k := range keys(c.keys) {
					tm.Send(k)
					// Each key after the screen it lands on is up, as a person types.
					time.Sleep(5 * time.Millisecond)
				}
				m := p.wait(t, tm, func(m Model) bool { return m.cur == screenWizard && c.ready(m) })
				golden.RequireEqual(t, ansi.Strip(m.View().Content))
				if err := tm.Quit(); err != nil {
					t.Fatal(err)
				}
			})
		}
	}
}
