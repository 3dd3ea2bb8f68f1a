package annotate

import (
	"fmt"
	"slices"
)

// UnknownKind is what an imported document uses that a schema lacks.
type UnknownKind string

const (
	UnknownSpanLabel UnknownKind = "span label"     // a span's label (and maybe its layer)
	UnknownRelation  UnknownKind = "relation type"  // a relation's type
	UnknownDocLabel  UnknownKind = "document label" // a document label (and maybe its layer)
)

// Unknown is one label, relation type or document label that documents use
// and a schema lacks.
type Unknown struct {
	Kind UnknownKind
	// Layer is the label's layer (span and document labels); From and To
	// the layers of a relation's ends, for a new relation type.
	Layer, Name, From, To string
	// NewLayer says the layer is not in the schema either.
	NewLayer bool
}

func (u Unknown) String() string {
	s := fmt.Sprintf("span label %s/%s", u.Layer, u.Name)
	switch u.Kind {
	case UnknownRelation:
		return fmt.Sprintf("relation type %s (%s → %s)", u.Name, u.From, u.To)
	case UnknownDocLabel:
		s = fmt.Sprintf("document label %s/%s", u.Layer, u.Name)
	}
	if u.NewLayer {
		s += " in a new layer"
	}
	return s
}

// key identifies an Unknown whatever the layers of a relation's ends.
func (u Unknown) key() Unknown {
	u.From, u.To, u.NewLayer = "", "", false
	return u
}

// Unknowns lists what ad uses that the schema lacks, each once, in the order
// met: span labels (whose layer is a span layer of the schema, or no layer of
// it), relation types (whose ends are spans of ad) and document labels
// (whose layer is a document layer, or no layer). What breaks a rule
// otherwise (a span in a document layer, a relation type joining other
// layers) is not listed: CheckDocument refuses it as always.
func (s *Schema) Unknowns(ad AnnotatedDoc) []Unknown {
	var out []Unknown
	add := func(u Unknown) {
		if !slices.ContainsFunc(out, func(o Unknown) bool { return o.key() == u.key() }) {
			out = append(out, u)
		}
	}
	label := func(kind UnknownKind, layerKind LayerKind, layer, name string) {
		l, ok := s.Layer(layer)
		switch {
		case !ok:
			add(Unknown{Kind: kind, Layer: layer, Name: name, NewLayer: true})
		case l.Kind != layerKind:
		default:
			if _, ok := l.Label(name); !ok {
				add(Unknown{Kind: kind, Layer: layer, Name: name})
			}
		}
	}
	for _, sp := range ad.Spans {
		label(UnknownSpanLabel, SpanLayer, sp.Layer, sp.Label)
	}
	for _, r := range ad.Relations {
		if _, ok := s.RelationType(r.Type); ok {
			continue
		}
		from := slices.IndexFunc(ad.Spans, func(sp Span) bool { return sp.ID == r.From })
		to := slices.IndexFunc(ad.Spans, func(sp Span) bool { return sp.ID == r.To })
		if from >= 0 && to >= 0 {
			add(Unknown{Kind: UnknownRelation, Name: r.Type, From: ad.Spans[from].Layer, To: ad.Spans[to].Layer})
		}
	}
	for _, dl := range ad.Labels {
		label(UnknownDocLabel, DocumentLayer, dl.Layer, dl.Label)
	}
	return out
}

// newLabelColors are the colours new labels get in turn: Paul Tol's muted
// qualitative scheme, told apart by colour-blind readers too.
var newLabelColors = []string{"#cc6677", "#332288", "#ddcc77", "#117733", "#88ccee",
	"#882255", "#44aa99", "#999933", "#aa4499", "#dddddd"}

// WithUnknowns returns a copy of the schema with every one of us added: a
// label to its layer, made when new (a span layer allowing overlap, as
// imported spans may overlap; a document layer taking several labels); a
// relation type between the layers of the first relation met of that type.
// Nothing is renamed or removed, so no annotation is orphaned. The result is
// validated.
func (s Schema) WithUnknowns(us []Unknown) (Schema, error) {
	out := s.Clone()
	n := 0
	for _, l := range out.Layers {
		n += len(l.Labels)
	}
	newLabel := func(name string) Label {
		lb := Label{Name: name, Color: newLabelColors[n%len(newLabelColors)]}
		n++
		return lb
	}
	for _, u := range us {
		switch u.Kind {
		case UnknownSpanLabel, UnknownDocLabel:
			kind := SpanLayer
			if u.Kind == UnknownDocLabel {
				kind = DocumentLayer
			}
			l, ok := out.Layer(u.Layer)
			if !ok {
				out.Layers = append(out.Layers, Layer{Name: u.Layer, Kind: kind, Overlap: kind == SpanLayer, Multi: kind == DocumentLayer})
				l = &out.Layers[len(out.Layers)-1]
			}
			if l.Kind != kind {
				return s, Errorf(EInvalid, "%s: layer %q is a %s layer", u, u.Layer, l.Kind)
			}
			if _, ok := l.Label(u.Name); !ok {
				l.Labels = append(l.Labels, newLabel(u.Name))
			}
		case UnknownRelation:
			if _, ok := out.RelationType(u.Name); !ok {
				out.Relations = append(out.Relations, RelationType{Name: u.Name, From: u.From, To: u.To})
			}
		}
	}
	if err := out.Validate(); err != nil {
		return s, Errorf(EInvalid, "adding labels: %w", err)
	}
	return out, nil
}
