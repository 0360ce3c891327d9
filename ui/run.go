package ui

import (
	"context"
	"io"
	"os"
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"golang.org/x/term"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Options is what the wizard starts from; main fills it from flags and the environment.
type Options struct {
	Catalogue *knowledge.Catalogue
	Config    *config.Config
	Graph     *flow.Graph // nil: the wizard says the flow is missing; the rest still works
	Prober    Prober      // nil: the real one
	// Present is presenter mode: high contrast, more space, no secret shown even masked.
	Present bool
	// NoColor drops colours but keeps bold and the glyphs (NO_COLOR is honoured anyway).
	NoColor bool
	// Notes are problems found before the start (a bad setting, a flow that did not load);
	// the home screen lists them.
	Notes []string
	Now   func() time.Time
	// Secrets is the session's secret set, shared with the caller; nil: a new one. The
	// wizard adds the settings' secrets and every paste's.
	Secrets *redact.Set
	// Resume is a saved session to open at the step it was saved at (--resume).
	Resume *flow.State

	In      io.Reader
	Out     io.Writer
	Environ []string
}

// New builds the root model. The terminal's size and background arrive as messages.
func New(o Options) Model {
	sh := newShared(o)
	m := Model{sh: sh, reg: registry(), cur: screenHome, prev: screenHome, help: help.New()}
	m.screens = make([]screen, len(m.reg))
	m.sized = make([]int, len(m.reg))
	for i, r := range m.reg {
		if r.new != nil {
			m.screens[i] = r.new(sh)
		}
	}
	if o.Resume != nil && o.Graph != nil {
		m, _ = m.follow(move{to: screenWizard, arg: fromSession{state: *o.Resume}, sure: true})
	}
	return m.restyle()
}

// ErrInterrupted is what Run returns when the program got SIGINT rather than a quit key.
var ErrInterrupted = tea.ErrInterrupted

// Run opens the wizard full screen and blocks until the person quits. Bubble Tea restores
// the terminal on every way out, including a panic in our code.
func Run(ctx context.Context, o Options) error {
	m := New(o)
	m.altScreen = true
	// 120 frames a second (the most Bubble Tea allows) halves the wait for the first frame
	// and for each keypress to show; the screens are cheap to draw.
	opts := []tea.ProgramOption{tea.WithContext(ctx), tea.WithFPS(120)}
	// Lay out for the terminal's size before the program starts, so the very first frame
	// is the home screen rather than a "too small" one redrawn a frame later.
	if f, ok := o.Out.(*os.File); ok {
		if w, h, err := term.GetSize(int(f.Fd())); err == nil && w > 0 && h > 0 {
			m.sh.width, m.sh.height = w, h
			m = m.layout()
			opts = append(opts, tea.WithWindowSize(w, h))
		}
	}
	if o.In != nil {
		opts = append(opts, tea.WithInput(o.In))
	}
	if o.Out != nil {
		opts = append(opts, tea.WithOutput(o.Out))
	}
	if o.Environ != nil {
		opts = append(opts, tea.WithEnvironment(o.Environ))
	}
	if o.NoColor {
		opts = append(opts, tea.WithColorProfile(colorprofile.ASCII))
	}
	_, err := tea.NewProgram(m, opts...).Run()
	return err
}
