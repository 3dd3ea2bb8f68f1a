package storagetest

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"

	"frametag/annotate"
)

// corpusProject is a project holding the unicode corpus.
func corpusProject(t *testing.T, c Config) (annotate.Store, string) {
	t.Helper()
	s, path := newProject(t, c)
	if _, err := s.Import(t.Context(), Seq(Corpus(t))); err != nil {
		t.Fatal(err)
	}
	return s, path
}

func mustSpan(t *testing.T, s annotate.Store, docID, spanID string) annotate.Span {
	t.Helper()
	ad, err := s.Annotations(t.Context(), docID)
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range ad.Spans {
		if sp.ID == spanID {
			return sp
		}
	}
	t.Fatalf("span %s not in %s", spanID, docID)
	return annotate.Span{}
}

func hasSpan(t *testing.T, s annotate.Store, docID, spanID string) bool {
	t.Helper()
	ad, err := s.Annotations(t.Context(), docID)
	if err != nil {
		t.Fatal(err)
	}
	return slices.ContainsFunc(ad.Spans, func(sp annotate.Span) bool { return sp.ID == spanID })
}

func relationIDs(t *testing.T, s annotate.Store, docID string) []string {
	t.Helper()
	ad, err := s.Annotations(t.Context(), docID)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, r := range ad.Relations {
		ids = append(ids, r.ID)
	}
	return ids
}

func schemaWithout(version int, f func(sc *annotate.Schema)) annotate.Schema {
	sc := Schema()
	sc.Version = version
	f(&sc)
	return sc
}

// reopen closes s and opens its file again, as a restart would.
func reopen(t *testing.T, c Config, s annotate.Store, path string) annotate.Store {
	t.Helper()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := c.Opener.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s2.Close() })
	return s2
}

type editCase struct {
	name  string
	edit  func(t *testing.T, s annotate.Store) annotate.Edit
	check func(t *testing.T, s annotate.Store, done annotate.Edit) // the state after the edit
}

