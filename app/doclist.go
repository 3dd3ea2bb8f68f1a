package app

import (
	"fmt"
	"maps"
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
	"frametag/annotate/suggest"
	"frametag/project"
)

// docList is the left pane: a filter box, the progress line and a
// virtualised list of document summaries. Summaries are loaded once; an edit
// updates its document's row in place.
type docList struct {
	widget.BaseWidget
	all      []annotate.DocSummary
	byID     map[string]int // index into all
	shown    []int          // indices into all, in list order, after the filter
	shownAt  map[int]int    // index into all -> row in shown
	done     int
	query    string
	queryGen int // the latest search; older answers are dropped
	current  string

	list     *widget.List
	filter   *filterEntry
	progress *widget.Label
	// orderSel chooses the order of the list, which "Next document"
	// follows; onOrder computes it (off the UI goroutine) and hands it to
	// setOrder. rank is each document's place in it and why the reason
	// its row shows; unranked documents come after, as imported.
	orderSel *widget.Select
	onOrder  func(by project.OrderBy)
	chose    func(by project.OrderBy) // hears every order chosen
	order    project.OrderBy
	ordering bool
	rank     map[string]int
	why      map[string]string
	content  *fyne.Container
	syncing  bool

	onOpen func(id string)
	// onLeave hands the keyboard back to the article (Escape or Enter in
	// the filter box).
	onLeave func()
	search  func(query string) ([]annotate.DocSummary, error)
	// count, when set, counts the spans of the documents named by
	// annotator: a list loaded without counts (a summary's Spans is -1)
	// asks it for the rows it shows, in batches, off the UI thread.
	count    func(ids []string) (map[string]spanCounts, error)
	counting map[string]bool // asked for, answer not in yet
	// me is the annotator whose spans a row counts ("12 yours"); who holds
	// every annotator's count of the rows counted, shown on hover.
	me  string
	who map[string]spanCounts // by document id
	// tip is the hover's box of every annotator's counts, drawn over the
	// list (not an overlay, which would take the pointer's events).
	tip     *fyne.Container
	tipText *canvas.Text
	tipBox  *canvas.Rectangle
	batch   []string // to ask for at the next flush
	// background runs a search off the UI thread; tests make it synchronous.
	background func(func())
	// later runs f on the UI thread after the event being handled (the
	// list's layout pass that asks for counts); tests run it by hand.
	later func(f func())
}

func newDocList(onOpen func(id string)) *docList {
	d := &docList{onOpen: onOpen, byID: map[string]int{}, shownAt: map[int]int{},
		background: func(f func()) { go f() }, later: func(f func()) { go fyne.Do(f) }}
	d.filter = newFilterEntry(d.setQuery, d.openFirstShown, d.leave)
	d.progress = widget.NewLabel("")
	d.order = project.OrderImported
	d.orderSel = widget.NewSelect(orderNames(), func(name string) { d.chooseOrder(orderByName(name)) })
	d.orderSel.Selected = orderLabels[project.OrderImported] // not SetSelected: no list to order yet
	d.list = widget.NewList(
		func() int { return len(d.shown) },
		func() fyne.CanvasObject { return newDocRow(d.hoverCounts, d.order != project.OrderImported) },
		func(i widget.ListItemID, o fyne.CanvasObject) { d.fill(i, o.(*docRow)) },
	)
	d.list.OnSelected = func(i widget.ListItemID) {
		if d.syncing || i >= len(d.shown) {
			return
		}
		if id := d.all[d.shown[i]].ID; id != d.current {
			d.onOpen(id)
		}
	}
	d.tipBox = canvas.NewRectangle(theme.Color(theme.ColorNameOverlayBackground))
	d.tipBox.CornerRadius = 3
	d.tipText = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	d.tipText.TextSize = theme.CaptionTextSize()
	d.tip = container.NewWithoutLayout(d.tipBox, d.tipText)
	d.tip.Hide()
	orderRow := container.NewBorder(nil, nil, widget.NewLabel("Next:"), nil, d.orderSel)
	d.content = container.NewStack(container.NewBorder(container.NewVBox(d.filter, orderRow, d.progress), nil, nil, nil, d.list), d.tip)
	d.ExtendBaseWidget(d)
	return d
}

func (d *docList) CreateRenderer() fyne.WidgetRenderer { return newViewRenderer(d, d.content) }

