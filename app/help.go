package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"frametag/app/markdown"
)

// Dialogs to read: the guidelines (Project → Guidelines), the keyboard
// shortcuts and About (Help).

// showGuidelines shows the schema's guideline document.
func (w *Workbench) showGuidelines() {
	text := w.session.currentSchema().Guidelines
	if strings.TrimSpace(text) == "" {
		text = "This project's schema has no guidelines yet."
	}
	rt := widget.NewRichText(markdown.Segments(text)...)
	rt.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Guidelines — "+w.session.currentSchema().Name, "Close", container.NewVScroll(rt), w.win)
	d.Resize(w.dialogSize())
	w.show(d)
}

func (w *Workbench) showShortcuts() {
	// A form layout: each row as tall as its own text (a grid made every
	// row as tall as the longest description).
	grid := container.New(layout.NewFormLayout())
	for _, k := range w.helpRows() {
		grid.Add(widget.NewLabelWithStyle(k[0], fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		l := widget.NewLabel(k[1])
		l.Wrapping = fyne.TextWrapWord
		grid.Add(l)
	}
	d := dialog.NewCustom("Keyboard shortcuts", "Close", container.NewVScroll(grid), w.win)
	d.Resize(w.dialogSize())
	w.show(d)
}

func (w *Workbench) showAbout() {
	md := w.app.Metadata()
	version := md.Version
	if version == "" {
		version = "development build"
	}
	text := fmt.Sprintf("frametag %s\n\nA workbench for hand-labelling news articles: claims, actors, persuasion techniques and frames.\n\nProject: %s\nAnnotator: %s",
		version, w.store.Path(), w.annotator)
	w.showInfo("About frametag", text)
}
