// Package articleview is frametag's article widget: it lays out the text
// itself (Fyne's text widgets give no selection offsets), maps the pointer to
// code-point offsets, and draws spans as coloured bars in lanes under the
// lines so that overlapping and nested spans all stay visible and clickable.
//
// Mouse: drag selects, snapping outward to whole words (UAX #29); Alt+drag
// selects exact characters; Ctrl+drag, while a highlight is selected, adds
// the dragged range to it as a new fragment (Ctrl+Alt+drag: exact characters).
// A click acts at once, on release: on a span it reports the innermost span
// there, and slower repeated clicks at the same spot cycle through the
// others; a second click within the double-click time extends to the word
// under it (selects the word). The view does not implement
// fyne.DoubleTappable on purpose: Fyne would hold every single click for
// its double-tap window (300 ms) to see whether a second one follows.
// Keyboard: Shift+Left/Right extend the selection by a character,
// Shift+Ctrl+Left/Right by a word, Escape clears it; Up/Down/PageUp/PageDown
// scroll. Every other key goes to OnTypedRune/OnTypedKey.
package articleview

import (
	"image/color"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// Highlight is one span as the view draws it.
type Highlight struct {
	ID        string
	Fragments []annotate.Fragment // code points, end exclusive
	Color     color.Color
	Label     string // shown while the pointer is over the span
	// Detail follows the label while the pointer is over the span (a
	// suggestion's source and a model's justification); "" for none.
	Detail string
	Style  Style
	// Owner names who made the span when it is someone else's
	// (StyleOther); the hover label says so ("Doubt · bob's").
	Owner string
}

// Style is how a highlight is drawn, so that what it is can be told at a
// glance: each kind of span a window shows adds its style here, one enum,
// and render.go draws each differently. The zero value is the annotator's
// own span.
type Style uint8

const (
	// StyleOwn is a span the annotator made: a solid bar (or, with names
	// shown, a tinted bar with a solid underline and the name).
	StyleOwn Style = iota
	// StyleSuggestion is a suggestion not yet accepted (a ghost span): a
	// dashed bar, or with names shown an outlined, barely tinted box with
	// the name and confidence in italics; never filled like a span.
	StyleSuggestion
	// StyleOther is another annotator's span, which the reader may read and
	// copy but not change: a hollow bar (an outline round a pale tint), or
	// with names shown a paler tint with a dashed underline; its links are
	// fainter arcs with the type in italics.
	StyleOther
)

// Link is a relation between two highlight ids; Type is its name as shown
// ("attributed to"); Style and Owner as a Highlight's (StyleOwn or
// StyleOther).
type Link struct {
	ID, From, To, Type string
	Style              Style
	Owner              string
}

// other is the id at the far end of l from id.
func (l Link) other(id string) string {
	if l.From == id {
		return l.To
	}
	return l.From
}

// Modifiers of the pointer gestures (see the package comment).
const (
	ExactModifier = fyne.KeyModifierAlt
	AddModifier   = fyne.KeyModifierControl
)

// maxColumnChars caps the text column at a comfortable reading width.
const maxColumnChars = 75

// View shows one article with its highlights.
type View struct {
	widget.BaseWidget

	// OnSelectionChanged is called after a drag, double-click or Shift+arrow;
	// start == end means the selection was cleared.
	OnSelectionChanged func(start, end int)
	// OnHighlightTapped is called on a click on a span; a click on plain text
	// calls it with "" so the caller can deselect.
	OnHighlightTapped func(id string)
	// OnAddFragment is called after a Ctrl+drag while a highlight is selected.
	OnAddFragment func(id string, f annotate.Fragment)
	// OnEdgeDragged is called when a handle at the selected highlight's
	// start (start) or end has been dragged to cp (handles.go).
	OnEdgeDragged func(id string, start bool, cp int)
	// OnMoveKey, when set, is offered Shift+Left/Right (with Ctrl and Alt
	// as held) while no text is selected, before the view starts a
	// selection with it; it returns true when it used the key (the caller
	// moves the selected span's ends with it).
	OnMoveKey func(key fyne.KeyName, mods fyne.KeyModifier) bool
	// OnTab, when set, is Tab (back: Shift+Tab) while the view has the
	// keyboard; it reports whether it used the key. While it is set the
	// view keeps Tab from moving the focus (fyne.Tabbable).
	OnTab func(back bool) bool
	// OnTypedRune and OnTypedKey receive the keys the view does not use.
	OnTypedRune func(r rune)
	OnTypedKey  func(ev *fyne.KeyEvent)

	doc        *document
	textSize   float32
	widths     map[string]float32 // MeasureText cache at textSize
	nameWidths map[string]float32 // MeasureText cache at nameSize
	metricW    float32            // the view width the metrics were made for

	// showNames writes label names on the span bars; showRelations draws
	// every relation as an arc in a band above each line.
	showNames, showRelations bool

	// pointer is the last pointer position over the view (pointerIn while
	// it is there); anchor, when set, is a code point and the view y its
	// line had before highlights changed: the next paint scrolls so that
	// it is there again (the text under the pointer stays still).
	pointer   fyne.Position
	pointerIn bool
	anchor    *anchor

	sel    selection
	caret  int
	chosen string // the selected highlight
	hover  string
	// hoverAlso are the other highlights under the pointer, innermost first,
	// so the hover label can name every span of a stack.
	hoverAlso []string

	// found are the find hits tinted in the text, in reading order.
	found []annotate.Fragment

	offsetY float32
	focused bool             // draws the caret
	mods    fyne.KeyModifier // held modifier keys, from KeyDown/KeyUp

	press      *pressState
	drag       *dragState
	edgeDrag   *edgeDragState // a handle of the selected highlight is being dragged
	overHandle bool           // the pointer is on a handle
	lastTapCP  int
	lastTapID  string
	lastClick  click
	now        func() time.Time // the clock double-clicks are timed by
	structGen  int              // bumped when the document is replaced
	scrollGrip bool             // the press began on the scrollbar
}

type anchor struct {
	cp int
	y  float32
}

type selection struct {
	anchor, focus int
	exact         bool
	active        bool
}

// click is the last single click, for telling a double-click.
type click struct {
	at    time.Time
	pos   fyne.Position
	valid bool
}

// doubleClickSlop is how far (in pixels) a second click may land from the
// first and still make a double-click.
const doubleClickSlop = 4

type pressState struct {
	anchor int // the offset under the press, taken before any autoscroll
	mods   fyne.KeyModifier
}

type dragState struct {
	anchor int
	mods   fyne.KeyModifier
}

// New returns an empty view.
func New() *View {
	v := &View{textSize: theme.TextSize(), widths: map[string]float32{}, nameWidths: map[string]float32{}, now: time.Now}
	v.ExtendBaseWidget(v)
	v.doc = newDocument("", v.metrics(), v.measure, v.avgChar())
	return v
}

// --- document and highlights ---

// SetDocument shows text with its highlights and links; the selection,
// the selected highlight and the scroll position are reset. hs and links
// are kept without copying (opening must not cost per span): do not modify
// their elements afterwards; use AddHighlight and friends, and SetLinks.
func (v *View) SetDocument(text string, hs []Highlight, links []Link) {
	v.doc = newDocument(text, v.metrics(), v.measure, v.avgChar())
	v.doc.setHighlights(hs, links)
	v.sel = selection{}
	v.caret, v.chosen, v.hover, v.offsetY = 0, "", "", 0
	v.hoverAlso = nil
	v.press, v.drag = nil, nil
	v.anchor = nil
	v.structGen++
	v.changed()
}

// AddHighlight adds h (or replaces the highlight with its id); only the rows it
// touches are laid out again.
func (v *View) AddHighlight(h Highlight) {
	v.relayout(v.doc.add(h))
}

// UpdateHighlight replaces the highlight with h's id.
func (v *View) UpdateHighlight(h Highlight) {
	old := v.doc.remove(h.ID)
	v.relayout(append(old, v.doc.add(h)...))
}

// RemoveHighlight removes the highlight with id.
func (v *View) RemoveHighlight(id string) {
	if v.chosen == id {
		v.chosen = ""
	}
	if v.hover == id {
		v.hover, v.hoverAlso = "", nil
	}
	if i := slices.Index(v.hoverAlso, id); i >= 0 {
		v.hoverAlso = slices.Delete(slices.Clone(v.hoverAlso), i, i+1)
	}
	v.relayout(v.doc.remove(id))
}

// HighlightOf returns the highlight with id as the view draws it.
func (v *View) HighlightOf(id string) (Highlight, bool) { return v.doc.highlight(id) }

// RecolorHighlights gives every highlight the colour color returns for it
// (after a theme change) and repaints.
func (v *View) RecolorHighlights(color func(Highlight) color.Color) {
	// a copy: the slice given to SetDocument is never written to
	hs := slices.Clone(v.doc.hs)
	for k := range hs {
		if !v.doc.isDead(k) {
			hs[k].Color = color(hs[k])
		}
	}
	v.doc.hs = hs
	v.structGen++
	v.changed()
}

// SetLinks replaces the relations drawn between highlights; links is kept
// without copying, as by SetDocument.
func (v *View) SetLinks(links []Link) {
	v.doc.setLinks(links)
	v.changed()
}

func (v *View) relayout(rows []int) {
	if len(rows) > 0 && v.anchor == nil && v.Size().Height > 0 {
		v.anchor = v.stillPoint()
	}
	for _, r := range rows {
		v.doc.invalidate(r)
	}
	v.changed()
}

// stillPoint is the text that must not move when lines change height: the
// line under the pointer, else the line at the top of the view.
func (v *View) stillPoint() *anchor {
	p := fyne.NewPos(0, v.padding())
	if v.pointerIn {
		p = v.pointer
	}
	cp := v.offsetAt(p)
	return &anchor{cp: cp, y: v.PositionOf(cp).Y}
}

// keepAnchor scrolls so that the anchored text is back where it was; the
// renderer calls it once the rows in view are laid out again. It reports
// whether the view scrolled.
func (v *View) keepAnchor() bool {
	a := v.anchor
	v.anchor = nil
	if a == nil {
		return false
	}
	old := v.offsetY
	v.offsetY += v.PositionOf(a.cp).Y - a.y
	v.clampOffset()
	return v.offsetY != old
}

func (v *View) changed() {
	v.Refresh()
}

// SetFound tints the stretches (find hits, in reading order, not
// overlapping) behind the text; nil removes the tints.
func (v *View) SetFound(hits []annotate.Fragment) {
	v.found = slices.Clone(hits)
	v.changed()
}

// --- selection ---

// Selection returns the selected code points; ok is false when nothing is
// selected.
func (v *View) Selection() (start, end int, ok bool) {
	s, e := v.selRange()
	return s, e, s < e
}

func (v *View) selRange() (int, int) {
	if !v.sel.active {
		return 0, 0
	}
	s, e := min(v.sel.anchor, v.sel.focus), max(v.sel.anchor, v.sel.focus)
	if !v.sel.exact {
		s, e = v.doc.snapToWords(s, e)
	}
	return s, e
}

// SetSelection selects [start, end) exactly (clamped to the text and to
// grapheme boundaries).
func (v *View) SetSelection(start, end int) {
	s := v.doc.clampToGraphemes(min(start, end))
	e := v.doc.clampToGraphemes(max(start, end))
	v.sel = selection{anchor: s, focus: e, exact: true, active: s < e}
	v.caret = e
	v.changed()
}

// ClearSelection removes the selection.
func (v *View) ClearSelection() {
	v.sel = selection{}
	v.changed()
}

// SelectHighlight marks the highlight as selected (drawn emphasised, its
// linked spans outlined) and scrolls it into view; "" deselects.
func (v *View) SelectHighlight(id string) {
	v.chosen = ""
	if h, ok := v.doc.highlight(id); ok {
		v.chosen = id
		if len(h.Fragments) > 0 {
			v.revealOffset(h.Fragments[0].Start)
		}
	}
	v.changed()
}

// SelectedHighlight is the selected highlight's id, or "".
func (v *View) SelectedHighlight() string { return v.chosen }

// ScrollToOffset scrolls so that code point cp is in view.
func (v *View) ScrollToOffset(cp int) {
	v.revealOffset(cp)
	v.changed()
}

// SetShowNames writes (or stops writing) label names on the span bars,
// abbreviated when a bar is short; the lanes grow to hold them.
func (v *View) SetShowNames(on bool) {
	if on == v.showNames {
		return
	}
	v.showNames = on
	v.relayoutAll()
}

// SetShowRelations draws every relation as an arc above the lines, with its
// type named (on), or only the selected or hovered span's links (off).
func (v *View) SetShowRelations(on bool) {
	if on == v.showRelations {
		return
	}
	v.showRelations = on
	v.relayoutAll()
}

// ShowsNames and ShowsRelations report the two settings.
func (v *View) ShowsNames() bool     { return v.showNames }
func (v *View) ShowsRelations() bool { return v.showRelations }

// relayoutAll lays everything out again with new metrics, keeping the line
// at the top of the view at the top.
func (v *View) relayoutAll() {
	anchor := v.topOffset()
	v.metricW = -1
	v.updateMetrics()
	v.scrollTo(anchor, 0)
	v.structGen++
	v.changed()
}

// SetTextSize changes the font size and lays everything out again.
func (v *View) SetTextSize(size float32) {
	if size <= 0 || size == v.textSize {
		return
	}
	anchor := v.topOffset()
	v.textSize = size
	v.widths = map[string]float32{}
	v.nameWidths = map[string]float32{}
	v.metricW = -1
	v.updateMetrics()
	v.scrollTo(anchor, 0)
	v.changed()
}

// --- geometry ---

func (v *View) measure(s string) float32 {
	if w, ok := v.widths[s]; ok {
		return w
	}
	w := fyne.MeasureText(s, v.textSize, fyne.TextStyle{}).Width
	v.widths[s] = w
	return w
}

// nameSize is the text size of label names on bars and relation types.
func (v *View) nameSize() float32 { return max(8, float32(int(v.textSize*0.62+0.5))) }

// measureName measures s at nameSize.
func (v *View) measureName(s string) float32 {
	if w, ok := v.nameWidths[s]; ok {
		return w
	}
	w := fyne.MeasureText(s, v.nameSize(), fyne.TextStyle{}).Width
	v.nameWidths[s] = w
	return w
}

func (v *View) avgChar() float32 {
	const sample = "The quick brown fox jumps over the lazy dog, and then some."
	return v.measure(sample) / float32(len(sample))
}

func (v *View) padding() float32 { return v.textSize * 1.5 }

func (v *View) scrollbarWidth() float32 { return theme.ScrollBarSmallSize() * 2 }

// columnWidth is the text column's width for a view of width w.
func (v *View) columnWidth(w float32) float32 {
	avail := w - 2*v.padding() - v.scrollbarWidth()
	return max(min(avail, maxColumnChars*v.avgChar()), v.textSize*4)
}

func (v *View) columnX() float32 {
	w := v.Size().Width - v.scrollbarWidth()
	return max(v.padding(), (w-v.columnWidth(v.Size().Width))/2)
}

func (v *View) metrics() Metrics {
	th := fyne.MeasureText("Mg", v.textSize, fyne.TextStyle{}).Height
	nh := float32(int(fyne.MeasureText("Mg", v.nameSize(), fyne.TextStyle{}).Height + 0.5))
	bar := max(3, float32(int(v.textSize*0.22+0.5)))
	gap := max(2, float32(int(v.textSize*0.12+0.5)))
	// two thin lanes, or one lane tall enough for a name, are kept on every
	// line (Metrics.ReserveLanes)
	reserve := 2
	if v.showNames {
		bar, gap, reserve = nh, 2, 1
	}
	m := Metrics{
		Width:        v.columnWidth(v.Size().Width),
		TextHeight:   th,
		LineHeight:   float32(int(th*1.45 + 0.5)),
		LaneHeight:   bar + gap,
		BarHeight:    bar,
		RowGap:       float32(int(th*0.3 + 0.5)),
		EmptyRow:     float32(int(th*0.5 + 0.5)),
		TabWidth:     4 * v.measure(" "),
		ReserveLanes: reserve,
	}
	if v.showRelations {
		m.ArcBand = nh + 2
		m.LineHeight = float32(int(th*1.05 + 0.5)) // the band is the air above
	}
	return m
}

// updateMetrics re-lays out everything when the width changed, keeping the
// line at the top of the view at the top.
func (v *View) updateMetrics() {
	w := v.Size().Width
	if w == v.metricW {
		return
	}
	old := v.metricW
	v.metricW = w // first: offsetAt below calls back in here
	anchor := -1
	if old > 0 && v.offsetY > 0 {
		anchor = v.offsetAt(fyne.NewPos(0, v.padding())) // still the old layout
	}
	v.doc.setMetrics(v.metrics(), v.measure, v.avgChar())
	if anchor >= 0 {
		v.scrollTo(anchor, v.padding())
	}
}

// contentHeight is the scrollable height: padding, rows, padding.
func (v *View) contentHeight() float32 { return 2*v.padding() + v.doc.height() }

func (v *View) maxOffset() float32 {
	return max(0, v.contentHeight()-v.Size().Height)
}

func (v *View) clampOffset() { v.offsetY = min(max(v.offsetY, 0), v.maxOffset()) }

// docPoint turns a view position into row-relative coordinates.
func (v *View) docPoint(p fyne.Position) (rowIdx int, x, y float32) {
	v.updateMetrics()
	cy := p.Y + v.offsetY - v.padding()
	r := v.doc.rowAtY(cy)
	v.doc.layout(r)
	return r, p.X - v.columnX(), cy - v.doc.top(r)
}

// offsetAt is the grapheme boundary nearest p, in document offsets.
func (v *View) offsetAt(p fyne.Position) int {
	r, x, y := v.docPoint(p)
	if y < 0 {
		return v.doc.rows[r].start
	}
	return v.doc.rows[r].start + v.doc.layout(r).OffsetAt(x, y)
}

// highlightAt is the span under p: a bar, else the innermost span over the
// character there. Repeated taps on one character cycle through its spans.
func (v *View) highlightAt(p fyne.Position, cycle bool) string {
	keys, cp := v.highlightsAt(p)
	if len(keys) == 0 {
		return ""
	}
	pick := 0
	if cycle && cp >= 0 && cp == v.lastTapCP {
		for i, k := range keys {
			if v.doc.hs[k].ID == v.lastTapID {
				pick = (i + 1) % len(keys)
			}
		}
	}
	return v.doc.hs[keys[pick]].ID
}

// highlightsAt lists the keys of the highlights at view position p: the one
// whose bar is under p, or every span covering the text under p, innermost
// first; cp is that text's offset, or -1 over a bar or nothing.
func (v *View) highlightsAt(p fyne.Position) (keys []int, cp int) {
	r, x, y := v.docPoint(p)
	lay := v.doc.layout(r)
	if k, ok := lay.BarAt(x, y, v.doc.m); ok {
		return []int{k}, -1
	}
	ln := &lay.Lines[lay.LineAt(y)]
	if y < ln.Y+v.doc.m.TextTop()-2 || y > ln.Y+v.doc.m.LanesTop()+1 {
		return nil, -1
	}
	s, _, ok := ln.ClusterAt(x)
	if !ok {
		return nil, -1
	}
	cp = v.doc.rows[r].start + s
	return v.doc.spansAt(cp), cp
}

// PositionOf is the view position (top-left of the line box) of code point cp
// at the current scroll offset; tests and the workbench use it to aim.
func (v *View) PositionOf(cp int) fyne.Position {
	v.updateMetrics()
	cp = max(cp, 0)
	r := v.doc.rowOf(cp)
	cp = min(cp, v.doc.rowEnd(r))
	x, y := v.doc.layout(r).Position(cp - v.doc.rows[r].start)
	return fyne.NewPos(v.columnX()+x, v.padding()+v.doc.top(r)+y-v.offsetY)
}

// TextPositionOf is the view position of the top-left of code point cp's
// text (below its line's arc band): where a click lands on the character.
func (v *View) TextPositionOf(cp int) fyne.Position {
	return v.PositionOf(cp).AddXY(0, v.doc.m.TextTop())
}

// topOffset is the first code point of the line at the top of the view.
func (v *View) topOffset() int {
	return v.offsetAt(fyne.NewPos(0, v.padding()))
}

// revealOffset scrolls, if needed, so that cp's line is in view.
func (v *View) revealOffset(cp int) {
	p := v.PositionOf(cp)
	h := v.Size().Height
	if p.Y >= v.padding() && p.Y+v.doc.m.LineBoxHeight(0) <= h-v.padding() {
		return
	}
	v.scrollTo(cp, h/3)
}

// scrollTo puts cp's line at view y. The rows that come into view are laid
// out, and their heights (until then estimates) move cp; a second or third
// round puts it where it was meant to be.
func (v *View) scrollTo(cp int, y float32) {
	for range 3 {
		before := v.offsetY
		v.offsetY += v.PositionOf(cp).Y - y
		v.clampOffset()
		v.layOutInView()
		if v.offsetY == before {
			return
		}
	}
}

// layOutInView lays out the rows in view and returns them.
func (v *View) layOutInView() []int {
	d := v.doc
	top := v.offsetY - v.padding()
	first := d.rowAtY(max(top, 0))
	var visible []int
	y := d.top(first)
	for i := first; d.ensureRow(i) && y < top+v.Size().Height; i++ {
		d.layout(i)
		visible = append(visible, i)
		y += d.rows[i].height
	}
	v.clampOffset() // heights may have changed
	return visible
}

// --- pointer ---

// MouseDown remembers where a press began and its modifiers (test.Drag does
// not send it; Dragged then falls back to position minus delta).
func (v *View) MouseDown(ev *desktop.MouseEvent) {
	v.requestFocus()
	// The press carries the modifiers really held. The ones KeyDown tracked
	// may be stale: a Ctrl+E that opens a dialog sends its KeyUp to the
	// dialog, and a stuck Ctrl would turn every later drag into "add a
	// fragment to the selected span".
	v.mods = ev.Modifier
	if ev.Button != desktop.MouseButtonPrimary {
		return
	}
	v.scrollGrip = v.onScrollbar(ev.Position)
	if start, ok := v.handleAt(ev.Position); ok && !v.scrollGrip {
		s, e, _ := v.chosenEdges()
		to := e
		if start {
			to = s
		}
		v.edgeDrag = &edgeDragState{start: start, to: to, mods: ev.Modifier}
		return
	}
	if !v.scrollGrip {
		v.press = &pressState{anchor: v.offsetAt(ev.Position), mods: ev.Modifier}
	}
}

// MouseUp ends a press.
func (v *View) MouseUp(*desktop.MouseEvent) {
	v.press = nil
	if v.edgeDrag != nil && v.drag == nil {
		v.edgeDrag = nil // pressed on a handle, not dragged
		v.changed()
	}
	v.scrollGrip = false
}

// Dragged extends a live selection, or drags the scrollbar.
func (v *View) Dragged(ev *fyne.DragEvent) {
	if v.scrollGrip {
		v.dragScrollbar(ev.Dragged.DY)
		return
	}
	if v.edgeDrag != nil {
		v.dragEdge(ev.Position)
		v.changed()
		return
	}
	if v.drag == nil {
		d := dragState{mods: v.mods}
		if v.press != nil {
			d.anchor, d.mods = v.press.anchor, v.press.mods|v.mods
		} else {
			d.anchor = v.offsetAt(ev.Position.Subtract(ev.Dragged))
		}
		v.drag = &d
	}
	// autoscroll when the pointer leaves the view vertically
	if h := v.Size().Height; ev.Position.Y > h {
		v.offsetY += (ev.Position.Y - h) / 2
	} else if ev.Position.Y < 0 {
		v.offsetY += ev.Position.Y / 2
	}
	v.clampOffset()
	if ev.Position.Y >= 0 && ev.Position.Y <= v.Size().Height {
		v.pointer, v.pointerIn = ev.Position, true
	}
	focus := v.offsetAt(ev.Position)
	v.sel = selection{anchor: v.drag.anchor, focus: focus, exact: v.drag.mods&ExactModifier != 0, active: true}
	v.changed()
}

// DragEnd finishes the selection, or adds it as a fragment to the selected
// highlight when the drag was made with AddModifier.
func (v *View) DragEnd() {
	if ed := v.edgeDrag; ed != nil {
		v.edgeDrag = nil
		v.changed()
		s, e, ok := v.chosenEdges()
		if ok && v.OnEdgeDragged != nil && (ed.start && ed.to != s || !ed.start && ed.to != e) {
			v.OnEdgeDragged(v.chosen, ed.start, ed.to)
		}
		return
	}
	if v.scrollGrip || v.drag == nil {
		v.drag = nil
		return
	}
	d := v.drag
	v.drag = nil
	s, e := v.selRange()
	v.caret = v.sel.focus
	if d.mods&AddModifier != 0 && v.chosen != "" {
		v.sel = selection{}
		v.changed()
		if s < e && v.OnAddFragment != nil {
			v.OnAddFragment(v.chosen, annotate.Fragment{Start: s, End: e})
		}
		return
	}
	if s >= e {
		v.sel = selection{}
	}
	v.changed()
	if v.OnSelectionChanged != nil {
		v.OnSelectionChanged(s, e)
	}
}

// Tapped acts on a click at once: it clears the selection and reports the
// span under the pointer; a second click soon after at the same spot
// selects the word there instead (see doubleClicked).
func (v *View) Tapped(ev *fyne.PointEvent) {
	v.requestFocus()
	if v.onScrollbar(ev.Position) {
		v.lastClick = click{}
		v.pageScroll(ev.Position.Y)
		return
	}
	now := v.now()
	if lc := v.lastClick; lc.valid && now.Sub(lc.at) <= doubleClickTime() &&
		abs(ev.Position.X-lc.pos.X) <= doubleClickSlop && abs(ev.Position.Y-lc.pos.Y) <= doubleClickSlop {
		v.lastClick = click{}
		v.doubleClicked(ev)
		return
	}
	v.lastClick = click{at: now, pos: ev.Position, valid: true}
	had := v.sel.active
	v.sel = selection{}
	v.caret = v.offsetAt(ev.Position)
	id := v.highlightAt(ev.Position, true)
	v.lastTapCP, v.lastTapID = v.tapCP(ev.Position), id
	v.changed()
	if had && v.OnSelectionChanged != nil {
		v.OnSelectionChanged(v.caret, v.caret)
	}
	if v.OnHighlightTapped != nil {
		v.OnHighlightTapped(id)
	}
}

// doubleClickTime is the driver's double-tap window.
func doubleClickTime() time.Duration {
	if a := fyne.CurrentApp(); a != nil {
		return a.Driver().DoubleTapDelay()
	}
	return 300 * time.Millisecond
}

func abs(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// tapCP is the character under p (for cycling through stacked spans).
func (v *View) tapCP(p fyne.Position) int {
	r, x, y := v.docPoint(p)
	lay := v.doc.layout(r)
	ln := &lay.Lines[lay.LineAt(y)]
	s, _, ok := ln.ClusterAt(x)
	if !ok {
		return -1
	}
	return v.doc.rows[r].start + s
}

// doubleClicked selects the word under the pointer (the first click of
// the pair has already acted: a span under it stays selected).
func (v *View) doubleClicked(ev *fyne.PointEvent) {
	cp := v.tapCP(ev.Position)
	if cp < 0 {
		cp = v.offsetAt(ev.Position)
	}
	s, e, ok := v.doc.wordAt(cp)
	if !ok || s >= e {
		return
	}
	v.sel = selection{anchor: s, focus: e, exact: true, active: true}
	v.caret = e
	v.changed()
	if v.OnSelectionChanged != nil {
		v.OnSelectionChanged(s, e)
	}
}

// Scrolled scrolls the article.
func (v *View) Scrolled(ev *fyne.ScrollEvent) {
	old := v.offsetY
	v.offsetY -= ev.Scrolled.DY
	v.clampOffset()
	if v.offsetY != old {
		v.changed()
	}
}

// MouseIn starts hover tracking.
func (v *View) MouseIn(ev *desktop.MouseEvent) { v.MouseMoved(ev) }

// MouseMoved updates the hovered span and the others stacked under the
// pointer.
func (v *View) MouseMoved(ev *desktop.MouseEvent) {
	v.pointer, v.pointerIn = ev.Position, true
	_, v.overHandle = v.handleAt(ev.Position)
	var ids []string
	if v.drag == nil && !v.onScrollbar(ev.Position) {
		keys, _ := v.highlightsAt(ev.Position)
		for _, k := range keys {
			ids = append(ids, v.doc.hs[k].ID)
		}
	}
	id, also := "", []string(nil)
	if len(ids) > 0 {
		id, also = ids[0], ids[1:]
	}
	if id != v.hover || !slices.Equal(also, v.hoverAlso) {
		v.hover, v.hoverAlso = id, also
		v.changed()
	}
}

// MouseOut ends hover tracking.
func (v *View) MouseOut() {
	v.pointerIn = false
	if v.hover != "" {
		v.hover, v.hoverAlso = "", nil
		v.changed()
	}
}

// Cursor is the text cursor.
func (v *View) Cursor() desktop.Cursor {
	if v.overHandle || v.edgeDrag != nil {
		return desktop.HResizeCursor
	}
	return desktop.TextCursor
}

func (v *View) requestFocus() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil && c.Focused() != v {
		c.Focus(v)
	}
}

// --- scrollbar ---

func (v *View) onScrollbar(p fyne.Position) bool {
	return v.maxOffset() > 0 && p.X >= v.Size().Width-v.scrollbarWidth()
}

func (v *View) thumb() (y, h float32) {
	vh := v.Size().Height
	ch := v.contentHeight()
	if ch <= vh || vh <= 0 {
		return 0, 0
	}
	h = max(vh*vh/ch, 24)
	y = v.offsetY / (ch - vh) * (vh - h)
	return y, h
}

func (v *View) dragScrollbar(dy float32) {
	vh := v.Size().Height
	_, th := v.thumb()
	if vh-th <= 0 {
		return
	}
	v.offsetY += dy * (v.contentHeight() - vh) / (vh - th)
	v.clampOffset()
	v.changed()
}

func (v *View) pageScroll(y float32) {
	ty, th := v.thumb()
	switch {
	case y < ty:
		v.offsetY -= v.Size().Height * 0.9
	case y > ty+th:
		v.offsetY += v.Size().Height * 0.9
	}
	v.clampOffset()
	v.changed()
}

// --- keyboard ---

// FocusGained shows the focus.
func (v *View) FocusGained() { v.focused = true; v.changed() }

// FocusLost hides the focus.
func (v *View) FocusLost() { v.focused, v.mods = false, 0; v.changed() }

// KeyDown tracks held modifiers: Shift+arrow arrives as a plain TypedKey.
func (v *View) KeyDown(ev *fyne.KeyEvent) {
	if m := modifierOf(ev.Name); m != 0 {
		v.mods |= m
	}
}

// KeyUp tracks released modifiers.
func (v *View) KeyUp(ev *fyne.KeyEvent) {
	if m := modifierOf(ev.Name); m != 0 {
		v.mods &^= m
	}
}

func modifierOf(k fyne.KeyName) fyne.KeyModifier {
	switch k {
	case desktop.KeyShiftLeft, desktop.KeyShiftRight:
		return fyne.KeyModifierShift
	case desktop.KeyControlLeft, desktop.KeyControlRight:
		return fyne.KeyModifierControl
	case desktop.KeyAltLeft, desktop.KeyAltRight:
		return fyne.KeyModifierAlt
	}
	return 0
}

// TypedRune passes runes on (label shortcut keys).
func (v *View) TypedRune(r rune) {
	if v.OnTypedRune != nil {
		v.OnTypedRune(r)
	}
}

// TypedKey handles selection and scrolling keys and passes on the rest.
func (v *View) TypedKey(ev *fyne.KeyEvent) {
	shift := v.mods&fyne.KeyModifierShift != 0
	switch {
	case shift && v.offerMove(ev.Name, v.mods):
	case shift && ev.Name == fyne.KeyRight:
		v.extend(v.doc.nextGrapheme)
	case shift && ev.Name == fyne.KeyLeft:
		v.extend(v.doc.prevGrapheme)
	case ev.Name == fyne.KeyTab && v.OnTab != nil:
		v.OnTab(shift)
	case ev.Name == fyne.KeyEscape && v.sel.active:
		v.sel = selection{}
		v.changed()
		if v.OnSelectionChanged != nil {
			v.OnSelectionChanged(v.caret, v.caret)
		}
	case ev.Name == fyne.KeyDown:
		v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -v.doc.m.LineBoxHeight(0)}})
	case ev.Name == fyne.KeyUp:
		v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: v.doc.m.LineBoxHeight(0)}})
	case ev.Name == fyne.KeyPageDown:
		v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: -v.Size().Height * 0.9}})
	case ev.Name == fyne.KeyPageUp:
		v.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.Delta{DY: v.Size().Height * 0.9}})
	default:
		if v.OnTypedKey != nil {
			v.OnTypedKey(ev)
		}
	}
}

