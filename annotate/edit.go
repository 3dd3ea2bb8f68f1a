package annotate

import "fmt"

// Op names the kind of an edit.
type Op string

const (
	OpAddSpan        Op = "add_span"
	OpDeleteSpan     Op = "delete_span"
	OpUpdateSpan     Op = "update_span" // label, fragments, attributes or note
	OpAddRelation    Op = "add_relation"
	OpDeleteRelation Op = "delete_relation"
	OpSetDocLabels   Op = "set_doc_labels"
	OpSetStatus      Op = "set_status"
	OpSetSchema      Op = "set_schema"
)

// Edit is one user change as a value. Every edit carries what it needs to be
// inverted, so undo and redo are the same road as the edit itself, and the
// edit log (stored as JSON) keeps them working across restarts.
type Edit struct {
	Op        Op     `json:"op"`
	DocID     string `json:"doc,omitempty"`
	Annotator string `json:"annotator,omitempty"`

	// add_span, delete_span: the span. update_span: the span after the edit.
	Span *Span `json:"span,omitempty"`
	// update_span: the span before the edit.
	Before *Span `json:"before,omitempty"`
	// add_relation, delete_relation: the one relation. delete_span: the
	// relations removed with the span. add_span: relations restored with it.
	Relations []Relation `json:"relations,omitempty"`

	// set_doc_labels: one annotator's labels of one document layer.
	Layer        string   `json:"layer,omitempty"`
	Labels       []string `json:"labels,omitempty"`
	BeforeLabels []string `json:"before_labels,omitempty"`

	// set_status: one annotator's status of one document.
	Status       Status `json:"status,omitempty"`
	BeforeStatus Status `json:"before_status,omitempty"`

	// set_schema: the whole schema before and after, label renames applied
	// to existing annotations, and annotations removed (labels deleted) or
	// restored (an undone deletion) with it.
	Schema       *Schema       `json:"schema,omitempty"`
	BeforeSchema *Schema       `json:"before_schema,omitempty"`
	Renames      []LabelRename `json:"renames,omitempty"`
	Removed      *Removed      `json:"removed,omitempty"`
	Restored     *Removed      `json:"restored,omitempty"`
}

// LabelRename renames a label of a layer in every annotation that uses it.
type LabelRename struct {
	Layer string `json:"layer"`
	From  string `json:"from"`
	To    string `json:"to"`
}

// Removed holds annotations taken away by a schema edit, kept so that undo can
// bring them back with the same ids.
type Removed struct {
	Spans     []Span       `json:"spans,omitempty"`
	Relations []Relation   `json:"relations,omitempty"`
	DocLabels []DocLabelOf `json:"doc_labels,omitempty"`
}

// DocLabelOf is a document label together with the document it is on.
type DocLabelOf struct {
	DocID string `json:"doc"`
	DocLabel
}

// AddSpan is the edit that creates sp.
func AddSpan(sp Span) Edit {
	return Edit{Op: OpAddSpan, DocID: sp.DocID, Annotator: sp.Annotator, Span: &sp}
}

// DeleteSpan is the edit that removes sp; the store fills in the relations
// that go with it.
func DeleteSpan(sp Span, annotator string) Edit {
	return Edit{Op: OpDeleteSpan, DocID: sp.DocID, Annotator: annotator, Span: &sp}
}

// UpdateSpan is the edit that turns before into after (same id).
func UpdateSpan(before, after Span, annotator string) Edit {
	b, a := before.Clone(), after.Clone()
	return Edit{Op: OpUpdateSpan, DocID: after.DocID, Annotator: annotator, Before: &b, Span: &a}
}

// AddRelation is the edit that creates r.
func AddRelation(r Relation) Edit {
	return Edit{Op: OpAddRelation, DocID: r.DocID, Annotator: r.Annotator, Relations: []Relation{r}}
}

// DeleteRelation is the edit that removes r.
func DeleteRelation(r Relation, annotator string) Edit {
	return Edit{Op: OpDeleteRelation, DocID: r.DocID, Annotator: annotator, Relations: []Relation{r}}
}

// SetDocLabels is the edit that replaces an annotator's labels on one document
// layer.
func SetDocLabels(docID, layer, annotator string, before, after []string) Edit {
	return Edit{Op: OpSetDocLabels, DocID: docID, Annotator: annotator, Layer: layer,
		BeforeLabels: append([]string(nil), before...), Labels: append([]string(nil), after...)}
}

// SetStatus is the edit that changes an annotator's status on a document.
func SetStatus(docID, annotator string, before, after Status) Edit {
	return Edit{Op: OpSetStatus, DocID: docID, Annotator: annotator, BeforeStatus: before, Status: after}
}

// SetSchema is the edit that replaces the schema, applying renames to existing
// annotations; the store fills in what a deleted label removes.
func SetSchema(before, after Schema, renames []LabelRename, annotator string) Edit {
	b, a := before.Clone(), after.Clone()
	return Edit{Op: OpSetSchema, Annotator: annotator, BeforeSchema: &b, Schema: &a,
		Renames: append([]LabelRename(nil), renames...)}
}

// Inverse returns the edit that undoes e.
func (e Edit) Inverse() Edit {
	inv := e
	switch e.Op {
	case OpAddSpan:
		inv.Op = OpDeleteSpan
	case OpDeleteSpan:
		inv.Op = OpAddSpan
	case OpUpdateSpan:
		inv.Span, inv.Before = e.Before, e.Span
	case OpAddRelation:
		inv.Op = OpDeleteRelation
	case OpDeleteRelation:
		inv.Op = OpAddRelation
	case OpSetDocLabels:
		inv.Labels, inv.BeforeLabels = e.BeforeLabels, e.Labels
	case OpSetStatus:
		inv.Status, inv.BeforeStatus = e.BeforeStatus, e.Status
	case OpSetSchema:
		inv.Schema, inv.BeforeSchema = e.BeforeSchema, e.Schema
		inv.Removed, inv.Restored = e.Restored, e.Removed
		inv.Renames = nil // nil stays nil, so that undo's undo is the edit itself
		if len(e.Renames) > 0 {
			inv.Renames = make([]LabelRename, len(e.Renames))
		}
		for i, r := range e.Renames {
			inv.Renames[len(e.Renames)-1-i] = LabelRename{Layer: r.Layer, From: r.To, To: r.From}
		}
	}
	return inv
}

// Describe is a short human description of the edit, for menus ("Undo add
// Claim") and the log.
func (e Edit) Describe() string {
	switch e.Op {
	case OpAddSpan:
		return fmt.Sprintf("add %s", e.Span.Label)
	case OpDeleteSpan:
		return fmt.Sprintf("delete %s", e.Span.Label)
	case OpUpdateSpan:
		return fmt.Sprintf("change %s", e.Span.Label)
	case OpAddRelation:
		return fmt.Sprintf("link %s", e.Relations[0].Type)
	case OpDeleteRelation:
		return fmt.Sprintf("unlink %s", e.Relations[0].Type)
	case OpSetDocLabels:
		return fmt.Sprintf("set %s", e.Layer)
	case OpSetStatus:
		return fmt.Sprintf("mark %s", e.Status)
	case OpSetSchema:
		return "edit schema"
	}
	return string(e.Op)
}
