package report

import (
	"bytes"
	"cmp"
	"fmt"
	"image"
	"image/color"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette"
	"gonum.org/v1/plot/palette/brewer"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"

	"frametag/annotate"
	"frametag/annotate/findings"
)

// Chart is one figure of the report, drawn by gonum.org/v1/plot.
type Chart struct {
	// Name is the file stem ("technique-by-source": .png and .svg); Title
	// is the figure's title, Note what it leaves out.
	Name, Title, Note string
	plot              *plot.Plot
	w, h              vg.Length
	background        color.Color
}

// PNGDPI is the PNGs' resolution: sharp in print at the chart's size.
const PNGDPI = 200

// Image draws the chart at PNGDPI: the PNG's pixels, for a window, which
// need not compress them.
func (c Chart) Image() image.Image { return c.raster().Image() }

func (c Chart) raster() *vgimg.Canvas {
	cv := vgimg.NewWith(vgimg.UseWH(c.w, c.h), vgimg.UseDPI(PNGDPI), vgimg.UseBackgroundColor(c.background))
	c.plot.Draw(draw.New(cv))
	return cv
}

// Encode renders the chart as "png" (at PNGDPI) or "svg".
func (c Chart) Encode(format string) ([]byte, error) {
	var wt io.WriterTo
	switch format {
	case "png":
		wt = vgimg.PngCanvas{Canvas: c.raster()}
	case "svg":
		cv := vgsvg.New(c.w, c.h)
		c.plot.Draw(draw.New(cv))
		wt = cv
	default:
		return nil, fmt.Errorf("unknown chart format %q", format)
	}
	var buf bytes.Buffer
	if _, err := wt.WriteTo(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Limits of a chart, so that it stays legible on a printed page; the CSV
// holds everything.
const (
	maxHeatRows  = 30 // actors or sources
	maxLines     = 8  // techniques over time
	maxBarLabels = 30
)

// okabeIto is Okabe and Ito's colour-blind-safe qualitative palette
// (yellow left out: too light on white), for lines.
var okabeIto = []color.Color{
	rgb(0x00, 0x72, 0xb2), rgb(0xd5, 0x5e, 0x00), rgb(0x00, 0x9e, 0x73), rgb(0xcc, 0x79, 0xa7),
	rgb(0x56, 0xb4, 0xe9), rgb(0xe6, 0x9f, 0x00), rgb(0x00, 0x00, 0x00), rgb(0x99, 0x99, 0x99),
}

func rgb(r, g, b uint8) color.Color { return color.RGBA{r, g, b, 0xff} }

// Style is the colours a chart is drawn in: Print for the report's files
// (white paper), ThemeStyle for a window's page.
type Style struct {
	background, foreground, grid color.Color
	// lines are the qualitative colours of lines and bars, in order.
	lines []color.Color
	// heat is a heat map's sequential scheme of n steps, fewest to most.
	heat func(n int) palette.Palette
}

// Print is the report's style: black on white, Okabe and Ito's colours
// and ColorBrewer's YlGnBu.
func Print() Style {
	return Style{background: color.White, foreground: color.Black, grid: color.Gray{Y: 128},
		lines: okabeIto, heat: sequential}
}

// minGraphicContrast is WCAG 2.1's contrast for graphics (SC 1.4.11): a
// line, a bar or a heat-map cell against the page.
const minGraphicContrast = 3

// ThemeStyle is the style for a page of colour bg with text fg: Print on a
// light page; on a dark one, the page and text colours, Okabe and Ito's
// colours that keep minGraphicContrast against the page (their yellow for
// their black), and the steps of YlGnBu that do (its darkest blues vanish
// into a dark page), so that zero cells (the page) stay apart from every
// count.
func ThemeStyle(bg, fg color.Color) Style {
	if luminance(bg) > 0.5 {
		return Print()
	}
	var lines []color.Color
	for _, c := range darkLines {
		if contrast(c, bg) >= minGraphicContrast {
			lines = append(lines, c)
		}
	}
	var heat []color.Color
	for _, c := range sequential(9).Colors() {
		if contrast(c, bg) >= minGraphicContrast {
			heat = append(heat, c)
		}
	}
	return Style{background: bg, foreground: fg, grid: mix(fg, bg, 0.3), lines: lines,
		heat: func(n int) palette.Palette { return spread(heat, n) }}
}

// darkLines are Okabe and Ito's colours for a dark page: the lighter first,
// their yellow for their black.
var darkLines = []color.Color{
	rgb(0x56, 0xb4, 0xe9), rgb(0xe6, 0x9f, 0x00), rgb(0x00, 0x9e, 0x73), rgb(0xf0, 0xe4, 0x42),
	rgb(0xcc, 0x79, 0xa7), rgb(0xd5, 0x5e, 0x00), rgb(0x00, 0x72, 0xb2), rgb(0x99, 0x99, 0x99),
}

// contrast is WCAG's contrast ratio of two colours (1 to 21).
func contrast(a, b color.Color) float64 {
	la, lb := luminance(a), luminance(b)
	return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)
}

// mix is a share of a blended over b.
func mix(a, b color.Color, share float64) color.Color {
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	m := func(x, y uint32) uint8 { return uint8((float64(x)*share + float64(y)*(1-share)) / 0x101) }
	return color.RGBA{m(ar, br), m(ag, bg), m(ab, bb), 0xff}
}

// colors is a palette of given colours.
type colors []color.Color

func (c colors) Colors() []color.Color { return c }

// spread is n of cs (all of them when fewer), evenly apart, first and last
// kept.
func spread(cs []color.Color, n int) palette.Palette {
	if n >= len(cs) || n < 2 {
		return colors(cs)
	}
	out := make(colors, n)
	for i := range out {
		out[i] = cs[i*(len(cs)-1)/(n-1)]
	}
	return out
}

// Charts draws every chart of the report for print: a heat map of each
// cross table by source or actor, lines over time, and bars of each
// layer's label mix.
func Charts(f findings.Findings) ([]Chart, error) { return StyledCharts(f, Print()) }

// StyledCharts is Charts in style s.
func StyledCharts(f findings.Findings, s Style) ([]Chart, error) {
	var out []Chart
	for _, t := range []findings.CrossTab{f.TechniqueByActor, f.TechniqueBySource, f.FrameBySource} {
		c, err := heatMap(t, s)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	c, err := overTime(f.TechniquesOverTime, s)
	if err != nil {
		return nil, err
	}
	out = append(out, c)
	layers := []string{}
	for _, u := range f.Labels {
		if !slices.Contains(layers, u.Layer) {
			layers = append(layers, u.Layer)
		}
	}
	for _, l := range layers {
		c, err := labelBars(f.Labels, l, s)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}

// sans is the charts' typeface (Liberation Sans, which gonum/plot
// embeds): plainer than its default serif at small sizes and in print.
const sans = "Sans"

func newPlot(title string, s Style) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = s.background
	for _, st := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle,
		&p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
		st.Font.Variant = sans
		st.Color = s.foreground
	}
	for _, ax := range []*plot.Axis{&p.X, &p.Y} {
		ax.Color, ax.Tick.Color = s.foreground, s.foreground
	}
	p.Title.Text = title
	p.Title.TextStyle.Font.Size = vg.Points(14)
	p.Title.Padding = vg.Points(8)
	p.X.Label.TextStyle.Font.Size = vg.Points(11)
	p.Y.Label.TextStyle.Font.Size = vg.Points(11)
	p.X.Tick.Label.Font.Size = vg.Points(9)
	p.Y.Tick.Label.Font.Size = vg.Points(9)
	return p
}

// rowsByTotal are the indexes of t's rows with the largest counts, at most
// n, in t's order.
func topRows(t findings.CrossTab, n int) []int {
	var idx []int
	sums := make([]int, len(t.Rows))
	for i, r := range t.Counts {
		for _, v := range r {
			sums[i] += v
		}
		if sums[i] > 0 {
			idx = append(idx, i)
		}
	}
	if len(idx) > n {
		slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(sums[b], sums[a]) })
		idx = idx[:n]
		slices.Sort(idx)
	}
	return idx
}

