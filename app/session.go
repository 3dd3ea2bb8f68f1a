package app

import (
	"context"
	"slices"
	"time"

	"frametag/annotate"
	"frametag/annotate/suggest"
)

// session is the window's document session: the open document (the window's
// copy, kept in step with every edit), the selected span, and the mode. It
// is the one place that state lives; the article view, the span card, the
// spans list and the document list are views of it. Every change takes one
// road: an action (or undo, redo) sends an annotate.Edit to the store, the
// edit the store returns (completed with ids and side effects) is applied to
// the copy, and the session announces what changed as typed changes; each
// view, subscribed, refreshes only what those changes touch.
//
// The session knows nothing of Fyne: it can be driven, and its announcements
// read, without a window.
type session struct {
	store     sessionStore
	annotator string

	schema annotate.Schema
	doc    annotate.AnnotatedDoc
	index  *annotate.TextIndex // nil while no document is open
	// state is the copy as the domain's edits see it: the store's
	// completed edits are applied to it by the same Apply the store ran.
	state *annotate.DocState
	// selected is the id of the selected span, "" for none.
	selected string
	mode     sessionMode
	// showOthers draws and lists other annotators' spans (View menu).
	showOthers bool

	// suggestions are the open document's suggestions still open to the
	// annotator (ghost spans), in reading order; suggester.go keeps them
	// up to date. ghost is the selected one's id, "" for none; origins
	// says where the spans accepted from suggestions in this window came
	// from (the edit log keeps it for good).
	suggestions     []suggest.Suggestion
	ghost           string
	origins         map[string]string
	showSuggestions bool

	// actors is the actor registry as read when the document was opened or
	// a registry edit was made (actors.go).
	actors []annotate.ActorEntry

	// seen is what of the project this window has shown, for undo (watch.go).
	seen seenLog
	// version is the store's Version when the window last polled it.
	version int64

	subscribers []func([]change)
	// pending collects the changes of the action under way; announce sends
	// them to the subscribers in one batch, so a view that several changes
	// touch refreshes once.
	pending []change
	// summary is what the views take from every span of the open
	// document, made on first use after each change (spansummary.go).
	summary *spanSummary

	// problem tells the user what could not be done, why, and what was
	// kept (the workbench shows it in a dialog).
	problem func(what string, err error, kept string)

	// base is the window's context (ctx).
	base context.Context
	// post runs a function on the UI goroutine; nil: the session's writes
	// run on the caller's goroutine (writes.go).
	post func(func())
	// inFlight is the write under way that its action stopped waiting for;
	// queued are the writes made since, in order.
	inFlight *flight
	queued   []storeWrite
	// waitingNote shows what pending writes wait for ("" when none is).
	waitingNote func(note string)
}

// sessionStore is what the session needs of the project.
type sessionStore interface {
	Annotations(ctx context.Context, docID string) (annotate.AnnotatedDoc, error)
	Apply(ctx context.Context, e annotate.Edit) (annotate.Edit, error)
	Undo(ctx context.Context, annotator string) (annotate.Edit, bool, error)
	Redo(ctx context.Context, annotator string) (annotate.Edit, bool, error)
	Rejections(ctx context.Context, doc, annotator string) ([]annotate.Rejection, error)
	Actors(ctx context.Context) ([]annotate.ActorEntry, error)
}

// sessionMode is what a click on a span means.
type sessionMode int

const (
	// modeLabelling: selected text and a label's key make a span; a click
	// on a span selects it. (A fragment is added to the selected span with
	// one gesture, Ctrl+drag, so adding one is not a lasting mode.)
	modeLabelling sessionMode = iota
	// modeLinking: the next span clicked completes a relation from the
	// selected span.
	modeLinking
)

// change is one thing that changed in the session. Views switch on the
// concrete type; each names exactly what it touches, so no view compares
// before and after to find out.
type change interface{ isChange() }

