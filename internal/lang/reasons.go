package lang

import (
	"regexp"
	"strings"
)

// The reasons a diagnosis gives are partly written by the catalogue (translated with it)
// and partly put together by the matcher around a quoted server text: "the text says
// "…" (league's wording)", "the error invalid_grant". Those are translated here by their
// shape, the quoted text left as the server wrote it.
var (
	wordingRe = regexp.MustCompile(` \(([A-Za-z0-9._/-]+)'s wording\)$`)
	reasonRes = []struct {
		re *regexp.Regexp
		id string
	}{
		{regexp.MustCompile(`^the text says (".*") near (".*")$`), "teksnya berbunyi $1 berdekatan dengan $2"},
		{regexp.MustCompile(`^the text says (.+)$`), "teksnya berbunyi $1"},
		{regexp.MustCompile(`^the text is the standard (\S+) sentence$`), "teksnya kalimat baku untuk $1"},
		{regexp.MustCompile(`^the error (\S+)$`), "kode error $1"},
		{regexp.MustCompile(`^the exception (\S+)$`), "exception $1"},
		{regexp.MustCompile(`^no inputs given for the (\S+) check$`), "tidak ada input untuk pemeriksaan $1"},
	}
)

// The flow engine's sentences for a step the evidence took (flow/rank.go, flow/next.go):
// "evidence names invalid_grant, cause code_expired (2 other causes ruled out): <reasons>"
// and "the live check token ran at step 4: fail". The ids stay; the reasons after the
// colon are each a Reason.
var (
	namesRe   = regexp.MustCompile(`^evidence names (\S+), cause (\S+)(?: \((\d+) other causes ruled out\))?(?:: (.+))?$`)
	checksRe  = regexp.MustCompile(`^(\d+) checks point to it, none to another$`)
	ranAtRe   = regexp.MustCompile(`^the (live check|check) (\S+) ran at step (\d+): (\S+)$`)
	engineIDs = map[string]string{"live check": "pemeriksaan langsung", "check": "pemeriksaan"}
)

// engineReason is one of the engine's sentences in Indonesian, ok false for another.
func engineReason(s string) (string, bool) {
	if m := ranAtRe.FindStringSubmatch(s); m != nil {
		return engineIDs[m[1]] + " " + m[2] + " dijalankan di langkah " + m[3] + ": " + Indonesian.T(m[4]), true
	}
	m := namesRe.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	out := "bukti menunjuk " + m[1] + ", penyebab " + m[2]
	if m[3] != "" {
		out += " (" + m[3] + " penyebab lain dikesampingkan)"
	}
	switch tail := m[4]; {
	case tail == "":
	case tail == "the one left":
		out += ": satu-satunya yang tersisa"
	case checksRe.MatchString(tail):
		out += ": " + checksRe.ReplaceAllString(tail, "$1 pemeriksaan menunjuk ke sana, tidak satu pun ke penyebab lain")
	default:
		parts := strings.Split(tail, "; ")
		for i, p := range parts {
			parts[i] = Indonesian.Reason(p)
		}
		out += ": " + strings.Join(parts, "; ")
	}
	return out, true
}

// Reason is a reason of a diagnosis in l: a sentence the program knows is translated
// whole, one the matcher put together around a server's words by its shape; anything else
// (a fact detail, a condition such as "hint '…'") stays as it is.
func (l Lang) Reason(s string) string {
	if l != Indonesian {
		return s
	}
	if t := l.T(s); t != s {
		return t
	}
	if t, ok := engineReason(s); ok {
		return t
	}
	note := ""
	if m := wordingRe.FindStringSubmatch(s); m != nil {
		note = " (rumusan " + m[1] + ")"
		s = strings.TrimSuffix(s, m[0])
	}
	for _, r := range reasonRes {
		if r.re.MatchString(s) {
			return r.re.ReplaceAllString(s, r.id) + note
		}
	}
	return s + note
}

// engineAnswers are the answers the flow engine writes itself for a step nobody answered
// (a skip, a check's status, going on from a result); a question's answer is a choice id,
// which stays as it is in every language.
var engineAnswers = map[string]bool{
	N("skipped"): true, N("pasted"): true, N("continue"): true, N("skip"): true, N("pass"): true, N("warn"): true, N("fail"): true,
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