func editCases() []editCase {
	return []editCase{
		{"add span", func(t *testing.T, s annotate.Store) annotate.Edit {
			return annotate.AddSpan(annotate.Span{DocID: "ja-4", Layer: "claim", Label: "Counterclaim", Annotator: "ana",
				Fragments: []annotate.Fragment{{Start: 17, End: 29}}, Attrs: annotate.Attrs{"kinds": []string{"quote"}}})
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			sp := done.(annotate.AddSpanEdit).Span
			if sp.ID == "" || sp.Created.IsZero() || !sp.Updated.Equal(sp.Created) {
				t.Errorf("span not completed: %+v", sp)
			}
			if got := mustSpan(t, s, "ja-4", sp.ID); !got.Attrs.Equal(annotate.Attrs{"kinds": []string{"quote"}}) {
				t.Errorf("stored span %+v", got)
			}
		}},
		{"delete span with relations", func(t *testing.T, s annotate.Store) annotate.Edit {
			return annotate.DeleteSpan(annotate.Span{ID: "s-claim-1", DocID: "en-1"}, "ana")
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			if hasSpan(t, s, "en-1", "s-claim-1") {
				t.Error("span still there")
			}
			del := done.(annotate.DeleteSpanEdit)
			if len(del.Relations) != 1 || del.Relations[0].ID != "r-1" || del.Span.Note == "" || del.Span.Attrs == nil {
				t.Errorf("completed edit lacks what undo needs: %+v %+v", del.Span, del.Relations)
			}
			if ids := relationIDs(t, s, "en-1"); !slices.Equal(ids, []string{"r-2"}) {
				t.Errorf("relations %v, want r-2 only", ids)
			}
		}},
		{"update span", func(t *testing.T, s annotate.Store) annotate.Edit {
			before := mustSpan(t, s, "ru-3", "s-ceny")
			after := before.Clone()
			after.Label = "Counterclaim"
			after.Fragments = []annotate.Fragment{{Start: before.Start() + 1, End: before.End() - 1}}
			after.Attrs = annotate.Attrs{"verified": true, "kinds": []string{"quote", "statistic"}}
			after.Note = "narrowed"
			return annotate.UpdateSpan(before, after, "ана")
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			got := mustSpan(t, s, "ru-3", "s-ceny")
			before := done.(annotate.UpdateSpanEdit).Before
			if got.Label != "Counterclaim" || got.Note != "narrowed" || !got.Created.Equal(before.Created) ||
				!got.Updated.After(before.Updated) {
				t.Errorf("stored %+v", got)
			}
		}},
		{"add relation", func(t *testing.T, s annotate.Store) annotate.Edit {
			return annotate.AddRelation(annotate.Relation{DocID: "ja-4", Type: "said_by", From: "s-ja-claim", To: "s-ja-paper", Annotator: "ana"})
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			if ids := relationIDs(t, s, "ja-4"); len(ids) != 2 || ids[1] != done.(annotate.AddRelationEdit).Relation.ID {
				t.Errorf("relations %v", ids)
			}
		}},
		{"delete relation", func(t *testing.T, s annotate.Store) annotate.Edit {
			return annotate.DeleteRelation(annotate.Relation{ID: "r-2", DocID: "en-1"}, "ben")
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			if ids := relationIDs(t, s, "en-1"); !slices.Equal(ids, []string{"r-1"}) {
				t.Errorf("relations %v", ids)
			}
			if r := done.(annotate.DeleteRelationEdit).Relation; r.From != "s-claim-2" {
				t.Errorf("completed edit %+v", r)
			}
		}},
		{"set document labels", func(t *testing.T, s annotate.Store) annotate.Edit {
			return annotate.SetDocLabels("en-1", "frame", "ana", nil, []string{"Morality"})
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			if before := done.(annotate.SetDocLabelsEdit).Before; !slices.Equal(before, []string{"Economic", "Security"}) {
				t.Errorf("before labels %v", before)
			}
			ad, _ := s.Annotations(t.Context(), "en-1")
			if !slices.Contains(ad.Labels, annotate.DocLabel{Layer: "frame", Label: "Morality", Annotator: "ana"}) ||
				slices.Contains(ad.Labels, annotate.DocLabel{Layer: "frame", Label: "Economic", Annotator: "ana"}) {
				t.Errorf("labels %v", ad.Labels)
			}
		}},
		{"set status", func(t *testing.T, s annotate.Store) annotate.Edit {
			return annotate.SetStatus("ja-4", "ana", "", annotate.StatusDone)
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			if before := done.(annotate.SetStatusEdit).Before; before != annotate.StatusTodo {
				t.Errorf("before status %q", before)
			}
			ad, _ := s.Annotations(t.Context(), "ja-4")
			if ad.Status["ana"] != annotate.StatusDone {
				t.Errorf("status %v", ad.Status)
			}
		}},
		{"set schema renaming labels", func(t *testing.T, s annotate.Store) annotate.Edit {
			after := schemaWithout(1, func(sc *annotate.Schema) {
				sc.Layers[0].Labels[0].Name = "Assertion"
				sc.Layers[2].Labels[0].Name = "Economy"
			})
			return annotate.SetSchema(Schema(), after, []annotate.LabelRename{
				{Layer: "claim", From: "Claim", To: "Assertion"}, {Layer: "frame", From: "Economic", To: "Economy"}}, "ana")
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			if got := mustSpan(t, s, "en-1", "s-claim-1"); got.Label != "Assertion" {
				t.Errorf("span label %q", got.Label)
			}
			if n, _ := s.SpanCountByLabel(t.Context(), "claim", "Claim"); n != 0 {
				t.Errorf("%d spans still labelled Claim", n)
			}
			ad, _ := s.Annotations(t.Context(), "en-1")
			if !slices.Contains(ad.Labels, annotate.DocLabel{Layer: "frame", Label: "Economy", Annotator: "ana"}) {
				t.Errorf("labels %v", ad.Labels)
			}
			e := done.(annotate.SetSchemaEdit)
			if e.Removed != nil {
				t.Errorf("a rename removed %+v", e.Removed)
			}
			if e.After.Version != 2 {
				t.Errorf("schema version %d, want 2", e.After.Version)
			}
		}},
		{"set schema deleting a label in use", func(t *testing.T, s annotate.Store) annotate.Edit {
			if n, err := s.SpanCountByLabel(t.Context(), "actor", "Person"); err != nil || n != 5 {
				t.Fatalf("SpanCountByLabel = %d, %v; want 5", n, err)
			}
			after := schemaWithout(1, func(sc *annotate.Schema) { sc.Layers[1].Labels = sc.Layers[1].Labels[1:] })
			return annotate.SetSchema(Schema(), after, nil, "ana")
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			if n, _ := s.SpanCountByLabel(t.Context(), "actor", "Person"); n != 0 {
				t.Errorf("%d Person spans left", n)
			}
			if rm := done.(annotate.SetSchemaEdit).Removed; rm == nil || len(rm.Spans) != 5 || len(rm.Relations) != 3 {
				t.Errorf("removed %+v", rm)
			}
			if ids := relationIDs(t, s, "en-1"); !slices.Equal(ids, []string{"r-2"}) {
				t.Errorf("relations %v", ids)
			}
		}},
	}
}

