package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// The actor registry in the window: the span card offers the entries whose
// name or aliases match an actor span's text (annotate.MatchActors) and
// makes a new one from the span; edits go through the session like any
// other.

// maxActorMatches is how many matching entries the card offers.
const maxActorMatches = 5

// registryEdit reports whether e changes the registry itself (whose
// spans may be in any document) rather than one span of one document.
func registryEdit(e annotate.Edit) bool {
	switch e.(type) {
	case annotate.CreateActorEdit, annotate.UpdateActorEdit, annotate.MergeActorsEdit, annotate.SplitActorEdit:
		return true
	}
	return false
}

// registryChanged follows a registry edit: the registry and the open
// document are read again (a merge or split may have relinked any of its
// spans), keeping the selection.
func (s *session) registryChanged() {
	if !s.hasDocument() {
		actors, err := s.store.Actors(s.ctx())
		if err != nil {
			s.tell("Could not read the actor registry", err, "Nothing was changed.")
			return
		}
		s.actors = actors
		return
	}
	selected := s.selected
	s.reopen()
	s.selectSpan(selected, false)
}

// actor is the registry entry with id.
func (s *session) actor(id string) (annotate.ActorEntry, bool) {
	for _, a := range s.actors {
		if a.ID == id {
			return a, true
		}
	}
	return annotate.ActorEntry{}, false
}

// actorMatches are the entries offered for an actor span, best first,
// leaving out the one it links to.
func (s *session) actorMatches(sp annotate.Span) []annotate.ActorEntry {
	var out []annotate.ActorEntry
	for _, m := range annotate.MatchActors(s.actors, s.spanText(sp), sp.Label, maxActorMatches+1) {
		if m.Entry.ID != sp.Actor && len(out) < maxActorMatches {
			out = append(out, m.Entry)
		}
	}
	return out
}

// linkableSpan is the selected span when it is the annotator's own actor
// span: what the card's actor commands work on.
func (s *session) linkableSpan() (annotate.Span, bool) {
	sp, ok := s.selectedSpan()
	if !ok || sp.Layer != annotate.ActorLayer || sp.Annotator != s.annotator {
		return annotate.Span{}, false
	}
	return sp, true
}

// linkActor links the selected actor span to entry id ("" unlinks it).
func (s *session) linkActor(id string) bool {
	sp, ok := s.linkableSpan()
	if !ok || sp.Actor == id {
		return false
	}
	return s.apply(annotate.LinkActor(sp.Ref(), id, s.annotator))
}

// linkBestActor links the selected actor span to the best matching entry.
func (s *session) linkBestActor() bool {
	sp, ok := s.linkableSpan()
	if !ok {
		return false
	}
	if ms := s.actorMatches(sp); len(ms) > 0 {
		return s.linkActor(ms[0].ID)
	}
	return false
}

// newActorFromSpan makes a registry entry of the selected actor span (its
// text the name, its label the kind) and links the span to it, in one edit;
// a span linked elsewhere is unlinked first (a second edit).
func (s *session) newActorFromSpan() bool {
	sp, ok := s.linkableSpan()
	if !ok {
		return false
	}
	if sp.Actor != "" && !s.apply(annotate.UnlinkActor(sp.Ref(), s.annotator)) {
		return false
	}
	entry := annotate.ActorFromMention(s.spanText(sp), sp.Label, "")
	return s.apply(annotate.CreateActor(entry, s.annotator, sp.Ref()))
}

// fillActorBox shows an actor span's link: the entry (with Unlink), then
// the matching entries to link to, best first (the first also by
// Ctrl+Shift+K), then a new entry from the span (Ctrl+K). Another
// annotator's span shows its link only.
func (c *spanCard) fillActorBox(sp annotate.Span) {
	own := sp.Annotator == c.s.annotator
	var objs []fyne.CanvasObject
	if a, ok := c.s.actor(sp.Actor); ok {
		text := "Actor: " + a.Name + " · " + shownName(a.Kind)
		if a.ExternalID != "" {
			text += " · " + a.ExternalID
		}
		lbl := widget.NewLabel(text)
		lbl.TextStyle = fyne.TextStyle{Bold: true}
		lbl.Truncation = fyne.TextTruncateEllipsis
		var unlink fyne.CanvasObject
		if own {
			b := widget.NewButtonWithIcon("Unlink", theme.ContentClearIcon(), func() { c.s.linkActor("") })
			unlink = b
		}
		objs = append(objs, container.NewBorder(nil, nil, nil, unlink, lbl))
	} else {
		lbl := widget.NewLabel("Actor: none linked")
		lbl.Importance = widget.LowImportance
		objs = append(objs, lbl)
	}
	if own {
		for i, a := range c.s.actorMatches(sp) {
			text := "Link: " + a.Name + " · " + shownName(a.Kind)
			if i == 0 {
				text += "  (Ctrl+Shift+K)"
			}
			id := a.ID
			b := widget.NewButtonWithIcon(text, theme.MailForwardIcon(), func() { c.s.linkActor(id) })
			b.Alignment = widget.ButtonAlignLeading
			b.Importance = widget.LowImportance
			objs = append(objs, b)
		}
		b := widget.NewButtonWithIcon("New actor “"+preview(c.s.spanText(sp), 30)+"”  (Ctrl+K)", theme.ContentAddIcon(),
			func() { c.s.newActorFromSpan() })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		objs = append(objs, b)
	}
	c.actorBox.Objects = objs
	c.actorBox.Refresh()
}

// actorSpanSelected reports whether the selected span is the annotator's
// own actor span (the actor commands' condition).
func (w *Workbench) actorSpanSelected() bool {
	_, ok := w.session.linkableSpan()
	return ok
}
