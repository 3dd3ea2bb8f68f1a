package annotate

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
)

// Schema is a project's codebook: its layers, their labels and attributes, and
// the relation types between layers. It is stored in the project and versioned
// with it.
type Schema struct {
	Name        string         `json:"name"`
	Version     int            `json:"version"`
	Description string         `json:"description,omitempty"`
	Layers      []Layer        `json:"layers"`
	Relations   []RelationType `json:"relations"`
	// Guidelines is the project's annotation guideline, in Markdown.
	Guidelines string `json:"guidelines,omitempty"`
}

// LayerKind says whether a layer marks stretches of text or whole documents.
type LayerKind string

const (
	SpanLayer     LayerKind = "span"
	DocumentLayer LayerKind = "document"
)

// Layer groups labels of one kind: claims, actors, techniques, frames.
type Layer struct {
	Name        string    `json:"name"`
	Kind        LayerKind `json:"kind"`
	Description string    `json:"description,omitempty"`
	Labels      []Label   `json:"labels"`
	// Overlap allows spans of this layer to share text with each other.
	Overlap bool `json:"overlap,omitempty"`
	// Multi allows more than one label per document (document layers only).
	Multi bool `json:"multi,omitempty"`
	// CaseSensitive makes the layer's suggestions match case exactly ("EU"
	// is not "eu"); by default case is ignored (span layers only).
	CaseSensitive bool      `json:"case_sensitive,omitempty"`
	Attributes    []AttrDef `json:"attributes,omitempty"`
}

// Label is one tag of a layer.
type Label struct {
	Name        string `json:"name"`
	Color       string `json:"color"` // #rrggbb
	Key         string `json:"key,omitempty"`
	Description string `json:"description,omitempty"`
	Group       string `json:"group,omitempty"` // e.g. a technique's family
}

// AttrKind is the kind of value a span attribute holds.
type AttrKind string

const (
	AttrChoice AttrKind = "choice"
	AttrMulti  AttrKind = "multi"
	AttrBool   AttrKind = "bool"
	AttrText   AttrKind = "text"
)

// AttrDef declares a span attribute of a layer.
type AttrDef struct {
	Name        string   `json:"name"`
	Kind        AttrKind `json:"kind"`
	Values      []string `json:"values,omitempty"`
	Description string   `json:"description,omitempty"`
}

// RelationType is a kind of link from a span of one layer to a span of another.
type RelationType struct {
	Name        string `json:"name"`
	From        string `json:"from"`
	To          string `json:"to"`
	Description string `json:"description,omitempty"`
}

var colorPattern = regexp.MustCompile(`^#[0-9a-fA-F]{6}$`)

// ValidColor reports whether s is a label colour a schema accepts: #rrggbb,
// either case. The window reads colours (app/palette.Parse) by this rule.
func ValidColor(s string) bool { return colorPattern.MatchString(s) }

// Layer returns the named layer.
func (s *Schema) Layer(name string) (*Layer, bool) {
	return named(s.Layers, name, func(l *Layer) string { return l.Name })
}

// RelationType returns the named relation type.
func (s *Schema) RelationType(name string) (*RelationType, bool) {
	return named(s.Relations, name, func(r *RelationType) string { return r.Name })
}

// Label returns the named label of the layer.
func (l *Layer) Label(name string) (*Label, bool) {
	return named(l.Labels, name, func(lb *Label) string { return lb.Name })
}

// Attribute returns the named attribute definition of the layer.
func (l *Layer) Attribute(name string) (*AttrDef, bool) {
	return named(l.Attributes, name, func(a *AttrDef) string { return a.Name })
}

// named returns a pointer to the element of xs called name, so that a caller
// can change it in place.
func named[T any](xs []T, name string, nameOf func(*T) string) (*T, bool) {
	for i := range xs {
		if nameOf(&xs[i]) == name {
			return &xs[i], true
		}
	}
	return nil, false
}

// Clone returns a deep copy of the schema.
func (s Schema) Clone() Schema {
	c := s
	c.Layers = make([]Layer, len(s.Layers))
	for i, l := range s.Layers {
		l.Labels = append([]Label(nil), l.Labels...)
		l.Attributes = append([]AttrDef(nil), l.Attributes...)
		for j := range l.Attributes {
			l.Attributes[j].Values = append([]string(nil), l.Attributes[j].Values...)
		}
		c.Layers[i] = l
	}
	c.Relations = append([]RelationType(nil), s.Relations...)
	return c
}