// setDocuments replaces the whole list (a project opened, an import).
func (d *docList) setDocuments(all []annotate.DocSummary) {
	d.all = all
	d.who = map[string]spanCounts{}
	d.tip.Hide()
	d.byID = make(map[string]int, len(all))
	d.done = 0
	for i, s := range all {
		d.byID[s.ID] = i
		if s.Status == annotate.StatusDone {
			d.done++
		}
	}
	d.query = ""
	d.filter.SetText("")
	d.showAll()
}

func (d *docList) showAll() {
	d.shown = make([]int, len(d.all))
	for i := range d.all {
		d.shown[i] = i
	}
	d.sortShown()
	d.reindex()
}

// sortShown puts the rows shown in the chosen order: ranked documents by
// rank, the others after them as imported.
func (d *docList) sortShown() {
	if len(d.rank) == 0 {
		slices.Sort(d.shown)
		return
	}
	place := func(i int) int {
		if r, ok := d.rank[d.all[i].ID]; ok {
			return r
		}
		return len(d.rank) + i
	}
	slices.SortStableFunc(d.shown, func(a, b int) int { return place(a) - place(b) })
}

// The orders as the list offers them.
var orderLabels = map[project.OrderBy]string{
	project.OrderImported:  "as imported",
	project.OrderUncertain: "most uncertain suggestions",
	project.OrderNovel:     "most novel (least like the labelled)",
	project.OrderDisputed:  "most disputed (annotators disagree)",
}

func orderNames() []string {
	out := make([]string, 0, len(project.Orders))
	for _, o := range project.Orders {
		out = append(out, orderLabels[o])
	}
	return out
}

func orderByName(name string) project.OrderBy {
	for o, n := range orderLabels {
		if n == name {
			return o
		}
	}
	return project.OrderImported
}

// chooseOrder is the order chosen in the list: it is computed by onOrder,
// and the list keeps its order meanwhile.
func (d *docList) chooseOrder(by project.OrderBy) {
	if d.chose != nil {
		d.chose(by)
	}
	if by == project.OrderImported {
		d.setOrder(by, nil)
		return
	}
	if d.onOrder == nil {
		return
	}
	d.ordering = true
	d.updateProgress()
	d.onOrder(by)
}

// setOrder shows the list in an order, each ranked row with why.
func (d *docList) setOrder(by project.OrderBy, ranked []suggest.Ranked) {
	d.ordering = false
	d.order = by
	d.rank = make(map[string]int, len(ranked))
	d.why = make(map[string]string, len(ranked))
	for i, r := range ranked {
		d.rank[r.Doc] = i
		d.why[r.Doc] = r.Why
	}
	if name := orderLabels[by]; d.orderSel.Selected != name {
		d.orderSel.Selected = name // not SetSelected: that would order again
		d.orderSel.Refresh()
	}
	d.sortShown()
	d.reindex()
}

// orderFailed says in the progress line why the order could not be made.
func (d *docList) orderFailed(err error) {
	d.ordering = false
	d.updateProgress()
	d.progress.SetText(d.progress.Text + " · could not order: " + errorMessage(err))
}

func (d *docList) reindex() {
	d.shownAt = make(map[int]int, len(d.shown))
	for row, i := range d.shown {
		d.shownAt[i] = row
	}
	d.list.UnselectAll()
	d.list.Refresh()
	d.syncSelection()
	d.updateProgress()
}

// setQuery filters the list. The search runs off the UI thread, since a
// full-text search over a large project may take a moment.
func (d *docList) setQuery(q string) {
	if q == d.query {
		return
	}
	d.query = q
	d.queryGen++
	gen := d.queryGen
	if q == "" || d.search == nil {
		d.showAll()
		return
	}
	search := d.search
	d.background(func() {
		found, err := safeSearch(search, q)
		fyne.Do(func() {
			if gen != d.queryGen {
				return
			}
			d.showFound(found, err)
		})
	})
}

func safeSearch(search func(string) ([]annotate.DocSummary, error), q string) (found []annotate.DocSummary, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("search failed: %v", r)
		}
	}()
	return search(q)
}

func (d *docList) showFound(found []annotate.DocSummary, err error) {
	d.shown = d.shown[:0]
	if err != nil {
		// A query the search cannot parse matches nothing; say so in the
		// progress line rather than interrupting the typing with a dialog.
		d.reindex()
		d.progress.SetText("Search failed: " + err.Error())
		return
	}
	for _, s := range found {
		if i, ok := d.byID[s.ID]; ok {
			d.shown = append(d.shown, i)
		}
	}
	d.sortShown()
	d.reindex()
}

