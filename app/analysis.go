package app

import (
	"cmp"
	"context"
	"fmt"
	"image"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/annotate/findings"
	"frametag/project"
	"frametag/report"
)

// The Analysis window (Project → Analysis…): the report's tables
// (annotate/findings, as `frametag report` writes them) and charts,
// filtered by annotator (or gold), source, dates and layer; each table
// exports as CSV, and a click on a cell lists the spans behind it (a click
// on one opens its document there). Everything is computed off the UI
// goroutine; the window stays usable meanwhile.

const (
	everyone    = "Everyone"
	goldChoice  = "Gold (adjudicated)"
	allSources  = "All sources"
	allLayers   = "All layers"
	maxBehind   = 500 // spans listed behind a cell
	maxDescribe = 200 // of them, described by label and text
)

// tabNames are the tables' tab names, short enough for all six to show.
var tabNames = map[string]string{
	"who-claims-what":      "Who claims what",
	"technique-by-actor":   "Technique × actor",
	"technique-by-source":  "Technique × source",
	"frame-by-source":      "Frame × source",
	"techniques-over-time": "Over time",
	findings.LabelsTable:   "Labels",
}

type analysisView struct {
	w   *Workbench
	win fyne.Window

	annotator, source, layer *widget.Select
	from, to                 *widget.Entry
	status                   *widget.Label
	tabs                     *container.AppTabs

	// cache keeps the project's findings records between requests while
	// the window is open (read again when the project changes).
	cache  project.FindingsCache
	f      findings.Findings
	req    project.FindingsRequest
	tables []findings.Table
	charts map[string]image.Image // by chart name
	gen    int                    // the latest computation; older answers are dropped

	behindTitle *widget.Label
	behind      *widget.List
	behindRows  []behindRow
}

// behindRow is one span behind a cell, as listed.
type behindRow struct {
	ref  annotate.SpanRef
	text string
}

// showAnalysis opens the Analysis window (or brings it forward).
func (w *Workbench) showAnalysis() {
	if w.analysis != nil {
		w.analysis.win.RequestFocus()
		return
	}
	a := &analysisView{w: w, win: w.app.NewWindow("Analysis — " + filepath.Base(w.store.Path()))}
	w.analysis = a
	a.win.SetOnClosed(func() { w.analysis = nil })
	a.build()
	a.win.Resize(fyne.NewSize(1100, 720))
	a.win.Show()
	a.compute()
}

func (a *analysisView) build() {
	a.annotator = widget.NewSelect([]string{everyone}, nil)
	a.annotator.SetSelected(everyone)
	a.source = widget.NewSelect([]string{allSources}, nil)
	a.source.SetSelected(allSources)
	layers := []string{allLayers}
	for _, l := range a.w.session.currentSchema().Layers {
		layers = append(layers, l.Name)
	}
	a.layer = widget.NewSelect(layers, nil)
	a.layer.SetSelected(allLayers)
	a.from, a.to = widget.NewEntry(), widget.NewEntry()
	a.from.SetPlaceHolder("from YYYY-MM-DD")
	a.to.SetPlaceHolder("to YYYY-MM-DD")
	a.from.OnSubmitted = func(string) { a.compute() }
	a.to.OnSubmitted = func(string) { a.compute() }
	for _, s := range []*widget.Select{a.annotator, a.source, a.layer} {
		s.OnChanged = func(string) { a.compute() }
	}
	apply := widget.NewButtonWithIcon("Apply", theme.ViewRefreshIcon(), a.compute)
	a.status = widget.NewLabel("")
	a.status.Wrapping = fyne.TextWrapWord
	filters := container.NewHBox(a.annotator, a.source, a.layer, sized(a.from, 150), sized(a.to, 150), apply)
	a.tabs = container.NewAppTabs()
	a.behindTitle = widget.NewLabel("Click a count to list the spans behind it.")
	a.behindTitle.Wrapping = fyne.TextWrapWord
	a.behind = widget.NewList(func() int { return len(a.behindRows) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(a.behindRows[i].text) })
	a.behind.OnSelected = func(i widget.ListItemID) {
		if i < len(a.behindRows) {
			a.w.openSpanRef(a.behindRows[i].ref)
		}
		a.behind.UnselectAll()
	}
	side := container.NewBorder(a.behindTitle, nil, nil, nil, a.behind)
	split := container.NewHSplit(a.tabs, side)
	split.Offset = 0.72
	a.win.SetContent(container.NewBorder(container.NewVBox(filters, a.status), nil, nil, nil, split))
}

