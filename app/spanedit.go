package app

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"

	"frametag/annotate"
)

// Fixing a span without losing it: its ends move, its label changes, a
// fragment goes; each is one UpdateSpan edit (undoable), so the span keeps
// its id, attributes, note and relations.

// moveKey is a Shift+arrow the article view offers while no text is
// selected: with a span selected it moves the span's end (Ctrl: its start),
// by words, or by characters with Alt.
func (w *Workbench) moveKey(key fyne.KeyName, mods fyne.KeyModifier) bool {
	if w.session.selectedID() == "" || w.session.currentMode() != modeLabelling {
		return false
	}
	dir := 1
	if key == fyne.KeyLeft {
		dir = -1
	}
	w.moveSpanEdge(mods&fyne.KeyModifierShortcutDefault != 0, dir, mods&fyne.KeyModifierAlt != 0)
	return true
}

// moveSpanEdge moves the selected span's start (atStart) or end one step in
// direction dir: to the next word boundary, or the next character when
// exact. A span never becomes empty.
func (w *Workbench) moveSpanEdge(atStart bool, dir int, exact bool) bool {
	sp, ok := w.session.selectedSpan()
	if !ok || len(sp.Fragments) == 0 || w.refusedOthers(sp, "Not moved") {
		return false
	}
	frags := slices.Clone(sp.Fragments)
	first, last := &frags[0], &frags[len(frags)-1]
	edge := "end"
	if atStart {
		edge = "start"
		to := w.view.Boundary(first.Start, dir, exact, true)
		if to >= first.End || to == first.Start {
			w.say("The span's start cannot move further that way.")
			return false
		}
		first.Start = to
	} else {
		to := w.view.Boundary(last.End, dir, exact, false)
		if to <= last.Start || to == last.End {
			w.say("The span's end cannot move further that way.")
			return false
		}
		last.End = to
	}
	return w.reshapeEdge(frags, edge)
}

// reshapeEdge gives the selected span frags, one of its ends (edge) moved,
// and says so.
func (w *Workbench) reshapeEdge(frags []annotate.Fragment, edge string) bool {
	if !w.session.reshape(frags) {
		return false
	}
	now, _ := w.session.selectedSpan()
	w.say(fmt.Sprintf("Moved the %s: now “%s”. Ctrl+Z moves it back.", edge, preview(w.session.spanText(now), 60)))
	return true
}

// edgeDragged is a handle at the selected span's start (atStart) or end
// dragged in the article to cp: the same edit as Shift+arrows.
func (w *Workbench) edgeDragged(id string, atStart bool, cp int) {
	sp, ok := w.session.selectedSpan()
	if !ok || sp.ID != id || len(sp.Fragments) == 0 || w.session.currentMode() != modeLabelling || w.refusedOthers(sp, "Not moved") {
		return
	}
	frags := slices.Clone(sp.Fragments)
	first, last := &frags[0], &frags[len(frags)-1]
	edge := "end"
	if atStart {
		edge = "start"
		if cp >= first.End {
			w.say("The span's start cannot move past the end of its first fragment.")
			return
		}
		first.Start = cp
	} else {
		if cp <= last.Start {
			w.say("The span's end cannot move before the start of its last fragment.")
			return
		}
		last.End = cp
	}
	w.reshapeEdge(frags, edge)
}

// relabelKey is a label's key pressed with no text selected: it relabels the
// selected span when the label is of its layer, and says why not otherwise.
func (w *Workbench) relabelKey(ref labelRef) {
	sp, ok := w.session.selectedSpan()
	switch {
	case !ok:
		w.say(fmt.Sprintf("Select some text first (drag over it), then press the key for %s.", shownName(ref.label)))
	case sp.Layer != ref.layer:
		w.say(relabelRefusal(sp, ref) + fmt.Sprintf(": select text to make a new %s span.", shownName(ref.label)))
	case sp.Label == ref.label:
		w.say(relabelRefusal(sp, ref) + ".")
	case w.refusedOthers(sp, "Not relabelled"):
	default:
		if w.session.relabel(sp, ref.label) {
			w.say(fmt.Sprintf("Relabelled as %s (was %s). Ctrl+Z puts it back.", shownName(ref.label), shownName(sp.Label)))
		}
	}
}

// relabelRefusal says why a label's key does not relabel sp ("" when it
// does): a label's key relabels a span only within its layer, and to
// another label. The workbench and the curation window both ask it.
func relabelRefusal(sp annotate.Span, ref labelRef) string {
	switch {
	case sp.Layer != ref.layer:
		return fmt.Sprintf("%s is a label of the %s layer, and the selected span is on %s", shownName(ref.label), ref.layer, sp.Layer)
	case sp.Label == ref.label:
		return "The span is already " + shownName(ref.label)
	}
	return ""
}

// addFragment is a Ctrl+drag with a span selected: the text becomes another
// fragment of it.
func (w *Workbench) addFragment(id string, f annotate.Fragment) {
	if sp, ok := w.session.span(id); ok && w.refusedOthers(sp, "No fragment added") {
		return
	}
	if w.session.addFragment(id, f) {
		sp, _ := w.session.selectedSpan()
		w.say(fmt.Sprintf("Added a fragment: the span now has %d. The card's − removes one.", len(sp.Fragments)))
	}
}

// removeFragment drops fragment i of the selected span.
func (w *Workbench) removeFragment(i int) {
	frags := w.session.selectedFragments()
	if i < 0 || i >= len(frags) {
		return
	}
	if sp, _ := w.session.selectedSpan(); w.refusedOthers(sp, "No fragment removed") {
		return
	}
	if len(frags) < 2 {
		w.say("A span keeps at least one fragment: Delete removes the span.")
		return
	}
	if w.session.removeFragment(i) {
		w.say(fmt.Sprintf("Removed fragment %d. Ctrl+Z puts it back.", i+1))
	}
}
