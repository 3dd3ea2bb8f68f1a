package annotate

import (
	"cmp"
	"context"
	"slices"
	"time"
)

// DocState is a State over one document held in memory with its schema: the
// window's copy, to which it applies the edits the store has completed, so
// that the copy follows the store by the same rules. Spans stay in reading
// order (CompareSpans); relations and labels in the order they were made.
// Other documents do not exist for it.
type DocState struct {
	doc     *AnnotatedDoc
	schema  *Schema
	now     func() time.Time
	textLen int // -1 until needed
	// rejected: the suggestions rejected on the document since the copy
	// was made (the window reads the store's for the ones before).
	rejected map[Rejection]bool
	// actors: the actor registry as far as the copy knows it (SetActors);
	// an edit of the registry reaches other documents, so the window reads
	// the document again after one rather than applying it here.
	actors map[string]ActorEntry
	// ids are the document's span ids, made on first use and kept by
	// PutSpan and DeleteSpan: every new span's fresh id is looked up (is it
	// taken?), and scanning 10,000 spans to find nothing was a tenth of the
	// window's work for an edit on a long article.
	ids map[string]bool
}

// NewDocState is a State over doc and schema, which its edits change in
// place; doc.Spans must be in reading order (SortSpans). now stamps new
// annotations; nil means the system clock.
func NewDocState(doc *AnnotatedDoc, schema *Schema, now func() time.Time) *DocState {
	if now == nil {
		now = func() time.Time { return time.Now().UTC() }
	}
	return &DocState{doc: doc, schema: schema, now: now, textLen: -1}
}

var _ State = (*DocState)(nil)

func (s *DocState) Now() time.Time             { return s.now() }
func (s *DocState) NewID(prefix string) string { return NewID(prefix) }

func (s *DocState) Schema(context.Context) (Schema, error) { return *s.schema, nil }

func (s *DocState) SetSchema(_ context.Context, sc Schema) error {
	*s.schema = sc
	return nil
}

func (s *DocState) RenameLabel(_ context.Context, layer, from, to string) error {
	for i, sp := range s.doc.Spans {
		if sp.Layer == layer && sp.Label == from {
			s.doc.Spans[i].Label = to
		}
	}
	for i, dl := range s.doc.Labels {
		if dl.Layer == layer && dl.Label == from {
			s.doc.Labels[i].Label = to
		}
	}
	for id, a := range s.actors {
		if layer == ActorLayer && a.Kind == from {
			a.Kind = to
			s.actors[id] = a
		}
	}
	return nil
}

func (s *DocState) TextLen(_ context.Context, doc string) (int, bool, error) {
	if doc != s.doc.ID {
		return 0, false, nil
	}
	if s.textLen < 0 {
		s.textLen = CodePointLen(s.doc.Text)
	}
	return s.textLen, true, nil
}

func (s *DocState) Text(_ context.Context, doc string) (string, bool, error) {
	if doc != s.doc.ID {
		return "", false, nil
	}
	return s.doc.Text, true, nil
}

func (s *DocState) spanIndex(doc, id string) int {
	if doc != s.doc.ID {
		return -1
	}
	if s.ids == nil {
		s.ids = make(map[string]bool, len(s.doc.Spans))
		for _, sp := range s.doc.Spans {
			s.ids[sp.ID] = true
		}
	}
	if !s.ids[id] {
		return -1
	}
	return slices.IndexFunc(s.doc.Spans, func(sp Span) bool { return sp.ID == id })
}

func (s *DocState) Span(_ context.Context, doc, id string) (Span, bool, error) {
	if i := s.spanIndex(doc, id); i >= 0 {
		return s.doc.Spans[i], true, nil
	}
	return Span{}, false, nil
}

func (s *DocState) Spans(_ context.Context, doc, annotator, layer string) ([]Span, error) {
	if doc != s.doc.ID {
		return nil, nil
	}
	var out []Span
	for _, sp := range s.doc.Spans {
		if sp.Annotator == annotator && sp.Layer == layer {
			out = append(out, sp)
		}
	}
	return out, nil
}

