package ui

import (
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
// space become one space. Under 20 columns nothing is wrapped.
func Wrap(text string, cols int, first, rest string) string {
	words := splitWords(text)
	if cols < 20 {
		return first + strings.Join(words, " ")
	}
	var b strings.Builder
	b.Grow(len(text) + len(first) + 8)
	prefix := first
	limit := max(cols-width(prefix), 10)
	b.WriteString(prefix)
	used := 0 // cells taken on this line after the prefix
	for i, w := range words {
		ww := width(w)
		switch {
		case i == 0:
		case used+1+ww <= limit:
			b.WriteByte(' ')
			used++
		default:
			prefix = rest
			limit = max(cols-width(prefix), 10)
			b.WriteByte('\n')
			b.WriteString(prefix)
			used = 0
		}
		b.WriteString(w)
		used += ww
	}
	return b.String()
}

// splitWords cuts text at runs of white space, except inside a code span: from a backtick
// to the next one the text is one piece, its inner spaces kept single, so
// `nslookup accounts.mubarokah.com` never ends one line and starts the next. A backtick
// with no partner is an ordinary character.
func splitWords(text string) []string {
	words := make([]string, 0, len(text)/5+1)
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
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
