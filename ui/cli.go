package ui

import (
	"io"
	"os"
	"strings"

	"github.com/charmbracelet/colorprofile"
	"golang.org/x/term"
)

// Printer is how sub-commands write to a terminal or a pipe: styled on a colour terminal,
// plain text (no escape codes at all) when piped, with NO_COLOR, or on TERM=dumb.
type Printer struct {
	W      io.Writer
	Styled bool
	TTY    bool
	Width  int // wrap width
	Text   TextStyles
}

// NewPrinter looks at w and the environment to decide how to print.
func NewPrinter(w io.Writer, environ []string) *Printer {
	p := &Printer{W: w, Width: 80, Text: PlainTextStyles()}
	f, isFile := w.(*os.File)
	tty := isFile && term.IsTerminal(int(f.Fd()))
	p.TTY = tty
	if tty {
		if cols, _, err := term.GetSize(int(f.Fd())); err == nil && cols > 0 {
			p.Width = min(cols, 100)
		}
	}
	if !tty || getenv(environ, "NO_COLOR") != "" || getenv(environ, "TERM") == "dumb" {
		return p
	}
	cw := colorprofile.NewWriter(w, environ)
	if cw.Profile <= colorprofile.ASCII {
		return p
	}
	p.W = cw
	p.Styled = true
	// A terminal that cannot be asked is assumed dark, as most are.
	p.Text = NewTextStyles(true)
	return p
}

// Print writes s as it is.
func (p *Printer) Print(s string) {
	_, _ = io.WriteString(p.W, s)
}

func getenv(environ []string, key string) string {
	for i := len(environ) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(environ[i], "="); ok && k == key {
			return v
		}
	}
	return ""
}
