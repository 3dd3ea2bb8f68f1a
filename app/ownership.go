package app

import (
	"fmt"

	"frametag/annotate"
)

// Another annotator's span can be read and copied, never changed: the
// domain refuses the change (annotate's ownership rule); the window says so
// in words before a key gets that far, and offers the copy.

// copyKey copies the selected span, someone else's, into one's own layer
// (with no text selected; with text selected a label's key C labels it).
const copyKey = 'c'

// refusedOthers says in the hint line why an action on sp is not done when
// sp is someone else's ("Not deleted: this span is bob's; press C to copy
// it into your layer.") and reports whether it was.
func (w *Workbench) refusedOthers(sp annotate.Span, not string) bool {
	if w.session.owns(sp) {
		return false
	}
	w.say(fmt.Sprintf("%s: this span is %s's; press C to copy it into your layer.", not, sp.Annotator))
	return true
}

// selectedIsOthers reports whether the selected span is another annotator's.
func (w *Workbench) selectedIsOthers() bool {
	sp, ok := w.session.selectedSpan()
	return ok && !w.session.owns(sp)
}

// copySelected makes the selected span, another annotator's, one's own:
// a copy in one's layer, undoable; a refusal (one's own span in the way on
// a layer without overlaps) is said in the hint line.
func (w *Workbench) copySelected() {
	sp, ok := w.session.selectedSpan()
	switch {
	case !ok:
		w.say("Select another annotator's span first (click it), then press C to copy it into your layer.")
		return
	case w.session.owns(sp):
		w.say("This span is already yours. C copies another annotator's span into your layer.")
		return
	}
	if mine, ok := w.session.ownCopy(sp); ok {
		w.session.selectSpan(mine.ID, true)
		w.say(fmt.Sprintf("You already have this %s span: it is selected now.", shownName(sp.Label)))
		return
	}
	cp, rels, err := w.session.copySpan(sp)
	if err != nil {
		w.say(fmt.Sprintf("Not copied: %s's %s span: %s", sp.Annotator, shownName(sp.Label), errorMessage(err)))
		return
	}
	with := ""
	if rels > 0 {
		with = fmt.Sprintf(", with %s to spans you copied before", plural(rels, "relation"))
	}
	w.say(fmt.Sprintf("Copied %s's %s span “%s” into your layer%s. Ctrl+Z takes the copy back.",
		sp.Annotator, shownName(cp.Label), preview(w.session.spanText(cp), 40), with))
}
