package ui

import (
	"context"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Minimum terminal size; below it the program says so instead of drawing a broken layout.
const (
	minWidth  = 60
	minHeight = 16
)

// shared is what every screen needs and the root owns: sizes, styles, keys and the data the
// screens work on. Each screen holds it from its construction; it is changed only inside
// the program's Update (the root's, a screen's), so there are no package globals and no
// races.
type shared struct {
	// reasons are reasons already said in a language (reason): the result screen draws
	// them on every keypress, and saying one tries every shape.
	reasons map[[2]string]string
	// helpLine is the last help line drawn, with what it was drawn from (shortHelpView).
	helpLine [2]string
	// probeTexts are live checks' sentences already said in a language (probeText).
	probeTexts map[[2]string]string
	// recalled are texts the session made, each with its versions in every language
	// (remember).
	recalled map[string]map[lang.Lang]string

	width, height int // the terminal
	bodyW, bodyH  int // what a screen may draw in, inside the frame's header and footer

	isDark  bool
	present bool
	st      styles
	text    TextStyles // catalogue text, shared with the CLI (entrytext.go)
	lang    lang.Lang  // the session's language (lang.go); the catalogue and graph are in it
	keys    keyMap

	cat   *knowledge.Catalogue
	graph *flow.Graph    // nil: the wizard says the flow is missing; the rest still works
	cfg   *config.Config // this session's settings; edits on the settings screen land here
	// secrets is the session's one secret set (main's, with the CLI's): the settings'
	// secrets, old and new, and every paste's. clean and the report scrub with it.
	secrets *redact.Set
	prober  Prober
	now     func() time.Time
	runSeq  int // numbers every live run and paste read, so a late answer from an old one is recognised
	notes   []string
}

// Prober runs live checks; *probe.Prober is the real one, tests use a fake.
type Prober interface {
	Run(ctx context.Context, cfg config.Config, id string) probe.Result
	RunAll(ctx context.Context, cfg config.Config, ids []string) []probe.Result
}

func newShared(o Options) *shared {
	now := o.Now
	if now == nil {
		now = time.Now
	}
	cfg := o.Config
	if cfg == nil {
		d := config.Default()
		cfg = &d
	}
	prober := o.Prober
	if prober == nil {
		prober = &probe.Prober{Now: now}
	}
	secrets := o.Secrets
	if secrets == nil {
		secrets = &redact.Set{}
	}
	cfg.AddSecrets(secrets)
	cfg.Lang = o.Lang // the probes and the settings' messages speak the session's language
	sh := &shared{cat: o.Catalogue, graph: o.Graph, cfg: cfg, secrets: secrets, prober: prober, present: o.Present, now: now,
		keys: DefaultKeyMap(), width: 80, height: 24, notes: o.Notes, lang: o.Lang}
	// Most terminals are dark; the real answer arrives as a BackgroundColorMsg.
	sh.setTheme(true)
	return sh
}

func (sh *shared) setTheme(isDark bool) {
	sh.isDark = isDark
	sh.st = newStyles(isDark, sh.present)
	sh.text = sh.st.textStyles()
	sh.text.Lang = sh.lang
	// The wizard draws code, so a command copied from its screens is the command; the
	// sub-commands print the same words on a terminal as in a pipe, backticks and all.
	sh.text.DrawCode = true
}

// tooSmall reports whether the terminal is below the size the layout needs.
func (sh *shared) tooSmall() bool {
	return sh.width < minWidth || sh.height < minHeight
}

// maxTextWidth is the widest a paragraph is set, however wide the terminal: longer lines
// are hard to read, above all at a distance.
const maxTextWidth = 100

// textW is the width paragraphs wrap to.
func (sh *shared) textW() int { return min(sh.bodyW, maxTextWidth) }

// wide reports whether a list and its detail fit side by side.
func (sh *shared) wide() bool { return sh.bodyW >= 110 }

// clean makes text from outside safe to show (see printable) and, in presenter mode,
// hides even the masked prefixes of secrets it quotes: only "set (n chars)" remains.
//
// It is the one masking step of every screen that draws a paste, a setting or a server's
// words: redact.Text masks secrets by their form (labelled values, credentials in headers,
// curl -u, URLs, tokens on their own), and the session's set masks every secret it knows
// by value, wherever and however the text quotes it.
func (sh *shared) clean(s string) string {
	s = redact.Text(printable(s))
	s = sh.secrets.Scrub(s)
	if sh.present {
		s = redact.LengthsOnly(s, sh.t("set ($1 chars)"))
	}
	return sh.lang.MaskWords(s)
}
