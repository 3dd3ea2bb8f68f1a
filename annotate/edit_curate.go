package annotate

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// CurateEdit changes the adjudicated layer of one document: the spans,
// document labels, status and settled marks owned by GoldAnnotator. Curator
// is the person who curates; the edit is on the gold layer's undo stack
// (By is GoldAnnotator), so undo in curation takes back the last change to
// gold, whoever curates. Accepting an annotator's version, accepting every
// unanimous unit, rejecting a dispute and the curator's own change are all
// one CurateEdit each, built by the functions in curation.go.
//
// Apply makes its parts in order: Unlink, Remove (with the gold relations
// at those spans), Update, Add, Restore, Link, Labels, Settle, Unsettle,
// Status. Every part changes only gold's annotations: a curator can never
// change an annotator's own.
type CurateEdit struct {
	Curator string
	DocID   string
	// What describes the change for menus and the edit log ("accept
	// alice's version of Doubt").
	What string
	curationBody
}

// curationBody is what a CurateEdit does, as the edit log stores it.
type curationBody struct {
	// Remove are gold spans taken out; Apply completes them as stored and
	// fills Relations with the relations removed with them.
	Remove    []Span     `json:"remove,omitempty"`
	Relations []Relation `json:"relations,omitempty"`
	// Update changes gold spans in place; Apply completes each Before.
	Update []SpanUpdate `json:"update,omitempty"`
	// Add are new gold spans (Annotator GoldAnnotator). The functions that
	// build curations give each its provenance; Apply does not ask for one,
	// so that undo can bring back an imported gold span, which has none.
	// Restore are relations that come back with them (an undone Remove's).
	Add     []Span     `json:"add,omitempty"`
	Restore []Relation `json:"restore,omitempty"`
	// Link are new gold relations (an accepted relation unit) between gold
	// spans, those of Add among them; Unlink are gold relations taken out.
	// Apply completes both as stored.
	Link   []Relation `json:"link,omitempty"`
	Unlink []Relation `json:"unlink,omitempty"`
	// Labels set gold's labels of document layers; Apply completes Before.
	Labels []LabelChange `json:"labels,omitempty"`
	// Settle marks a stretch of a layer as settled with nothing in gold (a
	// rejected dispute); Unsettle takes such marks away. Marks are gold's
	// Rejections with no label; a document layer's mark is [0, 0); a
	// relation's (relationMark) names the relation type as its layer and
	// gold's spans at its ends in its label.
	Settle   []Rejection `json:"settle,omitempty"`
	Unsettle []Rejection `json:"unsettle,omitempty"`
	// Status, when set, is gold's status after the edit (done: the
	// document is adjudicated); Apply completes BeforeStatus.
	Status       Status `json:"status,omitempty"`
	BeforeStatus Status `json:"before_status,omitempty"`
}

// SpanUpdate is one gold span before and after a change.
type SpanUpdate struct {
	Before Span `json:"before"`
	After  Span `json:"after"`
}

// LabelChange is gold's labels of one document layer before and after.
type LabelChange struct {
	Layer  string   `json:"layer"`
	Before []string `json:"before,omitempty"`
	After  []string `json:"after,omitempty"`
}

func init() {
	registerEdit(OpCurate, func(r editRow) (Edit, error) {
		if r.Curate == nil {
			return nil, fmt.Errorf("no curation")
		}
		return CurateEdit{Curator: r.Curator, DocID: r.DocID, What: r.What, curationBody: *r.Curate}, nil
	})
}

func (e CurateEdit) Op() Op      { return OpCurate }
func (e CurateEdit) Doc() string { return e.DocID }

// By is the gold layer: whose undo stack a curation is on.
func (e CurateEdit) By() string { return GoldAnnotator }

func (e CurateEdit) Describe() string {
	if e.What != "" {
		return e.What
	}
	return "curate"
}

// Empty reports whether the edit would change nothing.
func (e CurateEdit) Empty() bool {
	b := e.curationBody
	return len(b.Remove)+len(b.Update)+len(b.Add)+len(b.Link)+len(b.Unlink)+len(b.Labels)+len(b.Settle)+len(b.Unsettle) == 0 && b.Status == ""
}

