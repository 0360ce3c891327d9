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
const screenReport screenID = "report"

type report struct {
	sh     *shared
	keys   reportKeys
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

func newReport(sh *shared) screen {
	r := report{sh: sh, keys: newReportKeys(), vp: viewport.New(), name: newInput(sh, sh.t("file: "), "report.md")}
	r.name.CharLimit = 1024
	return r
}

// Ask never asks: a report replaces nothing.
func (r report) Ask(any) string { return "" }

// Open shows the Markdown report it is given.
func (r report) Open(arg any) (screen, tea.Cmd) {
	if md, ok := arg.(string); ok {
		r.open(r.sh, md)
	}
	return r, nil
}

func (r report) SetSize(int, int) screen {
	r.layout(r.sh)
	return r
}

func (r report) Restyle() screen {
	r.name.SetStyles(inputStyles(r.sh))
	return r
}

func (r report) Crumb() string   { return r.sh.t("Report") }
func (r report) Capturing() bool { return r.naming }

func (r *report) open(sh *shared, md string) {
	r.md = sh.lang.MaskWords(sh.secrets.Scrub(md))
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

func (r report) Update(msg tea.Msg) (screen, tea.Cmd, move) {
	nr, cmd, mv := r.update(r.sh, msg)
	return nr, cmd, mv
}

func (r report) update(sh *shared, msg tea.Msg) (report, tea.Cmd, move) {
	switch msg := msg.(type) {
	case savedMsg:
		if msg.err != nil {
			r.failed = true
			switch {
			case errors.Is(msg.err, fs.ErrExist):
				r.status = fmt.Sprintf(sh.t("%s already exists; choose another name (s)."), msg.path)
			default:
				r.status = sh.t("Could not save: ") + msg.err.Error()
			}
			return r, nil, none
		}
		abs, err := filepath.Abs(msg.path)
		if err != nil {
			abs = msg.path
		}
		r.failed, r.status = false, sh.t("Saved to ")+abs
		return r, nil, none
	case tea.KeyPressMsg:
		if r.naming {
			switch {
			case key.Matches(msg, sh.keys.Entry.Cancel):
				r.naming = false
				r.name.Blur()
				return r, nil, none
			case key.Matches(msg, r.keys.SaveAs):
				path := strings.TrimSpace(r.name.Value())
				if path == "" {
					r.failed, r.status = true, sh.t("Give the file a name, e.g. report.md.")
					return r, nil, none
				}
				r.naming = false
				r.name.Blur()
				return r, saveReport(path, r.md), none
			}
			var cmd tea.Cmd
			r.name, cmd = r.name.Update(msg)
			return r, cmd, none
		}
		nav, sc := sh.keys.Nav, sh.keys.Scroll
		switch {
		case key.Matches(msg, sh.keys.Global.Back):
			return r, nil, goBack()
		case key.Matches(msg, r.keys.Save):
			r.naming = true
			r.status = ""
			cmd := r.name.Focus()
			return r, cmd, none
		case key.Matches(msg, r.keys.Copy):
			r.failed = false
			r.status = sh.t("Sent to the clipboard (OSC 52). A terminal without OSC 52 ignores it; save to a file then.")
			return r, tea.Batch(tea.SetClipboard(r.md), func() tea.Msg { return copiedMsg{} }), none
		case key.Matches(msg, nav.Down):
			r.vp.ScrollDown(1)
		case key.Matches(msg, nav.Up):
			r.vp.ScrollUp(1)
		case key.Matches(msg, sc.PageDown):
			r.vp.PageDown()
		case key.Matches(msg, sc.PageUp):
			r.vp.PageUp()
		}
	}
	return r, nil, none
}

func (r report) View() string {
	sh := r.sh
	st := sh.st
	var b strings.Builder
	b.WriteString(st.Title.Render(r.sh.t("Report")) + st.Muted.Render(r.sh.t("  Markdown, no secrets · ")+linesNote(r.sh.lang, r.vp, len(r.lines))) + "\n")
	b.WriteString(visible(r.vp, r.lines) + "\n")
	switch {
	case r.naming:
		b.WriteString(r.name.View() + "\n")
	case r.status != "" && r.failed:
		b.WriteString(st.Fail.Render(Wrap(r.status, sh.bodyW, glyphFail+" ", "  ")) + "\n")
	case r.status != "":
		b.WriteString(st.Pass.Render(Wrap(r.status, sh.bodyW, glyphPass+" ", "  ")) + "\n")
	default:
		b.WriteString(st.Muted.Render(r.sh.t("s saves it to a file · c copies it to the clipboard")) + "\n")
	}
	return b.String()
}

// reportKeys: s names a file and enter saves the report there; c copies it.
type reportKeys struct {
	Save   key.Binding
	SaveAs key.Binding
	Copy   key.Binding
}

func newReportKeys() reportKeys {
	return reportKeys{
		Save:   bind("s", "save to file", "s"),
		SaveAs: bind("enter", "save", "enter"),
		Copy:   bind("c", "copy to clipboard", "c"),
	}
}

func (r report) ShortHelp() []key.Binding  { return r.help().short }
func (r report) FullHelp() [][]key.Binding { return r.help().full }

func (r report) help() helpKeys {
	g, nav, sc, k := r.sh.keys.Global, r.sh.keys.Nav, r.sh.keys.Scroll, r.keys
	if r.naming {
		cancel := r.sh.keys.Entry.Cancel
		return helpKeys{short: []key.Binding{k.SaveAs, cancel}, full: [][]key.Binding{{k.SaveAs, cancel}}}
	}
	return helpKeys{
		short: []key.Binding{k.Save, k.Copy, nav.Down, sc.PageDown, g.Back, g.Quit},
		full:  [][]key.Binding{{k.Save, k.Copy}, {nav.Up, nav.Down, sc.PageUp, sc.PageDown}, {g.Back, g.Help, g.Quit}},
	}
}

// reportMarkdown is the session's report as flow writes it, for the settings in use.
func reportMarkdown(sh *shared, g *flow.Graph, s flow.State) string {
	meta := flow.ReportMeta{Time: sh.now(), BaseURL: sh.cfg.BaseURL, ClientID: sh.cfg.ClientID,
		Secrets: sh.secrets}
	return g.NewReport(s, meta).Markdown()
}
