package app

import (
	"fmt"
	"net/url"

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
func (w *Workbench) showGuidelines() { w.setGuidelinesShown(!w.guidelinesShown()) }

// guidelinesShown reports whether the guidelines pane is open.
func (w *Workbench) guidelinesShown() bool {
	return w.guides != nil && w.articleArea.Objects[0] != fyne.CanvasObject(w.view)
}

// setGuidelinesShown opens or closes the guidelines pane beside the
// article; the article keeps the keyboard.
func (w *Workbench) setGuidelinesShown(on bool) {
	if on == w.guidelinesShown() {
		return
	}
	if !on {
		w.articleArea.Objects = []fyne.CanvasObject{w.view}
		w.articleArea.Refresh()
		w.win.Canvas().Focus(w.view)
		w.win.SetMainMenu(w.mainMenu()) // the check mark
		return
	}
	if w.guides == nil {
		w.guides = newGuidelinesPane(w.session, func(segs []widget.RichTextSegment) { markdown.OnLinks(segs, w.askToOpen) },
			func() { w.setGuidelinesShown(false) })
	}
	split := container.NewHSplit(w.view, w.guides)
	split.SetOffset(0.62)
	w.articleArea.Objects = []fyne.CanvasObject{split}
	w.articleArea.Refresh()
	w.win.Canvas().Focus(w.view)
	w.win.SetMainMenu(w.mainMenu())
	w.say("The guidelines are open beside the article; Project → Guidelines or × closes them.")
}

// askToOpen asks before it opens a guideline link (http, https or mailto:
// markdown.Allowed) in the browser or mail program; the project file the
// link came from may be anyone's.
func (w *Workbench) askToOpen(u *url.URL) {
	if !markdown.Allowed(u) {
		return
	}
	what := "Open this link in your browser?"
	if u.Scheme == "mailto" {
		what = "Write to this address in your mail program?"
	}
	lbl := widget.NewLabel(what + "\n\n" + u.String())
	lbl.Wrapping = fyne.TextWrapBreak
	d := dialog.NewCustomConfirm("Open link", "Open", "Cancel", lbl, func(ok bool) {
		if ok {
			_ = w.app.OpenURL(u)
		}
	}, w.win)
	d.Resize(fyne.NewSize(480, 0))
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