func (d *docList) updateProgress() {
	text := fmt.Sprintf("%d / %d done", d.done, len(d.all))
	if d.query != "" {
		text += fmt.Sprintf(" · %d shown", len(d.shown))
	}
	if d.ordering {
		text += " · ordering…"
	}
	if text != d.progress.Text { // most edits leave it as it is
		d.progress.SetText(text)
	}
}

func (d *docList) summary(id string) (annotate.DocSummary, bool) {
	i, ok := d.byID[id]
	if !ok {
		return annotate.DocSummary{}, false
	}
	return d.all[i], true
}

// update changes one document's row: its status and span counts (every
// annotator's, by; the annotator's own, spans).
func (d *docList) update(id string, status annotate.Status, spans int, by spanCounts) {
	i, ok := d.byID[id]
	if !ok {
		return
	}
	s := &d.all[i]
	if s.Status == status && s.Spans == spans && maps.Equal(d.who[id], by) {
		return
	}
	d.who[id] = by
	if s.Status == annotate.StatusDone {
		d.done--
	}
	if status == annotate.StatusDone {
		d.done++
	}
	s.Status, s.Spans = status, spans
	if row, ok := d.shownAt[i]; ok {
		d.list.RefreshItem(row)
	}
	d.updateProgress()
}

// follow keeps the list in line with the session: the open document is the
// selected row, and an edit redraws that one row (its status and span
// count), no other.
func (d *docList) follow(s *session) {
	s.subscribe(func(cs []change) {
		row := false
		for _, c := range cs {
			switch c.(type) {
			case docOpened:
				if s.hasDocument() {
					d.setCurrent(s.document().ID)
				}
				row = true
			case spanAdded, spanRemoved, statusChanged:
				row = true
			}
		}
		if row && s.hasDocument() {
			by := s.spanSummary().counts
			d.update(s.document().ID, s.status(), by[s.annotator], by)
		}
	})
}

// setCurrent marks the open document in the list.
func (d *docList) setCurrent(id string) {
	d.current = id
	d.syncSelection()
}

func (d *docList) syncSelection() {
	d.syncing = true
	defer func() { d.syncing = false }()
	i, ok := d.byID[d.current]
	if !ok {
		d.list.UnselectAll()
		return
	}
	row, ok := d.shownAt[i]
	if !ok {
		d.list.UnselectAll()
		return
	}
	d.list.Select(row)
	d.list.ScrollTo(row)
}

// neighbour is the document step rows away from id in the list as shown;
// from a document the filter hides, the first shown.
func (d *docList) neighbour(id string, step int) (string, bool) {
	if len(d.shown) == 0 {
		return "", false
	}
	i, ok := d.byID[id]
	row, shown := d.shownAt[i]
	if !ok || !shown {
		return d.all[d.shown[0]].ID, true
	}
	row += step
	if row < 0 || row >= len(d.shown) {
		return "", false
	}
	return d.all[d.shown[row]].ID, true
}

func (d *docList) fill(row int, r *docRow) {
	if row >= len(d.shown) {
		return
	}
	s := d.all[d.shown[row]]
	title := s.Title
	if title == "" {
		title = s.ID
	}
	r.title.SetText(title)
	r.setStatus(s.Status)
	r.id = s.ID
	r.setWhy(d.order != project.OrderImported, d.whyText(s.ID))
	if s.Spans < 0 {
		r.setSpans("")
		d.wantCount(s.ID)
		return
	}
	r.setSpans(d.countText(s.ID, s.Spans))
}

// whyText is why a document is where the order put it.
func (d *docList) whyText(id string) string {
	if why, ok := d.why[id]; ok {
		return fmt.Sprintf("#%d: %s", d.rank[id]+1, why)
	}
	return "not ranked by this order"
}

// countText is a row's count: "12 yours", and "· 40 in all" when others
// have spans there too.
func (d *docList) countText(id string, mine int) string {
	text := fmt.Sprintf("%d yours", mine)
	if all := d.who[id].total(); all > mine {
		text += fmt.Sprintf(" · %d in all", all)
	}
	return text
}

