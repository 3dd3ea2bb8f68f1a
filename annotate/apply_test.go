package annotate

import (
	"context"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

var (
	t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	t1 = time.Date(2025, 3, 2, 9, 30, 0, 0, time.UTC) // the clock of the tests' State
)

// applySchema is the schema of the apply tests: claims (no overlap, with
// attributes), actors (overlap allowed), a multi and a single document layer,
// one relation type.
func applySchema() Schema {
	return Schema{
		Name: "apply", Version: 1,
		Layers: []Layer{
			{Name: "claim", Kind: SpanLayer, Labels: []Label{{Name: "Claim", Color: "#e69f00"}, {Name: "Counterclaim", Color: "#56b4e9"}},
				Attributes: []AttrDef{
					{Name: "certainty", Kind: AttrChoice, Values: []string{"low", "high"}},
					{Name: "kinds", Kind: AttrMulti, Values: []string{"quote", "statistic"}},
				}},
			{Name: "actor", Kind: SpanLayer, Overlap: true, Labels: []Label{{Name: "Person", Color: "#d55e00"}, {Name: "Group", Color: "#0072b2"}}},
			{Name: "frame", Kind: DocumentLayer, Multi: true, Labels: []Label{{Name: "Economic", Color: "#cc6677"}, {Name: "Security", Color: "#117733"}}},
			{Name: "genre", Kind: DocumentLayer, Labels: []Label{{Name: "news", Color: "#882255"}, {Name: "opinion", Color: "#44aa99"}}},
		},
		Relations: []RelationType{{Name: "said_by", From: "claim", To: "actor"}},
	}
}

// applyDoc is the document of the apply tests (39 code points, one emoji):
// ana's claim c1 said by a1, ana's actor a1, ben's claim c2.
func applyDoc() AnnotatedDoc {
	span := func(id, layer, label, ann string, start, end int) Span {
		return Span{ID: id, DocID: "d", Layer: layer, Label: label, Fragments: []Fragment{{Start: start, End: end}},
			Annotator: ann, Created: t0, Updated: t0}
	}
	d := AnnotatedDoc{
		Document: Document{ID: "d", Text: "Ana said the plan 👍 will fail, said Bo."},
		Spans: []Span{
			span("a1", "actor", "Person", "ana", 0, 3),
			span("c1", "claim", "Claim", "ana", 9, 30),
			span("c2", "claim", "Claim", "ben", 9, 17),
		},
		Relations: []Relation{{ID: "r1", DocID: "d", Type: "said_by", From: "c1", To: "a1", Annotator: "ana", Created: t0}},
		Labels:    []DocLabel{{Layer: "frame", Label: "Economic", Annotator: "ana"}, {Layer: "frame", Label: "Security", Annotator: "ana"}},
		Status:    map[string]Status{"ana": StatusInProgress},
	}
	d.Spans[1].Attrs = Attrs{"certainty": "low"}
	SortSpans(d.Spans)
	return d
}

func newSpan(f func(sp *Span)) AddSpanEdit {
	sp := Span{DocID: "d", Layer: "claim", Label: "Claim", Annotator: "ana", Fragments: []Fragment{{Start: 32, End: 38}}}
	f(&sp)
	return AddSpan(sp)
}

func withSchema(f func(sc *Schema)) Schema {
	sc := applySchema()
	f(&sc)
	return sc
}

// TestApply is every rule an edit is checked against, each refusal with its
// code and message, and what a completed edit records; it runs on the
// in-memory State, the same Apply the store runs over SQLite.
func TestApply(t *testing.T) {
	ann := func(id string) Span { return Span{ID: id, DocID: "d"} }
	tests := []struct {
		name string
		edit Edit
		code Code   // "" when the edit is accepted
		want string // the refusal's message contains this
		// check looks at the completed edit and the document after it
		check func(t *testing.T, done Edit, d *AnnotatedDoc)
	}{
		// who
		{name: "no annotator", edit: AddSpanEdit{Span: Span{DocID: "d"}}, code: EInvalid, want: "add_span: no annotator"},
		// add_span: the span's own rules
		{name: "add span", edit: newSpan(func(sp *Span) { sp.Attrs = Attrs{"kinds": []any{"quote"}} }),
			check: func(t *testing.T, done Edit, d *AnnotatedDoc) {
				sp := done.(AddSpanEdit).Span
				if sp.ID == "" || !sp.Created.Equal(t1) || !sp.Updated.Equal(t1) {
					t.Errorf("span not completed: %+v", sp)
				}
				if !sp.Attrs.Equal(Attrs{"kinds": []string{"quote"}}) {
					t.Errorf("attributes not normalised: %#v", sp.Attrs)
				}
				if d.Spans[len(d.Spans)-1].ID != sp.ID {
					t.Errorf("span not added last in reading order: %+v", d.Spans)
				}
			}},
		{name: "unknown label", edit: newSpan(func(sp *Span) { sp.ID = "s-new"; sp.Label = "Foo" }), code: EInvalid,
			want: `span s-new: layer "claim" has no label "Foo"`},
		{name: "unknown layer", edit: newSpan(func(sp *Span) { sp.Layer = "mood" }), code: EInvalid, want: `unknown layer "mood"`},
		{name: "document layer", edit: newSpan(func(sp *Span) { sp.Layer, sp.Label = "frame", "Economic" }), code: EInvalid,
			want: "is a document layer"},
		{name: "past the text", edit: newSpan(func(sp *Span) { sp.Fragments = []Fragment{{Start: 30, End: 41}} }), code: EInvalid,
			want: "end 41 is past the text's 39 code points"},
		{name: "empty fragment", edit: newSpan(func(sp *Span) { sp.Fragments = []Fragment{{Start: 9, End: 9}} }), code: EInvalid,
			want: "not after start"},
		{name: "no fragments", edit: newSpan(func(sp *Span) { sp.Fragments = nil }), code: EInvalid, want: "span has no fragments"},
		{name: "attribute value not allowed", edit: newSpan(func(sp *Span) { sp.Attrs = Attrs{"certainty": "medium"} }), code: EInvalid,
			want: `attribute "certainty": want one of low, high, got medium`},
		{name: "unknown attribute", edit: newSpan(func(sp *Span) { sp.Attrs = Attrs{"mood": "x"} }), code: EInvalid,
			want: `no attribute "mood"`},
		{name: "attribute of a shape JSON cannot mean", edit: newSpan(func(sp *Span) { sp.Attrs = Attrs{"kinds": []any{1}} }), code: EInvalid,
			want: `attribute "kinds": list holds int`},
		{name: "overlaps own span on a no-overlap layer", edit: newSpan(func(sp *Span) { sp.ID = "s-new"; sp.Fragments = []Fragment{{Start: 29, End: 33}} }),
			code: EInvalid, want: `it would overlap the Claim span “the plan 👍 will fail,”, and layer "claim" does not allow overlapping spans ` +
				`(to allow nesting, turn on the layer's overlap setting: “spans may overlap” in the schema editor)`},
		{name: "overlaps another annotator's span", edit: newSpan(func(sp *Span) { sp.Annotator = "ben"; sp.Fragments = []Fragment{{Start: 20, End: 25}} })},
		{name: "overlaps on an overlap layer", edit: newSpan(func(sp *Span) { sp.Layer, sp.Label = "actor", "Group"; sp.Fragments = []Fragment{{Start: 0, End: 8}} })},
		{name: "existing id", edit: newSpan(func(sp *Span) { sp.ID = "c2" }), code: EConflict, want: "span c2: already exists in the document"},
		{name: "unknown document", edit: newSpan(func(sp *Span) { sp.DocID = "nope" }), code: ENotFound, want: `document "nope": not found`},
		{name: "add span with its relations", edit: AddSpanEdit{Annotator: "ana",
			Span:      Span{ID: "c3", DocID: "d", Layer: "claim", Label: "Claim", Fragments: []Fragment{{Start: 32, End: 38}}, Annotator: "ana"},
			Relations: []Relation{{ID: "r9", DocID: "d", Type: "said_by", From: "c3", To: "a1"}}},
			check: func(t *testing.T, done Edit, d *AnnotatedDoc) {
				if rels := done.(AddSpanEdit).Relations; len(rels) != 1 || rels[0].Annotator != "ana" || !rels[0].Created.Equal(t1) {
					t.Errorf("relations not completed: %+v", rels)
				}
			}},
		{name: "add span with a relation of the wrong type", edit: AddSpanEdit{Annotator: "ana",
			Span:      Span{ID: "c3", DocID: "d", Layer: "claim", Label: "Claim", Fragments: []Fragment{{Start: 32, End: 38}}, Annotator: "ana"},
			Relations: []Relation{{ID: "r9", DocID: "d", Type: "said_by", From: "a1", To: "c3"}}},
			code: EInvalid, want: `said_by goes from layer "claim", but span a1 is in "actor"`},

		// the adjudicated (gold) layer: only curation changes it, and
		// curation changes nothing else
		{name: "annotate as gold", edit: newSpan(func(sp *Span) { sp.Annotator = GoldAnnotator }), code: EInvalid,
			want: `"gold" is the adjudicated layer, not an annotator: it changes only in curation`},
		{name: "mark a document as gold", edit: SetStatus("d", GoldAnnotator, "", StatusDone), code: EInvalid,
			want: `"gold" is the adjudicated layer`},
		{name: "add a span in another's name", edit: AddSpanEdit{Annotator: "ana", Span: cspan("ben Claim 32-38")}, code: EInvalid,
			want: "ana cannot add a span in ben's name"},
		{name: "provenance on an annotator's span", edit: newSpan(func(sp *Span) { sp.Provenance = ProvCurator }), code: EInvalid,
			want: `provenance "curator": only the adjudicated layer's (gold's) spans record one`},
		{name: "curation without a curator", edit: CurateEdit{DocID: "d"}, code: EInvalid, want: "curation needs the curator's own name"},
		{name: "curation as gold", edit: CurateEdit{Curator: GoldAnnotator, DocID: "d"}, code: EInvalid, want: "curation needs the curator's own name"},
		{name: "accept a version into gold", edit: func() Edit {
			c := Align(applyDoc(), ptr(applySchema()), nil)
			e, _ := c.Accept("cora", c.Units[2], "ben") // claim: ana's c1 [9,30) against ben's c2 [9,17)
			return e
		}(), check: func(t *testing.T, done Edit, d *AnnotatedDoc) {
			add := done.(CurateEdit).Add
			if len(add) != 1 || add[0].Annotator != GoldAnnotator || add[0].Provenance != "adjudicated:ben" || add[0].End() != 17 || add[0].ID == "" {
				t.Errorf("gold %+v", add)
			}
		}},
		{name: "curator deletes an annotator's span", edit: CurateEdit{Curator: "cora", DocID: "d", curationBody: curationBody{Remove: []Span{{ID: "c2"}}}},
			code: EInvalid, want: "span c2 (Claim) is ben's: your edits change only your own annotations; a curator changes only the adjudicated (gold) layer"},
		{name: "curator changes an annotator's span", edit: CurateEdit{Curator: "cora", DocID: "d",
			curationBody: curationBody{Update: []SpanUpdate{{After: cspan("ben Counterclaim 9-17")}}}}, code: ENotFound, want: "span x: not found"},
		{name: "curator changes an annotator's span by id", edit: func() Edit {
			after := applyDoc().Spans[2].Clone()
			after.Label = "Counterclaim"
			return CurateEdit{Curator: "cora", DocID: "d", curationBody: curationBody{Update: []SpanUpdate{{After: after}}}}
		}(), code: EInvalid, want: "is ben's"},
		{name: "curator adds a span for an annotator", edit: CurateEdit{Curator: "cora", DocID: "d",
			curationBody: curationBody{Add: []Span{cspan("ben Claim 32-38")}}}, code: EInvalid, want: "curation adds only gold's spans, not ben's"},
		{name: "gold span with a provenance of no kind", edit: CurateEdit{Curator: "cora", DocID: "d",
			curationBody: curationBody{Add: []Span{func() Span { sp := cspan("gold Claim 32-38"); sp.Provenance = "adjudicated:"; return sp }()}}},
			code: EInvalid, want: `provenance "adjudicated:": want unanimous, adjudicated:ANNOTATOR or curator`},
		{name: "curation refused halfway leaves nothing behind", edit: CurateEdit{Curator: "cora", DocID: "d", curationBody: curationBody{
			Add:    []Span{func() Span { sp := cspan("gold Claim 32-38"); sp.Provenance = ProvCurator; return sp }()},
			Labels: []LabelChange{{Layer: "genre", After: []string{"news", "opinion"}}}}},
			code: EInvalid, want: `layer "genre" takes one label per document, got 2`},
		{name: "reject a dispute", edit: Align(applyDoc(), ptr(applySchema()), nil).Reject("cora", Align(applyDoc(), ptr(applySchema()), nil).Units[0]),
			check: func(t *testing.T, done Edit, d *AnnotatedDoc) {
				e := done.(CurateEdit)
				if len(e.Settle) != 1 || e.Settle[0].Layer != "frame" || len(e.Labels) != 1 {
					t.Errorf("reject %+v", e)
				}
			}},

		// delete_span
		{name: "delete span", edit: DeleteSpan(ann("c1"), "ana"),
			check: func(t *testing.T, done Edit, d *AnnotatedDoc) {
				del := done.(DeleteSpanEdit)
				if len(del.Relations) != 1 || del.Relations[0].ID != "r1" || del.Span.Attrs == nil || del.Span.Label != "Claim" {
					t.Errorf("completed edit lacks what undo needs: %+v", del)
				}
				if len(d.Relations) != 0 || len(d.Spans) != 2 {
					t.Errorf("left %+v %+v", d.Spans, d.Relations)
				}
			}},
		{name: "delete missing span", edit: DeleteSpan(ann("s-gone"), "ana"), code: ENotFound, want: "span s-gone: not found"},
		{name: "delete span without id", edit: DeleteSpan(Span{DocID: "d"}, "ana"), code: EInvalid, want: "delete_span: no span id"},

		// update_span
		{name: "update span", edit: func() Edit {
			d := applyDoc()
			before := d.Spans[1]
			after := before.Clone()
			after.Label, after.Note = "Counterclaim", "narrowed"
			return UpdateSpan(before, after, "ana")
		}(), check: func(t *testing.T, done Edit, d *AnnotatedDoc) {
			up := done.(UpdateSpanEdit)
			if !up.After.Created.Equal(t0) || !up.After.Updated.Equal(t1) || !up.Before.Updated.Equal(t0) {
				t.Errorf("times: %+v", up)
			}
		}},
		{name: "update missing span", edit: UpdateSpan(ann("x"), ann("x"), "ana"), code: ENotFound, want: "span x: not found"},
		{name: "update span into another document", edit: UpdateSpan(ann("c2"), Span{ID: "c2", DocID: "e"}, "ben"), code: EInvalid,
			want: `span c2: cannot move from document "d" to "e"`},
		{name: "update another annotator's span", edit: func() Edit {
			d := applyDoc()
			after := d.Spans[2].Clone() // ben's c2 [9,17)
			after.Label = "Counterclaim"
			return UpdateSpan(d.Spans[2], after, "ana")
		}(), code: EInvalid, want: "span c2 (Claim) is ben's: your edits change only your own annotations"},
		{name: "take over another annotator's span", edit: func() Edit {
			d := applyDoc()
			after := d.Spans[2].Clone()
			after.Annotator = "ana"
			return UpdateSpan(d.Spans[2], after, "ben")
		}(), code: EInvalid, want: "span c2: cannot pass from ben to ana"},
		{name: "delete another annotator's span", edit: func() Edit {
			return DeleteSpan(applyDoc().Spans[2], "ana")
		}(), code: EInvalid, want: "span c2 (Claim) is ben's"},
		{name: "update span out of its relation's layer", edit: func() Edit {
			d := applyDoc()
			after := d.Spans[0].Clone() // a1, the end of r1
			after.Label = "Group"
			after.Layer = "actor"
			moved := d.Spans[1].Clone() // c1, the start of r1
			moved.Layer, moved.Label, moved.Attrs = "actor", "Person", nil
			return UpdateSpan(d.Spans[1], moved, "ana")
		}(), code: EInvalid, want: `said_by goes from layer "claim", but span c1 is in "actor"`},

		// add_relation, delete_relation
		{name: "add relation", edit: AddRelation(Relation{DocID: "d", Type: "said_by", From: "c2", To: "a1", Annotator: "ben"}),
			check: func(t *testing.T, done Edit, d *AnnotatedDoc) {
				r := done.(AddRelationEdit).Relation
				if r.ID == "" || !r.Created.Equal(t1) || d.Relations[1] != r {
					t.Errorf("relation %+v, document's %+v", r, d.Relations)
				}
			}},
		{name: "relation made twice", edit: AddRelation(Relation{ID: "r2", DocID: "d", Type: "said_by", From: "c1", To: "a1", Annotator: "ana"}),
			code: EConflict, want: "relation r2: said_by from c1 to a1 already exists as r1"},
		{name: "existing relation id", edit: AddRelation(Relation{ID: "r1", DocID: "d", Type: "said_by", From: "c2", To: "a1", Annotator: "ana"}),
			code: EConflict, want: "relation r1: already exists in the document"},
		{name: "relation of unknown type", edit: AddRelation(Relation{ID: "r2", DocID: "d", Type: "cites", From: "c2", To: "a1", Annotator: "ana"}),
			code: EInvalid, want: `relation r2: unknown type "cites"`},
		{name: "relation ends reversed", edit: AddRelation(Relation{ID: "r2", DocID: "d", Type: "said_by", From: "a1", To: "c2", Annotator: "ana"}),
			code: EInvalid, want: `said_by goes from layer "claim", but span a1 is in "actor"`},
		{name: "relation to a missing span", edit: AddRelation(Relation{ID: "r2", DocID: "d", Type: "said_by", From: "c2", To: "gone", Annotator: "ana"}),
			code: ENotFound, want: "relation r2: span gone: not found"},
		{name: "delete relation", edit: DeleteRelation(Relation{ID: "r1", DocID: "d"}, "ana"),
			check: func(t *testing.T, done Edit, d *AnnotatedDoc) {
				if r := done.(DeleteRelationEdit).Relation; r.Type != "said_by" || len(d.Relations) != 0 {
					t.Errorf("completed %+v, left %+v", r, d.Relations)
				}
			}},
		{name: "delete missing relation", edit: DeleteRelation(Relation{ID: "r7", DocID: "d"}, "ana"), code: ENotFound,
			want: "relation r7: not found"},

		// set_doc_labels
		{name: "set document labels", edit: SetDocLabels("d", "frame", "ana", nil, []string{"Security", "Security"}),
			check: func(t *testing.T, done Edit, d *AnnotatedDoc) {
				e := done.(SetDocLabelsEdit)
				if !reflect.DeepEqual(e.Before, []string{"Economic", "Security"}) || !reflect.DeepEqual(e.After, []string{"Security"}) {
					t.Errorf("completed %+v", e)
				}
			}},
		{name: "one label on a single layer", edit: SetDocLabels("d", "genre", "ana", nil, []string{"news"})},
		{name: "two labels on a single layer", edit: SetDocLabels("d", "genre", "ana", nil, []string{"news", "opinion"}), code: EInvalid,
			want: `document labels: layer "genre" takes one label per document, got 2`},
		{name: "document labels of an unknown layer", edit: SetDocLabels("d", "mood", "ana", nil, nil), code: EInvalid,
			want: `document labels: unknown layer "mood"`},
		{name: "document label of a span layer", edit: SetDocLabels("d", "claim", "ana", nil, []string{"Claim"}), code: EInvalid,
			want: `document label: layer "claim" is a span layer`},
		{name: "unknown document label", edit: SetDocLabels("d", "frame", "ana", nil, []string{"Moral"}), code: EInvalid,
			want: `document label: layer "frame" has no label "Moral"`},
		{name: "document labels of an unknown document", edit: SetDocLabels("x", "frame", "ana", nil, nil), code: ENotFound,
			want: `document "x": not found`},

		// set_status
		{name: "set status", edit: SetStatus("d", "ben", "", StatusDone),
			check: func(t *testing.T, done Edit, d *AnnotatedDoc) {
				if e := done.(SetStatusEdit); e.Before != StatusTodo || d.Status["ben"] != StatusDone {
					t.Errorf("completed %+v, statuses %v", e, d.Status)
				}
			}},
		{name: "unknown status", edit: SetStatus("d", "ana", "", "finished"), code: EInvalid,
			want: `status "finished": want one of todo, in_progress, done, skipped`},

		// set_schema
		{name: "rename a label", edit: SetSchema(applySchema(), withSchema(func(sc *Schema) { sc.Layers[0].Labels[0].Name = "Assertion" }),
			[]LabelRename{{Layer: "claim", From: "Claim", To: "Assertion"}}, "ana"),
			check: func(t *testing.T, done Edit, d *AnnotatedDoc) {
				e := done.(SetSchemaEdit)
				if e.Removed != nil || e.After.Version != 2 || e.Before.Version != 1 {
					t.Errorf("completed %+v", e)
				}
				for _, sp := range d.Spans {
					if sp.Label == "Claim" {
						t.Errorf("span %s keeps the old name", sp.ID)
					}
				}
			}},
		{name: "delete a label in use", edit: SetSchema(applySchema(), withSchema(func(sc *Schema) {
			sc.Layers[1].Labels = sc.Layers[1].Labels[1:] // no Person
			sc.Layers[2].Labels = sc.Layers[2].Labels[1:] // no Economic
		}), nil, "ana"),
			check: func(t *testing.T, done Edit, d *AnnotatedDoc) {
				rm := done.(SetSchemaEdit).Removed
				if rm == nil || len(rm.Spans) != 1 || len(rm.Relations) != 1 || len(rm.DocLabels) != 1 {
					t.Fatalf("removed %+v", rm)
				}
				if len(d.Labels) != 1 || d.Labels[0].Label != "Security" || len(d.Relations) != 0 {
					t.Errorf("left labels %+v relations %+v", d.Labels, d.Relations)
				}
			}},
		{name: "invalid schema", edit: SetSchema(applySchema(), withSchema(func(sc *Schema) { sc.Layers = nil }), nil, "ana"),
			code: EInvalid, want: "schema: schema has no layers"},
		{name: "schema dropping an attribute value in use", edit: SetSchema(applySchema(), withSchema(func(sc *Schema) {
			sc.Layers[0].Attributes[0].Values = []string{"high"}
		}), nil, "ana"), code: EInvalid,
			want: `schema: layer "claim" attribute "certainty": 1 spans hold values the new schema does not allow; change those spans first`},
		{name: "rename onto an existing label", edit: SetSchema(applySchema(), withSchema(func(sc *Schema) { sc.Layers[0].Labels = sc.Layers[0].Labels[1:] }),
			[]LabelRename{{Layer: "claim", From: "Claim", To: "Counterclaim"}}, "ana"), code: EInvalid,
			want: `rename claim/Claim to "Counterclaim": layer "claim" already has a label "Counterclaim"`},
		{name: "rename to a label the new schema lacks", edit: SetSchema(applySchema(), applySchema(),
			[]LabelRename{{Layer: "claim", From: "Claim", To: "Assertion"}}, "ana"), code: EInvalid,
			want: `the new schema's layer "claim" has no label "Assertion"`},
		{name: "rename keeping the old label", edit: SetSchema(applySchema(), withSchema(func(sc *Schema) {
			sc.Layers[0].Labels = append(sc.Layers[0].Labels, Label{Name: "Assertion", Color: "#000000"})
		}), []LabelRename{{Layer: "claim", From: "Claim", To: "Assertion"}}, "ana"), code: EInvalid,
			want: `the new schema still has label "Claim"`},
		{name: "rename in an unknown layer", edit: SetSchema(applySchema(), applySchema(),
			[]LabelRename{{Layer: "mood", From: "a", To: "b"}}, "ana"), code: EInvalid,
			want: `the current schema has no layer "mood"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ctx := context.Background()
			d, sc := applyDoc(), applySchema()
			st := NewDocState(&d, &sc, func() time.Time { return t1 })
			done, err := tt.edit.Apply(ctx, st)
			if tt.code != "" {
				if err == nil || ErrorCode(err) != tt.code || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("Apply = %v (code %q), want %s %q", err, ErrorCode(err), tt.code, tt.want)
				}
				if pristine := applyDoc(); !reflect.DeepEqual(d, pristine) {
					t.Errorf("a refused edit changed the document:\n%+v", d)
				}
				return
			}
			if err != nil {
				t.Fatalf("Apply: %v", err)
			}
			if done.Op() != tt.edit.Op() || done.By() != tt.edit.By() {
				t.Errorf("completed edit %+v", done)
			}
			if tt.check != nil {
				tt.check(t, done, &d)
			}
			after := d.Clone()
			// Undo: the completed edit's inverse brings everything back.
			undone, err := done.Inverse().Apply(ctx, st)
			if err != nil {
				t.Fatalf("undo: %v", err)
			}
			if pristine := applyDoc(); !sameDoc(d, pristine) {
				t.Errorf("undo left\n%+v\nwant\n%+v", d, pristine)
			}
			// Redo: the undo's inverse makes the edit again, times and all.
			if _, err := undone.Inverse().Apply(ctx, st); err != nil {
				t.Fatalf("redo: %v", err)
			}
			if !sameDoc(d, after) {
				t.Errorf("redo left\n%+v\nwant\n%+v", d, after)
			}
		})
	}
}

// sameDoc compares documents as a store holds them: an empty list is no
// list, and document labels are a set (a restored label comes back last).
func sameDoc(a, b AnnotatedDoc) bool {
	norm := func(d AnnotatedDoc) AnnotatedDoc {
		d = d.Clone()
		d.Spans, d.Relations = nilIfEmpty(d.Spans), nilIfEmpty(d.Relations)
		d.Labels = nilIfEmpty(d.Labels)
		slices.SortFunc(d.Labels, func(x, y DocLabel) int {
			return strings.Compare(x.Layer+"/"+x.Annotator+"/"+x.Label, y.Layer+"/"+y.Annotator+"/"+y.Label)
		})
		return d
	}
	return reflect.DeepEqual(norm(a), norm(b))
}

func ptr[T any](v T) *T { return &v }
