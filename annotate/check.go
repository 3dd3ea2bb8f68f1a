package annotate

import (
	"fmt"
	"slices"
	"strings"
)

// CheckDocument verifies everything on a document against the schema and the
// document's text: each span (layer, label, fragments, attributes), each
// relation (its ends are spans of this document, in the layers its type
// joins) and each document label (known, and one per annotator on a
// single-choice layer). It is pure, so a reader can run it on each document
// while it still knows where the document came from, and a store runs the
// same rules before it writes. Span attributes must be normalised (see
// Attrs.Normalize). Errors name the span, relation or label, not the
// document: the caller knows which document it is.
func (s *Schema) CheckDocument(ad AnnotatedDoc) error {
	textLen := CodePointLen(ad.Text)
	spans := make(map[string]Span, len(ad.Spans))
	for _, sp := range ad.Spans {
		if err := s.CheckSpan(sp, textLen); err != nil {
			return err
		}
		if _, dup := spans[sp.ID]; dup {
			return fmt.Errorf("span %s: id used twice", sp.ID)
		}
		spans[sp.ID] = sp
	}
	relations := make(map[string]bool, len(ad.Relations))
	for _, r := range ad.Relations {
		if relations[r.ID] {
			return fmt.Errorf("relation %s: id used twice", r.ID)
		}
		relations[r.ID] = true
		from, ok := spans[r.From]
		if !ok {
			return fmt.Errorf("relation %s: from span %q is not in the document", r.ID, r.From)
		}
		to, ok := spans[r.To]
		if !ok {
			return fmt.Errorf("relation %s: to span %q is not in the document", r.ID, r.To)
		}
		if err := s.CheckRelation(r, from, to); err != nil {
			return err
		}
	}
	perLayer := map[[2]string][]string{} // (layer, annotator) -> labels
	for _, dl := range ad.Labels {
		if err := s.CheckDocLabel(dl); err != nil {
			return err
		}
		key := [2]string{dl.Layer, dl.Annotator}
		if !slices.Contains(perLayer[key], dl.Label) {
			perLayer[key] = append(perLayer[key], dl.Label)
		}
		if l, _ := s.Layer(dl.Layer); !l.TakesLabels(len(perLayer[key])) {
			return fmt.Errorf("document labels: layer %q takes one label per document, %s gave %s",
				dl.Layer, dl.Annotator, strings.Join(perLayer[key], ", "))
		}
	}
	return nil
}
