package ui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow/check"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/har"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// timeline reads a browser's HAR recording of a sign-in and draws its OAuth steps in time
// order, each with ✓ or ✗, the first failing one opened on what went wrong, what the
// cross-step checks found and the catalogue's diagnosis. The file is read, never written;
// every secret in it joins the session's set before anything of it is drawn.
const screenTimeline screenID = "timeline"

type timeline struct {
	sh      *shared
	keys    timelineKeys
	file    textinput.Model
	asking  bool // the file name has the keyboard
	reading int  // the read under way (sh.runSeq), 0 when none
	name    string
	trace   *har.Trace
	opened  []bool // per step; replaced, never changed in place (screens are values)
	cursor  int
	err     string
}

// timelineReadMsg is a HAR as flow/har read it, tagged with its read.
type timelineReadMsg struct {
	seq  int
	name string
	r    har.Reading
	err  error
}

func newTimeline(sh *shared) screen {
	t := timeline{sh: sh, keys: newTimelineKeys(), file: newInput(sh, sh.t("HAR file: "), sh.t("sign-in.har (or paste the HAR here)")), asking: true}
	t.file.CharLimit = 4096
	return t
}

// Ask never asks: reading a recording replaces nothing the person made.
func (t timeline) Ask(any) string { return "" }

// Open asks for a file, unless a trace is already shown.
func (t timeline) Open(any) (screen, tea.Cmd) {
	if t.trace == nil {
		t.asking = true
		return t, t.file.Focus()
	}
	return t, nil
}

func (t timeline) SetSize(int, int) screen {
	t.file.SetWidth(max(t.sh.bodyW-12, 10))
	return t
}

func (t timeline) Restyle() screen {
	t.file.SetStyles(inputStyles(t.sh))
	return t
}

func (t timeline) Crumb() string {
	if t.name != "" && t.trace != nil {
		return t.sh.t("Sign-in timeline › ") + t.sh.clean(filepath.Base(t.name))
	}
	return t.sh.t("Sign-in timeline")
}

func (t timeline) Capturing() bool { return t.asking }

// readHAR reads a HAR off the update loop: a file (up to har.MaxSize) or pasted text.
func (t *timeline) readHAR(sh *shared, name, text string) tea.Cmd {
	sh.runSeq++
	t.reading, t.err = sh.runSeq, ""
	seq, cat, now, l := sh.runSeq, sh.cat, sh.now(), sh.lang
	return func() tea.Msg {
		msg := timelineReadMsg{seq: seq, name: name}
		if text == "" {
			text, msg.err = readHARFile(l, name)
			if msg.err != nil {
				return msg
			}
		}
		msg.r, msg.err = har.Read(text, cat, now)
		if errors.Is(msg.err, har.ErrNotHAR) {
			msg.err = errors.New(l.T("this is not a HAR: a HAR is a JSON object with log.version and log.entries; in the " +
				"browser's network panel, keep \"Preserve log\" on, sign in, then export (Save all as HAR)"))
		}
		return msg
	}
}

// readHARFile reads a regular file of at most har.MaxSize bytes.
func readHARFile(l lang.Lang, name string) (string, error) {
	if rest, ok := strings.CutPrefix(name, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			name = filepath.Join(home, rest)
		}
	}
	st, err := os.Stat(name)
	switch {
	case err != nil:
		return "", fmt.Errorf(l.T("cannot read %s: %w"), name, errors.Unwrap(err))
	case st.IsDir():
		return "", fmt.Errorf(l.T("%s is a directory: give the .har file the browser exported"), name)
	case !st.Mode().IsRegular():
		return "", fmt.Errorf(l.T("%s is not a regular file: give the .har file the browser exported"), name)
	case st.Size() > har.MaxSize:
		return "", fmt.Errorf(l.T("%s is %s; the limit is %s: record only the sign-in"), name, evidence.SizeText(int(st.Size())),
			evidence.SizeText(har.MaxSize))
	}
	f, err := os.Open(name)
	if err != nil {
		return "", fmt.Errorf(l.T("cannot read %s: %w"), name, errors.Unwrap(err))
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, har.MaxSize+1))
	if err != nil {
		return "", fmt.Errorf(l.T("cannot read %s: %w"), name, err)
	}
	return string(b), nil
}

func (t timeline) Update(msg tea.Msg) (screen, tea.Cmd, move) {
	sh := t.sh
	switch msg := msg.(type) {
	case timelineReadMsg:
		if msg.seq != t.reading {
			return t, nil, none
		}
		t.reading = 0
		if msg.err != nil {
			t.err = msg.err.Error()
			return t, nil, none
		}
		sh.secrets.Add(msg.r.Secrets...)
		tr := msg.r.Trace
		t.trace, t.name, t.asking = &tr, msg.name, false
		t.file.Blur()
		t.opened = make([]bool, len(tr.Steps))
		t.cursor = 0
		if tr.Failing >= 0 {
			t.opened[tr.Failing], t.cursor = true, tr.Failing
		}
		return t, nil, none
	case tea.PasteMsg:
		if har.Looks(msg.Content) { // a recording pasted replaces the one shown
			cmd := t.readHAR(sh, t.sh.t("pasted HAR"), msg.Content)
			return t, cmd, none
		}
	case tea.KeyPressMsg:
		if t.asking {
			return t.updateAsking(msg)
		}
		return t.updateList(msg)
	}
	if t.asking {
		var cmd tea.Cmd
		t.file, cmd = t.file.Update(msg)
		return t, cmd, none
	}
	return t, nil, none
}

