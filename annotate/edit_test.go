package annotate

import (
	"reflect"
	"strings"
	"testing"
	"time"
)

func sampleEdits() []Edit {
	t0 := time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)
	sp := Span{ID: "s1", DocID: "d1", Layer: "claim", Label: "Claim", Fragments: []Fragment{{0, 4}, {9, 12}},
		Attrs: Attrs{"kind": "statistic"}, Note: "n", Annotator: "ann", Created: t0, Updated: t0}
	changed := sp.Clone()
	changed.Label = "Other"
	changed.Attrs["kind"] = "event"
	rel := Relation{ID: "r1", DocID: "d1", Type: "attributed_to", From: "s1", To: "s2", Annotator: "ann", Created: t0}
	before := Schema{Name: "a", Version: 1, Layers: []Layer{{Name: "claim", Kind: SpanLayer, Labels: []Label{{Name: "Claim", Color: "#112233"}}}}}
	after := before.Clone()
	after.Version = 2
	after.Layers[0].Labels[0].Name = "Assertion"
	del := DeleteSpan(sp, "ann")
	del.Relations = []Relation{rel}
	withRemoved := SetSchema(before, after, nil, "ann")
	accepted := AddSpan(sp)
	accepted.Origin = "suggest:learned"
	withRemoved.Removed = &Removed{Spans: []Span{sp}, Relations: []Relation{rel}, DocLabels: []DocLabelOf{{DocID: "d1", DocLabel: DocLabel{Layer: "frame", Label: "Economic", Annotator: "ann"}}}}
	return []Edit{
		AddSpan(sp),
		del,
		UpdateSpan(sp, changed, "ann"),
		AddRelation(rel),
		DeleteRelation(rel, "ann"),
		SetDocLabels("d1", "frame", "ann", []string{"Economic"}, []string{"Economic", "Morality"}),
		SetDocLabels("d1", "genre", "ann", nil, []string{"opinion"}),
		SetStatus("d1", "ann", StatusTodo, StatusDone),
		SetSchema(before, after, []LabelRename{{Layer: "claim", From: "Claim", To: "Assertion"}, {Layer: "claim", From: "Assertion", To: "Final"}}, "ann"),
		SetSchema(before, after, nil, "ann"),
		withRemoved,
		accepted,
		RejectSuggestion(Rejection{Doc: "d1", Annotator: "ann", Layer: "claim", Label: "Claim", Start: 2, End: 5}),
	}
}

func TestInverseOfInverseIsTheOriginal(t *testing.T) {
	for _, e := range sampleEdits() {
		t.Run(e.Describe(), func(t *testing.T) {
			inv := e.Inverse()
			if reflect.DeepEqual(inv, e) {
				t.Fatalf("Inverse of %s is the edit itself", e.Op())
			}
			if back := inv.Inverse(); !reflect.DeepEqual(back, e) {
				t.Errorf("Inverse(Inverse(e)) differs from e:\n got %+v\nwant %+v", back, e)
			}
		})
	}
}

func TestInverseSwapsWhatItShould(t *testing.T) {
	for _, e := range sampleEdits() {
		switch e := e.(type) {
		case AddSpanEdit:
			if inv, ok := e.Inverse().(DeleteSpanEdit); !ok || inv.Span.ID != e.Span.ID {
				t.Errorf("inverse of add_span is %+v", e.Inverse())
			}
		case AddRelationEdit:
			if inv, ok := e.Inverse().(DeleteRelationEdit); !ok || inv.Relation != e.Relation {
				t.Errorf("inverse of add_relation is %+v", e.Inverse())
			}
		case DeleteSpanEdit:
			if inv, ok := e.Inverse().(AddSpanEdit); !ok || len(inv.Relations) != 1 {
				t.Errorf("inverse of delete_span should add the span back with its relations: %+v", e.Inverse())
			}
		case UpdateSpanEdit:
			inv := e.Inverse().(UpdateSpanEdit)
			if inv.After.Label != e.Before.Label || inv.Before.Label != e.After.Label {
				t.Errorf("inverse of update_span did not swap before and after")
			}
		case SetDocLabelsEdit:
			if inv := e.Inverse().(SetDocLabelsEdit); !reflect.DeepEqual(inv.After, e.Before) {
				t.Errorf("inverse of set_doc_labels sets %v, want %v", inv.After, e.Before)
			}
		case SetStatusEdit:
			if inv := e.Inverse().(SetStatusEdit); inv.After != e.Before || inv.Before != e.After {
				t.Errorf("inverse of set_status: %s→%s", inv.Before, inv.After)
			}
		case SetSchemaEdit:
			inv := e.Inverse().(SetSchemaEdit)
			if inv.After.Version != e.Before.Version || inv.Restored != e.Removed {
				t.Errorf("inverse of set_schema did not swap schemas or removed/restored")
			}
			// Renames are undone in reverse order: Assertion→Claim last.
			if n := len(e.Renames); n > 0 {
				last := inv.Renames[n-1]
				if last.From != e.Renames[0].To || last.To != e.Renames[0].From {
					t.Errorf("inverse renames %v do not undo %v in reverse order", inv.Renames, e.Renames)
				}
			}
		}
	}
}

