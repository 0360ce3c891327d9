package line

import (
	"strings"

	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// spoken turns the report's Markdown into lines a screen reader reads well: a heading
// without its hashes, a table row as "Column: value" pairs rather than a run of bars and
// dashes, the rule under a table's header left out. The file saved keeps the Markdown.
func spoken(md string) []string { return spokenIn(lang.English, md) }

// spoken is the report read in the session's language.
func (s *session) spoken(md string) []string { return spokenIn(s.l, md) }

// spokenIn is spoken with its own words (the number column, a checklist's boxes) in l.
func spokenIn(lg lang.Lang, md string) []string {
	plainWords := strings.NewReplacer("**", "", "`", "", "- [ ] ", lg.T("Not done: "), "- [x] ", lg.T("Done: "))
	var out, header []string
	for _, l := range strings.Split(strings.TrimRight(md, "\n"), "\n") {
		t := plainWords.Replace(strings.TrimSpace(l))
		if !strings.HasPrefix(t, "|") {
			header = nil
			if h := strings.TrimLeft(t, "#"); h != t {
				t = strings.TrimSpace(h)
				if t != "" && !strings.HasSuffix(t, ".") {
					t += "."
				}
			}
			out = append(out, t)
			continue
		}
		cells := cells(t)
		switch {
		case header == nil:
			header = cells
			for i, h := range header {
				if h == "#" {
					header[i] = lg.T("Number") // a screen reader says "number sign"
				}
			}
		case isRule(cells):
		default:
			var pairs []string
			for i, c := range cells {
				c = strings.TrimSuffix(c, ".")
				if c == "" {
					continue
				}
				if i < len(header) && header[i] != "" {
					c = header[i] + ": " + c
				}
				pairs = append(pairs, c)
			}
			out = append(out, strings.Join(pairs, "; ")+".")
		}
	}
	return out
}

// spokenIn's plainWords drops the marks a screen reader would spell out: bold, code
// spans, and the boxes of a checklist, which become words.

// cells splits a table row at its bars; a bar escaped as \| belongs to the cell.
func cells(row string) []string {
	row = strings.TrimSuffix(strings.TrimPrefix(row, "|"), "|")
	var out []string
	var b strings.Builder
	for i := 0; i < len(row); i++ {
		switch {
		case row[i] == '\\' && i+1 < len(row) && row[i+1] == '|':
			b.WriteByte('|')
			i++
		case row[i] == '|':
			out = append(out, strings.TrimSpace(b.String()))
			b.Reset()
		default:
			b.WriteByte(row[i])
		}
	}
	return append(out, strings.TrimSpace(b.String()))
}

// isRule reports whether a row is the |---|---| line under a table's header.
func isRule(cells []string) bool {
	for _, c := range cells {
		if strings.Trim(c, "-: ") != "" {
			return false
		}
	}
	return true
}
