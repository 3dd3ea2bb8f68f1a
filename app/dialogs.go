package app

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// showError tells what went wrong and what was kept.
func (w *Workbench) showError(what string, err error, kept string) {
	msg := widget.NewLabel(errorMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	keptLbl := widget.NewLabelWithStyle(kept, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	keptLbl.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(what, "OK", container.NewVBox(msg, keptLbl), w.win)
	d.Resize(fyne.NewSize(520, 0))
	w.show(d)
}

func (w *Workbench) showInfo(title, text string) {
	lbl := widget.NewLabel(text)
	lbl.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(title, "OK", lbl, w.win)
	d.Resize(fyne.NewSize(480, 0))
	w.show(d)
}

func (w *Workbench) dialogSize() fyne.Size {
	s := w.win.Canvas().Size()
	return fyne.NewSize(min(s.Width*0.9, 900), min(s.Height*0.9, 640))
}

// plural is "1 span", "2 spans".
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// dismissable is what Escape needs of a dialog; dialog.Dialog and
// *dialog.FileDialog both have it.
type dismissable interface {
	Show()
	Dismiss()
}

// shownDialog is an overlay Escape may close, and how to close it.
type shownDialog struct {
	overlay fyne.CanvasObject
	close   func()
}

// show shows d and lets Escape close it (as its Cancel or Close button
// would). Progress dialogs are shown without it: Escape does not hide work.
func (w *Workbench) show(d dismissable) {
	d.Show()
	w.escapable(w.win.Canvas().Overlays().Top(), d.Dismiss)
}

// escapable lets Escape close overlay (the top one, just shown) with close.
func (w *Workbench) escapable(overlay fyne.CanvasObject, close func()) {
	if overlay == nil {
		return
	}
	// forget the overlays that have gone
	open := w.win.Canvas().Overlays().List()
	w.dialogs = slices.DeleteFunc(w.dialogs, func(x shownDialog) bool { return !slices.Contains(open, x.overlay) })
	w.dialogs = append(w.dialogs, shownDialog{overlay: overlay, close: close})
}

// closeTopDialog closes the topmost overlay when it is one the workbench
// showed as escapable, and reports whether it did.
func (w *Workbench) closeTopDialog() bool {
	top := w.win.Canvas().Overlays().Top()
	if top == nil {
		return false
	}
	for i := len(w.dialogs) - 1; i >= 0; i-- {
		if w.dialogs[i].overlay == top {
			close := w.dialogs[i].close
			w.dialogs = slices.Delete(w.dialogs, i, i+1)
			close()
			return true
		}
	}
	return false
}
