package flow

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// EventKind says what happened at the current node.
type EventKind string

// The events Next understands.
const (
	EventAnswer   EventKind = "answer"   // a question's choice
	EventPaste    EventKind = "paste"    // evidence read at a paste node
	EventCheck    EventKind = "check"    // an offline check's result
	EventProbe    EventKind = "probe"    // a live probe's result
	EventSkip     EventKind = "skip"     // nothing to paste, or a check not run (Reason says why)
	EventContinue EventKind = "continue" // go on from a result or a fix node
	// EventLive hands a paste node the results of live checks run before the walk (the live
	// checks screen, walk --live): evidence with the standing of a paste.
	EventLive EventKind = "live"
)

// Event is one thing the person (or the caller on their behalf) did. Build it with the
// functions below. It carries no raw paste and no secret input: only what was read.
type Event struct {
	Kind   EventKind
	Choice string
	Obs    knowledge.Observation
	Check  check.Result
	Probe  check.ProbeResult
	Live   []check.ProbeResult
	Reason string
	// Timeline is a pasted HAR's sign-in, kept with its evidence for the report.
	Timeline *Timeline
	// LoggedAt is when a pasted log line says the failure happened ("" when none does).
	LoggedAt string
}

// Answer picks a choice of a question by its id.
func Answer(choice string) Event { return Event{Kind: EventAnswer, Choice: choice} }

// Paste hands over evidence already read (and masked) by evidence.Parse.
func Paste(obs knowledge.Observation) Event { return Event{Kind: EventPaste, Obs: obs} }

// PasteText reads pasted text with evidence.Parse. The text itself goes no further than
// the parser: the event holds only what was recognised.
func PasteText(text string, now time.Time) (Event, error) {
	if strings.TrimSpace(text) == "" {
		return Event{}, fmt.Errorf("the paste is empty: paste an error response, a callback URL, curl -v output or an access token, or skip this step")
	}
	if ev, ok, err := pasteHAR(text, now); ok {
		return ev, err
	}
	obs, err := evidence.Parse(text, now)
	if err != nil {
		return Event{}, err
	}
	ev := Paste(obs)
	ev.LoggedAt = loggedAt(text)
	return ev, nil
}

// CheckDone hands over an offline check's result.
func CheckDone(r check.Result) Event { return Event{Kind: EventCheck, Check: r} }

// RunCheck runs the offline check a check node names over the inputs the person gave and
// returns the event to feed to Next. Inputs are read here and not kept: the result holds
// masked values only.
func RunCheck(n *Node, inputs map[string]string, now time.Time) (Event, error) {
	return RunCheckIn(lang.English, n, inputs, now)
}

// RunCheckIn is RunCheck with the result's sentences in l.
func RunCheckIn(l lang.Lang, n *Node, inputs map[string]string, now time.Time) (Event, error) {
	if n.Kind != KindCheck {
		return Event{}, fmt.Errorf("node %s is a %s step, not an offline check", n.ID, n.Kind)
	}
	var missing []string
	for _, in := range n.Inputs {
		if !in.Optional && strings.TrimSpace(inputs[in.Name]) == "" {
			missing = append(missing, fmt.Sprintf("%s (%s)", in.Name, in.Label))
		}
	}
	if len(missing) > 0 {
		return Event{}, fmt.Errorf("the %s check needs %s", n.Check, strings.Join(missing, " and "))
	}
	r, err := check.ByName(l, n.Check, inputs, now)
	if err != nil {
		return Event{}, err
	}
	// The check masks what it reports; scrubbing the secret inputs again costs little and
	// keeps a slip in one check from reaching the screen or a report.
	secrets := &redact.Set{}
	for _, in := range n.Inputs {
		if in.Secret {
			secrets.Add(inputs[in.Name])
		}
	}
	r.Summary = secrets.Scrub(r.Summary)
	for i := range r.Details {
		r.Details[i] = secrets.Scrub(r.Details[i])
	}
	return CheckDone(r), nil
}

// shown is how a value the person gave is repeated back: a choice id is short, so anything
// long is more likely a pasted secret than an answer, and is masked.
func shown(v string) string {
	if len(v) > 24 {
		return redact.Mask(v)
	}
	return v
}

// ProbeDone hands over a live probe's result. A failed probe is a result like any other.
func ProbeDone(r check.ProbeResult) Event { return Event{Kind: EventProbe, Probe: r} }

// Live hands over the results of live checks run together (their correlation already
// applied), to a paste node: each result is recorded, the failed and warning ones are
// evidence, and what they rule out is ruled out for the whole session.
func Live(results []check.ProbeResult) Event {
	return Event{Kind: EventLive, Live: slices.Clone(results)}
}

// Skip passes a paste, check or probe node without evidence; reason is shown and reported
// (for a probe: "no target configured", "no client secret", ...).
func Skip(reason string) Event { return Event{Kind: EventSkip, Reason: reason} }

// Continue goes on from a result or fix node.
func Continue() Event { return Event{Kind: EventContinue} }

// FitError says an event does not fit the node the walk stands at.
type FitError struct {
	Step    int    // the step number the event would have been
	Node    string // node id
	Kind    Kind
	Text    string   // the node's question or text
	Given   string   // what was given, in words
	Choices []string // for a question, its choice ids
	Reason  string
}

func (e *FitError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "step %d (node %s, %s %q): %s", e.Step, e.Node, e.Kind, e.Text, e.Reason)
	if len(e.Choices) > 0 {
		fmt.Fprintf(&b, "; choices: %s", strings.Join(e.Choices, ", "))
	}
	return b.String()
}

func (e Event) describe() string {
	switch e.Kind {
	case EventAnswer:
		return fmt.Sprintf("answer %q", shown(e.Choice))
	case EventCheck:
		return fmt.Sprintf("the result of check %q", e.Check.Name)
	case EventProbe:
		return fmt.Sprintf("the result of probe %q", e.Probe.ID)
	case "":
		return "an empty event"
	}
	return string(e.Kind)
}
