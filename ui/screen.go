package ui

import (
	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// screenID names a screen; each screen's file declares its own.
type screenID string

// screen is one page of the program: home, the wizard, the live checks, the reference,
// settings, the report. It keeps its own state and keymap and draws its body; the root
// routes messages to it and draws the frame (header, help line, confirmations) around
// View. Screens are values: a method that changes one returns the changed copy, so two
// copies of the Model (a test's branches, the frame being drawn) never share state.
type screen interface {
	// Update handles a message. Keys and pastes reach only the screen showing; every other
	// message reaches every screen, each taking its own (an answer carries its run's tags,
	// so a stale one is recognised). The move, unless zero, is made by the root before it
	// reads another message: keys typed right after the one that moved land on the new
	// screen.
	Update(msg tea.Msg) (screen, tea.Cmd, move)
	// View is the body, inside the frame.
	View() string
	// SetSize lays the screen out for a body of this size.
	SetSize(width, height int) screen
	// ShortHelp and FullHelp come from the screen's keymap, with what does not work in its
	// present state disabled.
	help.KeyMap
	// Crumb says where the person is, after the program's name.
	Crumb() string
	// Capturing is true while an input has the keyboard: q and ? are then text.
	Capturing() bool
}

// opener is a screen shown with an argument: an entry to open, a session to start.
type opener interface {
	// Ask is the yes/no question to put first, or "" when opening with arg loses nothing.
	Ask(arg any) string
	Open(arg any) (screen, tea.Cmd)
}

// restyler is a screen holding styles of its own (inputs, spinners): it rebuilds them
// when the terminal's background changes the theme.
type restyler interface {
	Restyle() screen
}

// keeper is a screen holding work that quitting would lose.
type keeper interface {
	Unsaved() bool
}

// move is where a screen wants to go: another screen, with an argument for its Open, or
// back to where an overlay was opened from. The zero move stays.
type move struct {
	to   screenID
	arg  any
	back bool
	sure bool // the person already said yes to the screen's Ask
}

func goTo(to screenID, arg any) move { return move{to: to, arg: arg} }

func goBack() move { return move{back: true} }

// none is the zero move, for Update's return.
var none move
