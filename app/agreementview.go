package app

import (
	"context"
	"fmt"
	"image/color"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/agreement"
	"frametag/app/palette"
	"frametag/project"
)

// The Agreement view (Project → Agreement…): what `frametag agree` prints,
// in a window of its own, one tab per layer: the figures per label and over
// all labels, each cell coloured by its value; the pairwise annotator
// matrix; the documents, most disagreement first, a click opening one in
// the main window. The report is computed off the UI goroutine
// (project.Agreement, the command line's road), so the window stays
// responsive; closing it stops the computation.

// agreementDocsShown is how many documents below full agreement a tab lists.
const agreementDocsShown = 50

// agreementView is the Agreement window.
type agreementView struct {
	w      *Workbench
	win    fyne.Window
	status *widget.Label
	tabs   *container.AppTabs
	// who is a check box for each annotator of the first report, all
	// ticked at first (everyone, as `agree` compares them); the figures are
	// computed again among those ticked (`agree --annotators`).
	who      *fyne.Container
	everyone []string
	left     map[string]bool // the annotators unticked
	// stop cancels the computation under way, if any.
	stop context.CancelFunc
	rep  agreement.Report
	// shown is every figure cell's text by what it shows (for tests and
	// recolouring): "layer|label|measure" ("" label: all labels) and
	// "layer|pair|a|b".
	shown map[string]string
	// cells are the coloured cells, to recolour after a theme change.
	cells []*valueCell
	// docRows are the documents' rows of the tabs, by layer.
	docRows map[string][]*docLink
}

// showAgreement opens the Agreement window, or brings it forward and
// computes the figures again.
func (w *Workbench) showAgreement() {
	if av := w.agreement; av != nil {
		av.win.RequestFocus()
		av.compute()
		return
	}
	av := &agreementView{w: w}
	av.build()
	w.agreement = av
	av.win.Show()
	av.compute()
}

func (av *agreementView) build() {
	av.win = av.w.app.NewWindow("frametag — agreement — " + filepath.Base(av.w.store.Path()))
	av.status = widget.NewLabel("")
	av.status.Wrapping = fyne.TextWrapWord
	again := widget.NewButtonWithIcon("Compute again", theme.ViewRefreshIcon(), av.compute)
	av.tabs = container.NewAppTabs()
	av.who = container.NewHBox()
	av.left = map[string]bool{}
	top := container.NewVBox(container.NewBorder(nil, nil, nil, again, av.status), av.who)
	av.win.SetContent(container.NewBorder(top, nil, nil, nil, av.tabs))
	av.win.Resize(fyne.NewSize(980, 720))
	av.win.SetOnClosed(func() {
		if av.stop != nil {
			av.stop()
		}
		if av.w.agreement == av {
			av.w.agreement = nil
		}
	})
	av.win.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyEscape {
			av.win.Close()
		}
	})
}

// compute reads the project and computes the report in the background; a
// computation under way is cancelled first.
func (av *agreementView) compute() {
	if av.stop != nil {
		av.stop()
	}
	opt := agreement.Options{}
	if len(av.left) > 0 {
		for _, a := range av.everyone {
			if !av.left[a] {
				opt.Annotators = append(opt.Annotators, a)
			}
		}
		if len(opt.Annotators) < 2 {
			av.stop = nil
			av.status.SetText("Tick two annotators or more to compare them.")
			return
		}
	}
	ctx, stop := context.WithCancel(av.w.ctx())
	av.stop = stop
	av.status.SetText("Computing the agreement figures over every document…")
	store := av.w.store
	av.w.background(func() {
		rep, err := safeAgreement(ctx, store, opt)
		fyne.Do(func() {
			if ctx.Err() != nil {
				return // cancelled: closed, or computed again since
			}
			stop()
			if err != nil {
				av.status.SetText("Could not compute the agreement: " + errorMessage(err))
				return
			}
			av.show(rep)
		})
	})
}

func safeAgreement(ctx context.Context, st project.AgreementSource, opt agreement.Options) (rep agreement.Report, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("internal error: %v", r)
		}
	}()
	return project.Agreement(ctx, st, opt)
}

