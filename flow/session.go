package flow

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// SessionFormat names the shape of a saved session; a reader refuses another.
const SessionFormat = "mubarokah-doctor-session/1"

// sessionFence is the info string of the Markdown code block a report carries its session
// in, so the report itself can be opened again.
const sessionFence = "```json " + SessionFormat

// Move is one thing that happened in a session, as a session file keeps it: enough to
// replay the walk on another machine and land on the same step. It holds what was read,
// already masked, never a raw paste or an input: a saved session is as free of secrets as
// the report it rides in.
type Move struct {
	Kind   EventKind              `json:"kind"` // an EventKind, or tick, untick, retest
	Choice string                 `json:"choice,omitempty"`
	Obs    *knowledge.Observation `json:"observation,omitempty"`
	Check  *CheckMove             `json:"check,omitempty"`
	Probes []ProbeMove            `json:"probes,omitempty"` // probe (one), live (all), retest (one)
	Reason string                 `json:"reason,omitempty"`
	// A paste's HAR timeline and log stamp, for the report of the resumed session.
	Timeline *Timeline `json:"timeline,omitempty"`
	LoggedAt string    `json:"logged_at,omitempty"`
}

// The moves that change a state in place rather than take a step.
const (
	moveTick   EventKind = "tick"
	moveUntick EventKind = "untick"
	moveRetest EventKind = "retest"
)

// CheckMove is an offline check's result as a session keeps it.
type CheckMove struct {
	check.Result
	Obs *knowledge.Observation `json:"observation,omitempty"`
}

// ProbeMove is a live check's result as a session keeps it.
type ProbeMove struct {
	check.ProbeResult
	Obs      *knowledge.Observation `json:"observation,omitempty"`
	RuledOut []string               `json:"ruled_out,omitempty"`
}

// Session is a walk saved to be opened again: the moves from the start, and where they
// led, to check the replay lands there.
type Session struct {
	Format string `json:"format"`
	Node   string `json:"node"`
	Steps  int    `json:"steps"`
	Moves  []Move `json:"moves"`
}

// Session is the state's walk as a session to save.
func (s State) Session() Session {
	return Session{Format: SessionFormat, Node: s.Node, Steps: len(s.Steps), Moves: slices.Clone(s.Moves)}
}

func obsPtr(o knowledge.Observation) *knowledge.Observation {
	if o.Empty() {
		return nil
	}
	return &o
}

func probeMove(r check.ProbeResult) ProbeMove {
	pm := ProbeMove{ProbeResult: r, Obs: obsPtr(r.Obs), RuledOut: r.RuledOut}
	pm.ProbeResult.Obs, pm.ProbeResult.RuledOut = knowledge.Observation{}, nil
	return pm
}

func (pm ProbeMove) result() check.ProbeResult {
	r := pm.ProbeResult
	if pm.Obs != nil {
		r.Obs = *pm.Obs
	}
	r.RuledOut = pm.RuledOut
	return r
}

// moveOf is the move an event accepted by Next is kept as.
func moveOf(e Event) Move {
	m := Move{Kind: e.Kind, Choice: e.Choice, Reason: e.Reason}
	switch e.Kind {
	case EventPaste:
		m.Obs, m.Timeline, m.LoggedAt = obsPtr(e.Obs), e.Timeline, e.LoggedAt
	case EventCheck:
		m.Check = &CheckMove{Result: e.Check, Obs: obsPtr(e.Check.Obs)}
		m.Check.Result.Obs = knowledge.Observation{}
	case EventProbe:
		m.Probes = []ProbeMove{probeMove(e.Probe)}
	case EventLive:
		for _, r := range e.Live {
			m.Probes = append(m.Probes, probeMove(r))
		}
	}
	return m
}

