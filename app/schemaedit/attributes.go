package schemaedit

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// The attributes section: the selected span layer's attributes, and the
// selected attribute's name, kind, values and description.

func (e *Editor) currentAttr() *annotate.AttrDef {
	if k := e.attrs.current(); k >= 0 {
		return &e.currentLayer().Attributes[k]
	}
	return nil
}

func (e *Editor) buildAttributes() fyne.CanvasObject {
	e.attrs = newSection(sectionSpec{
		length: func() int {
			if l := e.currentLayer(); l != nil {
				return len(l.Attributes)
			}
			return 0
		},
		newRow: func() fyne.CanvasObject {
			return container.NewHBox(widget.NewLabel("attribute"), layout.NewSpacer(), widget.NewLabel("choice"))
		},
		showRow: func(k int, o fyne.CanvasObject) {
			a := e.currentLayer().Attributes[k]
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(a.Name)
			row.Objects[2].(*widget.Label).SetText(string(a.Kind))
		},
		fill: e.fillAttr,
		add:  []addButton{{"Attribute", e.newAttr}},
		del:  e.deleteAttr,
	}, &e.filling)
	s := e.attrs

	e.attrName = widget.NewEntry()
	e.attrName.OnChanged = editing(s, func(_ int, name string) {
		e.currentAttr().Name = name
		s.changed()
	})
	kinds := []string{string(annotate.AttrChoice), string(annotate.AttrMulti), string(annotate.AttrBool), string(annotate.AttrText)}
	e.attrKind = widget.NewSelect(kinds, editing(s, func(_ int, kind string) {
		e.currentAttr().Kind = annotate.AttrKind(kind)
		s.changed()
		e.fillAttr()
	}))
	e.attrValues = widget.NewMultiLineEntry()
	e.attrValues.SetPlaceHolder("one value per line")
	e.attrValues.SetMinRowsVisible(6)
	e.attrValues.OnChanged = editing(s, func(_ int, text string) {
		e.currentAttr().Values = splitLines(text)
	})
	e.attrDesc = widget.NewMultiLineEntry()
	e.attrDesc.Wrapping = fyne.TextWrapWord
	e.attrDesc.SetMinRowsVisible(2)
	e.attrDesc.OnChanged = editing(s, func(_ int, text string) {
		e.currentAttr().Description = text
	})
	e.attrNote = widget.NewLabel("")
	e.attrNote.Wrapping = fyne.TextWrapWord
	e.attrNote.Importance = widget.LowImportance

	form := container.NewVBox(
		widget.NewForm(
			widget.NewFormItem("Name", e.attrName),
			widget.NewFormItem("Kind", e.attrKind),
			widget.NewFormItem("Values", e.attrValues),
			widget.NewFormItem("Description", e.attrDesc),
		),
		e.attrNote,
	)
	return s.beside(form, 0.4)
}

func (e *Editor) fillAttr() {
	e.filling = true
	defer func() { e.filling = false }()
	l, a := e.currentLayer(), e.currentAttr()
	spanLayer := l != nil && l.Kind == annotate.SpanLayer
	setEnabled(e.attrs.add[0], spanLayer)
	for _, w := range []fyne.Disableable{e.attrName, e.attrKind, e.attrDesc, e.attrs.del} {
		setEnabled(w, a != nil)
	}
	setEnabled(e.attrValues, a != nil && (a.Kind == annotate.AttrChoice || a.Kind == annotate.AttrMulti))
	switch {
	case l == nil:
		e.attrNote.SetText("")
	case !spanLayer:
		e.attrNote.SetText("Attributes belong to span layers; a document layer has none.")
	default:
		e.attrNote.SetText("Spans keep their values under the attribute's name: while spans hold values, renaming or deleting the attribute, or removing a value they use, is refused on save.")
	}
	if a == nil {
		e.attrName.SetText("")
		e.attrValues.SetText("")
		e.attrDesc.SetText("")
		e.attrKind.ClearSelected()
		return
	}
	e.attrName.SetText(a.Name)
	e.attrKind.SetSelected(string(a.Kind))
	e.attrValues.SetText(strings.Join(a.Values, "\n"))
	e.attrDesc.SetText(a.Description)
}

func (e *Editor) newAttr() {
	l := e.currentLayer()
	if l == nil || l.Kind != annotate.SpanLayer {
		return
	}
	name := uniqueName("attribute", func(n string) bool { _, ok := l.Attribute(n); return ok })
	l.Attributes = append(l.Attributes, annotate.AttrDef{Name: name, Kind: annotate.AttrText})
	e.attrs.added(len(l.Attributes) - 1)
}

// deleteAttr removes the selected attribute; the save refuses it while
// spans hold values of it, so there is nothing to ask here.
func (e *Editor) deleteAttr() {
	k := e.attrs.current()
	if k < 0 {
		return
	}
	l := e.currentLayer()
	l.Attributes = append(l.Attributes[:k], l.Attributes[k+1:]...)
	e.attrs.reset(0)
}