// TestEditUndoRedo applies every kind of edit, undoes it and redoes it, both
// in one session and across a close and reopen: undo must give back exactly
// the project before, redo exactly the project after.
func testEditUndoRedo(t *testing.T, c Config) { runUndoRedo(t, c, editCases(), nil) }

// runUndoRedo applies each case's edit to the corpus project (after setup,
// when given), checks it, undoes and redoes it.
func runUndoRedo(t *testing.T, c Config, cases []editCase, setup func(t *testing.T, s annotate.Store)) {
	for _, restart := range []bool{false, true} {
		for _, tc := range cases {
			name := tc.name
			if restart {
				name += " across reopen"
			}
			t.Run(name, func(t *testing.T) {
				s, path := corpusProject(t, c)
				if setup != nil {
					setup(t, s)
				}
				restartIf := func() {
					if restart {
						s = reopen(t, c, s, path)
					}
				}
				beforeSchema, _ := s.Schema(t.Context())
				before := Snapshot(t, s)
				e := tc.edit(t, s)
				done, err := s.Apply(t.Context(), e)
				if err != nil {
					t.Fatalf("Apply: %v", err)
				}
				tc.check(t, s, done)
				after := Snapshot(t, s)
				afterSchema, _ := s.Schema(t.Context())

				restartIf()
				undone, ok, err := s.Undo(t.Context(), e.By())
				if err != nil || !ok {
					t.Fatalf("Undo = %v, %v", ok, err)
				}
				if undone == nil {
					t.Error("Undo returned no edit")
				}
				SameSnapshot(t, "after undo", Snapshot(t, s), before)
				if sc, _ := s.Schema(t.Context()); !sameSchemaBody(sc, beforeSchema) {
					t.Errorf("schema after undo: %+v", sc)
				}

				restartIf()
				if _, ok, err := s.Redo(t.Context(), e.By()); err != nil || !ok {
					t.Fatalf("Redo = %v, %v", ok, err)
				}
				SameSnapshot(t, "after redo", Snapshot(t, s), after)
				if sc, _ := s.Schema(t.Context()); !sameSchemaBody(sc, afterSchema) {
					t.Errorf("schema after redo: %+v", sc)
				}
				tc.check(t, s, done)

				// And back once more: undo after redo.
				restartIf()
				if _, ok, err := s.Undo(t.Context(), e.By()); err != nil || !ok {
					t.Fatalf("second Undo = %v, %v", ok, err)
				}
				SameSnapshot(t, "after the second undo", Snapshot(t, s), before)
				if _, ok, err := s.Undo(t.Context(), e.By()); err != nil || ok {
					t.Errorf("Undo with nothing left = %v, %v", ok, err)
				}
			})
		}
	}
}

// sameSchemaBody compares schemas but their version, which only goes up.
func sameSchemaBody(a, b annotate.Schema) bool {
	a.Version, b.Version = 0, 0
	x, _ := json.Marshal(a)
	y, _ := json.Marshal(b)
	return string(x) == string(y)
}

