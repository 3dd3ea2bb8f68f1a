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

// panel is the right-hand pane. From the top: a line of feedback, the
// selected span's card (only while a span is selected, and kept compact),
// then tabs for the label buttons, the document-level layers and the
// document's spans, and at the foot the status with Done and Skip, which
// are always in view.
type panel struct {
	w *Workbench

	hint      *widget.Label
	labelList *fyne.Container // group headings and label chips
	chips     []*labelChip
	describe  *widget.Label // the hovered (or selected) label's definition
	hovered   *labelChip
	selection *fyne.Container
	fields    map[string]fyne.CanvasObject // the selected span's inputs by attribute name ("Label", "Note" too)
	docLayers *fyne.Container
	spans     *spanList
	tabs      *container.AppTabs
	labelsTab *container.TabItem
	docTab    *container.TabItem
	spansTab  *container.TabItem
	statusTxt *widget.Label
	done      *widget.Button
	skip      *widget.Button
	prev      *widget.Button
	next      *widget.Button

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
	p.hint.SizeName = theme.SizeNameCaptionText
	p.describe = widget.NewLabel("")
	p.describe.Wrapping = fyne.TextWrapWord
	p.describe.Truncation = fyne.TextTruncateEllipsis
	p.describe.SizeName = theme.SizeNameCaptionText
	p.labelList = container.New(layout.NewCustomPaddedVBoxLayout(0))
	p.selection = container.NewVBox()
	p.docLayers = container.NewVBox()
	p.spans = &spanList{List: widget.List{
		Length:     func() int { return len(p.shown) },
		CreateItem: func() fyne.CanvasObject { return newSpanRow() },
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) { p.fillSpanRow(i, o.(*spanRow)) },
	}, onRune: w.typedRune, onKey: w.typedKey}
	p.spans.ExtendBaseWidget(p.spans)
	p.spans.OnSelected = func(i widget.ListItemID) {
		if p.syncing || i >= len(p.shown) {
			return
		}
		p.listSel = i
		p.w.selectSpan(p.shown[i].ID, true)
	}
	p.statusTxt = widget.NewLabel("")
	p.done = widget.NewButtonWithIcon("Done", theme.ConfirmIcon(), func() { w.runCommand(cmdDone) })
	p.done.Importance = widget.HighImportance
	p.skip = widget.NewButtonWithIcon("Skip", theme.MediaSkipNextIcon(), func() { w.runCommand(cmdSkip) })
	return p
}

// content lays the panel out. The tabs take whatever height the card leaves;
// the label list scrolls within its tab.
func (p *panel) content() fyne.CanvasObject {
	p.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.w.runCommand(cmdPrevious) })
	p.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.w.runCommand(cmdNext) })
	status := container.NewVBox(
		widget.NewSeparator(),
		container.NewBorder(nil, nil, p.statusTxt, container.NewHBox(p.prev, p.next)),
		container.NewGridWithColumns(2, p.done, p.skip),
	)
	// The definition line has a fixed height (three caption lines): a
	// footer that grew on hover would move the chips under the pointer.
	lines := float32(2)
	descBox := container.NewStack(fixedHeight(lines*captionLineHeight()+2*theme.InnerPadding()), p.describe)
	labels := container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), descBox), nil, nil,
		container.NewVScroll(p.labelList))
	p.labelsTab = container.NewTabItem("Labels", labels)
	p.docTab = container.NewTabItem("Document", container.NewVScroll(p.docLayers))
	p.spansTab = container.NewTabItem("Spans", p.spans)
	p.tabs = container.NewAppTabs(p.labelsTab, p.docTab, p.spansTab)
	top := container.NewVBox(p.hint, p.selection)
	p.root = container.NewBorder(top, status, nil, nil, p.tabs)
	return p.root
}

// captionLineHeight is the height of one line of caption text.
func captionLineHeight() float32 {
	return fyne.MeasureText("Ag", theme.CaptionTextSize(), fyne.TextStyle{}).Height
}

// fixedHeight is an invisible object that holds a container open to h.
func fixedHeight(h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return r
}

