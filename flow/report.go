package flow

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Where Mubarokah ID support is reached, as the provider's documentation gives it.
const (
	SupportEmail      = "hey@mubarokah.com"
	SupportLink       = "https://s.id/023w4"
	SupportStatusPage = "https://mdn.cronitorstatus.com/"
)

// ReportMeta is what a report says about the session besides the walk itself.
type ReportMeta struct {
	Time time.Time // when the report is made; written in UTC
	// Tool is the program's name and version; the build's own when empty. The system it
	// ran on (GOOS/GOARCH) is added either way.
	Tool     string
	BaseURL  string // the provider the session was about
	ClientID string // not a secret: shown, support needs it
	// Secrets is the session's secret set (the configured client secret, tokens from flags,
	// every secret read in a paste). Evidence is masked where it is read; these are scrubbed
	// from the report as well, in every form, in case any slipped through. nil: none.
	Secrets *redact.Set
}

// Report is a session written down for a ticket: the path, the evidence as read, the
// checks, the diagnosis with its checklist and, when escalated, what support needs.
type Report struct {
	Time string `json:"time"`
	Tool string `json:"tool"` // name, version and the system it ran on
	// FailureTime is when the failure itself happened, as the evidence dates it (a Date
	// header, a log line's stamp): support looks up that moment, not the report's.
	FailureTime   string `json:"failure_time,omitempty"`
	FailureSource string `json:"failure_time_from,omitempty"`
	BaseURL       string `json:"base_url,omitempty"`
	ClientID      string `json:"client_id,omitempty"`
	// Seen are the servers and client ids the evidence itself names, which may differ
	// from the settings (a staging client_id in a production log is the classic).
	SeenBaseURLs  []string `json:"seen_base_urls,omitempty"`
	SeenClientIDs []string `json:"seen_client_ids,omitempty"`
	// Replay is the walk command that answers the questions the same way; Session is the
	// whole session, to open again (walk --resume, the wizard's --resume).
	Replay    string           `json:"replay"`
	Session   *Session         `json:"session,omitempty"`
	Status    Status           `json:"status"`
	Node      string           `json:"node"`
	Path      []Step           `json:"path"`
	Evidence  []Evidence       `json:"evidence,omitempty"`
	Checks    []CheckRecord    `json:"checks,omitempty"`
	Diagnosis *ReportDiagnosis `json:"diagnosis,omitempty"`
	Support   *SupportRequest  `json:"support,omitempty"`
	// Lang is the language the report's text is in ("en", "id"); ids and codes are the
	// same in every language.
	Lang string `json:"lang"`

	secrets *redact.Set
}

// ReportDiagnosis is the diagnosis as a report shows it.
type ReportDiagnosis struct {
	Entry     string          `json:"entry"`
	Title     string          `json:"title"`
	Severity  string          `json:"severity"`
	Result    string          `json:"result_node"`
	Basis     string          `json:"basis"`
	Signals   []string        `json:"signals,omitempty"`
	Causes    []ReportCause   `json:"causes"`
	Checklist []ReportStepRow `json:"checklist"`
}

// ReportCause is one ranked cause.
type ReportCause struct {
	ID      string   `json:"id"`
	Text    string   `json:"text"`
	Signals []string `json:"signals,omitempty"`
	// RuledOut says why the session's evidence or answers rule the cause out.
	RuledOut string `json:"ruled_out,omitempty"`
}

// ReportStepRow is one checklist item and whether it was done.
type ReportStepRow struct {
	ID     string   `json:"id"`
	Text   string   `json:"text"`
	Fixes  []string `json:"fixes"`
	Ticked bool     `json:"ticked"`
}

// SupportRequest is what Mubarokah ID support asks for: the time, the client_id, the
// error messages and the request details, never tokens or secrets.
type SupportRequest struct {
	Timestamp string   `json:"timestamp"`
	ClientID  string   `json:"client_id,omitempty"`
	Errors    []string `json:"error_messages,omitempty"`
	Requests  []string `json:"request_details,omitempty"`
	Email     string   `json:"email"`
	Link      string   `json:"link"`
	Status    string   `json:"status_page"`
}

