package ui

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"
)

// Wrap sets text in lines of at most cols cells, first before the first line and rest
// before every other. It breaks only at spaces: a word, a flag (--dns), a scope
// (view-user), a name (mubarokah-doctor), a path, a URL or a `code span` is never split,
// so what a person copies from the screen is what was written. A piece wider than the
// line stands alone on its own line, whole; the frame cuts such a line with an ellipsis
// where it must, which shows, rather than breaking it where nothing does. Runs of white
// space become one space. Under 20 columns nothing is wrapped. Code spans keep their
// backticks: this is the text as written, for a pipe or a file (WrapCode draws them).
func Wrap(text string, cols int, first, rest string) string {
	return WrapCode(text, cols, first, rest, nil)
}

// WrapCode is Wrap for a screen: each `code span` is drawn by code, without its
// backticks, so a command copied from the screen is the command and not a shell's
// command substitution. A span wider than the line is the one piece that breaks, at its
// own spaces; a shell command's broken lines end in " \", so copying them together still
// runs it. A nil code keeps the backticks.
func WrapCode(text string, cols int, first, rest string, code func(string) string) string {
	words := splitWords(text)
	if code != nil {
		words = drawCode(words, cols-max(width(first), width(rest)), code)
	}
	if cols < 20 {
		return first + joinWords(words)
	}
	var b strings.Builder
	b.Grow(len(text) + len(first) + 8)
	prefix := first
	limit := max(cols-width(prefix), 10)
	b.WriteString(prefix)
	used := 0 // cells taken on this line after the prefix
	for i, w := range words {
		ww := width(w.text)
		switch {
		case i == 0:
		case !w.breakBefore && used+1+ww <= limit:
			b.WriteByte(' ')
			used++
		default:
			prefix = rest
			limit = max(cols-width(prefix), 10)
			b.WriteByte('\n')
			b.WriteString(prefix)
			used = 0
		}
		b.WriteString(w.text)
		used += ww
	}
	return b.String()
}

// word is one piece Wrap places; breakBefore forces a new line before it (the parts of a
// code span too wide for any line).
type word struct {
	text        string
	breakBefore bool
}

func joinWords(words []word) string {
	parts := make([]string, len(words))
	for i, w := range words {
		parts[i] = w.text
	}
	return strings.Join(parts, " ")
}

// drawCode draws the code spans of each word with code, backticks removed. A word wider
// than room is cut at the spaces inside its spans into lines of room cells at most (each
// ending in " \" when it breaks inside a shell command), placed one under the other. The
// text glued to a span (a parenthesis, a comma, another span) stays on the line of the
// span's part it touches, so it counts in that line's room.
func drawCode(words []word, room int, code func(string) string) []word {
	out := make([]word, 0, len(words))
	for _, w := range words {
		if !strings.Contains(w.text, "`") {
			out = append(out, w)
			continue
		}
		atoms := splitAtoms(w.text)
		if room < 20 || len(atoms) < 2 || width(drawSpans(w.text, plain)) <= room {
			out = append(out, word{text: drawSpans(w.text, code)})
			continue
		}
		for i, l := range breakAtoms(atoms, room) {
			out = append(out, word{text: l.draw(code), breakBefore: i > 0})
		}
	}
	return out
}

func plain(s string) string { return s }

// piece is a run of a word's text, code when it comes from a span.
type piece struct {
	text string
	code bool
}

// atom is what a word may not be broken inside: text glued to the parts of spans around it.
// Consecutive atoms meet at a space inside a span; shell says that span is a command.
type atom struct {
	pieces []piece
	shell  bool // the span this atom ends in is a shell command (its break gets " \")
}

func (a atom) width() int {
	n := 0
	for _, p := range a.pieces {
		n += width(p.text)
	}
	return n
}

