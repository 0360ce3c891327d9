package ui

import "github.com/mubarokah/mubarokah-doctor/internal/lang"

// registration is one line of the registry: a screen, and the line home lists for it.
type registration struct {
	id    screenID
	title string // the window title, and what the screen is called
	new   func(sh *shared) screen
	// overlay: esc returns to the screen it was opened from (the reference opened from a
	// result goes back to the result), where other screens go home.
	overlay bool
	// menu is home's line for the screen, shown with arg; a screen may have several, or
	// none (the report opens from the wizard only).
	menu *menuItem
	arg  any
}

type menuItem struct{ title, about string }

// registry is every screen, in the order home lists them (its 1-9 keys). A new screen is
// its own file (its type, constructor, keymap and screenID) and one line here.
func registry() []registration {
	return []registration{
		{id: screenHome, title: lang.N("Home"), new: newHome},
		{id: screenWizard, title: lang.N("Diagnose"), new: newWizard,
			menu: &menuItem{lang.N("Diagnose step by step"), lang.N("answer a few questions; the wizard narrows the error down")}},
		{id: screenWizard, arg: fromPaste{},
			menu: &menuItem{lang.N("Paste an error"), lang.N("an HTTP response, curl -v output, a JSON body, a callback URL or a token")}},
		{id: screenChecks, title: lang.N("Live checks"), new: newChecks,
			menu: &menuItem{lang.N("Run live checks"), lang.N("probe the provider with your settings and read what it answers")}},
		{id: screenBrowser, title: lang.N("Reference"), new: newBrowser, overlay: true,
			menu: &menuItem{lang.N("Browse the reference"), lang.N("every error, cause and fix; works offline")}},
		{id: screenSettings, title: lang.N("Settings"), new: newSettings, overlay: true,
			menu: &menuItem{lang.N("Settings"), lang.N("target URL and credentials, and where each came from")}},
		{id: screenReport, title: lang.N("Report"), new: newReport, overlay: true},
		{id: screenTimeline, title: lang.N("Sign-in timeline"), new: newTimeline, menu: &menuItem{"Read a HAR recording", "the browser's record of a sign-in as a timeline, the failing step opened"}},
	}
}
