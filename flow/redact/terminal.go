package redact

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Text from outside the program (a paste, a server's answer, a .env value, a flag) can hold
// terminal controls: OSC 52 writes the clipboard, OSC 0 the window title, ESC c resets the
// terminal, CSI moves the cursor over what was printed. Printable is the one filter every such
// text goes through before it is shown.

// Printable returns s with every terminal control taken out: whole escape sequences (CSI,
// OSC, DCS, SOS, PM, APC and the two- and three-byte ones such as ESC c), their 8-bit C1
// forms, every other C0 and C1 control and DEL. Line feeds and tabs stay; bytes that are not
// UTF-8 become U+FFFD, since some terminals read a stray 0x9b as CSI.
func Printable(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	filter(&b, s, false)
	return b.String()
}

// PrintableLine is Printable for one line of a screen: line feeds and tabs become spaces too.
func PrintableLine(s string) string {
	if isPlain(s) && !strings.ContainsAny(s, "\n\t") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	filter(&b, s, true)
	return b.String()
}

// JSONSafe makes JSON text safe on a terminal without changing what it says: encoding/json
// escapes C0 controls but writes C1 controls (U+0080 to U+009F) and DEL as they are, and
// those can only stand inside strings, where \u escapes mean the same. Other bytes pass.
func JSONSafe(s string) string {
	if isPlain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteString(`\ufffd`)
		case r == 0x7f || r >= 0x80 && r < 0xa0:
			b.WriteString(`\u00` + strconv.FormatInt(int64(r), 16))
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// IsControl reports whether r is a control Printable takes out (line feed and tab are not).
func IsControl(r rune) bool {
	return r < 0x20 && r != '\n' && r != '\t' || r == 0x7f || r >= 0x80 && r < 0xa0
}

// isPlain is the fast path: printable ASCII, line feeds, tabs and well-formed UTF-8 above
// the C1 range need no work.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\n' && c != '\t' || c == 0x7f {
			return false
		}
		if c >= 0x80 {
			if c == 0xc2 && i+1 < len(s) && s[i+1] < 0xa0 {
				return false // U+0080..U+009F
			}
			r, n := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && n == 1 {
				return false
			}
			i += n - 1
		}
	}
	return true
}

// Introducers of the control strings that run to a terminator (OSC, DCS, SOS, PM, APC), in
// their 7-bit form (the byte after ESC) and their C1 form.
const stringIntroducers = "]PX^_"

func isStringC1(r rune) bool {
	return r == 0x9d || r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f
}

func filter(b *strings.Builder, s string, oneLine bool) {
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b:
			i = skipEscape(s, i+1)
		case r == 0x9b:
			i = skipCSI(s, i+n)
		case isStringC1(r):
			i = skipString(s, i+n)
		case r == '\n' || r == '\t':
			if oneLine {
				b.WriteByte(' ')
			} else {
				b.WriteByte(byte(r))
			}
			i++
		case IsControl(r):
			i += n
		default:
			b.WriteString(s[i : i+n])
			i += n
		}
	}
}

// skipEscape returns where the sequence whose ESC ends just before i ends.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	c := s[i]
	switch {
	case c == '[':
		return skipCSI(s, i+1)
	case strings.IndexByte(stringIntroducers, c) >= 0:
		return skipString(s, i+1)
	case c >= 0x20 && c <= 0x2f:
		// nF sequences such as ESC ( B: intermediates, then one final byte.
		for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
			i++
		}
		if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
			i++
		}
		return i
	case c >= 0x30 && c <= 0x7e:
		return i + 1 // ESC c, ESC 7, ESC M, ESC =
	}
	return i // a lone ESC: drop it, keep what follows
}

// skipCSI skips parameter and intermediate bytes and the final byte of a CSI sequence. A
// byte that cannot belong to one ends it without being taken.
func skipCSI(s string, i int) int {
	for i < len(s) {
		c := s[i]
		switch {
		case c >= 0x20 && c <= 0x3f:
			i++
		case c >= 0x40 && c <= 0x7e:
			return i + 1
		default:
			return i
		}
	}
	return i
}

// skipString skips a control string up to its terminator (BEL, ESC \ or the C1 ST) or the
// next ESC. One left open ends at the line's end, so a broken sequence does not swallow the
// rest of the output; with its introducer gone it cannot do anything anyway.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i // another sequence starts: terminals end the string there too
		case s[i] == 0xc2 && i+1 < len(s) && s[i+1] == 0x9c:
			return i + 2
		case s[i] == '\n':
			return i
		}
		i++
	}
	return i
}
