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

// drawCode draws the code spans of each word with code, backticks removed. A span wider
// than room is cut at its spaces into lines of room cells at most (each but the last ending
// in " \" when it is a shell command), and those lines are placed one under the other.
func drawCode(words []word, room int, code func(string) string) []word {
	out := make([]word, 0, len(words))
	for _, w := range words {
		if !strings.Contains(w.text, "`") {
			out = append(out, w)
			continue
		}
		before, span, after, ok := cutSpan(w.text)
		if !ok {
			out = append(out, w)
			continue
		}
		if room < 20 || width(before)+width(span)+width(after) <= room || !strings.Contains(span, " ") {
			out = append(out, word{text: drawSpans(w.text, code)})
			continue
		}
		// The text glued before or after the span (a parenthesis, a comma) shares its
		// first or last line.
		lines := breakSpan(span, max(room-width(before)-width(after), 10), isShellCommand(span))
		for i, l := range lines {
			t := code(l)
			if i == 0 {
				t = drawSpans(before, code) + t
			}
			if i == len(lines)-1 {
				t += drawSpans(after, code)
			}
			out = append(out, word{text: t, breakBefore: i > 0})
		}
	}
	return out
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

// breakSpan cuts a code span at its spaces into lines of at most room cells; with cont,
// every line but the last ends in " \" (a shell's line continuation), counted in room.
func breakSpan(span string, room int, cont bool) []string {
	tail := 0
	if cont {
		tail = 2
	}
	var lines []string
	cur := ""
	for _, f := range strings.Fields(span) {
		switch {
		case cur == "":
			cur = f
		case width(cur)+1+width(f)+tail <= room:
			cur += " " + f
		default:
			lines = append(lines, cur)
			cur = f
		}
	}
	lines = append(lines, cur)
	if cont {
		for i := range len(lines) - 1 {
			lines[i] += " \\"
		}
	}
	return lines
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
