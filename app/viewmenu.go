package app

// The View menu's settings: each is remembered in the preferences.

// setTextSize changes the article's text size and remembers it.
func (w *Workbench) setTextSize(s float32) {
	s = min(max(s, minTextSize), maxTextSize)
	w.textSize = s
	w.view.SetTextSize(s)
	w.prefs.setTextSize(s)
}

// setTheme applies and remembers a View menu theme choice.
func (w *Workbench) setTheme(choice string) {
	w.prefs.setTheme(choice)
	w.app.Settings().SetTheme(themeFor(choice))
	w.win.SetMainMenu(w.mainMenu())
}

// setShowOthers shows or hides other annotators' spans in the article and
// the spans list, keeping the scroll position.
func (w *Workbench) setShowOthers(on bool) {
	w.prefs.setShowOthers(on)
	w.win.SetMainMenu(w.mainMenu())
	w.session.setShowOthers(on)
}

// setShowNames writes label names on the span bars, or stops, and
// remembers it.
func (w *Workbench) setShowNames(on bool) {
	w.prefs.setShowNames(on)
	w.win.SetMainMenu(w.mainMenu())
	w.view.SetShowNames(on)
}

// setShowRelations draws every relation as a named arc, or only the
// selected span's links, and remembers it.
func (w *Workbench) setShowRelations(on bool) {
	w.prefs.setShowRelations(on)
	w.win.SetMainMenu(w.mainMenu())
	w.view.SetShowRelations(on)
}

// setShowSuggestions draws suggestions as ghost spans, or stops, and
// remembers it.
func (w *Workbench) setShowSuggestions(on bool) {
	w.prefs.setShowSuggestions(on)
	w.win.SetMainMenu(w.mainMenu())
	w.session.setShowSuggestions(on)
}
