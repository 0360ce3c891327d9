package line

import (
	"errors"
	"fmt"

	"github.com/mubarokah/mubarokah-doctor/flow"
	"github.com/mubarokah/mubarokah-doctor/internal/lang"
	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// otherLang is the language Settings offers to switch to: the program has two.
func otherLang(l lang.Lang) lang.Lang {
	if l == lang.Indonesian {
		return lang.English
	}
	return lang.Indonesian
}

// switchLang makes l the session's language, as the full-screen wizard's Settings does:
// the catalogue and the flow are loaded in l, and the walk goes on where it stands (its
// state holds only ids). On an error nothing changes.
func (s *session) switchLang(l lang.Lang) error {
	cat, err := knowledge.BuiltinIn(l.Code())
	if err != nil {
		return fmt.Errorf("the %s catalogue: %w", l.Name(), err)
	}
	g := s.g
	if g != nil {
		g, err = flow.BuiltinIn(cat, l.Code())
		var gap *flow.GapError
		if err != nil && !errors.As(err, &gap) {
			return fmt.Errorf("the %s flow: %w", l.Name(), err)
		}
	}
	s.cat, s.g, s.l = cat, g, l
	return nil
}
