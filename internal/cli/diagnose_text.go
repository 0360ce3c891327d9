package cli

import (
	"fmt"
	"io"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// printDiagnosis writes the plain-text answer: the verdict, the causes and why, the
// checklist, the offline checks, then what was read.
func printDiagnosis(w io.Writer, obs knowledge.Observation, d knowledge.Diagnosis, checks []check.Result) {
	if best, ok := d.Best(); ok {
		e := best.Entry
		fmt.Fprintf(w, "%s: %s\n", e.Code, e.Title)
		sev := string(e.Severity)
		if e.SeverityNote != "" {
			sev += " (" + e.SeverityNote + ")"
		}
		fmt.Fprintf(w, "  confidence %d%% · severity %s\n", pct(best.Confidence), sev)
		for _, s := range best.Signals {
			fmt.Fprintf(w, "  because %s\n", s)
		}
		fmt.Fprintln(w, "\nCauses")
		if best.Undetermined {
			fmt.Fprintln(w, wrap("The response cannot tell these causes apart; they are ranked by how often each happens. "+
				"Check them in this order.", "  ", "  "))
		}
		for _, c := range best.Causes {
			head := fmt.Sprintf("%s (%d%%)", c.Cause.ID, pct(c.Confidence))
			if t := e.ContextTitle(c.Cause.Context); t != "" {
				head += " [" + t + "]"
			}
			fmt.Fprintln(w, wrap(head+": "+c.Cause.Text, "  • ", "    "))
			seen := map[string]bool{}
			for _, s := range c.Signals {
				if !seen[s] {
					seen[s] = true
					fmt.Fprintln(w, wrap("why: "+s, "      ", "        "))
				}
			}
		}
		fmt.Fprintln(w, "\nChecklist")
		for i, s := range best.Steps {
			fmt.Fprintln(w, wrap(s.Text, fmt.Sprintf("  %d. ", i+1), "     "))
		}
		if len(d.Entries) > 1 {
			var also []string
			for _, m := range d.Entries[1:min(len(d.Entries), 5)] {
				also = append(also, fmt.Sprintf("%s (%d%%)", m.Entry.Code, pct(m.Confidence)))
			}
			fmt.Fprintln(w, wrap("Also possible: "+strings.Join(also, ", ")+
				" (mubarokah-doctor explain CODE)", "\n", ""))
		}
	} else {
		fmt.Fprintln(w, "No catalogue entry fits this evidence.")
	}
	if len(checks) > 0 {
		fmt.Fprintln(w, "\nOffline checks")
		for _, r := range checks {
			fmt.Fprintln(w, wrap(fmt.Sprintf("%s %s: %s", glyph(r.Status), r.Name, r.Summary), "  ", "    "))
			for _, det := range r.Details {
				fmt.Fprintln(w, wrap(det, "      ", "        "))
			}
		}
	}
	printObservation(w, obs)
}

// printObservation lists what was read, secrets masked at the source.
func printObservation(w io.Writer, o knowledge.Observation) {
	fmt.Fprintln(w, "\nWhat was read")
	if o.Empty() && len(o.Sources) == 0 {
		fmt.Fprintln(w, "  nothing recognised")
		return
	}
	for _, s := range o.Sources {
		fmt.Fprintln(w, wrap(evidence.Describe(s), "  - ", "    "))
	}
	row := func(label, value string) {
		if value != "" {
			fmt.Fprintln(w, wrap(value, fmt.Sprintf("  %-12s ", label), strings.Repeat(" ", 15)))
		}
	}
	status := ""
	if o.Status != 0 {
		status = fmt.Sprintf("HTTP %d", o.Status)
	}
	row("endpoint", strings.TrimSpace(strings.Join([]string{o.Endpoint, o.Method, status}, " ")))
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

func glyph(s check.Status) string {
	switch s {
	case check.Pass:
		return "✓ pass"
	case check.Warn:
		return "! warn"
	case check.Fail:
		return "✗ FAIL"
	}
	return "- skip"
}

func pct(f float64) int { return int(f*100 + 0.5) }

// wrap fills text to 80 columns with a first-line prefix and a continuation indent.
func wrap(text, first, rest string) string {
	const width = 80
	var b strings.Builder
	b.WriteString(first)
	col := len([]rune(first[strings.LastIndexByte(first, '\n')+1:]))
	start := col
	for _, word := range strings.Fields(text) {
		n := len([]rune(word))
		if col > start && col+1+n > width {
			b.WriteString("\n" + rest)
			col = len([]rune(rest))
			start = col
		} else if col > start {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(word)
		col += n
	}
	return b.String()
}