// The edit log stores edits as JSON: an edit read back must invert the same way.
func TestEditSurvivesJSON(t *testing.T) {
	for _, e := range sampleEdits() {
		b, err := EncodeEdit(e)
		if err != nil {
			t.Fatal(err)
		}
		back, err := DecodeEdit(b)
		if err != nil {
			t.Fatal(err)
		}
		if back.Op() != e.Op() {
			t.Fatalf("%s decoded as %s", e.Op(), back.Op())
		}
		b2, _ := EncodeEdit(back.Inverse().Inverse())
		if string(b) != string(b2) {
			t.Errorf("%s: JSON round trip then double inverse changed the edit:\n%s\n%s", e.Op(), b, b2)
		}
	}
}

// Rows written before edits became types keep their exact shape: one of each
// op as the earlier release wrote it decodes, and encodes back unchanged.
func TestEditLogRowsOfTheEarlierRelease(t *testing.T) {
	rows := []string{
		`{"op":"add_span","doc":"d1","annotator":"alice","span":{"id":"s1","doc":"d1","layer":"claim","label":"Claim","fragments":[{"start":0,"end":4}],"attrs":{"kinds":["quote"]},"annotator":"alice","created":"2025-03-01T12:00:00Z","updated":"2025-03-01T12:00:00Z"}}`,
		`{"op":"delete_span","doc":"d1","annotator":"alice","span":{"id":"s1","doc":"d1","layer":"claim","label":"Claim","fragments":[{"start":0,"end":4}],"annotator":"alice","created":"2025-03-01T12:00:00Z","updated":"2025-03-01T12:00:00Z"},"relations":[{"id":"r1","doc":"d1","type":"said","from":"s1","to":"s2","annotator":"alice","created":"2025-03-01T12:00:00Z"}]}`,
		`{"op":"update_span","doc":"d1","annotator":"alice","span":{"id":"s1","doc":"d1","layer":"claim","label":"Other","fragments":[{"start":0,"end":4}],"annotator":"alice","created":"2025-03-01T12:00:00Z","updated":"2025-03-01T12:05:00Z"},"before":{"id":"s1","doc":"d1","layer":"claim","label":"Claim","fragments":[{"start":0,"end":4}],"annotator":"alice","created":"2025-03-01T12:00:00Z","updated":"2025-03-01T12:00:00Z"}}`,
		`{"op":"add_relation","doc":"d1","annotator":"alice","relations":[{"id":"r1","doc":"d1","type":"said","from":"s1","to":"s2","annotator":"alice","created":"2025-03-01T12:00:00Z"}]}`,
		`{"op":"delete_relation","doc":"d1","annotator":"alice","relations":[{"id":"r1","doc":"d1","type":"said","from":"s1","to":"s2","annotator":"alice","created":"2025-03-01T12:00:00Z"}]}`,
		`{"op":"set_doc_labels","doc":"d1","annotator":"alice","layer":"frame","labels":["Economic"],"before_labels":["Security"]}`,
		`{"op":"set_status","doc":"d1","annotator":"alice","status":"done","before_status":"todo"}`,
		`{"op":"set_schema","annotator":"alice","schema":{"name":"a","version":2,"layers":[{"name":"claim","kind":"span","labels":[{"name":"Claim","color":"#112233"}]}],"relations":null},"before_schema":{"name":"a","version":1,"layers":[{"name":"claim","kind":"span","labels":[{"name":"Claim","color":"#112233"}]}],"relations":null},"renames":[{"layer":"claim","from":"C","to":"Claim"}],"removed":{"doc_labels":[{"doc":"d1","layer":"frame","label":"Economic","annotator":"alice"}]}}`,
	}
	for _, row := range rows {
		e, err := DecodeEdit([]byte(row))
		if err != nil {
			t.Fatalf("%s: %v", row, err)
		}
		if !strings.Contains(row, `"op":"`+string(e.Op())+`"`) {
			t.Errorf("%s decoded as %s", row, e.Op())
		}
		if e.Doc() == "" && e.Op() != OpSetSchema || e.By() != "alice" {
			t.Errorf("%s: doc %q, by %q", e.Op(), e.Doc(), e.By())
		}
		if back, _ := EncodeEdit(e); string(back) != row {
			t.Errorf("%s encodes back differently:\n got %s\nwant %s", e.Op(), back, row)
		}
	}
	if e, _ := DecodeEdit([]byte(rows[0])); !e.(AddSpanEdit).Span.Attrs.Equal(Attrs{"kinds": []string{"quote"}}) {
		t.Errorf("attribute lists are not normalised: %#v", e.(AddSpanEdit).Span.Attrs)
	}
	for _, bad := range []string{`{"op":"paint"}`, `{"op":"add_span"}`, `{"op":"add_relation","relations":[]}`, `not json`} {
		if _, err := DecodeEdit([]byte(bad)); err == nil {
			t.Errorf("DecodeEdit(%s) succeeded", bad)
		}
	}
}

func TestDescribe(t *testing.T) {
	for _, e := range sampleEdits() {
		if d := e.Describe(); d == "" || d == string(e.Op()) {
			t.Errorf("%s has no human description: %q", e.Op(), d)
		}
	}
}
