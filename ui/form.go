package ui

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// checkForm asks for the values an offline check compares (two redirect URIs, a verifier and
// a challenge, a token). Secret inputs are password fields: typed or pasted, never echoed.
type checkForm struct {
	inputs []textinput.Model
	specs  []flow.Input
	from   []string // "from settings" notes, per input
	at     int
}

// prefill maps check inputs to settings that may already hold them, so a person does not
// paste a token twice.
func prefill(sh *shared, name string) (string, bool) {
	if sh.cfg == nil {
		return "", false
	}
	var v string
	switch name {
	case "client_id":
		v = sh.cfg.ClientID
	case "token":
		v = sh.cfg.AccessToken
	case "verifier":
		v = sh.cfg.CodeVerifier
	case "authorize":
		v = sh.cfg.RedirectURI
	}
	return v, v != ""
}

// placeholder is what an empty input of a check says, in the session's language.
func placeholder(sh *shared, in flow.Input) string {
	p := ""
	if in.Secret {
		p = sh.t("paste it; it is not shown")
	}
	if in.Optional {
		p = strings.TrimSpace(p + sh.t(" (optional)"))
	}
	return p
}

// relang takes the node's inputs from the graph in the session's new language (the same
// inputs, in order) and says the placeholders in it; what was typed stays.
func (f *checkForm) relang(sh *shared, n *flow.Node) {
	if n == nil || len(n.Inputs) != len(f.specs) {
		return
	}
	f.specs = n.Inputs
	for i := range f.inputs {
		f.inputs[i].Placeholder = placeholder(sh, f.specs[i])
	}
}

func newCheckForm(sh *shared, n *flow.Node) checkForm {
	f := checkForm{specs: n.Inputs}
	for _, in := range n.Inputs {
		ti := newInput(sh, "› ", "")
		ti.CharLimit = 8192
		ti.SetWidth(max(sh.bodyW-6, 10))
		if in.Secret {
			ti.EchoMode = textinput.EchoPassword
			ti.EchoCharacter = '•'
		}
		ti.Placeholder = placeholder(sh, in)
		note := ""
		if v, ok := prefill(sh, in.Name); ok {
			ti.SetValue(v)
			note = lang.N("from settings") // said in the language drawn (view)
		}
		f.inputs = append(f.inputs, ti)
		f.from = append(f.from, note)
	}
	return f
}

func (f *checkForm) focus() tea.Cmd {
	var cmd tea.Cmd
	for i := range f.inputs {
		if i == f.at {
			cmd = f.inputs[i].Focus()
		} else {
			f.inputs[i].Blur()
		}
	}
	return cmd
}

func (f checkForm) values() map[string]string {
	out := make(map[string]string, len(f.specs))
	for i, in := range f.specs {
		out[in.Name] = strings.TrimSpace(f.inputs[i].Value())
	}
	return out
}

func (f checkForm) empty() bool {
	for _, ti := range f.inputs {
		if strings.TrimSpace(ti.Value()) != "" {
			return false
		}
	}
	return true
}

func (w *wizard) updateCheck(sh *shared, n *flow.Node, msg tea.Msg) tea.Cmd {
	f := &w.form
	if k, ok := msg.(tea.KeyPressMsg); ok {
		fk := f.active(w.keys.form)
		switch {
		case key.Matches(k, fk.Skip, fk.SkipEnter):
			return w.next(sh, flow.Skip(lang.N("not checked: no values given")))
		case key.Matches(k, fk.Run, fk.RunEnter):
			values, now := f.values(), sh.now()
			e, err := flow.RunCheckIn(sh.lang, n, values, now)
			if err != nil {
				w.err = err.Error()
				return nil
			}
			// The walk keeps the result in the session's language; its other versions
			// are remembered for a language switched later.
			sh.rememberCheck(n, values, now, e)
			return w.next(sh, e)
		case key.Matches(k, fk.Next, fk.NextEnter):
			f.at = (f.at + 1) % len(f.inputs)
			return f.focus()
		case key.Matches(k, fk.Prev):
			f.at = (f.at + len(f.inputs) - 1) % len(f.inputs)
			return f.focus()
		}
	}
	if len(f.inputs) == 0 {
		return nil
	}
	var cmd tea.Cmd
	f.inputs[f.at], cmd = f.inputs[f.at].Update(msg)
	return cmd
}