// sized gives an entry a width of its own in a row of controls.
func sized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.NewGridWrap(fyne.NewSize(width, o.MinSize().Height), o)
}

// request is the findings request the filters say.
func (a *analysisView) request() project.FindingsRequest {
	var req project.FindingsRequest
	switch who := a.annotator.Selected; who {
	case everyone, "":
	case goldChoice:
		req.Gold = true
	default:
		req.Annotator = who
	}
	if s := a.source.Selected; s != "" && s != allSources {
		req.Sources = []string{s}
	}
	if l := a.layer.Selected; l != "" && l != allLayers {
		req.Layer = l
	}
	req.From, req.To = strings.TrimSpace(a.from.Text), strings.TrimSpace(a.to.Text)
	return req
}

// compute runs the findings and charts off the UI goroutine and shows them
// when they are the latest asked for.
func (a *analysisView) compute() {
	if a.status == nil || a.tabs == nil {
		return // still being built
	}
	a.gen++
	mine, req, style := a.gen, a.request(), chartStyle()
	a.status.SetText("Computing…")
	a.w.background(func() {
		f, err := a.cache.Findings(a.w.ctx(), a.w.store, req)
		var charts map[string]image.Image
		var annotators []string
		if err == nil {
			charts, err = chartImages(f, style)
		}
		if err == nil {
			annotators, err = a.annotatorChoices()
		}
		fyne.Do(func() {
			if mine != a.gen {
				return
			}
			if err != nil {
				a.status.SetText(errorMessage(err))
				return
			}
			a.show(f, req, charts, annotators)
		})
	})
}

// annotatorChoices are everyone, each annotator with annotations, and the
// gold set when the project has one.
func (a *analysisView) annotatorChoices() ([]string, error) {
	names, err := a.cache.Annotators(a.w.ctx(), a.w.store)
	if err != nil {
		return nil, err
	}
	out := []string{everyone}
	gold := false
	for _, name := range names {
		if name == annotate.GoldAnnotator {
			gold = true
			continue
		}
		out = append(out, name)
	}
	if gold {
		out = append(out, goldChoice)
	}
	return out, nil
}

// chartStyle draws the window's charts in the theme's page and text colours
// (on a light page: as printed). Called on the UI goroutine.
func chartStyle() report.Style {
	return report.ThemeStyle(theme.Color(theme.ColorNameBackground), theme.Color(theme.ColorNameForeground))
}

// chartImages draws the report's charts in style s, by name: the PNGs'
// pixels, not compressed (compressing was half of drawing them).
func chartImages(f findings.Findings, s report.Style) (map[string]image.Image, error) {
	cs, err := report.StyledCharts(f, s)
	if err != nil {
		return nil, err
	}
	out := make(map[string]image.Image, len(cs))
	for _, c := range cs {
		out[c.Name] = c.Image()
	}
	return out, nil
}

func (a *analysisView) show(f findings.Findings, req project.FindingsRequest, charts map[string]image.Image, annotators []string) {
	a.f, a.req, a.charts, a.tables = f, req, charts, f.Tables()
	a.annotator.Options = annotators
	a.annotator.Refresh()
	if req.Sources == nil && req.From == "" && req.To == "" {
		// The sources of the unfiltered corpus (with this annotator's
		// counts) are the choices; a filtered run keeps them.
		a.source.Options = append([]string{allSources}, f.TechniqueBySource.Rows...)
		a.source.Refresh()
	}
	selected := a.tabs.SelectedIndex()
	var items []*container.TabItem
	for i := range a.tables {
		items = append(items, container.NewTabItem(cmp.Or(tabNames[a.tables[i].Name], a.tables[i].Title), a.tableTab(i)))
	}
	a.tabs.SetItems(items)
	if selected >= 0 && selected < len(items) {
		a.tabs.SelectIndex(selected)
	}
	whose := "every annotator's annotations"
	switch {
	case req.Gold:
		whose = "the gold annotations"
	case req.Annotator != "":
		whose = req.Annotator + "'s annotations"
	}
	a.status.SetText(fmt.Sprintf("%s, %s: %s attributed. Click a count to list the spans behind it.",
		plural(f.Documents, "document"), whose, plural(len(f.Claims), "claim")))
	a.behindRows = nil
	a.behind.Refresh()
	a.behindTitle.SetText("Click a count to list the spans behind it.")
}

