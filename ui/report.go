package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow"
)

// report shows the session's Markdown report, saves it to a file the person names and
// copies it to the clipboard (OSC 52) where the terminal allows. The text comes from flow;
// before it is shown, saved or copied, every secret the settings hold is scrubbed from it
// once more, in case one slipped into a pasted message.
type report struct {
	md     string
	lines  []string
	vp     viewport.Model
	name   textinput.Model
	naming bool
	status string
	failed bool
}

// copiedMsg says the report went to the clipboard.
type copiedMsg struct{}

// savedMsg says how writing the report went.
type savedMsg struct {
	path string
	err  error
}

func newReport(sh *shared) report {
	r := report{vp: viewport.New(), name: newInput(sh, "file: ", "report.md")}
	r.name.CharLimit = 1024
	return r
}

func (r *report) open(sh *shared, md string) {
	r.md = sh.secrets.Scrub(md)
	r.status, r.failed, r.naming = "", false, false
	r.name.Blur()
	r.name.SetValue("mubarokah-doctor-report-" + sh.now().UTC().Format("20060102-150405") + ".md")
	r.layout(sh)
	r.wrap(sh)
	r.vp.GotoTop()
}

func (r *report) layout(sh *shared) {
	r.vp.SetWidth(sh.bodyW)
	r.vp.SetHeight(max(sh.bodyH-5, 3)) // title above; up to three status lines below
	r.name.SetWidth(max(sh.bodyW-10, 10))
	r.wrap(sh)
}

// wrap breaks the report's long lines (Markdown tables, list items) at spaces for reading,
// each under its own indentation and never inside a word, an id or a code span; the file
// and the clipboard get the Markdown as it is.
func (r *report) wrap(sh *shared) {
	if r.md == "" {
		return
	}
	r.lines = r.lines[:0]
	for _, l := range strings.Split(r.md, "\n") {
		l = sh.clean(l)
		lead := l[:len(l)-len(strings.TrimLeft(l, " "))]
		r.lines = append(r.lines, strings.Split(Wrap(l, sh.bodyW, lead, lead+"  "), "\n")...)
	}
	r.vp.SetContentLines(r.lines)
}

func (r report) typing() bool { return r.naming }

// saveReport writes the report without ever replacing a file that is already there.
func saveReport(path, md string) tea.Cmd {
	return func() tea.Msg {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			return savedMsg{path: path, err: err}
		}
		_, err = f.WriteString(md)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		return savedMsg{path: path, err: err}
	}
}

func (r report) update(sh *shared, msg tea.Msg) (report, tea.Cmd) {
	switch msg := msg.(type) {
	case savedMsg:
		if msg.err != nil {
			r.failed = true
			switch {
			case errors.Is(msg.err, fs.ErrExist):
				r.status = fmt.Sprintf("%s already exists; choose another name (s).", msg.path)
			default:
				r.status = "Could not save: " + msg.err.Error()
			}
			return r, nil
		}
		abs, err := filepath.Abs(msg.path)
		if err != nil {
			abs = msg.path
		}
		r.failed, r.status = false, "Saved to "+abs
		return r, nil
	case tea.KeyPressMsg:
		keys := sh.keys
		if r.naming {
			switch msg.Code {
			case tea.KeyEscape:
				r.naming = false
				r.name.Blur()
				return r, nil
			case tea.KeyEnter:
				path := strings.TrimSpace(r.name.Value())
				if path == "" {
					r.failed, r.status = true, "Give the file a name, e.g. report.md."
					return r, nil
				}
				r.naming = false
				r.name.Blur()
				return r, saveReport(path, r.md)
			}
			var cmd tea.Cmd
			r.name, cmd = r.name.Update(msg)
			return r, cmd
		}
		switch {
		case key.Matches(msg, keys.Back):
			return r, navigateBack(sh)
		case msg.String() == "s":
			r.naming = true
			r.status = ""
			cmd := r.name.Focus()
			return r, cmd
		case key.Matches(msg, keys.Copy):
			r.failed = false
			r.status = "Sent to the clipboard (OSC 52). A terminal without OSC 52 ignores it; save to a file then."
			sh.post(copiedMsg{})
			return r, tea.SetClipboard(r.md)
		case key.Matches(msg, keys.Down):
			r.vp.ScrollDown(1)
		case key.Matches(msg, keys.Up):
			r.vp.ScrollUp(1)
		case key.Matches(msg, keys.PageDown):
			r.vp.PageDown()
		case key.Matches(msg, keys.PageUp):
			r.vp.PageUp()
		}
	}
	return r, nil
}

func (r report) view(sh *shared) string {
	st := sh.st
	var b strings.Builder
	b.WriteString(st.Title.Render("Report") + st.Muted.Render(fmt.Sprintf("  Markdown, %d lines, no secrets · %d%%", strings.Count(r.md, "\n"), int(r.vp.ScrollPercent()*100))) + "\n")
	b.WriteString(visible(r.vp, r.lines) + "\n")
	switch {
	case r.naming:
		b.WriteString(r.name.View() + "\n")
	case r.status != "" && r.failed:
		b.WriteString(st.Fail.Render(Wrap(r.status, sh.bodyW, glyphFail+" ", "  ")) + "\n")
	case r.status != "":
		b.WriteString(st.Pass.Render(Wrap(r.status, sh.bodyW, glyphPass+" ", "  ")) + "\n")
	default:
		b.WriteString(st.Muted.Render("s saves it to a file · c copies it to the clipboard") + "\n")
	}
	return b.String()
}

func (r report) help(sh *shared) helpKeys {
	k := sh.keys
	if r.naming {
		save := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "save"))
		cancel := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
		return helpKeys{short: []key.Binding{save, cancel}, full: [][]key.Binding{{save, cancel}}}
	}
	save := key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "save to file"))
	return helpKeys{
		short: []key.Binding{save, k.Copy, k.Down, k.PageDown, k.Back, k.Quit},
		full:  [][]key.Binding{{save, k.Copy}, {k.Up, k.Down, k.PageUp, k.PageDown}, {k.Back, k.Help, k.Quit}},
	}
}

// reportMarkdown is the session's report as flow writes it, for the settings in use.
func reportMarkdown(sh *shared, g *flow.Graph, s flow.State) string {
	meta := flow.ReportMeta{Time: sh.now(), BaseURL: sh.cfg.BaseURL, ClientID: sh.cfg.ClientID,
		Secrets: sh.secrets}
	return g.NewReport(s, meta).Markdown()
}