func testApplyRefusesInvalidEdits(t *testing.T, c Config) {
	span := func(f func(sp *annotate.Span)) annotate.Edit {
		sp := annotate.Span{ID: "s-new", DocID: "en-1", Layer: "claim", Label: "Claim", Annotator: "ana",
			Fragments: []annotate.Fragment{{Start: 80, End: 90}}}
		f(&sp)
		return annotate.AddSpan(sp)
	}
	tests := []struct {
		name string
		edit annotate.Edit
		want string
	}{
		{"unknown label", span(func(sp *annotate.Span) { sp.Label = "Foo" }), `span s-new: layer "claim" has no label "Foo"`},
		{"unknown layer", span(func(sp *annotate.Span) { sp.Layer = "mood" }), `unknown layer "mood"`},
		{"document layer", span(func(sp *annotate.Span) { sp.Layer = "frame"; sp.Label = "Economic" }), "is a document layer"},
		{"past the text", span(func(sp *annotate.Span) { sp.Fragments = []annotate.Fragment{{Start: 90, End: 500}} }), "past the text"},
		{"empty fragment", span(func(sp *annotate.Span) { sp.Fragments = []annotate.Fragment{{Start: 9, End: 9}} }), "not after start"},
		{"bad attribute value", span(func(sp *annotate.Span) { sp.Attrs = annotate.Attrs{"certainty": "medium"} }), `want one of low, high`},
		{"unknown attribute", span(func(sp *annotate.Span) { sp.Attrs = annotate.Attrs{"mood": "x"} }), `no attribute "mood"`},
		{"overlaps own span on a no-overlap layer", span(func(sp *annotate.Span) { sp.Fragments = []annotate.Fragment{{Start: 30, End: 40}} }),
			"overlap the Claim span “"},
		{"existing id", span(func(sp *annotate.Span) { sp.ID = "s-claim-2"; sp.Fragments = []annotate.Fragment{{Start: 95, End: 96}} }),
			"span s-claim-2: already exists in the document"},
		{"unknown document", span(func(sp *annotate.Span) { sp.DocID = "nope" }), `document "nope"`},
		{"no annotator", annotate.AddSpanEdit{Span: annotate.Span{DocID: "en-1"}}, "no annotator"},
		{"delete missing span", annotate.DeleteSpan(annotate.Span{ID: "s-gone"}, "ana"), "span s-gone"},
		{"relation between wrong layers", annotate.AddRelation(annotate.Relation{DocID: "en-1", Type: "said_by",
			From: "s-actor-1", To: "s-claim-1", Annotator: "ana"}), `goes from layer "claim"`},
		{"relation to a missing span", annotate.AddRelation(annotate.Relation{DocID: "en-1", Type: "said_by",
			From: "s-claim-1", To: "s-nowhere", Annotator: "ana"}), "s-nowhere"},
		{"relation across documents", annotate.AddRelation(annotate.Relation{DocID: "en-1", Type: "said_by",
			From: "s-claim-1", To: "s-oksana", Annotator: "ana"}), "span s-oksana: not found"},
		{"relation twice", annotate.AddRelation(annotate.Relation{DocID: "en-1", Type: "said_by",
			From: "s-claim-1", To: "s-actor-1", Annotator: "ana"}), "already exists"},
		{"existing relation id", annotate.AddRelation(annotate.Relation{ID: "r-2", DocID: "en-1", Type: "said_by",
			From: "s-claim-1", To: "s-actor-2", Annotator: "ana"}), "relation r-2: already exists in the document"},
		{"two labels on a single-choice layer", annotate.SetDocLabels("en-1", "genre", "ana", nil, []string{"News", "Opinion"}),
			`layer "genre" takes one label per document`},
		{"unknown document label", annotate.SetDocLabels("en-1", "frame", "ana", nil, []string{"Fun"}), `has no label "Fun"`},
		{"span layer as document labels", annotate.SetDocLabels("en-1", "claim", "ana", nil, []string{"Claim"}), "is a span layer"},
		{"unknown status", annotate.SetStatus("en-1", "ana", "", "halfway"), `status "halfway"`},
		{"invalid schema", annotate.SetSchema(Schema(), schemaWithout(1, func(sc *annotate.Schema) {
			sc.Layers[0].Labels[1].Name = "Claim"
		}), nil, "ana"), "duplicate label name"},
		{"schema dropping an attribute in use", annotate.SetSchema(Schema(), schemaWithout(1, func(sc *annotate.Schema) {
			sc.Layers[0].Attributes = sc.Layers[0].Attributes[1:]
		}), nil, "ana"), `attribute "certainty": 2 spans hold values`},
		{"rename onto an existing label", annotate.SetSchema(Schema(), schemaWithout(1, func(sc *annotate.Schema) {
			sc.Layers[0].Labels = sc.Layers[0].Labels[1:]
		}), []annotate.LabelRename{{Layer: "claim", From: "Claim", To: "Counterclaim"}}, "ana"), "already has a label"},
	}
	tests = append(tests, curationRefusals()...)
	// Refusals other than EInvalid: what is not there, what clashes.
	codes := map[string]annotate.Code{
		"existing id":                annotate.EConflict,
		"relation twice":             annotate.EConflict,
		"existing relation id":       annotate.EConflict,
		"unknown document":           annotate.ENotFound,
		"delete missing span":        annotate.ENotFound,
		"relation to a missing span": annotate.ENotFound,
		"relation across documents":  annotate.ENotFound, // its end is not in the relation's document
	}
	s, _ := corpusProject(t, c)
	before := Snapshot(t, s)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := s.Apply(t.Context(), tt.edit)
			if err == nil {
				t.Fatal("Apply succeeded")
			}
			want := annotate.EInvalid
			if c, ok := codes[tt.name]; ok {
				want = c
			}
			if got := annotate.ErrorCode(err); got != want {
				t.Errorf("error %q has code %q, want %q", err, got, want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q, want it to say %q", err, tt.want)
			}
			SameSnapshot(t, "after a refused edit", Snapshot(t, s), before)
			if _, ok, err := s.NextUndo(t.Context(), tt.edit.By()); ok || err != nil {
				t.Errorf("a refused edit reached the edit log: %v %v", ok, err)
			}
		})
	}
}

