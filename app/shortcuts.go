package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"frametag/annotate"
)

// Workbench keys. Label keys are plain letters and digits (the schema's), so
// every workbench command takes Ctrl, or is a key a label can never be
// (Delete, Escape).
var (
	keyRedo     = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyDone     = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault}
	keySkip     = &desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	keyNext     = &desktop.CustomShortcut{KeyName: fyne.KeyPageDown, Modifier: fyne.KeyModifierShortcutDefault}
	keyPrev     = &desktop.CustomShortcut{KeyName: fyne.KeyPageUp, Modifier: fyne.KeyModifierShortcutDefault}
	keyFilter   = &desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault}
	keyBigger   = &desktop.CustomShortcut{KeyName: fyne.KeyEqual, Modifier: fyne.KeyModifierShortcutDefault}
	keySmaller  = &desktop.CustomShortcut{KeyName: fyne.KeyMinus, Modifier: fyne.KeyModifierShortcutDefault}
	keyReset    = &desktop.CustomShortcut{KeyName: fyne.Key0, Modifier: fyne.KeyModifierShortcutDefault}
	keyOpen     = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	keyImport   = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}
	keyExport   = &desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}
	keyShortcut = &desktop.CustomShortcut{KeyName: fyne.KeySlash, Modifier: fyne.KeyModifierShortcutDefault}
)

// keyHelp is the Help → Keyboard shortcuts table; README's "Using the
// workbench" repeats it.
var keyHelp = [][2]string{
	{"a label's key (a–z, 0–9)", "with text selected: label it at once"},
	{"drag", "select text (snaps to words)"},
	{"Alt+drag", "select exact characters"},
	{"double-click", "select a word"},
	{"Shift+arrows", "extend the selection"},
	{"click a span", "select it; the panel shows it"},
	{"Ctrl+drag", "with a span selected: add a fragment (discontinuous span)"},
	{"L", "with a span selected and no text selected: link it; then click the other span"},
	{"Escape", "close the dialog; cancel linking; clear the text selection, then the selected span (in the note: give up the typing; in the filter: back to the article)"},
	{"Delete / Backspace", "delete the selected span"},
	{"Ctrl+Z", "undo the last edit (in a text field: the typing)"},
	{"Ctrl+Shift+Z, Ctrl+Y", "redo"},
	{"Ctrl+Enter", "mark the document done and open the next"},
	{"Ctrl+Shift+Enter", "skip the document and open the next"},
	{"Ctrl+Page Down", "next document"},
	{"Ctrl+Page Up", "previous document"},
	{"Ctrl+F", "filter the document list (Enter opens the first document shown)"},
	{"Ctrl+= / Ctrl+- / Ctrl+0", "larger / smaller / default text"},
	{"Ctrl+O, Ctrl+I, Ctrl+E", "open a project, import, export"},
	{"Ctrl+/", "this list"},
}

// installShortcuts registers the workbench keys on the canvas. Menu items
// carry the same shortcuts so menus show them; the desktop driver then runs
// the menu item, and the canvas registration serves keys that are not in a
// menu and the headless test driver.
func (w *Workbench) installShortcuts() {
	c := w.win.Canvas()
	add := func(s fyne.Shortcut, fn func()) { c.AddShortcut(s, func(fyne.Shortcut) { fn() }) }
	// The desktop driver reports Ctrl+Z and Ctrl+Y as the standard undo and
	// redo shortcuts, Ctrl+Shift+Z as a custom one.
	add(&fyne.ShortcutUndo{}, w.undoKey)
	add(&fyne.ShortcutRedo{}, w.redoKey)
	add(keyRedo, w.redoKey)
	add(keyDone, func() { w.finish(annotate.StatusDone) })
	add(keySkip, func() { w.finish(annotate.StatusSkipped) })
	add(keyNext, func() { w.nextDocument(1) })
	add(keyPrev, func() { w.nextDocument(-1) })
	add(keyFilter, func() { c.Focus(w.docs.filter) })
	add(keyBigger, func() { w.setTextSize(w.textSize + textSizeStep) })
	add(keySmaller, func() { w.setTextSize(w.textSize - textSizeStep) })
	add(keyReset, func() { w.setTextSize(defaultTextSize) })
	add(keyOpen, w.openProjectDialog)
	add(keyImport, w.importDialog)
	add(keyExport, w.exportDialog)
	add(keyShortcut, w.showShortcuts)
}

// setTextSize changes the article's text size and remembers it.
func (w *Workbench) setTextSize(s float32) {
	s = min(max(s, minTextSize), maxTextSize)
	w.textSize = s
	w.view.SetTextSize(s)
	w.prefs.setTextSize(s)
}

// textField is a focused widget that edits text (an Entry) and so has its
// own undo.
type textField interface {
	fyne.Shortcutable
	SelectedText() string
}

// focusedField is the text field that has the keyboard, if any; the article
// view does not count, its selection is not typing.
func (w *Workbench) focusedField() (textField, bool) {
	f := w.win.Canvas().Focused()
	if f == nil || f == fyne.Focusable(w.view) {
		return nil, false
	}
	tf, ok := f.(textField)
	return tf, ok
}

// undoKey is Ctrl+Z (Edit → Undo): while typing in a text field it undoes
// the typing, as in any editor; anywhere else the project's last edit.
func (w *Workbench) undoKey() {
	if f, ok := w.focusedField(); ok {
		f.TypedShortcut(&fyne.ShortcutUndo{})
		return
	}
	w.undo()
}

// redoKey is Ctrl+Shift+Z or Ctrl+Y, likewise.
func (w *Workbench) redoKey() {
	if f, ok := w.focusedField(); ok {
		f.TypedShortcut(&fyne.ShortcutRedo{})
		return
	}
	w.redo()
}