func (p *panel) setHint(s string) { p.hint.SetText(s) }

// setSchema builds the label buttons: one compact row per label under a
// small heading per span layer, or per group within a layer whose labels are
// grouped (the 23 techniques in six families), so a long codebook is one
// scrolling list read top to bottom.
func (p *panel) setSchema(s annotate.Schema) {
	p.labelList.Objects = nil
	p.chips = nil
	p.hovered = nil
	for _, l := range s.Layers {
		if l.Kind != annotate.SpanLayer {
			continue
		}
		var groups []string
		byGroup := map[string][]*labelChip{}
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
			p.labelList.Add(newGroupHeading(title))
			for _, c := range byGroup[g] {
				p.labelList.Add(c)
				p.chips = append(p.chips, c)
			}
		}
	}
	p.labelList.Refresh()
	p.editorFor, p.layersFor = "", ""
	p.showDefinition()
}

// recolor repaints the label swatches after a theme change.
func (p *panel) recolor() {
	for _, c := range p.chips {
		c.color = p.w.labelColor(c.ref.layer, c.ref.label)
		c.Refresh()
	}
	p.editorFor = ""
	p.spans.Refresh()
}

// showDefinition fills the definition line: the hovered label's, else the
// selected span's label's, else a pointer to where definitions are.
func (p *panel) showDefinition() {
	if c := p.hovered; c != nil {
		p.describe.SetText(definition(c.def))
		return
	}
	if sp, ok := p.w.span(p.w.selected); ok {
		if lb, ok := p.w.labelDef(sp.Layer, sp.Label); ok {
			p.describe.SetText(definition(*lb))
			return
		}
	}
	p.describe.SetText("Point at a label to read its definition; Project → Guidelines has the whole codebook.")
}

func definition(lb annotate.Label) string {
	name := shownName(lb.Name)
	if lb.Description == "" {
		return name + ": no definition in the schema."
	}
	return name + ": " + lb.Description
}

// refresh brings the panel in line with the workbench's state.
func (p *panel) refresh() {
	w := p.w
	p.shown = append(p.shown[:0], w.shownSpans()...)
	p.spansTab.Text = fmt.Sprintf("Spans (%d)", len(p.shown))
	if hidden := len(w.doc.Spans) - len(p.shown); hidden > 0 {
		// say so, so that hidden spans are never mistaken for lost ones
		p.spansTab.Text = fmt.Sprintf("Spans (%d, %d by others hidden)", len(p.shown), hidden)
	}
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
		p.statusTxt.SetText("No document open")
	}
	for b, on := range map[*widget.Button]bool{p.done: w.canRun(cmdDone), p.skip: w.canRun(cmdSkip),
		p.prev: w.hasDocument(), p.next: w.hasDocument()} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	p.tabs.Refresh()
}

func statusText(s annotate.Status) string { return strings.ReplaceAll(string(s), "_", " ") }

// shownName is how a label is shown: PTC's "Name_Calling,Labeling" reads
// "Name Calling, Labeling". Annotations keep the schema's name.
func shownName(name string) string {
	name = strings.ReplaceAll(name, "_", " ")
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		b.WriteRune(r)
		if r == ',' && i+1 < len(rs) && rs[i+1] != ' ' {
			b.WriteRune(' ')
		}
	}
	return b.String()
}

// refreshSelection rebuilds the selected span's card when the span or its
// contents changed (rebuilding an unchanged card would steal focus from
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
	p.showDefinition()
	p.fields = map[string]fyne.CanvasObject{}
	if !ok {
		p.selection.Objects = nil
		p.selection.Refresh()
		return
	}
	p.selection.Objects = p.editor(sp)
	p.selection.Refresh()
}

