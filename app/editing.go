package app

import (
	"fmt"

	"frametag/annotate"
	"frametag/app/schemaedit"
)

// The workbench's side of editing: it turns what the user does into session
// actions and says in the hint line what happened. The session makes the
// edits; the views show them.

// createSpan labels the text selected in the article.
func (w *Workbench) createSpan(ref labelRef) bool {
	start, end, ok := w.view.Selection()
	if !ok {
		return false
	}
	sp, ok := w.session.label(ref, start, end)
	if !ok {
		return false
	}
	w.view.ClearSelection()
	hint := fmt.Sprintf("Labelled “%s” as %s.", preview(w.session.spanText(sp), 40), shownName(ref.label))
	if len(w.session.relationTypesOf(ref.layer)) > 0 {
		hint += " L links it to another span."
	}
	w.say(hint)
	return true
}

// labelChosen is a tap on a label button: it labels the selected text, or
// else relabels the selected span when the label is of its layer.
func (w *Workbench) labelChosen(ref labelRef) {
	if w.createSpan(ref) {
		return
	}
	if sp, ok := w.session.selectedSpan(); ok && sp.Layer == ref.layer {
		if !w.refusedOthers(sp, "Not relabelled") {
			w.session.relabel(sp, ref.label)
		}
		return
	}
	w.say("Select some text in the article first, then choose " + shownName(ref.label) + ".")
}

// spanTapped is a click on a span in the article: in link mode it completes
// the relation, otherwise it selects the span.
func (w *Workbench) spanTapped(id string) {
	switch {
	case w.session.currentMode() == modeLinking && id != "":
		w.completeLink(id)
	case isGhost(id):
		if w.session.currentMode() == modeLinking {
			return // a suggestion is no end of a relation
		}
		w.session.selectGhost(id)
		w.sayGhost()
	case id == "":
		// A click on plain text deselects (and ends link mode).
		w.session.setModeQuietly(modeLabelling)
		w.session.selectSpan("", false)
		w.session.selectGhost("")
	default:
		w.session.selectSpan(id, false)
		if sp, ok := w.session.selectedSpan(); ok && !w.session.owns(sp) {
			w.say(fmt.Sprintf("Selected %s's %s span: yours to read, not to change. C copies it into your layer.", sp.Annotator, shownName(sp.Label)))
			return
		}
		w.say("Selected. Change it below; Delete removes it.")
	}
}

func (w *Workbench) textSelected(start, end int) {
	if end > start {
		w.say(fmt.Sprintf("Selected %d characters: press a label's key or click a label.", end-start))
		return
	}
	w.say(idleHint)
}

// undo and redo walk the annotator's edit log; an edit on another document
// opens that document.
func (w *Workbench) undo() { w.history("undo", w.session.undo) }
func (w *Workbench) redo() { w.history("redo", w.session.redo) }

func (w *Workbench) history(what string, step func() (annotate.Edit, bool, error)) {
	e, ok, err := step()
	switch {
	case err == errPending:
		// the status line says what it waits for; it shows when done
	case err != nil:
		w.showError("Could not "+what, err, "The project is unchanged.")
	case !ok:
		w.say("Nothing to " + what + ".")
	case what == "undo":
		// Undo returns the inverse it applied; name the edit the user made.
		w.say("Undone: " + e.Inverse().Describe())
	default:
		w.say("Redone: " + e.Describe())
	}
}

// finish marks the open document (done or skipped) and moves to the next.
func (w *Workbench) finish(s annotate.Status) {
	title := w.session.document().Title
	if w.session.setStatus(s) {
		w.nextDocument(1)
		w.say(fmt.Sprintf("Marked %s: %s", statusText(s), preview(title, 60)))
	}
}

// nextDocument opens the document step places away in the list as shown.
func (w *Workbench) nextDocument(step int) {
	if id, ok := w.docs.neighbour(w.session.document().ID, step); ok {
		w.openDocument(id)
		return
	}
	if step > 0 {
		w.say("This is the last document in the list.")
	} else {
		w.say("This is the first document in the list.")
	}
}

// editSchema opens the schema editor; a save is one undoable edit.
func (w *Workbench) editSchema() {
	before := w.session.currentSchema().Clone()
	// Escape closes it, asking first when there are unsaved changes.
	_, escape := schemaedit.ShowDialog(before, w.store, w.win, func(after annotate.Schema, renames []annotate.LabelRename) error {
		return w.saveSchema(before, after, renames)
	})
	w.escapable(w.win.Canvas().Overlays().Top(), escape)
}

func (w *Workbench) saveSchema(before, after annotate.Schema, renames []annotate.LabelRename) error {
	if err := w.session.saveSchema(before, after, renames); err != nil {
		return err
	}
	w.say("Schema saved. Edit → Undo restores the previous one.")
	return nil
}