// splitAtoms cuts a word at the spaces of its closed code spans; a lone backtick is text.
func splitAtoms(s string) []atom {
	var atoms []atom
	var cur atom
	for {
		before, span, after, ok := cutSpan(s)
		if !ok {
			before = s
		}
		if before != "" {
			cur.pieces = append(cur.pieces, piece{text: before})
		}
		if !ok {
			break
		}
		// Every space of the span is a place to break, one at its start or end too; one
		// with nothing before it on the word stays, drawn as part of the span.
		shell := isShellCommand(span)
		for i, part := range strings.Split(span, " ") {
			switch {
			case i > 0 && len(cur.pieces) > 0:
				cur.shell = shell
				atoms = append(atoms, cur)
				cur = atom{}
			case i > 0:
				cur.pieces = append(cur.pieces, piece{text: " ", code: true})
			}
			if part != "" {
				cur.pieces = append(cur.pieces, piece{text: part, code: true})
			}
		}
		s = after
	}
	if len(cur.pieces) > 0 {
		atoms = append(atoms, cur)
	}
	return atoms
}

// codeLine is one line of a broken word.
type codeLine struct{ pieces []piece }

// breakAtoms places atoms on lines of at most room cells, the " \" a shell command's
// break needs counted in; an atom wider than that stands alone.
func breakAtoms(atoms []atom, room int) []codeLine {
	var lines []codeLine
	var cur codeLine
	used := 0
	for i, a := range atoms {
		aw := a.width()
		if i == 0 {
			cur.pieces, used = append(cur.pieces, a.pieces...), aw
			continue
		}
		// a and the atom before meet inside one span: joined, that span goes on with a space.
		// When a command breaks after a, its " \" must fit too.
		tail := 0
		if a.shell {
			tail = 2
		}
		if used+1+aw+tail <= room {
			cur.pieces = append(append(cur.pieces, piece{text: " ", code: true}), a.pieces...)
			used += 1 + aw
			continue
		}
		if atoms[i-1].shell { // the command goes on on the next line
			cur.pieces = append(cur.pieces, piece{text: " \\", code: true})
		}
		lines = append(lines, cur)
		cur, used = codeLine{pieces: append([]piece(nil), a.pieces...)}, aw
	}
	return append(lines, cur)
}

// draw writes the line, each run of code pieces drawn with code in one go.
func (l codeLine) draw(code func(string) string) string {
	var b, run strings.Builder
	for _, p := range l.pieces {
		if p.code {
			run.WriteString(p.text)
			continue
		}
		if run.Len() > 0 {
			b.WriteString(code(run.String()))
			run.Reset()
		}
		b.WriteString(p.text)
	}
	if run.Len() > 0 {
		b.WriteString(code(run.String()))
	}
	return b.String()
}

// cutSpan splits a word at its first code span: the text before it, the span's inside and
// the text after it; ok is false when the word has no closed span.
func cutSpan(s string) (before, span, after string, ok bool) {
	i := strings.IndexByte(s, '`')
	if i < 0 {
		return "", "", "", false
	}
	j := strings.IndexByte(s[i+1:], '`')
	if j < 0 {
		return "", "", "", false
	}
	return s[:i], s[i+1 : i+1+j], s[i+1+j+1:], true
}

// drawSpans draws every closed code span of s with code; a lone backtick stays.
func drawSpans(s string, code func(string) string) string {
	var b strings.Builder
	for {
		before, span, after, ok := cutSpan(s)
		if !ok {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(before)
		b.WriteString(code(span))
		s = after
	}
}

// shellCommands are the programs the catalogue's code spans run; a span starting with one
// is a command a person pastes into a shell.
var shellCommands = map[string]bool{
	"mubarokah-doctor": true, "curl": true, "nslookup": true, "dig": true, "getent": true, "openssl": true,
	"timedatectl": true, "chronyc": true, "ntpdate": true, "date": true, "php": true, "composer": true,
	"ping": true, "host": true, "wget": true, "git": true,
}

func isShellCommand(span string) bool {
	f := strings.Fields(span)
	return len(f) > 1 && shellCommands[f[0]]
}

// splitWords cuts text at runs of white space, except inside a code span: from a backtick
// to the next one the text is one piece, its inner spaces kept single, so
// `nslookup accounts.mubarokah.com` never ends one line and starts the next. A backtick
// with no partner is an ordinary character.
func splitWords(text string) []word {
	words := make([]word, 0, len(text)/5+1)
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, word{text: cur.String()})
			cur.Reset()
		}
	}
	for i := 0; i < len(text); {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case unicode.IsSpace(r):
			flush()
			i += size
		case r == '`':
			end := strings.IndexByte(text[i+1:], '`')
			if end < 0 {
				cur.WriteByte('`')
				i++
				continue
			}
			span := text[i : i+1+end+1]
			cur.WriteString(strings.Join(strings.Fields(span), " "))
			i += len(span)
		default:
			cur.WriteString(text[i : i+size])
			i += size
		}
	}
	flush()
	return words
}