// editor is the card for one span: its text, its label with Link and
// Delete beside it, the attributes two to a row, the note, its relations.
func (p *panel) editor(sp annotate.Span) []fyne.CanvasObject {
	w := p.w
	layer, _ := w.schema.Layer(sp.Layer)
	swatch := canvas.NewRectangle(w.labelColor(sp.Layer, sp.Label))
	swatch.SetMinSize(fyne.NewSize(4, 0))
	quote := widget.NewLabel("“" + preview(w.spanText(sp), 140) + "”")
	quote.Wrapping = fyne.TextWrapWord
	quote.SizeName = theme.SizeNameCaptionText
	head := container.NewBorder(nil, nil, swatch, nil, quote)

	// Shown as the Labels tab shows them; stored by name.
	var options []string
	nameOf := map[string]string{}
	if layer != nil {
		for _, lb := range layer.Labels {
			options = append(options, shownName(lb.Name))
			nameOf[shownName(lb.Name)] = lb.Name
		}
	}
	labelSel := widget.NewSelect(options, nil)
	labelSel.Selected = shownName(sp.Label)
	labelSel.OnChanged = func(s string) {
		w.relabel(sp, nameOf[s])
		w.win.Canvas().Unfocus() // label keys work again at once
	}
	p.fields["Label"] = labelSel

	del := widget.NewButtonWithIcon("", theme.DeleteIcon(), w.deleteSelected)
	del.Importance = widget.DangerImportance
	link := widget.NewButtonWithIcon("Link", theme.ContentAddIcon(), w.startLink)
	if len(w.relationTypesOf(sp.Layer)) == 0 {
		link.Disable()
	}
	labelRow := container.NewBorder(nil, nil, nil, container.NewHBox(link, del), labelSel)
	objs := []fyne.CanvasObject{head, labelRow}

	// Short inputs (choices, yes/no, multi-choice buttons) two to a row
	// under a small caption; text inputs take a whole row.
	var cells, rows []fyne.CanvasObject
	if layer != nil {
		for _, def := range layer.Attributes {
			f := p.attrField(def, sp.Attrs[def.Name])
			p.fields[def.Name] = f
			if def.Kind == annotate.AttrText {
				rows = append(rows, captioned(def.Name, f))
				continue
			}
			cells = append(cells, captioned(def.Name, f))
		}
	}
	if len(cells) > 0 {
		objs = append(objs, container.NewGridWithColumns(2, cells...))
	}
	objs = append(objs, rows...)
	note := newCommitEntry(sp.Note, w.setNote)
	note.SetPlaceHolder("Note (Enter saves)")
	p.fields["Note"] = note
	objs = append(objs, note)
	objs = append(objs, p.relationRows(sp)...)
	return objs
}

// captioned puts a small caption above an input.
func captioned(name string, input fyne.CanvasObject) fyne.CanvasObject {
	t := canvas.NewText(name, theme.Color(theme.ColorNamePlaceHolder))
	t.TextSize = theme.CaptionTextSize()
	pad := theme.InnerPadding()
	return container.New(layout.NewCustomPaddedVBoxLayout(0),
		container.New(layout.NewCustomPaddedLayout(2, 0, pad, pad), t), input)
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
			defer w.win.Canvas().Unfocus() // label keys work again at once
			if s == unset {
				w.setAttr(name, nil)
				return
			}
			w.setAttr(name, s)
		}
		return sel
	case annotate.AttrMulti:
		chosen, _ := v.([]string)
		return newMultiButton(p.w, def.Values, chosen, func(next []string) {
			if len(next) == 0 {
				w.setAttr(name, nil)
				return
			}
			w.setAttr(name, next)
		})
	case annotate.AttrBool:
		c := widget.NewCheck("yes", nil)
		c.Checked, _ = v.(bool)
		c.OnChanged = func(on bool) {
			w.setAttr(name, on)
			w.win.Canvas().Unfocus()
		}
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
			desc = fmt.Sprintf("%s %s %s “%s”", r.Type, arrow, shownName(other.Label), preview(w.spanText(other), 40))
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
	set := 0
	if !w.hasDocument() {
		p.docLayers.Add(widget.NewLabel("No document is open."))
	}
	for _, l := range w.schema.Layers {
		if l.Kind != annotate.DocumentLayer || !w.hasDocument() {
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
		current := w.docLabels(layer)
		set += len(current)
		var currentShown []string
		for _, n := range current {
			currentShown = append(currentShown, shownName(n))
		}
		head := layer
		if l.Description != "" {
			head += " — " + l.Description
		}
		title := widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		title.SizeName = theme.SizeNameCaptionText
		p.docLayers.Add(title)
		if l.Multi {
			g := widget.NewCheckGroup(shown, nil)
			g.Selected = currentShown
			g.OnChanged = func(sel []string) {
				// CheckGroup reports in click order; store the schema's order.
				var names []string
				for _, d := range shown {
					if slices.Contains(sel, d) {
						names = append(names, nameOf[d])
					}
				}
				w.setDocLabels(layer, names)
				w.win.Canvas().Unfocus() // label keys work again at once
			}
			p.docLayers.Add(g)
			continue
		}
		r := widget.NewRadioGroup(shown, nil)
		r.Horizontal = len(shown) <= 4
		if len(currentShown) > 0 {
			r.Selected = currentShown[0]
		}
		r.OnChanged = func(s string) {
			defer w.win.Canvas().Unfocus()
			if s == "" {
				w.setDocLabels(layer, nil)
				return
			}
			w.setDocLabels(layer, []string{nameOf[s]})
		}
		p.docLayers.Add(r)
	}
	if w.hasDocument() && len(p.docLayers.Objects) == 0 {
		p.docLayers.Add(widget.NewLabel("This schema has no document-level layers."))
	}
	p.docTab.Text = fmt.Sprintf("Document (%d)", set)
	p.docLayers.Refresh()
}