// hoverCounts shows (or, with in false, hides) every annotator's span
// count of row's document under its count: "alice (you) 12 · bob 30".
func (d *docList) hoverCounts(r *docRow, in bool) {
	if !in || r.id == "" || len(d.who[r.id]) == 0 {
		d.tip.Hide()
		return
	}
	d.tipText.Text = d.who[r.id].describe(d.me)
	d.tipText.Color = theme.Color(theme.ColorNameForeground)
	d.tipBox.FillColor = theme.Color(theme.ColorNameOverlayBackground)
	d.tipBox.StrokeColor, d.tipBox.StrokeWidth = theme.Color(theme.ColorNameInputBorder), 1
	size := fyne.MeasureText(d.tipText.Text, d.tipText.TextSize, d.tipText.TextStyle)
	const pad = 4
	box := fyne.NewSize(size.Width+2*pad, size.Height+2*pad)
	drv := fyne.CurrentApp().Driver()
	at := drv.AbsolutePositionForObject(r.spans).Subtract(drv.AbsolutePositionForObject(d))
	pos := fyne.NewPos(max(min(at.X+r.spans.Size().Width-box.Width, d.Size().Width-box.Width), 0), at.Y+r.spans.Size().Height)
	if pos.Y+box.Height > d.Size().Height {
		pos.Y = at.Y - box.Height
	}
	d.tipBox.Move(pos)
	d.tipBox.Resize(box)
	d.tipText.Move(pos.AddXY(pad, pad))
	d.tipText.Resize(size)
	d.tip.Show()
	d.tip.Refresh()
}

// spanCounts are one document's spans by annotator.
type spanCounts map[string]int

func (c spanCounts) total() int {
	n := 0
	for _, k := range c {
		n += k
	}
	return n
}

// describe lists every annotator's count, most first, the annotator me
// marked: "bob 30 · alice (you) 12".
func (c spanCounts) describe(me string) string {
	names := slices.Collect(maps.Keys(c))
	slices.SortFunc(names, func(a, b string) int {
		if c[a] != c[b] {
			return c[b] - c[a]
		}
		return strings.Compare(a, b)
	})
	parts := make([]string, 0, len(names))
	for _, n := range names {
		who := n
		if n == me {
			who += " (you)"
		}
		parts = append(parts, fmt.Sprintf("%s %d", who, c[n]))
	}
	return strings.Join(parts, " · ")
}

// wantCount asks for a shown document's span count; the rows filled in one
// pass of the list are counted in one query.
func (d *docList) wantCount(id string) {
	if d.count == nil || d.counting[id] {
		return
	}
	if d.counting == nil {
		d.counting = map[string]bool{}
	}
	d.counting[id] = true
	d.batch = append(d.batch, id)
	if len(d.batch) == 1 {
		// after the list has filled every row it is laying out
		d.later(d.flushCounts)
	}
}

func (d *docList) flushCounts() {
	ids, count := d.batch, d.count
	d.batch = nil
	if len(ids) == 0 || count == nil {
		return
	}
	d.background(func() {
		counts, err := count(ids)
		fyne.Do(func() {
			for _, id := range ids {
				delete(d.counting, id)
			}
			if err != nil {
				return // the rows ask again when they are shown again
			}
			// by id: the list may have been reloaded meanwhile, and a
			// count is as good for the new list's row of that document
			for id, by := range counts {
				if i, ok := d.byID[id]; ok && d.all[i].Spans < 0 {
					d.who[id] = by
					d.all[i].Spans = by[d.me]
					if row, ok := d.shownAt[i]; ok {
						d.list.RefreshItem(row)
					}
				}
			}
		})
	})
}

// statusColor is the colour of a status's text: the theme's success,
// primary and warning colours made readable on the list's rows (appTheme).
func statusColor(s annotate.Status) fyne.ThemeColorName {
	switch s {
	case annotate.StatusDone:
		return colorNameStatusDone
	case annotate.StatusInProgress:
		return colorNameStatusProgress
	case annotate.StatusSkipped:
		return colorNameStatusSkipped
	}
	return theme.ColorNameForeground
}

// docRow is one row of the document list: title above, status and span
// count below.
type docRow struct {
	widget.BaseWidget
	id    string // the document shown
	title *widget.Label
	// spans is the count; pointing at it shows everyone's counts.
	spans  *hoverLabel
	bottom *fyne.Container // status and span count
	// status is the status in its colour (a Label can only take the
	// theme's importance colours, which are not readable on a selected row).
	status *widget.RichText
	// why says why the document is where the chosen order put it; hidden
	// while the list is as imported.
	why *widget.Label
}

