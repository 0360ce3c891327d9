package ui

import (
	"fmt"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Diagnosis writes diagnose's answer: the verdict, the causes and why, the checklist, the
// offline checks, then what was read.
func (p *Printer) Diagnosis(obs knowledge.Observation, d knowledge.Diagnosis, checks []check.Result) {
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	if best, ok := d.Best(); ok {
		e := best.Entry
		line(p.paint(p.st.code, p.safe(e.Code)) + ": " + p.paint(p.st.title, p.safe(e.Title)))
		sev := p.paint(p.st.severity(e.Severity), p.t(string(e.Severity)))
		if e.SeverityNote != "" {
			sev += " (" + p.safe(e.SeverityNote) + ")"
		}
		line(p.tf("  confidence %d%% · severity %s", pct(best.Confidence), sev))
		for _, s := range best.Signals {
			line("  " + p.paint(p.st.muted, p.t("because")) + " " + p.safe(p.reason(s)))
		}
		line("\n" + p.paint(p.st.heading, p.t("Causes")))
		if best.Undetermined {
			line(p.wrap(p.t("The response cannot tell these causes apart; they are ranked by how often each happens. "+
				"Check them in this order."), "  ", "  "))
		}
		for _, c := range best.Causes {
			head := p.paint(p.st.code, p.safe(c.Cause.ID)) + fmt.Sprintf(" (%d%%)", pct(c.Confidence))
			if t := e.ContextTitle(c.Cause.Context); t != "" {
				head += " [" + p.safe(t) + "]"
			}
			line(p.wrap(head+": "+p.safe(c.Cause.Text), "  • ", "    "))
			seen := map[string]bool{}
			for _, s := range c.Signals {
				if !seen[s] {
					seen[s] = true
					line(p.wrap(p.paint(p.st.muted, p.t("why:"))+" "+p.safe(p.reason(s)), "      ", "        "))
				}
			}
		}
		line("\n" + p.paint(p.st.heading, p.t("Checklist")))
		for i, s := range best.Steps {
			line(p.wrap(p.safe(s.Text), fmt.Sprintf("  %d. ", i+1), "     "))
		}
		if len(d.Entries) > 1 {
			var also []string
			for _, m := range d.Entries[1:min(len(d.Entries), 5)] {
				also = append(also, fmt.Sprintf("%s (%d%%)", p.paint(p.st.code, p.safe(m.Entry.Code)), pct(m.Confidence)))
			}
			line(p.wrap(p.tf("Also possible: %s (mubarokah-doctor explain CODE)", strings.Join(also, ", ")), "\n", ""))
		}
	} else {
		line(p.t("No catalogue entry fits this evidence."))
	}
	if len(checks) > 0 {
		line("\n" + p.paint(p.st.heading, p.t("Offline checks")))
		for _, r := range checks {
			line(p.wrap(fmt.Sprintf("%s %s: %s", p.status(r.Status), p.safe(r.Name), p.safe(r.Summary)), "  ", "    "))
			for _, det := range r.Details {
				line(p.wrap(p.safe(det), "      ", "        "))
			}
		}
	}
	p.observation(&b, obs)
	p.write(b.String())
}

// status is a status's glyph and word, in its colour: the word carries the meaning too.
func (p *Printer) status(s check.Status) string {
	return p.paint(p.st.status[s], s.Glyph()+" "+s.Word())
}

// observation lists what was read, secrets masked at the source.
func (p *Printer) observation(b *strings.Builder, o knowledge.Observation) {
	b.WriteString("\n" + p.paint(p.st.heading, p.t("What was read")) + "\n")
	if o.Empty() && len(o.Sources) == 0 {
		b.WriteString("  " + p.t("nothing recognised") + "\n")
		return
	}
	for _, s := range o.Sources {
		b.WriteString(p.wrap(p.safe(p.t(evidence.Describe(s))), "  - ", "    ") + "\n")
	}
	row := func(label, value string) {
		if value != "" {
			b.WriteString(p.wrap(p.safe(value), p.paint(p.st.muted, fmt.Sprintf("  %-12s", label))+" ", strings.Repeat(" ", 15)) + "\n")
		}
	}
	status := ""
	if o.Status != 0 {
		status = fmt.Sprintf("HTTP %d", o.Status)
	}
	row("endpoint", strings.TrimSpace(strings.Join([]string{string(o.Endpoint), o.Method, status}, " ")))
	row("url", o.URL)
	row("grant_type", o.GrantType)
	row("error", o.Error)
	row("description", o.Description)
	row("hint", o.Hint)
	row("message", o.Message)
	if o.RetryAfter > 0 {
		row("retry after", fmt.Sprintf("%d s", o.RetryAfter))
	}
	row("auth header", o.WWWAuthenticate)
	row("location", o.Location)
	row("state", o.State)
	row("code", o.Code)
	if t := o.Token; t != nil {
		desc := t.Masked
		if t.Subject != "" {
			desc += ", sub " + t.Subject
		}
		if len(t.Audience) > 0 {
			desc += ", aud " + strings.Join(t.Audience, " ")
		}
		if len(t.Scopes) > 0 {
			desc += ", scopes " + strings.Join(t.Scopes, " ")
		}
		if t.ExpiresAt != nil {
			desc += ", exp " + t.ExpiresAt.Format("2006-01-02 15:04 UTC")
		}
		row("token", desc)
	}
	if o.Transport != "" {
		row("transport", o.Transport+": "+o.TransportDetail)
	}
	for _, f := range o.Facts {
		detail := f.Detail
		if detail == "" {
			detail = strings.ReplaceAll(f.Name, "_", " ")
		}
		row("fact", detail)
	}
}

func pct(f float64) int { return int(f*100 + 0.5) }
