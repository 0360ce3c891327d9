package ui

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textarea"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/flow/evidence"
	"github.com/mubarokah/mubarokah-doctor/flow/har"
	"github.com/mubarokah/mubarokah-doctor/flow/redact"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// pasteArea takes evidence. What arrives as a paste (bracketed paste, however large) is kept
// whole in pasted and shown as a preview with secrets masked; what is typed goes to the
// textarea. A paste over evidence's limit is refused with its size and the limit, and a
// binary one with what to paste instead, before anything is parsed.
type pasteArea struct {
	ready   bool
	ta      textarea.Model
	pasted  string
	refused string
	// reading numbers the read under way (sh.runSeq), 0 when none: leaving the step clears
	// it, so a read that comes back after the person left is dropped.
	reading int
	// mask remembers typed lines' masked forms across frames (typedView); shared by the
	// copies Bubble Tea makes, as it only caches.
	mask *typedMask
}

// typedMask is typedView's cache: each typed line's masked form, kept while what masking
// depends on (the session's secrets, which only grow, presenter mode, the language) stays
// the same. Typing changes one line, so a frame masks that line and not the other hundreds.
type typedMask struct {
	secrets int
	present bool
	lang    lang.Lang
	lines   map[string]string
}

// clean is sh.clean(line), remembered.
func (c *typedMask) clean(sh *shared, line string) string {
	if c == nil {
		return sh.clean(line)
	}
	if n := sh.secrets.Len(); c.lines == nil || c.secrets != n || c.present != sh.present || c.lang != sh.lang || len(c.lines) > 4096 {
		*c = typedMask{secrets: n, present: sh.present, lang: sh.lang, lines: map[string]string{}}
	}
	m, ok := c.lines[line]
	if !ok {
		m = sh.clean(line)
		c.lines[line] = m
	}
	return m
}

// previewLines is how much of a paste is shown back; the rest is counted.
const previewLines = 6

// pastePlaceholder is what the empty paste area says (Relang says it again).
var pastePlaceholder = lang.N("paste here (or type), then ctrl+d")

func newPasteArea(sh *shared) pasteArea {
	ta := textarea.New()
	ta.ShowLineNumbers = false
	ta.Prompt = "┃ "
	ta.Placeholder = sh.t(pastePlaceholder)
	// MaxHeight limits the lines the textarea accepts too; typed input is short, and
	// pastes bypass the textarea, so no limit is needed here beyond evidence's own.
	ta.MaxHeight = 0
	ta.CharLimit = evidence.MaxInput
	ta.SetStyles(areaStyles(sh))
	return pasteArea{ta: ta, ready: true, mask: &typedMask{}}
}

func (p *pasteArea) reset(sh *shared) {
	p.ta.Reset()
	p.pasted, p.refused = "", ""
	p.layout(sh)
}

func (p *pasteArea) focus() tea.Cmd { return p.ta.Focus() }

func (p *pasteArea) layout(sh *shared) {
	p.ta.SetWidth(max(sh.bodyW-2, 10))
	p.ta.SetHeight(max(min(sh.bodyH-previewLines-8, 12), 3))
}

// text is everything given, pasted first.
func (p pasteArea) text() string {
	typed := p.ta.Value()
	switch {
	case p.pasted == "":
		return typed
	case strings.TrimSpace(typed) == "":
		return p.pasted
	}
	return p.pasted + "\n" + typed
}

// take handles a paste: refused when evidence would refuse it, else kept, and its secrets
// learnt off the update loop (a labelled secret on one line is then masked on every other
// line that repeats it, here and on every later screen).
func (p *pasteArea) take(l lang.Lang, content string) tea.Cmd {
	p.refused = ""
	all := p.pasted + content
	if err := evidence.Validate(all); err != nil {
		p.refused = l.T("Paste not taken: ") + l.Reason(err.Error())
		if har.Looks(all) {
			p.refused += l.T(". For a browser's HAR recording this big, choose \"Read a HAR recording\" on the home screen (up to 50 MiB)")
		}
		return nil
	}
	p.pasted = all
	return learnSecrets(all)
}

// secretsMsg carries the secrets found in text given to the wizard, for the session's set.
type secretsMsg struct{ values []string }

func learnSecrets(text string) tea.Cmd {
	return func() tea.Msg {
		if values, ok := har.SecretsOf(text); ok { // a HAR's cookies and tokens, whatever their names
			return secretsMsg{values: values}
		}
		return secretsMsg{values: evidence.Secrets(text)}
	}
}

