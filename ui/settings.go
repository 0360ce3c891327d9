package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
)

// settings shows the target and credentials the live checks use, each with where it came
// from, and lets the person change them for this session. Secrets are masked, and typed
// into a password field that never echoes them.
const screenSettings screenID = "settings"

type settings struct {
	sh     *shared
	keys   settingsKeys
	cfg    *config.Config
	list   []config.Setting
	cursor int
	offset int

	editing bool
	input   textinput.Model
	err     string
	saved   string

	problems map[string]config.Problem // what Validate says of each setting, by key
}

// check re-reads what is wrong with the settings, so each row can say it.
func (s *settings) check() {
	s.problems = map[string]config.Problem{}
	if s.cfg == nil {
		return
	}
	for _, p := range s.cfg.Validate() {
		if _, seen := s.problems[p.Key]; !seen {
			s.problems[p.Key] = p
		}
	}
}

func newSettings(sh *shared) screen {
	s := settings{sh: sh, keys: newSettingsKeys(), cfg: sh.cfg, list: config.Settings(), input: newInput(sh, "› ", "")}
	s.input.CharLimit = 4096
	s.check()
	return s
}

func (s settings) Capturing() bool { return s.editing }
func (s settings) Crumb() string   { return s.sh.t("Settings") }

func (s settings) SetSize(int, int) screen {
	s.input.SetWidth(max(s.sh.bodyW-6, 10))
	s.offset = listWindow(s.offset, s.cursor, len(s.list), s.rows(s.sh))
	return s
}

func (s settings) Restyle() screen {
	s.input.SetStyles(inputStyles(s.sh))
	return s
}

// rows is how many settings fit: each takes one line (two in presenter mode). Around them
// stand the title and a blank line, the line saying which rows show, and what stands below
// them (see below).
func (s settings) rows(sh *shared) int {
	per := 1 + sh.st.gap
	below := 3
	if s.cfg != nil && len(s.list) > 0 {
		below = lineCount(s.below(sh))
	}
	return max((sh.bodyH-3-below+sh.st.gap)/per, 1)
}

// shownValue is a setting's value as the screen may show it: secrets masked, and in
// presenter mode not even a masked prefix.
func shownValue(sh *shared, set config.Setting, v string) string {
	if v == "" {
		return sh.t("(not set)")
	}
	if set.Secret {
		return maskFor(sh, v)
	}
	return sh.clean(v)
}

func (s settings) Update(msg tea.Msg) (screen, tea.Cmd, move) {
	sh := s.sh
	if s.editing {
		ns, cmd := s.updateEdit(sh, msg)
		return ns, cmd, none
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return s, nil, none
	}
	nav := sh.keys.Nav
	switch {
	case key.Matches(k, sh.keys.Global.Back):
		return s, nil, goBack()
	case key.Matches(k, s.keys.Lang):
		return s, switchLang(otherLang(sh.lang)), none
	case s.cfg == nil:
	case key.Matches(k, nav.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(k, nav.Down):
		s.cursor = min(s.cursor+1, len(s.list)-1)
	case key.Matches(k, nav.Top):
		s.cursor = 0
	case key.Matches(k, nav.Bottom):
		s.cursor = len(s.list) - 1
	case key.Matches(k, s.keys.Edit):
		set := s.list[s.cursor]
		s.editing, s.err, s.saved = true, "", ""
		s.input.Reset()
		s.input.EchoMode = textinput.EchoNormal
		if set.Secret {
			// A secret is typed blind and never put back on screen, even to edit it.
			s.input.EchoMode = textinput.EchoPassword
			s.input.Placeholder = s.sh.t("type or paste the new value; it will not be shown")
		} else {
			v, _ := s.cfg.Get(set.Key)
			s.input.SetValue(v)
			s.input.Placeholder = s.sh.t(set.Want)
		}
		cmd := s.input.Focus()
		return s, cmd, none
	}
	s.offset = listWindow(s.offset, s.cursor, len(s.list), s.rows(sh))
	return s, nil, none
}

func (s settings) updateEdit(sh *shared, msg tea.Msg) (settings, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch {
		case key.Matches(k, sh.keys.Entry.Cancel):
			s.editing = false
			s.input.Blur()
			s.input.Reset()
			return s, nil
		case key.Matches(k, s.keys.Set):
			set := s.list[s.cursor]
			v := strings.TrimSpace(s.input.Value())
			if err := s.trySet(set, v); err != nil {
				s.err = err.Error()
				return s, nil
			}
			s.cfg.AddSecrets(sh.secrets) // the old value stays in the set: it is still a secret
			s.editing, s.err = false, ""
			s.saved = set.Key + sh.t(" set for this session")
			s.check()
			s.input.Blur()
			s.input.Reset()
			return s, nil
		}
	}
	var cmd tea.Cmd
	s.input, cmd = s.input.Update(msg)
	return s, cmd
}