// event is the move as an event for Next again.
func (m Move) event() (Event, error) {
	e := Event{Kind: m.Kind, Choice: m.Choice, Reason: m.Reason}
	switch m.Kind {
	case EventAnswer, EventSkip, EventContinue:
	case EventPaste:
		if m.Obs != nil {
			e.Obs = *m.Obs
		}
		e.Timeline, e.LoggedAt = m.Timeline, m.LoggedAt
	case EventCheck:
		if m.Check == nil {
			return e, errors.New("a check move without its result")
		}
		e.Check = m.Check.Result
		if m.Check.Obs != nil {
			e.Check.Obs = *m.Check.Obs
		}
	case EventProbe:
		if len(m.Probes) != 1 {
			return e, errors.New("a probe move without its one result")
		}
		e.Probe = m.Probes[0].result()
	case EventLive:
		for _, pm := range m.Probes {
			e.Live = append(e.Live, pm.result())
		}
	default:
		return e, fmt.Errorf("%q is not a kind of move", m.Kind)
	}
	return e, nil
}

// Resume replays a saved session from the start and returns the state it leads to: the
// same step the session was saved at, on any machine. A session from another version of
// the flow that no longer fits says at which move and why.
func (g *Graph) Resume(sess Session) (State, error) {
	if sess.Format != SessionFormat {
		return State{}, fmt.Errorf("not a saved session (format %q, want %q)", sess.Format, SessionFormat)
	}
	s := g.Start()
	for i, m := range sess.Moves {
		var err error
		switch m.Kind {
		case moveTick, moveUntick:
			s, err = g.Tick(s, m.Choice, m.Kind == moveTick)
		case moveRetest:
			if len(m.Probes) != 1 {
				err = errors.New("a re-test move without its one result")
			} else {
				s = g.Retested(s, m.Probes[0].result())
			}
		default:
			var e Event
			if e, err = m.event(); err == nil {
				s, err = g.Next(s, e)
			}
		}
		if err != nil {
			return s, fmt.Errorf("move %d of %d: %w", i+1, len(sess.Moves), err)
		}
	}
	if s.Node != sess.Node || len(s.Steps) != sess.Steps {
		return s, fmt.Errorf("the session replays to step %d at %s, but was saved at step %d at %s: the flow has changed since",
			len(s.Steps)+1, s.Node, sess.Steps+1, sess.Node)
	}
	return s, nil
}

// ReadSession finds the session in a saved file: a session's own JSON, a report's JSON
// (its "session"), or a Markdown report (its session block).
func ReadSession(text string) (Session, error) {
	var sess Session
	trimmed := strings.TrimSpace(text)
	if strings.HasPrefix(trimmed, "{") {
		var wrapped struct {
			Session *Session `json:"session"`
		}
		if err := json.Unmarshal([]byte(trimmed), &wrapped); err == nil && wrapped.Session != nil {
			sess = *wrapped.Session
		} else if err := json.Unmarshal([]byte(trimmed), &sess); err != nil {
			return sess, fmt.Errorf("the JSON is not a saved session or report: %v", err)
		}
	} else {
		_, rest, ok := strings.Cut(text, sessionFence+"\n")
		if !ok {
			return sess, errors.New("no saved session in it: give a report written by mubarokah-doctor (w in the wizard, walk --report) or its JSON")
		}
		body, _, ok := strings.Cut(rest, "\n```")
		if !ok {
			return sess, errors.New("the report's session block is cut off: it has no closing ```")
		}
		if err := json.Unmarshal([]byte(body), &sess); err != nil {
			return sess, fmt.Errorf("the report's session block is damaged: %v", err)
		}
	}
	if sess.Format != SessionFormat {
		return sess, fmt.Errorf("not a saved session (format %q, want %q)", sess.Format, SessionFormat)
	}
	return sess, nil
}

// Answers are the choices of every question on the path, the ones evidence gave too, in
// order: what `walk --answers` replays without the evidence. A question the evidence
// skipped outright (a jump) has none; Session replays that too.
func (s State) Answers() []string {
	var out []string
	for _, st := range s.Steps {
		if st.Kind == KindQuestion {
			out = append(out, st.Answer)
		}
	}
	return out
}
