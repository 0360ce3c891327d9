package line

import (
	"fmt"
	"io"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// printer writes the session as plain lines. Every line passes one filter on its way out,
// whatever it holds (the catalogue's words, a server's answer, a paste's summary): terminal
// controls are taken out, so nothing can colour, move the cursor or retitle the terminal,
// and the session's secrets are masked.
type printer struct {
	w       io.Writer
	secrets *redact.Set
	present bool
	l       lang.Lang // for the words around a mask: "set (13 chars)"
	err     error     // the first write error; later writes are dropped
}

// clean is text made safe to print: no controls, no secret of the session, and in
// presenter mode not even a masked secret's first characters.
func (p *printer) clean(s string) string {
	s = redact.Printable(s)
	s = strings.ReplaceAll(s, "\t", "    ")
	s = p.secrets.Scrub(s)
	if p.present {
		s = redact.LengthsOnly(s, p.l.T("set ($1 chars)"))
	}
	return p.l.MaskWords(s)
}

// say prints one or more lines.
func (p *printer) say(lines ...string) {
	for _, l := range lines {
		p.write(p.clean(l) + "\n")
	}
}

// sayf prints one formatted line.
func (p *printer) sayf(format string, args ...any) { p.say(fmt.Sprintf(format, args...)) }

// blank prints an empty line: a pause between parts, which screen readers read as one.
func (p *printer) blank() { p.write("\n") }

// prompt prints the question a line of input answers, without a line feed, so the answer
// is typed after it.
func (p *printer) prompt(s string) { p.write(p.clean(s) + " ") }

func (p *printer) write(s string) {
	if p.err != nil {
		return
	}
	_, p.err = io.WriteString(p.w, s)
}
