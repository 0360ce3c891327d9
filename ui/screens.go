package ui

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
		{id: screenHome, title: "Home", new: newHome},
		{id: screenWizard, title: "Diagnose", new: newWizard,
			menu: &menuItem{"Diagnose step by step", "answer a few questions; the wizard narrows the error down"}},
		{id: screenWizard, arg: fromPaste{},
			menu: &menuItem{"Paste an error", "an HTTP response, curl -v output, a JSON body, a callback URL or a token"}},
		{id: screenChecks, title: "Live checks", new: newChecks,
			menu: &menuItem{"Run live checks", "probe the provider with your settings and read what it answers"}},
		{id: screenBrowser, title: "Reference", new: newBrowser, overlay: true,
			menu: &menuItem{"Browse the reference", "every error, cause and fix; works offline"}},
		{id: screenSettings, title: "Settings", new: newSettings, overlay: true,
			menu: &menuItem{"Settings", "target URL and credentials, and where each came from"}},
		{id: screenReport, title: "Report", new: newReport, overlay: true},
		{id: screenTimeline, title: "Sign-in timeline", new: newTimeline, menu: &menuItem{"Read a HAR recording", "the browser's record of a sign-in as a timeline, the failing step opened"}},
	}
}