// trySet sets a value only if it is good: one Set refuses (a timeout that is no
// duration) or one Validate calls an error (a base URL with no host) is undone, so the
// last good value stays and the next live check never runs with a bad one. Warnings (plain
// HTTP to another machine) are kept and said.
func (s settings) trySet(set config.Setting, v string) error {
	old, _ := s.cfg.Get(set.Key)
	oldSrc := s.cfg.SourceOf(set.Key)
	if err := s.cfg.Set(set.Key, v, config.Source{Kind: config.FromSet}); err != nil {
		return keptError{err: err, kept: s.keptText(set, old)}
	}
	for _, p := range s.cfg.Validate().Errors() {
		if p.Key != set.Key {
			continue
		}
		if err := s.cfg.Set(set.Key, old, oldSrc); err == nil {
			s.cfg.SetSource(set.Key, oldSrc)
		}
		return keptError{err: &p, kept: s.keptText(set, old)}
	}
	return nil
}

// keptText names the value a refused one leaves in place, masked when it is a secret.
func (s settings) keptText(set config.Setting, old string) string {
	return shownValue(s.sh, set, old)
}

// keptError is a refused value: what was wrong with it, and what stays.
type keptError struct {
	err  error
	kept string
}

func (e keptError) Error() string {
	return lang.N("Not set: ") + e.err.Error() + lang.N(". It stays ") + e.kept + "."
}

func (s settings) View() string {
	sh := s.sh
	st := sh.st
	var b strings.Builder
	b.WriteString(st.Title.Render(s.sh.t("Settings")) + st.Muted.Render(s.sh.t("  what the live checks use, and where each value came from")) + "\n" +
		st.Muted.Render(truncate(sh.tf("Language: %s (l switches)", sh.lang.Name()), sh.bodyW)) + "\n")
	if s.cfg == nil {
		b.WriteString(st.Warn.Render(glyphWarn+s.sh.t(" No configuration was loaded.")) + "\n")
		return b.String()
	}
	keyW := 0
	for _, set := range s.list {
		keyW = max(keyW, len(set.Key))
	}
	// The source column keeps its words; the value column takes what is left.
	srcW := 0
	for _, set := range s.list {
		n := len(s.sh.t(sourceLabel(s.cfg.SourceOf(set.Key))))
		if _, bad := s.problems[set.Key]; bad {
			n += 2 // the ✗ or ! before it
		}
		srcW = max(srcW, n)
	}
	// but never more than a third of the line: the value matters more than where it came from.
	srcW = min(srcW, max(sh.bodyW/3, 12))
	valW := max(sh.bodyW-keyW-srcW-6, 12)
	below := s.below(sh)
	h := s.rows(sh)
	// The editor takes more room than the help below the rows: keep the cursor's row in
	// what is left.
	s.offset = listWindow(s.offset, s.cursor, len(s.list), h)
	for i := s.offset; i < len(s.list) && i < s.offset+h; i++ {
		set := s.list[i]
		v, _ := s.cfg.Get(set.Key)
		shown := shownValue(sh, set, v)
		val := st.Text.Render(padRight(truncate(shown, valW), valW))
		if set.Secret && v != "" {
			val = st.Secret.Render(padRight(truncate(shown, valW), valW))
		} else if v == "" {
			val = st.Muted.Render(padRight(shown, valW))
		}
		src := st.Muted.Render(truncate(s.sh.t(sourceLabel(s.cfg.SourceOf(set.Key))), srcW))
		if p, bad := s.problems[set.Key]; bad {
			mark := st.Fail.Render(glyphFail)
			if p.Warning {
				mark = st.Warn.Render(glyphWarn)
			}
			src = mark + " " + st.Muted.Render(truncate(s.sh.t(sourceLabel(s.cfg.SourceOf(set.Key))), srcW-2))
		}
		line := padRight(set.Key, keyW) + "  " + val + "  " + src
		if i == s.cursor {
			b.WriteString(st.Cursor.Render(glyphCursor+" ") + st.Selected.Render(padRight(set.Key, keyW)) + "  " + val + "  " + src + "\n")
		} else {
			b.WriteString("  " + line + "\n")
		}
		b.WriteString(strings.Repeat("\n", st.gap))
	}
	if len(s.list) > h {
		// Without it a short window hides the token settings with no hint that they exist.
		last := min(s.offset+h, len(s.list))
		b.WriteString(st.Muted.Render(fmt.Sprintf(s.sh.t("settings %d-%d of %d · ↑/↓ for more"), s.offset+1, last, len(s.list))))
	}
	b.WriteString("\n")
	b.WriteString(below)
	return b.String()
}