func (t timeline) updateAsking(msg tea.KeyPressMsg) (screen, tea.Cmd, move) {
	sh := t.sh
	switch {
	case key.Matches(msg, sh.keys.Entry.Cancel):
		if t.trace != nil {
			t.asking = false
			t.file.Blur()
			return t, nil, none
		}
		return t, nil, goBack()
	case key.Matches(msg, t.keys.Read):
		name := strings.TrimSpace(t.file.Value())
		if name == "" {
			t.err = t.sh.t("Give the path of the .har file, e.g. ~/Downloads/accounts.mubarokah.com.har.")
			return t, nil, none
		}
		cmd := t.readHAR(sh, name, "")
		return t, cmd, none
	}
	var cmd tea.Cmd
	t.file, cmd = t.file.Update(msg)
	return t, cmd, none
}

func (t timeline) updateList(msg tea.KeyPressMsg) (screen, tea.Cmd, move) {
	sh := t.sh
	nav, n := sh.keys.Nav, len(t.trace.Steps)
	switch {
	case key.Matches(msg, sh.keys.Global.Back):
		return t, nil, goBack()
	case key.Matches(msg, nav.Up):
		t.cursor = max(t.cursor-1, 0)
	case key.Matches(msg, nav.Down):
		t.cursor = min(t.cursor+1, max(n-1, 0))
	case key.Matches(msg, nav.Top):
		t.cursor = 0
	case key.Matches(msg, nav.Bottom):
		t.cursor = max(n-1, 0)
	case key.Matches(msg, t.keys.Toggle):
		if t.cursor < n {
			t.opened = slices.Clone(t.opened)
			t.opened[t.cursor] = !t.opened[t.cursor]
		}
	case key.Matches(msg, t.keys.Explain):
		if m, ok := t.trace.Diagnosis.Best(); ok {
			return t, nil, goTo(screenBrowser, m.Entry.Code)
		}
	case key.Matches(msg, t.keys.Other):
		t.asking, t.err = true, ""
		cmd := t.file.Focus()
		return t, cmd, none
	}
	return t, nil, none
}

func (t timeline) View() string {
	sh := t.sh
	st := sh.st
	var b strings.Builder
	b.WriteString(st.Title.Render(t.sh.t("Sign-in timeline")) + "\n")
	if t.asking || t.trace == nil {
		about := sh.t("A browser's HAR recording of the sign-in shows every step at once: the authorize request, consent, " +
			"the callback to your app, the token requests. Export it from the network panel (\"Preserve log\" on, " +
			"sign in, Save all as HAR) and give its path, or paste it. It is read, never written, and every cookie, " +
			"code and token in it is masked.")
		b.WriteString(st.Muted.Render(Wrap(about, sh.textW(), "", "")) + "\n\n")
		b.WriteString(t.file.View() + "\n")
		if t.reading != 0 {
			b.WriteString(st.Muted.Render(sh.t("reading…")) + "\n")
		}
		if t.err != "" {
			b.WriteString(Wrap(sh.clean(t.err), sh.textW(), st.Fail.Render(glyphFail+" "), "  ") + "\n")
		}
		return b.String()
	}
	tr := t.trace
	head := fmt.Sprintf(t.sh.t("%d OAuth steps in %d entries"), len(tr.Steps), tr.Entries)
	if tr.Creator != "" {
		head += t.sh.t(", recorded by ") + tr.Creator
	}
	b.WriteString(st.Muted.Render(truncate(sh.clean(head), sh.bodyW)) + "\n")
	if s, ok := tr.FailingStep(); ok {
		b.WriteString(st.Fail.Render(truncate(fmt.Sprintf(t.sh.t("%s went wrong at step %d: %s, HAR entry %d"), glyphFail,
			tr.Failing+1, s.Kind, s.Entry), sh.bodyW)) + "\n")
	} else if len(tr.Steps) > 0 {
		b.WriteString(st.Pass.Render(glyphPass+t.sh.t(" no step went wrong")) + "\n")
	}
	b.WriteString("\n")
	lines, at := t.stepLines()
	// Keep the cursor's step in view: the body's height less the three lines above and
	// the one below.
	room := max(sh.bodyH-5, 3)
	start := 0
	if at.end > room {
		start = min(at.start, at.end-room)
	}
	end := min(start+room, len(lines))
	b.WriteString(strings.Join(lines[start:end], "\n") + "\n")
	if end < len(lines) {
		b.WriteString(st.Muted.Render(fmt.Sprintf(t.sh.t("… %d more lines"), len(lines)-end)) + "\n")
	}
	return b.String()
}

