package annotate

import (
	"strings"
	"testing"
)

// validSchema is a small schema that passes Validate; each test row breaks
// one thing in a copy of it.
func validSchema() Schema {
	return Schema{
		Name: "test",
		Layers: []Layer{
			{Name: "claim", Kind: SpanLayer, Labels: []Label{{Name: "Claim", Color: "#e69f00", Key: "c"}},
				Attributes: []AttrDef{
					{Name: "checkworthy", Kind: AttrChoice, Values: []string{"yes", "no"}},
					{Name: "note", Kind: AttrText},
				}},
			{Name: "actor", Kind: SpanLayer, Labels: []Label{{Name: "PERSON", Color: "#d55e00", Key: "p"}, {Name: "ORG", Color: "#0072b2"}}},
			{Name: "frame", Kind: DocumentLayer, Multi: true, Labels: []Label{{Name: "Economic", Color: "#cc6677"}}},
		},
		Relations: []RelationType{{Name: "attributed_to", From: "claim", To: "actor"}},
	}
}

func TestValidate(t *testing.T) {
	tests := []struct {
		name  string
		spoil func(s *Schema)
		want  string // the whole message; "" for a valid schema
	}{
		{"valid", func(s *Schema) {}, ""},
		{"no layers", func(s *Schema) { s.Layers, s.Relations = nil, nil }, "schema has no layers"},
		{"empty layer name", func(s *Schema) { s.Layers[2].Name = " " }, `layer 3: name is empty`},
		{"duplicate layer", func(s *Schema) { s.Layers[2].Name = "actor"; s.Layers[2].Kind = SpanLayer; s.Layers[2].Multi = false },
			`layer 3 ("actor"): duplicate layer name`},
		{"bad layer kind", func(s *Schema) { s.Layers[2].Kind = "page" }, `layer 3 ("frame"): kind "page", want "span" or "document"`},
		{"multi on a span layer", func(s *Schema) { s.Layers[1].Multi = true }, `layer 2 ("actor"): multi applies to document layers only`},
		{"attributes on a document layer", func(s *Schema) { s.Layers[2].Attributes = []AttrDef{{Name: "x", Kind: AttrText}} },
			`layer 3 ("frame"): attributes apply to span layers only`},
		{"layer without labels", func(s *Schema) { s.Layers[2].Labels = nil }, `layer 3 ("frame"): has no labels`},
		{"empty label name", func(s *Schema) { s.Layers[1].Labels[1].Name = "" }, `layer 2 ("actor") label 2: name is empty`},
		{"duplicate label", func(s *Schema) { s.Layers[1].Labels[1].Name = "PERSON" },
			`layer 2 ("actor") label 2 ("PERSON"): duplicate label name`},
		{"bad colour", func(s *Schema) { s.Layers[1].Labels[1].Color = "blue" },
			`layer 2 ("actor") label 2 ("ORG"): colour "blue", want #rrggbb`},
		{"short colour", func(s *Schema) { s.Layers[1].Labels[1].Color = "#00f" },
			`layer 2 ("actor") label 2 ("ORG"): colour "#00f", want #rrggbb`},
		{"bad key", func(s *Schema) { s.Layers[1].Labels[1].Key = "F1" },
			`layer 2 ("actor") label 2 ("ORG"): key "F1", want one letter or digit`},
		{"duplicate key across layers, any case", func(s *Schema) { s.Layers[1].Labels[1].Key = "C" },
			`key "c" is used by claim/Claim and actor/ORG`},
		{"empty attribute name", func(s *Schema) { s.Layers[0].Attributes[1].Name = "" },
			`layer 1 ("claim") attribute 2: name is empty`},
		{"duplicate attribute", func(s *Schema) { s.Layers[0].Attributes[1] = AttrDef{Name: "checkworthy", Kind: AttrBool} },
			`layer 1 ("claim") attribute 2 ("checkworthy"): duplicate attribute name`},
		{"choice attribute without values", func(s *Schema) { s.Layers[0].Attributes[0].Values = nil },
			`layer 1 ("claim") attribute 1 ("checkworthy"): kind choice needs values`},
		{"multi attribute without values", func(s *Schema) { s.Layers[0].Attributes[0].Kind = AttrMulti; s.Layers[0].Attributes[0].Values = nil },
			`layer 1 ("claim") attribute 1 ("checkworthy"): kind multi needs values`},
		{"text attribute with values", func(s *Schema) { s.Layers[0].Attributes[1].Values = []string{"a"} },
			`layer 1 ("claim") attribute 2 ("note"): kind text takes no values`},
		{"bad attribute kind", func(s *Schema) { s.Layers[0].Attributes[1].Kind = "number" },
			`layer 1 ("claim") attribute 2 ("note"): kind "number", want choice, multi, bool or text`},
		{"empty relation type name", func(s *Schema) { s.Relations[0].Name = "" }, `relation type 1: name is empty`},
		{"duplicate relation type", func(s *Schema) { s.Relations = append(s.Relations, s.Relations[0]) },
			`relation type 2 ("attributed_to"): duplicate relation type name`},
		{"unknown layer in a relation type", func(s *Schema) { s.Relations[0].To = "speaker" },
			`relation type 1 ("attributed_to"): to names unknown layer "speaker"`},
		{"relation type from a document layer", func(s *Schema) { s.Relations[0].From = "frame" },
			`relation type 1 ("attributed_to"): from layer "frame" is not a span layer`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := validSchema()
			tt.spoil(&s)
			err := s.Validate()
			if tt.want == "" {
				if err != nil {
					t.Fatalf("Validate() = %v, want nil", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("Validate() = nil, want %q", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("Validate() = %q, want %q", err, tt.want)
			}
		})
	}
}

// Validate reports every problem at once, one per line, so a user fixing a
// JSON file sees them all.
func TestValidateReportsEveryError(t *testing.T) {
	s := validSchema()
	s.Layers[1].Labels[1].Color = "red"
	s.Relations[0].To = "nowhere"
	s.Layers[0].Attributes[0].Values = nil
	err := s.Validate()
	if err == nil {
		t.Fatal("Validate() = nil")
	}
	lines := strings.Split(err.Error(), "\n")
	want := []string{
		`layer 1 ("claim") attribute 1 ("checkworthy"): kind choice needs values`,
		`layer 2 ("actor") label 2 ("ORG"): colour "red", want #rrggbb`,
		`relation type 1 ("attributed_to"): to names unknown layer "nowhere"`,
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("errors:\n%s\nwant:\n%s", err, strings.Join(want, "\n"))
	}
}

func TestDuplicateKeys(t *testing.T) {
	s := validSchema()
	s.Layers[1].Labels[1].Key = "P"
	got := DuplicateKeys(&s)
	if len(got) != 1 || got[0].Key != "p" || strings.Join(got[0].Owners, ",") != "actor/PERSON,actor/ORG" {
		t.Errorf("DuplicateKeys = %+v, want p owned by actor/PERSON and actor/ORG", got)
	}
}