// tableTab is one table: Export CSV, the table, and its charts below.
func (a *analysisView) tableTab(i int) fyne.CanvasObject {
	t := a.tables[i]
	cell := func() fyne.CanvasObject {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	tbl := widget.NewTable(
		func() (int, int) { return len(t.Rows), len(t.Header) },
		cell,
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(t.Rows[id.Row][id.Col]) })
	// The header row stays in sight while the rows scroll.
	tbl.ShowHeaderRow = true
	tbl.CreateHeader = func() fyne.CanvasObject {
		l := cell().(*widget.Label)
		l.TextStyle = fyne.TextStyle{Bold: true}
		return l
	}
	tbl.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(t.Header) {
			o.(*widget.Label).SetText(t.Header[id.Col])
		}
	}
	for c, h := range t.Header {
		width := len([]rune(h))
		for _, r := range t.Rows[:min(len(t.Rows), 200)] {
			width = max(width, len([]rune(r[c])))
		}
		tbl.SetColumnWidth(c, float32(min(width, 40))*8+24)
	}
	tbl.OnSelected = func(id widget.TableCellID) {
		tbl.UnselectAll()
		if id.Row >= 0 && id.Row < len(t.Rows) {
			a.cellClicked(t, id.Row, id.Col)
		}
	}
	export := widget.NewButtonWithIcon("Export "+t.Name+".csv…", theme.DocumentSaveIcon(), func() { a.exportCSV(t) })
	about := widget.NewLabel(t.Title + ": " + plural(len(t.Rows), "row"))
	about.Truncation = fyne.TextTruncateEllipsis
	top := container.NewBorder(nil, nil, export, nil, about)
	var images []fyne.CanvasObject
	for _, name := range a.chartNames(t.Name) {
		img := canvas.NewImageFromImage(a.charts[name])
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(chartSize(a.charts[name]))
		images = append(images, img)
	}
	if len(images) == 0 {
		return container.NewBorder(top, nil, nil, nil, tbl)
	}
	// Scrolled both ways, so that a chart shown at its printed size never
	// widens the window.
	split := container.NewVSplit(tbl, container.NewScroll(container.NewVBox(images...)))
	split.Offset = 0.45
	return container.NewBorder(top, nil, nil, nil, split)
}

// chartSize is the size a chart is shown at: its pixels (report.PNGDPI)
// at about 80 dots an inch, as large as on paper, so that its labels read;
// the pane scrolls.
func chartSize(img image.Image) fyne.Size {
	b := img.Bounds()
	scale := float32(80) / report.PNGDPI
	return fyne.NewSize(float32(b.Dx())*scale, float32(b.Dy())*scale)
}

// chartNames are the charts of a table: the heat map or lines of the same
// name, or each layer's bars for the label table, in the table's order.
func (a *analysisView) chartNames(table string) []string {
	if table != findings.LabelsTable {
		if _, ok := a.charts[table]; ok {
			return []string{table}
		}
		return nil
	}
	var out []string
	for _, u := range a.f.Labels {
		name := "labels-" + u.Layer
		if _, ok := a.charts[name]; ok && !slices.Contains(out, name) {
			out = append(out, name)
		}
	}
	return out
}

