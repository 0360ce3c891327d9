package knowledge

import (
	"slices"
	"sort"
	"strings"

	"github.com/sahilm/fuzzy"
)

// Kind says how a word of the query met a word of an entry.
type Kind uint8

const (
	Exact  Kind = iota // the same word
	Prefix             // the query's last word begins it: a word still being typed ("toke")
	Part               // it stands inside a code or an alias ("grant" in invalid_grant)
	Typo               // a letter or two off (invlid_grant, refersh)
	Fuzzy              // the letters of a code, in order, from its start (inv_gr)
	Phrase             // the whole query stands inside a server message
)

func (k Kind) String() string {
	return [...]string{"exact", "prefix", "part", "typo", "fuzzy", "phrase"}[k]
}

// Hit is one reason an entry matched: which word of the query met what, where, how, and
// what it earned.
type Hit struct {
	Field string // "code", "HTTP", "severity", "title", "server message", "cause", "summary", "step", "prevention"
	Cause string // the cause's id, for a hit in a cause
	Term  string // the query's word (the whole query for a phrase)
	Word  string // what it met in the entry
	Kind  Kind
	Score float64
}

// String says the hit in a few words: "code: invalid_grant", "HTTP 401", "title: tokens
// (toke…)", "code ~ invalid_grant (typo of invlid_grant)".
func (h Hit) String() string { return h.in(plain) }

// plain is the words of Why and String as they are: English.
func plain(s string) string { return s }

// in is String with its words ("title", "typo of ") passed through t, a translation.
func (h Hit) in(t func(string) string) string {
	where := h.whereIn(t)
	if h.Field == fieldTable[fieldStatus].label {
		return where
	}
	switch h.Kind {
	case Prefix:
		return where + ": " + h.Word + " (" + h.Term + "…)"
	case Part:
		return where + ": " + h.Word + " (" + t("has ") + h.Term + ")"
	case Typo:
		return where + " ~ " + h.Word + " (" + t("typo of ") + h.Term + ")"
	case Fuzzy:
		return where + " ~ " + h.Word + " (" + t("letters of ") + h.Term + ")"
	case Phrase:
		return where + ": \"" + h.Word + "\""
	}
	return where + ": " + h.Word
}

// where names the place of a hit as --json always has: "code", "HTTP 401", "title",
// "cause code_expired".
func (h Hit) where() string { return h.whereIn(plain) }

func (h Hit) whereIn(t func(string) string) string {
	switch {
	case h.Cause != "":
		return t("cause ") + h.Cause
	case h.Field == fieldTable[fieldStatus].label:
		return "HTTP " + h.Word
	}
	return t(h.Field)
}

// SearchResult is one entry that matches a query: its score, and why, best reason first.
type SearchResult struct {
	Entry   *Entry
	Score   float64
	Hits    []Hit
	Matched []string // where it matched, for --json: "code", "HTTP 401", "title", "cause code_expired"
}

// Why says why the entry matched, best reason first and each once: the words met in one
// place together ("title: refresh token", "HTTP 401"), a typo or a code's letters with
// every place it met ("code, summary ~ invalid_grant (typo of invlid_grant)"), a phrase
// in quotes.
func (r SearchResult) Why() string { return r.WhyIn(plain) }

// WhyIn is Why with its own words (the places, "typo of ") passed through t, so a screen
// says them in its language; the matched words stay as they are.
func (r SearchResult) WhyIn(t func(string) string) string {
	type group struct {
		key, head string
		words     []string
	}
	var groups []*group
	at := func(key, head string) *group {
		for _, g := range groups {
			if g.key == key {
				return g
			}
		}
		g := &group{key: key, head: head}
		groups = append(groups, g)
		return g
	}
	for _, h := range r.Hits {
		switch {
		case h.Field == fieldTable[fieldStatus].label || h.Kind == Phrase:
			at(h.String(), h.in(t))
		case h.Kind == Typo || h.Kind == Fuzzy:
			g := at(h.Kind.String()+"\x00"+h.Word+"\x00"+h.Term, "")
			g.words = append(g.words, h.whereIn(t))
			how := t("typo of ")
			if h.Kind == Fuzzy {
				how = t("letters of ")
			}
			g.head = strings.Join(g.words, ", ") + " ~ " + h.Word + " (" + how + h.Term + ")"
		default:
			g := at(h.where(), "")
			if !slices.Contains(g.words, h.Word) {
				g.words = append(g.words, h.Word)
			}
			g.head = h.whereIn(t) + ": " + strings.Join(g.words, " ")
		}
	}
	out := make([]string, len(groups))
	for i, g := range groups {
		out[i] = g.head
	}
	return strings.Join(out, ", ")
}

