package flow

import (
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Markdown returns the report as Markdown, for a ticket or a chat.
func (r Report) Markdown() string {
	var b strings.Builder
	l := lang.Lang(r.Lang)
	b.WriteString(l.T("# mubarokah-doctor session report\n\n"))
	fmt.Fprintf(&b, l.T("- Time (UTC): %s, when this report was made\n"), r.Time)
	if r.FailureTime != "" {
		zone := " (UTC)"
		if !strings.HasSuffix(r.FailureTime, "Z") {
			zone = "" // a log stamp without a zone says so itself
		}
		fmt.Fprintf(&b, l.T("- Failure seen%s: %s (%s)\n"), zone, r.FailureTime, r.FailureSource)
	} else {
		b.WriteString(l.T("- Failure seen (UTC): not dated by the evidence; add when it happened\n"))
	}
	fmt.Fprintf(&b, l.T("- Tool: %s\n"), r.Tool)
	if r.BaseURL != "" {
		fmt.Fprintf(&b, l.T("- Server: %s (from the settings)\n"), r.BaseURL)
	}
	if len(r.SeenBaseURLs) > 0 {
		fmt.Fprintf(&b, l.T("- Server in the evidence: %s\n"), strings.Join(r.SeenBaseURLs, ", "))
	}
	if r.ClientID != "" {
		fmt.Fprintf(&b, l.T("- client_id: %s (from the settings)\n"), r.ClientID)
	}
	if len(r.SeenClientIDs) > 0 {
		fmt.Fprintf(&b, l.T("- client_id in the evidence: %s\n"), strings.Join(r.SeenClientIDs, ", "))
	}
	fmt.Fprintf(&b, l.T("- Outcome: %s\n"), outcome(l, r.Status, r.Node))
	fmt.Fprintf(&b, l.T("- Replay the answers: `%s`"), r.Replay)
	if len(r.Evidence) > 0 || len(r.Checks) > 0 {
		b.WriteString(l.T(" (without the evidence; the session below replays it all)"))
	}
	b.WriteString("\n")

	b.WriteString(l.T("\n## Path walked\n\n"))
	if len(r.Path) == 0 {
		b.WriteString(l.T("No step taken yet.\n"))
	} else {
		b.WriteString(l.T("| # | Node | Question | Answer |\n|---|---|---|---|\n"))
		for _, st := range r.Path {
			answer := l.Answer(st.Answer, st.Label)
			if st.Auto {
				answer += " (" + l.Reason(st.Why) + ")"
			} else if st.Why != "" {
				answer += "; " + l.Reason(st.Why)
			}
			fmt.Fprintf(&b, "| %d | %s | %s | %s |\n", st.Number, st.Node, cell(st.Text), cell(answer))
		}
	}

	if len(r.Evidence) > 0 {
		b.WriteString(l.T("\n## Evidence read\n\nSecrets are masked where they were read; the pasted text itself is not kept.\n\n"))
		for _, ev := range r.Evidence {
			fmt.Fprintf(&b, l.T("- Step %d (%s, %s): %s\n"), ev.Step, ev.Node, l.T(ev.Source), observationLine(l, ev.Obs))
		}
	}
	writeTimelines(&b, l, r.Evidence)

	if len(r.Checks) > 0 {
		b.WriteString(l.T("\n## Checks\n\n| # | Check | Kind | Status | Summary |\n|---|---|---|---|---|\n"))
		for _, c := range r.Checks {
			kind := l.T("offline")
			if c.Live {
				kind = l.T("live")
			}
			name := c.ID
			if c.Name != "" && c.Name != c.ID {
				name += " (" + c.Name + ")"
			}
			if c.Retest {
				kind = l.T("live re-test")
			}
			summary := l.Reason(c.Summary)
			for _, d := range c.Details {
				summary += "; " + l.Reason(d)
			}
			fmt.Fprintf(&b, "| %d | %s | %s | %s | %s |\n", c.Step, cell(name), kind, strings.ToUpper(c.Status), cell(summary))
		}
	}

	if d := r.Diagnosis; d != nil {
		b.WriteString(l.T("\n## Diagnosis\n\n"))
		fmt.Fprintf(&b, l.T("**%s**: %s (severity %s; result %s, causes ranked by the %s)\n\n"), d.Entry, d.Title, l.T(d.Severity), d.Result, l.T(d.Basis))
		for _, s := range d.Signals {
			fmt.Fprintf(&b, l.T("- Evidence: %s\n"), l.Reason(s))
		}
		if len(d.Signals) > 0 {
			b.WriteString("\n")
		}
		for i, c := range d.Causes {
			fmt.Fprintf(&b, l.T("%d. `%s`: %s\n"), i+1, c.ID, c.Text)
			for _, s := range c.Signals {
				fmt.Fprintf(&b, l.T("   - because %s\n"), l.Reason(s))
			}
			if c.RuledOut != "" {
				fmt.Fprintf(&b, l.T("   - ruled out: %s\n"), oneLine(l.Reason(c.RuledOut)))
			}
		}
		b.WriteString(l.T("\n### Checklist\n\n"))
		for _, st := range d.Checklist {
			mark := " "
			if st.Ticked {
				mark = "x"
			}
			fmt.Fprintf(&b, l.T("- [%s] %s (`%s`)\n"), mark, oneLine(st.Text), st.ID)
		}
	}

	if s := r.Support; s != nil {
		b.WriteString(l.T("\n## For Mubarokah ID support\n\n"))
		fmt.Fprintf(&b, l.T("- Timestamp (UTC): %s\n"), s.Timestamp)
		if s.ClientID != "" {
			fmt.Fprintf(&b, l.T("- client_id: %s\n"), s.ClientID)
		} else {
			b.WriteString(l.T("- client_id: (add yours; it is not a secret)\n"))
		}
		writeList(&b, l, l.T("Error messages"), s.Errors)
		writeList(&b, l, l.T("Request details"), s.Requests)
		b.WriteString(l.T("- No tokens, codes or secrets are included; do not add them.\n\n"))
		fmt.Fprintf(&b, l.T("Contact: %s, %s. Status page: %s\n"), s.Email, s.Link, s.Status)
	}
	// A masked secret's length in the reader's language; the session block below is data
	// and keeps the mask as redact wrote it.
	human := l.MaskWords(b.String())
	b.Reset()
	b.WriteString(human)
	if r.Session != nil {
		if data, err := json.Marshal(r.Session); err == nil {
			b.WriteString(l.T("\n## Session\n\nTo open this session again, at the same step, on any machine: " +
				"`mubarokah-doctor --resume THIS-FILE` (the wizard) or `mubarokah-doctor walk --resume THIS-FILE`.\n\n"))
			b.WriteString(sessionFence + "\n" + redact.JSONSafe(string(data)) + "\n```\n")
		}
	}
	// Evidence, checks and the path quote text from outside: no terminal control may ride
	// along into a ticket or a file someone will cat.
	return r.secrets.Scrub(redact.Printable(b.String()))
}

func outcome(l lang.Lang, s Status, node string) string {
	switch s {
	case Solved:
		return l.T("solved (document the solution and monitor)")
	case Escalated:
		return l.T("escalated to Mubarokah ID support")
	}
	return l.T("in progress, at node ") + node
}

func writeList(b *strings.Builder, l lang.Lang, title string, items []string) {
	if len(items) == 0 {
		fmt.Fprintf(b, l.T("- %s: none recorded\n"), title)
		return
	}
	fmt.Fprintf(b, l.T("- %s:\n"), title)
	for _, it := range items {
		fmt.Fprintf(b, l.T("  - %s\n"), oneLine(it))
	}
}

// observationLine says what an observation holds, field by field, already masked.
func observationLine(l lang.Lang, o knowledge.Observation) string {
	var parts []string
	add := func(label, v string) {
		if v != "" {
			parts = append(parts, fmt.Sprintf("%s %s", label, quote(v)))
		}
	}
	add("endpoint", string(o.Endpoint))
	add(l.T("method"), o.Method)
	add("URL", o.URL)
	add("grant_type", o.GrantType)
	if o.Status != 0 {
		parts = append(parts, fmt.Sprintf("HTTP %d", o.Status))
	}
	add("error", o.Error)
	add("error_description", o.Description)
	add("hint", o.Hint)
	if o.Message != o.Description {
		add("message", o.Message)
	}
	add(l.T("content type"), o.ContentType)
	add("WWW-Authenticate", o.WWWAuthenticate)
	add("Location", o.Location)
	add("transport", o.Transport)
	add(l.T("detail"), o.TransportDetail)
	add("code", o.Code)
	add("state", o.State)
	if t := o.Token; t != nil {
		tok := "token " + t.Masked
		if len(t.Scopes) > 0 {
			tok += " scopes " + strings.Join(t.Scopes, " ")
		}
		if t.ExpiresAt != nil {
			tok += " exp " + t.ExpiresAt.UTC().Format("2006-01-02T15:04:05Z")
		}
		parts = append(parts, tok)
	}
	keys := slices.Sorted(maps.Keys(o.Headers))
	for _, k := range keys {
		add("header "+k, o.Headers[k])
	}
	for _, f := range o.Facts {
		if f.Detail != "" {
			parts = append(parts, l.Tf("fact %s (%s)", f.Name, oneLine(f.Detail)))
		} else {
			parts = append(parts, l.Tf("fact %s", f.Name))
		}
	}
	if len(parts) == 0 {
		return l.T("nothing recognised")
	}
	return strings.Join(parts, ", ")
}

// cell makes text safe inside a Markdown table cell.
func cell(s string) string {
	return strings.ReplaceAll(oneLine(s), "|", `\|`)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Where evidence came from (Evidence.Source), said through T in the report.
var _ = []string{lang.N("paste"), lang.N("probe")}
