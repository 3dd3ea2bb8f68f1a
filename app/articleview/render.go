package articleview

import (
	"fmt"
	"image/color"
	"math"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// viewRenderer draws only the rows in view. Each visible row has a container
// at its top-left holding three layers: back (selection and span tints),
// static (text runs and span bars; rebuilt only when the row's layout
// changes) and front (outlines of the selected and linked spans).
type viewRenderer struct {
	v         *View
	bg        *canvas.Rectangle
	thumb     *canvas.Rectangle
	rows      map[int]*rowObjects
	structGen int
	themeKey  color.Color
	sizeKey   float32
	objects   []fyne.CanvasObject
}

type rowObjects struct {
	lay                 *RowLayout
	box                 *fyne.Container
	back, static, front *fyne.Container
}

// piece is the part of a span on one line of a row.
type piece struct {
	line   int
	x0, x1 float32
}

// colours are the theme colours of one paint.
type colours struct {
	fg, sel, overlay, scroll, bg, primary color.Color
}

func newRenderer(v *View) *viewRenderer {
	return &viewRenderer{v: v, bg: canvas.NewRectangle(color.Transparent),
		thumb: canvas.NewRectangle(color.Transparent), rows: map[int]*rowObjects{}, structGen: -1}
}

func (r *viewRenderer) Destroy() {}

func (r *viewRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *viewRenderer) MinSize() fyne.Size {
	s := r.v.textSize
	return fyne.NewSize(s*12, s*6)
}

func (r *viewRenderer) Layout(fyne.Size) { r.paint() }

func (r *viewRenderer) Refresh() {
	r.paint()
	canvas.Refresh(r.v)
}

func (r *viewRenderer) colours() colours {
	th := r.v.Theme()
	vr := fyne.CurrentApp().Settings().ThemeVariant()
	return colours{
		fg:      th.Color(theme.ColorNameForeground, vr),
		sel:     th.Color(theme.ColorNameSelection, vr),
		overlay: th.Color(theme.ColorNameOverlayBackground, vr),
		scroll:  th.Color(theme.ColorNameScrollBar, vr),
		bg:      th.Color(theme.ColorNameBackground, vr),
		primary: th.Color(theme.ColorNamePrimary, vr),
	}
}

// paint brings the objects in line with the view's state.
func (r *viewRenderer) paint() {
	v := r.v
	size := v.Size()
	if size.Width <= 0 || size.Height <= 0 {
		r.objects = nil
		return
	}
	cs := r.colours()
	if r.structGen != v.structGen || r.themeKey != cs.fg || r.sizeKey != v.textSize {
		clear(r.rows)
		r.structGen, r.themeKey, r.sizeKey = v.structGen, cs.fg, v.textSize
	}
	v.updateMetrics()
	d := v.doc
	pad := v.padding()
	v.clampOffset()

	// lay out the rows in view; only they are ever laid out
	visible := r.v.layOutInView()
	if v.keepAnchor() {
		// rows changed height: the text under the pointer is put back, and
		// other rows may have come into view
		visible = r.v.layOutInView()
	}

	r.bg.FillColor = cs.bg
	r.bg.Resize(size)
	objs := append(r.objects[:0], r.bg)
	keep := make(map[int]bool, len(visible))
	colX := v.columnX()
	marks := map[int]fyne.Position{} // first visible piece of each span of interest or with links: its x, its line's top; view coords
	interest := r.interest()
	for _, i := range visible {
		keep[i] = true
		ro := r.rows[i]
		if ro == nil || ro.lay != d.rows[i].lay {
			ro = r.buildRow(i, cs)
			r.rows[i] = ro
		}
		origin := fyne.NewPos(px(colX), px(pad+d.top(i)-v.offsetY))
		ro.box.Move(origin)
		r.dynamic(i, ro, cs, interest, marks, origin)
		objs = append(objs, ro.box)
	}
	for i := range r.rows {
		if !keep[i] {
			delete(r.rows, i)
		}
	}
	if v.showRelations {
		objs = append(objs, r.arcs(marks, cs)...)
	} else {
		objs = append(objs, r.connectors(marks)...)
	}
	objs = append(objs, r.handles(cs)...)
	objs = append(objs, r.hoverLabel(marks, cs)...)
	if ty, th := v.thumb(); th > 0 {
		w := v.scrollbarWidth()
		r.thumb.FillColor = cs.scroll
		r.thumb.CornerRadius = w / 4
		r.thumb.Move(fyne.NewPos(size.Width-w+w/4, ty))
		r.thumb.Resize(fyne.NewSize(w/2, th))
		objs = append(objs, r.thumb)
	}
	r.objects = objs
}

// interest maps the keys of the selected and hovered spans and the spans
// linked to them to their role.
func (r *viewRenderer) interest() map[int]string {
	v := r.v
	out := map[int]string{}
	for _, id := range []string{v.chosen, v.hover} {
		if id == "" {
			continue
		}
		for _, l := range v.doc.linksOf(id) {
			if k, ok := v.doc.key(l.other(id)); ok {
				out[k] = "linked"
			}
		}
	}
	if k, ok := v.doc.key(v.hover); ok {
		out[k] = "hover"
	}
	if k, ok := v.doc.key(v.chosen); ok {
		out[k] = "chosen"
	}
	return out
}

// buildRow makes a row's text runs and span bars.
func (r *viewRenderer) buildRow(i int, cs colours) *rowObjects {
	v := r.v
	d := v.doc
	m := d.m
	lay := d.rows[i].lay
	var static []fyne.CanvasObject
	for li := range lay.Lines {
		ln := &lay.Lines[li]
		for _, run := range ln.Runs {
			t := canvas.NewText(run.Text, cs.fg)
			t.TextSize = v.textSize
			// whole pixels: a glyph texture drawn at a fractional position is
			// resampled and looks bolder than its neighbours
			t.Move(fyne.NewPos(px(run.X), px(ln.Y+m.TextTop())))
			t.Resize(fyne.NewSize(ln.XOf(run.End)-run.X, m.TextHeight))
			static = append(static, t)
		}
	}
	for _, b := range lay.Bars {
		ln := &lay.Lines[b.Line]
		c := d.hs[b.Key].Color
		if c == nil {
			c = cs.fg
		}
		y := ln.Y + m.LanesTop() + float32(b.Lane)*m.LaneHeight
		x0, x1 := b.X0, min(b.X1, m.Width)
		rect := canvas.NewRectangle(c)
		if d.hs[b.Key].Style == StyleSuggestion {
			static = append(static, r.ghostBar(b, x0, x1, y, c, cs)...)
			continue
		}
		style := d.hs[b.Key].Style
		if v.showNames && !b.Join {
			static = append(static, r.namedBar(b, x0, x1, y, c, style, cs)...)
			continue
		}
		if b.Join {
			alpha := uint8(0x90)
			if style == StyleOther {
				alpha = 0x50
			}
			rect.FillColor = withAlpha(c, alpha)
			rect.Move(fyne.NewPos(x0, y+m.BarHeight/2-0.5))
			rect.Resize(fyne.NewSize(max(x1-x0, 0), 1))
		} else {
			// a pixel of air at each end keeps adjacent spans apart
			rect.CornerRadius = m.BarHeight / 2
			rect.Move(fyne.NewPos(x0+1, y))
			rect.Resize(fyne.NewSize(max(x1-x0-2, 2), m.BarHeight))
			if style == StyleOther {
				// hollow: told from one's own solid bars and a suggestion's
				// dashes without relying on colour
				rect.FillColor = withAlpha(c, 0x38)
				rect.StrokeColor, rect.StrokeWidth = c, 1
			}
		}
		static = append(static, rect)
	}
	ro := &rowObjects{lay: lay,
		back:   container.NewWithoutLayout(),
		static: container.NewWithoutLayout(static...),
		front:  container.NewWithoutLayout(),
	}
	sz := fyne.NewSize(m.Width+m.LaneHeight, lay.Height)
	for _, c := range []*fyne.Container{ro.back, ro.static, ro.front} {
		c.Resize(sz)
	}
	ro.box = container.NewWithoutLayout(ro.back, ro.static, ro.front)
	ro.box.Resize(sz)
	return ro
}

// namedBar is a bar with its label's name written in it, as brat labels a
// span: a pale tint of the label's colour the height of the name, a solid
// line of the colour under it, and the name (abbreviated to fit) on it.
// Only the first piece of a span on a row is named; the others are plain.
// Another annotator's span (StyleOther) has a paler tint and a dashed line.
func (r *viewRenderer) namedBar(b Bar, x0, x1, y float32, c color.Color, style Style, cs colours) []fyne.CanvasObject {
	v := r.v
	m := v.doc.m
	w := max(x1-x0-2, 2)
	tintAlpha := uint8(0x40)
	if style == StyleOther {
		tintAlpha = 0x1c
	}
	tint := canvas.NewRectangle(withAlpha(c, tintAlpha))
	tint.CornerRadius = 2
	tint.Move(fyne.NewPos(x0+1, y))
	tint.Resize(fyne.NewSize(w, m.BarHeight))
	out := []fyne.CanvasObject{tint}
	if style == StyleOther {
		out = append(out, dashes(x0+1, x0+1+w, y+m.BarHeight-2, 2, 4, 3, c)...)
	} else {
		line := canvas.NewRectangle(c)
		line.Move(fyne.NewPos(x0+1, y+m.BarHeight-2))
		line.Resize(fyne.NewSize(w, 2))
		out = append(out, line)
	}
	if !b.First {
		return out
	}
	const padX = 2
	name := FitName(v.doc.hs[b.Key].Label, w-2*padX, v.measureName)
	if name == "" {
		return out
	}
	t := canvas.NewText(name, cs.fg)
	t.TextSize = v.nameSize()
	t.Move(fyne.NewPos(px(x0+1+padX), px(y-1)))
	t.Resize(fyne.NewSize(v.measureName(name), m.BarHeight))
	return append(out, t)
}

// ghostBar draws a suggestion's bar so that it cannot be taken for a span:
// with names shown, an outline of the label's colour round a faint tint
// and the name with the confidence in italics, paler than a span's; else
// a dashed bar. The line joining fragments is dotted.
func (r *viewRenderer) ghostBar(b Bar, x0, x1, y float32, c color.Color, cs colours) []fyne.CanvasObject {
	v := r.v
	m := v.doc.m
	if b.Join {
		return dashes(x0, x1, y+m.BarHeight/2-0.5, 1, 2, 3, withAlpha(c, 0x90))
	}
	w := max(x1-x0-2, 2)
	if !v.showNames {
		return dashes(x0+1, x0+1+w, y, m.BarHeight, 5, 3, withAlpha(c, 0xc0))
	}
	box := canvas.NewRectangle(withAlpha(c, 0x14))
	box.StrokeColor, box.StrokeWidth, box.CornerRadius = c, 1, 3
	box.Move(fyne.NewPos(x0+1.5, y+0.5))
	box.Resize(fyne.NewSize(w-1, m.BarHeight-1))
	out := []fyne.CanvasObject{box}
	if !b.First {
		return out
	}
	const padX = 3
	label := v.doc.hs[b.Key].Label
	name := FitName(label, w-2*padX, v.measureName)
	if i := strings.LastIndexByte(label, ' '); name != label && i > 0 {
		// too long with its confidence ("GPE 100%"): the name alone, so
		// that the label is not cut to its first letters (the hover and
		// the card say the confidence)
		name = FitName(label[:i], w-2*padX, v.measureName)
	}
	if name == "" {
		return out
	}
	t := canvas.NewText(name, withAlpha(cs.fg, 0xc0))
	t.TextSize = v.nameSize()
	t.TextStyle = fyne.TextStyle{Italic: true}
	t.Move(fyne.NewPos(px(x0+1+padX), px(y-1)))
	t.Resize(fyne.NewSize(v.measureName(name), m.BarHeight))
	return append(out, t)
}

// dashes is a dashed horizontal bar from x0 to x1: dashes of length on,
// gaps of off.
func dashes(x0, x1, y, height, on, off float32, c color.Color) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for x := x0; x < x1; x += on + off {
		d := canvas.NewRectangle(c)
		d.Move(fyne.NewPos(x, y))
		d.Resize(fyne.NewSize(min(on, x1-x), height))
		out = append(out, d)
	}
	return out
}

