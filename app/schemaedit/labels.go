package schemaedit

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/app/palette"
)

// The labels section: the selected layer's labels, and the selected label's
// name, key, group, colour and description.

func (e *Editor) currentLayer() *annotate.Layer {
	if i := e.layers.current(); i >= 0 {
		return &e.d.schema.Layers[i]
	}
	return nil
}

func (e *Editor) currentLabel() *annotate.Label {
	if j := e.labels.current(); j >= 0 {
		return &e.currentLayer().Labels[j]
	}
	return nil
}

func (e *Editor) buildLabels() fyne.CanvasObject {
	e.labels = newSection(sectionSpec{
		length: func() int {
			if l := e.currentLayer(); l != nil {
				return len(l.Labels)
			}
			return 0
		},
		newRow: func() fyne.CanvasObject {
			chip := canvas.NewRectangle(color.Black)
			chip.SetMinSize(fyne.NewSize(16, 16))
			chip.CornerRadius = 3
			name := widget.NewLabel("label name")
			name.Truncation = fyne.TextTruncateEllipsis
			group := widget.NewLabel("group")
			group.Importance = widget.LowImportance
			key := widget.NewLabel("key")
			return container.NewBorder(nil, nil, container.NewCenter(chip), container.NewHBox(group, key), name)
		},
		showRow: func(i int, o fyne.CanvasObject) {
			lb := e.currentLayer().Labels[i]
			// Border puts the centre object first, then left, then right.
			row := o.(*fyne.Container)
			name := row.Objects[0].(*widget.Label)
			chip := row.Objects[1].(*fyne.Container).Objects[0].(*canvas.Rectangle)
			right := row.Objects[2].(*fyne.Container)
			group, key := right.Objects[0].(*widget.Label), right.Objects[1].(*widget.Label)
			chip.FillColor = parseColor(lb.Color)
			name.SetText(lb.Name)
			group.SetText(lb.Group)
			key.Importance = widget.MediumImportance
			text := lb.Key
			if lb.Key != "" && e.keyConflict(lb.Key) != "" {
				text += " ⚠"
				key.Importance = widget.DangerImportance
			}
			key.SetText(text)
			row.Refresh() // the group and key widths change with the text
		},
		fill: e.fillLabel,
		add:  []addButton{{"Label", e.newLabel}},
		del:  e.deleteLabel,
		move: func(j, delta int) bool { return e.d.moveLabel(e.layers.sel, j, delta) },
	}, &e.filling)
	s := e.labels

	e.labelName = widget.NewEntry()
	e.labelName.OnChanged = editing(s, func(j int, name string) {
		lb := e.currentLabel()
		key := lb.Key
		e.d.renameLabel(e.layers.sel, j, name)
		if lb.Key != key {
			e.filling = true
			e.labelKey.SetText(lb.Key)
			e.filling = false
			e.refreshKeyNote()
		}
		s.changed()
		e.refreshProblems()
	})
	e.labelKey = widget.NewEntry()
	e.labelKey.SetPlaceHolder("one letter or digit")
	e.labelKey.OnChanged = editing(s, func(j int, key string) {
		e.d.setKey(e.layers.sel, j, strings.TrimSpace(key))
		s.list.Refresh() // a conflict marks both rows
		e.refreshKeyNote()
		e.refreshProblems()
	})
	e.keyNote = widget.NewLabel("")
	e.keyNote.Wrapping = fyne.TextWrapWord
	e.labelGroup = widget.NewSelectEntry(nil)
	e.labelGroup.OnChanged = editing(s, func(_ int, group string) {
		e.currentLabel().Group = group
		s.changed()
	})
	e.labelDesc = widget.NewMultiLineEntry()
	e.labelDesc.Wrapping = fyne.TextWrapWord
	e.labelDesc.SetMinRowsVisible(3)
	e.labelDesc.OnChanged = editing(s, func(_ int, text string) {
		e.currentLabel().Description = text
	})
	e.labelColor = widget.NewEntry()
	e.labelColor.SetPlaceHolder("#rrggbb")
	e.labelColor.OnChanged = editing(s, func(_ int, hex string) {
		e.currentLabel().Color = strings.TrimSpace(hex)
		s.changed()
		e.refreshColorNote()
	})
	e.colorNote = widget.NewLabel("")
	e.colorNote.Wrapping = fyne.TextWrapWord
	e.swatches = container.NewGridWrap(fyne.NewSize(22, 22))
	for _, hex := range schemes.Palette() {
		e.swatches.Add(newSwatch(hex, func(hex string) {
			if e.currentLabel() != nil {
				e.labelColor.SetText(hex) // OnChanged stores it
			}
		}))
	}
	e.assignKeys = widget.NewButton("Assign keys", e.assignAllKeys)

	form := container.NewVBox(
		widget.NewForm(
			widget.NewFormItem("Name", e.labelName),
			widget.NewFormItem("Key", e.labelKey),
			widget.NewFormItem("", e.keyNote),
			widget.NewFormItem("Group", e.labelGroup),
			widget.NewFormItem("Colour", e.labelColor),
			widget.NewFormItem("", e.colorNote),
		),
		e.swatches,
		widget.NewLabel("Description (shown beside the label)"),
		e.labelDesc,
	)
	return s.beside(form, 0.45, e.assignKeys)
}