// settingsKeys: enter edits the setting under the cursor; while editing, enter sets it.
type settingsKeys struct {
	Edit key.Binding
	Set  key.Binding
	Lang key.Binding // switches the language of the whole wizard
}

func newSettingsKeys() settingsKeys {
	return settingsKeys{Edit: bind("enter", "edit", "enter"), Set: bind("enter", "set", "enter"), Lang: bind("l", "language", "l")}
}

func (s settings) ShortHelp() []key.Binding  { return s.help().short }
func (s settings) FullHelp() [][]key.Binding { return s.help().full }

func (s settings) help() helpKeys {
	g, nav := s.sh.keys.Global, s.sh.keys.Nav
	if s.editing {
		cancel := s.sh.keys.Entry.Cancel
		return helpKeys{short: []key.Binding{s.keys.Set, cancel}, full: [][]key.Binding{{s.keys.Set, cancel}}}
	}
	edit := on(s.keys.Edit, s.cfg != nil)
	return helpKeys{
		short: []key.Binding{nav.Up, nav.Down, edit, s.keys.Lang, g.Back, g.Quit, g.Help},
		full:  [][]key.Binding{{nav.Up, nav.Down, nav.Top, nav.Bottom}, {edit, s.keys.Lang, g.Back}, {g.Help, g.Quit}},
	}
}

// sourceLabel says where a value came from in few words, for a column.
func sourceLabel(src config.Source) string {
	switch src.Kind {
	case config.FromFlag:
		return lang.N("flag --") + src.Name
	case config.FromEnv:
		return lang.N("env ") + src.Name
	case config.FromDotEnv:
		return filepath.Base(src.Name)
	}
	return src.String()
}

// below is what stands under the rows: the editor of the setting under the cursor, or
// what is wrong with it, or what it is.
func (s settings) below(sh *shared) string {
	st := sh.st
	set := s.list[s.cursor]
	var b strings.Builder
	switch {
	case s.editing:
		b.WriteString(Wrap(st.Subtitle.Render(sh.tf("New %s", set.Key))+" "+st.Muted.Render("("+sh.t(set.Want)+")"), sh.textW(), "", "  ") + "\n")
		b.WriteString(s.input.View() + "\n")
		if s.err != "" {
			// The message quotes what was typed: cleaned, and a secret's value masked by
			// the config's own display of it.
			b.WriteString(Wrap(sh.clean(s.err), sh.textW(), st.Fail.Render(glyphFail+" "), "  ") + "\n")
		}
	case s.problems[set.Key].Key != "":
		p := s.problems[set.Key]
		style, glyph := st.Fail, glyphFail
		if p.Warning {
			style, glyph = st.Warn, glyphWarn
		}
		b.WriteString(styleLines(style, Wrap(sh.clean(p.Error()), sh.textW(), glyph+" ", "  ")) + "\n")
	case s.saved != "":
		b.WriteString(Wrap(s.saved, sh.textW(), st.Pass.Render(glyphPass)+" ", "  ") + "\n")
	default:
		about := sh.t(set.Help)
		if set.Env != "" {
			about += sh.t(" · env ") + set.Env
		}
		b.WriteString(styleLines(st.Muted, Wrap(about, sh.textW(), "", "")) + "\n")
	}
	return b.String()
}
