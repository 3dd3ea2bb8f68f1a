package annotate

import (
	"encoding/json"
	"reflect"
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
	}
}

func TestInverseOfInverseIsTheOriginal(t *testing.T) {
	for _, e := range sampleEdits() {
		t.Run(e.Describe(), func(t *testing.T) {
			inv := e.Inverse()
			if reflect.DeepEqual(inv, e) {
				t.Fatalf("Inverse of %s is the edit itself", e.Op)
			}
			if back := inv.Inverse(); !reflect.DeepEqual(back, e) {
				t.Errorf("Inverse(Inverse(e)) differs from e:\n got %+v\nwant %+v", back, e)
			}
		})
	}
}

func TestInverseSwapsWhatItShould(t *testing.T) {
	for _, e := range sampleEdits() {
		inv := e.Inverse()
		switch e.Op {
		case OpAddSpan, OpAddRelation:
			if inv.Op != map[Op]Op{OpAddSpan: OpDeleteSpan, OpAddRelation: OpDeleteRelation}[e.Op] {
				t.Errorf("inverse of %s is %s", e.Op, inv.Op)
			}
		case OpDeleteSpan:
			if inv.Op != OpAddSpan || len(inv.Relations) != 1 {
				t.Errorf("inverse of delete_span should add the span back with its relations: %+v", inv)
			}
		case OpUpdateSpan:
			if inv.Span.Label != e.Before.Label || inv.Before.Label != e.Span.Label {
				t.Errorf("inverse of update_span did not swap before and after")
			}
		case OpSetDocLabels:
			if !reflect.DeepEqual(inv.Labels, e.BeforeLabels) {
				t.Errorf("inverse of set_doc_labels sets %v, want %v", inv.Labels, e.BeforeLabels)
			}
		case OpSetStatus:
			if inv.Status != e.BeforeStatus || inv.BeforeStatus != e.Status {
				t.Errorf("inverse of set_status: %s→%s", inv.BeforeStatus, inv.Status)
			}
		case OpSetSchema:
			if inv.Schema.Version != e.BeforeSchema.Version || inv.Restored != e.Removed {
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
		b, err := json.Marshal(e)
		if err != nil {
			t.Fatal(err)
		}
		var back Edit
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		b2, _ := json.Marshal(back.Inverse().Inverse())
		if string(b) != string(b2) {
			t.Errorf("%s: JSON round trip then double inverse changed the edit:\n%s\n%s", e.Op, b, b2)
		}
	}
}

func TestDescribe(t *testing.T) {
	for _, e := range sampleEdits() {
		if d := e.Describe(); d == "" || d == string(e.Op) {
			t.Errorf("%s has no human description: %q", e.Op, d)
		}
	}
}