func (e CurateEdit) Inverse() Edit {
	b := e.curationBody
	inv := curationBody{
		Remove:    b.Add,
		Relations: b.Restore,
		Add:       b.Remove,
		Restore:   b.Relations,
		Link:      b.Unlink,
		Unlink:    b.Link,
		Settle:    b.Unsettle,
		Unsettle:  b.Settle,
	}
	for i := len(b.Update) - 1; i >= 0; i-- {
		inv.Update = append(inv.Update, SpanUpdate{Before: b.Update[i].After, After: b.Update[i].Before})
	}
	for i := len(b.Labels) - 1; i >= 0; i-- {
		inv.Labels = append(inv.Labels, LabelChange{Layer: b.Labels[i].Layer, Before: b.Labels[i].After, After: b.Labels[i].Before})
	}
	if b.Status != "" {
		inv.Status, inv.BeforeStatus = b.BeforeStatus, b.Status
	}
	what, undone := strings.CutPrefix(e.Describe(), "undo ")
	if !undone {
		what = "undo " + what
	}
	return CurateEdit{Curator: e.Curator, DocID: e.DocID, What: what, curationBody: inv}
}

func (e CurateEdit) row() editRow {
	b := e.curationBody
	return editRow{Op: OpCurate, DocID: e.DocID, Annotator: GoldAnnotator, Curator: e.Curator, What: e.What, Curate: &b}
}