// dynamic redraws a row's selection, tints and outlines, and records where
// spans of interest begin (for connectors and the hover label).
func (r *viewRenderer) dynamic(i int, ro *rowObjects, cs colours, interest map[int]string, marks map[int]fyne.Position, origin fyne.Position) {
	v := r.v
	d := v.doc
	m := d.m
	lay := ro.lay
	row := d.rows[i]
	var back, front []fyne.CanvasObject

	if s, e := v.selRange(); s < e && s <= row.start+row.n && e > row.start && row.n > 0 {
		for li := range lay.Lines {
			ln := &lay.Lines[li]
			ls, le := max(s-row.start, ln.Start), min(e-row.start, ln.End)
			runsOn := e-row.start > ln.End // through the line's end: a wrap or the "\n"
			if ls > le || ls == le && !runsOn {
				continue
			}
			x0, x1 := ln.XOf(ls), ln.XOf(le)
			if runsOn {
				x1 = max(x1, ln.XOf(ln.End)) + v.measure(" ")/2
			}
			rect := canvas.NewRectangle(cs.sel)
			rect.Move(fyne.NewPos(x0, ln.Y+m.TextTop()-1))
			rect.Resize(fyne.NewSize(max(x1-x0, 1), m.TextHeight+2))
			back = append(back, rect)
		}
	}

	back = append(back, r.foundMarks(row.start, row.n, lay)...)

	if c := v.caret; v.focused && !v.sel.active && c >= row.start && (c < row.start+row.n || c == row.start+row.n && !row.soft) {
		// the caret: where Shift+arrows start a selection
		ln := &lay.Lines[lay.LineOf(c-row.start)]
		caret := canvas.NewRectangle(cs.primary)
		caret.Move(fyne.NewPos(px(ln.XOf(c-row.start))-1, ln.Y+m.TextTop()))
		caret.Resize(fyne.NewSize(2, m.TextHeight))
		front = append(front, caret)
	}

	for _, k := range row.hl {
		role, ok := interest[k]
		linked := v.showRelations && len(d.linksOf(d.hs[k].ID)) > 0
		if !ok && !linked {
			continue
		}
		h := d.hs[k]
		ps := piecesOnRow(lay, row.start, row.n, h)
		if len(ps) == 0 {
			continue
		}
		if _, seen := marks[k]; !seen {
			p := ps[0]
			ln := &lay.Lines[p.line]
			marks[k] = origin.Add(fyne.NewPos(p.x0, ln.Y))
		}
		if !ok {
			continue
		}
		c := h.Color
		if c == nil {
			c = cs.fg
		}
		for _, p := range ps {
			ln := &lay.Lines[p.line]
			pos := fyne.NewPos(p.x0, ln.Y+m.TextTop()-1)
			sz := fyne.NewSize(max(p.x1-p.x0, 2), m.TextHeight+2)
			switch role {
			case "chosen", "hover":
				alpha := uint8(0x38)
				if role == "chosen" {
					alpha = 0x60
				}
				tint := canvas.NewRectangle(withAlpha(c, alpha))
				tint.CornerRadius = 2
				tint.Move(pos)
				tint.Resize(sz)
				back = append(back, tint)
			case "linked":
				o := canvas.NewRectangle(color.Transparent)
				o.StrokeColor, o.StrokeWidth, o.CornerRadius = c, 1.5, 3
				o.Move(pos.Subtract(fyne.NewPos(1, 1)))
				o.Resize(sz.Add(fyne.NewSize(2, 2)))
				front = append(front, o)
			}
		}
		if role == "chosen" {
			// emphasise the selected span's bars: a full-lane bar with an outline
			for _, b := range lay.Bars {
				if b.Key != k || b.Join {
					continue
				}
				ln := &lay.Lines[b.Line]
				y := ln.Y + m.LanesTop() + float32(b.Lane)*m.LaneHeight
				o := canvas.NewRectangle(c)
				if v.showNames || h.Style == StyleSuggestion {
					// keep the name readable: an outline, no fill
					o.FillColor = color.Transparent
				}
				o.StrokeColor, o.StrokeWidth, o.CornerRadius = cs.fg, 1, 1
				o.Move(fyne.NewPos(b.X0, y-1))
				o.Resize(fyne.NewSize(max(min(b.X1, m.Width)-b.X0, 2), m.BarHeight+2))
				front = append(front, o)
			}
		}
	}
	ro.back.Objects = back
	ro.front.Objects = front
}