// showWho makes a check box for each annotator of the first report
// (everyone): untick one to leave them out of the figures.
func (av *agreementView) showWho(rep agreement.Report) {
	if av.everyone != nil || len(rep.Annotators) < 2 {
		return
	}
	av.everyone = rep.Annotators
	objs := []fyne.CanvasObject{widget.NewLabel("Compare:")}
	for _, a := range av.everyone {
		check := widget.NewCheck(a, func(on bool) {
			if on {
				delete(av.left, a)
			} else {
				av.left[a] = true
			}
			av.compute()
		})
		check.Checked = true
		objs = append(objs, check)
	}
	av.who.Objects = objs
	av.who.Refresh()
}

// show fills the tabs from a report.
func (av *agreementView) show(rep agreement.Report) {
	av.showWho(rep)
	av.rep = rep
	av.shown = map[string]string{}
	av.cells = nil
	av.docRows = map[string][]*docLink{}
	selected := ""
	if t := av.tabs.Selected(); t != nil {
		selected = t.Text
	}
	var items []*container.TabItem
	for _, l := range rep.Layers {
		items = append(items, container.NewTabItem(l.Layer, container.NewVScroll(av.layerView(l))))
	}
	av.tabs.SetItems(items)
	for _, it := range items {
		if it.Text == selected {
			av.tabs.Select(it)
		}
	}
	switch {
	case len(rep.Layers) == 0:
		av.status.SetText("The schema has no layers to compare.")
	case len(rep.Annotators) < 2:
		av.status.SetText(fmt.Sprintf("Agreement needs two annotators or more; this project has %s. Merge other annotators' work with File → Merge….", orNobody(rep.Annotators)))
	default:
		av.status.SetText("Agreement among " + strings.Join(rep.Annotators, ", ") +
			". Each figure is followed by the items it used; a click on a document opens it.")
	}
}

func orNobody(names []string) string {
	if len(names) == 0 {
		return "nobody"
	}
	return strings.Join(names, ", ")
}

// layerView is one layer's tab.
func (av *agreementView) layerView(l agreement.Layer) fyne.CanvasObject {
	kind := "document layer, one label per document"
	switch {
	case l.Kind == annotate.SpanLayer:
		kind = "span layer"
	case l.Multi:
		kind = "document layer, several labels per document: one yes/no item per document and label"
	}
	head := widget.NewLabel(fmt.Sprintf("%s (%s): annotators %s; %s coded by two or more.",
		l.Layer, kind, orNobody(l.Annotators), plural(l.Documents, "document")))
	head.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{head}
	for _, warn := range layerWarnings(l) {
		lbl := widget.NewLabel("⚠ " + warn)
		lbl.Wrapping = fyne.TextWrapWord
		lbl.Importance = widget.WarningImportance
		objs = append(objs, lbl)
	}
	if len(l.Annotators) < 2 {
		return container.NewVBox(objs...)
	}

	// Per label and over all labels.
	measures := l.All.Measures()
	spans := l.Kind == annotate.SpanLayer // and a column of the spans compared
	grid := []fyne.CanvasObject{headCell("")}
	for _, m := range measures {
		grid = append(grid, headCell(m.Name()))
	}
	if spans {
		grid = append(grid, headCell("spans"))
	}
	for _, r := range append([]agreement.Row{l.All}, l.Labels...) {
		name := shownName(r.Label)
		if r.Label == "" {
			name = "all labels"
		}
		grid = append(grid, nameCell(name))
		for _, m := range measures {
			f, _ := r.Get(m)
			grid = append(grid, av.cell(l.Layer+"|"+r.Label+"|"+string(m), f))
		}
		if spans {
			f, _ := r.Get(agreement.OverlapF1)
			grid = append(grid, widget.NewLabelWithStyle(fmt.Sprint(f.Spans), fyne.TextAlignTrailing, fyne.TextStyle{}))
		}
	}
	columns := len(measures) + 1
	if spans {
		columns++
	}
	objs = append(objs, sectionHead("Per label"), container.NewGridWithColumns(columns, grid...), legend())

	// The pairwise matrix.
	if len(l.Pairs) > 0 {
		pm := l.PairMeasure()
		matrix := []fyne.CanvasObject{headCell("")}
		for _, b := range l.Annotators {
			matrix = append(matrix, headCell(b))
		}
		for _, a := range l.Annotators {
			matrix = append(matrix, nameCell(a))
			for _, b := range l.Annotators {
				f, ok := pairFigure(l, a, b, pm)
				if !ok {
					matrix = append(matrix, headCell("—"))
					continue
				}
				matrix = append(matrix, av.cell(l.Layer+"|pair|"+a+"|"+b, f))
			}
		}
		objs = append(objs, sectionHead("Pairs of annotators: "+pm.Name()), container.NewGridWithColumns(len(l.Annotators)+1, matrix...))
	}

	// The documents, most disagreement first.
	docs, below := l.ByDisagreement()
	dm := l.DocMeasure()
	switch {
	case len(docs) == 0:
		objs = append(objs, sectionHead("No document was coded by two annotators or more."))
	case below == 0:
		objs = append(objs, sectionHead(fmt.Sprintf("Full agreement on all %s compared.", plural(len(docs), "document"))))
	default:
		objs = append(objs, sectionHead(fmt.Sprintf("Documents, most disagreement first (%s; a click opens one)", dm.Name())))
		for _, d := range docs[:min(below, agreementDocsShown)] {
			f, _ := d.Get(dm)
			row := newDocLink(d.ID, d.Title, av.cell(l.Layer+"|doc|"+d.ID, f), func(id string) { av.openDocument(id) })
			av.docRows[l.Layer] = append(av.docRows[l.Layer], row)
			objs = append(objs, row)
		}
		more := ""
		if below > agreementDocsShown {
			more = fmt.Sprintf("and %d more below 1.000 (frametag agree --json lists every one). ", below-agreementDocsShown)
		}
		if rest := len(docs) - below; rest > 0 {
			more += fmt.Sprintf("%s in full agreement.", plural(rest, "more document"))
		}
		if more != "" {
			objs = append(objs, widget.NewLabel(more))
		}
	}
	return container.NewVBox(objs...)
}