func (p *panel) fillSpanRow(i int, row *spanRow) {
	if i >= len(p.shown) {
		return
	}
	sp := p.shown[i]
	row.swatch.FillColor = p.w.labelColor(sp.Layer, sp.Label)
	row.swatch.Refresh()
	row.label.SetText(shownName(sp.Label))
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

// spanList is the spans list. A click on a row gives it the keyboard (for
// the arrow keys); the keys it has no use for (a label's key, L, Delete,
// Escape) go on to the workbench, so the span just picked can be linked or
// deleted without a click in the article first.
type spanList struct {
	widget.List
	onRune func(rune)
	onKey  func(*fyne.KeyEvent)
}

func (l *spanList) TypedRune(r rune) { l.onRune(r) }

func (l *spanList) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyUp, fyne.KeyDown, fyne.KeySpace:
		l.List.TypedKey(k)
	default:
		l.onKey(k)
	}
}

// spanRow is one row of the spans list: swatch, label, text, annotator.
// The label column has one width on every row, so the texts line up.
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
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.label.SizeName = theme.SizeNameCaptionText
	r.text.Truncation = fyne.TextTruncateEllipsis
	r.who.SizeName = theme.SizeNameCaptionText
	r.ExtendBaseWidget(r)
	return r
}

func (r *spanRow) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.New(spanRowLayout{}, r.swatch, r.label, r.text, r.who))
}

// spanRowLayout places swatch, label (a third of the width at most), text
// and annotator in one line.
type spanRowLayout struct{}

func (spanRowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(120, h)
}

func (spanRowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	swatch, label, text, who := objs[0], objs[1], objs[2], objs[3]
	pad := theme.Padding()
	sw := swatch.MinSize()
	swatch.Resize(sw)
	swatch.Move(fyne.NewPos(pad, (size.Height-sw.Height)/2))
	x := pad + sw.Width
	whoW := who.MinSize().Width
	labelW := min(size.Width/3, 150)
	lh := label.MinSize().Height
	label.Resize(fyne.NewSize(labelW, lh))
	label.Move(fyne.NewPos(x, (size.Height-lh)/2))
	x += labelW
	text.Resize(fyne.NewSize(max(size.Width-x-whoW, 0), size.Height))
	text.Move(fyne.NewPos(x, 0))
	wh := who.MinSize().Height
	who.Resize(fyne.NewSize(whoW, wh))
	who.Move(fyne.NewPos(size.Width-whoW, (size.Height-wh)/2))
}

