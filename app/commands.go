package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"frametag/annotate"
)

// command is one thing the user can do, described once: the menus, the
// canvas shortcuts and Help → Keyboard shortcuts are all read from the
// commands table, so a key cannot be in a menu and missing from the help,
// or the other way round.
type command struct {
	// name is the menu item's text (and how tests run the command).
	name string
	// menu is the menu the command sits in, "" for none; within a menu the
	// items keep the table's order. sepBefore puts a separator above it.
	menu      string
	sepBefore bool
	// keys are the shortcuts that run it: the first is the one the menu
	// shows; all are registered on the canvas (the desktop driver runs a
	// menu's shortcut whichever widget has the focus; the canvas
	// registration serves the rest and the headless test driver).
	keys []fyne.Shortcut
	// helpKeys and help are the command's row in Help → Keyboard shortcuts;
	// a command without helpKeys has no row of its own (it has no key, or
	// a neighbour's row names it too, as Ctrl+= / Ctrl+- / Ctrl+0 do).
	helpKeys, help string

	// run does it; nil for a gesture the article view or the typed-key
	// handlers carry out (a drag, a click, a label's key), listed here only
	// for its help row.
	run func(w *Workbench)
	// enabled says when it can run (nil: always); a key or menu item while
	// it cannot does nothing, and the panel's buttons for it are disabled.
	enabled func(w *Workbench) bool
	// checked, for a toggle or a choice, puts a check mark on its item.
	checked func(w *Workbench) bool
	// submenu, for an item that opens a list (File → Recent), builds it.
	submenu func(w *Workbench) []*fyne.MenuItem
}

// The names of commands other code runs by name.
const (
	cmdUndo     = "Undo"
	cmdRedo     = "Redo"
	cmdDone     = "Mark done and open the next"
	cmdSkip     = "Skip and open the next"
	cmdNext     = "Next document"
	cmdPrevious = "Previous document"

	cmdCurate          = "Curate (adjudicate to gold)…"
	cmdCopySpan        = "Copy the span into my layer"
	cmdSwitchAnnotator = "Switch annotator…"
	cmdMerge           = "Merge…"
	cmdAgreement       = "Agreement…"
	cmdShowNames       = "Show label names on spans"
	cmdShowRelations   = "Show relations"

	cmdNextSuggestion   = "Next suggestion"
	cmdPrevSuggestion   = "Previous suggestion"
	cmdAcceptSuggestion = "Accept the suggestion"

	cmdNewActor         = "New actor from the span"
	cmdAnalysis         = "Analysis…"
	cmdLinkActor        = "Link the span to the best-matching actor"
	cmdRejectSuggestion = "Reject the suggestion"
	cmdAcceptAll        = "Accept all sure suggestions"
	cmdShowSuggestions  = "Show suggestions"
	cmdSuggestWithModel = "Suggest with the local model…"
	cmdSuggestSettings  = "Suggestion settings…"
)

// menuBar is the order of the menus.
var menuBar = []string{"File", "Edit", "Document", "Suggest", "Project", "View", "Help"}

// Workbench keys. Label keys are plain letters and digits (the schema's), so
// every workbench command takes Ctrl, or is a key a label can never be
// (Delete, Escape).
var (
	keyRedo        = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyDone        = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}
	keySkip        = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyNext        = &desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierShortcutDefault}
	keyPrev        = &desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierShortcutDefault}
	keyNextSpan    = &desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierShortcutDefault}
	keyPrevSpan    = &desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierShortcutDefault}
	keyNextOfLayer = &desktop.CustomShortcut{KeyName: fyne.KeyDown, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyPrevOfLayer = &desktop.CustomShortcut{KeyName: fyne.KeyUp, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyToFill      = &desktop.CustomShortcut{KeyName: fyne.KeyJ, Modifier: fyne.KeyModifierShortcutDefault}
	keyTop         = &desktop.CustomShortcut{KeyName: fyne.KeyHome, Modifier: fyne.KeyModifierShortcutDefault}
	keyBottom      = &desktop.CustomShortcut{KeyName: fyne.KeyEnd, Modifier: fyne.KeyModifierShortcutDefault}
	keyFilter      = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
	keyFind        = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	keySearch      = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyBigger      = &desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault}
	keySmaller     = &desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierShortcutDefault}
	keyReset       = &desktop.CustomShortcut{KeyName: fyne.Key0, Modifier: fyne.KeyModifierShortcutDefault}
	keyOpen        = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	keyImport      = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}
	keyExport      = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	keyShortcut    = &desktop.CustomShortcut{KeyName: fyne.KeySlash, Modifier: fyne.KeyModifierShortcutDefault}
	keyAcceptAll   = &desktop.CustomShortcut{KeyName: fyne.KeyA, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyCurate      = &desktop.CustomShortcut{KeyName: fyne.KeyG, Modifier: fyne.KeyModifierShortcutDefault}
	keyAnalysis    = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyNewActor    = &desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault}
	keyLinkActor   = &desktop.CustomShortcut{KeyName: fyne.KeyK, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
)