// span is where the cursor's step sits in the drawn lines.
type span struct{ start, end int }

// stepLines draws every step: a line each, and under an opened step what happened, the
// findings, and for the failing one the diagnosis; then the notes.
func (t timeline) stepLines() ([]string, span) {
	sh := t.sh
	st := sh.st
	tr := t.trace
	var lines []string
	var at span
	w := sh.bodyW
	for i, s := range tr.Steps {
		mark := map[check.Status]string{check.Pass: st.Pass.Render(glyphPass), check.Fail: st.Fail.Render(glyphFail),
			check.Warn: st.Warn.Render(glyphWarn)}[s.Verdict]
		if mark == "" {
			mark = st.Muted.Render("-")
		}
		row := fmt.Sprintf("%2d %s  %-9s %-4s %s  %s", i+1, s.Clock(), s.Kind, s.Method, s.StatusText(), sh.clean(s.ShortURL()))
		cursor := "  "
		if i == t.cursor {
			cursor = st.Cursor.Render(glyphCursor + " ")
			row = st.Selected.Render(truncate(row, w-5))
			at.start = len(lines)
		} else {
			row = st.Text.Render(truncate(row, w-5))
		}
		lines = append(lines, cursor+mark+" "+row)
		if i < len(t.opened) && t.opened[i] {
			lines = append(lines, t.detail(s, i == tr.Failing)...)
		}
		if i == t.cursor {
			at.end = len(lines)
		}
	}
	if len(tr.Steps) == 0 {
		lines = append(lines, st.Warn.Render(glyphWarn+t.sh.t(" no OAuth step in this recording")))
	}
	for _, n := range tr.Notes {
		lines = append(lines, "")
		lines = append(lines, strings.Split(st.Muted.Render(Wrap(t.sh.t("Note: ")+sh.clean(har.SayIn(sh.lang, n)), sh.textW(), "", "  ")), "\n")...)
	}
	return lines, at
}

// detail is an opened step: its summary, the cross-step findings, and for the failing
// step the catalogue's entry and leading causes.
func (t timeline) detail(s har.Step, failing bool) []string {
	sh := t.sh
	st := sh.st
	w := sh.textW()
	var b strings.Builder
	b.WriteString(Wrap(sh.clean(har.SayIn(sh.lang, s.Summary)), w, "      ", "      ") + "\n")
	for _, f := range s.Findings {
		b.WriteString(Wrap(sh.clean(har.SayIn(sh.lang, f)), w, "      "+st.Warn.Render(glyphWarn)+" ", "        ") + "\n")
	}
	if failing {
		if m, ok := t.trace.Diagnosis.Best(); ok {
			// The trace was read with the catalogue of then; the title is the session's
			// catalogue's, so a language switched since says it anew.
			title := m.Entry.Title
			if sh.cat != nil {
				if e, ok := sh.cat.Entry(m.Entry.Code); ok {
					title = e.Title
				}
			}
			b.WriteString("      " + st.Code.Render(m.Entry.Code) + " " + st.Text.Render(truncate(sh.clean(title), w-8-len(m.Entry.Code))) + "\n")
			for i, c := range m.Causes {
				if i == 3 {
					break
				}
				b.WriteString(truncate(fmt.Sprintf("        %s %s (%.0f%%)", glyphBullet, c.Cause.ID, c.Confidence*100), w) + "\n")
			}
			b.WriteString(st.Muted.Render(t.sh.t("      e explains ")+m.Entry.Code+t.sh.t(" in the reference")) + "\n")
		}
	}
	return strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
}

// timelineKeys: enter reads the file named; space or enter opens a step; e explains the
// diagnosis's entry; o reads another recording.
type timelineKeys struct {
	Read    key.Binding
	Toggle  key.Binding
	Explain key.Binding
	Other   key.Binding
}

func newTimelineKeys() timelineKeys {
	return timelineKeys{
		Read:    bind("enter", "read it", "enter"),
		Toggle:  bind("enter/space", "open/close", "enter", "space", " "),
		Explain: bind("e", "explain the entry", "e"),
		Other:   bind("o", "another file", "o"),
	}
}

func (t timeline) ShortHelp() []key.Binding  { return t.help().short }
func (t timeline) FullHelp() [][]key.Binding { return t.help().full }

func (t timeline) help() helpKeys {
	g, nav, k := t.sh.keys.Global, t.sh.keys.Nav, t.keys
	if t.asking {
		cancel := t.sh.keys.Entry.Cancel
		return helpKeys{short: []key.Binding{k.Read, cancel}, full: [][]key.Binding{{k.Read, cancel}}}
	}
	_, diagnosed := t.trace.Diagnosis.Best()
	k.Explain.SetEnabled(diagnosed)
	return helpKeys{
		short: []key.Binding{nav.Down, k.Toggle, k.Explain, k.Other, g.Back, g.Quit},
		full:  [][]key.Binding{{nav.Up, nav.Down, nav.Top, nav.Bottom}, {k.Toggle, k.Explain, k.Other}, {g.Back, g.Help, g.Quit}},
	}
}
