package lang

import (
	"iter"
	"regexp"
	"strings"
)

// Several packages write English sentences with particulars in them (the probes, the HAR
// reader, the evidence readers, the program's own messages) and keep them English, so that
// the matcher and the reports read one wording; each is put into a person's language where
// it is shown, by reading the particulars back out of the sentence. Shapes is that reading,
// one mechanism for every such table.

// Verbs says which verbs a table's English uses ('s' for "%s") and what text each
// particular may be, as a regexp group: whether it is a number, one word, or any text, and
// whether it takes as little or as much as it can. A '%' before any other letter is text.
type Verbs map[byte]string

// Common particulars.
const (
	Number = `(-?[0-9]+)`
	Quoted = `("(?:[^"\\]|\\.)*")`
)

// Shapes is a table of English sentences with verbs, compiled to be read back.
type Shapes struct {
	verbs  Verbs
	verbRe *regexp.Regexp
	list   []shape
}

type shape struct {
	prefix, suffix string // the English before its first verb and after its last: a cheap test first
	need           string // its longest run of text between verbs, which s must hold: another cheap test
	re             *regexp.Regexp
	verbs          []byte // in order
}

// NewShapes compiles the English sentences en, which use the verbs vs.
func NewShapes(vs Verbs, en []string) *Shapes {
	letters := make([]byte, 0, len(vs))
	for v := range vs {
		letters = append(letters, v)
	}
	t := &Shapes{verbs: vs, verbRe: regexp.MustCompile(`%[` + regexp.QuoteMeta(string(letters)) + `]`)}
	t.list = make([]shape, 0, len(en))
	for _, e := range en {
		var b strings.Builder
		var verbs []byte
		last := 0
		ms := t.verbRe.FindAllStringIndex(e, -1)
		for _, m := range ms {
			b.WriteString(regexp.QuoteMeta(e[last:m[0]]))
			b.WriteString(vs[e[m[0]+1]])
			verbs = append(verbs, e[m[0]+1])
			last = m[1]
		}
		b.WriteString(regexp.QuoteMeta(e[last:]))
		sh := shape{prefix: e, re: regexp.MustCompile(`^` + b.String() + `$`), verbs: verbs}
		if len(ms) > 0 {
			sh.prefix, sh.suffix = e[:ms[0][0]], e[ms[len(ms)-1][1]:]
		}
		for _, run := range t.verbRe.Split(e, -1) {
			if len(run) > len(sh.need) {
				sh.need = run
			}
		}
		t.list = append(t.list, sh)
	}
	return t
}

// ShapesOf compiles the English of a table of pairs (English, translation).
func ShapesOf(vs Verbs, pairs [][2]string) *Shapes {
	en := make([]string, len(pairs))
	for i, p := range pairs {
		en[i] = p[0]
	}
	return NewShapes(vs, en)
}

// Match finds the first sentence of the table that s is, filled in: its index, and its
// particulars with their verbs, in order.
func (t *Shapes) Match(s string) (i int, verbs []byte, args []string, ok bool) {
	for f := range t.Fits(s) {
		return f.I, f.Verbs, f.Args, true
	}
	return 0, nil, nil, false
}

// A Fit is one sentence of a table that a text is, filled in.
type Fit struct {
	I     int      // its index in the table
	Verbs []byte   // its verbs, in order
	Args  []string // its particulars, in order
	Tail  bool     // the sentence ends with a particular
}

// Fits yields every sentence of the table that s is, in the table's order, for a reader
// that judges the particulars itself and may pass over a fit it does not believe.
func (t *Shapes) Fits(s string) iter.Seq[Fit] {
	return func(yield func(Fit) bool) {
		for i, sh := range t.list {
			if !strings.HasPrefix(s, sh.prefix) || !strings.HasSuffix(s, sh.suffix) || !strings.Contains(s, sh.need) {
				continue
			}
			if m := sh.re.FindStringSubmatch(s); m != nil {
				if !yield(Fit{I: i, Verbs: sh.verbs, Args: m[1:], Tail: len(sh.verbs) > 0 && sh.suffix == ""}) {
					return
				}
			}
		}
	}
}

// Fill puts particulars into a translation, which has the same verbs in the same order as
// its English, each particular as put says it.
func (t *Shapes) Fill(translation string, verbs []byte, args []string, put func(verb byte, arg string) string) string {
	i := 0
	return t.verbRe.ReplaceAllStringFunc(translation, func(string) string {
		if i >= len(args) {
			return ""
		}
		v, arg := verbs[i], args[i]
		i++
		return put(v, arg)
	})
}
