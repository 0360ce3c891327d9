package ui

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// filterIndex is what the reference browser's filter reads of each entry: its code and
// aliases, severity, title, HTTP statuses and the server messages and hints it explains,
// lower-cased once per catalogue. The filter runs on every keystroke, so it must stay well
// inside a frame with thousands of entries; knowledge's Search ranks over far more text
// (causes, steps, tips) for the CLI and takes several times longer.
type filterIndex struct {
	entries []*knowledge.Entry
	items   []filterItem
	byCode  map[string]int
}

type filterItem struct {
	all      string // every field below, one per line: the quick "is every word here" test
	names    []string
	title    string
	severity string
	statuses []string
	messages string
}

func newFilterIndex(cat *knowledge.Catalogue) *filterIndex {
	idx := &filterIndex{}
	if cat == nil {
		return idx
	}
	idx.entries = cat.Entries
	idx.items = make([]filterItem, len(cat.Entries))
	idx.byCode = make(map[string]int, len(cat.Entries))
	for i, e := range cat.Entries {
		it := filterItem{title: strings.ToLower(e.Title), severity: string(e.Severity)}
		for _, n := range append([]string{e.Code}, e.Aliases...) {
			it.names = append(it.names, strings.ToLower(n))
		}
		for _, s := range e.HTTPStatus {
			it.statuses = append(it.statuses, strconv.Itoa(s))
		}
		it.messages = strings.ToLower(strings.Join(e.ServerTexts(), "\n"))
		it.all = strings.Join([]string{strings.Join(it.names, "\n"), it.title, it.severity,
			strings.Join(it.statuses, "\n"), it.messages}, "\n")
		idx.items[i] = it
		idx.byCode[e.Code] = i
	}
	return idx
}

// filter returns the entries in which every word of q appears in some field, best first.
// An empty query lists every entry in catalogue order.
func (idx *filterIndex) filter(q string) []*knowledge.Entry {
	terms := strings.Fields(strings.ToLower(q))
	if len(terms) == 0 {
		return idx.entries
	}
	phrase := strings.Join(terms, " ")
	type hit struct {
		i     int
		score int
	}
	var hits []hit
next:
	for i := range idx.items {
		for _, t := range terms {
			if !strings.Contains(idx.items[i].all, t) {
				continue next
			}
		}
		hits = append(hits, hit{i: i, score: idx.items[i].score(terms, phrase, nil)})
	}
	sort.SliceStable(hits, func(a, b int) bool {
		if hits[a].score != hits[b].score {
			return hits[a].score > hits[b].score
		}
		return idx.entries[hits[a].i].Code < idx.entries[hits[b].i].Code
	})
	out := make([]*knowledge.Entry, len(hits))
	for n, h := range hits {
		out[n] = idx.entries[h.i]
	}
	return out
}

// where says in which fields q matched the entry with code, for the status line.
func (idx *filterIndex) where(code, q string) []string {
	i, ok := idx.byCode[code]
	terms := strings.Fields(strings.ToLower(q))
	if !ok || len(terms) == 0 {
		return nil
	}
	var fields []string
	idx.items[i].score(terms, strings.Join(terms, " "), &fields)
	return fields
}

// score weighs where the words matched: a code first, then a status, the severity, the
// title and the server's messages. With fields, it also says where.
func (it *filterItem) score(terms []string, phrase string, fields *[]string) int {
	note := func(f string) {
		if fields != nil && !slices.Contains(*fields, f) {
			*fields = append(*fields, f)
		}
	}
	score := 0
	if len(phrase) > 3 && strings.Contains(it.messages, phrase) {
		score += 25
		note("server message")
	}
	for _, t := range terms {
		for _, n := range it.names {
			switch {
			case n == t:
				score += 100
				note("code")
			case strings.Contains(n, t):
				score += 30
				note("code")
			}
		}
		for _, s := range it.statuses {
			if s == t {
				score += 20
				note("HTTP " + t)
			}
		}
		if it.severity == t {
			score += 10
			note("severity")
		}
		if strings.Contains(it.title, t) {
			score += 6
			note("title")
		}
		if strings.Contains(it.messages, t) {
			score += 4
			note("server message")
		}
	}
	return score
}
