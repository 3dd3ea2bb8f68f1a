package app

import (
	"strings"

	"fyne.io/fyne/v2"
)

// Keys that are not shortcuts: a label's key, L, Delete, Escape. The
// commands table lists them for Help; they are handled here because what
// they do depends on what is selected.

// typedRune handles plain keys: a label's key labels the selected text, or
// with no text selected relabels the selected span; L links the selected
// span when no text is selected.
func (w *Workbench) typedRune(r rune) {
	if w.win.Canvas().Overlays().Top() != nil {
		return // a dialog is open: keys are not for the article behind it
	}
	lr := []rune(strings.ToLower(string(r)))[0]
	if _, _, ok := w.view.Selection(); ok {
		if ref, ok := w.keys[lr]; ok {
			w.createSpan(ref)
		}
		return
	}
	if lr == 'l' && w.session.selectedID() != "" {
		w.startLink()
		return
	}
	if _, label := w.keys[lr]; lr == copyKey && (w.selectedIsOthers() || !label) {
		// C copies someone else's span (their span cannot be relabelled
		// anyway); with one's own selected, a label's key C relabels it
		w.copySelected()
		return
	}
	if ref, ok := w.keys[lr]; ok {
		w.relabelKey(ref)
	}
}

// typedKey handles Delete, Backspace and Escape when no entry has focus.
func (w *Workbench) typedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if w.closeTopDialog() {
			return
		}
		if w.session.currentMode() == modeLinking {
			w.cancelLink()
			return
		}
		if _, _, ok := w.view.Selection(); ok {
			w.view.ClearSelection()
			w.say(idleHint)
			return
		}
		if w.session.selectedID() != "" {
			w.session.selectSpan("", false)
			w.say(idleHint)
		}
		if w.session.ghost != "" {
			w.session.selectGhost("")
			w.say(idleHint)
		}
	case fyne.KeyDelete, fyne.KeyBackspace:
		if w.win.Canvas().Overlays().Top() != nil {
			return
		}
		if w.ghostSelected() {
			w.rejectSuggestion()
			return
		}
		if sp, ok := w.session.selectedSpan(); ok && !w.refusedOthers(sp, "Not deleted") {
			w.session.deleteSelected()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if w.win.Canvas().Overlays().Top() == nil && w.ghostSelected() {
			w.acceptSuggestion()
		}
	}
}

// tabKey is Tab (Shift+Tab: back) in the article: the next (previous)
// suggestion. It reports whether there was one.
func (w *Workbench) tabKey(back bool) bool {
	if w.win.Canvas().Overlays().Top() != nil || !w.hasSuggestions() {
		return false
	}
	step := 1
	if back {
		step = -1
	}
	w.stepSuggestion(step)
	return true
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