// pasteReadMsg is a paste as flow read it, tagged with the node and step it was given at
// so that an answer arriving after the person moved on is dropped.
type pasteReadMsg struct {
	seq  int
	node string
	step int
	ev   flow.Event
	err  error
}

// readPaste reads a paste off the update loop: a paste of up to 1 MiB takes flow tens of
// milliseconds, several frames.
func (w *wizard) readPaste(sh *shared, text string) tea.Cmd {
	sh.runSeq++
	w.paste.reading = sh.runSeq
	msg := pasteReadMsg{seq: sh.runSeq, node: w.state.Node, step: len(w.state.Steps)}
	now := sh.now()
	return func() tea.Msg {
		msg.ev, msg.err = flow.PasteText(text, now)
		return msg
	}
}

// pasteRead moves on with a paste flow has read, unless it is stale.
func (w *wizard) pasteRead(sh *shared, msg pasteReadMsg) tea.Cmd {
	if msg.seq != w.paste.reading || msg.node != w.state.Node || msg.step != len(w.state.Steps) {
		return nil
	}
	w.paste.reading = 0
	if msg.err != nil {
		w.err = errorIn(sh.lang, msg.err)
		return nil
	}
	return w.next(sh, msg.ev)
}

func (w *wizard) updatePaste(sh *shared, msg tea.Msg) tea.Cmd {
	p := &w.paste
	switch msg := msg.(type) {
	case tea.PasteMsg:
		return p.take(sh.lang, msg.Content)
	case tea.KeyPressMsg:
		pk := p.active(w.keys.paste)
		switch {
		case key.Matches(msg, pk.Skip):
			return w.next(sh, flow.Skip(lang.N("nothing pasted")))
		case key.Matches(msg, pk.Read):
			// What was typed rather than pasted has its secrets learnt here.
			text := p.text()
			return tea.Batch(learnSecrets(text), w.readPaste(sh, text))
		case key.Matches(msg, pk.Remove):
			p.pasted, p.refused = "", ""
			return nil
		}
	}
	var cmd tea.Cmd
	p.ta, cmd = p.ta.Update(msg)
	return cmd
}

// view draws the paste step in height lines at most. The question, what was pasted and
// how to go on always show; on a short window the explanation, the preview's lines and
// the text area's empty lines give way, in that order.
func (p pasteArea) view(sh *shared, title, about string, height int) string {
	st := sh.st
	head := sh.wrap(st.Text, title, sh.textW(), "", "") + "\n"
	var help string
	if about != "" {
		help = sh.wrap(st.Muted, about, sh.textW(), "", "") + "\n"
	}
	var pastedHead string
	var preview []string
	total := 0 // the paste's lines
	if p.pasted != "" {
		lines := strings.Split(strings.TrimRight(normalizeNewlines(p.pasted), "\n"), "\n")
		total = len(lines)
		head := fmt.Sprintf(sh.t("Pasted: %d %s, %s"), len(lines), plural(len(lines), "line", "lines"), evidence.SizeText(len(p.pasted)))
		pastedHead = st.Pass.Render(glyphPass+" "+head) + st.Muted.Render(sh.t("  (ctrl+x removes it)")) + "\n"
		if sh.present {
			preview = []string{st.Muted.Render(sh.t("  content hidden in presenter mode"))}
		} else {
			for _, l := range lines[:min(len(lines), previewLines)] {
				// Secrets are masked even here: the paste is the person's, the screen may
				// be shared. Masked first, then cut: a cut secret is no longer recognised.
				preview = append(preview, st.Muted.Render("  "+truncate(sh.clean(l), sh.bodyW-2)))
			}
		}
	}
	var area []string
	if sh.present && p.ta.Value() != "" {
		area = []string{st.Muted.Render(fmt.Sprintf(sh.t("Typed: %d characters (hidden in presenter mode)"), utf8.RuneCountInString(p.ta.Value())))}
	} else {
		area = strings.Split(p.typedView(sh), "\n")
	}
	var tail string
	if p.refused != "" {
		tail += Wrap(p.refused, sh.textW(), st.Fail.Render(glyphFail+" "), "  ") + "\n"
	}
	tail += styleLines(st.Muted, Wrap(fmt.Sprintf(sh.t("ctrl+d reads it · with nothing given, ctrl+d skips this step · limit %s"),
		evidence.SizeText(evidence.MaxInput)), sh.textW(), "", "")) + "\n"

	room := height - lineCount(head) - lineCount(pastedHead) - lineCount(tail) - 1 // the blank line under the question
	// The text area keeps at least a line (three when nothing is pasted yet: it is where
	// the paste goes), the preview at least two.
	keepArea := min(len(area), 1)
	if p.pasted == "" {
		keepArea = min(len(area), 3)
	}
	keepPreview := min(len(preview), 2)
	room -= keepArea + keepPreview
	more := !sh.present && total > keepPreview // the "… n more lines" line
	if more {
		room--
	}
	if help != "" && lineCount(help) <= room {
		room -= lineCount(help)
	} else {
		help = ""
	}
	gapAfterPreview := p.pasted != "" && room > 0
	if gapAfterPreview {
		room--
	}
	shownPreview := keepPreview + min(max(room, 0), len(preview)-keepPreview)
	room -= shownPreview - keepPreview
	shownArea := keepArea + min(max(room, 0), len(area)-keepArea)

	var b strings.Builder
	b.WriteString(head + help + "\n" + pastedHead)
	for _, l := range preview[:shownPreview] {
		b.WriteString(l + "\n")
	}
	if more && total > shownPreview {
		b.WriteString(st.Muted.Render(fmt.Sprintf(sh.t("  … %d more %s"), total-shownPreview, plural(total-shownPreview, "line", "lines"))) + "\n")
	}
	if gapAfterPreview {
		b.WriteString("\n")
	}
	for _, l := range area[:shownArea] {
		b.WriteString(l + "\n")
	}
	b.WriteString(tail)
	return b.String()
}