// NewReport writes a session down.
func (g *Graph) NewReport(s State, meta ReportMeta) Report {
	sess := s.Session()
	l := lang.Lang(g.cat.Lang())
	r := Report{
		Time: meta.Time.UTC().Format(time.RFC3339), Tool: toolLine(l, meta.Tool), BaseURL: meta.BaseURL, ClientID: meta.ClientID,
		Status: s.Status, Node: s.Node, Path: s.Steps, Evidence: s.Evidence, Checks: s.Checks,
		Replay: replayLine(s), Session: &sess, secrets: meta.Secrets, Lang: g.cat.Lang(),
	}
	if t, from, ok := failureTime(l, s); ok {
		r.FailureTime, r.FailureSource = t, from
	}
	r.SeenBaseURLs, r.SeenClientIDs = seenInEvidence(s)
	if d, ok := g.Diagnose(s); ok {
		rd := &ReportDiagnosis{Entry: d.Entry.Code, Title: d.Entry.Title, Severity: string(d.Entry.Severity),
			Result: d.Node, Basis: d.Basis, Signals: d.Signals}
		for _, c := range d.Causes {
			rd.Causes = append(rd.Causes, ReportCause{ID: c.Cause.ID, Text: c.Cause.Text, Signals: c.Signals, RuledOut: c.Excluded})
		}
		for _, it := range d.Checklist {
			rd.Checklist = append(rd.Checklist, ReportStepRow{ID: it.Step.ID, Text: it.Step.Text, Fixes: it.Step.Fixes, Ticked: it.Ticked})
		}
		r.Diagnosis = rd
	}
	if s.Status == Escalated {
		r.Support = &SupportRequest{Timestamp: r.Time, ClientID: meta.ClientID,
			Errors: errorMessages(l, s), Requests: requestDetails(l, s),
			Email: SupportEmail, Link: SupportLink, Status: SupportStatusPage}
	}
	return r
}

// JSON returns the report as indented JSON. The diagnosis's signals, kept in English as
// the matcher and the engine wrote them (the Markdown says them as it writes), are said
// in the report's language, as diagnose --json says them; ids and codes stay as they are.
func (r Report) JSON() ([]byte, error) {
	if l := lang.Lang(r.Lang); r.Diagnosis != nil && l != lang.English && l != "" {
		d := *r.Diagnosis
		d.Signals = reasonsIn(l, d.Signals)
		d.Causes = append([]ReportCause(nil), d.Causes...)
		for i := range d.Causes {
			d.Causes[i].Signals = reasonsIn(l, d.Causes[i].Signals)
		}
		r.Diagnosis = &d
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return nil, err
	}
	return []byte(r.secrets.Scrub(redact.JSONSafe(string(data)))), nil
}

// errorMessages lists each distinct error text the evidence carried.
func errorMessages(l lang.Lang, s State) []string {
	var out []string
	add := func(v string) {
		v = strings.TrimSpace(v)
		if v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	for _, ev := range s.Evidence {
		o := ev.Obs
		if o.Error != "" {
			add(strings.TrimSpace(fmt.Sprintf("%s: %s", o.Error, o.Description)))
		} else {
			add(o.Description)
		}
		add(o.Hint)
		if o.Message != o.Description {
			add(o.Message)
		}
		if o.Transport != "" {
			add(strings.TrimSpace(o.Transport + " " + o.TransportDetail))
		}
	}
	for _, c := range s.Checks {
		if c.Status == "fail" || c.Status == "warn" {
			add(l.Tf("%s check: %s", c.ID, l.Reason(c.Summary)))
		}
	}
	return out
}

// requestDetails lists, per piece of evidence, the request it was about.
func requestDetails(l lang.Lang, s State) []string {
	var out []string
	for _, ev := range s.Evidence {
		if d := requestLine(l, ev.Obs); d != "" && !slices.Contains(out, d) {
			out = append(out, d)
		}
	}
	return out
}

func requestLine(l lang.Lang, o knowledge.Observation) string {
	var parts []string
	if o.Method != "" || o.URL != "" {
		parts = append(parts, strings.TrimSpace(o.Method+" "+o.URL))
	} else if o.Endpoint != "" {
		parts = append(parts, "endpoint "+string(o.Endpoint))
	}
	if o.GrantType != "" {
		parts = append(parts, "grant_type="+o.GrantType)
	}
	if o.Status != 0 {
		parts = append(parts, l.Tf("answered HTTP %d", o.Status))
	}
	if o.ContentType != "" {
		parts = append(parts, "Content-Type "+o.ContentType)
	}
	return strings.Join(parts, ", ")
}

// reasonsIn are reasons in l (lang.Lang.Reason); nil stays nil, so an empty list is left
// out of the JSON as before.
func reasonsIn(l lang.Lang, rs []string) []string {
	if rs == nil {
		return nil
	}
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = l.Reason(r)
	}
	return out
}