// usedCols are the columns with a count in one of rows.
func usedCols(t findings.CrossTab, rows []int) []int {
	var idx []int
	for j := range t.Cols {
		for _, i := range rows {
			if t.Counts[i][j] > 0 {
				idx = append(idx, j)
				break
			}
		}
	}
	return idx
}

// grid is a cross table as gonum's GridXYZ: rows of the table across (x),
// labels down (y, the first at the top).
type grid struct {
	t          findings.CrossTab
	rows, cols []int
}

func (g grid) Dims() (int, int)   { return len(g.rows), len(g.cols) }
func (g grid) Z(c, r int) float64 { return float64(g.t.Counts[g.rows[c]][g.cols[len(g.cols)-1-r]]) }
func (g grid) X(c int) float64    { return float64(c) }
func (g grid) Y(r int) float64    { return float64(r) }
func (g grid) Min() float64       { return 0 }
func (g grid) Max() float64       { return float64(max(1, g.t.Max())) }
func (g grid) label(c, r int) string {
	if v := g.Z(c, r); v != 0 {
		return strconv.Itoa(int(v))
	}
	return ""
}

// sequential is ColorBrewer's YlGnBu, a sequential scheme its authors mark
// colour-blind safe and legible in greyscale print (lightness runs one
// way).
func sequential(n int) palette.Palette {
	p, err := brewer.GetPalette(brewer.TypeSequential, "YlGnBu", n)
	if err != nil {
		panic(err) // n is 3..9
	}
	return p
}