type (
	// docOpened: another document is open (or none): every view shows it
	// anew. The selection is empty and the mode is labelling.
	docOpened struct{}
	// schemaChanged: layers, labels, keys or colours may differ. A
	// docOpened follows when a document is open (its spans are reloaded
	// under the new schema).
	schemaChanged struct{}
	// spanAdded, spanRemoved, spanChanged: one span of the open document.
	spanAdded   struct{ span annotate.Span }
	spanRemoved struct{ span annotate.Span }
	spanChanged struct{ before, after annotate.Span }
	// relationsChanged: relations of the open document were added or
	// removed; spans names the spans at their ends.
	relationsChanged struct{ spans []string }
	// docLabelsChanged: the annotator's labels of one document layer.
	docLabelsChanged struct{ layer string }
	// statusChanged: the annotator's status of the open document.
	statusChanged struct{ status annotate.Status }
	// selectionChanged: the selected span, from and to ("" for none);
	// reveal asks the views to bring it into sight.
	selectionChanged struct {
		from, to string
		reveal   bool
	}
	// modeChanged: linking started or ended.
	modeChanged struct{ mode sessionMode }
	// visibilityChanged: other annotators' spans were shown or hidden.
	visibilityChanged struct{ shown bool }
	// suggestionsChanged: the open document's suggestions are others
	// (suggestions.go), or were shown or hidden.
	suggestionsChanged struct{}
	// ghostSelected: the selected suggestion, from and to ("" for none).
	ghostSelected struct{ from, to string }
	// rejectionsChanged: a suggestion was rejected or the rejection undone.
	rejectionsChanged struct{}
	// suggestionsShown: View → Show suggestions was turned on or off.
	suggestionsShown struct{ on bool }
	// actorLinked: a span of the open document was linked to another
	// registry entry, or unlinked.
	actorLinked struct{ span string }
)

func (docOpened) isChange()          {}
func (schemaChanged) isChange()      {}
func (spanAdded) isChange()          {}
func (spanRemoved) isChange()        {}
func (spanChanged) isChange()        {}
func (relationsChanged) isChange()   {}
func (docLabelsChanged) isChange()   {}
func (statusChanged) isChange()      {}
func (selectionChanged) isChange()   {}
func (modeChanged) isChange()        {}
func (visibilityChanged) isChange()  {}
func (suggestionsChanged) isChange() {}
func (ghostSelected) isChange()      {}
func (rejectionsChanged) isChange()  {}
func (suggestionsShown) isChange()   {}
func (actorLinked) isChange()        {}

func newSession(annotator string, showOthers bool) *session {
	return &session{annotator: annotator, showOthers: showOthers, showSuggestions: true, origins: map[string]string{}}
}

// setAnnotator makes name the one whose edits the session makes; the
// caller reads the project again (the open document's spans change owner).
func (s *session) setAnnotator(name string) { s.annotator = name }

// subscribe calls fn with every batch of changes, in the order subscribed.
func (s *session) subscribe(fn func([]change)) { s.subscribers = append(s.subscribers, fn) }

func (s *session) note(c change) {
	s.pending = append(s.pending, c)
	s.summary = nil // the spans may have changed
}

// announce sends the pending changes.
func (s *session) announce() {
	if len(s.pending) == 0 {
		return
	}
	batch := s.pending
	s.pending = nil
	for _, fn := range s.subscribers {
		fn(batch)
	}
}

// ctx is the window's context, cancelled when it closes (Background for a
// session without one).
func (s *session) ctx() context.Context {
	if s.base != nil {
		return s.base
	}
	return context.Background()
}

// ---- reading the session

func (s *session) hasDocument() bool { return s.index != nil }

// document is the open document as the window holds it; callers read it,
// never change it.
func (s *session) document() *annotate.AnnotatedDoc { return &s.doc }

func (s *session) currentSchema() *annotate.Schema { return &s.schema }

func (s *session) selectedID() string { return s.selected }

func (s *session) currentMode() sessionMode { return s.mode }

func (s *session) span(id string) (annotate.Span, bool) {
	if id == "" {
		return annotate.Span{}, false
	}
	i := slices.IndexFunc(s.doc.Spans, func(sp annotate.Span) bool { return sp.ID == id })
	if i < 0 {
		return annotate.Span{}, false
	}
	return s.doc.Spans[i], true
}

// selectedSpan is the selected span, if any.
func (s *session) selectedSpan() (annotate.Span, bool) { return s.span(s.selected) }

func (s *session) labelDef(layer, label string) (*annotate.Label, bool) {
	l, ok := s.schema.Layer(layer)
	if !ok {
		return nil, false
	}
	return l.Label(label)
}

// status is the annotator's status of the open document.
func (s *session) status() annotate.Status {
	if st, ok := s.doc.Status[s.annotator]; ok {
		return st
	}
	return annotate.StatusTodo
}

// owns reports whether sp is the annotator's own span, which their edits
// may change (annotate's ownership rule: a span with no annotator is
// anyone's).
func (s *session) owns(sp annotate.Span) bool {
	return sp.Annotator == "" || sp.Annotator == s.annotator
}

