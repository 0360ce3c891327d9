package ui

import (
	"fmt"
	"strings"
)

// SandboxBanner is what the sandbox says when it starts, in plain values (ui does not
// import the sandbox).
type SandboxBanner struct {
	Base         string // the URL to reach it from this machine
	ClientID     string
	Secret       string // the demo secret, or the person's own already masked
	UserSecret   bool   // the secret is the person's own: the export line does not repeat it
	RedirectURIs []string
	Faults       []string // switched on from the start
	AdminToken   string   // the control endpoint's token for other machines, "" for none
}

// Sandbox writes the banner: where the sandbox is and how to point check at it.
func (p *Printer) Sandbox(s SandboxBanner) {
	var b strings.Builder
	base := p.safe(s.Base)
	field := func(label, value string) {
		b.WriteString("  " + p.paint(p.st.muted, fmt.Sprintf("%-14s", label)) + " " + value + "\n")
	}
	b.WriteString(p.paint(p.st.title, p.t("Mubarokah ID sandbox listening on")) + " " + p.paint(p.st.code, base) + "\n")
	field("client id", p.safe(s.ClientID))
	field("client secret", p.safe(s.Secret))
	field(p.t("redirect URIs"), p.safe(strings.Join(s.RedirectURIs, ", ")))
	if len(s.Faults) > 0 {
		field(p.t("faults"), p.safe(strings.Join(s.Faults, ", ")))
	}
	b.WriteString(p.t("Try, in another terminal:\n"))
	redirect := ""
	if len(s.RedirectURIs) > 0 {
		redirect = s.RedirectURIs[0]
	}
	b.WriteString("  " + p.paint(p.st.code, p.safe(fmt.Sprintf("export MUBAROKAH_BASE_URL=%s MUBAROKAH_CLIENT_ID=%s MUBAROKAH_REDIRECT_URI=%s",
		s.Base, s.ClientID, redirect))) + "\n")
	if s.UserSecret {
		b.WriteString("  " + p.paint(p.st.code, p.t("export MUBAROKAH_CLIENT_SECRET=<the secret you passed>")) + "\n")
	} else {
		b.WriteString("  " + p.paint(p.st.code, "export MUBAROKAH_CLIENT_SECRET="+p.safe(s.Secret)) + "\n")
	}
	b.WriteString("  " + p.paint(p.st.code, "mubarokah-doctor check") + "\n")
	fmt.Fprintf(&b, p.t("Switch a fault on: %s   (Ctrl-C stops)\n"), p.paint(p.st.code, "curl -X POST "+base+"/_sandbox/fault -d fault=wrong_secret"))
	if s.AdminToken != "" {
		fmt.Fprintf(&b, p.t("From another machine the control endpoint needs its token: -H 'Authorization: Bearer %s'\n"), p.safe(s.AdminToken))
	}
	p.write(b.String())
}
