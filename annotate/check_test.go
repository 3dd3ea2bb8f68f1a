package annotate

import (
	"strings"
	"testing"
)

func TestCheckDocument(t *testing.T) {
	sc := validSchema()
	good := func() AnnotatedDoc {
		return AnnotatedDoc{
			Document: Document{ID: "d", Text: "Ana said it is 👍 fine"},
			Spans: []Span{
				{ID: "c", Layer: "claim", Label: "Claim", Fragments: []Fragment{{Start: 12, End: 21}}, Attrs: Attrs{"checkworthy": "yes"}},
				{ID: "a", Layer: "actor", Label: "PERSON", Fragments: []Fragment{{Start: 0, End: 3}}},
			},
			Relations: []Relation{{ID: "r", Type: "attributed_to", From: "c", To: "a"}},
			Labels:    []DocLabel{{Layer: "frame", Label: "Economic", Annotator: "ana"}},
		}
	}
	tests := []struct {
		name  string
		spoil func(d *AnnotatedDoc)
		want  string // the whole message; "" when the document fits
	}{
		{"fits", func(d *AnnotatedDoc) {}, ""},
		{"unknown label", func(d *AnnotatedDoc) { d.Spans[0].Label = "Foo" }, `span c: layer "claim" has no label "Foo"`},
		{"past the text", func(d *AnnotatedDoc) { d.Spans[0].Fragments[0].End = 22 },
			`span c: fragment 0: end 22 is past the text's 21 code points`},
		{"attribute value not allowed", func(d *AnnotatedDoc) { d.Spans[0].Attrs["checkworthy"] = "maybe" },
			`span c: attribute "checkworthy": want one of yes, no, got maybe`},
		{"span id twice", func(d *AnnotatedDoc) { d.Spans[1].ID = "c"; d.Relations = nil }, `span c: id used twice`},
		{"relation id twice", func(d *AnnotatedDoc) { d.Relations = append(d.Relations, d.Relations[0]) }, `relation r: id used twice`},
		{"relation to another document's span", func(d *AnnotatedDoc) { d.Relations[0].To = "elsewhere" },
			`relation r: to span "elsewhere" is not in the document`},
		{"relation ends reversed", func(d *AnnotatedDoc) { d.Relations[0].From, d.Relations[0].To = "a", "c" },
			`relation r: attributed_to goes from layer "claim", but span a is in "actor"`},
		{"document label in a span layer", func(d *AnnotatedDoc) { d.Labels[0].Layer = "claim" },
			`document label: layer "claim" is a span layer`},
		{"an imported gold set with provenance", func(d *AnnotatedDoc) {
			d.Spans[0].Annotator, d.Spans[0].Provenance = GoldAnnotator, ProvUnanimous
			d.Spans[1].Annotator = GoldAnnotator // none: from elsewhere
		}, ""},
		{"provenance on an annotator's span", func(d *AnnotatedDoc) { d.Spans[0].Annotator, d.Spans[0].Provenance = "ana", "adjudicated:bob" },
			`span c: provenance "adjudicated:bob": only the adjudicated layer's (gold's) spans record one`},
		{"provenance of no known kind", func(d *AnnotatedDoc) { d.Spans[0].Annotator, d.Spans[0].Provenance = GoldAnnotator, "voted" },
			`span c: provenance "voted": want unanimous, adjudicated:ANNOTATOR or curator`},
		{"several labels on a multi layer", func(d *AnnotatedDoc) {
			d.Labels = append(d.Labels, d.Labels[0]) // the same label twice is one label
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := good()
			tt.spoil(&d)
			err := sc.CheckDocument(d)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("unexpected error %v", err)
			case tt.want != "" && (err == nil || err.Error() != tt.want):
				t.Errorf("error %v, want %q", err, tt.want)
			}
		})
	}
	// A single-choice layer takes one label per annotator.
	single := sc.Clone()
	single.Layers[2].Multi = false
	single.Layers[2].Labels = append(single.Layers[2].Labels, Label{Name: "Political", Color: "#bbcc33"})
	d := good()
	d.Labels = append(d.Labels, DocLabel{Layer: "frame", Label: "Political", Annotator: "bob"})
	if err := single.CheckDocument(d); err != nil {
		t.Errorf("two annotators, one label each: %v", err)
	}
	d.Labels = append(d.Labels, DocLabel{Layer: "frame", Label: "Political", Annotator: "ana"})
	if err := single.CheckDocument(d); err == nil || !strings.Contains(err.Error(), `layer "frame" takes one label per document, ana gave Economic, Political`) {
		t.Errorf("two labels by one annotator: %v", err)
	}
}