// ownsRelation is owns for a relation.
func (s *session) ownsRelation(r annotate.Relation) bool {
	return r.Annotator == "" || r.Annotator == s.annotator
}

// shows reports whether sp is drawn and listed: the annotator's own spans
// always, other annotators' while View → Show other annotators' spans is on.
func (s *session) shows(sp annotate.Span) bool {
	return sp.Annotator == s.annotator || s.showOthers
}

// shownSpans are the open document's spans that are drawn, in reading order.
func (s *session) shownSpans() []annotate.Span {
	if s.showOthers {
		return s.doc.Spans
	}
	return slices.DeleteFunc(slices.Clone(s.doc.Spans), func(sp annotate.Span) bool { return !s.shows(sp) })
}

// spanText is what a span covers, for lists and headings.
func (s *session) spanText(sp annotate.Span) string {
	if s.index == nil {
		return ""
	}
	t, err := s.index.SpanText(sp.Fragments)
	if err != nil {
		return "(outside the text)"
	}
	return t
}

// docLabels are the annotator's labels of one document layer.
func (s *session) docLabels(layer string) []string {
	var out []string
	for _, dl := range s.doc.Labels {
		if dl.Layer == layer && dl.Annotator == s.annotator {
			out = append(out, dl.Label)
		}
	}
	return out
}

// relationTypesOf lists the relation types that can start or end at a span
// of layer.
func (s *session) relationTypesOf(layer string) []annotate.RelationType {
	var out []annotate.RelationType
	for _, rt := range s.schema.Relations {
		if rt.From == layer || rt.To == layer {
			out = append(out, rt)
		}
	}
	return out
}

// relationsOf are the relations the span takes part in.
func (s *session) relationsOf(id string) []annotate.Relation {
	var out []annotate.Relation
	for _, r := range s.doc.Relations {
		if r.From == id || r.To == id {
			out = append(out, r)
		}
	}
	return out
}

// ---- what the user does

// setSchema installs a schema (a project opened). A saved schema edit comes
// through applied instead.
func (s *session) setSchema(sc annotate.Schema) {
	s.schema = sc
	s.note(schemaChanged{})
	s.announce()
}

// open loads a document with everything on it; "" closes the document.
func (s *session) open(id string) error {
	if id == "" {
		s.doc, s.index = annotate.AnnotatedDoc{}, nil
	} else {
		head := s.editHead()
		ad, err := s.store.Annotations(s.ctx(), id)
		if err != nil {
			return err
		}
		rejected, err := s.store.Rejections(s.ctx(), id, s.annotator)
		if err != nil {
			return err
		}
		actors, err := s.store.Actors(s.ctx())
		if err != nil {
			return err
		}
		s.seen.upTo(head)
		annotate.SortSpans(ad.Spans)
		s.doc, s.index = ad, annotate.NewTextIndex(ad.Text)
		s.state = annotate.NewDocState(&s.doc, &s.schema, nil)
		s.state.SetRejections(rejected)
		s.actors = actors
		s.state.SetActors(actors)
	}
	if id == "" {
		s.state = annotate.NewDocState(&s.doc, &s.schema, nil)
	}
	s.selected, s.mode = "", modeLabelling
	s.suggestions, s.ghost = nil, ""
	s.note(docOpened{})
	s.announce()
	return nil
}

// selectSpan makes id the selected span ("" for none); reveal scrolls the
// views to it.
func (s *session) selectSpan(id string, reveal bool) {
	if id != "" {
		if _, ok := s.span(id); !ok {
			return
		}
	}
	s.setSelectedRevealing(id, reveal)
	s.announce()
}

func (s *session) setSelected(id string) { s.setSelectedRevealing(id, false) }

func (s *session) setSelectedRevealing(id string, reveal bool) {
	if id != "" {
		s.setGhost("")
	}
	if id == s.selected {
		return
	}
	s.note(selectionChanged{from: s.selected, to: id, reveal: reveal})
	s.selected = id
}

// setMode starts or ends linking.
func (s *session) setMode(m sessionMode) {
	s.setModeQuietly(m)
	s.announce()
}

func (s *session) setModeQuietly(m sessionMode) {
	if m != s.mode {
		s.mode = m
		s.note(modeChanged{mode: m})
	}
}