// pairFigure is the figure m of annotators a and b, in either order (a
// pair's precision and recall swap; its F1 and κ do not).
func pairFigure(l agreement.Layer, a, b string, m agreement.Measure) (agreement.Figure, bool) {
	for _, p := range l.Pairs {
		if p.A == a && p.B == b || p.A == b && p.B == a {
			return p.Get(m)
		}
	}
	return agreement.Figure{}, false
}

// layerWarnings are the layer's warnings and its figures', each text once,
// with the rows and measures that gave it.
func layerWarnings(l agreement.Layer) []string {
	out := append([]string(nil), l.Warnings...)
	where := map[string][]string{}
	var order []string
	for _, r := range append([]agreement.Row{l.All}, l.Labels...) {
		name := r.Label
		if name == "" {
			name = "all labels"
		}
		for _, f := range r.Figures {
			for _, w := range f.Warnings {
				if _, seen := where[w]; !seen {
					order = append(order, w)
				}
				where[w] = append(where[w], name+" "+f.Measure.Name())
			}
		}
	}
	for _, w := range order {
		out = append(out, w+" ("+project.ListSome(where[w], 4)+")")
	}
	return out
}

// openDocument opens id in the main window and brings it forward.
func (av *agreementView) openDocument(id string) {
	if _, ok := av.w.docs.summary(id); !ok {
		av.status.SetText("Document " + id + " is not in the project any more.")
		return
	}
	av.w.openDocument(id)
	av.w.win.RequestFocus()
}

// recolor paints the cells for a new theme.
func (av *agreementView) recolor() {
	for _, c := range av.cells {
		c.paint()
	}
}

// cell is a figure's cell, remembered as shown.
func (av *agreementView) cell(key string, f agreement.Figure) *valueCell {
	c := newValueCell(f)
	av.cells = append(av.cells, c)
	av.shown[key] = c.text.Text
	return c
}

// figureText is a figure as the command line prints it: the value to three
// decimals (or n/a) and the items it used.
func figureText(f agreement.Figure) string {
	v := "n/a"
	if f.Value != nil {
		v = fmt.Sprintf("%.3f", *f.Value)
	}
	return fmt.Sprintf("%s (%d)", v, f.Items)
}

// agreementBand is one band of the colour scale.
type agreementBand struct {
	from  float64 // the band holds values from this up to the next band's
	hex   string
	label string
}