// typedView draws the text area with the secrets of what was typed masked as a paste's are
// in its preview (sh.clean, line by line): the text area shows its value as typed, and the
// secrets are learnt only when it is read. When a line changes, the box is drawn from a
// fresh text area holding the masked text, its cursor on the same line: a copy of the real
// one would share its viewport and move its scroll.
func (p pasteArea) typedView(sh *shared) string {
	lines := strings.Split(p.ta.Value(), "\n")
	masked := make([]string, len(lines))
	changed := false
	for i, l := range lines {
		masked[i] = p.mask.clean(sh, l)
		changed = changed || masked[i] != l
	}
	if !changed {
		return p.ta.View()
	}
	d := newPasteArea(sh)
	d.layout(sh)
	if p.ta.Focused() {
		d.ta.Focus()
	}
	d.ta.SetValue(strings.Join(masked, "\n"))
	row, col := p.ta.Line(), p.ta.Column()
	if row == len(lines)-1 && col == utf8.RuneCountInString(lines[row]) {
		d.ta.MoveToEnd() // typing at the end, as nearly always
	} else {
		_ = d.ta.View() // gives its viewport the text, so that moving the cursor scrolls it
		d.ta.MoveToBegin()
		for n := 0; d.ta.Line() < row && n < len(masked)+len(p.ta.Value()); n++ { // n: never stuck
			d.ta.CursorDown()
		}
		d.ta.SetCursorColumn(col) // kept where the masked line still has it
	}
	return d.ta.View()
}

// pasteKeys: ctrl+d reads what was given, or skips the step when nothing was; ctrl+x
// removes a paste.
type pasteKeys struct {
	Read   key.Binding
	Skip   key.Binding
	Remove key.Binding
}

func newPasteKeys() pasteKeys {
	return pasteKeys{
		Read:   bind("ctrl+d", "read it", submitKeys...),
		Skip:   bind("ctrl+d", "skip", submitKeys...),
		Remove: bind("ctrl+x", "remove paste", "ctrl+x"),
	}
}

// active is the paste keys as they work with what has been given.
func (p pasteArea) active(k pasteKeys) pasteKeys {
	given := strings.TrimSpace(p.text()) != ""
	k.Read.SetEnabled(given)
	k.Skip.SetEnabled(!given)
	k.Remove.SetEnabled(p.pasted != "")
	return k
}

func (p pasteArea) help(sh *shared, k wizardKeys, back key.Binding) helpKeys {
	pk, quit := p.active(k.paste), sh.keys.Global.ForceQuit
	return helpKeys{
		short: []key.Binding{pk.Read, pk.Skip, pk.Remove, back, quit},
		full:  [][]key.Binding{{pk.Read, pk.Skip, pk.Remove}, {back, quit}},
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// normalizeNewlines turns CRLF and lone CR line ends into LF, for counting and showing.
func normalizeNewlines(s string) string {
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}

// printable makes text from outside (a paste, a server's answer, a setting read from the
// environment) safe to put on the screen as one line, with the one filter the CLI uses too:
// tabs and line breaks become spaces and every escape sequence and control character is
// taken out, so such text can neither move the cursor, set the title or the clipboard, nor
// restyle the terminal.
func printable(s string) string {
	return strings.ReplaceAll(redact.PrintableLine(s), string(utf8.RuneError), "")
}
