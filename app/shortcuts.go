package app

import (
	"fyne.io/fyne/v2"
)

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
