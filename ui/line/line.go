// Package line is the wizard in accessible mode: the same flow, evidence, live checks and
// report as the full-screen wizard, as plain numbered prompts answered one line at a time.
// It writes text and line feeds only (no alternate screen, no cursor movement, no colour,
// no escape sequence of any kind), so a screen reader speaks everything in order and a dumb
// console or a pipe shows it as it is. It has no Bubble Tea: it reads lines and prints them.
package line

import (
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Options is what an accessible session starts from; the CLI fills it as it fills the
// full-screen wizard's.
type Options struct {
	Catalogue *knowledge.Catalogue
	Graph     *flow.Graph // nil: the walk is not offered; the reference and checks still work
	Config    *config.Config
	Prober    Prober // nil: the real one
	// Present hides even the masked first characters of secrets (screen sharing).
	Present bool
	// Notes are problems found before the start (a bad setting, a flow that did not load).
	Notes []string
	Now   func() time.Time
	// Secrets is the session's secret set, shared with the caller; every paste's secrets
	// join it, and everything printed or saved is scrubbed with it.
	Secrets *redact.Set
	In      io.Reader
	Out     io.Writer
	// Lang is the language the session speaks: its own words here, and the catalogue's
	// and the flow's, which the caller loads in it (as for the full-screen wizard).
	Lang lang.Lang
}

// Prober runs live checks; *probe.Prober is the real one, tests use a fake.
type Prober interface {
	Run(ctx context.Context, cfg config.Config, id string) probe.Result
	RunAll(ctx context.Context, cfg config.Config, ids []string) []probe.Result
}

// errQuit is the person's own way out (q, or Quit on a menu).
var errQuit = errors.New("quit")

// session is one run of accessible mode.
type session struct {
	out     *printer
	in      *reader
	ctx     context.Context
	cat     *knowledge.Catalogue
	g       *flow.Graph
	cfg     *config.Config
	prober  Prober
	secrets *redact.Set
	now     func() time.Time
	present bool
	l       lang.Lang

	state  flow.State
	walked bool   // a walk was begun: q asks before losing it
	kept   string // the session as last saved in a report (sessionKey)
	// retest is the last re-run of a live check to test the fix, in words.
	retest string
	// fromProbe is the live check a walk was started from: the one to re-run.
	fromProbe string
	// shown is the result last printed in full (node and step count).
	shown string
	notes []string // said once, after the greeting
	// passedPaste is set when the walk began by passing its opening paste (diagnose step
	// by step): going back from the first question then leaves for home.
	passedPaste bool
}

// Run holds an accessible session until the person quits or the input ends. It returns
// nil for both, and the context's error when ctx ends first (an interrupt).
func Run(ctx context.Context, o Options) error {
	s := newSession(ctx, o)
	err := s.run()
	s.in.close()
	switch {
	case ctx.Err() != nil:
		s.out.blank()
		s.out.say(s.t("Interrupted."))
		return ctx.Err()
	case errors.Is(err, errEnd):
		s.out.blank()
		s.out.say(s.t("The input ended, so the session ends here.") + s.unsavedNote())
		return nil
	case errors.Is(err, errQuit):
		s.out.say(s.t("Goodbye."))
		return nil
	case err != nil:
		return err
	}
	return s.out.err
}

func newSession(ctx context.Context, o Options) *session {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	cfg := o.Config
	if cfg == nil {
		d := config.Default()
		cfg = &d
	}
	secrets := o.Secrets
	if secrets == nil {
		secrets = &redact.Set{}
	}
	cfg.AddSecrets(secrets)
	prober := o.Prober
	if prober == nil {
		prober = &probe.Prober{Now: now}
	}
	out := o.Out
	if out == nil {
		out = io.Discard
	}
	in := o.In
	if in == nil {
		in = strings.NewReader("")
	}
	s := &session{out: &printer{w: out, secrets: secrets, present: o.Present, l: o.Lang}, in: newReader(in), ctx: ctx,
		cat: o.Catalogue, g: o.Graph, cfg: cfg, prober: prober, secrets: secrets, now: now, present: o.Present}
	if s.g != nil {
		s.state = s.g.Start()
	}
	s.notes = o.Notes
	s.l = o.Lang
	return s
}

// t is s, an English string of the session, in the session's language.
func (s *session) t(str string) string { return s.l.T(str) }

// tf is fmt.Sprintf with the format in the session's language.
func (s *session) tf(format string, args ...any) string { return s.l.Tf(format, args...) }

// unsavedNote is what the end of input says about a session not saved in a report.
func (s *session) unsavedNote() string {
	if s.unsaved() {
		return s.t(" Your answers were not saved in a report.")
	}
	return ""
}

// sessionKey changes whenever the session does: a step taken or undone, a tick.
func sessionKey(st flow.State) string {
	return fmt.Sprintf("%d/%s/%s/%v", len(st.Steps), st.Node, st.Status, st.Ticked)
}

func (s *session) unsaved() bool {
	return s.walked && (len(s.state.Steps) > 0 || len(s.state.Ticked) > 0) && sessionKey(s.state) != s.kept
}

// The home menu's entries, in order.
const (
	homeDiagnose = iota
	homePaste
	homeChecks
	homeReference
	homeSettings
	homeQuit
)

func (s *session) run() error {
	s.out.say(s.t("mubarokah-doctor, accessible mode: plain text, one prompt at a time."),
		s.t("Answer a prompt by typing the number of a choice and pressing Enter. At any prompt, h lists what else you can type; q quits."))
	for _, n := range s.notes {
		s.out.say(s.t("Note: ") + n)
	}
	for {
		s.out.blank()
		opts := []option{
			{label: s.t("Diagnose step by step: answer a few questions; the wizard narrows the error down.")},
			{label: s.t("Paste an error: an HTTP response, curl -v output, a JSON body, a callback URL or a token.")},
			{label: s.t("Run live checks: probe the provider with your settings and read what it answers.")},
			{label: s.t("Look up an error in the reference: every error, cause and fix; works offline.")},
			{label: s.t("Settings: the target and credentials, where each came from, and changing them for this session.")},
			{label: s.t("Quit.")},
		}
		if s.g == nil {
			opts[homeDiagnose].label = s.t("Diagnose step by step (not available: the troubleshooting flow did not load).")
			opts[homePaste].label = s.t("Paste an error (not available: the troubleshooting flow did not load).")
		}
		pick, err := s.choose(s.t("Home. What would you like to do?"), "", opts, false)
		if err != nil {
			return err
		}
		switch pick {
		case homeDiagnose, homePaste:
			if s.g == nil {
				s.out.say(s.t("The troubleshooting flow did not load, so there is no walk to take. The reference and the live checks still work."))
				continue
			}
			err = s.startWalk(pick == homePaste, "", nil)
		case homeChecks:
			err = s.liveChecks()
		case homeReference:
			err = s.reference()
		case homeSettings:
			err = s.settings()
		case homeQuit:
			return s.quit()
		}
		if errors.Is(err, errHome) {
			continue
		}
		if err != nil {
			return err
		}
	}
}

// errHome leaves a walk or a screen for the home menu.
var errHome = errors.New("home")

// option is one numbered choice; id (and alias, a short form such as y or n) are words
// accepted besides its number.
type option struct {
	id    string
	alias string
	label string
}

// Commands a prompt takes besides its choices.
const (
	cmdBack   = "b"
	cmdReport = "r"
	cmdHelp   = "h"
	cmdQuit   = "q"
)

// errBack is b at a prompt that offers going back.
var errBack = errors.New("back")

// choose prints a question and its numbered options and reads until one is picked, by its
// number or its id. h prints the help and r the report, and the question is asked again;
// q asks before quitting; b is errBack when back is offered. Anything else is said to be
// wrong, with what would be right, and the question is asked again.
func (s *session) choose(question, help string, opts []option, back bool) (int, error) {
	show := func() {
		s.out.say(question)
		if help != "" {
			s.out.say(help)
		}
		for i, o := range opts {
			s.out.sayf("  %d. %s", i+1, o.label)
		}
	}
	show()
	for {
		extra := s.t("h for help")
		if back {
			extra = s.t("b to go back, ") + extra
		}
		if len(opts) == 1 {
			s.out.prompt(s.tf("Type 1, or just press Enter, to go on (%s):", extra))
		} else {
			s.out.prompt(s.tf("Choose 1 to %d (%s):", len(opts), extra))
		}
		resp, err := s.readLine(false)
		if err != nil {
			return 0, err
		}
		a := strings.TrimSpace(resp.text)
		// "2." and "2)" are read as 2: how a list is often answered.
		n, nerr := strconv.Atoi(strings.TrimRight(a, ".)"))
		if nerr == nil && n >= 1 && n <= len(opts) {
			return n - 1, nil
		}
		// A choice's id is taken too (an id can be a number, such as 401 or 403).
		if i := slices.IndexFunc(opts, func(o option) bool {
			return o.id != "" && strings.EqualFold(a, o.id) || o.alias != "" && strings.EqualFold(a, o.alias)
		}); i >= 0 {
			return i, nil
		}
		if nerr == nil {
			s.out.say(s.tf("%d is not one of the choices: type a number from 1 to %d.", n, len(opts)))
			continue
		}
		switch strings.ToLower(a) {
		case "":
			if len(opts) == 1 {
				return 0, nil
			}
			s.out.say(s.tf("Nothing was typed: type a number from 1 to %d and press Enter.", len(opts)))
			continue
		case cmdBack:
			if back {
				return 0, errBack
			}
			s.out.say(s.t("There is nothing to go back to here."))
			continue
		case cmdHelp, "?", "help", "bantuan": // the long words in both languages
			s.help(back)
			continue
		case cmdReport:
			if err := s.report(); err != nil {
				return 0, err
			}
			s.out.blank()
			show()
			continue
		case cmdQuit, "quit", "exit", "keluar":
			if err := s.quit(); err != nil {
				return 0, err
			}
			show()
			continue
		}
		s.out.say(s.tf("%q is not a choice: type a number from 1 to %d (or h for help).", shown(a), len(opts)))
	}
}

// shown repeats back what was typed, masked when it is long enough to be a secret
// typed at the wrong prompt.
func shown(v string) string {
	if len(v) > 24 {
		return redact.Mask(v)
	}
	return v
}

// help lists what a prompt takes besides its choices.
func (s *session) help(back bool) {
	s.out.say(s.t("Type the number of a choice and press Enter. You can also type:"))
	if back {
		s.out.say(s.t("  b to go back one step and answer it again,"))
	}
	s.out.say(s.t("  r to read the session's report (and save it to a file),"),
		s.t("  h to read this help again,"),
		s.t("  q to quit."),
		s.t("Where a paste is asked for, paste or type the text, then a line with only a full stop (.) on it."),
		s.t("Ctrl+D (the end of input) ends the session at any prompt; Ctrl+C stops a live check and the program."))
}

// quit asks before losing a walk not kept in a report. It returns errQuit to leave, nil
// to stay.
func (s *session) quit() error {
	if !s.unsaved() {
		return errQuit
	}
	pick, err := s.choose(s.t("Your answers are not saved in a report yet."), "", []option{
		{label: s.t("Save the report to a file, then quit.")},
		{label: s.t("Quit without saving.")},
		{label: s.t("Stay.")},
	}, false)
	if err != nil {
		return err
	}
	switch pick {
	case 0:
		if saved, err := s.saveReport(); err != nil || !saved {
			return err
		}
		return errQuit
	case 1:
		return errQuit
	}
	return nil
}

// ask reads one free-text line after a prompt. Commands are the caller's to read.
func (s *session) ask(prompt string, hidden bool) (string, error) {
	s.out.prompt(prompt)
	resp, err := s.readLine(hidden)
	if resp.long {
		s.out.say(s.tf("That line was longer than %s; only its start was kept.", sizeText(maxLine)))
	}
	return strings.TrimSpace(resp.text), err
}

func sizeText(n int) string { return strconv.Itoa(n>>10) + " KiB" }

// readLine reads one line. Where the input did not echo the line's end (a pipe, a hidden
// read), a line feed is printed in its place, so the next line of output starts on a line
// of its own.
func (s *session) readLine(hidden bool) (lineResp, error) {
	resp, err := s.in.line(s.ctx, hidden)
	if err == nil && (hidden || !s.in.tty) {
		s.out.blank()
	}
	return resp, err
}
