package app

import (
	"path/filepath"

	"fyne.io/fyne/v2"

	"frametag/annotate"
	"frametag/app/schemaedit"
)

// mainMenu builds the menu bar. It is rebuilt when the recent projects or
// the theme change, so the check marks and the Recent list stay current.
func (w *Workbench) mainMenu() *fyne.MainMenu {
	item := func(label string, fn func(), sc fyne.Shortcut) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		it.Shortcut = sc
		return it
	}

	recent := fyne.NewMenuItem("Recent", nil)
	recent.ChildMenu = fyne.NewMenu("")
	for _, p := range w.prefs.recent() {
		path := p
		recent.ChildMenu.Items = append(recent.ChildMenu.Items,
			fyne.NewMenuItem(filepath.Base(path)+" — "+filepath.Dir(path), func() { w.openProjectPath(path) }))
	}
	if len(recent.ChildMenu.Items) == 0 {
		none := fyne.NewMenuItem("(none yet)", nil)
		none.Disabled = true
		recent.ChildMenu.Items = append(recent.ChildMenu.Items, none)
	}

	file := fyne.NewMenu("File",
		fyne.NewMenuItem("New project…", w.newProjectDialog),
		item("Open project…", w.openProjectDialog, keyOpen),
		recent,
		fyne.NewMenuItemSeparator(),
		item("Import…", w.importDialog, keyImport),
		fyne.NewMenuItem("Import folder…", w.importFolderDialog),
		item("Export…", w.exportDialog, keyExport),
	)
	edit := fyne.NewMenu("Edit",
		item("Undo", w.undoKey, &fyne.ShortcutUndo{}),
		item("Redo", w.redoKey, keyRedo),
	)
	// The document commands sit in a menu too: the desktop driver runs a
	// menu's shortcuts whichever widget has the focus.
	document := fyne.NewMenu("Document",
		item("Mark done and open the next", func() { w.finish(annotate.StatusDone) }, keyDone),
		item("Skip and open the next", func() { w.finish(annotate.StatusSkipped) }, keySkip),
		fyne.NewMenuItemSeparator(),
		item("Next document", func() { w.nextDocument(1) }, keyNext),
		item("Previous document", func() { w.nextDocument(-1) }, keyPrev),
		item("Filter documents", func() { w.win.Canvas().Focus(w.docs.filter) }, keyFilter),
	)
	project := fyne.NewMenu("Project", w.projectItems()...)

	themeItem := func(label, choice string) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, func() { w.setTheme(choice) })
		it.Checked = w.prefs.theme() == choice
		return it
	}
	others := fyne.NewMenuItem("Show other annotators' spans", func() { w.setShowOthers(!w.prefs.showOthers()) })
	others.Checked = w.prefs.showOthers()
	view := fyne.NewMenu("View",
		others,
		fyne.NewMenuItemSeparator(),
		themeItem("Follow the system theme", themeSystem),
		themeItem("Light theme", themeLight),
		themeItem("Dark theme", themeDark),
		fyne.NewMenuItemSeparator(),
		item("Larger text", func() { w.setTextSize(w.textSize + textSizeStep) }, keyBigger),
		item("Smaller text", func() { w.setTextSize(w.textSize - textSizeStep) }, keySmaller),
		item("Default text size", func() { w.setTextSize(defaultTextSize) }, keyReset),
	)
	help := fyne.NewMenu("Help",
		item("Keyboard shortcuts", w.showShortcuts, keyShortcut),
		fyne.NewMenuItem("About frametag", w.showAbout),
	)
	return fyne.NewMainMenu(file, edit, document, project, view, help)
}

func (w *Workbench) projectItems() []*fyne.MenuItem {
	return []*fyne.MenuItem{
		fyne.NewMenuItem("Edit schema…", w.editSchema),
		fyne.NewMenuItem("Guidelines", w.showGuidelines),
	}
}

// editSchema opens the schema editor; a save is one undoable edit.
func (w *Workbench) editSchema() {
	before := w.schema.Clone()
	// Escape closes it, asking first when there are unsaved changes.
	_, escape := schemaedit.ShowDialog(before, w.store, w.win, func(after annotate.Schema, renames []annotate.LabelRename) error {
		return w.saveSchema(before, after, renames)
	})
	w.escapable(w.win.Canvas().Overlays().Top(), escape)
}

func (w *Workbench) saveSchema(before, after annotate.Schema, renames []annotate.LabelRename) error {
	done, err := w.store.Apply(annotate.SetSchema(before, after, renames, w.annotator))
	if err != nil {
		return err
	}
	w.applied(done)
	w.panel.setHint("Schema saved. Edit → Undo restores the previous one.")
	return nil
}

// setTheme applies and remembers a View menu theme choice.
func (w *Workbench) setTheme(choice string) {
	w.prefs.setTheme(choice)
	w.app.Settings().SetTheme(themeFor(choice))
	w.win.SetMainMenu(w.mainMenu())
}