// piecesOnRow cuts a highlight's fragments at the row's lines.
func piecesOnRow(lay *RowLayout, rowStart, rowLen int, h Highlight) []piece {
	var out []piece
	for _, f := range h.Fragments {
		s, e := max(f.Start-rowStart, 0), min(f.End-rowStart, rowLen)
		if s >= e {
			continue
		}
		for li := range lay.Lines {
			ln := &lay.Lines[li]
			ls, le := max(s, ln.Start), min(e, ln.End)
			if ls < le {
				out = append(out, piece{line: li, x0: ln.XOf(ls), x1: ln.XOf(le)})
			}
		}
	}
	return out
}

// connectors draws a thin line from the selected (or hovered) span to every
// span linked to it that is in view.
func (r *viewRenderer) connectors(marks map[int]fyne.Position) []fyne.CanvasObject {
	v := r.v
	var out []fyne.CanvasObject
	for _, id := range []string{v.chosen, v.hover} {
		k, ok := v.doc.key(id)
		if !ok {
			continue
		}
		from, ok := marks[k]
		if !ok {
			continue
		}
		c := v.doc.hs[k].Color
		if c == nil {
			c = theme.Color(theme.ColorNameForeground)
		}
		lift := v.doc.m.TextTop() + 2
		from = from.Add(fyne.NewPos(0, v.doc.m.TextTop()))
		for _, l := range v.doc.linksOf(id) {
			ko, ok := v.doc.key(l.other(id))
			if !ok {
				continue
			}
			to, ok := marks[ko]
			if !ok {
				continue
			}
			to = to.Add(fyne.NewPos(0, v.doc.m.TextTop()))
			// a bracket over the text, as brat draws its arcs: up from the
			// selected span, across, down onto the linked one
			a, b := from.Add(fyne.NewPos(3, -1)), to.Add(fyne.NewPos(3, -1))
			peak := min(a.Y, b.Y) - lift
			alpha := uint8(0xd0)
			if l.Style == StyleOther {
				alpha = 0x80
			}
			for _, seg := range [][2]fyne.Position{
				{a, fyne.NewPos(a.X, peak)}, {fyne.NewPos(a.X, peak), fyne.NewPos(b.X, peak)}, {fyne.NewPos(b.X, peak), b},
			} {
				l := canvas.NewLine(withAlpha(c, alpha))
				l.StrokeWidth = 1.5
				l.Position1, l.Position2 = seg[0], seg[1]
				out = append(out, l)
			}
			dot := canvas.NewCircle(withAlpha(c, 0xe0))
			dot.Move(b.Subtract(fyne.NewPos(3, 3)))
			dot.Resize(fyne.NewSize(6, 6))
			out = append(out, dot)
		}
	}
	return out
}