func (f checkForm) view(sh *shared, n *flow.Node) string {
	out := f.render(sh, n, sh.st.gap, "\n")
	if lineCount(out) > sh.bodyH {
		// A short window keeps what is asked and how to send it; the spacing goes.
		out = f.render(sh, n, 0, "")
	}
	return out
}

func (f checkForm) render(sh *shared, n *flow.Node, gap int, blank string) string {
	st := sh.st
	var b strings.Builder
	b.WriteString(sh.wrap(st.Text, n.Text, sh.textW(), "", "") + "\n")
	if n.Help != "" {
		b.WriteString(sh.wrap(st.Muted, n.Help, sh.textW(), "", "") + "\n")
	}
	b.WriteString(st.Muted.Render(sh.t("Offline: nothing is sent anywhere.")) + "\n" + blank)
	for i, in := range f.specs {
		label := in.Label
		if f.from[i] != "" {
			label += st.Muted.Render(" (" + sh.t(f.from[i]) + ")")
		}
		if in.Secret && f.inputs[i].Value() != "" && !sh.present {
			// A long secret fills the field with dots, so a key typed into it (w, s) would
			// change nothing visible: the length does.
			label += st.Muted.Render(" · " + itoaLen(f.inputs[i].Value()) + sh.t(" chars"))
		}
		if i == f.at {
			b.WriteString(st.Subtitle.Render(label) + "\n")
		} else {
			b.WriteString(st.Text.Render(label) + "\n")
		}
		ti := f.inputs[i]
		if sh.present && in.Secret && ti.Value() != "" {
			// Even the echo dots give the length away loosely; presenter mode says it plainly
			// and shows nothing else.
			b.WriteString(st.Secret.Render(sh.t("  set (")+itoaLen(ti.Value())+sh.t(" chars)")) + "\n")
		} else {
			b.WriteString(ti.View() + "\n")
		}
		b.WriteString(strings.Repeat("\n", gap))
	}
	b.WriteString(blank + styleLines(st.Muted, Wrap(sh.t("ctrl+d runs the check · with every field empty, ctrl+d skips it"), sh.textW(), "", "")) + "\n")
	return b.String()
}

// formKeys: tab (or enter, before the last field) moves on; ctrl+d (or enter on the last
// field) runs the check, or skips it when every field is empty.
type formKeys struct {
	Next      key.Binding
	NextEnter key.Binding
	Prev      key.Binding
	Run       key.Binding
	RunEnter  key.Binding
	Skip      key.Binding
	SkipEnter key.Binding
}

func newFormKeys() formKeys {
	return formKeys{
		Next:      bind("tab", "next field", "tab", "down"),
		NextEnter: bind("enter", "next field", "enter"),
		Prev:      bind("shift+tab", "previous field", "shift+tab", "up"),
		Run:       bind("ctrl+d", "run check", submitKeys...),
		RunEnter:  bind("enter", "run check", "enter"),
		Skip:      bind("ctrl+d", "skip", submitKeys...),
		SkipEnter: bind("enter", "skip", "enter"),
	}
}

// active is the form keys as they work on the field under the cursor.
func (f checkForm) active(k formKeys) formKeys {
	last, empty := f.at == len(f.inputs)-1, f.empty()
	k.Next.SetEnabled(len(f.inputs) > 1)
	k.Prev.SetEnabled(len(f.inputs) > 1)
	k.NextEnter.SetEnabled(!last)
	k.Run.SetEnabled(!empty)
	k.RunEnter.SetEnabled(!empty && last)
	k.Skip.SetEnabled(empty)
	k.SkipEnter.SetEnabled(empty && last)
	return k
}

func (f checkForm) help(sh *shared, k wizardKeys, back key.Binding) helpKeys {
	fk, quit := f.active(k.form), sh.keys.Global.ForceQuit
	return helpKeys{
		short: []key.Binding{fk.Next, fk.Run, fk.Skip, back, quit},
		full:  [][]key.Binding{{fk.Next, fk.NextEnter, fk.Prev}, {fk.Run, fk.RunEnter, fk.Skip, fk.SkipEnter}, {back, quit}},
	}
}
