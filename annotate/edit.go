package annotate

import (
	"context"
	"encoding/json"
	"fmt"
)

// Op names the kind of an edit; it is what the edit log records.
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
	OpCurate         Op = "curate" // a change to the adjudicated (gold) layer
)

// Edit is one user change as a value: one type per op, each in its own file
// (edit_*.go), so that a new op is one new file. Apply checks the edit
// against every rule and makes it on a State; it returns the edit as
// completed (new ids, times, what it replaced, what went with it), whose
// Inverse undoes it exactly. A completed edit applied again, on the same
// State or on a copy, reproduces it with the times it carries: that is how
// undo, redo and the window's copy follow the store.
type Edit interface {
	Op() Op
	// Doc is the document the edit changes; "" for a schema edit.
	Doc() string
	// By is the annotator who makes the edit (whose undo stack it is on).
	By() string
	Apply(ctx context.Context, st State) (Edit, error)
	Inverse() Edit
	// Describe is a short human description, for menus ("Undo add Claim")
	// and messages.
	Describe() string
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

// Empty reports whether nothing is removed.
func (r Removed) Empty() bool { return len(r.Spans)+len(r.Relations)+len(r.DocLabels) == 0 }

// DocLabelOf is a document label together with the document it is on.
type DocLabelOf struct {
	DocID string `json:"doc"`
	DocLabel
}

// editRow is an edit as the edit log stores it: one JSON object whose fields
// every op shares. Rows written before edits became types have this shape,
// so it stays exactly as it was.
type editRow struct {
	Op        Op     `json:"op"`
	DocID     string `json:"doc,omitempty"`
	Annotator string `json:"annotator,omitempty"`

	Span      *Span      `json:"span,omitempty"`
	Before    *Span      `json:"before,omitempty"`
	Relations []Relation `json:"relations,omitempty"`

	Layer        string   `json:"layer,omitempty"`
	Labels       []string `json:"labels,omitempty"`
	BeforeLabels []string `json:"before_labels,omitempty"`

	Status       Status `json:"status,omitempty"`
	BeforeStatus Status `json:"before_status,omitempty"`

	Schema       *Schema       `json:"schema,omitempty"`
	BeforeSchema *Schema       `json:"before_schema,omitempty"`
	Renames      []LabelRename `json:"renames,omitempty"`
	Removed      *Removed      `json:"removed,omitempty"`
	Restored     *Removed      `json:"restored,omitempty"`

	// Origin: where an added span came from when it was an accepted
	// suggestion (AddSpanEdit.Origin).
	Origin    string     `json:"origin,omitempty"`
	Rejection *Rejection `json:"rejection,omitempty"`

	// Curation (CurateEdit): the curator, the change described, and
	// what it does to the gold layer.
	Curator string        `json:"curator,omitempty"`
	What    string        `json:"what,omitempty"`
	Curate  *curationBody `json:"curate,omitempty"`
	// The actor registry's edits: the entry as it becomes, as it was, the
	// other entry of a merge or split, and the mentions moved.
	Actor       *ActorEntry `json:"actor,omitempty"`
	BeforeActor *ActorEntry `json:"before_actor,omitempty"`
	OtherActor  *ActorEntry `json:"other_actor,omitempty"`
	Mentions    []SpanRef   `json:"mentions,omitempty"`
}

// rower is an edit that can be written to the edit log.
type rower interface{ row() editRow }

// editDecoders turn a row into its op's edit. Each op's file registers its
// own at init; nothing changes the map after that.
var editDecoders = map[Op]func(editRow) (Edit, error){}

func registerEdit(op Op, decode func(editRow) (Edit, error)) {
	if _, dup := editDecoders[op]; dup {
		panic("annotate: edit op registered twice: " + string(op))
	}
	editDecoders[op] = decode
}

// EncodeEdit is an edit as the edit log stores it (JSON).
func EncodeEdit(e Edit) ([]byte, error) {
	r, ok := e.(rower)
	if !ok {
		return nil, fmt.Errorf("encode edit %s: %T cannot be stored", e.Op(), e)
	}
	b, err := json.Marshal(r.row())
	if err != nil {
		return nil, fmt.Errorf("encode edit %s: %w", e.Op(), err)
	}
	return b, nil
}

// DecodeEdit reads what EncodeEdit wrote, and every row the edit log holds
// from earlier releases.
func DecodeEdit(body []byte) (Edit, error) {
	var r editRow
	if err := json.Unmarshal(body, &r); err != nil {
		return nil, fmt.Errorf("decode edit: %w", err)
	}
	decode, ok := editDecoders[r.Op]
	if !ok {
		return nil, fmt.Errorf("decode edit: unknown op %q", r.Op)
	}
	// JSON turns []string attribute values into []any.
	spans := []*Span{r.Span, r.Before}
	for _, rm := range []*Removed{r.Removed, r.Restored} {
		if rm != nil {
			for i := range rm.Spans {
				spans = append(spans, &rm.Spans[i])
			}
		}
	}
	for _, sp := range spans {
		if sp == nil {
			continue
		}
		attrs, err := sp.Attrs.Normalize()
		if err != nil {
			return nil, fmt.Errorf("decode edit: span %s: %w", sp.ID, err)
		}
		sp.Attrs = attrs
	}
	e, err := decode(r)
	if err != nil {
		return nil, fmt.Errorf("decode edit %s: %w", r.Op, err)
	}
	return e, nil
}

// rowSpan is the row's span, completed with the row's document when the
// span names none.
func rowSpan(r editRow, sp *Span) (Span, error) {
	if sp == nil {
		return Span{}, fmt.Errorf("no span")
	}
	out := *sp
	if out.DocID == "" {
		out.DocID = r.DocID
	}
	return out, nil
}

// rowRelation is the row's one relation, completed with the row's document.
func rowRelation(r editRow) (Relation, error) {
	if len(r.Relations) != 1 {
		return Relation{}, fmt.Errorf("want one relation, got %d", len(r.Relations))
	}
	rel := r.Relations[0]
	if rel.DocID == "" {
		rel.DocID = r.DocID
	}
	return rel, nil
}

// checkBy refuses an edit that names no annotator (it would belong to no
// undo stack), and one made as the gold annotator outside curation.
func checkBy(e Edit) error {
	if e.By() == "" {
		return Errorf(EInvalid, "%s: no annotator", e.Op())
	}
	return checkNotGold(e)
}

func nilIfEmpty[T any](xs []T) []T {
	if len(xs) == 0 {
		return nil
	}
	return xs
}