// commandTable is every command in the order of the help list; each menu
// takes its items in this order too. README's "Using the workbench" repeats
// the help rows. (A function, not a package variable: the commands refer to
// the methods that build the menus from them.)
func commandTable() []command {
	return []command{
		{helpKeys: "a label's key (a–z, 0–9)", help: "with text selected: label it at once; with a span selected and no text: relabel it"},
		{helpKeys: "drag", help: "select text (snaps to words)"},
		{helpKeys: "Alt+drag", help: "select exact characters"},
		{helpKeys: "double-click", help: "select a word"},
		{helpKeys: "Shift+arrows", help: "extend the text selection; with a span selected: move its end a word (Alt+Shift: a character)"},
		{helpKeys: "Ctrl+Shift+arrows", help: "with a span selected: move its start a word (Ctrl+Alt+Shift: a character)"},
		{helpKeys: "click a span", help: "select it; the panel shows it"},
		{helpKeys: "Ctrl+drag", help: "with a span selected: add a fragment (discontinuous span); the card's − removes one"},
		{helpKeys: "L", help: "with a span selected and no text selected: link it; then click the other span"},
		{helpKeys: "Escape", help: "close the dialog; cancel linking; clear the text selection, then the selected span (in the note: give up the typing; in the filter: back to the article)"},
		{helpKeys: "Delete / Backspace", help: "delete the selected span (your own; another annotator's can only be copied)"},

		// The desktop driver reports Ctrl+Z and Ctrl+Y as the standard undo and
		// redo shortcuts, Ctrl+Shift+Z as a custom one.
		{name: cmdUndo, menu: "Edit", keys: []fyne.Shortcut{&fyne.ShortcutUndo{}},
			helpKeys: "Ctrl+Z", help: "undo the last edit (in a text field: the typing)",
			run: (*Workbench).undoKey},
		{name: cmdRedo, menu: "Edit", keys: []fyne.Shortcut{keyRedo, &fyne.ShortcutRedo{}},
			helpKeys: "Ctrl+Shift+Z, Ctrl+Y", help: "redo",
			run: (*Workbench).redoKey},
		{name: cmdCopySpan, menu: "Edit", sepBefore: true,
			helpKeys: "C", help: "with another annotator's span selected and no text selected: copy it into your layer (Ctrl+Z takes the copy back)",
			run: (*Workbench).copySelected, enabled: (*Workbench).selectedIsOthers},
		{name: "Find in the document", menu: "Edit", sepBefore: true, keys: []fyne.Shortcut{keyFind},
			helpKeys: "Ctrl+F", help: "find in the document: every hit tinted; Enter / Shift+Enter next / previous (selected: a label's key after Escape labels it); Escape closes",
			run: (*Workbench).openFind, enabled: (*Workbench).hasDocument},
		{name: "Search the project…", menu: "Edit", keys: []fyne.Shortcut{keySearch},
			helpKeys: "Ctrl+Shift+F", help: "search the project: words or a regular expression, a label's spans, by annotator and status; click a hit to go there",
			run: (*Workbench).searchDialog},

		// The document commands sit in a menu too: the desktop driver runs a
		// menu's shortcuts whichever widget has the focus.
		{name: cmdDone, menu: "Document", keys: []fyne.Shortcut{keyDone},
			helpKeys: "Ctrl+Enter", help: "mark the document done and open the next",
			run: func(w *Workbench) { w.finish(annotate.StatusDone) }, enabled: (*Workbench).hasDocument},
		{name: cmdSkip, menu: "Document", keys: []fyne.Shortcut{keySkip},
			helpKeys: "Ctrl+Shift+Enter", help: "skip the document and open the next",
			run: func(w *Workbench) { w.finish(annotate.StatusSkipped) }, enabled: (*Workbench).hasDocument},
		{name: "Reopen the document", menu: "Document",
			help: "put a done or skipped document back in progress",
			run:  (*Workbench).reopenDocument, enabled: (*Workbench).isFinished},
		{name: cmdNext, menu: "Document", sepBefore: true, keys: []fyne.Shortcut{keyNext},
			helpKeys: "Ctrl+Page Down", help: "next document",
			run: func(w *Workbench) { w.nextDocument(1) }, enabled: (*Workbench).hasDocument},
		{name: cmdPrevious, menu: "Document", keys: []fyne.Shortcut{keyPrev},
			helpKeys: "Ctrl+Page Up", help: "previous document",
			run: func(w *Workbench) { w.nextDocument(-1) }, enabled: (*Workbench).hasDocument},
		{name: "Filter documents", menu: "Document", keys: []fyne.Shortcut{keyFilter},
			helpKeys: "Ctrl+L", help: "filter the document list (Enter opens the first document shown)",
			run: func(w *Workbench) { w.win.Canvas().Focus(w.docs.filter) }},
		{name: "Next span", menu: "Document", sepBefore: true, keys: []fyne.Shortcut{keyNextSpan},
			helpKeys: "Ctrl+Down / Ctrl+Up", help: "next / previous span, in reading order",
			run: func(w *Workbench) { w.stepSpan(1, false) }, enabled: (*Workbench).hasDocument},
		{name: "Previous span", menu: "Document", keys: []fyne.Shortcut{keyPrevSpan},
			run: func(w *Workbench) { w.stepSpan(-1, false) }, enabled: (*Workbench).hasDocument},
		{name: "Next span of this layer", menu: "Document", keys: []fyne.Shortcut{keyNextOfLayer},
			helpKeys: "Ctrl+Shift+Down / Up", help: "next / previous span of the selected span's layer",
			run: func(w *Workbench) { w.stepSpan(1, true) }, enabled: (*Workbench).hasDocument},
		{name: "Previous span of this layer", menu: "Document", keys: []fyne.Shortcut{keyPrevOfLayer},
			run: func(w *Workbench) { w.stepSpan(-1, true) }, enabled: (*Workbench).hasDocument},
		{name: "Next span to fill in", menu: "Document", keys: []fyne.Shortcut{keyToFill},
			helpKeys: "Ctrl+J", help: "the next of your spans with an attribute still to fill",
			run: (*Workbench).nextToFill, enabled: (*Workbench).hasDocument},
		{name: "Start of the article", menu: "Document", keys: []fyne.Shortcut{keyTop},
			helpKeys: "Ctrl+Home / Ctrl+End", help: "the start / end of the article",
			run: func(w *Workbench) { w.articleEnd(false) }, enabled: (*Workbench).hasDocument},
		{name: "End of the article", menu: "Document", keys: []fyne.Shortcut{keyBottom},
			run: func(w *Workbench) { w.articleEnd(true) }, enabled: (*Workbench).hasDocument},
		{name: cmdNewActor, menu: "Document", sepBefore: true, keys: []fyne.Shortcut{keyNewActor},
			helpKeys: "Ctrl+K", help: "with your actor span selected: a new actor in the registry, named by the span's text, linked to it",
			run: func(w *Workbench) { w.session.newActorFromSpan() }, enabled: (*Workbench).actorSpanSelected},
		{name: cmdLinkActor, menu: "Document", keys: []fyne.Shortcut{keyLinkActor},
			helpKeys: "Ctrl+Shift+K", help: "with your actor span selected: link it to the registry actor that matches it best (the card lists the others)",
			run: func(w *Workbench) { w.session.linkBestActor() }, enabled: (*Workbench).actorSpanSelected},

		// Suggestions (ghost spans): Tab, Enter and Delete act on them in the
		// article (keys.go); the menu items run the same.
		{name: cmdNextSuggestion, menu: "Suggest",
			helpKeys: "Tab / Shift+Tab", help: "in the article: next / previous suggestion (ghost span), selected",
			run: func(w *Workbench) { w.stepSuggestion(1) }, enabled: (*Workbench).hasSuggestions},
		{name: cmdPrevSuggestion, menu: "Suggest",
			run: func(w *Workbench) { w.stepSuggestion(-1) }, enabled: (*Workbench).hasSuggestions},
		{name: cmdAcceptSuggestion, menu: "Suggest", sepBefore: true,
			helpKeys: "Enter", help: "accept the selected suggestion: it becomes your span, recording where it came from",
			run: (*Workbench).acceptSuggestion, enabled: (*Workbench).ghostSelected},
		{name: cmdRejectSuggestion, menu: "Suggest",
			helpKeys: "Delete (a suggestion selected)", help: "reject the selected suggestion: it does not come back for this document",
			run: (*Workbench).rejectSuggestion, enabled: (*Workbench).ghostSelected},
		{name: cmdAcceptAll, menu: "Suggest", keys: []fyne.Shortcut{keyAcceptAll},
			helpKeys: "Ctrl+Shift+A", help: "accept every suggestion in the document at or above the threshold (80 % unless set in Suggestion settings)",
			run: (*Workbench).acceptAllSuggestions, enabled: (*Workbench).hasSuggestions},

		{name: cmdSuggestWithModel, menu: "Suggest", sepBefore: true,
			help: "ask the local model set in Suggestion settings about this document or all of them; its suggestions join the ghost spans",
			run:  (*Workbench).suggestWithModel, enabled: (*Workbench).hasDocument},
		{name: cmdSuggestSettings, menu: "Suggest",
			run: (*Workbench).suggestionSettings},

		{name: cmdShowSuggestions, menu: "View",
			run:     func(w *Workbench) { w.setShowSuggestions(!w.prefs.showSuggestions()) },
			checked: func(w *Workbench) bool { return w.prefs.showSuggestions() }},
		{name: "Show other annotators' spans", menu: "View",
			run:     func(w *Workbench) { w.setShowOthers(!w.prefs.showOthers()) },
			checked: func(w *Workbench) bool { return w.prefs.showOthers() }},
		{name: cmdShowNames, menu: "View",
			run:     func(w *Workbench) { w.setShowNames(!w.prefs.showNames()) },
			checked: func(w *Workbench) bool { return w.prefs.showNames() }},
		{name: cmdShowRelations, menu: "View",
			run:     func(w *Workbench) { w.setShowRelations(!w.prefs.showRelations()) },
			checked: func(w *Workbench) bool { return w.prefs.showRelations() }},
		themeCommand("Follow the system theme", themeSystem, true),
		themeCommand("Light theme", themeLight, false),
		themeCommand("Dark theme", themeDark, false),
		{name: "Larger text", menu: "View", sepBefore: true, keys: []fyne.Shortcut{keyBigger},
			helpKeys: "Ctrl+= / Ctrl+- / Ctrl+0", help: "larger / smaller / default text",
			run: func(w *Workbench) { w.setTextSize(w.textSize + textSizeStep) }},
		{name: "Smaller text", menu: "View", keys: []fyne.Shortcut{keySmaller},
			run: func(w *Workbench) { w.setTextSize(w.textSize - textSizeStep) }},
		{name: "Default text size", menu: "View", keys: []fyne.Shortcut{keyReset},
			run: func(w *Workbench) { w.setTextSize(defaultTextSize) }},

		{name: "New project…", menu: "File", run: (*Workbench).newProjectDialog},
		{name: "Open project…", menu: "File", keys: []fyne.Shortcut{keyOpen},
			helpKeys: "Ctrl+O, Ctrl+I, Ctrl+E", help: "open a project, import, export",
			run: (*Workbench).openProjectDialog},
		{name: "Recent", menu: "File", submenu: (*Workbench).recentItems},
		{name: cmdSwitchAnnotator, menu: "File", sepBefore: true, run: (*Workbench).switchAnnotatorDialog},
		{name: "Import…", menu: "File", sepBefore: true, keys: []fyne.Shortcut{keyImport}, run: (*Workbench).importDialog},
		{name: "Import folder…", menu: "File", run: (*Workbench).importFolderDialog},
		{name: cmdMerge, menu: "File", run: (*Workbench).mergeForm},
		{name: "Export…", menu: "File", keys: []fyne.Shortcut{keyExport}, run: (*Workbench).exportForm},

		{name: "Edit schema…", menu: "Project", run: (*Workbench).editSchema},
		{name: "Guidelines", menu: "Project", run: (*Workbench).showGuidelines,
			checked: (*Workbench).guidelinesShown},
		{name: cmdCurate, menu: "Project", sepBefore: true, keys: []fyne.Shortcut{keyCurate},
			helpKeys: "Ctrl+G", help: "curate: settle the annotators' disputes into the gold layer, in a window of its own (there: " + curationHelp + ")",
			run: (*Workbench).openCuration},
		{name: cmdAnalysis, menu: "Project", keys: []fyne.Shortcut{keyAnalysis},
			helpKeys: "Ctrl+Shift+R", help: "Analysis: the report's tables and charts, filtered by annotator, source, dates and layer; a count lists its spans",
			run: (*Workbench).showAnalysis},
		{name: cmdAgreement, menu: "Project", run: (*Workbench).showAgreement},

		{name: "Keyboard shortcuts", menu: "Help", keys: []fyne.Shortcut{keyShortcut},
			helpKeys: "Ctrl+/", help: "this list",
			run: (*Workbench).showShortcuts},
		{name: "About frametag", menu: "Help", run: (*Workbench).showAbout},
	}
}

