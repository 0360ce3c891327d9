package har

import (
	"errors"
	"regexp"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// ErrNotHAR is Read's answer for text that does not have a HAR's shape, so the caller
// hands it to the general evidence parsers instead.
var ErrNotHAR = errors.New("not a HAR")

// Reading is a HAR read as evidence: the trace, the observation the rest of the program
// diagnoses (the first failing step's, cross-step facts included; empty when no step
// failed) and every secret of the file, for the caller's redact.Set. The secrets are the
// one part that holds values whole: they go into the set and nowhere else.
type Reading struct {
	Trace   Trace
	Obs     knowledge.Observation
	Failed  bool
	Secrets []string
}

// Read is the one way evidence text that may be a HAR is read, by diagnose, the wizard's
// paste step and watch alike: ErrNotHAR when the text does not look like one, a message
// saying what is wrong when it looks like one but does not parse. cat may be nil (no
// diagnosis in the trace).
func Read(text string, cat *knowledge.Catalogue, now time.Time) (Reading, error) {
	if !Shaped(text) {
		return Reading{}, ErrNotHAR
	}
	h, err := Parse([]byte(text))
	if err != nil {
		return Reading{}, err
	}
	r := Reading{Trace: Analyze(h, cat, now), Secrets: h.Secrets()}
	if s, ok := r.Trace.FailingStep(); ok {
		r.Obs, r.Failed = s.Obs, true
	}
	return r, nil
}

// shape is what sets a HAR apart from other JSON a paste may hold: an object under "log"
// with an array under "entries". Looks is the cheap first look; this is the decision.
var (
	logObject    = regexp.MustCompile(`"log"\s*:\s*\{`)
	entriesArray = regexp.MustCompile(`"entries"\s*:\s*\[`)
)

// Shaped reports whether text holds a HAR by its shape, so evidence readers route it here
// rather than to the general parsers: a JSON log line that merely says "log" stays theirs.
func Shaped(text string) bool {
	if !Looks(text) {
		return false
	}
	loc := logObject.FindStringIndex(text)
	return loc != nil && entriesArray.MatchString(text[loc[1]:])
}

// SecretsOf lists the secrets of text when it holds a HAR (ok false otherwise): the
// file's own, and those evidence finds in the text around it, less the labels an app's
// script puts beside variable names (see codeLike). A reader learns them before it knows
// what the text will be used for.
func SecretsOf(text string) (secrets []string, ok bool) {
	if !Shaped(text) {
		return nil, false
	}
	if h, err := Parse([]byte(text)); err == nil {
		secrets = h.Secrets()
	}
	for _, v := range evidence.Secrets(text) {
		if !codeLike(v) {
			secrets = append(secrets, v)
		}
	}
	return secrets, true
}