// newGroupHeading is a small heading over a layer's (or a group's) labels.
func newGroupHeading(title string) fyne.CanvasObject {
	t := canvas.NewText(title, theme.Color(theme.ColorNamePlaceHolder))
	t.TextSize = theme.CaptionTextSize()
	t.TextStyle = fyne.TextStyle{Bold: true}
	pad := theme.InnerPadding()
	return container.New(layout.NewCustomPaddedLayout(pad, 2, pad/2, 0), t)
}

// labelChip is a label's button in one line: colour swatch, name, the start
// of its definition, and its key. Pointing at it shows the whole definition
// under the list.
type labelChip struct {
	widget.BaseWidget
	p     *panel
	ref   labelRef
	def   annotate.Label
	color color.Color
	hover bool
}

var _ desktop.Hoverable = (*labelChip)(nil)

func newLabelChip(p *panel, layer string, lb annotate.Label) *labelChip {
	c := &labelChip{p: p, ref: labelRef{layer, lb.Name}, def: lb}
	c.color = p.w.labelColor(layer, lb.Name)
	c.ExtendBaseWidget(c)
	return c
}

func (c *labelChip) CreateRenderer() fyne.WidgetRenderer {
	r := &chipRenderer{c: c, bg: canvas.NewRectangle(color.Transparent), swatch: canvas.NewRectangle(c.color),
		name: canvas.NewText("", color.Black), desc: canvas.NewText("", color.Black), key: canvas.NewText("", color.Black)}
	r.swatch.CornerRadius = 3
	r.key.TextStyle = fyne.TextStyle{Monospace: true}
	r.Refresh()
	return r
}

func (c *labelChip) Tapped(*fyne.PointEvent) { c.p.w.labelChosen(c.ref) }

func (c *labelChip) MouseIn(*desktop.MouseEvent) {
	c.hover = true
	c.p.hovered = c
	c.p.showDefinition()
	c.Refresh()
}

func (c *labelChip) MouseMoved(*desktop.MouseEvent) {}

func (c *labelChip) MouseOut() {
	c.hover = false
	if c.p.hovered == c {
		c.p.hovered = nil
	}
	c.p.showDefinition()
	c.Refresh()
}

// chipRenderer draws a chip with bare canvas texts: a widget.Label's own
// padding would make every row half as tall again, and the point of the list
// is to show many labels at once.
type chipRenderer struct {
	c               *labelChip
	bg, swatch      *canvas.Rectangle
	name, desc, key *canvas.Text
	descFull        string
}

func (r *chipRenderer) Destroy() {}

func (r *chipRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.swatch, r.name, r.desc, r.key}
}

func (r *chipRenderer) MinSize() fyne.Size {
	h := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	return fyne.NewSize(100, h+6)
}

// Layout: key, swatch, name, then as much of the definition as fits. The
// key comes first, in a column of its own, so a list of keys reads down the
// left edge and no scroll bar covers it.
func (r *chipRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	inner := theme.InnerPadding()
	r.bg.Resize(size)
	mid := func(h float32) float32 { return (size.Height - h) / 2 }
	x := inner / 2
	keyW := fyne.MeasureText("m", r.key.TextSize, r.key.TextStyle).Width
	ks := r.key.MinSize()
	r.key.Move(fyne.NewPos(x, mid(ks.Height)))
	r.key.Resize(ks)
	x += keyW + inner/2
	sw := float32(12)
	r.swatch.Resize(fyne.NewSquareSize(sw))
	r.swatch.Move(fyne.NewPos(x, mid(sw)))
	x += sw + inner/2
	// keep clear of the list's scroll bar
	right := size.Width - theme.ScrollBarSize()
	ns := r.name.MinSize()
	r.name.Move(fyne.NewPos(x, mid(ns.Height)))
	r.name.Resize(fyne.NewSize(min(ns.Width, right-x), ns.Height))
	x += ns.Width + 2*pad
	r.desc.Text = fitText(r.descFull, right-x, r.desc.TextSize)
	ds := r.desc.MinSize()
	r.desc.Move(fyne.NewPos(x, mid(ds.Height)+1))
	r.desc.Resize(ds)
	r.desc.Hidden = right-x < 40
}