// Validate reports every problem of the schema at once, each naming where it is.
func (s *Schema) Validate() error {
	var errs []error
	add := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if len(s.Layers) == 0 {
		add("schema has no layers")
	}
	layers := map[string]bool{}
	for i, l := range s.Layers {
		where := fmt.Sprintf("layer %d (%q)", i+1, l.Name)
		if strings.TrimSpace(l.Name) == "" {
			add("layer %d: name is empty", i+1)
		}
		if layers[l.Name] {
			add("%s: duplicate layer name", where)
		}
		layers[l.Name] = true
		if l.Kind != SpanLayer && l.Kind != DocumentLayer {
			add("%s: kind %q, want %q or %q", where, l.Kind, SpanLayer, DocumentLayer)
		}
		if l.Kind == SpanLayer && l.Multi {
			add("%s: multi applies to document layers only", where)
		}
		if l.Kind == DocumentLayer && len(l.Attributes) > 0 {
			add("%s: attributes apply to span layers only", where)
		}
		if len(l.Labels) == 0 {
			add("%s: has no labels", where)
		}
		labels := map[string]bool{}
		for j, lb := range l.Labels {
			lw := fmt.Sprintf("%s label %d (%q)", where, j+1, lb.Name)
			if strings.TrimSpace(lb.Name) == "" {
				add("%s label %d: name is empty", where, j+1)
			}
			if labels[lb.Name] {
				add("%s: duplicate label name", lw)
			}
			labels[lb.Name] = true
			if !ValidColor(lb.Color) {
				add("%s: colour %q, want #rrggbb", lw, lb.Color)
			}
			if lb.Key != "" && !ValidKey(lb.Key) {
				add("%s: key %q, want one letter or digit", lw, lb.Key)
			}
		}
		attrs := map[string]bool{}
		for j, a := range l.Attributes {
			aw := fmt.Sprintf("%s attribute %d (%q)", where, j+1, a.Name)
			if strings.TrimSpace(a.Name) == "" {
				add("%s attribute %d: name is empty", where, j+1)
			}
			if attrs[a.Name] {
				add("%s: duplicate attribute name", aw)
			}
			attrs[a.Name] = true
			switch a.Kind {
			case AttrChoice, AttrMulti:
				if len(a.Values) == 0 {
					add("%s: kind %s needs values", aw, a.Kind)
				}
			case AttrBool, AttrText:
				if len(a.Values) > 0 {
					add("%s: kind %s takes no values", aw, a.Kind)
				}
			default:
				add("%s: kind %q, want choice, multi, bool or text", aw, a.Kind)
			}
		}
	}
	for _, dup := range DuplicateKeys(s) {
		add("key %q is used by %s", dup.Key, strings.Join(dup.Owners, " and "))
	}
	rels := map[string]bool{}
	for i, r := range s.Relations {
		where := fmt.Sprintf("relation type %d (%q)", i+1, r.Name)
		if strings.TrimSpace(r.Name) == "" {
			add("relation type %d: name is empty", i+1)
		}
		if rels[r.Name] {
			add("%s: duplicate relation type name", where)
		}
		rels[r.Name] = true
		for _, end := range []struct{ side, layer string }{{"from", r.From}, {"to", r.To}} {
			l, ok := s.Layer(end.layer)
			switch {
			case !ok:
				add("%s: %s names unknown layer %q", where, end.side, end.layer)
			case l.Kind != SpanLayer:
				add("%s: %s layer %q is not a span layer", where, end.side, end.layer)
			}
		}
	}
	return errors.Join(errs...)
}

// ValidKey reports whether k can serve as a label's shortcut: one ASCII
// letter or digit.
func ValidKey(k string) bool {
	if len(k) != 1 {
		return false
	}
	c := k[0]
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
}

// KeyConflict is one shortcut key claimed by several labels.
type KeyConflict struct {
	Key    string
	Owners []string // "layer/label"
}

// DuplicateKeys lists keys that more than one span label claims; keys are
// case-insensitive, since a user presses the same key either way. Document
// layers have their own widgets and take no shortcut keys from this pool.
func DuplicateKeys(s *Schema) []KeyConflict {
	owners := map[string][]string{}
	var order []string
	for _, l := range s.Layers {
		if l.Kind != SpanLayer {
			continue
		}
		for _, lb := range l.Labels {
			if lb.Key == "" {
				continue
			}
			k := strings.ToLower(lb.Key)
			if _, seen := owners[k]; !seen {
				order = append(order, k)
			}
			owners[k] = append(owners[k], l.Name+"/"+lb.Name)
		}
	}
	var out []KeyConflict
	for _, k := range order {
		if len(owners[k]) > 1 {
			out = append(out, KeyConflict{Key: k, Owners: owners[k]})
		}
	}
	return out
}

