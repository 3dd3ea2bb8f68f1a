package annotate

import "strings"

// GazetteerEntry is one line of a gazetteer: text to be labelled label on a
// span layer.
type GazetteerEntry struct {
	Layer string `json:"layer"`
	Text  string `json:"text"`
	Label string `json:"label"`
}

// CheckGazetteerEntry refuses an entry the schema cannot take: a blank text,
// a layer that is not a span layer, a label the layer lacks.
func (s *Schema) CheckGazetteerEntry(e GazetteerEntry) error {
	if strings.TrimSpace(e.Text) == "" {
		return Errorf(EInvalid, "gazetteer entry for %s/%s: blank text", e.Layer, e.Label)
	}
	l, ok := s.Layer(e.Layer)
	if !ok || l.Kind != SpanLayer {
		return Errorf(EInvalid, "gazetteer entry %q: %q is not a span layer of the schema", e.Text, e.Layer)
	}
	if _, ok := l.Label(e.Label); !ok {
		return Errorf(EInvalid, "gazetteer entry %q: layer %s has no label %q", e.Text, e.Layer, e.Label)
	}
	return nil
}

// Rejection is a suggestion an annotator rejected on a document: this label
// on code points [Start, End) of a layer does not come back for them there.
type Rejection struct {
	Doc       string `json:"doc"`
	Annotator string `json:"annotator"`
	Layer     string `json:"layer"`
	Label     string `json:"label"`
	Start     int    `json:"start"`
	End       int    `json:"end"`
}
