package ui

import "github.com/mubarokah/mubarokah-doctor/internal/lang"

// t is one of the program's own strings in the printer's language (internal/lang); the
// catalogue's text arrives already translated.
func (p *Printer) t(s string) string { return p.st.text.Lang.T(s) }

// tf is fmt.Sprintf with the format in the printer's language.
func (p *Printer) tf(format string, args ...any) string { return p.st.text.Lang.Tf(format, args...) }

// Lang is the language the printer speaks.
func (p *Printer) Lang() lang.Lang { return p.st.text.Lang }

// viaVariable are the English words the renderers pass to t through a variable, marked for
// the test that every string has its Indonesian.
var _ = []string{
	lang.N("CRITICAL"), lang.N("HIGH"), lang.N("MEDIUM"), lang.N("LOW"), lang.N("INFO"),
	lang.N("critical"), lang.N("high"), lang.N("medium"), lang.N("low"), lang.N("info"),
	lang.N("authorize redirect (?error= on your callback)"), lang.N("authorize page (shown to the user)"),
	lang.N("token endpoint (POST /oauth/token)"), lang.N("API (/api/user, /api/user/details)"),
	lang.N("your callback handler"), lang.N("network (before any HTTP answer)"),
	lang.N("evidence"), lang.N("answers"),
}
