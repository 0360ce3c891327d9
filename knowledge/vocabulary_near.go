package knowledge

import (
	"fmt"
	"strings"
)

// Near describes a reason by meaning instead of by one server's sentence: a subject ("code",
// "authorization code") and a predicate ("already used", "redeemed", "reused") that must
// both occur in one text, at most Within words apart, in either order. Servers word the same
// reason many ways ("the code was already redeemed", "reused code", "code has been used");
// one Near item covers them all where a list of exact phrases would miss the next server.
type Near struct {
	// Subject and Predicate are words or short phrases; a last word ending in "*" matches
	// every word it begins ("expir*": expired, expires, expiry).
	Subject   []string `json:"subject"`
	Predicate []string `json:"predicate"`
	// Within is how many other words may stand between the two; 0 means defaultNearWithin.
	Within int `json:"within,omitempty"`
	// NotAfter are words that, right before the subject, make it another thing: "refresh"
	// before "token" when the subject is the access token.
	NotAfter []string `json:"not_after,omitempty"`

	// Compiled at load: each phrase as its normalised words, and the word of each that has
	// no "*" (the longest), to skip at once an item whose words the text lacks.
	subject, predicate             [][]string
	subjectAnchor, predicateAnchor []string
	notAfter                       [][]string
}

const (
	defaultNearWithin = 4
	maxNearWithin     = 8
	// A "*" prefix must keep enough letters to mean one thing: "expir*", not "ex*".
	minNearPrefix = 4
)

// compile normalises the phrases and says what is wrong with any.
func (n *Near) compile() []string {
	var errs []string
	if len(n.Subject) == 0 || len(n.Predicate) == 0 {
		errs = append(errs, "a near item needs both a subject and a predicate list")
	}
	if n.Within < 0 || n.Within > maxNearWithin {
		errs = append(errs, fmt.Sprintf("near within is %d; give 1 to %d words (or leave it out for %d)", n.Within, maxNearWithin, defaultNearWithin))
	}
	var e1, e2 []string
	n.subject, n.subjectAnchor, e1 = compileNearPhrases(n.Subject, 3)
	n.predicate, n.predicateAnchor, e2 = compileNearPhrases(n.Predicate, 3)
	var e3 []string
	n.notAfter, _, e3 = compileNearPhrases(n.NotAfter, 2)
	return append(append(append(errs, e1...), e2...), e3...)
}

func compileNearPhrases(in []string, minWord int) ([][]string, []string, []string) {
	var out [][]string
	var anchors, errs []string
	for _, p := range in {
		star := strings.HasSuffix(strings.TrimSpace(p), "*")
		words := strings.Fields(normWords(strings.TrimSuffix(strings.TrimSpace(p), "*")))
		switch {
		case len(words) == 0:
			errs = append(errs, fmt.Sprintf("near phrase %q has no letters or digits", p))
			continue
		case strings.Count(p, "*") > 1 || (strings.Contains(p, "*") && !star):
			errs = append(errs, fmt.Sprintf("near phrase %q: a \"*\" may only end the phrase", p))
			continue
		case star && len(words[len(words)-1]) < minNearPrefix:
			errs = append(errs, fmt.Sprintf("near phrase %q: a prefix before \"*\" needs %d letters or more", p, minNearPrefix))
			continue
		case len(words) == 1 && !star && len(words[0]) < minWord:
			errs = append(errs, fmt.Sprintf("near phrase %q is too short to mean anything; give a word of %d letters or more", p, minWord))
			continue
		}
		if star {
			words[len(words)-1] += "*"
		}
		out = append(out, words)
		anchors = append(anchors, nearAnchor(words))
	}
	return out, anchors, errs
}

// nearAnchor is the longest whole word of a phrase, or "" when every word is a prefix.
func nearAnchor(words []string) string {
	best := ""
	for _, w := range words {
		if !strings.HasSuffix(w, "*") && len(w) > len(best) {
			best = w
		}
	}
	return best
}

// maybeIn reports whether some phrase could be in the text: its anchor is among the text's
// words, or it has none to check.
func maybeIn(anchors []string, set map[string]bool) bool {
	for _, a := range anchors {
		if a == "" || set[a] {
			return true
		}
	}
	return false
}

// tokens are the words of what was said, "|" marking where one field ends; worked out once
// per Match, the first time a near item needs them.
func (s *said) tokenList() []string {
	if s.tokens == nil {
		words := s.words
		if s.nearWords != "" {
			words = s.nearWords
		}
		s.tokens = strings.FieldsFunc(strings.ReplaceAll(words, "|", " | "), func(r rune) bool { return r == ' ' })
		if s.tokens == nil {
			s.tokens = []string{}
		}
	}
	return s.tokens
}

// span is where a phrase was found among the tokens, [start, end), and which phrase it is.
type span struct{ start, end, phrase int }

func findPhrases(tokens []string, phrases [][]string) []span {
	var out []span
	for i := range tokens {
		for k, p := range phrases {
			if phraseAt(tokens, i, p) {
				out = append(out, span{i, i + len(p), k})
			}
		}
	}
	return out
}

func phraseAt(tokens []string, i int, p []string) bool {
	if i+len(p) > len(tokens) {
		return false
	}
	for k, w := range p {
		t := tokens[i+k]
		if prefix, ok := strings.CutSuffix(w, "*"); ok {
			if !strings.HasPrefix(t, prefix) {
				return false
			}
		} else if t != w {
			return false
		}
	}
	return true
}