// AcceptsTab keeps Tab for OnTab, when set.
func (v *View) AcceptsTab() bool { return v.OnTab != nil }

// TypedShortcut handles Shift+Ctrl+arrows (word steps) and Copy, and hands
// every other shortcut to the window.
func (v *View) TypedShortcut(s fyne.Shortcut) {
	switch sc := s.(type) {
	case *desktop.CustomShortcut:
		if sc.Modifier&fyne.KeyModifierShift != 0 && v.offerMove(sc.KeyName, sc.Modifier) {
			return
		}
		if sc.Modifier == fyne.KeyModifierShift|fyne.KeyModifierShortcutDefault {
			switch sc.KeyName {
			case fyne.KeyRight:
				v.extend(v.doc.nextWordEnd)
				return
			case fyne.KeyLeft:
				v.extend(v.doc.prevWordStart)
				return
			}
		}
	case *fyne.ShortcutCopy:
		if s, e, ok := v.Selection(); ok && sc.Clipboard != nil {
			sc.Clipboard.SetContent(v.doc.slice(s, e))
			return
		}
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		if h, ok := c.(fyne.Shortcutable); ok {
			h.TypedShortcut(s)
		}
	}
}

// offerMove offers a Shift+arrow to OnMoveKey while no text is selected.
func (v *View) offerMove(key fyne.KeyName, mods fyne.KeyModifier) bool {
	if v.OnMoveKey == nil || v.sel.active || (key != fyne.KeyLeft && key != fyne.KeyRight) {
		return false
	}
	return v.OnMoveKey(key, mods)
}

