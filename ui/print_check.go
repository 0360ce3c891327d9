package ui

import (
	"fmt"
	"strings"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
)

// Checks writes check's results as a doctor-style list: the target, any setting warning,
// one line per check with its details and, for a failure, the catalogue entry and likely
// cause, then the counts.
func (p *Printer) Checks(baseURL, clientID string, warnings []string, results []probe.Result) {
	var b strings.Builder
	b.WriteString(p.t("Checking ") + p.paint(p.st.code, p.safe(baseURL)))
	if clientID != "" {
		b.WriteString(p.t(" as client ") + p.paint(p.st.code, p.safe(clientID)))
	}
	b.WriteString("\n")
	for _, w := range warnings {
		b.WriteString(p.paint(p.st.status[check.Warn], check.Warn.Glyph()+p.t(" setting:")) + " " + p.safe(w) + "\n")
	}
	counts := map[check.Status]int{}
	for _, r := range results {
		counts[r.Status]++
		fmt.Fprintf(&b, "%s %s: %s\n", p.paint(p.st.status[r.Status], r.Status.Glyph()), p.paint(p.st.title, p.safe(r.Name)), p.safe(r.Summary))
		for _, d := range r.Details {
			b.WriteString("    " + p.safe(d) + "\n")
		}
		if d := r.Diagnosis; d != nil {
			line := p.t("    diagnosis: ") + p.paint(p.st.code, p.safe(d.Code))
			if c := d.TopCause(); c != "" {
				line += p.t(", most likely ") + p.safe(c)
				if len(d.Causes) > 1 {
					line += p.t(" (also ") + p.safe(strings.Join(d.Causes[1:min(len(d.Causes), 4)], ", ")) + ")"
				}
			}
			b.WriteString(line + p.t("; see: ") + p.paint(p.st.muted, "mubarokah-doctor explain "+p.safe(d.Code)) + "\n")
		}
	}
	fmt.Fprintf(&b, p.t("%d passed, %d warned, %d failed, %d skipped\n"), counts[check.Pass], counts[check.Warn], counts[check.Fail], counts[check.Skip])
	p.write(b.String())
}