// setShowOthers shows or hides other annotators' spans; a hidden span
// cannot stay selected or be the start of a link.
func (s *session) setShowOthers(on bool) {
	if on == s.showOthers {
		return
	}
	s.showOthers = on
	s.note(visibilityChanged{shown: on})
	if sp, ok := s.selectedSpan(); ok && !s.shows(sp) {
		s.setSelected("")
		s.setModeQuietly(modeLabelling)
	}
	s.announce()
}

// apply sends an edit to the store and brings the window in line with the
// edit the store made (try). A refused edit changes nothing and is told;
// apply reports whether the edit was made or is being saved (writes.go).
func (s *session) apply(e annotate.Edit) bool {
	err := s.try(e)
	if err != nil && err != errPending {
		s.tell("Could not "+e.Describe(), err, "The project is unchanged.")
		return false
	}
	return true
}

// undo and redo walk the annotator's edit log; an edit on another document
// opens that document. They return the edit applied (for undo, the inverse
// of the one the user made) and whether there was one; errPending when the
// step is left to finish later (it then shows when it lands).
func (s *session) undo() (annotate.Edit, bool, error) { return s.history(s.undoSeen) }
func (s *session) redo() (annotate.Edit, bool, error) {
	return s.history(func() writeCall {
		st, who := s.store, s.annotator
		return func(ctx context.Context) (annotate.Edit, bool, error) { return st.Redo(ctx, who) }
	})
}

func (s *session) history(prepare func() writeCall) (annotate.Edit, bool, error) {
	s.setModeQuietly(modeLabelling)
	var (
		e        annotate.Edit
		ok       bool
		err      error
		returned bool
	)
	pending := s.write(storeWrite{prepare: prepare, finish: func(done annotate.Edit, stepped bool, werr error) {
		if annotate.ErrorCode(werr) == annotate.EConflict {
			s.refresh() // undoSeen: the edit to undo was not shown; it is now
		}
		switch {
		case returned && werr != nil:
			s.tell("Could not undo or redo", werr, "The project is unchanged.")
		case returned && stepped:
			s.landed(done)
		case returned:
		case werr != nil || !stepped:
			s.announce()
			e, ok, err = done, stepped, werr
		default:
			s.applied(done)
			e, ok = done, true
		}
	}})
	returned = true
	if pending {
		return nil, false, errPending
	}
	return e, ok, err
}

// applied brings the window's copy in line with an edit the store has made,
// through the same Apply the store ran (annotate.DocState), and announces
// what changed.
func (s *session) applied(e annotate.Edit) {
	s.wrote()
	if set, ok := e.(annotate.SetSchemaEdit); ok {
		s.schema = set.After
		s.note(schemaChanged{})
		s.announce()
		if s.hasDocument() {
			// Renames and deletions reach spans of this document: read it
			// again rather than replay them here.
			s.reopen()
		}
		return
	}
	if registryEdit(e) {
		s.registryChanged()
		return
	}
	if e.Doc() != s.doc.ID {
		// Undo or redo of an edit made on another document: show it there.
		if err := s.open(e.Doc()); err != nil {
			s.tell("Could not open the document", err, "Nothing was changed.")
			return
		}
		switch e := e.(type) {
		case annotate.AddSpanEdit:
			s.selectSpan(e.Span.ID, true)
		case annotate.UpdateSpanEdit:
			s.selectSpan(e.After.ID, true)
		}
		return
	}
	done, err := e.Apply(s.ctx(), s.state)
	if err != nil {
		// The copy no longer agrees with the file (changed by another
		// process meanwhile): read the document again.
		s.reopen()
		return
	}
	s.noteApplied(done)
	s.announce()
}

// reopen reads the open document again.
func (s *session) reopen() {
	if err := s.open(s.doc.ID); err != nil {
		s.tell("Could not open the document", err, "Nothing was changed.")
	}
}

func (s *session) tell(what string, err error, kept string) {
	if s.problem != nil {
		s.problem(what, err, kept)
	}
}