// themeCommand is a View menu theme choice; sepBefore starts the group.
func themeCommand(name, choice string, sepBefore bool) command {
	return command{name: name, menu: "View", sepBefore: sepBefore,
		run:     func(w *Workbench) { w.setTheme(choice) },
		checked: func(w *Workbench) bool { return w.prefs.theme() == choice }}
}

// command finds a command of the table by name.
func (w *Workbench) command(name string) (command, bool) {
	for _, c := range w.commands {
		if c.name == name && c.run != nil {
			return c, true
		}
	}
	return command{}, false
}

// canRun reports whether the named command may run now.
func (w *Workbench) canRun(name string) bool {
	c, ok := w.command(name)
	return ok && (c.enabled == nil || c.enabled(w))
}

// runCommand runs the named command, if it may run now: the one road a menu
// item, a shortcut and a panel button take.
func (w *Workbench) runCommand(name string) {
	c, ok := w.command(name)
	if !ok {
		panic("no command " + name) // a typo in the code, not a user's doing
	}
	w.run(c)
}

func (w *Workbench) run(c command) {
	if c.enabled == nil || c.enabled(w) {
		c.run(w)
	}
}

// mainMenu builds the menu bar from the commands table. It is rebuilt when
// the recent projects or the theme change, so the check marks and the
// Recent list stay current.
func (w *Workbench) mainMenu() *fyne.MainMenu {
	w.gated = w.gated[:0]
	menus := make([]*fyne.Menu, 0, len(menuBar))
	for _, name := range menuBar {
		m := fyne.NewMenu(name)
		for _, c := range w.commands {
			if c.menu != name {
				continue
			}
			if c.sepBefore && len(m.Items) > 0 {
				m.Items = append(m.Items, fyne.NewMenuItemSeparator())
			}
			m.Items = append(m.Items, w.menuItem(c))
		}
		menus = append(menus, m)
	}
	return fyne.NewMainMenu(menus...)
}