// matchedFields names where the hits are, once each, in the words --json has always used.
func matchedFields(hits []Hit) []string {
	out := make([]string, 0, len(hits))
	for _, h := range hits {
		if w := h.where(); !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// index is the catalogue's search index, built on the first search.
func (c *Catalogue) index() *searchIndex {
	c.indexOnce.Do(func() { c.search = buildIndex(c) })
	return c.search
}

// Search ranks the entries every word of text meets somewhere (see Rank) and says why
// each matched: every result's Hits and Matched. An empty query matches nothing.
func (c *Catalogue) Search(text string) []SearchResult {
	r := c.Rank(text)
	out := make([]SearchResult, r.Len())
	for i := range out {
		out[i] = r.Result(i)
	}
	return out
}

// Suggest returns up to n codes or aliases close to name, nearest first, for "did you mean".
func (c *Catalogue) Suggest(name string, n int) []string {
	q := strings.ToLower(strings.TrimSpace(name))
	if q == "" {
		return nil
	}
	type cand struct {
		name string
		dist int
	}
	var cands []cand
	seen := map[string]bool{}
	names := c.Names()
	for _, nm := range names {
		d := Distance(q, nm)
		limit := max(2, len(nm)/3)
		if d <= limit || strings.Contains(nm, q) || (len(q) > 3 && strings.Contains(q, nm)) {
			cands = append(cands, cand{nm, d})
			seen[nm] = true
		}
	}
	for _, m := range fuzzy.Find(q, names) {
		if !seen[m.Str] && len(q) >= 3 {
			cands = append(cands, cand{m.Str, Distance(q, m.Str) + 2})
			seen[m.Str] = true
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].dist != cands[j].dist {
			return cands[i].dist < cands[j].dist
		}
		return cands[i].name < cands[j].name
	})
	var out []string
	for _, cd := range cands {
		if len(out) == n {
			break
		}
		out = append(out, cd.name)
	}
	return out
}

// Distance is the number of edits between a and b, counting a letter added, dropped or
// changed, or two neighbours swapped ("refersh" is one from "refresh"), as one each: the
// optimal string alignment distance, over runes.
func Distance(a, b string) int {
	return osa([]rune(a), []rune(b), -1)
}

// distanceWithin reports whether a and b are at most d edits apart. It is the typo test of
// every search, so short words are compared without allocating and the table is given up
// as soon as a whole row is over d.
func distanceWithin(a, b string, d int) bool {
	var ab, bb [32]rune
	ra, rb := appendRunes(ab[:0], a), appendRunes(bb[:0], b)
	if n := len(ra) - len(rb); n > d || -n > d {
		return false
	}
	return osa(ra, rb, d) <= d
}

func appendRunes(dst []rune, s string) []rune {
	for _, r := range s {
		dst = append(dst, r)
	}
	return dst
}

// osa computes the distance; with bound >= 0 it may stop early and return bound+1.
func osa(a, b []rune, bound int) int {
	if len(a) == 0 || len(b) == 0 {
		return max(len(a), len(b))
	}
	var buf [3 * 33]int
	var rows []int
	if n := 3 * (len(b) + 1); n <= len(buf) {
		rows = buf[:n]
	} else {
		rows = make([]int, n)
	}
	prev2, prev, cur := rows[:len(b)+1], rows[len(b)+1:2*(len(b)+1)], rows[2*(len(b)+1):]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		low := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			low = min(low, v)
		}
		if bound >= 0 && low > bound {
			return bound + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