func (s *DocState) AllSpans(context.Context) ([]Span, error) { return slices.Clone(s.doc.Spans), nil }

// PutSpan replaces the span with sp's id, or adds sp, at its place in
// reading order, without sorting the others again.
func (s *DocState) PutSpan(_ context.Context, sp Span) error {
	if sp.DocID != s.doc.ID {
		return Errorf(ENotFound, "document %q: not found", sp.DocID)
	}
	if i := s.spanIndex(sp.DocID, sp.ID); i >= 0 {
		s.doc.Spans = slices.Delete(s.doc.Spans, i, i+1)
	}
	i, _ := slices.BinarySearchFunc(s.doc.Spans, sp, CompareSpans)
	s.doc.Spans = slices.Insert(s.doc.Spans, i, sp)
	s.ids[sp.ID] = true // made by spanIndex above
	return nil
}

func (s *DocState) DeleteSpan(_ context.Context, doc, id string) error {
	if i := s.spanIndex(doc, id); i >= 0 {
		s.doc.Spans = slices.Delete(s.doc.Spans, i, i+1)
		delete(s.ids, id)
	}
	return nil
}

func (s *DocState) relationIndex(doc, id string) int {
	if doc != s.doc.ID {
		return -1
	}
	return slices.IndexFunc(s.doc.Relations, func(r Relation) bool { return r.ID == id })
}

func (s *DocState) Relation(_ context.Context, doc, id string) (Relation, bool, error) {
	if i := s.relationIndex(doc, id); i >= 0 {
		return s.doc.Relations[i], true, nil
	}
	return Relation{}, false, nil
}

func (s *DocState) RelationsAt(_ context.Context, doc, span string) ([]Relation, error) {
	if doc != s.doc.ID {
		return nil, nil
	}
	var out []Relation
	for _, r := range s.doc.Relations {
		if r.From == span || r.To == span {
			out = append(out, r)
		}
	}
	return out, nil
}

func (s *DocState) AllRelations(context.Context) ([]Relation, error) {
	return slices.Clone(s.doc.Relations), nil
}

func (s *DocState) PutRelation(_ context.Context, r Relation) error {
	if r.DocID != s.doc.ID {
		return Errorf(ENotFound, "document %q: not found", r.DocID)
	}
	s.doc.Relations = append(s.doc.Relations, r)
	return nil
}

func (s *DocState) DeleteRelation(_ context.Context, doc, id string) error {
	if i := s.relationIndex(doc, id); i >= 0 {
		s.doc.Relations = slices.Delete(s.doc.Relations, i, i+1)
	}
	return nil
}

func (s *DocState) DocLabels(_ context.Context, doc, layer, annotator string) ([]string, error) {
	if doc != s.doc.ID {
		return nil, nil
	}
	var out []string
	for _, dl := range s.doc.Labels {
		if dl.Layer == layer && dl.Annotator == annotator {
			out = append(out, dl.Label)
		}
	}
	return out, nil
}

func (s *DocState) AllDocLabels(context.Context) ([]DocLabelOf, error) {
	out := make([]DocLabelOf, 0, len(s.doc.Labels))
	for _, dl := range s.doc.Labels {
		out = append(out, DocLabelOf{DocID: s.doc.ID, DocLabel: dl})
	}
	// Grouped as State promises, each group in the order given.
	slices.SortStableFunc(out, func(a, b DocLabelOf) int {
		return cmp.Or(cmp.Compare(a.Layer, b.Layer), cmp.Compare(a.Annotator, b.Annotator))
	})
	return out, nil
}

