package app

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// panel is the right-hand pane: the label buttons, the selected span's
// editor, the document-level layers, the document's spans and its status.
type panel struct {
	w *Workbench

	hint      *widget.Label
	labels    *widget.Accordion
	describe  *widget.Label // the hovered label's full description
	selection *fyne.Container
	docLayers *fyne.Container
	spans     *widget.List
	spansHead *widget.Label
	statusTxt *widget.Label
	done      *widget.Button
	skip      *widget.Button

	root fyne.CanvasObject

	shown     []annotate.Span // the spans list's rows
	listSel   int             // the row selected in the spans list, -1 for none
	syncing   bool            // set while the panel itself moves the list's selection
	editorFor string          // span id and version the selection editor was built for
	layersFor string          // document and labels the document layers were built for
}

func newPanel(w *Workbench) *panel {
	p := &panel{w: w, listSel: -1}
	p.hint = widget.NewLabel("Select text in the article, then press a label's key.")
	p.hint.Wrapping = fyne.TextWrapWord
	p.hint.Importance = widget.HighImportance
	p.describe = widget.NewLabel("")
	p.describe.Wrapping = fyne.TextWrapWord
	p.describe.SizeName = theme.SizeNameCaptionText
	p.labels = widget.NewAccordion()
	p.labels.MultiOpen = true
	p.selection = container.NewVBox()
	p.docLayers = container.NewVBox()
	p.spansHead = widget.NewLabelWithStyle("Spans", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.spans = widget.NewList(
		func() int { return len(p.shown) },
		func() fyne.CanvasObject { return newSpanRow() },
		func(i widget.ListItemID, o fyne.CanvasObject) { p.fillSpanRow(i, o.(*spanRow)) },
	)
	p.spans.OnSelected = func(i widget.ListItemID) {
		if p.syncing || i >= len(p.shown) {
			return
		}
		p.listSel = i
		p.w.selectSpan(p.shown[i].ID, true)
	}
	p.statusTxt = widget.NewLabel("")
	p.done = widget.NewButtonWithIcon("Done", theme.ConfirmIcon(), func() { w.finish(annotate.StatusDone) })
	p.done.Importance = widget.HighImportance
	p.skip = widget.NewButtonWithIcon("Skip", theme.MediaSkipNextIcon(), func() { w.finish(annotate.StatusSkipped) })
	return p
}

// content lays the panel out: the scrolling editor above, the spans list
// below (a split, so the list has real height), the status row at the foot.
func (p *panel) content() fyne.CanvasObject {
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.w.nextDocument(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.w.nextDocument(1) })
	status := container.NewVBox(
		widget.NewSeparator(),
		container.NewBorder(nil, nil, p.statusTxt, container.NewHBox(prev, next)),
		container.NewGridWithColumns(2, p.done, p.skip),
	)
	top := container.NewVScroll(container.NewVBox(
		p.hint,
		p.selection,
		heading("Labels"),
		p.labels,
		p.describe,
		heading("Document"),
		p.docLayers,
	))
	spans := container.NewBorder(p.spansHead, nil, nil, nil, p.spans)
	split := container.NewVSplit(top, spans)
	split.SetOffset(0.75)
	p.root = container.NewBorder(nil, status, nil, nil, split)
	return p.root
}