func (e *Editor) fillLabel() {
	e.filling = true
	defer func() { e.filling = false }()
	lb := e.currentLabel()
	for _, w := range []fyne.Disableable{e.labelName, e.labelKey, e.labelGroup, e.labelDesc, e.labelColor, e.labels.del, e.labels.up, e.labels.down} {
		setEnabled(w, lb != nil)
	}
	l := e.currentLayer()
	setEnabled(e.assignKeys, l != nil)
	if lb == nil {
		for _, en := range []*widget.Entry{e.labelName, e.labelKey, e.labelDesc, e.labelColor} {
			en.SetText("")
		}
		e.labelGroup.SetText("")
		e.keyNote.SetText("")
		e.colorNote.SetText("")
		return
	}
	e.labelName.SetText(lb.Name)
	e.labelKey.SetText(lb.Key)
	e.labelGroup.SetText(lb.Group)
	e.labelDesc.SetText(lb.Description)
	e.labelColor.SetText(lb.Color)
	if l.Kind == annotate.DocumentLayer {
		e.labelKey.Disable()
	}
	e.refreshKeyNote()
	e.refreshColorNote()
}
func (e *Editor) refreshGroups() {
	l := e.currentLayer()
	if l == nil {
		return
	}
	var groups []string
	seen := map[string]bool{}
	for _, lb := range l.Labels {
		if lb.Group != "" && !seen[lb.Group] {
			seen[lb.Group] = true
			groups = append(groups, lb.Group)
		}
	}
	e.labelGroup.SetOptions(groups)
}

// keyConflict names the other labels holding key, or "" if none does.
func (e *Editor) keyConflict(key string) string {
	for _, c := range annotate.DuplicateKeys(&e.d.schema) {
		if strings.EqualFold(c.Key, key) {
			return strings.Join(c.Owners, " and ")
		}
	}
	return ""
}

func (e *Editor) refreshKeyNote() {
	lb, l := e.currentLabel(), e.currentLayer()
	e.keyNote.Importance = widget.LowImportance
	switch {
	case lb == nil:
		e.keyNote.SetText("")
	case l.Kind == annotate.DocumentLayer:
		e.keyNote.SetText("Document labels are picked from the panel and take no key.")
	case lb.Key == "":
		e.keyNote.SetText("No key: reach this label from the label list.")
	case !annotate.ValidKey(lb.Key):
		e.keyNote.Importance = widget.DangerImportance
		e.keyNote.SetText(fmt.Sprintf("Key %q: want one letter or digit.", lb.Key))
	case e.keyConflict(lb.Key) != "":
		e.keyNote.Importance = widget.DangerImportance
		e.keyNote.SetText(fmt.Sprintf("Key %q is used by %s.", strings.ToLower(lb.Key), e.keyConflict(lb.Key)))
	default:
		e.keyNote.SetText("")
	}
	e.keyNote.Refresh()
}

func (e *Editor) refreshColorNote() {
	lb := e.currentLabel()
	if lb == nil {
		e.colorNote.SetText("")
		return
	}
	if err := palette.CheckColor(lb.Color); err != nil {
		e.colorNote.Importance = widget.WarningImportance
		e.colorNote.SetText(err.Error())
	} else {
		e.colorNote.Importance = widget.LowImportance
		e.colorNote.SetText("")
	}
	e.colorNote.Refresh()
}

func (e *Editor) newLabel() {
	if e.currentLayer() == nil {
		return
	}
	e.labels.added(e.d.addLabel(e.layers.sel))
	e.refreshProblems()
}

func (e *Editor) assignAllKeys() {
	schemes.AssignKeys(&e.d.schema)
	e.labels.list.Refresh()
	e.fillLabel()
	e.refreshProblems()
}

// deleteLabel removes the selected label, asking first when saved
// annotations use it.
func (e *Editor) deleteLabel() {
	lb := e.currentLabel()
	if lb == nil {
		return
	}
	i, j := e.layers.sel, e.labels.sel
	l := e.d.schema.Layers[i]
	remove := func() {
		e.d.deleteLabel(i, j)
		e.labels.reset(j)
		e.refreshProblems()
	}
	origLayer, origLabel := e.d.origLayer[i], e.d.origLabel[i][j]
	if origLayer == "" || origLabel == "" || e.counts == nil {
		remove()
		return
	}
	n, err := e.count(e.savedKind(origLayer), origLayer, origLabel)
	var msg string
	switch {
	case err != nil:
		msg = fmt.Sprintf("Could not count the annotations of %q (%v). Delete the label anyway?", lb.Name, err)
	case n == 0:
		remove()
		return
	case l.Kind == annotate.DocumentLayer:
		msg = fmt.Sprintf("Label %q of layer %q is on %s. Deleting the label removes it from them when you save (Undo brings it back). Delete it?",
			lb.Name, l.Name, plural(n, "document"))
	default:
		them := "them"
		if n == 1 {
			them = "it"
		}
		msg = fmt.Sprintf("Label %q of layer %q holds %s. Deleting the label deletes %s when you save (Undo brings %s back). Delete it?",
			lb.Name, l.Name, plural(n, "span"), them, them)
	}
	confirmDelete("Delete label?", msg, e.win, remove)
}
