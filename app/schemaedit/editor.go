// Package schemaedit is the schema editor the workbench opens from Project →
// Edit schema…: layers, labels, attributes, relation types and the guideline
// document, with renames tracked so existing annotations follow them.
package schemaedit

import (
	"context"
	"fmt"
	"image/color"
	"reflect"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/app/markdown"
	"frametag/app/palette"
)

// Counter tells how many spans a saved label holds, so that deleting it can
// say what goes with it. Every annotate.Store satisfies it.
type Counter interface {
	SpanCountByLabel(ctx context.Context, layer, label string) (int, error)
}

// DocLabelCounter counts the document labels using a label of a document
// layer. When the Counter given to New also has this method (an
// annotate.Store does), document labels are counted too; otherwise only spans
// are.
type DocLabelCounter interface {
	DocLabelCountByLabel(ctx context.Context, layer, label string) (int, error)
}

// SaveFunc receives a validated schema and the label renames to apply to
// existing annotations, ready for annotate.SetSchema and the store. It
// returns the store's error, if any: the editor then keeps the edit as it is
// (renames included) so that the user can fix it and save again.
type SaveFunc func(after annotate.Schema, renames []annotate.LabelRename) error

// Editor edits a copy of a schema. Nothing reaches the project until Save
// succeeds.
type Editor struct {
	widget.BaseWidget

	win    fyne.Window
	counts Counter
	onSave SaveFunc
	d      *draft

	// Selected rows; -1 when none.
	layer, label, attr, rel int
	// Annotation counts of saved layers, by saved name, filled on demand.
	layerUse map[string]int
	// filling is set while forms are loaded from the draft, so that their
	// change handlers do not write the same values back.
	filling bool

	layers                                    *widget.List
	layerName, layerDesc                      *widget.Entry
	layerKind                                 *widget.Select
	layerOverlap, layerMulti                  *widget.Check
	layerNote                                 *widget.Label
	addSpanLayer, addDocLayer, delLayer       *widget.Button
	layerUp, layerDown                        *widget.Button
	labels                                    *widget.List
	labelName, labelKey, labelColor           *widget.Entry
	labelDesc                                 *widget.Entry
	labelGroup                                *widget.SelectEntry
	keyNote, colorNote                        *widget.Label
	swatches                                  *fyne.Container
	addLabel, delLabel, labelUp, labelDown    *widget.Button
	assignKeys                                *widget.Button
	attrs                                     *widget.List
	attrName, attrValues, attrDesc            *widget.Entry
	attrKind                                  *widget.Select
	attrNote                                  *widget.Label
	addAttr, delAttr                          *widget.Button
	rels                                      *widget.List
	relName, relDesc                          *widget.Entry
	relFrom, relTo                            *widget.Select
	addRel, delRel                            *widget.Button
	schemaName, schemaDesc, guide             *widget.Entry
	preview                                   *widget.RichText
	problems, errors                          *widget.Label
	messages                                  *container.Scroll
	save                                      *widget.Button
	content                                   *fyne.Container
	labelForm, attrForm, relForm, layerFormBx *fyne.Container
}

// New builds an editor over a copy of current. counts may be nil (nothing to
// count, e.g. an empty project); win parents the confirmation dialogs.
func New(current annotate.Schema, counts Counter, win fyne.Window, onSave SaveFunc) *Editor {
	e := &Editor{win: win, counts: counts, onSave: onSave, d: newDraft(current),
		layer: -1, label: -1, attr: -1, rel: -1, layerUse: map[string]int{}}
	e.ExtendBaseWidget(e)
	e.build()
	if len(e.d.schema.Layers) > 0 {
		e.layers.Select(0)
	} else {
		e.fillLayer()
	}
	if len(e.d.schema.Relations) > 0 {
		e.rels.Select(0)
	} else {
		e.fillRelation()
	}
	e.refreshProblems()
	return e
}

// Schema returns a copy of the schema as edited so far (saved or not).
func (e *Editor) Schema() annotate.Schema { return e.d.schema.Clone() }

// CreateRenderer implements fyne.Widget.
func (e *Editor) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(e.content)
}

