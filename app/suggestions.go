package app

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"frametag/annotate"
	"frametag/annotate/suggest"
)

// The session's side of suggestions: the open document's ghost spans, the
// selected one, and accepting or rejecting it. Both are edits on the one
// road (accepting adds the annotator's span with its origin; rejecting is a
// reject_suggestion edit), so both are undone with Ctrl+Z. suggester.go
// computes the suggestions off the UI goroutine and hands them over with
// setSuggestions.

// ghostPrefix starts the ids of ghost spans in the article view; no span
// id made by frametag or read from a format starts with it.
const ghostPrefix = "\x00suggestion:"

// ghostID is the article view's id of a suggestion: its layer, label and
// stretch, which is also what a rejection remembers.
func ghostID(layer, label string, start, end int) string {
	return ghostPrefix + layer + "\x00" + label + "\x00" + strconv.Itoa(start) + "\x00" + strconv.Itoa(end)
}

func suggestionID(sg suggest.Suggestion) string { return ghostID(sg.Layer, sg.Label, sg.Start, sg.End) }

// isGhost reports whether an article id is a suggestion's.
func isGhost(id string) bool { return strings.HasPrefix(id, ghostPrefix) }

// ghostKey reads a suggestion's key back from its article id.
func ghostKey(id string) (suggest.Key, bool) {
	parts := strings.Split(strings.TrimPrefix(id, ghostPrefix), "\x00")
	if !isGhost(id) || len(parts) != 4 {
		return suggest.Key{}, false
	}
	start, err1 := strconv.Atoi(parts[2])
	end, err2 := strconv.Atoi(parts[3])
	return suggest.Key{Layer: parts[0], Label: parts[1], Start: start, End: end}, err1 == nil && err2 == nil
}

// compareSuggestions is the order of the session's suggestions: reading
// order, then layer and label.
func compareSuggestions(a, b suggest.Suggestion) int {
	return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End), cmp.Compare(a.Layer, b.Layer), cmp.Compare(a.Label, b.Label))
}

// indexOf finds the suggestion with a ghost id (a binary search: the list
// is in compareSuggestions order); -1 when there is none.
func (s *session) indexOf(id string) int {
	k, ok := ghostKey(id)
	if !ok {
		return -1
	}
	i, found := slices.BinarySearchFunc(s.suggestions, suggest.Suggestion{Layer: k.Layer, Label: k.Label, Start: k.Start, End: k.End}, compareSuggestions)
	if !found {
		return -1
	}
	return i
}

// shownSuggestions are the suggestions drawn: none while View → Show
// suggestions is off.
func (s *session) shownSuggestions() []suggest.Suggestion {
	if !s.showSuggestions {
		return nil
	}
	return s.suggestions
}

// suggestion is the open suggestion with the ghost id.
func (s *session) suggestion(id string) (suggest.Suggestion, bool) {
	i := s.indexOf(id)
	if i < 0 {
		return suggest.Suggestion{}, false
	}
	return s.suggestions[i], true
}

// selectedSuggestion is the selected ghost span, if any.
func (s *session) selectedSuggestion() (suggest.Suggestion, bool) {
	if s.ghost == "" {
		return suggest.Suggestion{}, false
	}
	return s.suggestion(s.ghost)
}

// origin says where a span accepted from a suggestion in this window came
// from ("suggest:learned"), "" for a span made by hand.
func (s *session) origin(spanID string) string { return s.origins[spanID] }

// setSuggestions replaces the open document's suggestions with those
// computed for doc (nothing when another document is open by now): the
// suggester has left out what was rejected or labelled, and sorted them
// (compareSuggestions).
func (s *session) setSuggestions(doc string, sugs []suggest.Suggestion) {
	if doc != s.doc.ID || !s.hasDocument() {
		return
	}
	if slices.Equal(sugs, s.suggestions) {
		return
	}
	s.suggestions = sugs
	if s.indexOf(s.ghost) < 0 {
		s.setGhost("")
	}
	s.note(suggestionsChanged{})
	s.announce()
}

// rejectedKeys are the annotator's rejections on the open document.
func (s *session) rejectedKeys() map[suggest.Key]bool {
	skip := map[suggest.Key]bool{}
	if s.state == nil {
		return skip
	}
	for _, r := range s.state.Rejections() {
		if r.Annotator == s.annotator {
			skip[suggest.Key{Layer: r.Layer, Label: r.Label, Start: r.Start, End: r.End}] = true
		}
	}
	return skip
}

