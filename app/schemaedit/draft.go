package schemaedit

import (
	"errors"
	"fmt"
	"slices"

	"frametag/annotate"
	"frametag/annotate/schemes"
)

// draft is the schema being edited together with where each layer and label
// came from, so that a save can tell renames from deletions and additions.
// origLayer[i] is the saved name of draft layer i ("" for a layer added since);
// origLabel[i][j] likewise for label j of layer i. autoKey[i][j] is set while
// label j's key is the one the editor picked, so it follows the name as the
// user types it.
type draft struct {
	saved     annotate.Schema // as of the last save
	schema    annotate.Schema
	origLayer []string
	origLabel [][]string
	autoKey   [][]bool
}

func newDraft(s annotate.Schema) *draft {
	d := &draft{schema: s.Clone()}
	d.rebase()
	return d
}

// rebase makes the current names the saved ones (after a save).
func (d *draft) rebase() {
	d.saved = d.schema.Clone()
	d.origLayer = make([]string, len(d.schema.Layers))
	d.origLabel = make([][]string, len(d.schema.Layers))
	d.autoKey = make([][]bool, len(d.schema.Layers))
	for i, l := range d.schema.Layers {
		d.origLayer[i] = l.Name
		d.origLabel[i] = make([]string, len(l.Labels))
		d.autoKey[i] = make([]bool, len(l.Labels))
		for j, lb := range l.Labels {
			d.origLabel[i][j] = lb.Name
		}
	}
}

// uniqueName returns base, or base with the first number that makes it unused.
func uniqueName(base string, taken func(string) bool) string {
	if !taken(base) {
		return base
	}
	for n := 2; ; n++ {
		if name := fmt.Sprintf("%s %d", base, n); !taken(name) {
			return name
		}
	}
}

func (d *draft) addLayer(kind annotate.LayerKind) int {
	name := uniqueName("layer", func(n string) bool { _, ok := d.schema.Layer(n); return ok })
	d.schema.Layers = append(d.schema.Layers, annotate.Layer{Name: name, Kind: kind})
	d.origLayer = append(d.origLayer, "")
	d.origLabel = append(d.origLabel, nil)
	d.autoKey = append(d.autoKey, nil)
	return len(d.schema.Layers) - 1
}

// renameLayer renames layer i and the relation types that name it.
func (d *draft) renameLayer(i int, name string) {
	old := d.schema.Layers[i].Name
	d.schema.Layers[i].Name = name
	for k := range d.schema.Relations {
		r := &d.schema.Relations[k]
		if r.From == old {
			r.From = name
		}
		if r.To == old {
			r.To = name
		}
	}
}

// deleteLayer removes layer i and the relation types that name it, which
// returns so the editor can say so.
func (d *draft) deleteLayer(i int) (droppedRelations []string) {
	name := d.schema.Layers[i].Name
	d.schema.Layers = slices.Delete(d.schema.Layers, i, i+1)
	d.origLayer = slices.Delete(d.origLayer, i, i+1)
	d.origLabel = slices.Delete(d.origLabel, i, i+1)
	d.autoKey = slices.Delete(d.autoKey, i, i+1)
	kept := d.schema.Relations[:0]
	for _, r := range d.schema.Relations {
		if r.From == name || r.To == name {
			droppedRelations = append(droppedRelations, r.Name)
			continue
		}
		kept = append(kept, r)
	}
	d.schema.Relations = kept
	return droppedRelations
}

// moveLayer swaps layer i with its neighbour at i+delta; false if out of range.
func (d *draft) moveLayer(i, delta int) bool {
	j := i + delta
	if i < 0 || j < 0 || i >= len(d.schema.Layers) || j >= len(d.schema.Layers) {
		return false
	}
	d.schema.Layers[i], d.schema.Layers[j] = d.schema.Layers[j], d.schema.Layers[i]
	d.origLayer[i], d.origLayer[j] = d.origLayer[j], d.origLayer[i]
	d.origLabel[i], d.origLabel[j] = d.origLabel[j], d.origLabel[i]
	d.autoKey[i], d.autoKey[j] = d.autoKey[j], d.autoKey[i]
	return true
}

