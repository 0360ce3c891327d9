package ui

import (
	"io"
	"os"
	"strconv"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Output is where a sub-command prints and what the command line found out about it. The
// command line owns the terminal test and the environment; the printer only reads them.
type Output struct {
	W     io.Writer
	TTY   bool // W is a terminal
	Cols  int  // W's width in columns; 0 when unknown
	In    io.Reader
	InTTY bool // In is a terminal too: only then may the background colour be asked for
	// Getenv and Environ are the command's environment (not necessarily the process's).
	Getenv  func(string) string
	Environ []string
	// Secrets are the session's: every piece of text is scrubbed before it is styled (an
	// escape code inside a secret would hide it from a scrub of the whole), and the whole
	// output once more after. nil means none.
	Secrets *redact.Set
	// Lang is the language of the program's own words (headings, labels); the catalogue's
	// text comes translated with the catalogue.
	Lang lang.Lang
}

// Printer writes the text of every sub-command the same way: styled on a colour terminal,
// plain (no escape code at all, lines as wide as a pipe gets) when piped, with NO_COLOR or
// on TERM=dumb. Styling never changes the words or where lines break: with the escape codes
// stripped, styled output is the plain output.
type Printer struct {
	w       io.Writer
	styled  bool
	tty     bool
	width   int
	st      printStyles
	secrets *redact.Set
}

// NewPrinter decides how to print to o.W.
func NewPrinter(o Output) *Printer {
	getenv := o.Getenv
	if getenv == nil {
		getenv = func(string) string { return "" }
	}
	p := &Printer{w: o.W, tty: o.TTY, width: 80, st: plainPrintStyles(), secrets: o.Secrets}
	if p.secrets == nil {
		p.secrets = &redact.Set{}
	}
	defer func() { p.st.text.Lang = o.Lang }()
	if o.TTY && o.Cols > 0 {
		p.width = min(o.Cols, 100)
	}
	if !o.TTY || getenv("NO_COLOR") != "" || getenv("TERM") == "dumb" {
		return p
	}
	profile := colorprofile.Env(o.Environ)
	if _, isFile := o.W.(*os.File); isFile {
		profile = colorprofile.Detect(o.W, o.Environ) // the terminfo database too
	}
	if profile <= colorprofile.ASCII {
		return p
	}
	p.w = &colorprofile.Writer{Forward: o.W, Profile: profile}
	p.styled = true
	p.st = newPrintStyles(darkBackground(o, getenv))
	return p
}

// darkBackground says whether the terminal's background is dark: COLORFGBG when the
// terminal sets it, else the terminal's answer when both ends are terminals, else dark, as
// most terminals are.
func darkBackground(o Output, getenv func(string) string) bool {
	if v := getenv("COLORFGBG"); v != "" {
		// "fg;bg" (or "fg;default;bg"): the background is one of the 16 ANSI colours,
		// and 7 (white) and 9-15 (the bright ones) are light.
		fields := strings.Split(v, ";")
		if bg, err := strconv.Atoi(fields[len(fields)-1]); err == nil {
			return !(bg == 7 || bg >= 9 && bg <= 15)
		}
	}
	in, inFile := o.In.(*os.File)
	out, outFile := o.W.(*os.File)
	if o.InTTY && inFile && outFile {
		return lipgloss.HasDarkBackground(in, out)
	}
	return true
}

// Styled reports whether the printer writes escape codes.
func (p *Printer) Styled() bool { return p.styled }

// Width is the width the printer wraps at.
func (p *Printer) Width() int { return p.width }

// write puts out a whole text, scrubbed once more: the second guard behind the scrub of
// every piece.
func (p *Printer) write(s string) {
	_, _ = io.WriteString(p.w, p.Lang().MaskWords(p.secrets.Scrub(s)))
}

// safe is a piece of outside text as it may be shown: no control, no secret.
func (p *Printer) safe(s string) string { return p.secrets.Scrub(redact.Printable(s)) }

// paint styles a piece of text that is already safe; plain output gets it as it is.
func (p *Printer) paint(st lipgloss.Style, s string) string {
	if !p.styled || s == "" {
		return s
	}
	return st.Render(s)
}

// wrap fills text to the printer's width with a first-line prefix and a continuation indent.
func (p *Printer) wrap(text, first, rest string) string {
	return Wrap(text, p.width, first, rest)
}

// Entry writes a catalogue entry whole: title, severity, where it appears, the causes by
// context, the checklist, prevention and related entries.
func (p *Printer) Entry(e *knowledge.Entry) {
	p.write(RenderEntry(e, p.width, p.st.text))
}

// List writes one line per entry; on a terminal a line is cut to the width, in a pipe never.
func (p *Printer) List(entries []*knowledge.Entry) {
	width := 0
	if p.tty {
		width = p.width
	}
	p.write(RenderList(entries, width, p.st.text))
}

// Search writes search results, best first, with where each matched.
func (p *Printer) Search(results []knowledge.SearchResult) {
	p.write(RenderSearch(results, p.width, p.st.text))
}