func testOverlapRuleIsPerAnnotatorAndLayer(t *testing.T, c Config) {
	s, _ := corpusProject(t, c)
	// ben's claim over ana's: allowed (another annotator).
	if _, err := s.Apply(t.Context(), annotate.AddSpan(annotate.Span{DocID: "en-1", Layer: "claim", Label: "Claim", Annotator: "ben",
		Fragments: []annotate.Fragment{{Start: 21, End: 30}}})); err != nil {
		t.Errorf("another annotator's overlapping claim: %v", err)
	}
	// actors may overlap.
	if _, err := s.Apply(t.Context(), annotate.AddSpan(annotate.Span{DocID: "en-1", Layer: "actor", Label: "Organisation", Annotator: "ana",
		Fragments: []annotate.Fragment{{Start: 4, End: 12}}})); err != nil {
		t.Errorf("overlapping actor: %v", err)
	}
	// Updating a span over itself is no overlap.
	sp := mustSpan(t, s, "en-1", "s-claim-1")
	wider := sp.Clone()
	wider.Fragments[0].Start--
	if _, err := s.Apply(t.Context(), annotate.UpdateSpan(sp, wider, "ana")); err != nil {
		t.Errorf("widening a span: %v", err)
	}
}

func testUndoIsPerAnnotatorAndNewEditClearsRedo(t *testing.T, c Config) {
	s, _ := corpusProject(t, c)
	add := func(ann string, start int) annotate.Edit {
		done, err := s.Apply(t.Context(), annotate.AddSpan(annotate.Span{DocID: "mix-5", Layer: "actor", Label: "Person", Annotator: ann,
			Fragments: []annotate.Fragment{{Start: start, End: start + 3}}}))
		if err != nil {
			t.Fatal(err)
		}
		return done
	}
	a1 := add("ana", 0)
	b1 := add("ben", 4)
	a2 := add("ana", 10)

	undone, ok, err := s.Undo(t.Context(), "ana")
	if del, isDel := undone.(annotate.DeleteSpanEdit); err != nil || !ok || !isDel || del.Span.ID != spanID(a2) {
		t.Fatalf("ana's undo = %+v %v %v, want deletion of %s", undone, ok, err, spanID(a2))
	}
	if !hasSpan(t, s, "mix-5", spanID(b1)) {
		t.Error("ana's undo touched ben's span")
	}
	if next, ok, _ := s.NextRedo(t.Context(), "ana"); !ok || next.Op() != annotate.OpAddSpan || spanID(next) != spanID(a2) {
		t.Errorf("NextRedo = %+v %v", next, ok)
	}
	if _, ok, _ := s.Redo(t.Context(), "ben"); ok {
		t.Error("ben could redo ana's undo")
	}
	// A new edit by ana empties her redo stack.
	add("ana", 20)
	if _, ok, err := s.Redo(t.Context(), "ana"); ok || err != nil {
		t.Errorf("Redo after a new edit = %v, %v", ok, err)
	}
	// Undo goes on backwards: the new span, then a1.
	for range 2 {
		if _, _, err := s.Undo(t.Context(), "ana"); err != nil {
			t.Fatal(err)
		}
	}
	if hasSpan(t, s, "mix-5", spanID(a1)) {
		t.Error("a1 survived two undos")
	}
}