// setWhy shows (or hides) the row's reason line.
func (r *docRow) setWhy(shown bool, text string) {
	if shown != r.why.Visible() {
		r.why.Hidden = !shown
		r.Refresh()
	}
	if shown && r.why.Text != text {
		r.why.SetText(text)
	}
}

func (r *docRow) setStatus(s annotate.Status) {
	seg := r.status.Segments[0].(*widget.TextSegment)
	if text, c := statusText(s), statusColor(s); seg.Text != text || seg.Style.ColorName != c {
		seg.Text, seg.Style.ColorName = text, c
		r.status.Refresh()
	}
}

// setSpans shows the span count ("" while it is being counted); the row's
// bottom line is laid out again, since the count's width changed.
func (r *docRow) setSpans(text string) {
	if r.spans.Text == text {
		return
	}
	r.spans.SetText(text)
	if r.bottom != nil {
		r.bottom.Refresh()
	}
}

func newDocRow(onHover func(r *docRow, in bool), ordered bool) *docRow {
	r := &docRow{title: widget.NewLabel(""), spans: newHoverLabel(), why: widget.NewLabel(""),
		status: widget.NewRichText(&widget.TextSegment{Style: widget.RichTextStyle{
			ColorName: theme.ColorNameForeground, SizeName: theme.SizeNameCaptionText, Inline: true}})}
	// Titles wrap onto a second line before they are cut: news headlines
	// differ at their ends as often as at their starts.
	r.title.Wrapping = fyne.TextWrapWord
	r.title.Truncation = fyne.TextTruncateEllipsis
	r.spans.SizeName = theme.SizeNameCaptionText
	r.spans.onHover = func(in bool) { onHover(r, in) }
	r.why.SizeName = theme.SizeNameCaptionText
	r.why.Truncation = fyne.TextTruncateEllipsis
	r.why.TextStyle = fyne.TextStyle{Italic: true}
	r.why.Hidden = !ordered
	r.ExtendBaseWidget(r)
	return r
}

// hoverLabel is a label that says when the pointer is over it (a row's
// count, which then shows every annotator's).
type hoverLabel struct {
	widget.Label
	onHover func(in bool)
}

func newHoverLabel() *hoverLabel {
	l := &hoverLabel{}
	l.ExtendBaseWidget(l)
	return l
}

func (l *hoverLabel) MouseIn(*desktop.MouseEvent)    { l.onHover(true) }
func (l *hoverLabel) MouseMoved(*desktop.MouseEvent) {}
func (l *hoverLabel) MouseOut()                      { l.onHover(false) }

func (r *docRow) CreateRenderer() fyne.WidgetRenderer {
	if r.bottom == nil {
		r.bottom = container.NewBorder(nil, nil, r.status, r.spans)
	}
	bottom := r.bottom
	// A wrapping label asks for one line only; hold two open for the title.
	lineH := fyne.MeasureText("Ag", theme.TextSize(), fyne.TextStyle{}).Height
	title := container.NewStack(fixedHeight(2*lineH+2*theme.InnerPadding()), r.title)
	// Labels pad themselves; a negative gap keeps the two lines together.
	return widget.NewSimpleRenderer(container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), title, bottom, r.why))
}

// filterEntry is the filter box. Escape and Enter give the keyboard back to
// the article (Enter opens the first document shown), so that finding a
// document never leaves the label keys typing into the box. It reports
// through its callbacks; what they do is the list's business.
type filterEntry struct {
	widget.Entry
	onEscape func()
}

func newFilterEntry(onChanged func(string), onEnter, onEscape func()) *filterEntry {
	e := &filterEntry{onEscape: onEscape}
	e.ExtendBaseWidget(e)
	e.SetPlaceHolder("Filter: words status: label: by:")
	e.OnChanged = onChanged
	e.OnSubmitted = func(string) { onEnter() }
	return e
}

// TypedKey implements fyne.Focusable: Escape keeps the filter and leaves.
func (e *filterEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// openFirstShown is Enter in the filter box: it opens the first document
// shown and gives the keyboard back to the article.
func (d *docList) openFirstShown() {
	if len(d.shown) > 0 {
		if id := d.all[d.shown[0]].ID; id != d.current {
			d.onOpen(id)
		}
	}
	d.leave()
}

func (d *docList) leave() {
	if d.onLeave != nil {
		d.onLeave()
	}
}