// addLabel appends a label to layer i with a colour the layer does not use
// yet and, on span layers, a free key.
func (d *draft) addLabel(i int) int {
	l := &d.schema.Layers[i]
	name := uniqueName("label", func(n string) bool { _, ok := l.Label(n); return ok })
	lb := annotate.Label{Name: name, Color: unusedColor(l)}
	if l.Kind == annotate.SpanLayer {
		lb.Key = schemes.FreeKey(&d.schema, name)
	}
	l.Labels = append(l.Labels, lb)
	d.origLabel[i] = append(d.origLabel[i], "")
	d.autoKey[i] = append(d.autoKey[i], lb.Key != "")
	return len(l.Labels) - 1
}

// unusedColor is the first palette colour no label of the layer has.
func unusedColor(l *annotate.Layer) string {
	swatches := schemes.Palette()
	for _, c := range swatches {
		if !slices.ContainsFunc(l.Labels, func(lb annotate.Label) bool { return lb.Color == c }) {
			return c
		}
	}
	return swatches[len(l.Labels)%len(swatches)]
}

func (d *draft) deleteLabel(i, j int) {
	l := &d.schema.Layers[i]
	l.Labels = slices.Delete(l.Labels, j, j+1)
	d.origLabel[i] = slices.Delete(d.origLabel[i], j, j+1)
	d.autoKey[i] = slices.Delete(d.autoKey[i], j, j+1)
}

// renameLabel renames label j of layer i; a key the editor picked is picked
// again for the new name.
func (d *draft) renameLabel(i, j int, name string) {
	lb := &d.schema.Layers[i].Labels[j]
	lb.Name = name
	if d.autoKey[i][j] {
		lb.Key = ""
		lb.Key = schemes.FreeKey(&d.schema, name)
	}
}

// setKey sets a key by hand; the editor leaves it alone from then on.
func (d *draft) setKey(i, j int, key string) {
	d.schema.Layers[i].Labels[j].Key = key
	d.autoKey[i][j] = false
}

func (d *draft) moveLabel(i, j, delta int) bool {
	l := &d.schema.Layers[i]
	k := j + delta
	if j < 0 || k < 0 || j >= len(l.Labels) || k >= len(l.Labels) {
		return false
	}
	l.Labels[j], l.Labels[k] = l.Labels[k], l.Labels[j]
	d.origLabel[i][j], d.origLabel[i][k] = d.origLabel[i][k], d.origLabel[i][j]
	d.autoKey[i][j], d.autoKey[i][k] = d.autoKey[i][k], d.autoKey[i][j]
	return true
}

// renames lists the labels of saved layers whose name changed since the
// last save, under the layer name their annotations carry.
func (d *draft) renames() []annotate.LabelRename {
	var out []annotate.LabelRename
	for i, l := range d.schema.Layers {
		if d.origLayer[i] == "" || d.origLayer[i] != l.Name {
			// A new layer has no annotations; a saved layer can only be
			// renamed while it has none (the editor enforces it).
			continue
		}
		for j, lb := range l.Labels {
			if from := d.origLabel[i][j]; from != "" && from != lb.Name {
				out = append(out, annotate.LabelRename{Layer: l.Name, From: from, To: lb.Name})
			}
		}
	}
	return out
}

// check is Validate plus what only the editor can see: renames the store
// could not apply unambiguously. A rename must free its old name and take a
// name the layer did not have before; otherwise spans of two labels would
// merge, or follow a different label than the user meant.
func (d *draft) check() error {
	var errs []error
	if err := d.schema.Validate(); err != nil {
		errs = append(errs, err)
	}
	for _, r := range d.renames() {
		saved, _ := d.saved.Layer(r.Layer)
		if _, ok := saved.Label(r.To); ok {
			errs = append(errs, fmt.Errorf("layer %q: %q is renamed to %q, which is the saved name of another label; save the other change first, then this rename",
				r.Layer, r.From, r.To))
		}
		now, _ := d.schema.Layer(r.Layer)
		if _, ok := now.Label(r.From); ok {
			errs = append(errs, fmt.Errorf("layer %q: %q is renamed to %q while a label called %q is added; save the rename first, then add the label",
				r.Layer, r.From, r.To, r.From))
		}
	}
	return errors.Join(errs...)
}