// width is the number of terminal cells s takes. Every frame measures every line, and
// ansi.StringWidth segments graphemes to do it; text here is mostly ASCII, escape codes and
// a few one-cell symbols (› ✓ ✗ • … │), which this counts directly, handing anything else to
// ansi.StringWidth.
func width(s string) int {
	n := 0
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == 0x1b:
			next, ok := skipEscape(s, i)
			if !ok {
				return ansi.StringWidth(s)
			}
			i = next
			continue
		case c < 0x20 || c == 0x7f:
			i++
			continue
		case c < 0x80:
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if !narrowSymbol(r) {
			return ansi.StringWidth(s)
		}
		n++
		i += size
	}
	return n
}

// narrowSymbol reports runes that always take one cell and never join a grapheme cluster:
// Latin-1 letters, general punctuation, arrows, box drawing and the dingbats used as glyphs.
func narrowSymbol(r rune) bool {
	switch {
	case r == 0xad: // the soft hyphen takes no cell
		return false
	case r >= 0xa0 && r <= 0x2ff:
		return true
	case r >= 0x2010 && r <= 0x2027: // dashes, quotes, bullet, ellipsis
		return true
	case r >= 0x2030 && r <= 0x205e:
		return true
	case r >= 0x2190 && r <= 0x21ff: // arrows
		return true
	case r >= 0x2500 && r <= 0x257f: // box drawing
		return true
	case r == 0x2713 || r == 0x2717: // ✓ ✗
		return true
	}
	return false
}

// skipEscape returns the index after the well-formed CSI or OSC sequence starting at s[i];
// ok is false for anything else, which the caller leaves to ansi's full parser.
func skipEscape(s string, i int) (int, bool) {
	if i+1 >= len(s) {
		return 0, false
	}
	switch c := s[i+1]; {
	case c == '[': // CSI with parameter bytes only (as SGR has), then a final byte
		for j := i + 2; j < len(s); j++ {
			switch b := s[j]; {
			case b >= 0x40 && b <= 0x7e:
				return j + 1, true
			case b < 0x30 || b > 0x3f:
				return 0, false
			}
		}
	case c == ']': // OSC: printable text ended by BEL or ESC \
		for j := i + 2; j < len(s); j++ {
			switch b := s[j]; {
			case b == 0x07:
				return j + 1, true
			case b == 0x1b:
				if j+1 < len(s) && s[j+1] == '\\' {
					return j + 2, true
				}
				return 0, false
			case b < 0x20 || b >= 0x7f:
				return 0, false
			}
		}
	}
	return 0, false
}

// urlPattern finds the http(s) URLs of a line of our own text.
var urlPattern = regexp.MustCompile(`https?://[^\s\x1b]+`)

// linkURLs makes each URL of a line of the catalogue an OSC 8 hyperlink to itself, so a
// URL the line is too narrow for can be cut and still be followed. Only for our own text:
// outside text never gets to write escape sequences.
func linkURLs(line string) string {
	return urlPattern.ReplaceAllStringFunc(line, func(u string) string {
		return ansi.SetHyperlink(u) + u + ansi.ResetHyperlink()
	})
}
