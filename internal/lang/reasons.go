package lang

import (
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
)

// The reasons a diagnosis gives are partly written by the catalogue (translated with it)
// and partly put together by the matcher around a quoted server text: "the text says
// "…" (league's wording)", "the error invalid_grant". Those are translated here by their
// shape, the quoted text left as the server wrote it.
var (
	wordingRe = regexp.MustCompile(` \(([A-Za-z0-9._/-]+)'s wording\)$`)
	// %q is a quoted text, %w one word.
	matcherReasons = [][2]string{
		// vocabulary_near.go: two phrases a few words apart ("authorization code" near "expir*").
		{"the text says %q near %q", "teksnya memuat %q di dekat %q"},
		{"the text says %q", "teksnya berbunyi %q"},
		{"the text is the standard %w sentence", "teksnya kalimat baku untuk %w"},
		{"the error %w", "kode error %w"},
		{"the exception %w", "exception %w"},
		{"no inputs given for the %w check", "tidak ada input untuk pemeriksaan %w"},
	}
	matcherShapes = sync.OnceValue(func() *Shapes {
		return ShapesOf(Verbs{'q': Quoted, 'w': `(\S+)`}, matcherReasons)
	})
)

// matcherReason is s in Indonesian when it is one of matcherReasons.
func matcherReason(s string) (string, bool) {
	t := matcherShapes()
	i, verbs, args, ok := t.Match(s)
	if !ok {
		return "", false
	}
	return t.Fill(matcherReasons[i][1], verbs, args, func(_ byte, arg string) string { return arg }), true
}

// Reason is a reason of a diagnosis or a walk in l: a sentence the program knows is
// translated whole; one the matcher put together around a server's words, a sentence of
// an evidence reader or of the flow (reasons_evidence.go), by its shape; a reason joined
// from several, part by part. A server's words stay as the server wrote them, and so does
// anything else.
func (l Lang) Reason(s string) string {
	if l != Indonesian {
		return s
	}
	if t, ok := reasonCache.Load(s); ok {
		return t.(string)
	}
	t := reasonIn(s, 0)
	// A screen shows the same reasons at every redraw: remember them, up to a bound a
	// session's reasons never reach, so a long-running process does not grow.
	if reasonCached.Add(1) <= maxCached {
		reasonCache.Store(s, t)
	}
	return t
}

const maxCached = 4096

var (
	reasonCache  sync.Map // English reason -> Indonesian
	reasonCached atomic.Int64
)

// maxDepth bounds how deep a sentence's particulars are translated in turn.
const maxDepth = 4

// reasonIn is s in Indonesian, whole or part by part, or s as it is.
func reasonIn(s string, depth int) string {
	if t, ok := joined(s, depth); ok {
		return t
	}
	if t, ok := whole(s, depth); ok {
		return t
	}
	return s
}

// whole is s in Indonesian when s as a whole is a sentence known here.
func whole(s string, depth int) (string, bool) {
	if depth > maxDepth || s == "" {
		return "", false
	}
	if t := Indonesian.T(s); t != s {
		return t, true
	}
	// The offline checks' "… — Passport answers …" is one message from the dash on.
	if t := Indonesian.T(" — " + s); t != " — "+s {
		return strings.TrimPrefix(t, " — "), true
	}
	if m := wordingRe.FindStringSubmatch(s); m != nil {
		// A reason of the matcher's vocabulary, which names whose wording it is.
		if t, ok := matcherReason(strings.TrimSuffix(s, m[0])); ok {
			return t + " (rumusan " + m[1] + ")", true
		}
	}
	if t, ok := matcherReason(s); ok {
		return t, true
	}
	if t, ok := evidenceSentence(s, depth); ok {
		return t, true
	}
	if t, ok := condition(s); ok {
		return t, true
	}
	return messageShape(s, depth)
}

// engineAnswers are the answers the flow engine writes itself for a step nobody answered
// (a skip, a paste read, a check's status, going on from a result); a question's answer is a choice id,
// which stays as it is in every language.
var engineAnswers = map[string]bool{
	N("skipped"): true, N("continue"): true, N("pasted"): true, N("skip"): true, N("pass"): true, N("warn"): true, N("fail"): true,
}

// Answer is a walked step's answer and its label as a person reads them in l: the engine's
// own words translated, a choice id kept (its label comes translated with the flow).
func (l Lang) Answer(answer, label string) string {
	if engineAnswers[answer] {
		answer = l.T(answer)
		label = l.Reason(label)
	}
	if label == "" {
		return answer
	}
	return answer + ": " + label
}

// Engine sentences that reach Reason through a step's label.
var _ = []string{N("no evidence given"), N("answered by the evidence"), N("live checks were not run")}