func (w *Workbench) menuItem(c command) *fyne.MenuItem {
	if c.submenu != nil {
		it := fyne.NewMenuItem(c.name, nil)
		it.ChildMenu = fyne.NewMenu("", c.submenu(w)...)
		return it
	}
	it := fyne.NewMenuItem(c.name, func() { w.run(c) })
	if len(c.keys) > 0 {
		it.Shortcut = c.keys[0]
	}
	if c.checked != nil {
		it.Checked = c.checked(w)
	}
	if c.enabled != nil {
		it.Disabled = !c.enabled(w)
		w.gated = append(w.gated, gatedItem{it, c.enabled})
	}
	return it
}

// gatedItem is a menu item whose command can run only at times.
type gatedItem struct {
	item    *fyne.MenuItem
	enabled func(w *Workbench) bool
}

// greyMenuItems greys out the menu items whose command cannot run now, so a
// menu shows what a click would do. A menu reads its items when it opens,
// so setting the flag is enough; nothing is redrawn here.
func (w *Workbench) greyMenuItems() {
	for _, g := range w.gated {
		g.item.Disabled = !g.enabled(w)
	}
}

// recentItems is File → Recent: the projects opened lately.
func (w *Workbench) recentItems() []*fyne.MenuItem {
	var items []*fyne.MenuItem
	for _, p := range w.prefs.recent() {
		path := p
		items = append(items, fyne.NewMenuItem(filepath.Base(path)+" — "+filepath.Dir(path), func() { w.openProjectPath(path) }))
	}
	if len(items) == 0 {
		none := fyne.NewMenuItem("(none yet)", nil)
		none.Disabled = true
		items = append(items, none)
	}
	return items
}

// installShortcuts registers every command's keys on the canvas.
func (w *Workbench) installShortcuts() {
	c := w.win.Canvas()
	for _, cmd := range w.commands {
		for _, k := range cmd.keys {
			c.AddShortcut(k, func(fyne.Shortcut) { w.run(cmd) })
		}
	}
}

// helpRows are the rows of Help → Keyboard shortcuts: keys, then what they do.
func (w *Workbench) helpRows() [][2]string {
	var rows [][2]string
	for _, c := range w.commands {
		if c.helpKeys != "" {
			rows = append(rows, [2]string{c.helpKeys, c.help})
		}
	}
	return rows
}