// Boundary is the next place from cp in direction dir (> 0 forward) that a
// span's edge may move to: the next grapheme boundary when exact, else the
// next start of a word (start) or end of a word (!start) — the boundaries
// the view's selections snap to.
func (v *View) Boundary(cp, dir int, exact, start bool) int {
	d := v.doc
	switch {
	case exact && dir > 0:
		return d.nextGrapheme(cp)
	case exact:
		return d.prevGrapheme(cp)
	case start && dir > 0:
		return d.nextWordStart(cp)
	case start:
		return d.prevWordStart(cp)
	case dir > 0:
		return d.nextWordEnd(cp)
	default:
		return d.prevWordEnd(cp)
	}
}

// extend moves the selection's moving end by step (exact characters from
// then on) and reports it.
func (v *View) extend(step func(int) int) {
	if !v.sel.active {
		v.sel = selection{anchor: v.caret, focus: v.caret, active: true}
	} else if !v.sel.exact {
		// freeze the snapped range before stepping from it
		s, e := v.selRange()
		if v.sel.focus >= v.sel.anchor {
			v.sel.anchor, v.sel.focus = s, e
		} else {
			v.sel.anchor, v.sel.focus = e, s
		}
	}
	v.sel.exact = true
	v.sel.focus = step(v.sel.focus)
	v.caret = v.sel.focus
	s, e := v.selRange()
	v.revealOffset(v.sel.focus)
	v.changed()
	if v.OnSelectionChanged != nil {
		v.OnSelectionChanged(s, e)
	}
}

// CreateRenderer builds the renderer.
func (v *View) CreateRenderer() fyne.WidgetRenderer {
	return newRenderer(v)
}
