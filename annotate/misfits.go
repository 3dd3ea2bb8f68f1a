package annotate

import "slices"

// Misfits is what a schema has no place for among existing annotations.
type Misfits struct {
	// Removed are the annotations a schema edit takes away: spans whose
	// layer or label is gone (or whose layer is no longer a span layer),
	// relations of such spans or of a type that is gone or no longer joins
	// their ends' layers, and document labels whose layer or label is gone.
	Removed
	// Attrs are attribute values on spans that stay which the schema no
	// longer allows (an attribute or a value deleted): a schema edit refuses
	// these rather than take away part of a span.
	Attrs []AttrMisfit
}

// AttrMisfit counts the spans holding values of one attribute that a schema
// no longer allows.
type AttrMisfit struct {
	Layer, Attribute string
	Spans            int
}

// Err is the refusal of a schema edit over attribute values: it names the
// first attribute.
func (a AttrMisfit) Err() error {
	return Errorf(EInvalid, "schema: layer %q attribute %q: %d spans hold values the new schema does not allow; change those spans first",
		a.Layer, a.Attribute, a.Spans)
}

// Misfits lists what of the given annotations s has no place for once
// renames are applied to them (as a schema edit applies them). The
// annotations are listed as given, before renaming, and in the order given.
func (s *Schema) Misfits(renames []LabelRename, spans []Span, rels []Relation, labels []DocLabelOf) Misfits {
	var m Misfits
	type key struct{ doc, id string }
	kept := make(map[key]Span, len(spans))
	attrBad := map[[2]string]int{}
	var attrOrder [][2]string
	for _, sp := range spans {
		l, ok := s.Layer(sp.Layer)
		ok = ok && l.Kind == SpanLayer
		if ok {
			_, ok = l.Label(Renamed(renames, sp.Layer, sp.Label))
		}
		if !ok {
			m.Spans = append(m.Spans, sp)
			continue
		}
		kept[key{sp.DocID, sp.ID}] = sp
		names := make([]string, 0, len(sp.Attrs))
		for name := range sp.Attrs {
			names = append(names, name)
		}
		slices.Sort(names) // one order, so that the first misfit named is always the same
		for _, name := range names {
			if def, ok := l.Attribute(name); ok && def.Check(sp.Attrs[name]) == nil {
				continue
			}
			k := [2]string{sp.Layer, name}
			if attrBad[k] == 0 {
				attrOrder = append(attrOrder, k)
			}
			attrBad[k]++
		}
	}
	for _, k := range attrOrder {
		m.Attrs = append(m.Attrs, AttrMisfit{Layer: k[0], Attribute: k[1], Spans: attrBad[k]})
	}
	for _, r := range rels {
		from, ok1 := kept[key{r.DocID, r.From}]
		to, ok2 := kept[key{r.DocID, r.To}]
		if !ok1 || !ok2 || s.CheckRelation(r, from, to) != nil {
			m.Relations = append(m.Relations, r)
		}
	}
	for _, dl := range labels {
		moved := dl.DocLabel
		moved.Label = Renamed(renames, dl.Layer, dl.Label)
		if s.CheckDocLabel(moved) != nil {
			m.DocLabels = append(m.DocLabels, dl)
		}
	}
	return m
}
