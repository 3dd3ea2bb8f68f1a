package storagetest

import (
	"testing"

	"frametag/annotate"
)

// curationOf aligns a stored document for curation, with gold's marks.
func curationOf(t *testing.T, s annotate.Store, doc string) annotate.Curation {
	t.Helper()
	ad, err := s.Annotations(t.Context(), doc)
	if err != nil {
		t.Fatal(err)
	}
	sc, err := s.Schema(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	marks, err := s.Rejections(t.Context(), doc, annotate.GoldAnnotator)
	if err != nil {
		t.Fatal(err)
	}
	return annotate.Align(ad, &sc, marks)
}

// unitAt is the unit of a layer that starts at start (0 for a document
// layer's).
func unitAt(t *testing.T, c annotate.Curation, layer string, start int) annotate.Unit {
	t.Helper()
	for _, u := range c.Units {
		if u.Layer == layer && u.Start == start {
			return u
		}
	}
	t.Fatalf("no unit of %s at %d in %+v", layer, start, c.Units)
	return annotate.Unit{}
}

// relationUnit is the document's one relation unit.
func relationUnit(t *testing.T, c annotate.Curation) annotate.Unit {
	t.Helper()
	for _, u := range c.Units {
		if u.Relation != nil {
			return u
		}
	}
	t.Fatalf("no relation unit in %+v", c.Units)
	return annotate.Unit{}
}

// curationCases are the curation edits of the contract: each is undone and
// redone by testEditUndoRedo like every other edit, on gold's undo stack.
// en-1 holds ana's and ben's claims (overlapping), ana's actors and both
// genres (News against Opinion).
func curationCases() []editCase {
	return []editCase{
		{"curate: accept a version", func(t *testing.T, s annotate.Store) annotate.Edit {
			c := curationOf(t, s, "en-1")
			claim := mustSpan(t, s, "en-1", "s-claim-1")
			e, err := c.Accept("cora", unitAt(t, c, "claim", claim.Start()), "ana")
			if err != nil {
				t.Fatal(err)
			}
			return e
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			e := done.(annotate.CurateEdit)
			if e.Curator != "cora" || e.By() != annotate.GoldAnnotator || len(e.Add) != 1 {
				t.Fatalf("completed %+v", e)
			}
			got := mustSpan(t, s, "en-1", e.Add[0].ID)
			if got.Annotator != annotate.GoldAnnotator || got.Provenance != "adjudicated:ana" || got.Label != "Claim" {
				t.Errorf("gold span %+v", got)
			}
			if u := unitAt(t, curationOf(t, s, "en-1"), "claim", got.Start()); !u.Settled() {
				t.Errorf("the dispute is not settled: %+v", u)
			}
		}},
		{"curate: reject a dispute", func(t *testing.T, s annotate.Store) annotate.Edit {
			c := curationOf(t, s, "en-1")
			return c.Reject("cora", unitAt(t, c, "genre", 0))
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			marks, err := s.Rejections(t.Context(), "en-1", annotate.GoldAnnotator)
			if err != nil || len(marks) != 1 || marks[0].Layer != "genre" || marks[0].Label != "" {
				t.Errorf("gold's marks %+v, %v", marks, err)
			}
			if u := unitAt(t, curationOf(t, s, "en-1"), "genre", 0); !u.Rejected || !u.Settled() {
				t.Errorf("genre %+v", u)
			}
		}},
		{"curate: accept every unanimous unit and settle the last dispute", func(t *testing.T, s annotate.Store) annotate.Edit {
			// ja-4 (after curationSetup): gold settles ana's lone spans, and
			// ana and ben made one span alike, so accepting it is the last
			// decision and marks the document adjudicated.
			c := curationOf(t, s, "ja-4")
			e, n := c.AcceptUnanimous("cora")
			if n == 0 {
				t.Fatalf("nothing unanimous in %+v", c.Units)
			}
			if e.Status != annotate.StatusDone {
				t.Errorf("the last open unit settled, yet the edit does not mark the document adjudicated: %+v", e)
			}
			return e
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			c := curationOf(t, s, "ja-4")
			if !c.Adjudicated() || c.GoldStatus != annotate.StatusDone {
				t.Errorf("ja-4 not adjudicated: %+v, status %s", c.Counts(), c.GoldStatus)
			}
		}},
		{"curate: accept a relation's version", func(t *testing.T, s annotate.Store) annotate.Edit {
			c := curationOf(t, s, "ja-4")
			u := relationUnit(t, c)
			e, err := c.Accept("cora", u, "ana")
			if err != nil {
				t.Fatal(err)
			}
			return e
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			e := done.(annotate.CurateEdit)
			if len(e.Link) != 1 || len(e.Unlink) != 1 || e.Unlink[0].ID != "r-gold-4" {
				t.Fatalf("completed %+v", e)
			}
			ad, err := s.Annotations(t.Context(), "ja-4")
			if err != nil {
				t.Fatal(err)
			}
			var gold []string
			for _, r := range ad.Relations {
				if r.Annotator == annotate.GoldAnnotator {
					gold = append(gold, r.Type+" "+r.From+" "+r.To+" "+r.Provenance)
				}
			}
			if len(gold) != 1 || gold[0] != "said_by s-gold-s-ja-claim s-gold-s-ja-actor adjudicated:ana" {
				t.Errorf("gold relations %v", gold)
			}
		}},
		{"curate: reject a relation", func(t *testing.T, s annotate.Store) annotate.Edit {
			c := curationOf(t, s, "ja-4")
			return c.Reject("cora", relationUnit(t, c))
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			u := relationUnit(t, curationOf(t, s, "ja-4"))
			if !u.Rejected || len(u.GoldRelations) != 0 || !u.Settled() {
				t.Errorf("relation unit after reject %+v", u)
			}
		}},
		{"curate: the curator changes a gold span", func(t *testing.T, s annotate.Store) annotate.Edit {
			g := mustSpan(t, s, "ru-3", "s-gold-s-ceny")
			after := g.Clone()
			after.Label = "Counterclaim"
			return curationOf(t, s, "ru-3").Change("cora", g, after)
		}, func(t *testing.T, s annotate.Store, done annotate.Edit) {
			if got := mustSpan(t, s, "ru-3", "s-gold-s-ceny"); got.Label != "Counterclaim" || got.Provenance != annotate.ProvCurator {
				t.Errorf("gold span %+v", got)
			}
		}},
	}
}

// curationSetup adds, as a merge would (not an edit: nothing to undo), what
// the curation cases need besides the corpus: on ja-4 ben's copy of ana's
// Organisation span, gold copies of ana's other two spans and gold's copy
// of ana's relation between them (r-4, as an import brings it: no
// provenance); on ru-3 a gold span made before.
func curationSetup(t *testing.T, s annotate.Store) {
	var docs []annotate.AnnotatedDoc
	for _, id := range []string{"ja-4", "ru-3"} {
		ad, err := s.Annotations(t.Context(), id)
		if err != nil {
			t.Fatal(err)
		}
		add := annotate.AnnotatedDoc{Document: ad.Document}
		for _, sp := range ad.Spans {
			c := sp.Clone()
			c.Attrs, c.Note = nil, ""
			switch {
			case id == "ja-4" && sp.Label == "Organisation":
				c.ID, c.Annotator = "s-twin", "ben"
			case id == "ja-4" || sp.ID == "s-ceny":
				c.ID, c.Annotator, c.Provenance = "s-gold-"+sp.ID, annotate.GoldAnnotator, annotate.Adjudicated(sp.Annotator)
			default:
				continue
			}
			add.Spans = append(add.Spans, c)
		}
		if id == "ja-4" {
			add.Relations = []annotate.Relation{{ID: "r-gold-4", Type: "said_by", From: "s-gold-s-ja-claim", To: "s-gold-s-ja-actor", Annotator: annotate.GoldAnnotator}}
		}
		docs = append(docs, add)
	}
	if _, err := s.Merge(t.Context(), Seq(docs)); err != nil {
		t.Fatal(err)
	}
}

func testCurationUndoRedo(t *testing.T, c Config) { runUndoRedo(t, c, curationCases(), curationSetup) }

// curationRefusals: nobody annotates as gold, and a curator changes no
// annotator's annotations, whatever road the edit takes.
func curationRefusals() []struct {
	name string
	edit annotate.Edit
	want string
} {
	gold := annotate.Span{ID: "s-new", DocID: "en-1", Layer: "claim", Label: "Claim", Annotator: annotate.GoldAnnotator,
		Fragments: []annotate.Fragment{{Start: 80, End: 90}}}
	return []struct {
		name string
		edit annotate.Edit
		want string
	}{
		{"annotate as gold", annotate.AddSpan(gold), `"gold" is the adjudicated layer, not an annotator`},
		{"label a document as gold", annotate.SetDocLabels("en-1", "genre", annotate.GoldAnnotator, nil, []string{"News"}), `"gold" is the adjudicated layer`},
		{"curation names no curator", annotate.CurateEdit{DocID: "en-1"}, "curation needs the curator's own name"},
		{"curator deletes an annotator's span", func() annotate.Edit {
			c := annotate.CurateEdit{Curator: "cora", DocID: "en-1"}
			c.Remove = []annotate.Span{{ID: "s-claim-1"}}
			return c
		}(), "span s-claim-1 (Claim) is ana's"},
	}
}