// Apply checks and makes each part in turn. A part refused after others
// were made has those taken back before the refusal returns, so that a State
// without transactions (the window's copy) is left as it was.
func (e CurateEdit) Apply(ctx context.Context, st State) (_ Edit, err error) {
	if e.Curator == "" || e.Curator == GoldAnnotator {
		return nil, Errorf(EInvalid, "curation needs the curator's own name (not %q): it records who adjudicated", GoldAnnotator)
	}
	if _, err := docTextLen(ctx, st, e.DocID); err != nil {
		return nil, err
	}
	sc, err := st.Schema(ctx)
	if err != nil {
		return nil, err
	}
	done := CurateEdit{Curator: e.Curator, DocID: e.DocID, What: e.What}
	defer func() {
		if err != nil && !done.Empty() {
			_, _ = done.Inverse().Apply(ctx, st) // best effort: a store rolls back its transaction anyway
		}
	}()
	for _, r := range e.Unlink {
		stored, ok, err := st.Relation(ctx, e.DocID, r.ID)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, Errorf(ENotFound, "relation %s: not found (deleted meanwhile?)", r.ID)
		}
		if err := checkOwner(GoldAnnotator, stored.Annotator, fmt.Sprintf("relation %s (%s)", stored.ID, stored.Type)); err != nil {
			return nil, curatorOnly(err)
		}
		if err := st.DeleteRelation(ctx, e.DocID, stored.ID); err != nil {
			return nil, err
		}
		done.Unlink = append(done.Unlink, stored)
	}
	for _, sp := range e.Remove {
		stored, err := storedSpan(ctx, st, e.DocID, sp.ID)
		if err != nil {
			return nil, err
		}
		if err := checkOwner(GoldAnnotator, stored.Annotator, fmt.Sprintf("span %s (%s)", stored.ID, stored.Label)); err != nil {
			return nil, curatorOnly(err)
		}
		rels, err := st.RelationsAt(ctx, e.DocID, stored.ID)
		if err != nil {
			return nil, err
		}
		for _, r := range rels {
			if err := st.DeleteRelation(ctx, r.DocID, r.ID); err != nil {
				return nil, err
			}
			done.Relations = append(done.Relations, r)
		}
		if err := st.DeleteSpan(ctx, e.DocID, stored.ID); err != nil {
			return nil, err
		}
		done.Remove = append(done.Remove, stored)
	}
	for _, u := range e.Update {
		stored, err := storedSpan(ctx, st, e.DocID, u.After.ID)
		if err != nil {
			return nil, err
		}
		if err := checkOwner(GoldAnnotator, stored.Annotator, fmt.Sprintf("span %s (%s)", stored.ID, stored.Label)); err != nil {
			return nil, curatorOnly(err)
		}
		after := u.After.Clone()
		after.DocID, after.Annotator = e.DocID, GoldAnnotator
		if err := checkUpdatedSpan(ctx, st, &sc, stored, &after); err != nil {
			return nil, err
		}
		if err := st.PutSpan(ctx, after); err != nil {
			return nil, err
		}
		done.Update = append(done.Update, SpanUpdate{Before: stored, After: after})
	}
	for _, sp := range e.Add {
		sp = sp.Clone()
		if sp.Annotator != "" && sp.Annotator != GoldAnnotator {
			return nil, Errorf(EInvalid, "span %s: curation adds only %s's spans, not %s's", sp.ID, GoldAnnotator, sp.Annotator)
		}
		sp.DocID, sp.Annotator = e.DocID, GoldAnnotator
		if err := checkNewSpan(ctx, st, &sc, &sp); err != nil {
			return nil, err
		}
		if err := st.PutSpan(ctx, sp); err != nil {
			return nil, err
		}
		done.Add = append(done.Add, sp)
	}
	for _, r := range e.Restore {
		r, err := completeRelation(ctx, st, &sc, r, e.DocID, GoldAnnotator, nil)
		if err != nil {
			return nil, err
		}
		if r.Annotator != GoldAnnotator {
			return nil, Errorf(EInvalid, "relation %s: curation restores only %s's relations", r.ID, GoldAnnotator)
		}
		if err := st.PutRelation(ctx, r); err != nil {
			return nil, err
		}
		done.Restore = append(done.Restore, r)
	}
	for _, r := range e.Link {
		if r.Annotator != "" && r.Annotator != GoldAnnotator {
			return nil, Errorf(EInvalid, "relation %s: curation links only %s's spans, not %s's", r.ID, GoldAnnotator, r.Annotator)
		}
		r, err := completeRelation(ctx, st, &sc, r, e.DocID, GoldAnnotator, nil)
		if err != nil {
			return nil, err
		}
		r.Annotator = GoldAnnotator
		from, to, err := relationEnds(ctx, st, r)
		if err != nil {
			return nil, err
		}
		for _, end := range []Span{from, to} {
			if end.Annotator != GoldAnnotator {
				return nil, Errorf(EInvalid, "relation %s: span %s is %s's: a gold relation joins gold's spans", r.ID, end.ID, end.Annotator)
			}
		}
		if err := st.PutRelation(ctx, r); err != nil {
			return nil, err
		}
		done.Link = append(done.Link, r)
	}
	for _, lc := range e.Labels {
		layer, ok := sc.Layer(lc.Layer)
		if !ok || layer.Kind != DocumentLayer {
			return nil, Errorf(EInvalid, "document labels: %q is not a document layer", lc.Layer)
		}
		var labels []string
		for _, l := range lc.After {
			if err := sc.CheckDocLabel(DocLabel{Layer: lc.Layer, Label: l, Annotator: GoldAnnotator}); err != nil {
				return nil, WithCode(EInvalid, err)
			}
			if !slices.Contains(labels, l) {
				labels = append(labels, l)
			}
		}
		if !layer.TakesLabels(len(labels)) {
			return nil, Errorf(EInvalid, "document labels: layer %q takes one label per document, got %d", lc.Layer, len(labels))
		}
		before, err := st.DocLabels(ctx, e.DocID, lc.Layer, GoldAnnotator)
		if err != nil {
			return nil, err
		}
		if err := st.SetDocLabels(ctx, e.DocID, lc.Layer, GoldAnnotator, labels); err != nil {
			return nil, err
		}
		done.Labels = append(done.Labels, LabelChange{Layer: lc.Layer, Before: nilIfEmpty(before), After: labels})
	}
	n, _, err := st.TextLen(ctx, e.DocID)
	if err != nil {
		return nil, err
	}
	for _, set := range []bool{true, false} {
		marks := e.Settle
		if !set {
			marks = e.Unsettle
		}
		for _, m := range marks {
			m.Doc, m.Annotator = e.DocID, GoldAnnotator
			if m.Label != "" {
				if err := checkRelationMark(&sc, m); err != nil {
					return nil, err
				}
			} else if _, ok := sc.Layer(m.Layer); !ok {
				return nil, Errorf(EInvalid, "settle: unknown layer %q", m.Layer)
			}
			if m.Start < 0 || m.End < m.Start || m.End > n {
				return nil, Errorf(EInvalid, "settle: [%d,%d) is not inside the text's %d code points", m.Start, m.End, n)
			}
			was, err := st.Rejected(ctx, m)
			if err != nil {
				return nil, err
			}
			if was == set {
				continue // already so: nothing for undo to take back
			}
			if err := st.SetRejected(ctx, m, set); err != nil {
				return nil, err
			}
			if set {
				done.Settle = append(done.Settle, m)
			} else {
				done.Unsettle = append(done.Unsettle, m)
			}
		}
	}
	if e.Status != "" {
		if !e.Status.Valid() {
			return nil, Errorf(EInvalid, "status %q: want one of todo, in_progress, done, skipped", e.Status)
		}
		before, err := st.Status(ctx, e.DocID, GoldAnnotator)
		if err != nil {
			return nil, err
		}
		if err := st.SetStatus(ctx, e.DocID, GoldAnnotator, e.Status); err != nil {
			return nil, err
		}
		done.Status, done.BeforeStatus = e.Status, before
	}
	return done, nil
}

// curatorOnly words the ownership refusal for a curator.
func curatorOnly(err error) error {
	return Errorf(EInvalid, "%v; a curator changes only the adjudicated (%s) layer", err, GoldAnnotator)
}