func heading(s string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

func (p *panel) setHint(s string) { p.hint.SetText(s) }

// setSchema builds the label buttons: one accordion item per span layer, or
// per group within a layer whose labels are grouped (the 23 techniques in six
// families), so a long codebook stays a short list of headings.
func (p *panel) setSchema(s annotate.Schema) {
	p.labels.Items = nil
	for _, l := range s.Layers {
		if l.Kind != annotate.SpanLayer {
			continue
		}
		var groups []string
		byGroup := map[string][]fyne.CanvasObject{}
		for _, lb := range l.Labels {
			if !slices.Contains(groups, lb.Group) {
				groups = append(groups, lb.Group)
			}
			byGroup[lb.Group] = append(byGroup[lb.Group], newLabelChip(p, l.Name, lb))
		}
		for _, g := range groups {
			title := l.Name
			if g != "" {
				title = l.Name + " · " + g
			}
			item := widget.NewAccordionItem(fmt.Sprintf("%s (%d)", title, len(byGroup[g])),
				container.NewVBox(byGroup[g]...))
			// Ungrouped layers (claim, actor) are short: show them open.
			item.Open = g == ""
			p.labels.Append(item)
		}
	}
	p.labels.Refresh()
	p.editorFor, p.layersFor = "", ""
}

// refresh brings the panel in line with the workbench's state.
func (p *panel) refresh() {
	w := p.w
	p.shown = append(p.shown[:0], w.doc.Spans...)
	p.spansHead.SetText(fmt.Sprintf("Spans (%d)", len(p.shown)))
	// One refresh of the list's visible rows: Select and UnselectAll
	// refresh when they change the selection, Refresh otherwise.
	p.syncing = true
	i := slices.IndexFunc(p.shown, func(sp annotate.Span) bool { return sp.ID == w.selected })
	switch {
	case i >= 0 && i != p.listSel:
		p.spans.Select(i) // also scrolls the row into view
	case i < 0 && p.listSel >= 0:
		p.spans.UnselectAll()
	default:
		p.spans.Refresh()
	}
	p.listSel = i
	p.syncing = false
	p.refreshSelection()
	p.refreshDocLayers()
	if w.hasDocument() {
		p.statusTxt.SetText("Status: " + statusText(w.status()))
	} else {
		p.statusTxt.SetText("")
	}
}

func statusText(s annotate.Status) string { return strings.ReplaceAll(string(s), "_", " ") }

// refreshSelection rebuilds the selected span's editor when the span or its
// contents changed (rebuilding an unchanged editor would steal focus from
// the note being typed).
func (p *panel) refreshSelection() {
	w := p.w
	sp, ok := w.span(w.selected)
	key := ""
	if ok {
		key = fmt.Sprintf("%s|%s|%v|%v|%s|%d", sp.ID, sp.Label, sp.Fragments, sp.Attrs, sp.Note, len(w.doc.Relations))
	}
	if key == p.editorFor && key != "" {
		return
	}
	p.editorFor = key
	if !ok {
		p.selection.Objects = nil
		p.selection.Refresh()
		return
	}
	p.selection.Objects = p.editor(sp)
	p.selection.Refresh()
}

// editor is the form for one span: label, attributes, note, relations.
func (p *panel) editor(sp annotate.Span) []fyne.CanvasObject {
	w := p.w
	layer, _ := w.schema.Layer(sp.Layer)
	title := widget.NewLabelWithStyle("Selected "+sp.Layer+" span", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	quote := widget.NewLabel("“" + w.spanText(sp) + "”")
	quote.Wrapping = fyne.TextWrapWord
	quote.Truncation = fyne.TextTruncateOff
	form := widget.NewForm()

	var options []string
	if layer != nil {
		for _, lb := range layer.Labels {
			options = append(options, lb.Name)
		}
	}
	labelSel := widget.NewSelect(options, nil)
	labelSel.Selected = sp.Label
	labelSel.OnChanged = func(s string) { w.relabel(sp, s) }
	form.Append("Label", labelSel)

	if layer != nil {
		for _, def := range layer.Attributes {
			form.Append(def.Name, p.attrField(def, sp.Attrs[def.Name]))
		}
	}
	note := newCommitEntry(sp.Note, w.setNote)
	note.SetPlaceHolder("Note (Enter to save)")
	form.Append("Note", note)

	del := widget.NewButtonWithIcon("Delete", theme.DeleteIcon(), w.deleteSelected)
	del.Importance = widget.DangerImportance
	link := widget.NewButtonWithIcon("Link…", theme.ContentAddIcon(), w.startLink)
	if len(w.relationTypesOf(sp.Layer)) == 0 {
		link.Disable()
	}
	objs := []fyne.CanvasObject{title, quote, form, container.NewGridWithColumns(2, link, del)}
	objs = append(objs, p.relationRows(sp)...)
	objs = append(objs, widget.NewSeparator())
	return objs
}

// attrField is the input for one attribute, committing every change.
func (p *panel) attrField(def annotate.AttrDef, v any) fyne.CanvasObject {
	w := p.w
	name := def.Name
	switch def.Kind {
	case annotate.AttrChoice:
		const unset = "—"
		sel := widget.NewSelect(append([]string{unset}, def.Values...), nil)
		sel.Selected = unset
		if s, ok := v.(string); ok {
			sel.Selected = s
		}
		sel.OnChanged = func(s string) {
			if s == unset {
				w.setAttr(name, nil)
				return
			}
			w.setAttr(name, s)
		}
		return sel
	case annotate.AttrMulti:
		chosen, _ := v.([]string)
		checks := make([]fyne.CanvasObject, len(def.Values))
		for i, val := range def.Values {
			c := widget.NewCheck(val, nil)
			c.Checked = slices.Contains(chosen, val)
			c.OnChanged = func(on bool) {
				next := slices.DeleteFunc(slices.Clone(chosen), func(s string) bool { return s == val })
				if on {
					next = append(next, val)
					// Keep the schema's order so equal sets compare equal.
					slices.SortFunc(next, func(a, b string) int {
						return slices.Index(def.Values, a) - slices.Index(def.Values, b)
					})
				}
				if len(next) == 0 {
					w.setAttr(name, nil)
					return
				}
				w.setAttr(name, next)
			}
			checks[i] = c
		}
		return container.NewGridWithColumns(2, checks...)
	case annotate.AttrBool:
		c := widget.NewCheck("", nil)
		c.Checked, _ = v.(bool)
		c.OnChanged = func(on bool) { w.setAttr(name, on) }
		return c
	default:
		s, _ := v.(string)
		return newCommitEntry(s, func(s string) {
			if s == "" {
				w.setAttr(name, nil)
				return
			}
			w.setAttr(name, s)
		})
	}
}

// relationRows lists the relations the span takes part in, each with a
// button that removes it.
func (p *panel) relationRows(sp annotate.Span) []fyne.CanvasObject {
	w := p.w
	var rows []fyne.CanvasObject
	for _, r := range w.doc.Relations {
		if r.From != sp.ID && r.To != sp.ID {
			continue
		}
		otherID, arrow := r.To, "→"
		if r.To == sp.ID {
			otherID, arrow = r.From, "←"
		}
		desc := r.Type + " " + arrow + " ?"
		if other, ok := w.span(otherID); ok {
			desc = fmt.Sprintf("%s %s %s “%s”", r.Type, arrow, other.Label, preview(w.spanText(other), 40))
		}
		lbl := widget.NewLabel(desc)
		lbl.Truncation = fyne.TextTruncateEllipsis
		rel := r
		rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { w.deleteRelation(rel) })
		rows = append(rows, container.NewBorder(nil, nil, nil, rm, lbl))
	}
	return rows
}

// refreshDocLayers rebuilds the document-level layers: checkboxes for a
// multi-choice layer (frames), radio buttons for a single choice (genre).
func (p *panel) refreshDocLayers() {
	w := p.w
	key := fmt.Sprintf("%s|%v", w.doc.ID, w.doc.Labels)
	if key == p.layersFor {
		return
	}
	p.layersFor = key
	p.docLayers.Objects = nil
	if !w.hasDocument() {
		p.docLayers.Refresh()
		return
	}
	for _, l := range w.schema.Layers {
		if l.Kind != annotate.DocumentLayer {
			continue
		}
		layer := l.Name
		var names []string
		for _, lb := range l.Labels {
			names = append(names, lb.Name)
		}
		current := w.docLabels(layer)
		p.docLayers.Add(widget.NewLabelWithStyle(layer, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
		if l.Multi {
			g := widget.NewCheckGroup(names, nil)
			g.Selected = current
			g.OnChanged = func(sel []string) {
				// CheckGroup reports in click order; store the schema's order.
				ordered := slices.DeleteFunc(slices.Clone(names), func(n string) bool { return !slices.Contains(sel, n) })
				w.setDocLabels(layer, ordered)
			}
			p.docLayers.Add(g)
			continue
		}
		r := widget.NewRadioGroup(names, nil)
		r.Horizontal = len(names) <= 4
		if len(current) > 0 {
			r.Selected = current[0]
		}
		r.OnChanged = func(s string) {
			if s == "" {
				w.setDocLabels(layer, nil)
				return
			}
			w.setDocLabels(layer, []string{s})
		}
		p.docLayers.Add(r)
	}
	p.docLayers.Refresh()
}

func (p *panel) fillSpanRow(i int, row *spanRow) {
	if i >= len(p.shown) {
		return
	}
	sp := p.shown[i]
	row.swatch.FillColor = p.w.labelColor(sp.Layer, sp.Label)
	row.swatch.Refresh()
	row.label.SetText(sp.Label)
	row.text.SetText(preview(p.w.spanText(sp), 80))
	row.who.SetText(sp.Annotator)
}

// preview shortens s to at most n characters on one line.
func preview(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}

// spanRow is one row of the spans list.
type spanRow struct {
	widget.BaseWidget
	swatch           *canvas.Rectangle
	label, text, who *widget.Label
}

func newSpanRow() *spanRow {
	r := &spanRow{swatch: canvas.NewRectangle(color.Transparent),
		label: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		text:  widget.NewLabel(""), who: widget.NewLabel("")}
	r.swatch.SetMinSize(fyne.NewSquareSize(12))
	r.swatch.CornerRadius = 3
	r.text.Truncation = fyne.TextTruncateEllipsis
	r.who.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

func (r *spanRow) CreateRenderer() fyne.WidgetRenderer {
	left := container.NewHBox(container.NewCenter(r.swatch), r.label)
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, left, r.who, r.text))
}

// labelChip is a label's button: colour swatch, name, key and a line of
// description; hovering shows the whole description under the list.
type labelChip struct {
	widget.BaseWidget
	p     *panel
	ref   labelRef
	def   annotate.Label
	bg    *canvas.Rectangle
	color color.Color
}

var _ desktop.Hoverable = (*labelChip)(nil)

func newLabelChip(p *panel, layer string, lb annotate.Label) *labelChip {
	c := &labelChip{p: p, ref: labelRef{layer, lb.Name}, def: lb, bg: canvas.NewRectangle(color.Transparent)}
	c.color = p.w.labelColor(layer, lb.Name)
	c.bg.CornerRadius = theme.InputRadiusSize()
	c.ExtendBaseWidget(c)
	return c
}

func (c *labelChip) CreateRenderer() fyne.WidgetRenderer {
	swatch := canvas.NewRectangle(c.color)
	swatch.CornerRadius = 3
	swatch.SetMinSize(fyne.NewSize(14, 14))
	name := widget.NewLabelWithStyle(strings.ReplaceAll(c.def.Name, "_", " "), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	name.Truncation = fyne.TextTruncateEllipsis
	key := widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Monospace: true})
	if c.def.Key != "" {
		key.SetText("[" + strings.ToLower(c.def.Key) + "]")
	}
	lines := []fyne.CanvasObject{name}
	if c.def.Description != "" {
		desc := widget.NewLabel(c.def.Description)
		desc.SizeName = theme.SizeNameCaptionText
		desc.Truncation = fyne.TextTruncateEllipsis
		lines = append(lines, desc)
	}
	// Labels pad themselves; a negative gap keeps name and description
	// together so a long codebook stays compact.
	text := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), lines...)
	body := container.NewBorder(nil, nil, container.NewCenter(swatch), key, text)
	return widget.NewSimpleRenderer(container.NewStack(c.bg, body))
}