func (r *chipRenderer) Refresh() {
	c := r.c
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.bg.FillColor = color.Transparent
	if c.hover {
		r.bg.FillColor = theme.Color(theme.ColorNameHover)
	}
	r.swatch.FillColor = c.color
	r.name.Text = shownName(c.def.Name)
	r.name.Color = theme.Color(theme.ColorNameForeground)
	r.name.TextSize = theme.TextSize()
	r.descFull = c.def.Description
	r.desc.Color = theme.Color(theme.ColorNamePlaceHolder)
	r.desc.TextSize = theme.CaptionTextSize()
	r.key.Text = ""
	if c.def.Key != "" {
		r.key.Text = strings.ToLower(c.def.Key)
	}
	r.key.Color = theme.Color(theme.ColorNamePrimary)
	r.key.TextSize = theme.TextSize()
	r.key.TextStyle = fyne.TextStyle{Monospace: true}
	r.Layout(c.Size())
	canvas.Refresh(c)
}

// fitText cuts s (with an ellipsis) to fit width at size.
func fitText(s string, width, size float32) string {
	if width <= 0 {
		return ""
	}
	measure := func(t string) float32 { return fyne.MeasureText(t, size, fyne.TextStyle{}).Width }
	if measure(s) <= width {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r)
	for lo < hi { // the longest prefix that fits with the ellipsis
		mid := (lo + hi + 1) / 2
		if measure(string(r[:mid])+"…") <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	if lo == 0 {
		return ""
	}
	return strings.TrimRight(string(r[:lo]), " ,;:") + "…"
}

// multiButton shows a multi-choice attribute's chosen values in one line;
// a click opens the choices as check boxes in a pop-up.
func newMultiButton(w *Workbench, values, chosen []string, onChange func([]string)) *widget.Button {
	summary := func(sel []string) string {
		if len(sel) == 0 {
			return "—"
		}
		return strings.Join(sel, ", ")
	}
	b := widget.NewButton(summary(chosen), nil)
	b.Alignment = widget.ButtonAlignLeading
	b.OnTapped = func() {
		c := w.win.Canvas()
		current := slices.Clone(chosen)
		g := widget.NewCheckGroup(values, nil)
		g.Selected = current
		g.OnChanged = func(sel []string) {
			// CheckGroup reports in click order; keep the schema's, so equal
			// sets compare equal.
			current = slices.DeleteFunc(slices.Clone(values), func(v string) bool { return !slices.Contains(sel, v) })
			b.SetText(summary(current))
			onChange(current)
			c.Unfocus() // Escape, on the window, closes the pop-up
		}
		pop := widget.NewPopUp(container.NewVScroll(g), c)
		at := fyne.CurrentApp().Driver().AbsolutePositionForObject(b)
		size := fyne.NewSize(max(b.Size().Width, 220), min(g.MinSize().Height+theme.Padding()*2, c.Size().Height*0.6))
		at.Y = min(at.Y+b.Size().Height, c.Size().Height-size.Height)
		at.X = min(at.X, c.Size().Width-size.Width)
		pop.ShowAtPosition(at)
		pop.Resize(size)
		w.escapable(pop, pop.Hide)
	}
	return b
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
	e.OnSubmitted = func(string) {
		e.commit()
		e.release()
	}
	return e
}

func (e *commitEntry) commit() {
	if e.Text != e.initial {
		e.initial = e.Text
		e.onCommit(e.Text)
	}
}

// TypedKey makes Escape give up the typing: the text goes back to what is
// saved and the keys go back to the article.
func (e *commitEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.SetText(e.initial)
		e.release()
		return
	}
	e.Entry.TypedKey(k)
}

// release gives the keyboard back to the window, so label keys work again.
func (e *commitEntry) release() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil && c.Focused() == fyne.Focusable(e) {
		c.Unfocus()
	}
}

func (e *commitEntry) FocusLost() {
	e.Entry.FocusLost()
	e.commit()
}