// ShowDialog opens the editor in a dialog over win; a save that onSave
// accepts closes it. It also returns what Escape should do: close at once
// when nothing changed since the last save, else ask before dropping the
// changes.
func ShowDialog(current annotate.Schema, counts Counter, win fyne.Window, onSave SaveFunc) (dialog.Dialog, func()) {
	var d dialog.Dialog
	ed := New(current, counts, win, func(after annotate.Schema, renames []annotate.LabelRename) error {
		if onSave != nil {
			if err := onSave(after, renames); err != nil {
				return err
			}
		}
		d.Hide()
		return nil
	})
	d = dialog.NewCustomWithoutButtons("Edit schema", ed, win)
	d.(*dialog.CustomDialog).SetButtons([]fyne.CanvasObject{widget.NewButton("Close without saving", func() { d.Hide() }), ed.save})
	// Large, but never larger than the window (a small laptop screen).
	size := win.Canvas().Size()
	d.Resize(fyne.NewSize(min(size.Width, max(900, size.Width*0.9)), min(size.Height, max(600, size.Height*0.9))))
	d.Show()
	// The first rows were selected before the lists had a size, which
	// scrolled each list past its first row.
	for _, l := range []*widget.List{ed.layers, ed.labels, ed.attrs, ed.rels} {
		l.ScrollToTop()
	}
	escape := func() {
		if !ed.Changed() {
			d.Hide()
			return
		}
		c := dialog.NewConfirm("Drop the schema changes?", "The schema has changes that are not saved. Close the editor without them?", func(ok bool) {
			if ok {
				d.Hide()
			}
		}, win)
		c.SetConfirmText("Drop them")
		c.SetDismissText("Keep editing")
		c.SetConfirmImportance(widget.DangerImportance)
		c.Show()
	}
	return d, escape
}

// Changed reports whether the schema differs from the one last saved.
func (e *Editor) Changed() bool {
	return !reflect.DeepEqual(e.d.saved, e.d.schema)
}

func (e *Editor) build() {
	e.problems = widget.NewLabel("")
	e.problems.Wrapping = fyne.TextWrapWord
	e.errors = widget.NewLabel("")
	e.errors.Wrapping = fyne.TextWrapWord
	e.errors.Importance = widget.DangerImportance
	e.save = widget.NewButtonWithIcon("Save schema", theme.DocumentSaveIcon(), e.Save)
	e.save.Importance = widget.HighImportance

	tabs := container.NewAppTabs(
		container.NewTabItem("Labels", e.buildLabels()),
		container.NewTabItem("Attributes", e.buildAttributes()),
		container.NewTabItem("Relation types", e.buildRelations()),
		container.NewTabItem("Guidelines", e.buildGuidelines()),
	)
	split := container.NewHSplit(e.buildLayers(), tabs)
	split.Offset = 0.25
	// The messages take room only while there is something to say; the
	// Save button sits in the dialog's button row (ShowDialog).
	e.errors.Hide()
	e.problems.Hide()
	e.messages = container.NewVScroll(container.NewVBox(e.errors, e.problems))
	e.messages.SetMinSize(fyne.NewSize(0, 72))
	e.messages.Hide()
	e.content = container.NewBorder(nil, e.messages, nil, nil, split)
}

// ---- layers

