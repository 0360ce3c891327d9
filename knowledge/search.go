package knowledge

import (
	"sort"
	"strconv"
	"strings"

	"github.com/sahilm/fuzzy"
)

// SearchResult is one entry that matches a query, with where it matched.
type SearchResult struct {
	Entry   *Entry
	Score   float64
	Matched []string // e.g. "code", "title", "cause code_expired", "message"
}

// haystack is an entry's text, lower-cased once, so repeated searches stay cheap.
type haystack struct {
	names    []string // code and aliases
	title    string
	summary  string
	messages []string
	causes   []string // id + " " + text
	steps    []string
	tips     string
	status   map[string]bool
	all      string // everything above, for the quick "is every word here" test
}

// haystacks builds the lower-cased search text once per catalogue.
func (c *Catalogue) haystacks() []haystack {
	c.hayOnce.Do(func() { c.hay = buildHaystacks(c) })
	return c.hay
}

func buildHaystacks(c *Catalogue) []haystack {
	out := make([]haystack, len(c.Entries))
	for i, e := range c.Entries {
		h := haystack{title: strings.ToLower(e.Title), summary: strings.ToLower(e.Summary), status: map[string]bool{}}
		for _, n := range append([]string{e.Code}, e.Aliases...) {
			h.names = append(h.names, strings.ToLower(n))
		}
		for _, m := range e.ServerTexts() {
			h.messages = append(h.messages, strings.ToLower(m))
		}
		for _, cause := range e.Causes {
			h.causes = append(h.causes, strings.ToLower(cause.ID+" "+cause.Text))
		}
		for _, s := range e.Steps {
			h.steps = append(h.steps, strings.ToLower(s.Text))
		}
		h.tips = strings.ToLower(strings.Join(e.Prevention, "\n"))
		for _, s := range e.HTTPStatus {
			h.status[strconv.Itoa(s)] = true
		}
		h.all = strings.Join([]string{strings.Join(h.names, "\n"), h.title, h.summary,
			strings.Join(h.messages, "\n"), strings.Join(h.causes, "\n"), strings.Join(h.steps, "\n"),
			h.tips, strings.Join(keys(h.status), "\n")}, "\n")
		out[i] = h
	}
	return out
}

// Search ranks entries by how well they match text: code and aliases first, then HTTP status,
// the server messages an entry explains, its title, causes, steps and tips. Every word of the
// query must match somewhere in an entry for it to be listed.
func (c *Catalogue) Search(text string) []SearchResult {
	q := strings.ToLower(strings.TrimSpace(text))
	if q == "" {
		return nil
	}
	terms := strings.Fields(q)
	var out []SearchResult
	hays := c.haystacks()
	for i := range hays {
		h := &hays[i]
		if !containsAll(h.all, terms) {
			continue // most entries fail here, cheaply
		}
		r := SearchResult{Entry: c.Entries[i]}
		matched := map[string]bool{}
		add := func(score float64, where string) {
			r.Score += score
			if !matched[where] {
				matched[where] = true
				r.Matched = append(r.Matched, where)
			}
		}
		for _, n := range h.names {
			if n == q {
				add(100, "code")
			} else if strings.Contains(n, q) {
				add(30, "code")
			}
		}
		for _, m := range h.messages {
			if len(q) > 3 && strings.Contains(m, q) {
				add(25, "server message")
				break
			}
		}
		all := true
		for _, t := range terms {
			hit := false
			if h.status[t] {
				add(20, "HTTP "+t)
				hit = true
			}
			for _, n := range h.names {
				if strings.Contains(n, t) {
					add(8, "code")
					hit = true
				}
			}
			if strings.Contains(h.title, t) {
				add(6, "title")
				hit = true
			}
			for _, m := range h.messages {
				if strings.Contains(m, t) {
					add(4, "server message")
					hit = true
					break
				}
			}
			for j, ct := range h.causes {
				if strings.Contains(ct, t) {
					add(3, "cause "+c.Entries[i].Causes[j].ID)
					hit = true
				}
			}
			if strings.Contains(h.summary, t) {
				add(2, "summary")
				hit = true
			}
			for _, st := range h.steps {
				if strings.Contains(st, t) {
					add(1.5, "step")
					hit = true
					break
				}
			}
			if strings.Contains(h.tips, t) {
				add(1, "prevention")
				hit = true
			}
			if !hit {
				all = false
				break
			}
		}
		if all && r.Score > 0 {
			out = append(out, r)
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Score != out[j].Score {
			return out[i].Score > out[j].Score
		}
		return out[i].Entry.Code < out[j].Entry.Code
	})
	return out
}

func containsAll(text string, terms []string) bool {
	for _, t := range terms {
		if !strings.Contains(text, t) {
			return false
		}
	}
	return true
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
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
		d := levenshtein(q, nm)
		limit := max(2, len(nm)/3)
		if d <= limit || strings.Contains(nm, q) || (len(q) > 3 && strings.Contains(q, nm)) {
			cands = append(cands, cand{nm, d})
			seen[nm] = true
		}
	}
	for _, m := range fuzzy.Find(q, names) {
		if !seen[m.Str] && len(q) >= 3 {
			cands = append(cands, cand{m.Str, levenshtein(q, m.Str) + 2})
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

// levenshtein is the edit distance between two short strings.
func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
