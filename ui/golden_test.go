package ui

import (
	"image/color"
	"strings"
	"sync"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"
)

// TestGolden keeps snapshots of the screens that matter, as a person reads them (escape
// codes stripped). Regenerate with: go test ./ui -run TestGolden -update
func TestGolden(t *testing.T) {
	cases := []struct {
		name    string
		w, h    int
		keys    string
		present bool
	}{
		{"home_80x24", 80, 24, "", false},
		{"question_80x24", 80, 24, "1", false},
		{"result_80x24", 80, 24, "1 1 1 2 2 space", false},
		{"browser_80x24", 80, 24, "4 j", false},
		{"too_small_50x12", 50, 12, "", false},
		{"browser_160x48", 160, 48, "4 j", false},
		{"result_160x48", 160, 48, "1 1 1 2 2 space", false},
		{"presenter_question_100x30", 100, 30, "1", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m := testModel(t, c.w, c.h, withGraph(t), func(o *Options) { o.Present = c.present })
			m = send(t, m, keys(c.keys)...)
			golden.RequireEqual(t, screenText(m))
		})
	}
}

// probe is a window on the live model of a running program (teatest), read through a
// filter so nothing is re-rendered.
type modelProbe struct {
	mu sync.Mutex
	m  Model
}

type probeMsg struct{}

func (p *modelProbe) filter(m tea.Model, msg tea.Msg) tea.Msg {
	if _, ok := msg.(probeMsg); ok {
		p.mu.Lock()
		p.m = m.(Model)
		p.mu.Unlock()
		return nil
	}
	return msg
}

func (p *modelProbe) wait(t *testing.T, tm *teatest.TestModel, ok func(Model) bool) Model {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		tm.Send(probeMsg{})
		time.Sleep(10 * time.Millisecond)
		p.mu.Lock()
		m := p.m
		p.mu.Unlock()
		if m.sh != nil && ok(m) {
			return m
		}
	}
	t.Fatal("the program never reached the expected state")
	return Model{}
}

// TestProgramHomeToBrowser runs the real program on a fake terminal: home, then the
// reference filtered to one entry, then q.
func TestProgramHomeToBrowser(t *testing.T) {
	p := &modelProbe{}
	o := Options{Catalogue: testCatalogue(t), Graph: testGraph(t), Now: func() time.Time { return fixedNow }}
	tm := teatest.NewTestModel(t, New(o),
		teatest.WithInitialTermSize(80, 24),
		teatest.WithProgramOptions(
			tea.WithColorProfile(colorprofile.ANSI),
			tea.WithEnvironment([]string{"TERM=xterm-256color"}),
			tea.WithFilter(p.filter),
		))
	tm.Send(tea.BackgroundColorMsg{Color: color.Black})
	teatest.WaitFor(t, tm.Output(), func(b []byte) bool {
		return containsText(b, "What would you like to do?")
	}, teatest.WithDuration(5*time.Second))
	tm.Send(tea.KeyPressMsg{Code: '4', Text: "4"})
	p.wait(t, tm, func(m Model) bool { return m.cur == screenBrowser })
	tm.Type("/invalid_g")
	m := p.wait(t, tm, func(m Model) bool { return len(screenOf[browser](m, screenBrowser).results) == 1 })
	if screenOf[browser](m, screenBrowser).results[0].Code != "invalid_grant" {
		t.Fatalf("filtered to %s", screenOf[browser](m, screenBrowser).results[0].Code)
	}
	tm.Send(tea.KeyPressMsg{Code: tea.KeyEnter})
	tm.Send(tea.KeyPressMsg{Code: 'q', Text: "q"})
	fm := tm.FinalModel(t, teatest.WithFinalTimeout(5*time.Second)).(Model)
	if !fm.quitting {
		t.Fatal("q did not quit")
	}
}

func containsText(b []byte, s string) bool {
	return strings.Contains(ansi.Strip(string(b)), s)
}
