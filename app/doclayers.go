package app

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// docLayersView is the Document tab: the document-level layers, check boxes
// for a multi-choice layer (frames), radio buttons for a single choice
// (genre). The inputs are made when the schema changes (or a document opens
// where none was) and filled in place as labels change, so a tick never
// replaces the box under the pointer.
type docLayersView struct {
	widget.BaseWidget
	s      *session
	act    *panelActions
	box    *fyne.Container
	scroll *container.Scroll // made once: Fyne may make the renderer again
	title  string            // the tab's title: "Document (2)"
	// retitled hears the tab's new title.
	retitled func(title string)

	inputs map[string]func(shown []string) // by layer: show these labels
	// madeFor says what the inputs were made for: a document open or not.
	madeFor *bool
	filling bool
}

func newDocLayersView(s *session, act *panelActions) *docLayersView {
	v := &docLayersView{s: s, act: act, box: container.NewVBox()}
	v.scroll = container.NewVScroll(v.box)
	v.ExtendBaseWidget(v)
	v.title = "Document"
	s.subscribe(v.changed)
	return v
}

func (v *docLayersView) CreateRenderer() fyne.WidgetRenderer { return newViewRenderer(v, v.scroll) }

func (v *docLayersView) changed(cs []change) {
	fill := false
	for _, c := range cs {
		switch c.(type) {
		case schemaChanged:
			v.madeFor = nil
			fill = true
		case docOpened, docLabelsChanged:
			fill = true
		}
	}
	if !fill {
		return
	}
	if has := v.s.hasDocument(); v.madeFor == nil || *v.madeFor != has {
		v.makeInputs(has)
	}
	v.fill()
}

// makeInputs makes one input per document layer.
func (v *docLayersView) makeInputs(hasDocument bool) {
	v.madeFor = &hasDocument
	v.inputs = map[string]func([]string){}
	v.box.Objects = nil
	if !hasDocument {
		v.box.Add(widget.NewLabel("No document is open."))
		v.box.Refresh()
		return
	}
	for _, l := range v.s.currentSchema().Layers {
		if l.Kind != annotate.DocumentLayer {
			continue
		}
		layer := l.Name
		// Shown with spaces for underscores, as the label buttons are;
		// stored by name.
		var shown []string
		nameOf := map[string]string{}
		for _, lb := range l.Labels {
			d := shownName(lb.Name)
			shown = append(shown, d)
			nameOf[d] = lb.Name
		}
		head := layer
		if l.Description != "" {
			head += " — " + l.Description
		}
		title := widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		title.SizeName = theme.SizeNameCaptionText
		v.box.Add(title)
		if l.Multi {
			g := widget.NewCheckGroup(shown, nil)
			g.OnChanged = func(sel []string) {
				if v.filling {
					return
				}
				// CheckGroup reports in click order; store the schema's order.
				var names []string
				for _, d := range shown {
					if slices.Contains(sel, d) {
						names = append(names, nameOf[d])
					}
				}
				v.s.setDocLabels(layer, names)
				v.act.unfocus() // label keys work again at once
			}
			v.inputs[layer] = func(current []string) {
				g.Selected = current
				g.Refresh()
			}
			v.box.Add(g)
			continue
		}
		r := widget.NewRadioGroup(shown, nil)
		r.Horizontal = len(shown) <= 4
		r.OnChanged = func(s string) {
			if v.filling {
				return
			}
			defer v.act.unfocus()
			if s == "" {
				v.s.setDocLabels(layer, nil)
				return
			}
			v.s.setDocLabels(layer, []string{nameOf[s]})
		}
		v.inputs[layer] = func(current []string) {
			r.Selected = ""
			if len(current) > 0 {
				r.Selected = current[0]
			}
			r.Refresh()
		}
		v.box.Add(r)
	}
	if len(v.box.Objects) == 0 {
		v.box.Add(widget.NewLabel("This schema has no document-level layers."))
	}
	v.box.Refresh()
}

// fill shows the open document's labels in the inputs and counts them in
// the tab's title.
func (v *docLayersView) fill() {
	v.filling = true
	defer func() { v.filling = false }()
	set := 0
	for layer, show := range v.inputs {
		current := v.s.docLabels(layer)
		set += len(current)
		shown := make([]string, len(current))
		for i, n := range current {
			shown[i] = shownName(n)
		}
		show(shown)
	}
	if title := fmt.Sprintf("Document (%d)", set); title != v.title {
		v.title = title
		if v.retitled != nil {
			v.retitled(title)
		}
	}
}