// hoverLabel shows the hovered span's label, or the relations it takes part
// in, each with its type and direction ("Claim —attributed to→ PERSON",
// an arrow saying which way an end out of view lies), and the labels of the
// other spans stacked under the pointer, just above the hovered span's
// first piece.
func (r *viewRenderer) hoverLabel(marks map[int]fyne.Position, cs colours) []fyne.CanvasObject {
	v := r.v
	k, ok := v.doc.key(v.hover)
	if !ok {
		return nil
	}
	h := v.doc.hs[k]
	at, ok := marks[k]
	if !ok {
		return nil
	}
	at = at.Add(fyne.NewPos(0, v.doc.m.TextTop()))
	label := h.hoverName()
	if h.Detail != "" {
		label += " · " + h.Detail
		if r := []rune(label); len(r) > maxHoverChars {
			label = string(r[:maxHoverChars-1]) + "…"
		}
	}
	if phrases := v.relationPhrases(v.hover, marks); len(phrases) > 0 {
		label = strings.Join(phrases, " · ")
	}
	label = stackLabel(label, v.stackedLabels())
	if label == "" {
		return nil
	}
	size := v.textSize * 0.8
	t := canvas.NewText(label, cs.fg)
	t.TextSize = size
	ts := fyne.MeasureText(label, size, fyne.TextStyle{})
	padX, padY := float32(4), float32(1)
	box := fyne.NewSize(ts.Width+2*padX, ts.Height+2*padY)
	pos := fyne.NewPos(at.X, at.Y-box.Height-2)
	if pos.Y < 0 {
		pos.Y = at.Y + v.doc.m.LineHeight
	}
	pos.X = max(min(pos.X, v.Size().Width-v.scrollbarWidth()-box.Width), 0)
	c := h.Color
	if c == nil {
		c = cs.fg
	}
	bg := canvas.NewRectangle(cs.overlay)
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = c, 1, 3
	bg.Move(pos)
	bg.Resize(box)
	t.Move(pos.Add(fyne.NewPos(padX, padY)))
	t.Resize(ts)
	return []fyne.CanvasObject{bg, t}
}

