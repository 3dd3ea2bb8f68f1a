package schemaedit

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// The relation types section: the schema's relation types, and the selected
// one's name, the layers it joins and its description.

func (e *Editor) currentRelation() *annotate.RelationType {
	if k := e.rels.current(); k >= 0 {
		return &e.d.schema.Relations[k]
	}
	return nil
}

func (e *Editor) buildRelations() fyne.CanvasObject {
	e.rels = newSection(sectionSpec{
		length: func() int { return len(e.d.schema.Relations) },
		newRow: func() fyne.CanvasObject { return widget.NewLabel("relation: layer → layer") },
		showRow: func(k int, o fyne.CanvasObject) {
			r := e.d.schema.Relations[k]
			o.(*widget.Label).SetText(fmt.Sprintf("%s: %s → %s", r.Name, r.From, r.To))
		},
		fill: e.fillRelation,
		add:  []addButton{{"Relation type", e.newRelation}},
		del:  e.deleteRelation,
	}, &e.filling)
	s := e.rels

	e.relName = widget.NewEntry()
	e.relName.OnChanged = editing(s, func(_ int, name string) {
		e.currentRelation().Name = name
		s.changed()
	})
	e.relFrom = widget.NewSelect(nil, editing(s, func(_ int, layer string) {
		e.currentRelation().From = layer
		s.changed()
	}))
	e.relTo = widget.NewSelect(nil, editing(s, func(_ int, layer string) {
		e.currentRelation().To = layer
		s.changed()
	}))
	e.relDesc = widget.NewMultiLineEntry()
	e.relDesc.Wrapping = fyne.TextWrapWord
	e.relDesc.SetMinRowsVisible(2)
	e.relDesc.OnChanged = editing(s, func(_ int, text string) {
		e.currentRelation().Description = text
	})
	e.refreshRelationChoices()

	form := container.NewVBox(widget.NewForm(
		widget.NewFormItem("Name", e.relName),
		widget.NewFormItem("From layer", e.relFrom),
		widget.NewFormItem("To layer", e.relTo),
		widget.NewFormItem("Description", e.relDesc),
	), widget.NewLabel("A relation links a span of the first layer to a span of the second, in one document."))
	return s.beside(form, 0.4)
}

// refreshRelationChoices offers the span layers as relation ends.
func (e *Editor) refreshRelationChoices() {
	var names []string
	for _, l := range e.d.schema.Layers {
		if l.Kind == annotate.SpanLayer {
			names = append(names, l.Name)
		}
	}
	e.filling = true
	e.relFrom.SetOptions(names)
	e.relTo.SetOptions(names)
	e.filling = false
	e.fillRelation()
}

func (e *Editor) fillRelation() {
	e.filling = true
	defer func() { e.filling = false }()
	r := e.currentRelation()
	for _, w := range []fyne.Disableable{e.relName, e.relFrom, e.relTo, e.relDesc, e.rels.del} {
		setEnabled(w, r != nil)
	}
	if r == nil {
		e.relName.SetText("")
		e.relDesc.SetText("")
		e.relFrom.ClearSelected()
		e.relTo.ClearSelected()
		return
	}
	e.relName.SetText(r.Name)
	// Select shows only known options; an unknown layer (from a JSON file)
	// shows empty here and is reported by Save.
	e.relFrom.SetSelected(r.From)
	e.relTo.SetSelected(r.To)
	e.relDesc.SetText(r.Description)
}

func (e *Editor) newRelation() {
	name := uniqueName("relation", func(n string) bool { _, ok := e.d.schema.RelationType(n); return ok })
	r := annotate.RelationType{Name: name}
	for _, l := range e.d.schema.Layers {
		if l.Kind == annotate.SpanLayer {
			r.From, r.To = l.Name, l.Name
			break
		}
	}
	e.d.schema.Relations = append(e.d.schema.Relations, r)
	e.rels.added(len(e.d.schema.Relations) - 1)
}

func (e *Editor) deleteRelation() {
	k := e.rels.current()
	if k < 0 {
		return
	}
	e.d.schema.Relations = append(e.d.schema.Relations[:k], e.d.schema.Relations[k+1:]...)
	e.rels.reset(0)
}