// SetDocLabels replaces the group's labels; the new ones go to the end of the
// document's labels, where a store appends them.
func (s *DocState) SetDocLabels(_ context.Context, doc, layer, annotator string, labels []string) error {
	if doc != s.doc.ID {
		return Errorf(ENotFound, "document %q: not found", doc)
	}
	s.doc.Labels = slices.DeleteFunc(s.doc.Labels, func(dl DocLabel) bool {
		return dl.Layer == layer && dl.Annotator == annotator
	})
	for _, l := range labels {
		s.doc.Labels = append(s.doc.Labels, DocLabel{Layer: layer, Label: l, Annotator: annotator})
	}
	return nil
}

func (s *DocState) Status(_ context.Context, doc, annotator string) (Status, error) {
	if st, ok := s.doc.Status[annotator]; ok && doc == s.doc.ID {
		return st, nil
	}
	return StatusTodo, nil
}

func (s *DocState) SetStatus(_ context.Context, doc, annotator string, st Status) error {
	if doc != s.doc.ID {
		return Errorf(ENotFound, "document %q: not found", doc)
	}
	if st == StatusTodo {
		delete(s.doc.Status, annotator) // what no status means, as a store keeps it
		return nil
	}
	if s.doc.Status == nil {
		s.doc.Status = map[string]Status{}
	}
	s.doc.Status[annotator] = st
	return nil
}

func (s *DocState) Rejected(_ context.Context, r Rejection) (bool, error) {
	return s.rejected[r], nil
}

func (s *DocState) SetRejected(_ context.Context, r Rejection, rejected bool) error {
	if r.Doc != s.doc.ID {
		return Errorf(ENotFound, "document %s: not found", r.Doc)
	}
	if s.rejected == nil {
		s.rejected = map[Rejection]bool{}
	}
	if rejected {
		s.rejected[r] = true
	} else {
		delete(s.rejected, r)
	}
	return nil
}

// SetRejections seeds the copy with the rejections the store holds for the
// document's annotators, so that undoing one applies to the copy too.
func (s *DocState) SetRejections(rs []Rejection) {
	s.rejected = map[Rejection]bool{}
	for _, r := range rs {
		s.rejected[r] = true
	}
}

// Rejections are the rejections the copy holds, in no particular order.
func (s *DocState) Rejections() []Rejection {
	out := make([]Rejection, 0, len(s.rejected))
	for r := range s.rejected {
		out = append(out, r)
	}
	return out
}

// SetActors seeds the copy with the registry's entries.
func (s *DocState) SetActors(entries []ActorEntry) {
	s.actors = make(map[string]ActorEntry, len(entries))
	for _, a := range entries {
		s.actors[a.ID] = a.Clone()
	}
}

func (s *DocState) Actor(_ context.Context, id string) (ActorEntry, bool, error) {
	a, ok := s.actors[id]
	return a.Clone(), ok, nil
}

func (s *DocState) ActorNamed(_ context.Context, key string) (ActorEntry, bool, error) {
	for _, a := range s.actors {
		if ActorKey(a.Name) == key {
			return a.Clone(), true, nil
		}
	}
	return ActorEntry{}, false, nil
}

func (s *DocState) PutActor(_ context.Context, a ActorEntry) error {
	if s.actors == nil {
		s.actors = map[string]ActorEntry{}
	}
	s.actors[a.ID] = a.Clone()
	return nil
}

func (s *DocState) DeleteActor(_ context.Context, id string) error {
	delete(s.actors, id)
	return nil
}

func (s *DocState) ActorSpans(_ context.Context, id string) ([]SpanRef, error) {
	var out []SpanRef
	for _, sp := range s.doc.Spans {
		if sp.Actor == id {
			out = append(out, sp.Ref())
		}
	}
	return out, nil
}

func (s *DocState) SetSpanActor(_ context.Context, doc, id, actor string) error {
	i := s.spanIndex(doc, id)
	if i < 0 {
		return Errorf(ENotFound, "span %s: not found", id)
	}
	s.doc.Spans[i].Actor = actor
	return nil
}