// match reports whether a subject and a predicate stand close together in one field, and
// says which of the catalogue's phrases did (never the paste's words).
func (n *Near) match(s *said) (string, bool) {
	if !maybeIn(n.subjectAnchor, s.wordSet) || !maybeIn(n.predicateAnchor, s.wordSet) {
		return "", false
	}
	tokens := s.tokenList()
	subjects := findPhrases(tokens, n.subject)
	if len(n.notAfter) > 0 {
		kept := subjects[:0]
		for _, a := range subjects {
			if !endsAt(tokens, a.start, n.notAfter) {
				kept = append(kept, a)
			}
		}
		subjects = kept
	}
	if len(subjects) == 0 {
		return "", false
	}
	predicates := findPhrases(tokens, n.predicate)
	within := n.Within
	if within == 0 {
		within = defaultNearWithin
	}
	for _, a := range subjects {
		for _, b := range predicates {
			lo, hi := a.end, b.start // the words between them
			if b.end <= a.start {
				lo, hi = b.end, a.start
			} else if b.start < a.end {
				continue // the two overlap: one word read as both
			}
			if hi-lo > within {
				continue
			}
			if !crossesField(tokens[lo:hi]) {
				return fmt.Sprintf("%q near %q", n.Subject[a.phrase], n.Predicate[b.phrase]), true
			}
		}
	}
	return "", false
}

// endsAt reports whether one of the phrases ends right before token i.
func endsAt(tokens []string, i int, phrases [][]string) bool {
	for _, p := range phrases {
		if i-len(p) >= 0 && phraseAt(tokens, i-len(p), p) {
			return true
		}
	}
	return false
}

func crossesField(between []string) bool {
	for _, t := range between {
		if t == "|" {
			return true
		}
	}
	return false
}

// nearWords returns what was said with the questions left out and a raw JSON text cut at
// its members, for near items, or "" when no field asks a question or holds JSON. A near
// item reads a reason from words standing close together, and a person's guess ("might the
// token be malformed?") has those words as much as a server's statement; a quoted server
// sentence is matched by words items, which still read it all. A log's text keeps the JSON
// body the parser also read into fields: there one member's value ends beside the next
// member's key ("…malformed","scope":…), words no server wrote together.
func (c *Catalogue) nearWords(o *Observation, s *said) string {
	fields := []string{o.Error, o.Description, o.Hint, o.Message, o.Text, o.TransportDetail}
	asks, members := false, false
	for i, t := range fields {
		if len(t) > maxSaid {
			t = t[:maxSaid]
			fields[i] = t
		}
		asks = asks || questionEnd(t, 0) >= 0
		members = members || memberEnd(t, 0) >= 0
	}
	if !asks && !members {
		return ""
	}
	var b strings.Builder
	for _, t := range fields {
		if t == "" {
			continue
		}
		parts := []string{t}
		if asks {
			parts = statements(t)
		}
		for _, part := range parts {
			for from := 0; ; {
				end := memberEnd(part, from)
				if end < 0 {
					b.WriteString(normWords(part[from:]))
					b.WriteString("|")
					break
				}
				b.WriteString(normWords(part[from:end]))
				b.WriteString("|")
				from = end + 1
			}
		}
	}
	words := b.String()
	for i, g := range c.generic {
		if s.generic[i] {
			words = strings.ReplaceAll(words, g.norm, " | ")
		}
	}
	return words
}

// questionEnd finds from i the next question mark that ends a sentence (followed by a space,
// a quote, a bracket or the end), not one that starts a URL's query; -1 when there is none.
func questionEnd(t string, i int) int {
	for {
		j := strings.IndexByte(t[i:], '?')
		if j < 0 {
			return -1
		}
		j += i
		if j+1 == len(t) || strings.IndexByte(" \t\n\"')", t[j+1]) >= 0 {
			return j
		}
		i = j + 1
	}
}

// memberEnd finds from i the next comma that ends a JSON member and starts another: a comma
// after a string, number, literal, object or array that a quoted key follows
// (`"…malformed", "scope":`); -1 when there is none. A comma inside a string is followed by
// prose, or by an escaped quote, so it is not one.
func memberEnd(t string, i int) int {
	for {
		j := strings.IndexByte(t[i:], ',')
		if j < 0 {
			return -1
		}
		j += i
		k := j + 1
		for k < len(t) && (t[k] == ' ' || t[k] == '\t' || t[k] == '\n' || t[k] == '\r') {
			k++
		}
		p := j - 1
		for p >= 0 && (t[p] == ' ' || t[p] == '\t' || t[p] == '\n' || t[p] == '\r') {
			p--
		}
		if k < len(t) && t[k] == '"' && p >= i && valueEnd(t[:p+1]) {
			return j
		}
		i = j + 1
	}
}

// valueEnd reports whether t ends the way a JSON value does: a closing (unescaped) quote,
// bracket or brace, a digit, or true, false or null.
func valueEnd(t string) bool {
	switch c := t[len(t)-1]; {
	case c == '"':
		return len(t) < 2 || t[len(t)-2] != '\\'
	case c == ']' || c == '}' || '0' <= c && c <= '9':
		return true
	}
	return strings.HasSuffix(t, "true") || strings.HasSuffix(t, "false") || strings.HasSuffix(t, "null")
}

// statements splits a text around its questions: each question, from the end of the sentence
// before it to its question mark, is left out, and the parts around it are returned apart so
// no near item spans the gap.
func statements(t string) []string {
	var parts []string
	from := 0
	for n := 0; n < 200; n++ {
		q := questionEnd(t, from)
		if q < 0 {
			break
		}
		start := from
		for k := q - 1; k >= from; k-- {
			if c := t[k]; c == '\n' || (c == '.' || c == '!' || c == '?') && k+1 < len(t) && (t[k+1] == ' ' || t[k+1] == '\n') {
				start = k + 1
				break
			}
		}
		parts = append(parts, t[from:start])
		from = q + 1
	}
	return append(parts, t[from:])
}
