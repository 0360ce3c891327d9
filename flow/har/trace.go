package har

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Step is one OAuth step of the trace, with every secret masked. A callback the recording
// never followed (only a redirect pointed to it) has the redirect's entry and no status.
type Step struct {
	Kind     Kind                  `json:"kind"`
	Entry    int                   `json:"entry"`         // position in log.entries, counting from 1
	Time     time.Time             `json:"time,omitzero"` // as recorded
	Method   string                `json:"method,omitempty"`
	URL      string                `json:"url"`    // masked
	Status   int                   `json:"status"` // the HTTP answer; 0 when none was recorded
	Verdict  check.Status          `json:"verdict"`
	Summary  string                `json:"summary"`            // what happened, in one line
	Findings []string              `json:"findings,omitempty"` // what the cross-step checks found here
	Obs      knowledge.Observation `json:"observation"`
}

// Trace is what a HAR says about a sign-in: its OAuth steps in time order, the first one
// that went wrong and what the catalogue makes of it.
type Trace struct {
	Creator string   `json:"creator,omitempty"`
	Entries int      `json:"entries"` // entries read from the file
	Steps   []Step   `json:"steps"`
	Failing int      `json:"failing"`         // index in Steps of the first failed step, -1 when none failed
	Notes   []string `json:"notes,omitempty"` // what the recording lacks or could not be read
	// Diagnosis is the catalogue's match for the failing step's Observation (cross-step
	// facts included); empty when nothing failed. Printers render it as they render any
	// diagnosis, so it is not part of the trace's own JSON.
	Diagnosis knowledge.Diagnosis `json:"-"`
}

// FailingStep returns the first step that went wrong.
func (t Trace) FailingStep() (Step, bool) {
	if t.Failing < 0 || t.Failing >= len(t.Steps) {
		return Step{}, false
	}
	return t.Steps[t.Failing], true
}

// Analyze builds the trace of a sign-in from a HAR: it finds the OAuth steps, reads each
// as its own evidence, runs the cross-step checks, and names the first step that failed
// with its diagnosis from cat (nil: no diagnosis). now stands in for the time of entries
// the file gives none. Nothing in the result holds a secret of the file whole.
func Analyze(h *HAR, cat *knowledge.Catalogue, now time.Time) Trace {
	tr := Trace{Creator: h.creator, Entries: len(h.entries), Steps: []Step{}, Failing: -1}
	found := h.collect()
	sort.SliceStable(found, func(i, j int) bool { return found[i].at.Before(found[j].at) })
	for _, f := range found {
		t := f.at
		if t.IsZero() {
			t = now
		}
		f.observe(t)
	}
	crossCheck(found)
	if h.sanitized() {
		for _, f := range found {
			// The export dropped the header; the request may well have carried it.
			dropFact(&f.obs, knowledge.FactTokenMissing)
		}
	}
	recover(found)
	secrets := &redact.Set{}
	for _, s := range h.Secrets() {
		secrets.Add(s)
	}
	for i, f := range found {
		tr.Steps = append(tr.Steps, f.step(secrets))
		if tr.Failing < 0 && f.verdict == check.Fail {
			tr.Failing = i
		}
	}
	if s, ok := tr.FailingStep(); ok && cat != nil {
		tr.Diagnosis = cat.Match(s.Obs)
	}
	tr.Notes = h.notes(found)
	return tr
}

// step is the public form of a found step, with every text scrubbed of the file's secrets:
// masking at the source is the rule, and this is the belt to go with it.
func (f *found) step(set *redact.Set) Step {
	s := Step{Kind: f.kind, Entry: f.e.index + 1, Time: f.at, Method: f.obs.Method, URL: set.Scrub(f.obs.URL),
		Status: f.e.resp.status, Verdict: f.verdict, Summary: set.Scrub(f.summary), Obs: f.obs}
	if f.synth {
		s.Status = 0
	}
	for _, d := range f.findings {
		s.Findings = append(s.Findings, set.Scrub(d))
	}
	scrubObs(&s.Obs, set)
	return s
}

func scrubObs(o *knowledge.Observation, set *redact.Set) { o.RewriteText(set.Scrub) }