// noteApplied notes the changes an edit applied to the copy made.
func (s *session) noteApplied(e annotate.Edit) {
	switch e := e.(type) {
	case annotate.AddSpanEdit:
		if e.Origin != "" {
			s.origins[e.Span.ID] = e.Origin
		}
		s.dropSuggestionsUnder(e.Span)
		s.note(spanAdded{span: e.Span})
		if len(e.Relations) > 0 {
			s.note(relationsChanged{spans: relationEnds(e.Relations...)})
		}
		if s.shows(e.Span) {
			// another annotator's span (a schema's side effect) stays hidden
			s.setSelected(e.Span.ID)
		}
	case annotate.DeleteSpanEdit:
		if s.selected == e.Span.ID {
			s.setSelected("")
		}
		s.note(spanRemoved{span: e.Span})
		if len(e.Relations) > 0 {
			s.note(relationsChanged{spans: relationEnds(e.Relations...)})
		}
	case annotate.UpdateSpanEdit:
		s.note(spanChanged{before: e.Before, after: e.After})
	case annotate.AddRelationEdit:
		s.note(relationsChanged{spans: relationEnds(e.Relation)})
	case annotate.DeleteRelationEdit:
		s.note(relationsChanged{spans: relationEnds(e.Relation)})
	case annotate.SetDocLabelsEdit:
		s.note(docLabelsChanged{layer: e.Layer})
	case annotate.SetStatusEdit:
		s.note(statusChanged{status: s.status()})
	case annotate.RejectSuggestionEdit:
		if !e.Undo {
			s.dropSuggestion(ghostID(e.Rejection.Layer, e.Rejection.Label, e.Rejection.Start, e.Rejection.End))
		}
		s.note(rejectionsChanged{})
	case annotate.LinkActorEdit:
		s.note(actorLinked{span: e.Mention.Span})
	}
}

// relationEnds are the spans at the ends of relations.
func relationEnds(rs ...annotate.Relation) []string {
	var ids []string
	for _, r := range rs {
		ids = append(ids, r.From, r.To)
	}
	return ids
}

// ---- edits the user makes through the session

// label makes a span of [start, end) with the label ref; it is selected.
func (s *session) label(ref labelRef, start, end int) (annotate.Span, bool) {
	if !s.hasDocument() || end <= start {
		return annotate.Span{}, false
	}
	sp := annotate.Span{ID: annotate.NewID("s"), DocID: s.doc.ID, Layer: ref.layer, Label: ref.label,
		Fragments: []annotate.Fragment{{Start: start, End: end}}, Annotator: s.annotator}
	return sp, s.apply(annotate.AddSpan(sp))
}

// copySpan makes another annotator's span the annotator's own: a new span
// of the same layer, label, fragments, attributes and note, with the owner's
// relations between it and spans the annotator has copies of (copiedRelations),
// in one edit of the edit log (undoable), recorded as a copy of theirs. The
// copy is selected. The domain's rules apply as to any new span and
// relation (the layer's overlap rule among the annotator's own spans); a
// refusal is returned, not told. rels is how many relations came with it.
func (s *session) copySpan(sp annotate.Span) (_ annotate.Span, rels int, _ error) {
	cp := sp.Clone()
	cp.ID = annotate.NewID("s")
	cp.Annotator = s.annotator
	cp.Created, cp.Updated = time.Time{}, time.Time{}
	e := annotate.AddSpan(cp)
	e.Origin = annotate.OriginCopy + sp.Annotator
	e.Relations = s.copiedRelations(sp, cp.ID)
	if err := s.try(e); err != nil && err != errPending {
		return annotate.Span{}, 0, err
	}
	if got, ok := s.span(cp.ID); ok {
		return got, len(e.Relations), nil
	}
	return cp, len(e.Relations), nil // still being saved
}

// copiedRelations are the owner's relations between sp and their other
// spans that the annotator has copies of, made between the copies (sp's
// being copyID): copying bob's claim after his actor brings his
// attribution, in either order.
func (s *session) copiedRelations(sp annotate.Span, copyID string) []annotate.Relation {
	var out []annotate.Relation
	for _, r := range s.doc.Relations {
		if r.Annotator != sp.Annotator || r.From == r.To || (r.From != sp.ID && r.To != sp.ID) {
			continue
		}
		otherID := r.From
		if r.From == sp.ID {
			otherID = r.To
		}
		other, ok := s.span(otherID)
		if !ok {
			continue
		}
		mine, ok := s.ownCopy(other)
		if !ok {
			continue
		}
		rel := annotate.Relation{DocID: sp.DocID, Type: r.Type, Annotator: s.annotator, From: mine.ID, To: copyID}
		if r.From == sp.ID {
			rel.From, rel.To = copyID, mine.ID
		}
		out = append(out, rel)
	}
	return out
}

// ownCopy finds the annotator's span that already equals sp (layer, label
// and fragments): what a copy of sp would add again.
func (s *session) ownCopy(sp annotate.Span) (annotate.Span, bool) {
	for _, o := range s.doc.Spans {
		if o.Annotator == s.annotator && o.Layer == sp.Layer && o.Label == sp.Label && slices.Equal(o.Fragments, sp.Fragments) {
			return o, true
		}
	}
	return annotate.Span{}, false
}