func heatMap(t findings.CrossTab, s Style) (Chart, error) {
	rowWord := map[string]string{"actor": "Actor", "source": "Source", "month": "Month"}[t.RowName]
	colWord := "Technique"
	if t.Name == "frame-by-source" {
		colWord = "Frame"
	}
	c := Chart{Name: t.Name, Title: t.Title, background: s.background}
	rows := topRows(t, maxHeatRows)
	var notes []string
	if n := len(t.Rows); len(rows) < n {
		notes = append(notes, fmt.Sprintf("the %d of %d %ss with the most counts", len(rows), n, t.RowName))
	}
	cols := usedCols(t, rows)
	if len(cols) < len(t.Cols) {
		notes = append(notes, fmt.Sprintf("%d of %d %ss: those never counted are left out", len(cols), len(t.Cols), strings.ToLower(colWord)))
	}
	c.Note = strings.Join(notes, "; ")
	p := newPlot(t.Title, s)
	p.X.Label.Text = rowWord
	p.Y.Label.Text = colWord
	if len(rows) == 0 || len(cols) == 0 {
		return empty(c, p), nil
	}
	g := grid{t: t, rows: rows, cols: cols}
	steps := min(9, max(3, g.t.Max()))
	hm := plotter.NewHeatMap(g, s.heat(steps))
	// Zero is the page (below Min), so empty cells read as empty.
	hm.Min, hm.Max = 0.5, g.Max()
	if hm.Max <= hm.Min {
		hm.Max = hm.Min + 1
	}
	hm.Underflow = s.background
	p.Add(hm)

	// Each count printed in its cell, dark on light cells and white on dark.
	var xys plotter.XYs
	var labels []string
	var styles []text.Style
	pal := hm.Palette.Colors()
	base := p.X.Tick.Label
	base.XAlign, base.YAlign = draw.XCenter, draw.YCenter
	for ci := range rows {
		for ri := range cols {
			s := g.label(ci, ri)
			if s == "" {
				continue
			}
			xys = append(xys, plotter.XY{X: float64(ci), Y: float64(ri)})
			labels = append(labels, s)
			st := base
			st.Color = color.Black
			k := int((g.Z(ci, ri)-hm.Min)*float64(len(pal)-1)/(hm.Max-hm.Min) + 0.5)
			if luminance(pal[min(max(k, 0), len(pal)-1)]) < 0.35 {
				st.Color = color.White
			}
			styles = append(styles, st)
		}
	}
	if len(xys) > 0 {
		l, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
		if err != nil {
			return c, err
		}
		l.TextStyle = styles
		p.Add(l)
	}
	names := make([]string, len(rows))
	for i, r := range rows {
		names[i] = t.Rows[r]
	}
	p.NominalX(names...)
	ys := make([]string, len(cols))
	for i, j := range cols {
		ys[len(cols)-1-i] = t.Cols[j]
	}
	p.NominalY(ys...)
	p.X.Tick.Label.Rotation = math.Pi / 4
	p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YTop
	c.plot = p
	c.w = max(16*vg.Centimeter, 8*vg.Centimeter+vg.Length(len(rows))*0.9*vg.Centimeter)
	c.h = 7*vg.Centimeter + vg.Length(len(cols))*0.6*vg.Centimeter
	if c.Note != "" {
		p.Title.Text += "\n(" + c.Note + ")"
	}
	return c, nil
}