// maxHoverChars keeps a hover label with a long detail on one short line
// (the span card shows it whole).
const maxHoverChars = 90

// relationPhrases names the relations of span id the way they read:
// "Claim —attributed to→ PERSON" whichever end id is; an end out of view
// gets ↑ or ↓ for where it lies.
func (v *View) relationPhrases(id string, marks map[int]fyne.Position) []string {
	var out []string
	for _, l := range v.doc.linksOf(id) {
		from, okF := v.doc.highlight(l.From)
		to, okT := v.doc.highlight(l.To)
		if !okF || !okT {
			continue
		}
		arrow := "→"
		if l.Type != "" {
			arrow = "—" + l.Type + "→"
		}
		phrase := from.Label + " " + arrow + " " + to.Label
		if l.Owner != "" {
			phrase += " (" + l.Owner + "'s)"
		}
		other := l.other(id)
		if ko, ok := v.doc.key(other); ok {
			o, self := v.doc.hs[ko], v.doc.hs[mustKey(v.doc, id)]
			if _, inView := marks[ko]; !inView && len(o.Fragments) > 0 && len(self.Fragments) > 0 {
				if o.Fragments[0].Start < self.Fragments[0].Start {
					phrase += " ↑"
				} else {
					phrase += " ↓"
				}
			}
		}
		out = append(out, phrase)
	}
	return out
}