// cellClicked lists the spans behind a cell: a who-claims-what row is its
// claim span; a count is traced (project.SpansBehind) off the UI goroutine.
func (a *analysisView) cellClicked(t findings.Table, row, col int) {
	cells := t.Rows[row]
	if t.Name == a.f.ClaimsTable().Name {
		ref := annotate.SpanRef{Doc: cells[3], Span: cells[9]}
		a.listBehind(fmt.Sprintf("The claim “%s”, by %s:", preview(cells[2], 60), cells[0]), []behindRow{{ref: ref, text: cells[3] + " · Claim “" + preview(cells[2], 80) + "”"}})
		return
	}
	var cell findings.Cell
	switch {
	case t.Name == findings.LabelsTable:
		cell = findings.Cell{Table: t.Name, Row: cells[0], Col: cells[2]}
	case col <= 1:
		cell = findings.Cell{Table: t.Name, Row: cells[0], Col: t.Header[1]}
	default:
		cell = findings.Cell{Table: t.Name, Row: cells[0], Col: t.Header[col]}
	}
	a.behindTitle.SetText("Finding the spans behind " + cell.Row + " × " + shownName(cell.Col) + "…")
	mine, req := a.gen, a.req
	a.w.background(func() {
		refs, n, err := a.cache.SpansBehind(a.w.ctx(), a.w.store, req, cell, maxBehind)
		var rows []behindRow
		if err == nil {
			rows, err = describeSpans(a.w.ctx(), a.w.store, refs)
		}
		fyne.Do(func() {
			if mine != a.gen {
				return
			}
			if err != nil {
				a.behindTitle.SetText(errorMessage(err))
				return
			}
			title := fmt.Sprintf("%s × %s: %d", cell.Row, shownName(cell.Col), n)
			if n > len(rows) {
				title += fmt.Sprintf(" (the first %d listed)", len(rows))
			}
			a.listBehind(title+". Click one to open it.", rows)
		})
	})
}

func (a *analysisView) listBehind(title string, rows []behindRow) {
	a.behindTitle.SetText(title)
	a.behindRows = rows
	a.behind.Refresh()
	a.behind.ScrollToTop()
}

// annotationsReader reads one document with its annotations.
type annotationsReader interface {
	Annotations(ctx context.Context, doc string) (annotate.AnnotatedDoc, error)
}

// describeSpans names each span by its document, label and text (the first
// maxDescribe; the rest by document and id), reading each document once:
// the texts are not kept in memory (project.FindingsCache), and a few
// hundred documents read by key take milliseconds.
func describeSpans(ctx context.Context, st annotationsReader, refs []annotate.SpanRef) ([]behindRow, error) {
	rows := make([]behindRow, len(refs))
	docs := map[string]*annotate.AnnotatedDoc{}
	for i, r := range refs {
		rows[i] = behindRow{ref: r, text: cmp.Or(r.Doc+" · "+r.Span, r.Doc)}
		if r.Span == "" {
			rows[i].text = r.Doc + " (the document)"
			continue
		}
		if i >= maxDescribe {
			continue
		}
		d, ok := docs[r.Doc]
		if !ok {
			ad, err := st.Annotations(ctx, r.Doc)
			if err != nil {
				return nil, err
			}
			d = &ad
			docs[r.Doc] = d
		}
		ix := annotate.NewTextIndex(d.Text)
		for _, sp := range d.Spans {
			if sp.ID == r.Span {
				text, _ := ix.SpanText(sp.Fragments)
				rows[i].text = fmt.Sprintf("%s · %s “%s” (%s)", r.Doc, shownName(sp.Label), preview(text, 60), sp.Annotator)
				break
			}
		}
	}
	return rows, nil
}

// exportCSV asks for a file and writes the table there as CSV.
func (a *analysisView) exportCSV(t findings.Table) {
	fd := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil || wc == nil {
			return
		}
		werr := t.WriteCSV(wc)
		if cerr := wc.Close(); werr == nil {
			werr = cerr
		}
		if werr != nil {
			dialog.ShowError(fmt.Errorf("%s: %w", wc.URI().Path(), werr), a.win)
			return
		}
		a.status.SetText(fmt.Sprintf("Wrote %s (%d rows).", wc.URI().Path(), len(t.Rows)))
	}, a.win)
	fd.SetFileName(t.Name + ".csv")
	fd.Resize(fyne.NewSize(900, 600))
	fd.Show()
}

// openSpanRef opens a span's document in the workbench and selects the
// span (a document label's or a document count's reference: the document).
func (w *Workbench) openSpanRef(ref annotate.SpanRef) {
	if w.session.document().ID != ref.Doc {
		w.openDocument(ref.Doc)
	}
	w.win.RequestFocus()
	if ref.Span == "" {
		return
	}
	sp, ok := w.session.span(ref.Span)
	switch {
	case !ok:
		w.say("That span is no longer there.")
	case !w.session.shows(sp):
		w.say("That span is " + sp.Annotator + "'s: View → Show other annotators' spans shows it.")
	default:
		w.goToSpan(sp, "From the analysis")
	}
}
