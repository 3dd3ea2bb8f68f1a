package app

import (
	"fmt"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// spansView is the Spans tab: the open document's shown spans in reading
// order, the selected one selected. A click on a row selects its span.
type spansView struct {
	widget.BaseWidget
	s       *session
	colours *labelColours
	list    *spanList
	// count says, above the list, how many spans it lists and how many of
	// other annotators it leaves out; not in the tab's title, since a new
	// title redraws every tab (0.5–0.7 ms an edit, as much as the rest of the
	// panel), and the document list's row already counts them.
	count   *widget.Label
	content *fyne.Container

	shown   []annotate.Span // the list's rows
	listSel int             // the row selected in the list, -1 for none
	syncing bool            // set while the view itself moves the list's selection
	// inView is set while the tab is the one shown. The view follows the
	// session only then: an edit made with another tab in front (nearly
	// all) costs it nothing, and it catches up (stale) when its tab is
	// chosen.
	inView, stale bool
}

func newSpansView(s *session, colours *labelColours, act *panelActions) *spansView {
	v := &spansView{s: s, colours: colours, listSel: -1}
	v.list = &spanList{List: widget.List{
		Length:     func() int { return len(v.shown) },
		CreateItem: func() fyne.CanvasObject { return newSpanRow() },
		UpdateItem: func(i widget.ListItemID, o fyne.CanvasObject) { v.fillRow(i, o.(*spanRow)) },
	}, onRune: act.typedRune, onKey: act.typedKey}
	v.list.ExtendBaseWidget(v.list)
	v.list.OnSelected = func(i widget.ListItemID) {
		if v.syncing || i >= len(v.shown) {
			return
		}
		v.listSel = i
		v.s.selectSpan(v.shown[i].ID, true)
	}
	v.count = widget.NewLabel("")
	v.count.Wrapping = fyne.TextWrapWord
	v.count.SizeName = theme.SizeNameCaptionText
	v.content = container.NewBorder(v.count, nil, nil, nil, v.list)
	v.ExtendBaseWidget(v)
	s.subscribe(v.changed)
	return v
}

func (v *spansView) CreateRenderer() fyne.WidgetRenderer { return newViewRenderer(v, v.content) }

func (v *spansView) changed(cs []change) {
	if !v.inView {
		// the rows are taken from the session again when the tab is chosen
		for _, c := range cs {
			switch c.(type) {
			case docOpened, visibilityChanged, spanAdded, spanRemoved, spanChanged, selectionChanged:
				v.stale = true
			}
		}
		return
	}
	all, rows, sel := false, false, false
	for _, c := range cs {
		switch c := c.(type) {
		case docOpened, visibilityChanged:
			all = true
		case spanAdded:
			rows = true
			if v.s.shows(c.span) {
				v.shown = insertInOrder(v.shown, c.span)
			}
		case spanRemoved:
			rows = true
			v.remove(c.span.ID)
		case spanChanged:
			rows = true
			if v.remove(c.before.ID) {
				v.shown = insertInOrder(v.shown, c.after)
			}
		case selectionChanged:
			sel = true
		}
	}
	switch {
	case all:
		v.showAll()
	case rows:
		v.showRows()
	case sel:
		v.syncSelection(false)
	}
}

// remove drops span id's row, reporting whether it had one.
func (v *spansView) remove(id string) bool {
	i := slices.IndexFunc(v.shown, func(sp annotate.Span) bool { return sp.ID == id })
	if i < 0 {
		return false
	}
	v.shown = slices.Delete(v.shown, i, i+1)
	return true
}

// showAll takes the rows from the session.
func (v *spansView) showAll() {
	v.shown = append(v.shown[:0], v.s.shownSpans()...)
	v.showRows()
}

// showRows shows the rows (changed) and their count.
func (v *spansView) showRows() {
	if text := v.countText(); text != v.count.Text {
		v.count.SetText(text)
	}
	v.syncSelection(true)
}

// countText is the line above the list. It says how many are hidden, so
// that hidden spans are never mistaken for lost ones.
func (v *spansView) countText() string {
	var text string
	switch len(v.shown) {
	case 0:
		text = "No spans."
	case 1:
		text = "1 span."
	default:
		text = fmt.Sprintf("%d spans, in reading order.", len(v.shown))
	}
	if hidden := len(v.s.document().Spans) - len(v.shown); hidden > 0 {
		text += fmt.Sprintf(" %d by others hidden (View → Show other annotators' spans).", hidden)
	}
	return text
}

// setInView tells the view whether its tab is the one shown.
func (v *spansView) setInView(in bool) {
	v.inView = in
	if in && v.stale {
		v.stale = false
		v.showAll()
	}
}

// syncSelection selects the selected span's row. One refresh of the list's
// visible rows: Select and UnselectAll refresh when they change the
// selection, Refresh (when the rows changed) otherwise.
func (v *spansView) syncSelection(rowsChanged bool) {
	v.syncing = true
	defer func() { v.syncing = false }()
	id := v.s.selectedID()
	i := -1
	if id != "" {
		i = slices.IndexFunc(v.shown, func(sp annotate.Span) bool { return sp.ID == id })
	}
	switch {
	case i >= 0 && i != v.listSel:
		v.list.Select(i) // also scrolls the row into view
	case i < 0 && v.listSel >= 0:
		v.list.UnselectAll()
	case rowsChanged:
		v.list.Refresh()
	}
	v.listSel = i
}

// recolor repaints the rows' swatches after a theme change.
func (v *spansView) recolor() { v.list.Refresh() }

func (v *spansView) fillRow(i int, row *spanRow) {
	if i >= len(v.shown) {
		return
	}
	sp := v.shown[i]
	row.swatch.FillColor = v.colours.of(sp.Layer, sp.Label)
	row.swatch.Refresh()
	row.label.SetText(shownName(sp.Label))
	row.text.SetText(preview(v.s.spanText(sp), 80))
	row.who.SetText(sp.Annotator)
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

// insertInOrder inserts sp into spans, which are in reading order.
func insertInOrder(spans []annotate.Span, sp annotate.Span) []annotate.Span {
	i, _ := slices.BinarySearchFunc(spans, sp, annotate.CompareSpans)
	return slices.Insert(spans, i, sp)
}