func mustKey(d *document, id string) int {
	k, _ := d.key(id)
	return k
}

// arcs draws every relation with an end in view as an arc through the bands
// above the lines (RouteArc), its type named on it; the selected or hovered
// span's arcs are drawn strong, the others faint.
func (r *viewRenderer) arcs(marks map[int]fyne.Position, cs colours) []fyne.CanvasObject {
	v := r.v
	d := v.doc
	m := d.m
	var out []fyne.CanvasObject
	seen := map[string]bool{}
	// the marks in reading order, so that levels and gutter slots are
	// handed out the same way at every paint
	keys := make([]int, 0, len(marks))
	for k := range marks {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		pa, pb := marks[keys[a]], marks[keys[b]]
		if pa.Y != pb.Y {
			return pa.Y < pb.Y
		}
		return pa.X < pb.X
	})
	gutter0 := v.columnX() - 9
	type used struct{ x0, x1 float32 }
	bands := map[float32][]used{} // line top → horizontal extents taken
	level := func(lineY, x0, x1 float32) int {
		if x0 > x1 {
			x0, x1 = x1, x0
		}
		l := 0
		for _, u := range bands[lineY] {
			if u.x0 <= x1 && x0 <= u.x1 {
				l++
			}
		}
		bands[lineY] = append(bands[lineY], used{x0, x1})
		return min(l, 3)
	}
	slot := 0
	var names [][3]float32 // name boxes placed: x0, x1, y
	for _, k := range keys {
		id := d.hs[k].ID
		for _, l := range d.linksOf(id) {
			if seen[l.ID] {
				continue
			}
			seen[l.ID] = true
			end := func(hid string) (ArcEnd, bool) {
				hk, ok := d.key(hid)
				if !ok {
					return ArcEnd{}, false
				}
				if p, ok := marks[hk]; ok {
					return ArcEnd{X: p.X, LineY: p.Y}, true
				}
				// out of view: to the top or bottom edge, by reading order
				h := d.hs[hk]
				if len(h.Fragments) > 0 && len(d.hs[k].Fragments) > 0 && h.Fragments[0].Start < d.hs[k].Fragments[0].Start {
					return ArcEnd{LineY: 0, Off: true}, true
				}
				return ArcEnd{LineY: v.Size().Height, Off: true}, true
			}
			from, okF := end(l.From)
			to, okT := end(l.To)
			if !okF || !okT {
				continue
			}
			lv := 0
			switch {
			case !from.Off && !to.Off && from.LineY == to.LineY:
				lv = level(from.LineY, from.X, to.X)
			case !from.Off:
				lv = level(from.LineY, gutter0, from.X)
			default:
				lv = level(to.LineY, gutter0, to.X)
			}
			gx := gutter0 - float32(slot%4)*3
			slot++
			arc := RouteArc(from, to, gx, lv, m)
			c := d.hs[mustKey(d, l.From)].Color
			if c == nil {
				c = cs.fg
			}
			alpha, width := uint8(0x90), float32(1)
			if id == v.chosen || id == v.hover || l.other(id) == v.chosen || l.other(id) == v.hover {
				alpha, width = 0xe8, 1.75
			}
			if l.Style == StyleOther {
				alpha, width = alpha/2, width*0.75
			}
			for _, sg := range append(arc.Segments, arc.Head...) {
				ln := canvas.NewLine(withAlpha(c, alpha))
				ln.StrokeWidth = width
				ln.Position1, ln.Position2 = fyne.NewPos(sg.X0, sg.Y0), fyne.NewPos(sg.X1, sg.Y1)
				out = append(out, ln)
			}
			if l.Type != "" {
				// names sharing a band do not cover one another: a name that
				// would overlap one already placed moves right of it
				w := v.measureName(l.Type) + 8
				x0 := max(arc.NameX-w/2, 0)
				for _, nb := range names {
					if abs(nb[2]-arc.NameY) < m.ArcBand && x0 < nb[1] && nb[0] < x0+w {
						x0 = nb[1] + 2
					}
				}
				names = append(names, [3]float32{x0, x0 + w, arc.NameY})
				out = append(out, r.arcName(l.Type, x0+w/2, arc.NameY, c, l.Style, cs)...)
			}
		}
	}
	return out
}