func testUndoOfSomethingChangedSinceIsDropped(t *testing.T, c Config) {
	s, _ := corpusProject(t, c)
	st, err := s.Apply(t.Context(), annotate.SetStatus("mix-5", "ana", "", annotate.StatusInProgress))
	if err != nil {
		t.Fatal(err)
	}
	added, err := s.Apply(t.Context(), annotate.AddSpan(annotate.Span{DocID: "mix-5", Layer: "actor", Label: "Person", Annotator: "ana",
		Fragments: []annotate.Fragment{{Start: 0, End: 3}}}))
	if err != nil {
		t.Fatal(err)
	}
	// Nobody else may delete ana's span, but a schema edit that drops its
	// label takes it away; her undo of its creation cannot happen.
	if _, err := s.Apply(t.Context(), annotate.DeleteSpan(added.(annotate.AddSpanEdit).Span, "ben")); annotate.ErrorCode(err) != annotate.EInvalid {
		t.Fatalf("ben deleting ana's span: %v, want EInvalid", err)
	}
	noPerson := schemaWithout(2, func(sc *annotate.Schema) {
		sc.Layers[1].Labels = slices.DeleteFunc(sc.Layers[1].Labels, func(l annotate.Label) bool { return l.Name == "Person" })
	})
	if _, err := s.Apply(t.Context(), annotate.SetSchema(Schema(), noPerson, nil, "lead")); err != nil {
		t.Fatal(err)
	}
	_, ok, err := s.Undo(t.Context(), "ana")
	if ok || annotate.ErrorCode(err) != annotate.ENotFound || !strings.Contains(err.Error(), "dropped from the undo history") {
		t.Fatalf("Undo = %v, %v; want ENotFound saying it was dropped", ok, err)
	}
	// The next undo reverts the status change before it.
	undone, ok, err := s.Undo(t.Context(), "ana")
	if e, isStatus := undone.(annotate.SetStatusEdit); err != nil || !ok || !isStatus || e.After != st.(annotate.SetStatusEdit).Before {
		t.Fatalf("next Undo = %+v, %v, %v", undone, ok, err)
	}
}

// TestUndoSchemaRemovesLabelsAddedMeanwhile: a label added by a schema edit
// and used by someone else goes when the schema edit is undone, and comes
// back with its spans on redo.
func testUndoSchemaRemovesLabelsAddedMeanwhile(t *testing.T, c Config) {
	s, _ := corpusProject(t, c)
	after := schemaWithout(1, func(sc *annotate.Schema) {
		sc.Layers[1].Labels = append(sc.Layers[1].Labels, annotate.Label{Name: "Group", Color: "#17becf"})
	})
	if _, err := s.Apply(t.Context(), annotate.SetSchema(Schema(), after, nil, "lead")); err != nil {
		t.Fatal(err)
	}
	grp, err := s.Apply(t.Context(), annotate.AddSpan(annotate.Span{DocID: "mix-5", Layer: "actor", Label: "Group", Annotator: "ana",
		Fragments: []annotate.Fragment{{Start: 0, End: 3}}}))
	if err != nil {
		t.Fatal(err)
	}
	undone, _, err := s.Undo(t.Context(), "lead")
	if err != nil {
		t.Fatal(err)
	}
	rm := undone.(annotate.SetSchemaEdit).Removed
	if rm == nil || len(rm.Spans) != 1 || hasSpan(t, s, "mix-5", spanID(grp)) {
		t.Fatalf("undo removed %+v", rm)
	}
	if _, _, err := s.Redo(t.Context(), "lead"); err != nil {
		t.Fatal(err)
	}
	if !hasSpan(t, s, "mix-5", spanID(grp)) {
		t.Error("redo did not bring the Group span back")
	}
}

// spanID is the id of the span an add or delete edit is about.
func spanID(e annotate.Edit) string {
	switch e := e.(type) {
	case annotate.AddSpanEdit:
		return e.Span.ID
	case annotate.DeleteSpanEdit:
		return e.Span.ID
	}
	return ""
}
