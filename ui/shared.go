package ui

import (
	"time"

	"github.com/mubarokah/mubarokah-doctor/knowledge"
)

// Minimum terminal size; below it the program says so instead of drawing a broken layout.
const (
	minWidth  = 60
	minHeight = 16
)

// shared is what every screen needs and the root owns: sizes, styles, keys and the data the
// wizard works on. It is passed down by pointer and changed only in the root's Update, so
// there are no package globals and no races.
type shared struct {
	width, height int // the terminal
	bodyW, bodyH  int // what a screen may draw in, inside the frame's header and footer

	isDark  bool
	present bool
	st      styles
	text    TextStyles // catalogue text, shared with the CLI (entrytext.go)
	keys    keyMap

	cat *knowledge.Catalogue
	now func() time.Time
}

func newShared(cat *knowledge.Catalogue, present bool, now func() time.Time) *shared {
	if now == nil {
		now = time.Now
	}
	sh := &shared{cat: cat, present: present, now: now, keys: DefaultKeyMap(), width: 80, height: 24}
	// Most terminals are dark; the real answer arrives as a BackgroundColorMsg.
	sh.setTheme(true)
	return sh
}

func (sh *shared) setTheme(isDark bool) {
	sh.isDark = isDark
	sh.st = newStyles(isDark, sh.present)
	sh.text = NewTextStyles(isDark)
}

// tooSmall reports whether the terminal is below the size the layout needs.
func (sh *shared) tooSmall() bool {
	return sh.width < minWidth || sh.height < minHeight
}

// wide reports whether a list and its detail fit side by side.
func (sh *shared) wide() bool { return sh.bodyW >= 110 }
