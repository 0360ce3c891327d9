package flow

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/har"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// A HAR pasted into the walk: its failing step becomes the paste's evidence, and its
// timeline is kept with that evidence for the report. Hooked into PasteText,
// Evidence and the report's Markdown by one line each.

// Timeline is a HAR's sign-in as a session keeps it: each OAuth step on one line, every
// secret of the file already masked by flow/har.
type Timeline struct {
	Creator string         `json:"creator,omitempty"`
	Entries int            `json:"entries"`
	Steps   []TimelineStep `json:"steps"`
	Failing int            `json:"failing_step,omitempty"` // from 1; 0 when no step failed
	Notes   []string       `json:"notes,omitempty"`
}

// TimelineStep is one step of a Timeline.
type TimelineStep struct {
	Kind     string   `json:"kind"`
	Entry    int      `json:"entry"` // in the HAR's log.entries, from 1
	Time     string   `json:"time,omitempty"`
	Method   string   `json:"method,omitempty"`
	URL      string   `json:"url"`
	Status   int      `json:"status,omitempty"`
	Verdict  string   `json:"verdict"`
	Summary  string   `json:"summary"`
	Findings []string `json:"findings,omitempty"`
}

// pasteHAR reads text as a HAR when it has a HAR's shape (ok false otherwise): the event
// carries the first failing step's observation, cross-step facts included, and the
// timeline. A recording in which nothing failed is an error that says so, since the walk
// has nothing to go on.
func pasteHAR(text string, now time.Time) (ev Event, ok bool, err error) {
	r, err := har.Read(text, nil, now)
	if errors.Is(err, har.ErrNotHAR) {
		return Event{}, false, nil
	}
	if err != nil {
		return Event{}, true, err
	}
	if !r.Failed {
		return Event{}, true, nothingWrong(len(r.Trace.Steps))
	}
	ev = Paste(r.Obs)
	ev.Timeline = timelineOf(r.Trace)
	return ev, true, nil
}

// nothingWrong is a HAR pasted in which no step failed: an error that a screen can say in
// its language (In).
type nothingWrong int

func (n nothingWrong) Error() string { return n.In(lang.English) }

// In says it in l.
func (n nothingWrong) In(l lang.Lang) string {
	return l.Tf("the HAR holds %d OAuth steps and none went wrong: record the attempt that fails (with \"Preserve log\" on), or skip this step", int(n))
}

func timelineOf(t har.Trace) *Timeline {
	tl := &Timeline{Creator: t.Creator, Entries: t.Entries, Steps: []TimelineStep{}, Failing: t.Failing + 1, Notes: t.Notes}
	for _, s := range t.Steps {
		st := TimelineStep{Kind: string(s.Kind), Entry: s.Entry, Method: s.Method, URL: s.URL, Status: s.Status,
			Verdict: string(s.Verdict), Summary: s.Summary, Findings: s.Findings}
		if !s.Time.IsZero() {
			st.Time = s.Time.UTC().Format("2006-01-02T15:04:05.000Z")
		}
		tl.Steps = append(tl.Steps, st)
	}
	return tl
}

// writeTimelines adds a section per HAR read in the session: the steps as a table, the
// failing one marked, and what the recording lacks.
func writeTimelines(b *strings.Builder, l lang.Lang, evs []Evidence) {
	for _, ev := range evs {
		t := ev.Timeline
		if t == nil {
			continue
		}
		b.WriteString(l.Tf("\n## Sign-in timeline (HAR read at step %d)\n\n", ev.Step))
		b.WriteString(l.Tf("%d entries in the recording", t.Entries))
		if t.Creator != "" {
			b.WriteString(l.Tf(", recorded by %s", t.Creator))
		}
		b.WriteString(l.T("; secrets masked.\n\n"))
		b.WriteString(l.T("| # | | Time | Step | Request | Status | What happened |\n|---|---|---|---|---|---|---|\n"))
		for i, s := range t.Steps {
			mark := map[string]string{"pass": "✓", "fail": "✗", "warn": "!"}[s.Verdict]
			if mark == "" {
				mark = "-"
			}
			status := "—"
			if s.Status != 0 {
				status = fmt.Sprint(s.Status)
			}
			what := har.SayIn(l, s.Summary)
			for _, f := range s.Findings {
				what += "; " + har.SayIn(l, f)
			}
			if i+1 == t.Failing {
				what = l.Tf("**first to go wrong** (HAR entry %d): %s", s.Entry, what)
			}
			fmt.Fprintf(b, "| %d | %s | %s | %s | %s | %s | %s |\n", i+1, mark, cell(s.Time), s.Kind,
				cell(strings.TrimSpace(s.Method+" "+s.URL)), status, cell(what))
		}
		for _, n := range t.Notes {
			b.WriteString(l.Tf("\n- Note: %s", oneLine(har.SayIn(l, n))))
		}
		if len(t.Notes) > 0 {
			b.WriteString("\n")
		}
	}
}
