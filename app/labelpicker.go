package app

import (
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

// labelPicker is the Labels tab: one compact row per label under a small
// heading per span layer, or per group within a layer whose labels are
// grouped (the 23 techniques in six families), so a long codebook is one
// scrolling list read top to bottom; under it, the definition of the label
// pointed at (else the selected span's).
type labelPicker struct {
	widget.BaseWidget
	s       *session
	colours *labelColours
	choose  func(labelRef)

	list     *fyne.Container // group headings and label chips
	chips    []*labelChip
	hovered  *labelChip
	describe *widget.Label
	content  fyne.CanvasObject
}

func newLabelPicker(s *session, colours *labelColours, choose func(labelRef)) *labelPicker {
	p := &labelPicker{s: s, colours: colours, choose: choose}
	p.describe = widget.NewLabel("")
	p.describe.Wrapping = fyne.TextWrapWord
	p.describe.Truncation = fyne.TextTruncateEllipsis
	p.describe.SizeName = theme.SizeNameCaptionText
	p.list = container.New(layout.NewCustomPaddedVBoxLayout(0))
	// The definition line has a fixed height (three caption lines): a
	// footer that grew on hover would move the chips under the pointer.
	lines := float32(2)
	descBox := container.NewStack(fixedHeight(lines*captionLineHeight()+2*theme.InnerPadding()), p.describe)
	p.content = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), descBox), nil, nil,
		container.NewVScroll(p.list))
	p.ExtendBaseWidget(p)
	s.subscribe(p.changed)
	return p
}

func (p *labelPicker) CreateRenderer() fyne.WidgetRenderer { return newViewRenderer(p, p.content) }

func (p *labelPicker) changed(cs []change) {
	definition := false
	for _, c := range cs {
		switch c := c.(type) {
		case schemaChanged:
			p.setSchema(p.s.currentSchema())
		case docOpened, selectionChanged:
			definition = true
		case spanChanged:
			definition = definition || c.after.ID == p.s.selectedID()
		}
	}
	if definition {
		p.showDefinition()
	}
}

// setSchema makes the chips.
func (p *labelPicker) setSchema(s *annotate.Schema) {
	p.list.Objects = nil
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
			byGroup[lb.Group] = append(byGroup[lb.Group], newLabelChip(l.Name, lb, p.colours.of(l.Name, lb.Name), p.choose, p.hover))
		}
		for _, g := range groups {
			title := l.Name
			if g != "" {
				title = l.Name + " · " + g
			}
			p.list.Add(newGroupHeading(title))
			for _, c := range byGroup[g] {
				p.list.Add(c)
				p.chips = append(p.chips, c)
			}
		}
	}
	p.list.Refresh()
	p.showDefinition()
}

func (p *labelPicker) hover(c *labelChip, in bool) {
	switch {
	case in:
		p.hovered = c
	case p.hovered == c:
		p.hovered = nil
	}
	p.showDefinition()
}

// recolor repaints the swatches after a theme change.
func (p *labelPicker) recolor() {
	for _, c := range p.chips {
		c.setColor(p.colours.of(c.ref.layer, c.ref.label))
	}
}

// showDefinition fills the definition line: the hovered label's, else the
// selected span's label's, else a pointer to where definitions are.
func (p *labelPicker) showDefinition() {
	if c := p.hovered; c != nil {
		p.describe.SetText(definition(c.def))
		return
	}
	if sp, ok := p.s.selectedSpan(); ok {
		if lb, ok := p.s.labelDef(sp.Layer, sp.Label); ok {
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
//
// A chip reports taps and hovers through its callbacks; what they mean (label
// the text, show the definition) is its list's business.
type labelChip struct {
	widget.BaseWidget
	ref   labelRef
	def   annotate.Label
	color color.Color
	hover bool

	onTap   func(labelRef)
	onHover func(c *labelChip, in bool)
}

var _ desktop.Hoverable = (*labelChip)(nil)

func newLabelChip(layer string, lb annotate.Label, col color.Color, onTap func(labelRef), onHover func(*labelChip, bool)) *labelChip {
	c := &labelChip{ref: labelRef{layer, lb.Name}, def: lb, color: col, onTap: onTap, onHover: onHover}
	c.ExtendBaseWidget(c)
	return c
}

// setColor shows the chip's swatch in col.
func (c *labelChip) setColor(col color.Color) {
	c.color = col
	c.Refresh()
}

func (c *labelChip) CreateRenderer() fyne.WidgetRenderer {
	r := &chipRenderer{c: c, bg: canvas.NewRectangle(color.Transparent), swatch: canvas.NewRectangle(c.color),
		name: canvas.NewText("", color.Black), desc: canvas.NewText("", color.Black), key: canvas.NewText("", color.Black)}
	r.swatch.CornerRadius = 3
	r.key.TextStyle = fyne.TextStyle{Monospace: true}
	r.Refresh()
	return r
}

func (c *labelChip) Tapped(*fyne.PointEvent) { c.onTap(c.ref) }

func (c *labelChip) MouseIn(*desktop.MouseEvent) {
	c.hover = true
	c.Refresh()
	c.onHover(c, true)
}

func (c *labelChip) MouseMoved(*desktop.MouseEvent) {}

func (c *labelChip) MouseOut() {
	c.hover = false
	c.Refresh()
	c.onHover(c, false)
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