// dropSuggestion takes one suggestion off the list (rejected).
func (s *session) dropSuggestion(id string) {
	i := s.indexOf(id)
	if i < 0 {
		return
	}
	s.suggestions = slices.Delete(slices.Clone(s.suggestions), i, i+1)
	if s.ghost == id {
		s.setGhost("")
	}
	s.note(suggestionsChanged{})
}

// dropSuggestionsUnder takes off the suggestions a new span of the
// annotator's covers in its layer, at once, before the suggester has
// caught up.
func (s *session) dropSuggestionsUnder(sp annotate.Span) {
	if sp.Annotator != s.annotator {
		return
	}
	kept := slices.DeleteFunc(slices.Clone(s.suggestions), func(sg suggest.Suggestion) bool {
		return sg.Layer == sp.Layer && slices.ContainsFunc(sp.Fragments, func(f annotate.Fragment) bool {
			return f.Start < sg.End && sg.Start < f.End
		})
	})
	if len(kept) == len(s.suggestions) {
		return
	}
	s.suggestions = kept
	if s.indexOf(s.ghost) < 0 {
		s.setGhost("")
	}
	s.note(suggestionsChanged{})
}

// setGhost makes id the selected suggestion ("" for none); a span and a
// suggestion are never selected together.
func (s *session) setGhost(id string) {
	if id == s.ghost {
		return
	}
	if id != "" && s.selected != "" {
		s.note(selectionChanged{from: s.selected, to: ""})
		s.selected = ""
	}
	s.note(ghostSelected{from: s.ghost, to: id})
	s.ghost = id
}

// selectGhost selects a suggestion (a click on it, Tab).
func (s *session) selectGhost(id string) {
	if _, ok := s.suggestion(id); id != "" && !ok {
		return
	}
	s.setGhost(id)
	s.announce()
}

// setShowSuggestions draws or hides the ghost spans (View menu).
func (s *session) setShowSuggestions(on bool) {
	if on == s.showSuggestions {
		return
	}
	s.showSuggestions = on
	if !on {
		s.setGhost("")
	}
	s.note(suggestionsShown{on: on})
	s.announce()
}

// stepSuggestion selects the next (step 1) or previous (-1) suggestion in
// reading order from the selected suggestion, or else from offset at; it
// wraps round the document.
func (s *session) stepSuggestion(step, at int) (suggest.Suggestion, bool) {
	sugs := s.shownSuggestions()
	if len(sugs) == 0 {
		return suggest.Suggestion{}, false
	}
	i := s.indexOf(s.ghost)
	switch {
	case i >= 0:
		i = (i + step + len(sugs)) % len(sugs)
	case step > 0:
		i = slices.IndexFunc(sugs, func(sg suggest.Suggestion) bool { return sg.Start >= at })
		if i < 0 {
			i = 0
		}
	default:
		i = len(sugs) - 1
		for i >= 0 && sugs[i].Start >= at {
			i--
		}
		if i < 0 {
			i = len(sugs) - 1
		}
	}
	s.setGhost(suggestionID(sugs[i]))
	s.announce()
	return sugs[i], true
}

// acceptEdit is the edit that makes a suggestion the annotator's span,
// recording where it came from.
func (s *session) acceptEdit(sg suggest.Suggestion) annotate.AddSpanEdit {
	e := annotate.AddSpan(annotate.Span{ID: annotate.NewID("s"), DocID: s.doc.ID, Layer: sg.Layer, Label: sg.Label,
		Annotator: s.annotator, Fragments: []annotate.Fragment{{Start: sg.Start, End: sg.End}}})
	e.Origin = "suggest:" + sg.Source
	return e
}

// acceptSuggestion makes a suggestion the annotator's span (selected).
func (s *session) acceptSuggestion(sg suggest.Suggestion) (annotate.Span, bool) {
	e := s.acceptEdit(sg)
	return e.Span, s.apply(e)
}

// rejectSuggestion records that the annotator does not want a suggestion
// on this document; it does not come back here.
func (s *session) rejectSuggestion(sg suggest.Suggestion) bool {
	return s.apply(annotate.RejectSuggestion(annotate.Rejection{Doc: s.doc.ID, Annotator: s.annotator,
		Layer: sg.Layer, Label: sg.Label, Start: sg.Start, End: sg.End}))
}

