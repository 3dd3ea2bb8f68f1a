package schemaedit

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// The layers section: the schema's layers, and the selected layer's name,
// kind, overlap or multi-choice setting and description.

func (e *Editor) buildLayers() fyne.CanvasObject {
	e.layers = newSection(sectionSpec{
		length: func() int { return len(e.d.schema.Layers) },
		newRow: func() fyne.CanvasObject {
			return container.NewHBox(widget.NewLabel("layer name"), layout.NewSpacer(), widget.NewLabel("document"))
		},
		showRow: func(i int, o fyne.CanvasObject) {
			l := e.d.schema.Layers[i]
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(l.Name)
			row.Objects[2].(*widget.Label).SetText(string(l.Kind))
		},
		fill: e.fillLayer,
		add: []addButton{
			{"Span layer", func() { e.newLayer(annotate.SpanLayer) }},
			{"Document layer", func() { e.newLayer(annotate.DocumentLayer) }},
		},
		del:  e.deleteLayer,
		move: e.d.moveLayer,
	}, &e.filling)
	s := e.layers

	e.layerName = widget.NewEntry()
	e.layerName.OnChanged = editing(s, func(i int, name string) {
		e.d.renameLayer(i, name)
		s.changed()
		e.refreshRelationChoices()
		e.rels.list.Refresh()
	})
	e.layerKind = widget.NewSelect([]string{string(annotate.SpanLayer), string(annotate.DocumentLayer)}, editing(s, func(i int, kind string) {
		l := &e.d.schema.Layers[i]
		l.Kind = annotate.LayerKind(kind)
		if l.Kind == annotate.DocumentLayer {
			// Document labels are picked in the panel; their keys would
			// only block keys for span labels.
			for j := range l.Labels {
				e.d.setKey(i, j, "")
			}
			l.Overlap = false
			l.CaseSensitive = false
		} else {
			l.Multi = false
		}
		s.changed()
		e.refreshRelationChoices()
		e.refreshProblems()
		e.fillLayer()
	}))
	e.layerOverlap = widget.NewCheck("spans may overlap", editing(s, func(i int, b bool) {
		e.d.schema.Layers[i].Overlap = b
	}))
	e.layerCase = widget.NewCheck("suggestions match case (EU is not eu)", editing(s, func(i int, b bool) {
		e.d.schema.Layers[i].CaseSensitive = b
	}))
	e.layerMulti = widget.NewCheck("several labels per document", editing(s, func(i int, b bool) {
		e.d.schema.Layers[i].Multi = b
	}))
	e.layerDesc = widget.NewMultiLineEntry()
	e.layerDesc.Wrapping = fyne.TextWrapWord
	e.layerDesc.SetMinRowsVisible(2)
	e.layerDesc.OnChanged = editing(s, func(i int, text string) {
		e.d.schema.Layers[i].Description = text
	})
	e.layerNote = widget.NewLabel("")
	e.layerNote.Wrapping = fyne.TextWrapWord
	e.layerNote.Importance = widget.LowImportance

	form := container.NewVBox(
		widget.NewForm(
			widget.NewFormItem("Name", e.layerName),
			widget.NewFormItem("Kind", e.layerKind),
			widget.NewFormItem("", e.layerOverlap),
			widget.NewFormItem("", e.layerCase),
			widget.NewFormItem("", e.layerMulti),
			widget.NewFormItem("Description", e.layerDesc),
		),
		e.layerNote,
	)
	// The layers stand in a column at the left, their form under the list.
	buttons := container.NewVBox(
		container.NewGridWithColumns(2, s.add[0], s.add[1]),
		container.NewHBox(s.up, s.down, layout.NewSpacer(), s.del),
	)
	return container.NewBorder(
		container.NewVBox(widget.NewLabelWithStyle("Layers", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		container.NewVBox(buttons, widget.NewSeparator(), form),
		nil, nil, s.list)
}

// count is how many annotations saved label of saved layer (of kind) holds.
func (e *Editor) count(kind annotate.LayerKind, layer, label string) (int, error) {
	if e.counts == nil {
		return 0, nil
	}
	if kind == annotate.DocumentLayer {
		if dc, ok := e.counts.(DocLabelCounter); ok {
			return dc.DocLabelCountByLabel(context.Background(), layer, label)
		}
		return 0, nil
	}
	// A count is a quick read while the dialog is open: nothing to cancel.
	return e.counts.SpanCountByLabel(context.Background(), layer, label)
}

// layerInUse is how many annotations saved layer i holds (0 for new layers).
func (e *Editor) layerInUse(i int) (int, error) {
	orig := e.d.origLayer[i]
	if orig == "" || e.counts == nil {
		return 0, nil
	}
	if n, ok := e.layerUse[orig]; ok {
		return n, nil
	}
	total := 0
	for _, lb := range e.d.origLabel[i] {
		if lb == "" {
			continue
		}
		n, err := e.count(e.savedKind(orig), orig, lb)
		if err != nil {
			return 0, fmt.Errorf("count annotations of %s/%s: %w", orig, lb, err)
		}
		total += n
	}
	e.layerUse[orig] = total
	return total, nil
}

// savedKind is the kind of the saved layer called name: the kind its
// annotations were made under.
func (e *Editor) savedKind(name string) annotate.LayerKind {
	if l, ok := e.d.saved.Layer(name); ok {
		return l.Kind
	}
	return annotate.SpanLayer
}

// fillLayer shows the selected layer in the form, and its labels and
// attributes in their tabs.
func (e *Editor) fillLayer() {
	e.filling = true
	defer func() { e.filling = false }()
	i := e.layers.current()
	ok := i >= 0
	for _, w := range []fyne.Disableable{e.layerName, e.layerKind, e.layerDesc, e.layers.del, e.layers.up, e.layers.down, e.labels.add[0]} {
		setEnabled(w, ok)
	}
	if !ok {
		e.layerName.SetText("")
		e.layerDesc.SetText("")
		e.layerNote.SetText("")
		e.layerOverlap.Disable()
		e.layerCase.Disable()
		e.layerMulti.Disable()
		e.labels.reset(-1)
		e.attrs.reset(-1)
		return
	}
	l := e.d.schema.Layers[i]
	e.layerName.SetText(l.Name)
	e.layerKind.SetSelected(string(l.Kind))
	e.layerOverlap.SetChecked(l.Overlap)
	e.layerMulti.SetChecked(l.Multi)
	e.layerCase.SetChecked(l.CaseSensitive)
	setEnabled(e.layerOverlap, l.Kind == annotate.SpanLayer)
	setEnabled(e.layerCase, l.Kind == annotate.SpanLayer)
	setEnabled(e.layerMulti, l.Kind == annotate.DocumentLayer)
	e.layerDesc.SetText(l.Description)
	e.layerNote.SetText("")
	switch n, err := e.layerInUse(i); {
	case err != nil:
		e.layerNote.SetText(err.Error())
	case n > 0 && e.d.origLayer[i] == l.Name:
		// Annotations name their layer; renaming or re-kinding a layer that
		// holds some would orphan them.
		e.layerName.Disable()
		e.layerKind.Disable()
		e.layerNote.SetText(fmt.Sprintf("This layer holds %s, so its name and kind are fixed. Rename its labels instead, or add a new layer.", plural(n, "annotation")))
	}
	e.refreshGroups()
	e.labels.reset(0)
	e.attrs.reset(0)
}

func (e *Editor) newLayer(kind annotate.LayerKind) {
	e.layers.added(e.d.addLayer(kind))
	e.refreshRelationChoices()
	e.refreshProblems()
}

// deleteLayer removes the selected layer with the relation types that name
// it, asking first when saved annotations use it.
func (e *Editor) deleteLayer() {
	i := e.layers.current()
	if i < 0 {
		return
	}
	l := e.d.schema.Layers[i]
	remove := func() {
		dropped := e.d.deleteLayer(i)
		e.layers.reset(i)
		e.rels.reset(-1)
		e.refreshRelationChoices()
		e.refreshProblems()
		if len(dropped) > 0 {
			e.setMessage(e.problems, fmt.Sprintf("Relation types removed with layer %q: %s.\n", l.Name, strings.Join(dropped, ", "))+e.problems.Text)
		}
	}
	n, err := e.layerInUse(i)
	var relations []string
	for _, r := range e.d.schema.Relations {
		if r.From == l.Name || r.To == l.Name {
			relations = append(relations, r.Name)
		}
	}
	var msg string
	switch {
	case err != nil:
		msg = fmt.Sprintf("Could not count the annotations of layer %q (%v). Delete it anyway?", l.Name, err)
	case n > 0:
		msg = fmt.Sprintf("Layer %q holds %s. Deleting the layer removes them", l.Name, plural(n, "annotation"))
		if len(relations) > 0 {
			msg += " and the relation types " + strings.Join(relations, ", ")
		}
		msg += " when you save (Undo brings them back). Delete it?"
	default:
		remove()
		return
	}
	confirmDelete("Delete layer?", msg, e.win, remove)
}