// notes says what the recording lacks, so a person knows what the trace could not see.
func (h *HAR) notes(found []*found) []string {
	var out []string
	if h.skipped > 0 {
		out = append(out, fmt.Sprintf("%d entries could not be read and were left out", h.skipped))
	}
	if h.dropped > 0 {
		out = append(out, fmt.Sprintf("only the first %d entries were read; %d more were left out", maxEntries, h.dropped))
	}
	has := map[Kind]bool{}
	omitted, codes := 0, false
	for _, f := range found {
		has[f.kind] = true
		if !f.synth && f.e.bodyOmitted() && f.e.resp.status >= 400 {
			omitted++
		}
		codes = codes || f.kind == KindCallback && value(f.params, "code") != ""
	}
	switch {
	case len(found) == 0:
		out = append(out, lang.N("no OAuth step is in this recording: start recording before clicking the sign-in button, "+
			"keep \"Preserve log\" on, and export after the error shows"))
	case !has[KindAuthorize]:
		out = append(out, lang.N("the authorize request is not in the recording, so state, redirect_uri and PKCE cannot be "+
			"compared with it: start recording before clicking the sign-in button"))
	}
	if codes && !has[KindToken] {
		out = append(out, lang.N("no code exchange is in the recording: the app exchanges the code on its server, so that "+
			"request's answer shows only through the callback's answer (and in the app's own log)"))
	}
	if omitted > 0 {
		out = append(out, fmt.Sprintf("%d error answers have no body in the file (left out by the browser's export): "+
			"the error's words are missing", omitted))
	}
	if h.sanitized() && len(found) > 0 {
		out = append(out, lang.N("the file has no Cookie, Set-Cookie or Authorization header at all: the browser's export "+
			"left credentials out (Chrome's default \"Export HAR (sanitized)\"), so whether a token or session cookie "+
			"was sent cannot be told; export \"with sensitive data\" to see it (this tool masks it)"))
	}
	return out
}

// sanitized reports a file whose export removed credentials: a sign-in always carries
// cookies, so a trace with none anywhere had them stripped.
func (h *HAR) sanitized() bool {
	for i := range h.entries {
		e := &h.entries[i]
		if len(e.req.cookies) > 0 || len(e.resp.cookies) > 0 || e.req.header("Cookie") != "" ||
			e.req.header("Authorization") != "" || e.resp.header("Set-Cookie") != "" {
			return false
		}
	}
	return true
}

// Text renders the trace as plain lines: the timeline, then the failing step, the
// diagnosis and the notes. No colour; the CLI and the report style it.
func (t Trace) Text() string {
	var b strings.Builder
	b.WriteString(t.Timeline())
	if s, ok := t.FailingStep(); ok {
		fmt.Fprintf(&b, "First step that went wrong: step %d (HAR entry %d), %s: %s\n", t.Failing+1, s.Entry, s.Kind, s.Summary)
		if m, ok := t.Diagnosis.Best(); ok {
			fmt.Fprintf(&b, "Diagnosis: %s — %s\n", m.Entry.Code, m.Entry.Title)
			for i, c := range m.Causes {
				if i == 3 {
					break
				}
				fmt.Fprintf(&b, "  cause %s (%.0f%%)", c.Cause.ID, c.Confidence*100)
				if len(c.Signals) > 0 {
					fmt.Fprintf(&b, ": %s", strings.Join(c.Signals, "; "))
				}
				b.WriteString("\n")
			}
		}
	} else {
		b.WriteString("No step went wrong.\n")
	}
	b.WriteString(t.NotesText())
	return b.String()
}

// Timeline is the trace's heading and one line per step with ✓ ✗ ! or -, its time, kind,
// method, status and URL, then what happened and what the cross-step checks found.
func (t Trace) Timeline() string { return t.TimelineIn(lang.English) }

// TimelineIn is Timeline in l (SayIn).
func (t Trace) TimelineIn(l lang.Lang) string {
	var b strings.Builder
	b.WriteString(l.Tf("HAR trace: %d entries, %d OAuth steps", t.Entries, len(t.Steps)))
	if t.Creator != "" {
		b.WriteString(l.Tf(" (recorded by %s)", t.Creator))
	}
	b.WriteString("\n")
	for i, s := range t.Steps {
		fmt.Fprintf(&b, "%s %2d  %s  %-9s %-4s %s  %s\n", glyph(s.Verdict), i+1, clock(s.Time), s.Kind, s.Method, s.StatusText(), shortURL(s.URL))
		fmt.Fprintf(&b, "        %s\n", SayIn(l, s.Summary))
		for _, f := range s.Findings {
			fmt.Fprintf(&b, "        ! %s\n", SayIn(l, f))
		}
	}
	return b.String()
}

// NotesText is the notes, one "Note:" line each.
func (t Trace) NotesText() string { return t.NotesTextIn(lang.English) }

// NotesTextIn is NotesText in l (SayIn).
func (t Trace) NotesTextIn(l lang.Lang) string {
	var b strings.Builder
	for _, n := range t.Notes {
		b.WriteString(l.Tf("Note: %s\n", SayIn(l, n)))
	}
	return b.String()
}

// StatusText is the step's HTTP status, or --- when none was recorded.
func (s Step) StatusText() string {
	if s.Status == 0 {
		return "---"
	}
	return fmt.Sprint(s.Status)
}

// Clock is the step's time of day, to the millisecond, as the timeline shows it.
func (s Step) Clock() string { return clock(s.Time) }

// ShortURL is the step's URL without its query, as the timeline shows it.
func (s Step) ShortURL() string { return shortURL(s.URL) }

// glyph is the mark a verdict is drawn with: ✓ pass, ✗ fail, ! warn, - skipped.
func glyph(s check.Status) string {
	switch s {
	case check.Pass:
		return "✓"
	case check.Fail:
		return "✗"
	case check.Warn:
		return "!"
	}
	return "-"
}
