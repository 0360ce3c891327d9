package ui

import (
	"fmt"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/mubarokah/mubarokah-doctor/flow/config"
)

// settings shows the target and credentials the live checks use, each with where it came
// from, and lets the person change them for this session. Secrets are masked, and typed
// into a password field that never echoes them.
type settings struct {
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

func newSettings(sh *shared) settings {
	s := settings{cfg: sh.cfg, list: config.Settings(), input: newInput(sh, "› ", "")}
	s.input.CharLimit = 4096
	s.check()
	return s
}

func (s settings) typing() bool { return s.editing }

func (s *settings) layout(sh *shared) {
	s.input.SetWidth(max(sh.bodyW-6, 10))
	s.offset = listWindow(s.offset, s.cursor, len(s.list), s.rows(sh))
}

func (s *settings) restyle(sh *shared) { s.input.SetStyles(inputStyles(sh)) }

// rows is how many settings fit: each takes one line (two in presenter mode).
func (s settings) rows(sh *shared) int {
	per := 1 + sh.st.gap
	return max((sh.bodyH-7)/per, 1)
}

// shownValue is a setting's value as the screen may show it: secrets masked, and in
// presenter mode not even a masked prefix.
func shownValue(sh *shared, set config.Setting, v string) string {
	if v == "" {
		return "(not set)"
	}
	if set.Secret {
		return maskFor(sh, v)
	}
	return sh.clean(v)
}

func (s settings) update(sh *shared, msg tea.Msg) (settings, tea.Cmd) {
	if s.editing {
		return s.updateEdit(sh, msg)
	}
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || s.cfg == nil {
		if ok && key.Matches(k, sh.keys.Back) {
			return s, navigateBack(sh)
		}
		return s, nil
	}
	keys := sh.keys
	switch {
	case key.Matches(k, keys.Back):
		return s, navigateBack(sh)
	case key.Matches(k, keys.Up):
		s.cursor = max(s.cursor-1, 0)
	case key.Matches(k, keys.Down):
		s.cursor = min(s.cursor+1, len(s.list)-1)
	case key.Matches(k, keys.Top):
		s.cursor = 0
	case key.Matches(k, keys.Bottom):
		s.cursor = len(s.list) - 1
	case key.Matches(k, keys.Edit):
		set := s.list[s.cursor]
		s.editing, s.err, s.saved = true, "", ""
		s.input.Reset()
		s.input.EchoMode = textinput.EchoNormal
		if set.Secret {
			// A secret is typed blind and never put back on screen, even to edit it.
			s.input.EchoMode = textinput.EchoPassword
			s.input.Placeholder = "type or paste the new value; it will not be shown"
		} else {
			v, _ := s.cfg.Get(set.Key)
			s.input.SetValue(v)
			s.input.Placeholder = set.Want
		}
		cmd := s.input.Focus()
		return s, cmd
	}
	s.offset = listWindow(s.offset, s.cursor, len(s.list), s.rows(sh))
	return s, nil
}

func (s settings) updateEdit(sh *shared, msg tea.Msg) (settings, tea.Cmd) {
	if k, ok := msg.(tea.KeyPressMsg); ok {
		switch k.Code {
		case tea.KeyEscape:
			s.editing = false
			s.input.Blur()
			s.input.Reset()
			return s, nil
		case tea.KeyEnter:
			set := s.list[s.cursor]
			v := strings.TrimSpace(s.input.Value())
			if err := s.cfg.Set(set.Key, v, config.Source{Kind: config.FromSet}); err != nil {
				s.err = err.Error()
				return s, nil
			}
			s.cfg.AddSecrets(sh.secrets) // the old value stays in the set: it is still a secret
			s.editing, s.err = false, ""
			s.saved = set.Key + " set for this session"
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

func (s settings) view(sh *shared) string {
	st := sh.st
	var b strings.Builder
	b.WriteString(st.Title.Render("Settings") + st.Muted.Render("  what the live checks use, and where each value came from") + "\n\n")
	if s.cfg == nil {
		b.WriteString(st.Warn.Render(glyphWarn+" No configuration was loaded.") + "\n")
		return b.String()
	}
	keyW := 0
	for _, set := range s.list {
		keyW = max(keyW, len(set.Key))
	}
	// The source column keeps its words; the value column takes what is left.
	srcW := 0
	for _, set := range s.list {
		n := len(sourceLabel(s.cfg.SourceOf(set.Key)))
		if _, bad := s.problems[set.Key]; bad {
			n += 2 // the ✗ or ! before it
		}
		srcW = max(srcW, n)
	}
	// but never more than a third of the line: the value matters more than where it came from.
	srcW = min(srcW, max(sh.bodyW/3, 12))
	valW := max(sh.bodyW-keyW-srcW-6, 12)
	h := s.rows(sh)
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
		src := st.Muted.Render(truncate(sourceLabel(s.cfg.SourceOf(set.Key)), srcW))
		if p, bad := s.problems[set.Key]; bad {
			mark := st.Fail.Render(glyphFail)
			if p.Warning {
				mark = st.Warn.Render(glyphWarn)
			}
			src = mark + " " + st.Muted.Render(truncate(sourceLabel(s.cfg.SourceOf(set.Key)), srcW-2))
		}
		line := padRight(set.Key, keyW) + "  " + val + "  " + src
		if i == s.cursor {
			b.WriteString(st.Cursor.Render(glyphCursor+" ") + st.Selected.Render(padRight(set.Key, keyW)) + "  " + val + "  " + src + "\n")
		} else {
			b.WriteString("  " + line + "\n")
		}
		b.WriteString(strings.Repeat("\n", st.gap))
	}
	set := s.list[s.cursor]
	if len(s.list) > h {
		// Without it a short window hides the token settings with no hint that they exist.
		last := min(s.offset+h, len(s.list))
		b.WriteString(st.Muted.Render(fmt.Sprintf("settings %d-%d of %d · ↑/↓ for more", s.offset+1, last, len(s.list))))
	}
	b.WriteString("\n")
	switch {
	case s.editing:
		b.WriteString(st.Subtitle.Render("New "+set.Key) + st.Muted.Render(" ("+set.Want+")") + "\n")
		b.WriteString(s.input.View() + "\n")
		if s.err != "" {
			b.WriteString(st.Fail.Render(glyphFail+" "+s.err) + "\n")
		}
	case s.problems[set.Key].Key != "":
		p := s.problems[set.Key]
		style, glyph := st.Fail, glyphFail
		if p.Warning {
			style, glyph = st.Warn, glyphWarn
		}
		b.WriteString(style.Render(Wrap(sh.clean(p.Error()), sh.textW(), glyph+" ", "  ")) + "\n")
	case s.saved != "":
		b.WriteString(st.Pass.Render(glyphPass+" "+s.saved) + "\n")
	default:
		about := set.Help
		if set.Env != "" {
			about += " · env " + set.Env
		}
		b.WriteString(st.Muted.Render(about) + "\n")
	}
	return b.String()
}

func (s settings) help(sh *shared) helpKeys {
	k := sh.keys
	if s.editing {
		save := key.NewBinding(key.WithKeys("enter"), key.WithHelp("enter", "set"))
		cancel := key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "cancel"))
		return helpKeys{short: []key.Binding{save, cancel}, full: [][]key.Binding{{save, cancel}}}
	}
	edit := on(k.Edit, s.cfg != nil)
	return helpKeys{
		short: []key.Binding{k.Up, k.Down, edit, k.Back, k.Quit, k.Help},
		full:  [][]key.Binding{{k.Up, k.Down, k.Top, k.Bottom}, {edit, k.Back}, {k.Help, k.Quit}},
	}
}

// sourceLabel says where a value came from in few words, for a column.
func sourceLabel(src config.Source) string {
	switch src.Kind {
	case config.FromFlag:
		return "flag --" + src.Name
	case config.FromEnv:
		return "env " + src.Name
	case config.FromDotEnv:
		return filepath.Base(src.Name)
	}
	return src.String()
}