// luminance is WCAG's relative luminance of c.
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	lin := func(v uint32) float64 {
		s := float64(v) / 0xffff
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
}

// empty makes a chart that says it has nothing to show.
func empty(c Chart, p *plot.Plot) Chart {
	p.Title.Text += "\n(nothing to show: no counts)"
	p.HideAxes()
	c.plot, c.w, c.h = p, 16*vg.Centimeter, 6*vg.Centimeter
	return c
}

// dashes tell the lines apart in greyscale print, with the glyphs.
var dashes = [][]vg.Length{nil, {vg.Points(6), vg.Points(3)}, {vg.Points(2), vg.Points(2)},
	{vg.Points(8), vg.Points(3), vg.Points(2), vg.Points(3)}}

func overTime(t findings.CrossTab, s Style) (Chart, error) {
	c := Chart{Name: t.Name, Title: t.Title, background: s.background}
	p := newPlot(t.Title, s)
	p.X.Label.Text = "Month published"
	p.Y.Label.Text = "Technique spans"
	var months []int
	for i, m := range t.Rows {
		if m != findings.Undated {
			months = append(months, i)
		}
	}
	sums := t.ColSums()
	var cols []int
	for j := range t.Cols {
		n := 0
		for _, i := range months {
			n += t.Counts[i][j]
		}
		if n > 0 {
			cols = append(cols, j)
		}
	}
	slices.SortStableFunc(cols, func(a, b int) int { return cmp.Compare(sums[b], sums[a]) })
	if len(cols) > maxLines {
		c.Note = fmt.Sprintf("the %d most used of %d techniques", maxLines, len(cols))
		cols = cols[:maxLines]
	}
	if len(months) == 0 || len(cols) == 0 {
		return empty(c, p), nil
	}
	p.Legend.Top = true
	p.Legend.TextStyle.Font.Size = vg.Points(9)
	p.Legend.ThumbnailWidth = vg.Points(28)
	p.Legend.Padding = vg.Points(2)
	peak := 0
	for k, j := range cols {
		xys := make(plotter.XYs, len(months))
		for x, i := range months {
			xys[x] = plotter.XY{X: float64(x), Y: float64(t.Counts[i][j])}
			peak = max(peak, t.Counts[i][j])
		}
		l, pts, err := plotter.NewLinePoints(xys)
		if err != nil {
			return c, err
		}
		col := s.lines[k%len(s.lines)]
		l.Color, l.Width, l.Dashes = col, vg.Points(1.8), dashes[k%len(dashes)]
		pts.Color, pts.Shape, pts.Radius = col, draw.GlyphDrawer(glyphs[k%len(glyphs)]), vg.Points(3)
		p.Add(l, pts)
		p.Legend.Add(t.Cols[j], l, pts)
	}
	names := make([]string, len(months))
	for x, i := range months {
		names[x] = t.Rows[i]
	}
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.4, float64(len(months)-1)+0.4
	p.Legend.XOffs = -vg.Points(4)
	if len(months) > 12 {
		p.X.Tick.Label.Rotation = math.Pi / 4
		p.X.Tick.Label.XAlign, p.X.Tick.Label.YAlign = draw.XRight, draw.YTop
	}
	// Room above the lines for the legend, one line of it per technique.
	p.Y.Min = 0
	p.Y.Max = float64(peak) * (1.25 + 0.06*float64(len(cols)))
	p.Y.Tick.Marker = intTicks{}
	grid := plotter.NewGrid()
	grid.Horizontal.Color, grid.Vertical.Color = s.grid, nil
	p.Add(grid)
	if c.Note != "" {
		p.Title.Text += "\n(" + c.Note + ")"
	}
	c.plot = p
	c.w = max(18*vg.Centimeter, 6*vg.Centimeter+vg.Length(len(months))*0.7*vg.Centimeter)
	c.h = 12 * vg.Centimeter
	return c, nil
}

