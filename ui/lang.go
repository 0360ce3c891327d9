package ui

import (
	"errors"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"time"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/probe"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// The wizard's and the printers' own words go through internal/lang: t and tf here. The
// catalogue's and the flow's text arrive translated with the catalogue and the graph, which
// the language switch on the Settings screen loads anew (setLang).

// t is one of the program's own strings in the printer's language; the catalogue's text
// arrives already translated.
func (p *Printer) t(s string) string { return p.st.text.Lang.T(s) }

// tf is fmt.Sprintf with the format in the printer's language.
func (p *Printer) tf(format string, args ...any) string { return p.st.text.Lang.Tf(format, args...) }

// Lang is the language the printer speaks.
func (p *Printer) Lang() lang.Lang { return p.st.text.Lang }

// t is one of the wizard's own strings in the session's language.
func (sh *shared) t(s string) string { return sh.lang.T(s) }

// tf is fmt.Sprintf with the format in the session's language.
func (sh *shared) tf(format string, args ...any) string { return sh.lang.Tf(format, args...) }

// langMsg asks the root to switch the session's language (the Settings screen sends it).
type langMsg struct{ lang lang.Lang }

// switchLang is the command that switches the language to l.
func switchLang(l lang.Lang) tea.Cmd { return func() tea.Msg { return langMsg{lang: l} } }

// relinguer is a screen that keeps text of the catalogue or the flow it was given: told
// the language changed, it takes the same items from the new catalogue and graph.
type relinguer interface {
	Relang() screen
}

// setLang loads the catalogue and the graph in l and makes l the session's language. The
// walk's state holds only ids, so it goes on in the new language where it stands. On an
// error nothing changes.
func (sh *shared) setLang(l lang.Lang) error {
	if l == sh.lang && sh.cat != nil && sh.cat.Lang() == l.Code() {
		return nil
	}
	cat, err := knowledge.BuiltinIn(l.Code())
	if err != nil {
		return fmt.Errorf("the %s catalogue: %w", l.Name(), err)
	}
	var g *flow.Graph
	if sh.graph != nil {
		g, err = flow.BuiltinIn(cat, l.Code())
		var gap *flow.GapError
		if err != nil && !errors.As(err, &gap) {
			return fmt.Errorf("the %s flow: %w", l.Name(), err)
		}
	}
	sh.cat, sh.graph, sh.lang = cat, g, l
	sh.text.Lang = l
	if sh.cfg != nil {
		sh.cfg.Lang = l // the next probe and settings message speak it
	}
	return nil
}

// helpIn is a screen's keys with their help words in l, for the help line and the full
// help: the bindings themselves stay as the screen declared them.
func helpIn(l lang.Lang, km help.KeyMap) help.KeyMap {
	if l == lang.English || l == "" {
		return km
	}
	return translatedKeys{km: km, l: l}
}

type translatedKeys struct {
	km help.KeyMap
	l  lang.Lang
}

func (k translatedKeys) ShortHelp() []key.Binding { return newTranslatedKeys(k.l, k.km.ShortHelp()) }

func (k translatedKeys) FullHelp() [][]key.Binding {
	full := k.km.FullHelp()
	out := make([][]key.Binding, len(full))
	for i, col := range full {
		out[i] = newTranslatedKeys(k.l, col)
	}
	return out
}

// newTranslatedKeys makes, for the help line only, a copy of each binding with its help
// words in l: the same keys, the same enabled state. The screens keep matching their own
// bindings; these are never matched.
func newTranslatedKeys(l lang.Lang, bs []key.Binding) []key.Binding {
	out := make([]key.Binding, len(bs))
	for i, b := range bs {
		h := b.Help()
		opts := []key.BindingOpt{key.WithKeys(b.Keys()...), key.WithHelp(h.Key, l.T(h.Desc))}
		if !b.Enabled() {
			opts = append(opts, key.WithDisabled())
		}
		out[i] = key.NewBinding(opts...)
	}
	return out
}

// relang switches the session to l and redraws: every screen that keeps catalogue or flow
// text takes it anew, and every screen is laid out again when it next shows (the one
// showing at once). A language that does not load leaves a note and changes nothing.
func (m Model) relang(l lang.Lang) Model {
	if err := m.sh.setLang(l); err != nil {
		m.sh.notes = append(m.sh.notes, err.Error())
		return m
	}
	for i, s := range m.screens {
		if r, ok := s.(relinguer); ok {
			m = m.with(i, r.Relang())
		}
	}
	return m.restyle()
}

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

// reason is a diagnosis's reason in the printer's language (lang.Lang.Reason).
func (p *Printer) reason(s string) string { return p.st.text.Lang.Reason(s) }

// reason is a reason in the session's language (lang.Lang.Reason), said once per reason.
func (sh *shared) reason(s string) string {
	if t, ok := sh.recall(s, sh.lang); ok {
		return t
	}
	k := [2]string{string(sh.lang), s}
	if r, ok := sh.reasons[k]; ok {
		return r
	}
	if sh.reasons == nil {
		sh.reasons = map[[2]string]string{}
	}
	r := sh.lang.Reason(s)
	sh.reasons[k] = r
	return r
}

// severity is a severity word in the session's language, in the severity's colour (the
// style is chosen by the English word, the data's).
func (sh *shared) severity(sev string) string {
	st, ok := sh.st.Severity[sev]
	if !ok {
		st = sh.st.Muted
	}
	return st.Render(sh.t(sev))
}

// Words that reach t through a variable on the screens: where a setting came from, the
// screens' titles.
var _ = []string{lang.N("default"), lang.N("not set"), lang.N("set in this session"), lang.N("OpenID discovery"),
	lang.N("Read a HAR recording"), lang.N("the browser's record of a sign-in as a timeline, the failing step opened")}

// otherLang is the language the Settings screen's l switches to: the program has two.
func otherLang(l lang.Lang) lang.Lang {
	if l == lang.Indonesian {
		return lang.English
	}
	return lang.Indonesian
}

// Relang gives the walk the graph in the new language; it stands on the same node (the
// state holds ids), and a result on screen is drawn again from the new catalogue.
func (w wizard) Relang() screen {
	if w.sh.graph == nil {
		return w
	}
	w.g = w.sh.graph
	w.paste.ta.Placeholder = w.sh.t(pastePlaceholder)
	if n := w.node(); n != nil {
		if n.Kind == flow.KindCheck {
			w.form.relang(w.sh, n)
		}
		switch n.Kind {
		case flow.KindResult, flow.KindFix, flow.KindSolved, flow.KindEscalate:
			w.result = newResultView(w.sh, w.g, w.state)
			w.result.canRetest = w.retestID() != ""
			w.result.layout(w.sh, strings.Count(w.flashView(w.sh), "\n"))
		}
	}
	return w
}

// Relang lists the entries of the new catalogue, the same one selected.
func (b browser) Relang() screen {
	b.apply(b.sh, b.query)
	return b
}

// supportContacts' words, drawn through t on the escalation screen.
var _ = []string{lang.N("E-mail, with the report attached:"), lang.N("Report an issue:"), lang.N("Help Center:"),
	lang.N("WhatsApp support:"), lang.N("Is it the provider? Status page:")}

// The settings' help words (flow/config), drawn through t on the Settings screen.
var _ = []string{
	lang.N("the Mubarokah ID server"),
	lang.N("authorization endpoint"),
	lang.N("token endpoint"),
	lang.N("basic user API"),
	lang.N("detailed user API"),
	lang.N("global SSO logout"),
	lang.N("The OpenID discovery document"),
	lang.N("the application's client id"),
	lang.N("the application's client secret"),
	lang.N("the registered callback"),
	lang.N("scopes to ask for"),
	lang.N("how token requests send the client's credentials: body (client_secret_post) or basic (client_secret_basic)"),
	lang.N("time limit for each request"),
	lang.N("access token for the user APIs"),
	lang.N("refresh token to try"),
	lang.N("authorization code to exchange"),
	lang.N("The PKCE verifier the code was requested with"),
	lang.N("file a rotated refresh token is written to (mode 0600)"),
}

// Search's words for where a query matched (knowledge.SearchResult.WhyIn), drawn through t.
var _ = []string{lang.N("code"), lang.N("severity"), lang.N("title"), lang.N("server message"), lang.N("cause "),
	lang.N("summary"), lang.N("step"), lang.N("prevention"), lang.N("has "), lang.N("typo of "), lang.N("letters of ")}

// errorIn is an error in l when it knows its words in a language (In), else as it is.
func errorIn(l lang.Lang, err error) string {
	var in interface{ In(lang.Lang) string }
	if errors.As(err, &in) {
		return in.In(l)
	}
	return err.Error()
}

// said is a note a screen keeps and draws again (what the wizard did on the way, a
// check's result): it is put into words in the language being drawn, so a language
// switched in Settings redraws it.
type said func(lang.Lang) string

// saying is a fixed sentence of the program as a note.
func saying(s string) said { return func(l lang.Lang) string { return l.T(s) } }

// text is the note in l; "" for none.
func (n said) text(l lang.Lang) string {
	if n == nil {
		return ""
	}
	return n(l)
}

// probeText is a sentence or line of a live check's result, written in English, in the
// session's language (probe.Say), said once per language.
func (sh *shared) probeText(s string) string { return sh.probeTextIn(sh.lang, s) }

// probeTextIn is probeText in l.
func (sh *shared) probeTextIn(l lang.Lang, s string) string {
	if l == lang.English || l == "" || s == "" {
		return s
	}
	k := [2]string{string(l), s}
	if t, ok := sh.probeTexts[k]; ok {
		return t
	}
	if sh.probeTexts == nil {
		sh.probeTexts = map[[2]string]string{}
	}
	t := probe.Say(l, s)
	sh.probeTexts[k] = t
	return t
}

// probeResults are live checks' results, written in English, in the session's language:
// copies, the English ones kept as they are.
func (sh *shared) probeResults(rs []probe.Result) []probe.Result {
	out := make([]probe.Result, len(rs))
	for i, r := range rs {
		if info, ok := probe.Lookup(r.ID); ok && r.Name == info.Name {
			r.Name = info.In(sh.lang).Name
		}
		said := sh.probeText(r.Summary)
		sh.remember(map[lang.Lang]string{lang.English: r.Summary, sh.lang: said})
		r.Summary = said
		if r.Details != nil {
			ds := make([]string, len(r.Details))
			for j, d := range r.Details {
				ds[j] = sh.probeText(d)
				sh.remember(map[lang.Lang]string{lang.English: d, sh.lang: ds[j]})
			}
			r.Details = ds
		}
		out[i] = r
	}
	return out
}

// maxRecalled bounds the texts a session remembers in several languages; a session makes
// a few dozen, and a long-running one must not grow without end.
const maxRecalled = 4096

// remember keeps a text the session made in one language with the same text in the
// others (an offline check run once per language, a live check's result as it was
// written and as it was said), so a language switched later says it as its own run would
// have: recall finds it from any of its versions.
func (sh *shared) remember(versions map[lang.Lang]string) {
	if sh.recalled == nil {
		sh.recalled = map[string]map[lang.Lang]string{}
	}
	for _, v := range versions {
		if v != "" && len(sh.recalled) < maxRecalled {
			sh.recalled[v] = versions
		}
	}
}

// recall is s in l when the session made s and remembers it in l.
func (sh *shared) recall(s string, l lang.Lang) (string, bool) {
	t, ok := sh.recalled[s][l]
	return t, ok && t != ""
}

// rememberCheck runs an offline check again in the session's other languages (it is
// local and cheap; nothing is sent) and remembers its sentences side by side.
func (sh *shared) rememberCheck(n *flow.Node, values map[string]string, now time.Time, e flow.Event) {
	versions := []flow.Event{e}
	langs := []lang.Lang{sh.lang}
	for _, l := range lang.All {
		if l == sh.lang {
			continue
		}
		if eo, err := flow.RunCheckIn(l, n, values, now); err == nil {
			versions, langs = append(versions, eo), append(langs, l)
		}
	}
	group := func(text func(flow.Event) (string, bool)) {
		m := map[lang.Lang]string{}
		for i, v := range versions {
			t, ok := text(v)
			if !ok {
				return // the runs differ in shape: nothing is paired
			}
			m[langs[i]] = t
		}
		sh.remember(m)
	}
	group(func(v flow.Event) (string, bool) { return v.Check.Summary, true })
	for j := range e.Check.Details {
		group(func(v flow.Event) (string, bool) {
			if j >= len(v.Check.Details) {
				return "", false
			}
			return v.Check.Details[j], true
		})
	}
}
