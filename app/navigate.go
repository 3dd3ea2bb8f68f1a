package app

import (
	"fmt"
	"slices"

	"frametag/annotate"
)

// Moving around the open document from the keyboard: the next or previous
// span in reading order (or of the selected span's layer), the next span
// with an attribute still to fill, the article's start and end; and a
// finished document reopened.

// stepSpan selects the span step places from the selected one in reading
// order among the spans shown (of the selected span's layer when
// sameLayer); with none selected, the first (or, backwards, the last).
func (w *Workbench) stepSpan(step int, sameLayer bool) {
	spans := w.session.shownSpans()
	cur, hasCur := w.session.selectedSpan()
	if sameLayer && hasCur {
		spans = slices.DeleteFunc(slices.Clone(spans), func(sp annotate.Span) bool { return sp.Layer != cur.Layer })
	}
	if len(spans) == 0 {
		w.say("This document has no spans yet.")
		return
	}
	i := slices.IndexFunc(spans, func(sp annotate.Span) bool { return sp.ID == cur.ID })
	switch {
	case i < 0 && step > 0:
		i = 0
	case i < 0:
		i = len(spans) - 1
	default:
		i += step
	}
	what := "span"
	if sameLayer && hasCur {
		what = cur.Layer + " span"
	}
	if i < 0 || i >= len(spans) {
		if step > 0 {
			w.say("This is the last " + what + ".")
		} else {
			w.say("This is the first " + what + ".")
		}
		return
	}
	w.goToSpan(spans[i], fmt.Sprintf("%s %d of %d", capitalised(what), i+1, len(spans)))
}

// goToSpan selects sp, brings it into sight and says which it is.
func (w *Workbench) goToSpan(sp annotate.Span, which string) {
	w.session.setModeQuietly(modeLabelling)
	w.session.selectSpan(sp.ID, true)
	w.say(fmt.Sprintf("%s: %s “%s”.", which, shownName(sp.Label), preview(w.session.spanText(sp), 50)))
}

func capitalised(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	if r[0] >= 'a' && r[0] <= 'z' {
		r[0] -= 'a' - 'A'
	}
	return string(r)
}

// toFill are the attributes of sp's layer with no value yet: choices,
// multi-choices and texts (a yes/no attribute left alone means no).
func (w *Workbench) toFill(sp annotate.Span) []string {
	l, ok := w.session.currentSchema().Layer(sp.Layer)
	if !ok {
		return nil
	}
	var out []string
	for _, a := range l.Attributes {
		if a.Kind == annotate.AttrBool {
			continue
		}
		if _, set := sp.Attrs[a.Name]; !set {
			out = append(out, a.Name)
		}
	}
	return out
}

// nextToFill selects the next of the annotator's spans, after the selected
// one in reading order and round to the top, with an attribute still to
// fill.
func (w *Workbench) nextToFill() {
	var own []annotate.Span
	for _, sp := range w.session.document().Spans {
		if sp.Annotator == w.annotator {
			own = append(own, sp)
		}
	}
	cur := slices.IndexFunc(own, func(sp annotate.Span) bool { return sp.ID == w.session.selectedID() })
	for k := 1; k <= len(own); k++ {
		sp := own[(cur+k+len(own))%len(own)]
		if cur < 0 {
			sp = own[k-1]
		}
		if missing := w.toFill(sp); len(missing) > 0 {
			if sp.ID == w.session.selectedID() {
				w.say(fmt.Sprintf("Only this span has attributes to fill: %s.", joinNames(missing)))
				return
			}
			w.goToSpan(sp, "To fill ("+joinNames(missing)+")")
			return
		}
	}
	w.say("Every span of yours here has all its attributes filled.")
}

func joinNames(names []string) string {
	if len(names) > 3 {
		return fmt.Sprintf("%s, %s, %s and %d more", names[0], names[1], names[2], len(names)-3)
	}
	out := ""
	for i, n := range names {
		switch {
		case i == 0:
		case i == len(names)-1:
			out += " and "
		default:
			out += ", "
		}
		out += n
	}
	return out
}

// articleEnd scrolls the article to its start (or end) and drops the
// selected span, so the keys start from there.
func (w *Workbench) articleEnd(end bool) {
	if !w.session.hasDocument() {
		return
	}
	w.session.selectSpan("", false)
	w.view.ClearSelection()
	if end {
		w.view.ScrollToOffset(annotate.CodePointLen(w.session.document().Text))
		w.say("The end of the article.")
		return
	}
	w.view.ScrollToOffset(0)
	w.say("The start of the article.")
}

// reopenDocument puts a finished (done or skipped) document back in
// progress: one edit of the status, not an undo of everything since.
func (w *Workbench) reopenDocument() {
	before := w.session.status()
	if w.session.setStatus(annotate.StatusInProgress) {
		w.say(fmt.Sprintf("Reopened: the document was %s, it is in progress again.", statusText(before)))
	}
}

// isFinished reports whether the open document is done or skipped.
func (w *Workbench) isFinished() bool {
	st := w.session.status()
	return w.session.hasDocument() && (st == annotate.StatusDone || st == annotate.StatusSkipped)
}