var glyphs = []draw.GlyphDrawer{draw.CircleGlyph{}, draw.SquareGlyph{}, draw.TriangleGlyph{},
	draw.CrossGlyph{}, draw.PlusGlyph{}, draw.RingGlyph{}, draw.BoxGlyph{}, draw.PyramidGlyph{}}

// labelBars is a layer's label mix: horizontal bars, the most used at the
// top.
func labelBars(uses []findings.LabelUse, layer string, s Style) (Chart, error) {
	var rows []findings.LabelUse
	kind := annotate.LayerKind("")
	for _, u := range uses {
		if u.Layer == layer {
			kind = u.Kind
			if u.Count > 0 {
				rows = append(rows, u)
			}
		}
	}
	what := "Spans"
	if kind == annotate.DocumentLayer {
		what = "Document labels"
	}
	title := fmt.Sprintf("Labels of the %s layer", layer)
	c := Chart{Name: "labels-" + layer, Title: title, background: s.background}
	p := newPlot(title, s)
	p.X.Label.Text = what
	slices.SortStableFunc(rows, func(a, b findings.LabelUse) int { return cmp.Compare(b.Count, a.Count) })
	if len(rows) > maxBarLabels {
		c.Note = fmt.Sprintf("the %d most used of %d labels", maxBarLabels, len(rows))
		rows = rows[:maxBarLabels]
	}
	if len(rows) == 0 {
		return empty(c, p), nil
	}
	vals := make(plotter.Values, len(rows))
	names := make([]string, len(rows))
	for i, u := range rows {
		// bottom to top, so that the most used is at the top
		vals[len(rows)-1-i] = float64(u.Count)
		names[len(rows)-1-i] = u.Label
	}
	bars, err := plotter.NewBarChart(vals, vg.Points(12))
	if err != nil {
		return c, err
	}
	bars.Horizontal = true
	bars.Color = s.lines[0]
	bars.LineStyle.Width = 0
	grid := plotter.NewGrid()
	grid.Horizontal.Color, grid.Vertical.Color = nil, s.grid
	p.Add(grid, bars)
	// The count at the end of each bar.
	xys := make(plotter.XYs, len(vals))
	labels := make([]string, len(vals))
	for i, v := range vals {
		xys[i] = plotter.XY{X: v, Y: float64(i)}
		labels[i] = strconv.Itoa(int(v))
	}
	lb, err := plotter.NewLabels(plotter.XYLabels{XYs: xys, Labels: labels})
	if err != nil {
		return c, err
	}
	for i := range lb.TextStyle {
		lb.TextStyle[i].XAlign, lb.TextStyle[i].YAlign = draw.XLeft, draw.YCenter
		lb.TextStyle[i].Font.Variant = sans
		lb.TextStyle[i].Font.Size = vg.Points(9)
		lb.TextStyle[i].Color = s.foreground
	}
	lb.Offset = vg.Point{X: vg.Points(3)}
	p.Add(lb)
	p.NominalY(names...)
	p.X.Min = 0
	p.X.Max = vals[len(vals)-1] * 1.12
	p.X.Tick.Marker = intTicks{}
	if c.Note != "" {
		p.Title.Text += "\n(" + c.Note + ")"
	}
	c.plot = p
	c.w = 18 * vg.Centimeter
	c.h = 6*vg.Centimeter + vg.Length(len(rows))*0.6*vg.Centimeter
	return c, nil
}

// intTicks are gonum's default ticks at whole numbers only: the charts
// count things.
type intTicks struct{}

func (intTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for _, t := range (plot.DefaultTicks{}).Ticks(lo, hi) {
		if t.Value == math.Trunc(t.Value) {
			if t.Label != "" {
				t.Label = strconv.Itoa(int(t.Value))
			}
			out = append(out, t)
		}
	}
	return out
}
