package knowledge

import (
	"cmp"
	"slices"
	"strings"
	"sync"
	"unicode/utf8"
)

// Ranking is the order one query puts the catalogue in: the entries every word met, best
// first. Making it costs one pass over the words' places and no reasons; Result puts the
// reasons of one entry into words, so the reference browser can rank thousands of entries
// on every keystroke and explain only the one under the cursor.
type Ranking struct {
	cat    *Catalogue
	ix     *searchIndex
	terms  []termMatch
	order  []int32 // entries, best first
	scores []float64
	phrase string // the whole query, when it has more than one word
	hits   []Hit  // Result's working room
	ids    []int32
}

// termMatch is what one word of the query met in the index, kept so that Result finds the
// same matches again for one entry.
type termMatch struct {
	text   string
	exact  int32 // the word itself, or -1
	lo, hi int   // the words it begins: ix.sorted[lo:hi] (the last word of the query only)
	alone  bool  // the whole query: a code holding it earns the full code weight
	typos  []int32
	fuzzy  bool // it met nothing else and picks out codes' letters
}

// Len is the number of entries every word met.
func (r *Ranking) Len() int { return len(r.order) }

// Entry is the i-th best entry.
func (r *Ranking) Entry(i int) *Entry { return r.cat.Entries[r.order[i]] }