// agreementBands colour values from ColorBrewer's PuOr scale (safe for the
// common colour-vision deficiencies): purple for agreement, orange for
// disagreement, the lightness telling the strength, a grey between. A cell
// is filled with its band's colour whatever the theme, its text black or
// white, whichever reads better on it (palette.TextColorOn: 4.5:1 at
// least, TestAgreementColoursReadable); the value is always written too.
var agreementBands = []agreementBand{
	{0.8, "#5e3c99", "≥ 0.8"},
	{0.6, "#b2abd2", "0.6–0.8"},
	{0.4, "#c8c8c8", "0.4–0.6"},
	{0, "#fdb863", "0–0.4"},
	{-2, "#e66101", "< 0"},
}

// band is the band of value v (nil: none).
func band(v *float64) (agreementBand, bool) {
	if v == nil {
		return agreementBand{}, false
	}
	for _, b := range agreementBands {
		if *v >= b.from {
			return b, true
		}
	}
	return agreementBand{}, false
}

// valueCell is one figure, its background tinted by its value.
type valueCell struct {
	widget.BaseWidget
	fig  agreement.Figure
	bg   *canvas.Rectangle
	text *canvas.Text
}

func newValueCell(f agreement.Figure) *valueCell {
	c := &valueCell{fig: f, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText(figureText(f), nil)}
	c.bg.CornerRadius = 2
	c.text.Alignment = fyne.TextAlignTrailing
	c.text.TextStyle.Monospace = true
	c.paint()
	c.ExtendBaseWidget(c)
	return c
}

// paint colours the cell in the running theme.
func (c *valueCell) paint() {
	c.text.Color = theme.Color(theme.ColorNameForeground)
	c.bg.FillColor = color.Transparent
	if b, ok := band(c.fig.Value); ok {
		fill, err1 := palette.NRGBA(b.hex)
		text, err2 := palette.NRGBA(palette.TextColorOn(b.hex))
		if err1 == nil && err2 == nil {
			c.bg.FillColor, c.text.Color = fill, text
		}
	}
	c.bg.Refresh()
	c.text.Refresh()
}

func (c *valueCell) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(c.bg, container.New(layout.NewCustomPaddedLayout(2, 2, 6, 6), c.text)))
}

// headCell is a column head.
func headCell(s string) fyne.CanvasObject {
	return widget.NewLabelWithStyle(s, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
}

// nameCell is a row's name.
func nameCell(s string) fyne.CanvasObject {
	l := widget.NewLabel(s)
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func sectionHead(s string) fyne.CanvasObject {
	l := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Wrapping = fyne.TextWrapWord
	return l
}

// legend shows the colour scale with its bands' values.
func legend() fyne.CanvasObject {
	objs := []fyne.CanvasObject{widget.NewLabel("Colours:")}
	for _, b := range agreementBands {
		v := b.from
		objs = append(objs, newValueCellText(&v, b.label))
	}
	objs = append(objs, widget.NewLabel("n/a: no colour"))
	return container.NewHBox(objs...)
}

// newValueCellText is a legend swatch: the colour of v with text.
func newValueCellText(v *float64, text string) *valueCell {
	c := newValueCell(agreement.Figure{Value: v})
	c.text.Text = text
	return c
}

// docLink is a document's row in the Agreement view: its figure, id and
// title; a click opens it.
type docLink struct {
	widget.BaseWidget
	id     string
	onTap  func(id string)
	figure *valueCell
	label  *widget.Label
}

func newDocLink(id, title string, figure *valueCell, onTap func(string)) *docLink {
	l := &docLink{id: id, onTap: onTap, figure: figure}
	text := id
	if title != "" && title != id {
		text += " — " + title
	}
	l.label = widget.NewLabel(text)
	l.label.Truncation = fyne.TextTruncateEllipsis
	l.ExtendBaseWidget(l)
	return l
}

func (l *docLink) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(nil, nil, l.figure, nil, l.label))
}

// Tapped opens the document.
func (l *docLink) Tapped(*fyne.PointEvent) { l.onTap(l.id) }

// Cursor says the row is a link.
func (l *docLink) Cursor() desktop.Cursor { return desktop.PointerCursor }