func (c *labelChip) Tapped(*fyne.PointEvent) { c.p.w.labelChosen(c.ref) }

func (c *labelChip) MouseIn(*desktop.MouseEvent) {
	c.bg.FillColor = theme.Color(theme.ColorNameHover)
	c.bg.Refresh()
	c.p.describe.SetText(c.def.Name + ": " + c.def.Description)
}

func (c *labelChip) MouseMoved(*desktop.MouseEvent) {}

func (c *labelChip) MouseOut() {
	c.bg.FillColor = color.Transparent
	c.bg.Refresh()
	c.p.describe.SetText("")
}

// commitEntry is a one-line entry that reports its text on Enter and when it
// loses focus, so a note or text attribute is saved without a Save button.
type commitEntry struct {
	widget.Entry
	initial  string
	onCommit func(string)
}

func newCommitEntry(text string, onCommit func(string)) *commitEntry {
	e := &commitEntry{initial: text, onCommit: onCommit}
	e.ExtendBaseWidget(e)
	e.SetText(text)
	e.OnSubmitted = func(string) { e.commit() }
	return e
}

func (e *commitEntry) commit() {
	if e.Text != e.initial {
		e.initial = e.Text
		e.onCommit(e.Text)
	}
}

func (e *commitEntry) FocusLost() {
	e.Entry.FocusLost()
	e.commit()
}