// CheckSpan verifies a span against the schema and its document's text
// length: known layer and label, fragments inside the text, attributes of the
// declared kinds and values.
func (s *Schema) CheckSpan(sp Span, textLen int) error {
	l, ok := s.Layer(sp.Layer)
	if !ok {
		return fmt.Errorf("span %s: unknown layer %q", sp.ID, sp.Layer)
	}
	if l.Kind != SpanLayer {
		return fmt.Errorf("span %s: layer %q is a document layer", sp.ID, sp.Layer)
	}
	if _, ok := l.Label(sp.Label); !ok {
		return fmt.Errorf("span %s: layer %q has no label %q", sp.ID, sp.Layer, sp.Label)
	}
	if err := CheckFragments(sp.Fragments, textLen); err != nil {
		return fmt.Errorf("span %s: %w", sp.ID, err)
	}
	if err := CheckProvenance(sp); err != nil {
		return err
	}
	for name, v := range sp.Attrs {
		def, ok := l.Attribute(name)
		if !ok && sp.Layer == ActorLayer && name == ActorNameAttr {
			// The registry link as files hold it (actor.go), whether or
			// not the schema declares the attribute.
			def, ok = &AttrDef{Name: ActorNameAttr, Kind: AttrText}, true
		}
		if !ok {
			return fmt.Errorf("span %s: layer %q has no attribute %q", sp.ID, sp.Layer, name)
		}
		if err := def.Check(v); err != nil {
			return fmt.Errorf("span %s: %w", sp.ID, err)
		}
	}
	return nil
}

// Check verifies one attribute value against its definition.
func (d *AttrDef) Check(v any) error {
	allowed := func(x string) bool {
		for _, a := range d.Values {
			if a == x {
				return true
			}
		}
		return false
	}
	switch d.Kind {
	case AttrBool:
		if _, ok := v.(bool); !ok {
			return fmt.Errorf("attribute %q: want true or false, got %v", d.Name, v)
		}
	case AttrText:
		if _, ok := v.(string); !ok {
			return fmt.Errorf("attribute %q: want text, got %v", d.Name, v)
		}
	case AttrChoice:
		x, ok := v.(string)
		if !ok || !allowed(x) {
			return fmt.Errorf("attribute %q: want one of %s, got %v", d.Name, strings.Join(d.Values, ", "), v)
		}
	case AttrMulti:
		xs, ok := v.([]string)
		if !ok {
			return fmt.Errorf("attribute %q: want a list of values, got %v", d.Name, v)
		}
		for _, x := range xs {
			if !allowed(x) {
				return fmt.Errorf("attribute %q: %q is not one of %s", d.Name, x, strings.Join(d.Values, ", "))
			}
		}
	}
	return nil
}

// CheckDocLabel verifies a document label against the schema.
func (s *Schema) CheckDocLabel(dl DocLabel) error {
	l, ok := s.Layer(dl.Layer)
	if !ok {
		return fmt.Errorf("document label: unknown layer %q", dl.Layer)
	}
	if l.Kind != DocumentLayer {
		return fmt.Errorf("document label: layer %q is a span layer", dl.Layer)
	}
	if _, ok := l.Label(dl.Label); !ok {
		return fmt.Errorf("document label: layer %q has no label %q", dl.Layer, dl.Label)
	}
	return nil
}

// CheckRelation verifies a relation's type and the layers of its ends.
func (s *Schema) CheckRelation(r Relation, from, to Span) error {
	rt, ok := s.RelationType(r.Type)
	if !ok {
		return fmt.Errorf("relation %s: unknown type %q", r.ID, r.Type)
	}
	if from.Layer != rt.From {
		return fmt.Errorf("relation %s: %s goes from layer %q, but span %s is in %q", r.ID, rt.Name, rt.From, from.ID, from.Layer)
	}
	if to.Layer != rt.To {
		return fmt.Errorf("relation %s: %s goes to layer %q, but span %s is in %q", r.ID, rt.Name, rt.To, to.ID, to.Layer)
	}
	if from.DocID != to.DocID {
		return fmt.Errorf("relation %s: spans %s and %s are in different documents", r.ID, from.ID, to.ID)
	}
	return CheckRelationProvenance(r)
}