// Rank orders the entries every word of text meets somewhere: in a code or an alias, an
// HTTP status, the severity, the title, the server's messages, the causes, the summary,
// the steps or the prevention tips, each worth what fieldTable says, once per word and
// place. The last word also meets the words it begins (it may still be being typed). A
// word of four letters or more that meets nothing anywhere meets the words a typo away,
// and failing that one of three or more picks out the letters of codes; either earns half.
// A query of several words found whole in a server message earns phraseWeight more. Best
// first; equal scores in code order.
func (c *Catalogue) Rank(text string) *Ranking {
	r := &Ranking{cat: c}
	words := queryTerms(text)
	if len(words) == 0 || len(c.Entries) == 0 {
		return r
	}
	r.ix = c.index()
	if len(words) > 1 {
		r.phrase = strings.Join(words, " ")
	}
	s := getScratch(len(c.Entries))
	defer scratchPool.Put(s)
	for ti, w := range words {
		t := r.ix.match(w, ti == len(words)-1, len(words) == 1)
		r.terms = append(r.terms, t)
		s.touched = s.touched[:0]
		r.ix.each(&t, -1, func(e int32, f field, _ uint16, _ int32, _ Kind, sc float64) { s.meet(e, f, sc) })
		for _, i := range s.touched {
			e := i / int32(numFields)
			s.score[e] += float64(s.best[i])
			s.best[i] = 0
			if s.seen[e] != int32(ti) {
				s.seen[e] = int32(ti)
				s.count[e]++
			}
		}
	}
	for e, n := range s.count {
		if int(n) != len(words) {
			continue
		}
		if r.phrase != "" && r.ix.hasPhrase(e, r.phrase) {
			s.score[e] += phraseWeight
		}
		r.order = append(r.order, int32(e))
	}
	slices.SortFunc(r.order, func(a, b int32) int {
		if c := cmp.Compare(s.score[b], s.score[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b) // entries are in code order
	})
	r.scores = make([]float64, len(r.order))
	for i, e := range r.order {
		r.scores[i] = s.score[e]
	}
	return r
}

// Result is the i-th best entry with its score and every reason for it.
func (r *Ranking) Result(i int) SearchResult {
	e := r.order[i]
	res := SearchResult{Entry: r.cat.Entries[e], Score: r.scores[i]}
	hits, ids := r.hits[:0], r.ids[:0]
	for ti := range r.terms {
		t := &r.terms[ti]
		var best [numFields]slot
		r.ix.each(t, e, func(_ int32, f field, sub uint16, id int32, k Kind, sc float64) {
			if sl := &best[f]; !sl.set || sl.score < sc {
				*sl = slot{set: true, kind: k, sub: sub, word: id, score: sc}
			}
		})
		for f, sl := range best {
			if !sl.set {
				continue
			}
			h := Hit{Field: fieldTable[f].label, Term: t.text, Word: r.ix.vocab[sl.word], Kind: sl.kind, Score: sl.score}
			if field(f) == fieldCause && int(sl.sub) < len(res.Entry.Causes) {
				h.Cause = res.Entry.Causes[sl.sub].ID
			}
			hits, ids = append(hits, h), append(ids, sl.word)
		}
	}
	r.ix.nameCauses(e, res.Entry, hits, ids)
	r.ids = ids
	if r.phrase != "" {
		for _, m := range r.ix.messages[e] {
			if strings.Contains(m, r.phrase) {
				hits = append(hits, Hit{Field: fieldTable[fieldMessage].label, Term: r.phrase, Word: m, Kind: Phrase, Score: phraseWeight})
				break
			}
		}
	}
	slices.SortStableFunc(hits, func(a, b Hit) int { return cmp.Compare(b.Score, a.Score) })
	r.hits = hits
	res.Hits = slices.Clone(hits)
	res.Matched = matchedFields(res.Hits)
	return res
}

// nameCauses says which cause each hit in a cause is: of the causes the hit's word stands
// in, the one the most words of the query stand in ("refresh token revoked" names
// refresh_revoked for all three words, not the first cause that says "token"). The
// postings keep one place per word and field, which is all the score needs; the words of
// each cause are kept apart for this. ids are the hits' word ids.
func (ix *searchIndex) nameCauses(e int32, entry *Entry, hits []Hit, ids []int32) {
	causes := ix.causeWords[e]
	has := func(j int, id int32) bool {
		_, ok := slices.BinarySearch(causes[j], id)
		return ok
	}
	best, bestN := -1, 0
	for j := range causes {
		n := 0
		for i, h := range hits {
			if h.Cause != "" && has(j, ids[i]) {
				n++
			}
		}
		if n > bestN {
			best, bestN = j, n
		}
	}
	for i := range hits {
		if best >= 0 && hits[i].Cause != "" && has(best, ids[i]) {
			hits[i].Cause = entry.Causes[best].ID
		}
	}
}

// match finds what word w of a query meets: the word itself, the words it begins (last),
// and when that is nothing, typos of it or the codes whose letters it picks out.
func (ix *searchIndex) match(w string, last, alone bool) termMatch {
	t := termMatch{text: w, exact: -1, alone: alone}
	met := false
	if id, ok := ix.words[w]; ok {
		t.exact, met = id, true
	}
	if last {
		t.lo, t.hi = ix.prefixRange(w)
		met = met || t.hi > t.lo
	}
	if !met {
		ix.namesHolding(w, func(int) { met = true })
	}
	n := utf8.RuneCountInString(w)
	if !met && n >= 4 && hasLetter(w) {
		ix.near(w, func(id int32) { t.typos = append(t.typos, id) })
		met = len(t.typos) > 0
	}
	t.fuzzy = !met && n >= 3 && hasLetter(w)
	return t
}

// each calls meet with every place t's matches stand in, in one fixed order, for every
// entry or, with only >= 0, for that entry alone: Rank and Result must agree.
func (ix *searchIndex) each(t *termMatch, only int32, meet func(e int32, f field, sub uint16, id int32, k Kind, sc float64)) {
	posted := func(id int32, k Kind) {
		ps := ix.post[id]
		if only >= 0 {
			i, _ := slices.BinarySearchFunc(ps, only, func(p posting, e int32) int { return cmp.Compare(p.entry, e) })
			ps = ps[i:]
		}
		for _, p := range ps {
			if only >= 0 && p.entry != only {
				break
			}
			meet(p.entry, p.field, p.sub, id, k, score(p.field, k))
		}
	}
	if t.exact >= 0 {
		posted(t.exact, Exact)
	}
	for _, id := range ix.sorted[t.lo:t.hi] {
		if id != t.exact {
			posted(id, Prefix)
		}
	}
	part := func(i int) {
		n := ix.names[i]
		k, sc := Part, float64(codeWord)
		if strings.HasPrefix(n, t.text) {
			k = Prefix
		}
		if t.alone {
			sc = score(fieldCode, k)
		}
		meet(ix.nameOf[i], fieldCode, 0, ix.nameWord[i], k, sc)
	}
	names := ix.names
	first := 0
	if only >= 0 {
		first, names = int(ix.nameStart[only]), ix.names[ix.nameStart[only]:ix.nameStart[only+1]]
		for j, n := range names {
			if len(n) > len(t.text) && strings.Contains(n, t.text) {
				part(first + j)
			}
		}
	} else {
		ix.namesHolding(t.text, part)
	}
	for _, id := range t.typos {
		posted(id, Typo)
	}
	if t.fuzzy {
		for j, n := range names {
			if lettersOf(t.text, n) {
				meet(ix.nameOf[first+j], fieldCode, 0, ix.nameWord[first+j], Fuzzy, score(fieldCode, Fuzzy))
			}
		}
	}
}

// lettersOf reports whether name starts with t's first letter and holds the rest of t in
// order: "inv_gr" picks out invalid_grant.
func lettersOf(t, name string) bool {
	if t == "" || name == "" || t[0] != name[0] {
		return false
	}
	i := 1
	for j := 1; j < len(name) && i < len(t); j++ {
		if name[j] == t[i] {
			i++
		}
	}
	return i == len(t)
}

func (ix *searchIndex) hasPhrase(e int, phrase string) bool {
	for _, m := range ix.messages[e] {
		if strings.Contains(m, phrase) {
			return true
		}
	}
	return false
}

// scratch is one ranking's working memory, kept between searches: the browser ranks on
// every keystroke and must not allocate a catalogue's worth of slots each time.
type scratch struct {
	best    []float32 // per entry and field: the best score of the current word there, 0 for none
	touched []int32   // the slots set for the current word
	seen    []int32   // per entry: the last word that met it
	count   []int32   // per entry: how many words met it
	score   []float64
}

// slot is the best match of one word in one field, for Result.
type slot struct {
	set   bool
	kind  Kind
	sub   uint16
	word  int32
	score float64
}

var scratchPool sync.Pool

func getScratch(n int) *scratch {
	s, _ := scratchPool.Get().(*scratch)
	if s == nil || len(s.seen) != n {
		s = &scratch{best: make([]float32, n*int(numFields)), seen: make([]int32, n), count: make([]int32, n), score: make([]float64, n)}
	}
	for i := range s.seen {
		s.seen[i], s.count[i], s.score[i] = -1, 0, 0
	}
	return s
}

// meet records that the current word met entry e in field f, earning sc; per entry and
// field the best stands. Every score is a sum of the table's halves and wholes, exact in
// a float32.
func (s *scratch) meet(e int32, f field, sc float64) {
	i := e*int32(numFields) + int32(f)
	if s.best[i] == 0 {
		s.touched = append(s.touched, i)
	}
	s.best[i] = max(s.best[i], float32(sc))
}
