package knowledge

import (
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// field is a part of an entry that search reads; fieldTable says what a word found there
// is worth. The weights rank a code above a status, a status above a severity, and the
// entry's own words (title, the server's messages) above the longer prose.
type field uint8

const (
	fieldCode field = iota // the code and the aliases
	fieldStatus
	fieldSeverity
	fieldTitle
	fieldMessage // the server texts an entry explains (Entry.ServerTexts)
	fieldCause
	fieldSummary
	fieldStep
	fieldPrevention
	numFields
)

var fieldTable = [numFields]struct {
	label  string
	weight float64
}{
	fieldCode:       {"code", 30}, // a code or alias holding the word; equal to it: codeExact
	fieldStatus:     {"HTTP", 20},
	fieldSeverity:   {"severity", 10},
	fieldTitle:      {"title", 6},
	fieldMessage:    {"server message", 4},
	fieldCause:      {"cause", 3},
	fieldSummary:    {"summary", 2},
	fieldStep:       {"step", 1.5},
	fieldPrevention: {"prevention", 1},
}

const (
	codeExact    = 100 // the query word is a code or an alias
	codeWord     = 8   // one word of several stands inside a code: weaker than the whole query
	phraseWeight = 25  // the whole query stands inside a server message
)

// kindShare is the part of a field's weight a match of each kind earns: a word mistyped
// or a code's letters picked out earn half of what the word itself does.
var kindShare = [...]float64{Exact: 1, Prefix: 1, Part: 1, Typo: 0.5, Fuzzy: 0.5, Phrase: 1}

// score is what a match of kind k in field f earns.
func score(f field, k Kind) float64 {
	if f == fieldCode && (k == Exact || k == Typo) {
		return codeExact * kindShare[k]
	}
	return fieldTable[f].weight * kindShare[k]
}

// posting says a word stands in a field of an entry; sub is which cause, for "cause <id>".
type posting struct {
	entry int32
	field field
	sub   uint16
}

// searchIndex is the catalogue as search reads it, built on the first query so that a
// command that never searches (explain, the wizard's first frame) pays nothing for it.
type searchIndex struct {
	words  map[string]int32 // word -> id
	vocab  []string         // id -> word
	post   [][]posting      // id -> where the word stands, entries in order
	sorted []int32          // word ids in word order, for the prefixes of a word being typed
	byLen  [][]int32        // word ids by length in runes, for typos

	names     []string // every code and alias, lower-cased, for parts and fuzzy matches
	nameOf    []int32  // the entry each name belongs to
	nameWord  []int32  // each name's word id
	nameStart []int32  // entry e's names are names[nameStart[e]:nameStart[e+1]]
	allNames  string   // every name, each followed by a NUL: one fast scan for a part
	nameAt    []int32  // where each name starts in allNames
	messages  [][]string
	// causeWords[e][j] is the sorted word ids of entry e's cause j, for naming the cause a
	// query describes (nameCauses).
	causeWords [][][]int32
}

func buildIndex(c *Catalogue) *searchIndex {
	ix := &searchIndex{words: map[string]int32{}, messages: make([][]string, len(c.Entries))}
	ix.causeWords = make([][][]int32, 0, len(c.Entries))
	other := c.otherLanguage()
	for i, e := range c.Entries {
		at := func(f field, sub int) posting {
			return posting{entry: int32(i), field: f, sub: uint16(min(sub, 1<<16-1))}
		}
		text := func(s string, f field, sub int) {
			eachWord(s, func(w string) { ix.add(w, at(f, sub)) })
		}
		ix.nameStart = append(ix.nameStart, int32(len(ix.names)))
		for _, n := range append([]string{e.Code}, e.Aliases...) {
			n = strings.ToLower(n)
			ix.names = append(ix.names, n)
			ix.nameOf = append(ix.nameOf, int32(i))
			ix.add(n, at(fieldCode, 0))
		}
		for _, s := range e.HTTPStatus {
			ix.add(strconv.Itoa(s), at(fieldStatus, 0))
		}
		ix.add(strings.ToLower(string(e.Severity)), at(fieldSeverity, 0))
		text(e.Title, fieldTitle, 0)
		for j, m := range e.ServerTexts() {
			text(m, fieldMessage, j)
			ix.messages[i] = append(ix.messages[i], strings.ToLower(m))
		}
		cw := make([][]int32, len(e.Causes))
		for j, cause := range e.Causes {
			text(cause.ID+" "+cause.Text, fieldCause, j)
			eachWord(cause.ID+" "+cause.Text, func(w string) { cw[j] = append(cw[j], ix.words[w]) })
			slices.Sort(cw[j])
			cw[j] = slices.Compact(cw[j])
		}
		indexOtherLanguage(ix, other, i, cw) // translate_search.go: either language's words find the entry
		ix.causeWords = append(ix.causeWords, cw)
		text(e.Summary, fieldSummary, 0)
		for j, s := range e.Steps {
			text(s.Text, fieldStep, j)
		}
		for _, p := range e.Prevention {
			text(p, fieldPrevention, 0)
		}
	}
	ix.nameStart = append(ix.nameStart, int32(len(ix.names)))
	var all strings.Builder
	for _, n := range ix.names {
		ix.nameWord = append(ix.nameWord, ix.words[n])
		ix.nameAt = append(ix.nameAt, int32(all.Len()))
		all.WriteString(n)
		all.WriteByte(0)
	}
	ix.allNames = all.String()
	ix.sorted = make([]int32, len(ix.vocab))
	for id := range ix.vocab {
		ix.sorted[id] = int32(id)
		n := utf8.RuneCountInString(ix.vocab[id])
		for len(ix.byLen) <= n {
			ix.byLen = append(ix.byLen, nil)
		}
		ix.byLen[n] = append(ix.byLen[n], int32(id))
	}
	slices.SortFunc(ix.sorted, func(a, b int32) int { return strings.Compare(ix.vocab[a], ix.vocab[b]) })
	return ix
}

func (ix *searchIndex) add(w string, p posting) {
	if w == "" {
		return
	}
	id, ok := ix.words[w]
	if !ok {
		id = int32(len(ix.vocab))
		ix.words[w] = id
		ix.vocab = append(ix.vocab, w)
		ix.post = append(ix.post, nil)
	}
	ps := ix.post[id]
	if n := len(ps); n > 0 && ps[n-1].entry == p.entry && ps[n-1].field == p.field {
		return // a word counts once per place: in the first cause (step, message) that has it
	}
	ix.post[id] = append(ps, p)
}

// prefixRange is where the words beginning with t stand in ix.sorted: t itself, if it
// is a word, comes first.
func (ix *searchIndex) prefixRange(t string) (lo, hi int) {
	cmpWord := func(id int32, t string) int { return strings.Compare(ix.vocab[id], t) }
	lo, _ = slices.BinarySearchFunc(ix.sorted, t, cmpWord)
	hi = lo
	for hi < len(ix.sorted) && strings.HasPrefix(ix.vocab[ix.sorted[hi]], t) {
		hi++
	}
	return lo, hi
}

// namesHolding calls fn with the index of every name that holds t and is longer than it,
// in name order. One scan of all names together finds the few that do.
func (ix *searchIndex) namesHolding(t string, fn func(i int)) {
	if t == "" || strings.IndexByte(t, 0) >= 0 {
		return
	}
	last := -1
	for from := 0; ; {
		at := strings.Index(ix.allNames[from:], t)
		if at < 0 {
			return
		}
		at += from
		i, found := slices.BinarySearch(ix.nameAt, int32(at))
		if !found {
			i-- // at lies inside name i-1
		}
		if i != last && len(ix.names[i]) > len(t) {
			fn(i)
			last = i
		}
		from = at + 1
	}
}

// near calls fn with every word within the typo distance of t: one edit below eight
// letters, two from eight (a swap of neighbours is one edit).
func (ix *searchIndex) near(t string, fn func(id int32)) {
	n := utf8.RuneCountInString(t)
	d := 1
	if n >= 8 {
		d = 2
	}
	// A word d edits away has at most d characters t lacks: most words fail that at once.
	var in [256]bool
	for i := 0; i < len(t); i++ {
		in[t[i]] = true
	}
	for l := max(n-d, 1); l <= n+d && l < len(ix.byLen); l++ {
		for _, id := range ix.byLen[l] {
			w, foreign := ix.vocab[id], 0
			for i := 0; i < len(w) && foreign <= d; i++ {
				if !in[w[i]] {
					foreign++
				}
			}
			if foreign <= d && distanceWithin(t, w, d) {
				fn(id)
			}
		}
	}
}

// eachWord calls fn with the words of text as search reads them: lower-cased, cut at white
// space and at punctuation around words. A word that holds _ - / . : (client_id,
// view-user, /oauth/token, accounts.mubarokah.com) counts whole and by each of its parts,
// so "grant" finds invalid_grant and "client_id" finds it whole.
func eachWord(text string, fn func(string)) {
	for _, tok := range strings.FieldsFunc(strings.ToLower(text), isBreak) {
		tok = strings.TrimFunc(tok, notWordRune)
		if tok == "" {
			continue
		}
		fn(tok)
		if strings.IndexFunc(tok, notWordRune) >= 0 {
			for _, part := range strings.FieldsFunc(tok, notWordRune) {
				fn(part)
			}
		}
	}
}

// queryTerms are the words of a query, cut and trimmed as eachWord cuts text, without the
// parts: "invalid_g" asks for a code beginning so, not for "invalid" and "g". A word given
// twice counts once.
func queryTerms(q string) []string {
	var out []string
	for _, tok := range strings.FieldsFunc(strings.ToLower(q), isBreak) {
		tok = strings.TrimFunc(tok, notWordRune)
		if tok != "" && !slices.Contains(out, tok) {
			out = append(out, tok)
		}
	}
	return out
}

func isBreak(r rune) bool {
	return unicode.IsSpace(r) || strings.ContainsRune(",;!\"'()[]{}<>|*`", r)
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }

func hasLetter(s string) bool { return strings.IndexFunc(s, unicode.IsLetter) >= 0 }