// relabel gives span sp another label of its layer.
func (s *session) relabel(sp annotate.Span, label string) bool {
	if sp.Label == label {
		return true
	}
	after := sp.Clone()
	after.Label = label
	return s.apply(annotate.UpdateSpan(sp, after, s.annotator))
}

// updateSelected applies change to a copy of the selected span and stores
// it, when it changed anything.
func (s *session) updateSelected(change func(sp *annotate.Span)) {
	sp, ok := s.selectedSpan()
	if !ok {
		return
	}
	after := sp.Clone()
	change(&after)
	if after.Label == sp.Label && after.Note == sp.Note && after.Attrs.Equal(sp.Attrs) &&
		slices.Equal(after.Fragments, sp.Fragments) {
		return
	}
	s.apply(annotate.UpdateSpan(sp, after, s.annotator))
}

// setAttr sets (or, with nil, clears) an attribute of the selected span.
func (s *session) setAttr(name string, v any) {
	s.updateSelected(func(sp *annotate.Span) {
		if sp.Attrs == nil {
			sp.Attrs = annotate.Attrs{}
		}
		if v == nil {
			delete(sp.Attrs, name)
		} else {
			sp.Attrs[name] = v
		}
		if len(sp.Attrs) == 0 {
			sp.Attrs = nil
		}
	})
}

func (s *session) setNote(note string) {
	s.updateSelected(func(sp *annotate.Span) { sp.Note = note })
}

// addFragment extends span id with another stretch of text: a
// discontinuous span. The span becomes the selected one.
func (s *session) addFragment(id string, f annotate.Fragment) bool {
	if id != s.selected {
		s.selectSpan(id, false)
	}
	return s.reshape(append(slices.Clone(s.selectedFragments()), f))
}

func (s *session) selectedFragments() []annotate.Fragment {
	sp, _ := s.selectedSpan()
	return sp.Fragments
}

// reshape gives the selected span other fragments (its ends moved, a
// fragment added or removed), keeping its label, attributes, note and
// relations; it reports whether the span now has them.
func (s *session) reshape(frags []annotate.Fragment) bool {
	sp, ok := s.selectedSpan()
	if !ok {
		return false
	}
	frags = annotate.NormalizeFragments(frags)
	if slices.Equal(frags, sp.Fragments) {
		return true
	}
	after := sp.Clone()
	after.Fragments = frags
	return s.apply(annotate.UpdateSpan(sp, after, s.annotator))
}

// removeFragment drops fragment i of the selected span; a span keeps at
// least one (Delete removes the span).
func (s *session) removeFragment(i int) bool {
	frags := s.selectedFragments()
	if len(frags) < 2 || i < 0 || i >= len(frags) {
		return false
	}
	return s.reshape(slices.Delete(slices.Clone(frags), i, i+1))
}

func (s *session) deleteSelected() {
	if sp, ok := s.selectedSpan(); ok {
		s.apply(annotate.DeleteSpan(sp, s.annotator))
	}
}

func (s *session) deleteRelation(r annotate.Relation) {
	s.apply(annotate.DeleteRelation(r, s.annotator))
}

// link makes a relation of type rt from span from to span to.
func (s *session) link(from, to annotate.Span, rt annotate.RelationType) bool {
	return s.apply(annotate.AddRelation(annotate.Relation{ID: annotate.NewID("r"), DocID: s.doc.ID, Type: rt.Name,
		From: from.ID, To: to.ID, Annotator: s.annotator}))
}

// setDocLabels replaces the annotator's labels of a document layer.
func (s *session) setDocLabels(layer string, labels []string) {
	if !s.hasDocument() {
		return
	}
	before := s.docLabels(layer)
	if slices.Equal(before, labels) {
		return
	}
	s.apply(annotate.SetDocLabels(s.doc.ID, layer, s.annotator, before, labels))
}

// setStatus records the annotator's status of the open document.
func (s *session) setStatus(st annotate.Status) bool {
	if !s.hasDocument() {
		return false
	}
	if before := s.status(); before != st {
		return s.apply(annotate.SetStatus(s.doc.ID, s.annotator, before, st))
	}
	return true
}

// saveSchema applies a schema edit (the schema editor's Save).
func (s *session) saveSchema(before, after annotate.Schema, renames []annotate.LabelRename) error {
	return s.try(annotate.SetSchema(before, after, renames, s.annotator))
}
