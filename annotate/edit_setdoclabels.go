package annotate

import (
	"context"
	"fmt"
	"slices"
)

// SetDocLabelsEdit replaces an annotator's labels of one document layer.
// Apply completes Before with the labels it replaced.
type SetDocLabelsEdit struct {
	DocID, Layer, Annotator string
	Before, After           []string
}

func init() {
	registerEdit(OpSetDocLabels, func(r editRow) (Edit, error) {
		return SetDocLabelsEdit{DocID: r.DocID, Layer: r.Layer, Annotator: r.Annotator,
			Before: r.BeforeLabels, After: r.Labels}, nil
	})
}

// SetDocLabels is the edit by annotator that replaces their labels of one
// document layer, before, by after.
func SetDocLabels(docID, layer, annotator string, before, after []string) SetDocLabelsEdit {
	return SetDocLabelsEdit{DocID: docID, Layer: layer, Annotator: annotator,
		Before: slices.Clone(before), After: slices.Clone(after)}
}

func (e SetDocLabelsEdit) Op() Op           { return OpSetDocLabels }
func (e SetDocLabelsEdit) Doc() string      { return e.DocID }
func (e SetDocLabelsEdit) By() string       { return e.Annotator }
func (e SetDocLabelsEdit) Describe() string { return fmt.Sprintf("set %s", e.Layer) }

func (e SetDocLabelsEdit) Inverse() Edit {
	inv := e
	inv.Before, inv.After = e.After, e.Before
	return inv
}

func (e SetDocLabelsEdit) row() editRow {
	return editRow{Op: OpSetDocLabels, DocID: e.DocID, Annotator: e.Annotator, Layer: e.Layer,
		Labels: e.After, BeforeLabels: e.Before}
}

func (e SetDocLabelsEdit) Apply(ctx context.Context, st State) (Edit, error) {
	if err := checkBy(e); err != nil {
		return nil, err
	}
	if _, err := docTextLen(ctx, st, e.DocID); err != nil {
		return nil, err
	}
	sc, err := st.Schema(ctx)
	if err != nil {
		return nil, err
	}
	layer, ok := sc.Layer(e.Layer)
	if !ok {
		return nil, Errorf(EInvalid, "document labels: unknown layer %q", e.Layer)
	}
	var labels []string
	for _, l := range e.After {
		if err := sc.CheckDocLabel(DocLabel{Layer: e.Layer, Label: l, Annotator: e.Annotator}); err != nil {
			return nil, WithCode(EInvalid, err)
		}
		if !slices.Contains(labels, l) {
			labels = append(labels, l)
		}
	}
	if !layer.TakesLabels(len(labels)) {
		return nil, Errorf(EInvalid, "document labels: layer %q takes one label per document, got %d", e.Layer, len(labels))
	}
	before, err := st.DocLabels(ctx, e.DocID, e.Layer, e.Annotator)
	if err != nil {
		return nil, err
	}
	if err := st.SetDocLabels(ctx, e.DocID, e.Layer, e.Annotator, labels); err != nil {
		return nil, err
	}
	done := e
	done.Before, done.After = nilIfEmpty(before), labels
	return done, nil
}