// arcName writes a relation's type on its arc, on the page's colour so the
// line does not run through the letters.
func (r *viewRenderer) arcName(name string, cx, cy float32, c color.Color, style Style, cs colours) []fyne.CanvasObject {
	v := r.v
	w := v.measureName(name)
	h := v.doc.m.ArcBand - 1
	pos := fyne.NewPos(px(max(cx-w/2, 0)), px(cy-h/2))
	bg := canvas.NewRectangle(cs.bg)
	bg.StrokeColor, bg.StrokeWidth, bg.CornerRadius = withAlpha(c, 0xb0), 1, 3
	bg.Move(pos.Subtract(fyne.NewPos(3, 0)))
	bg.Resize(fyne.NewSize(w+6, h))
	t := canvas.NewText(name, cs.fg)
	t.TextSize = v.nameSize()
	t.TextStyle.Italic = style == StyleOther
	t.Move(pos.Subtract(fyne.NewPos(0, 1)))
	t.Resize(fyne.NewSize(w, h))
	return []fyne.CanvasObject{bg, t}
}

// maxStackNames caps the names a hover label lists, so that a deep stack
// still gives a short label.
const maxStackNames = 4

// stackedLabels are the labels of the other spans under the pointer,
// innermost first.
func (v *View) stackedLabels() []string {
	var out []string
	for _, id := range v.hoverAlso {
		if k, ok := v.doc.key(id); ok && v.doc.hs[k].Label != "" {
			out = append(out, v.doc.hs[k].hoverName())
		}
	}
	return out
}