// acceptAbove accepts every shown suggestion scoring at least threshold,
// the surer first (of two overlapping ones on a layer without overlap, the
// surer is kept), one edit each: each is undone on its own. It returns how
// many were accepted and the refusals (an overlap with one accepted before).
func (s *session) acceptAbove(threshold float64) (accepted int, refused []string) {
	var todo []suggest.Suggestion
	for _, sg := range s.shownSuggestions() {
		if sg.Score >= threshold {
			todo = append(todo, sg)
		}
	}
	slices.SortStableFunc(todo, func(a, b suggest.Suggestion) int { return cmp.Compare(b.Score, a.Score) })
	for _, sg := range todo {
		if _, found := slices.BinarySearchFunc(s.suggestions, sg, compareSuggestions); !found {
			continue // covered by one accepted just now
		}
		done, err := s.store.Apply(s.ctx(), s.acceptEdit(sg))
		if err != nil {
			if c := annotate.ErrorCode(err); c != annotate.EInvalid && c != annotate.EConflict {
				s.tell("Could not accept the suggestions", err, fmt.Sprintf("%d accepted before it are kept.", accepted))
				break
			}
			refused = append(refused, err.Error())
			continue
		}
		s.applied(done)
		accepted++
	}
	return accepted, refused
}

// ---- the workbench's side: keys and commands on suggestions

// hasSuggestions reports whether the open document shows suggestions.
func (w *Workbench) hasSuggestions() bool { return len(w.session.shownSuggestions()) > 0 }

// ghostSelected reports whether a suggestion is selected.
func (w *Workbench) ghostSelected() bool {
	_, ok := w.session.selectedSuggestion()
	return ok
}

// stepSuggestion selects the next (1) or previous (-1) suggestion, from
// the selected one, else from the selected span or text, else the start.
func (w *Workbench) stepSuggestion(step int) {
	at := 0
	if sp, ok := w.session.selectedSpan(); ok {
		at = sp.Start() + 1
		if step < 0 {
			at = sp.Start()
		}
	} else if s, _, ok := w.view.Selection(); ok {
		at = s
	}
	if _, ok := w.session.stepSuggestion(step, at); ok {
		w.sayGhost()
	}
}

// sayGhost tells what the selected suggestion is and what the keys do.
func (w *Workbench) sayGhost() {
	sg, ok := w.session.selectedSuggestion()
	if !ok {
		return
	}
	w.say(fmt.Sprintf("Suggested: %s, %s. Enter accepts, Delete rejects, Tab goes to the next.",
		ghostLabel(sg), sourceWords(sg.Source)))
}

// acceptSuggestion makes the selected suggestion the annotator's span.
func (w *Workbench) acceptSuggestion() {
	sg, ok := w.session.selectedSuggestion()
	if !ok {
		return
	}
	if _, ok := w.session.acceptSuggestion(sg); ok {
		w.say(fmt.Sprintf("Accepted “%s” as %s. Ctrl+Z takes it back; Tab: the next suggestion.", preview(sg.Text, 40), shownName(sg.Label)))
	}
}

// rejectSuggestion rejects the selected suggestion and selects the next.
func (w *Workbench) rejectSuggestion() {
	sg, ok := w.session.selectedSuggestion()
	if !ok {
		return
	}
	if !w.session.rejectSuggestion(sg) {
		return
	}
	w.say(fmt.Sprintf("Rejected %s on “%s”: it will not be suggested here again. Ctrl+Z takes that back.", shownName(sg.Label), preview(sg.Text, 40)))
}

// acceptAllSuggestions accepts every suggestion shown at or above the
// threshold of the preferences.
func (w *Workbench) acceptAllSuggestions() {
	threshold := w.prefs.acceptAbove()
	n, refused := w.session.acceptAbove(threshold)
	msg := fmt.Sprintf("Accepted %s at %.0f%% or more; Ctrl+Z takes them back one by one.", plural(n, "suggestion"), threshold*100)
	if n == 0 {
		msg = fmt.Sprintf("No suggestion here is at %.0f%% or more.", threshold*100)
	}
	if len(refused) > 0 {
		msg += fmt.Sprintf(" %s overlapped one accepted before and stayed suggestions.", plural(len(refused), "suggestion"))
	}
	w.say(msg)
}
