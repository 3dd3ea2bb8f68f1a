package app

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// Who you are: the title bar names the annotator, and File → Switch
// annotator… reloads the window as someone else (their spans, statuses,
// document labels and undo history, which the store keeps by name).

// windowTitle is "frametag — team.frametag — alice".
func windowTitle(path, annotator string) string {
	return "frametag — " + filepath.Base(path) + " — " + annotator
}

// annotatorLister is a store that names everyone who annotated its project.
type annotatorLister interface {
	Annotators(ctx context.Context) ([]string, error)
}

// knownAnnotators are the project's annotators and the window's own, sorted;
// the adjudicated layer (gold) is no one to annotate as.
func (w *Workbench) knownAnnotators() []string {
	names := []string{w.annotator}
	if l, ok := w.store.(annotatorLister); ok {
		if got, err := l.Annotators(w.ctx()); err == nil {
			names = append(names, got...)
		}
	}
	slices.Sort(names)
	return slices.DeleteFunc(slices.Compact(names), func(n string) bool { return n == annotate.GoldAnnotator })
}

// switchAnnotatorDialog asks for a name, offering the project's annotators.
func (w *Workbench) switchAnnotatorDialog() {
	name := widget.NewSelectEntry(w.knownAnnotators())
	name.SetText(w.annotator)
	d := dialog.NewForm("Switch annotator", "Switch", "Cancel", []*widget.FormItem{
		{Text: "Annotate as", Widget: name,
			HintText: "Your spans, statuses, document labels and undo history are kept under this name."},
	}, func(ok bool) {
		if ok {
			w.switchAnnotator(name.Text)
		}
	}, w.win)
	d.Resize(fyne.NewSize(440, 0))
	w.show(d)
	w.win.Canvas().Focus(name)
}

// switchAnnotator reloads the window as annotator name: the document list
// with their statuses and counts, the open document with their spans as
// their own, their undo history. The choice is remembered.
func (w *Workbench) switchAnnotator(name string) {
	name = strings.TrimSpace(name)
	switch {
	case name == "":
		w.say("An annotator needs a name: nothing was switched.")
		return
	case name == w.annotator:
		w.say("You are annotating as " + name + " already.")
		return
	case name == annotate.GoldAnnotator:
		w.say(fmt.Sprintf("%q is the adjudicated layer, not an annotator: annotate under your own name and adjudicate with Project → Curate.", name))
		return
	}
	before := w.annotator
	w.setAnnotator(name)
	if err := w.setProject(w.store); err != nil {
		w.setAnnotator(before)
		w.showError("Could not switch annotator", err, "You are still annotating as "+before+".")
		return
	}
	w.prefs.setAnnotator(name)
	w.say(fmt.Sprintf("You are annotating as %s now (was %s): your spans, statuses and Undo are %s's.", name, before, name))
}

func (w *Workbench) setAnnotator(name string) {
	w.annotator = name
	w.session.setAnnotator(name)
}