func (e *Editor) buildLayers() fyne.CanvasObject {
	e.layers = widget.NewList(
		func() int { return len(e.d.schema.Layers) },
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewLabel("layer name"), layout.NewSpacer(), widget.NewLabel("document"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			l := e.d.schema.Layers[id]
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(l.Name)
			row.Objects[2].(*widget.Label).SetText(string(l.Kind))
		})
	e.layers.OnSelected = func(id widget.ListItemID) {
		e.layer = id
		e.fillLayer()
	}

	e.layerName = widget.NewEntry()
	e.layerName.OnChanged = func(s string) {
		if e.filling || e.layer < 0 {
			return
		}
		e.d.renameLayer(e.layer, s)
		e.layers.RefreshItem(e.layer)
		e.refreshRelationChoices()
		e.rels.Refresh()
	}
	e.layerKind = widget.NewSelect([]string{string(annotate.SpanLayer), string(annotate.DocumentLayer)}, func(s string) {
		if e.filling || e.layer < 0 {
			return
		}
		l := &e.d.schema.Layers[e.layer]
		l.Kind = annotate.LayerKind(s)
		if l.Kind == annotate.DocumentLayer {
			// Document labels are picked in the panel; their keys would
			// only block keys for span labels.
			for j := range l.Labels {
				e.d.setKey(e.layer, j, "")
			}
			l.Overlap = false
		} else {
			l.Multi = false
		}
		e.layers.RefreshItem(e.layer)
		e.refreshRelationChoices()
		e.refreshProblems()
		e.fillLayer()
	})
	e.layerOverlap = widget.NewCheck("spans may overlap", func(b bool) {
		if !e.filling && e.layer >= 0 {
			e.d.schema.Layers[e.layer].Overlap = b
		}
	})
	e.layerMulti = widget.NewCheck("several labels per document", func(b bool) {
		if !e.filling && e.layer >= 0 {
			e.d.schema.Layers[e.layer].Multi = b
		}
	})
	e.layerDesc = widget.NewMultiLineEntry()
	e.layerDesc.Wrapping = fyne.TextWrapWord
	e.layerDesc.SetMinRowsVisible(2)
	e.layerDesc.OnChanged = func(s string) {
		if !e.filling && e.layer >= 0 {
			e.d.schema.Layers[e.layer].Description = s
		}
	}
	e.layerNote = widget.NewLabel("")
	e.layerNote.Wrapping = fyne.TextWrapWord
	e.layerNote.Importance = widget.LowImportance

	e.addSpanLayer = widget.NewButtonWithIcon("Span layer", theme.ContentAddIcon(), func() { e.newLayer(annotate.SpanLayer) })
	e.addDocLayer = widget.NewButtonWithIcon("Document layer", theme.ContentAddIcon(), func() { e.newLayer(annotate.DocumentLayer) })
	e.delLayer = widget.NewButtonWithIcon("", theme.DeleteIcon(), e.deleteLayer)
	e.layerUp = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.moveLayer(-1) })
	e.layerDown = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.moveLayer(+1) })

	e.layerFormBx = container.NewVBox(
		widget.NewForm(
			widget.NewFormItem("Name", e.layerName),
			widget.NewFormItem("Kind", e.layerKind),
			widget.NewFormItem("", e.layerOverlap),
			widget.NewFormItem("", e.layerMulti),
			widget.NewFormItem("Description", e.layerDesc),
		),
		e.layerNote,
	)
	buttons := container.NewVBox(
		container.NewGridWithColumns(2, e.addSpanLayer, e.addDocLayer),
		container.NewHBox(e.layerUp, e.layerDown, layout.NewSpacer(), e.delLayer),
	)
	return container.NewBorder(
		container.NewVBox(widget.NewLabelWithStyle("Layers", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		container.NewVBox(buttons, widget.NewSeparator(), e.layerFormBx),
		nil, nil, e.layers)
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

func (e *Editor) fillLayer() {
	e.filling = true
	defer func() { e.filling = false }()
	ok := e.layer >= 0 && e.layer < len(e.d.schema.Layers)
	for _, w := range []fyne.Disableable{e.layerName, e.layerKind, e.layerDesc, e.delLayer, e.layerUp, e.layerDown, e.addLabel} {
		setEnabled(w, ok)
	}
	if !ok {
		e.layerName.SetText("")
		e.layerDesc.SetText("")
		e.layerNote.SetText("")
		e.layerOverlap.Disable()
		e.layerMulti.Disable()
		e.label = -1
		e.labels.Refresh()
		e.fillLabel()
		e.attrs.Refresh()
		e.attr = -1
		e.fillAttr()
		return
	}
	l := e.d.schema.Layers[e.layer]
	e.layerName.SetText(l.Name)
	e.layerKind.SetSelected(string(l.Kind))
	e.layerOverlap.SetChecked(l.Overlap)
	e.layerMulti.SetChecked(l.Multi)
	setEnabled(e.layerOverlap, l.Kind == annotate.SpanLayer)
	setEnabled(e.layerMulti, l.Kind == annotate.DocumentLayer)
	e.layerDesc.SetText(l.Description)
	e.layerNote.SetText("")
	switch n, err := e.layerInUse(e.layer); {
	case err != nil:
		e.layerNote.SetText(err.Error())
	case n > 0 && e.d.origLayer[e.layer] == l.Name:
		// Annotations name their layer; renaming or re-kinding a layer that
		// holds some would orphan them.
		e.layerName.Disable()
		e.layerKind.Disable()
		e.layerNote.SetText(fmt.Sprintf("This layer holds %s, so its name and kind are fixed. Rename its labels instead, or add a new layer.", plural(n, "annotation")))
	}
	e.label = -1
	e.labels.UnselectAll()
	e.labels.Refresh()
	e.refreshGroups()
	if len(l.Labels) > 0 {
		e.labels.Select(0)
	} else {
		e.fillLabel()
	}
	e.attr = -1
	e.attrs.UnselectAll()
	e.attrs.Refresh()
	if len(l.Attributes) > 0 {
		e.attrs.Select(0)
	} else {
		e.fillAttr()
	}
}

func (e *Editor) newLayer(kind annotate.LayerKind) {
	i := e.d.addLayer(kind)
	e.layers.Refresh()
	e.layers.Select(i)
	e.refreshRelationChoices()
	e.refreshProblems()
}

func (e *Editor) moveLayer(delta int) {
	if e.layer < 0 || !e.d.moveLayer(e.layer, delta) {
		return
	}
	e.layers.Refresh()
	e.layers.Select(e.layer + delta)
}

func (e *Editor) deleteLayer() {
	if e.layer < 0 {
		return
	}
	i := e.layer
	l := e.d.schema.Layers[i]
	remove := func() {
		dropped := e.d.deleteLayer(i)
		e.layers.UnselectAll()
		e.layers.Refresh()
		e.layer = -1
		if len(e.d.schema.Layers) > 0 {
			e.layers.Select(min(i, len(e.d.schema.Layers)-1))
		} else {
			e.fillLayer()
		}
		e.rel = -1
		e.rels.UnselectAll()
		e.rels.Refresh()
		e.fillRelation()
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
	c := dialog.NewConfirm("Delete layer?", msg, func(ok bool) {
		if ok {
			remove()
		}
	}, e.win)
	c.SetConfirmText("Delete")
	c.SetConfirmImportance(widget.DangerImportance)
	c.Show()
}

// ---- labels

func (e *Editor) currentLayer() *annotate.Layer {
	if e.layer < 0 || e.layer >= len(e.d.schema.Layers) {
		return nil
	}
	return &e.d.schema.Layers[e.layer]
}

func (e *Editor) currentLabel() *annotate.Label {
	l := e.currentLayer()
	if l == nil || e.label < 0 || e.label >= len(l.Labels) {
		return nil
	}
	return &l.Labels[e.label]
}

func (e *Editor) buildLabels() fyne.CanvasObject {
	e.labels = widget.NewList(
		func() int {
			if l := e.currentLayer(); l != nil {
				return len(l.Labels)
			}
			return 0
		},
		func() fyne.CanvasObject {
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
		func(id widget.ListItemID, o fyne.CanvasObject) {
			l := e.currentLayer()
			if l == nil || id >= len(l.Labels) {
				return
			}
			lb := l.Labels[id]
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
		})
	e.labels.OnSelected = func(id widget.ListItemID) {
		e.label = id
		e.fillLabel()
	}

	e.labelName = widget.NewEntry()
	e.labelName.OnChanged = func(s string) {
		if lb := e.currentLabel(); lb != nil && !e.filling {
			key := lb.Key
			e.d.renameLabel(e.layer, e.label, s)
			if lb.Key != key {
				e.filling = true
				e.labelKey.SetText(lb.Key)
				e.filling = false
				e.refreshKeyNote()
			}
			e.labels.RefreshItem(e.label)
			e.refreshProblems()
		}
	}
	e.labelKey = widget.NewEntry()
	e.labelKey.SetPlaceHolder("one letter or digit")
	e.labelKey.OnChanged = func(s string) {
		if lb := e.currentLabel(); lb != nil && !e.filling {
			e.d.setKey(e.layer, e.label, strings.TrimSpace(s))
			e.labels.Refresh() // a conflict marks both rows
			e.refreshKeyNote()
			e.refreshProblems()
		}
	}
	e.keyNote = widget.NewLabel("")
	e.keyNote.Wrapping = fyne.TextWrapWord
	e.labelGroup = widget.NewSelectEntry(nil)
	e.labelGroup.OnChanged = func(s string) {
		if lb := e.currentLabel(); lb != nil && !e.filling {
			lb.Group = s
			e.labels.RefreshItem(e.label)
		}
	}
	e.labelDesc = widget.NewMultiLineEntry()
	e.labelDesc.Wrapping = fyne.TextWrapWord
	e.labelDesc.SetMinRowsVisible(3)
	e.labelDesc.OnChanged = func(s string) {
		if lb := e.currentLabel(); lb != nil && !e.filling {
			lb.Description = s
		}
	}
	e.labelColor = widget.NewEntry()
	e.labelColor.SetPlaceHolder("#rrggbb")
	e.labelColor.OnChanged = func(s string) {
		if lb := e.currentLabel(); lb != nil && !e.filling {
			lb.Color = strings.TrimSpace(s)
			e.labels.RefreshItem(e.label)
			e.refreshColorNote()
		}
	}
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

	e.addLabel = widget.NewButtonWithIcon("Label", theme.ContentAddIcon(), e.newLabel)
	e.delLabel = widget.NewButtonWithIcon("", theme.DeleteIcon(), e.deleteLabel)
	e.labelUp = widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.moveLabel(-1) })
	e.labelDown = widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.moveLabel(+1) })
	e.assignKeys = widget.NewButton("Assign keys", e.assignAllKeys)

	e.labelForm = container.NewVBox(
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
	list := container.NewBorder(nil,
		container.NewHBox(e.addLabel, e.labelUp, e.labelDown, e.assignKeys, layout.NewSpacer(), e.delLabel),
		nil, nil, e.labels)
	split := container.NewHSplit(list, container.NewVScroll(e.labelForm))
	split.Offset = 0.45
	return split
}

func (e *Editor) fillLabel() {
	e.filling = true
	defer func() { e.filling = false }()
	lb := e.currentLabel()
	for _, w := range []fyne.Disableable{e.labelName, e.labelKey, e.labelGroup, e.labelDesc, e.labelColor, e.delLabel, e.labelUp, e.labelDown} {
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
	j := e.d.addLabel(e.layer)
	e.labels.Refresh()
	e.labels.Select(j)
	e.refreshProblems()
}

func (e *Editor) moveLabel(delta int) {
	if e.label < 0 || !e.d.moveLabel(e.layer, e.label, delta) {
		return
	}
	e.labels.Refresh()
	e.labels.Select(e.label + delta)
}

func (e *Editor) assignAllKeys() {
	schemes.AssignKeys(&e.d.schema)
	e.labels.Refresh()
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
	i, j := e.layer, e.label
	l := e.d.schema.Layers[i]
	remove := func() {
		e.d.deleteLabel(i, j)
		e.labels.UnselectAll()
		e.labels.Refresh()
		e.label = -1
		if n := len(e.d.schema.Layers[i].Labels); n > 0 {
			e.labels.Select(min(j, n-1))
		} else {
			e.fillLabel()
		}
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
	c := dialog.NewConfirm("Delete label?", msg, func(ok bool) {
		if ok {
			remove()
		}
	}, e.win)
	c.SetConfirmText("Delete")
	c.SetConfirmImportance(widget.DangerImportance)
	c.Show()
}

// ---- attributes

func (e *Editor) currentAttr() *annotate.AttrDef {
	l := e.currentLayer()
	if l == nil || e.attr < 0 || e.attr >= len(l.Attributes) {
		return nil
	}
	return &l.Attributes[e.attr]
}

func (e *Editor) buildAttributes() fyne.CanvasObject {
	e.attrs = widget.NewList(
		func() int {
			if l := e.currentLayer(); l != nil {
				return len(l.Attributes)
			}
			return 0
		},
		func() fyne.CanvasObject {
			return container.NewHBox(widget.NewLabel("attribute"), layout.NewSpacer(), widget.NewLabel("choice"))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			l := e.currentLayer()
			if l == nil || id >= len(l.Attributes) {
				return
			}
			row := o.(*fyne.Container)
			row.Objects[0].(*widget.Label).SetText(l.Attributes[id].Name)
			row.Objects[2].(*widget.Label).SetText(string(l.Attributes[id].Kind))
		})
	e.attrs.OnSelected = func(id widget.ListItemID) {
		e.attr = id
		e.fillAttr()
	}
	e.attrName = widget.NewEntry()
	e.attrName.OnChanged = func(s string) {
		if a := e.currentAttr(); a != nil && !e.filling {
			a.Name = s
			e.attrs.RefreshItem(e.attr)
		}
	}
	e.attrKind = widget.NewSelect([]string{string(annotate.AttrChoice), string(annotate.AttrMulti), string(annotate.AttrBool), string(annotate.AttrText)}, func(s string) {
		if a := e.currentAttr(); a != nil && !e.filling {
			a.Kind = annotate.AttrKind(s)
			e.attrs.RefreshItem(e.attr)
			e.fillAttr()
		}
	})
	e.attrValues = widget.NewMultiLineEntry()
	e.attrValues.SetPlaceHolder("one value per line")
	e.attrValues.SetMinRowsVisible(6)
	e.attrValues.OnChanged = func(s string) {
		if a := e.currentAttr(); a != nil && !e.filling {
			a.Values = splitLines(s)
		}
	}
	e.attrDesc = widget.NewMultiLineEntry()
	e.attrDesc.Wrapping = fyne.TextWrapWord
	e.attrDesc.SetMinRowsVisible(2)
	e.attrDesc.OnChanged = func(s string) {
		if a := e.currentAttr(); a != nil && !e.filling {
			a.Description = s
		}
	}
	e.attrNote = widget.NewLabel("")
	e.attrNote.Wrapping = fyne.TextWrapWord
	e.attrNote.Importance = widget.LowImportance
	e.addAttr = widget.NewButtonWithIcon("Attribute", theme.ContentAddIcon(), e.newAttr)
	e.delAttr = widget.NewButtonWithIcon("", theme.DeleteIcon(), e.deleteAttr)

	e.attrForm = container.NewVBox(
		widget.NewForm(
			widget.NewFormItem("Name", e.attrName),
			widget.NewFormItem("Kind", e.attrKind),
			widget.NewFormItem("Values", e.attrValues),
			widget.NewFormItem("Description", e.attrDesc),
		),
		e.attrNote,
	)
	list := container.NewBorder(nil, container.NewHBox(e.addAttr, layout.NewSpacer(), e.delAttr), nil, nil, e.attrs)
	split := container.NewHSplit(list, container.NewVScroll(e.attrForm))
	split.Offset = 0.4
	return split
}

func (e *Editor) fillAttr() {
	e.filling = true
	defer func() { e.filling = false }()
	l, a := e.currentLayer(), e.currentAttr()
	spanLayer := l != nil && l.Kind == annotate.SpanLayer
	setEnabled(e.addAttr, spanLayer)
	for _, w := range []fyne.Disableable{e.attrName, e.attrKind, e.attrDesc, e.delAttr} {
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
	e.attrs.Refresh()
	e.attrs.Select(len(l.Attributes) - 1)
}

func (e *Editor) deleteAttr() {
	l := e.currentLayer()
	if e.currentAttr() == nil {
		return
	}
	l.Attributes = append(l.Attributes[:e.attr], l.Attributes[e.attr+1:]...)
	e.attrs.UnselectAll()
	e.attrs.Refresh()
	e.attr = -1
	if len(l.Attributes) > 0 {
		e.attrs.Select(0)
	} else {
		e.fillAttr()
	}
}

// ---- relation types

func (e *Editor) currentRelation() *annotate.RelationType {
	if e.rel < 0 || e.rel >= len(e.d.schema.Relations) {
		return nil
	}
	return &e.d.schema.Relations[e.rel]
}

func (e *Editor) buildRelations() fyne.CanvasObject {
	e.rels = widget.NewList(
		func() int { return len(e.d.schema.Relations) },
		func() fyne.CanvasObject { return widget.NewLabel("relation: layer → layer") },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id >= len(e.d.schema.Relations) {
				return
			}
			r := e.d.schema.Relations[id]
			o.(*widget.Label).SetText(fmt.Sprintf("%s: %s → %s", r.Name, r.From, r.To))
		})
	e.rels.OnSelected = func(id widget.ListItemID) {
		e.rel = id
		e.fillRelation()
	}
	e.relName = widget.NewEntry()
	e.relName.OnChanged = func(s string) {
		if r := e.currentRelation(); r != nil && !e.filling {
			r.Name = s
			e.rels.RefreshItem(e.rel)
		}
	}
	e.relFrom = widget.NewSelect(nil, func(s string) {
		if r := e.currentRelation(); r != nil && !e.filling {
			r.From = s
			e.rels.RefreshItem(e.rel)
		}
	})
	e.relTo = widget.NewSelect(nil, func(s string) {
		if r := e.currentRelation(); r != nil && !e.filling {
			r.To = s
			e.rels.RefreshItem(e.rel)
		}
	})
	e.relDesc = widget.NewMultiLineEntry()
	e.relDesc.Wrapping = fyne.TextWrapWord
	e.relDesc.SetMinRowsVisible(2)
	e.relDesc.OnChanged = func(s string) {
		if r := e.currentRelation(); r != nil && !e.filling {
			r.Description = s
		}
	}
	e.addRel = widget.NewButtonWithIcon("Relation type", theme.ContentAddIcon(), e.newRelation)
	e.delRel = widget.NewButtonWithIcon("", theme.DeleteIcon(), e.deleteRelation)
	e.refreshRelationChoices()

	e.relForm = container.NewVBox(widget.NewForm(
		widget.NewFormItem("Name", e.relName),
		widget.NewFormItem("From layer", e.relFrom),
		widget.NewFormItem("To layer", e.relTo),
		widget.NewFormItem("Description", e.relDesc),
	), widget.NewLabel("A relation links a span of the first layer to a span of the second, in one document."))
	list := container.NewBorder(nil, container.NewHBox(e.addRel, layout.NewSpacer(), e.delRel), nil, nil, e.rels)
	split := container.NewHSplit(list, container.NewVScroll(e.relForm))
	split.Offset = 0.4
	return split
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
	for _, w := range []fyne.Disableable{e.relName, e.relFrom, e.relTo, e.relDesc, e.delRel} {
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
	e.rels.Refresh()
	e.rels.Select(len(e.d.schema.Relations) - 1)
}

func (e *Editor) deleteRelation() {
	if e.currentRelation() == nil {
		return
	}
	e.d.schema.Relations = append(e.d.schema.Relations[:e.rel], e.d.schema.Relations[e.rel+1:]...)
	e.rels.UnselectAll()
	e.rels.Refresh()
	e.rel = -1
	if len(e.d.schema.Relations) > 0 {
		e.rels.Select(0)
	} else {
		e.fillRelation()
	}
}

// ---- guidelines

func (e *Editor) buildGuidelines() fyne.CanvasObject {
	e.schemaName = widget.NewEntry()
	e.schemaName.SetText(e.d.schema.Name)
	e.schemaName.OnChanged = func(s string) { e.d.schema.Name = s }
	e.schemaDesc = widget.NewEntry()
	e.schemaDesc.SetText(e.d.schema.Description)
	e.schemaDesc.OnChanged = func(s string) { e.d.schema.Description = s }

	// The preview renders as Project → Guidelines does.
	e.preview = widget.NewRichText(markdown.Segments(e.d.schema.Guidelines)...)
	e.preview.Wrapping = fyne.TextWrapWord
	e.guide = widget.NewMultiLineEntry()
	e.guide.Wrapping = fyne.TextWrapWord
	e.guide.SetText(e.d.schema.Guidelines)
	e.guide.OnChanged = func(s string) {
		e.d.schema.Guidelines = s
		e.preview.Segments = markdown.Segments(s)
		e.preview.Refresh()
	}
	split := container.NewHSplit(
		container.NewBorder(widget.NewLabel("Markdown"), nil, nil, nil, e.guide),
		container.NewBorder(widget.NewLabel("Preview"), nil, nil, nil, container.NewVScroll(e.preview)))
	top := widget.NewForm(widget.NewFormItem("Schema name", e.schemaName), widget.NewFormItem("Description", e.schemaDesc))
	return container.NewBorder(top, nil, nil, nil, split)
}

// ---- problems and saving

// refreshProblems lists what is wrong with the keys right now, as the user
// edits; the full validation waits for Save.
func (e *Editor) refreshProblems() {
	var lines []string
	for _, c := range annotate.DuplicateKeys(&e.d.schema) {
		lines = append(lines, fmt.Sprintf("Key %q is used by %s.", c.Key, strings.Join(c.Owners, " and ")))
	}
	if u := schemes.Unkeyed(&e.d.schema); len(u) > 0 {
		lines = append(lines, fmt.Sprintf("No key: %s (reach them from the label list, or press Assign keys).", strings.Join(u, ", ")))
	}
	e.setMessage(e.problems, strings.Join(lines, "\n"))
}

// Save validates the draft. If it is valid, onSave gets it with the label
// renames made since the last save; otherwise, or if onSave fails, every
// problem is listed and the edit stays as it is.
func (e *Editor) Save() {
	if err := e.d.check(); err != nil {
		e.setMessage(e.errors, "Not saved. Fix these first:\n"+err.Error())
		return
	}
	after, renames := e.d.schema.Clone(), e.d.renames()
	if e.onSave != nil {
		if err := e.onSave(after, renames); err != nil {
			e.setMessage(e.errors, "Not saved: "+err.Error())
			return
		}
	}
	e.setMessage(e.errors, "")
	e.d.rebase()
	clear(e.layerUse) // renames and deletions change the counts
}

// ---- helpers

// setMessage shows text in l (errors or problems), hiding l, and the
// message area when both are empty, while there is nothing to say.
func (e *Editor) setMessage(l *widget.Label, text string) {
	l.SetText(text)
	l.Hidden = text == ""
	l.Refresh()
	if e.errors.Hidden && e.problems.Hidden {
		e.messages.Hide()
	} else {
		e.messages.Show()
	}
	e.content.Refresh()
}

func setEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// splitLines turns the values box into values: one per line, blank lines
// dropped, each value kept verbatim otherwise.
func splitLines(s string) []string {
	var out []string
	for _, line := range strings.Split(s, "\n") {
		if strings.TrimSpace(line) != "" {
			out = append(out, strings.TrimRight(line, "\r"))
		}
	}
	return out
}

// parseColor reads #rrggbb; anything else shows as transparent.
func parseColor(hex string) color.Color {
	c, err := palette.NRGBA(hex)
	if err != nil {
		return color.Transparent
	}
	return c
}

// swatch is one tappable palette colour.
type swatch struct {
	widget.BaseWidget
	hex   string
	rect  *canvas.Rectangle
	onTap func(hex string)
}

func newSwatch(hex string, onTap func(string)) *swatch {
	s := &swatch{hex: hex, rect: canvas.NewRectangle(parseColor(hex)), onTap: onTap}
	s.rect.CornerRadius = 3
	s.rect.StrokeColor = color.NRGBA{A: 0x40}
	s.rect.StrokeWidth = 1
	s.ExtendBaseWidget(s)
	return s
}

func (s *swatch) Tapped(*fyne.PointEvent) { s.onTap(s.hex) }

func (s *swatch) MinSize() fyne.Size { return fyne.NewSize(22, 22) }

func (s *swatch) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(s.rect) }