// hoverName is the label the hover shows: its name, and its owner's when
// it is someone else's span.
func (h Highlight) hoverName() string {
	if h.Owner == "" || h.Label == "" {
		return h.Label
	}
	return h.Label + " · " + h.Owner + "'s"
}

// stackLabel joins the hovered span's label (with its link hints) and the
// labels stacked under it: "Loaded_Language · Claim", at most maxStackNames
// names, then "+N more".
func stackLabel(first string, others []string) string {
	names := []string{first}
	if first == "" {
		names = nil
	}
	names = append(names, others...)
	if len(names) > maxStackNames {
		rest := len(names) - maxStackNames
		names = append(names[:maxStackNames:maxStackNames], fmt.Sprintf("+%d more", rest))
	}
	return strings.Join(names, " · ")
}

// px rounds to a whole pixel.
func px(f float32) float32 { return float32(math.Round(float64(f))) }

func withAlpha(c color.Color, a uint8) color.NRGBA {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	n.A = uint8(uint16(n.A) * uint16(a) / 255)
	return n
}

// foundMarks tints the find hits (View.SetFound) on a row, behind the text.
func (r *viewRenderer) foundMarks(start, n int, lay *RowLayout) []fyne.CanvasObject {
	v := r.v
	hits := v.found
	if len(hits) == 0 || n == 0 {
		return nil
	}
	i := sort.Search(len(hits), func(i int) bool { return hits[i].End > start })
	if i == len(hits) || hits[i].Start >= start+n {
		return nil
	}
	c := color.NRGBAModel.Convert(v.Theme().Color(theme.ColorNameWarning, fyne.CurrentApp().Settings().ThemeVariant())).(color.NRGBA)
	c.A = 0x60
	m := v.doc.m
	var out []fyne.CanvasObject
	for ; i < len(hits) && hits[i].Start < start+n; i++ {
		for li := range lay.Lines {
			ln := &lay.Lines[li]
			ls, le := max(hits[i].Start-start, ln.Start), min(hits[i].End-start, ln.End)
			if ls >= le {
				continue
			}
			x0, x1 := ln.XOf(ls), ln.XOf(le)
			rect := canvas.NewRectangle(c)
			rect.Move(fyne.NewPos(x0, ln.Y+m.TextTop()-1))
			rect.Resize(fyne.NewSize(max(x1-x0, 1), m.TextHeight+2))
			out = append(out, rect)
		}
	}
	return out
}
