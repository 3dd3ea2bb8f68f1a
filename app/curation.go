package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
	"frametag/app/articleview"
	"frametag/project"
)

// curationStore is what curation needs of the project: reading a document
// with gold's marks, applying curation edits, and gold's undo stack. Every
// annotate.Store has it.
type curationStore interface {
	project.Curator
	Undo(ctx context.Context, annotator string) (annotate.Edit, bool, error)
	Redo(ctx context.Context, annotator string) (annotate.Edit, bool, error)
}

// curationHelp is the curation window's keys, shown at its foot and in
// Help → Keyboard shortcuts.
const curationHelp = "1–9 accept that annotator's version (of a span, labels or a relation) · X reject (gold: nothing here) · " +
	"A accept all unanimous (relations between the spans it takes too) · " +
	"E make the words selected in gold's band the gold span (the curator's own) · R then a label's key relabel gold's span · " +
	"N / P next / previous dispute · ↓ / ↑ next / previous unit · ] / [ next / previous document · Ctrl+Z / Ctrl+Y undo / redo · Escape close"

// curationView is the curation mode: one document's units (what the
// annotators agree on and where they differ) with the current unit's
// versions stacked one band per annotator above gold's, a queue of documents
// ordered by disagreement, and progress over the corpus. Every decision is
// one CurateEdit on gold's undo stack, made in the curator's name (the
// window's annotator). It lives in a window of its own, so the article
// stays as it was beside it.
type curationView struct {
	w     *Workbench
	win   fyne.Window
	store curationStore
	name  string

	queue []annotate.CurationEntry
	doc   annotate.AnnotatedDoc
	cur   annotate.Curation
	unit  int
	// syncing is set while the lists are selected from code, so their
	// OnSelected does not act as a click.
	syncing bool
	// relabeling is set by R: the next key is the new label's, for gold's
	// span in the current unit.
	relabeling bool

	status  *widget.Label
	heading *widget.Label
	keys    *widget.Label
	// goldBand is gold's band of the current span unit, where the curator
	// selects the words of their own gold span; bandStart is where its
	// text starts in the document.
	goldBand  *articleview.View
	bandStart int
	bands     *fyne.Container
	unitList  *widget.List
	queueList *widget.List
	hint      *widget.Label
}

// openCuration opens the curation window on the open document (else the
// document with the most disputes), or brings it forward.
func (w *Workbench) openCuration() {
	if w.curation != nil {
		w.curation.win.RequestFocus()
		return
	}
	st, ok := w.store.(curationStore)
	if !ok {
		w.say("this project cannot be curated")
		return
	}
	cv := &curationView{w: w, store: st, name: w.annotator}
	cv.build()
	doc := ""
	if w.session.hasDocument() {
		doc = w.session.doc.ID
	}
	if err := cv.load(doc); err != nil {
		cv.win.Close()
		w.showError("Curate", err, "Nothing was changed.")
		return
	}
	w.curation = cv
	cv.win.Show()
}

func (cv *curationView) ctx() context.Context { return cv.w.ctx() }

func (cv *curationView) build() {
	cv.win = cv.w.app.NewWindow("frametag — curate")
	cv.status = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	cv.status.Wrapping = fyne.TextWrapWord
	cv.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	cv.hint = widget.NewLabel("")
	cv.hint.Wrapping = fyne.TextWrapWord
	cv.keys = widget.NewLabelWithStyle(curationHelp, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
	cv.keys.Wrapping = fyne.TextWrapWord
	cv.bands = container.NewVBox()
	cv.unitList = widget.NewList(func() int { return len(cv.cur.Units) },
		func() fyne.CanvasObject { return widget.NewLabel("dispute · techniques 000–000 · Loaded_Language") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(cv.unitLine(id)) })
	cv.unitList.OnSelected = func(id widget.ListItemID) {
		if !cv.syncing {
			cv.unit = id
			cv.show()
			cv.win.Canvas().Unfocus()
		}
	}
	cv.queueList = widget.NewList(func() int { return len(cv.queue) },
		func() fyne.CanvasObject { return widget.NewLabel("document-id · 00 open of 00 disputes") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(cv.queueLine(id)) })
	cv.queueList.OnSelected = func(id widget.ListItemID) {
		if !cv.syncing && id < len(cv.queue) {
			cv.openDoc(cv.queue[id].Doc)
			cv.win.Canvas().Unfocus()
		}
	}
	queue := container.NewBorder(widget.NewLabelWithStyle("Documents, most open disputes first", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, cv.queueList)
	units := container.NewBorder(widget.NewLabelWithStyle("Units of the document", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		nil, nil, nil, cv.unitList)
	detail := container.NewBorder(cv.heading, nil, nil, nil, container.NewVScroll(cv.bands))
	right := container.NewVSplit(detail, units)
	right.SetOffset(0.62)
	body := container.NewHSplit(queue, right)
	body.SetOffset(0.24)
	cv.win.SetContent(container.NewBorder(cv.status, container.NewVBox(cv.hint, cv.keys), nil, nil, body))
	cv.win.Resize(fyne.NewSize(1180, 760))
	c := cv.win.Canvas()
	c.SetOnTypedRune(cv.typedRune)
	c.SetOnTypedKey(cv.typedKey)
	c.AddShortcut(&fyne.ShortcutUndo{}, func(fyne.Shortcut) { cv.step(false) })
	c.AddShortcut(&fyne.ShortcutRedo{}, func(fyne.Shortcut) { cv.step(true) })
	c.AddShortcut(keyRedo, func(fyne.Shortcut) { cv.step(true) })
	cv.win.SetOnClosed(func() {
		if cv.w.curation == cv {
			cv.w.curation = nil
		}
	})
}

// load reads the queue and opens doc, or the first document of the queue.
func (cv *curationView) load(doc string) error {
	q, err := project.CurationQueue(cv.ctx(), cv.store)
	if err != nil {
		return err
	}
	cv.queue = annotate.SortQueue(q)
	if len(cv.queue) == 0 {
		return annotate.Errorf(annotate.ENotFound, "nothing to curate: no document has annotations yet")
	}
	if !slices.ContainsFunc(cv.queue, func(e annotate.CurationEntry) bool { return e.Doc == doc }) {
		doc = cv.queue[0].Doc
	}
	return cv.openDoc(doc)
}

// openDoc aligns doc and shows its first open dispute (else its first unit).
func (cv *curationView) openDoc(doc string) error {
	if err := cv.read(doc); err != nil {
		cv.hint.SetText(errorMessage(err))
		return err
	}
	cv.unit = 0
	if i := cv.nextOpen(-1, 1, true); i >= 0 {
		cv.unit = i
	} else if i := cv.nextOpen(-1, 1, false); i >= 0 {
		cv.unit = i
	}
	cv.show()
	return nil
}

// read aligns doc again and updates its queue entry.
func (cv *curationView) read(doc string) error {
	cur, ad, err := project.Curation(cv.ctx(), cv.store, doc)
	if err != nil {
		return err
	}
	cv.cur, cv.doc = cur, ad
	if i := slices.IndexFunc(cv.queue, func(e annotate.CurationEntry) bool { return e.Doc == doc }); i >= 0 {
		cv.queue[i] = cur.Entry(ad.Title)
	}
	if cv.unit >= len(cur.Units) {
		cv.unit = max(0, len(cur.Units)-1)
	}
	return nil
}

// nextOpen is the index of the next unit after from (dir 1) or before it
// (dir -1) that gold does not settle (a dispute when disputes), wrapping
// round; -1 when there is none.
func (cv *curationView) nextOpen(from, dir int, disputes bool) int {
	n := len(cv.cur.Units)
	for k := 1; k <= n; k++ {
		i := ((from+dir*k)%n + n) % n
		u := cv.cur.Units[i]
		if !u.Settled() && (!disputes || u.Kind == annotate.Dispute) {
			return i
		}
	}
	return -1
}

// show refreshes every part of the window from cv.cur and cv.unit.
func (cv *curationView) show() {
	cv.status.SetText(cv.statusLine())
	cv.syncing = true
	cv.unitList.Refresh()
	cv.queueList.Refresh()
	if len(cv.cur.Units) > 0 {
		cv.unitList.Select(cv.unit)
	}
	if i := slices.IndexFunc(cv.queue, func(e annotate.CurationEntry) bool { return e.Doc == cv.doc.ID }); i >= 0 {
		cv.queueList.Select(i)
	}
	cv.syncing = false
	cv.showBands()
}

func (cv *curationView) statusLine() string {
	n := cv.cur.Counts()
	state := fmt.Sprintf("%d of %d %s open", n.DisputesOpen, n.Disputes, pluralWord(n.Disputes, "dispute", "disputes"))
	if n.UnanimousOpen > 0 {
		state += fmt.Sprintf(", %d unanimous to accept", n.UnanimousOpen)
	}
	if cv.cur.Adjudicated() {
		state = "adjudicated"
	}
	title := cv.doc.Title
	if title == "" {
		title = cv.doc.ID
	}
	if n := cv.cur.Waiting; n > 0 {
		state += fmt.Sprintf(", %d %s for the spans at %s ends", n, pluralWord(n, "relation waits", "relations wait"), pluralWord(n, "its", "their"))
	}
	return fmt.Sprintf("Curating “%s” as %s: %s · %s", title, cv.name, state, annotate.Progress(cv.queue))
}

func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// unitLine is a unit's row in the list: whether the annotators agree,
// where, and what gold holds.
func (cv *curationView) unitLine(i int) string {
	if i >= len(cv.cur.Units) {
		return ""
	}
	u := cv.cur.Units[i]
	mark := map[annotate.UnitKind]string{annotate.Unanimous: "= unanimous", annotate.Dispute: "≠ dispute", annotate.GoldOnly: "+ curator's own"}[u.Kind]
	where := u.Layer
	switch r := u.Relation; {
	case r != nil:
		where += fmt.Sprintf(" %s “%s” → %s “%s”", r.From.Label, cv.quote(r.From.Start(), r.From.End(), 24), r.To.Label, cv.quote(r.To.Start(), r.To.End(), 24))
	case !u.Document:
		where += fmt.Sprintf(" %d–%d “%s”", u.Start, u.End, cv.quote(u.Start, u.End, 40))
	}
	if len(u.Differs) > 0 {
		where += " · " + strings.Join(u.DiffStrings(), "; ")
	}
	state := "open"
	switch {
	case u.Rejected:
		state = "settled: nothing"
	case u.Settled():
		state = "settled: " + cv.goldText(u)
	}
	return fmt.Sprintf("%d. %s · %s · %s", i+1, mark, where, state)
}

func (cv *curationView) queueLine(i int) string {
	if i >= len(cv.queue) {
		return ""
	}
	e := cv.queue[i]
	state := fmt.Sprintf("%d of %d open", e.Counts.DisputesOpen, e.Counts.Disputes)
	if e.Counts.UnanimousOpen > 0 {
		state += fmt.Sprintf(" · %d unanimous", e.Counts.UnanimousOpen)
	}
	if e.Adjudicated {
		state = "✓ adjudicated"
	}
	title := e.Title
	if title == "" {
		title = e.Doc
	}
	return fmt.Sprintf("%s · %s", title, state)
}

// quote is the text of [start, end), shortened to n code points.
func (cv *curationView) quote(start, end, n int) string {
	r := []rune(cv.doc.Text)
	start, end = min(max(start, 0), len(r)), min(max(end, 0), len(r))
	q := strings.Join(strings.Fields(string(r[start:end])), " ")
	if qr := []rune(q); len(qr) > n {
		q = string(qr[:n-1]) + "…"
	}
	return q
}

// goldText says what gold holds in a unit.
func (cv *curationView) goldText(u annotate.Unit) string {
	if u.Document {
		return strings.Join(u.GoldLabels, ", ")
	}
	if len(u.GoldRelations) > 0 {
		return relationText(u.GoldRelations[0])
	}
	var parts []string
	for _, g := range u.Gold {
		p := g.Label
		if g.Provenance != "" {
			p += " (" + g.Provenance + ")"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// context is the stretch of text shown around a unit: the unit and up to
// 120 code points either side, cut at line breaks.
func (cv *curationView) context(u annotate.Unit) (int, int) {
	r := []rune(cv.doc.Text)
	start, end := max(0, u.Start-120), min(len(r), u.End+120)
	for i := u.Start - 1; i >= start; i-- {
		if r[i] == '\n' {
			start = i + 1
			break
		}
	}
	for i := u.End; i < end; i++ {
		if r[i] == '\n' || r[i] == '\r' {
			end = i
			break
		}
	}
	return start, end
}

// showBands stacks the current unit's versions, one band per annotator
// (numbered by the key that accepts it), and gold's below them.
func (cv *curationView) showBands() {
	cv.bands.RemoveAll()
	if len(cv.cur.Units) == 0 {
		cv.heading.SetText("Nothing to curate in this document.")
		return
	}
	u := cv.cur.Units[cv.unit]
	state := "open"
	if u.Settled() {
		state = "settled"
	}
	where := "document labels"
	switch r := u.Relation; {
	case r != nil:
		where = fmt.Sprintf("%s %d–%d → %s %d–%d", r.From.Label, r.From.Start(), r.From.End(), r.To.Label, r.To.Start(), r.To.End())
	case !u.Document:
		where = fmt.Sprintf("%d–%d", u.Start, u.End)
	}
	if len(u.Differs) > 0 {
		where += " · " + strings.Join(u.DiffStrings(), "; ")
	}
	cv.heading.SetText(fmt.Sprintf("Unit %d of %d: %s · %s · %s · %s", cv.unit+1, len(cv.cur.Units), u.Kind, u.Layer, where, state))
	start, end := 0, 0
	if !u.Document {
		start, end = cv.context(u)
	}
	cv.goldBand, cv.bandStart = nil, start
	if u.Relation != nil {
		cv.relationBands(u, start, end)
		return
	}
	band := func(name string, spans []annotate.Span, labels []string, empty string) fyne.CanvasObject {
		who := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		who.Wrapping = fyne.TextWrapWord
		// room for the name and each line under it (provenance, attributes)
		nameSize := fyne.NewSize(170, max(60, float32(strings.Count(name, "\n")+1)*22+16))
		var body fyne.CanvasObject
		switch {
		case u.Document && len(labels) > 0:
			body = widget.NewLabel(strings.Join(labels, ", "))
		case u.Document || (len(spans) == 0 && name != annotate.GoldAnnotator):
			body = widget.NewLabelWithStyle(empty, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		default:
			v := cv.bandView(spans, nil, start, end)
			if name == annotate.GoldAnnotator || strings.HasPrefix(name, annotate.GoldAnnotator+"\n") {
				cv.goldBand = v
				if len(spans) == 0 {
					return container.NewBorder(nil, widget.NewSeparator(), container.NewGridWrap(fyne.NewSize(170, 60), container.NewVBox(who,
						widget.NewLabelWithStyle(empty, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))), nil, v)
				}
			}
			body = v
		}
		return container.NewBorder(nil, widget.NewSeparator(), container.NewGridWrap(nameSize, who), nil, body)
	}
	for i, v := range u.Versions {
		name := fmt.Sprintf("%d  %s", i+1, v.Annotator)
		if i >= 9 {
			name = "   " + v.Annotator // only nine number keys
		}
		if len(v.Spans) > 0 {
			for _, d := range u.Differs { // what this version says where they differ
				name += "\n" + d.Name + ": " + v.AttrValues(d.Name)
			}
		}
		cv.bands.Add(band(name, v.Spans, v.Labels, "none (nothing here)"))
	}
	gold := "not settled yet"
	if u.Rejected {
		gold = "settled: nothing here"
	}
	name := annotate.GoldAnnotator
	if u.Settled() && !u.Rejected {
		name += "\n" + cv.goldText(u)
		for _, d := range u.Differs {
			name += "\n" + d.Name + ": " + annotate.Version{Spans: u.Gold}.AttrValues(d.Name)
		}
	}
	cv.bands.Add(band(name, u.Gold, u.GoldLabels, gold))
}

// relationBands stacks a relation unit's versions: in each band gold's spans
// at the relation's ends, linked when that annotator made the relation
// (gold's band: when gold holds it).
func (cv *curationView) relationBands(u annotate.Unit, start, end int) {
	r := u.Relation
	ends := []annotate.Span{r.From, r.To}
	// The ends are often lines apart: room for each line of the stretch
	// (a wrapped one counted by its length), with its names and links.
	rows := 0
	for _, line := range strings.Split(string([]rune(cv.doc.Text)[start:end]), "\n") {
		rows += 1 + len([]rune(line))/100
	}
	height := min(max(60, float32(rows+1)*cv.w.textSize*3.4), 400) // +1: the arcs above
	band := func(name string, rels []annotate.Relation, owner string) {
		var links []articleview.Link
		for _, rel := range rels {
			l := articleview.Link{ID: rel.ID, From: r.From.ID, To: r.To.ID, Type: r.Type, Style: articleview.StyleOwn}
			if owner != annotate.GoldAnnotator {
				l.Style, l.Owner = articleview.StyleOther, owner
			}
			links = append(links, l)
		}
		who := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		who.Wrapping = fyne.TextWrapWord
		cv.bands.Add(container.NewBorder(nil, widget.NewSeparator(), container.NewGridWrap(fyne.NewSize(170, height), who), nil,
			cv.bandView(ends, links, start, end)))
	}
	for i, v := range u.Versions {
		name := fmt.Sprintf("%d  %s", i+1, v.Annotator)
		if i >= 9 {
			name = "   " + v.Annotator // only nine number keys
		}
		what := "\nnone (no such link)"
		if len(v.Relations) > 0 {
			what = "\nlinked"
		}
		band(name+what, v.Relations, v.Annotator)
	}
	gold := annotate.GoldAnnotator + "\nnot settled yet"
	switch {
	case u.Rejected:
		gold = annotate.GoldAnnotator + "\nsettled: no link"
	case len(u.GoldRelations) > 0:
		gold = annotate.GoldAnnotator + "\n" + relationText(u.GoldRelations[0])
	}
	band(gold, u.GoldRelations, annotate.GoldAnnotator)
}

// relationText is a gold relation as the window names it: "linked
// (unanimous)".
func relationText(r annotate.Relation) string {
	if r.Provenance == "" {
		return "linked"
	}
	return "linked (" + r.Provenance + ")"
}

// bandView is one band: the text around the unit with the spans (and the
// links between them) drawn on it, named (the article view's own drawing,
// offsets shifted).
func (cv *curationView) bandView(spans []annotate.Span, links []articleview.Link, start, end int) *articleview.View {
	r := []rune(cv.doc.Text)
	var hs []articleview.Highlight
	for _, sp := range spans {
		var frags []annotate.Fragment
		for _, f := range sp.Fragments {
			if f.End > start && f.Start < end {
				frags = append(frags, annotate.Fragment{Start: max(f.Start, start) - start, End: min(f.End, end) - start})
			}
		}
		if len(frags) == 0 {
			continue
		}
		// An annotator's version is drawn as another's span (read, not
		// changed); gold's, the layer the curator works on, as their own.
		h := articleview.Highlight{ID: sp.ID, Fragments: frags, Color: cv.w.colours.of(sp.Layer, sp.Label),
			Label: sp.Label, Detail: sp.Provenance, Style: articleview.StyleOwn}
		if sp.Annotator != annotate.GoldAnnotator {
			h.Style, h.Owner = articleview.StyleOther, sp.Annotator
		}
		hs = append(hs, h)
	}
	v := articleview.New()
	v.SetTextSize(cv.w.textSize)
	v.SetShowNames(true)
	v.SetShowRelations(len(links) > 0)
	v.SetDocument(string(r[start:end]), hs, links)
	// Keys typed while a band has the focus are the window's.
	v.OnTypedRune = cv.typedRune
	v.OnTypedKey = cv.typedKey
	return v
}

func (cv *curationView) typedRune(r rune) {
	if cv.relabeling {
		cv.relabeling = false
		cv.relabel(r)
		return
	}
	switch {
	case r >= '1' && r <= '9':
		cv.accept(int(r - '1'))
	case r == 'x' || r == 'X' || r == '0':
		cv.reject()
	case r == 'a' || r == 'A':
		cv.acceptUnanimous()
	case r == 'e' || r == 'E':
		cv.curatorsOwn()
	case r == 'r' || r == 'R':
		cv.startRelabel()
	case r == 'n' || r == 'N':
		cv.moveDispute(1)
	case r == 'p' || r == 'P':
		cv.moveDispute(-1)
	case r == ']':
		cv.moveDoc(1)
	case r == '[':
		cv.moveDoc(-1)
	}
}

func (cv *curationView) typedKey(ev *fyne.KeyEvent) {
	switch ev.Name {
	case fyne.KeyDown:
		cv.moveUnit(1)
	case fyne.KeyUp:
		cv.moveUnit(-1)
	case fyne.KeyDelete, fyne.KeyBackspace:
		cv.reject()
	case fyne.KeyEscape:
		if cv.relabeling {
			cv.relabeling = false
			cv.hint.SetText("Not relabelled.")
			return
		}
		cv.win.Close()
	}
}

func (cv *curationView) moveUnit(dir int) {
	if n := len(cv.cur.Units); n > 0 {
		cv.unit = min(max(cv.unit+dir, 0), n-1)
		cv.show()
	}
}

func (cv *curationView) moveDispute(dir int) {
	i := cv.nextOpen(cv.unit, dir, true)
	if i < 0 {
		cv.hint.SetText("No dispute left open in this document: ] opens the next document.")
		return
	}
	cv.unit = i
	cv.show()
}

func (cv *curationView) moveDoc(dir int) {
	i := slices.IndexFunc(cv.queue, func(e annotate.CurationEntry) bool { return e.Doc == cv.doc.ID })
	if j := i + dir; j >= 0 && j < len(cv.queue) {
		cv.openDoc(cv.queue[j].Doc)
	}
}

// current is the unit a decision is about, if it can take one.
func (cv *curationView) current() (annotate.Unit, bool) {
	if cv.unit >= len(cv.cur.Units) {
		return annotate.Unit{}, false
	}
	u := cv.cur.Units[cv.unit]
	if u.Kind == annotate.GoldOnly {
		cv.hint.SetText("This is the curator's own gold span: nothing to choose between.")
		return u, false
	}
	return u, true
}

func (cv *curationView) accept(k int) {
	u, ok := cv.current()
	if !ok {
		return
	}
	if k >= len(u.Versions) {
		cv.hint.SetText(fmt.Sprintf("There is no annotator %d here (annotators: %s).", k+1, strings.Join(cv.cur.Annotators, ", ")))
		return
	}
	e, err := cv.cur.Accept(cv.name, u, u.Versions[k].Annotator)
	if err != nil {
		cv.hint.SetText(errorMessage(err))
		return
	}
	cv.decide(e, true)
}

func (cv *curationView) reject() {
	if u, ok := cv.current(); ok {
		cv.decide(cv.cur.Reject(cv.name, u), true)
	}
}

// curatorsOwn makes the words selected in gold's band the unit's gold span,
// the curator's own: gold's one span there moved onto them, or a new one
// with the label the annotators gave.
func (cv *curationView) curatorsOwn() {
	if cv.unit >= len(cv.cur.Units) {
		return
	}
	u := cv.cur.Units[cv.unit]
	if u.Document || u.Relation != nil || cv.goldBand == nil {
		what := "Document labels"
		if u.Relation != nil {
			what = "A relation"
		}
		cv.hint.SetText(what + ": accept a version (1–9) or reject (X).")
		return
	}
	s, e, ok := cv.goldBand.Selection()
	if !ok {
		cv.hint.SetText("Select the words in gold's band first (drag), then E makes them gold's span.")
		return
	}
	frags := []annotate.Fragment{{Start: s + cv.bandStart, End: e + cv.bandStart}}
	switch len(u.Gold) {
	case 0:
		label := ""
		for _, v := range u.Versions {
			if len(v.Spans) > 0 {
				label = v.Spans[0].Label
				break
			}
		}
		cv.decide(cv.cur.AddOwn(cv.name, annotate.Span{Layer: u.Layer, Label: label, Fragments: frags}), false)
	case 1:
		after := u.Gold[0].Clone()
		after.Fragments = frags
		cv.decide(cv.cur.Change(cv.name, u.Gold[0], after), false)
	default:
		cv.hint.SetText("Gold holds several spans here: accept one version (1–9) first, or reject (X).")
	}
}

// goldSpan is gold's one span in the current unit, for the curator's own
// change; the hint says why there is none.
func (cv *curationView) goldSpan() (annotate.Span, bool) {
	if cv.unit >= len(cv.cur.Units) {
		return annotate.Span{}, false
	}
	u := cv.cur.Units[cv.unit]
	switch {
	case u.Document || u.Relation != nil:
		cv.hint.SetText("Only a gold span can be relabelled: this unit has none.")
	case len(u.Gold) == 0:
		cv.hint.SetText("Gold holds no span here yet: accept a version (1–9) first, or make your own (E).")
	case len(u.Gold) > 1:
		cv.hint.SetText("Gold holds several spans here: accept one version (1–9) first.")
	default:
		return u.Gold[0], true
	}
	return annotate.Span{}, false
}

// startRelabel arms R: the next key, a label's key as in the workbench,
// relabels gold's span in the current unit.
func (cv *curationView) startRelabel() {
	if g, ok := cv.goldSpan(); ok {
		cv.relabeling = true
		cv.hint.SetText(fmt.Sprintf("Relabel gold's %s: press the new label's key (as in the workbench); Escape cancels.", shownName(g.Label)))
	}
}

// relabel makes gold's span in the current unit the label whose key r is:
// the curator's own change, one curate edit.
func (cv *curationView) relabel(r rune) {
	g, ok := cv.goldSpan()
	if !ok {
		return
	}
	ref, ok := cv.w.keys[[]rune(strings.ToLower(string(r)))[0]]
	if !ok {
		cv.hint.SetText(fmt.Sprintf("No label has the key %q: not relabelled.", string(r)))
		return
	}
	if why := relabelRefusal(g, ref); why != "" {
		cv.hint.SetText(why + ": not relabelled.")
		return
	}
	after := g.Clone()
	after.Label = ref.label
	cv.decide(cv.cur.Change(cv.name, g, after), false)
}

func (cv *curationView) acceptUnanimous() {
	e, n := cv.cur.AcceptUnanimous(cv.name)
	if n == 0 {
		cv.hint.SetText("Nothing unanimous is left to accept in this document.")
		return
	}
	cv.decide(e, false)
}

// decide applies a curation edit, reads the document again and moves on to
// the next open dispute (next: after the current unit).
func (cv *curationView) decide(e annotate.CurateEdit, next bool) {
	done, err := cv.store.Apply(cv.ctx(), e)
	if err != nil {
		cv.hint.SetText(errorMessage(err))
		return
	}
	cv.after(done)
	if i := cv.nextOpen(cv.unit, 1, true); i >= 0 && (next || cv.cur.Units[cv.unit].Settled()) {
		cv.unit = i
	}
	cv.show()
}

// after reads the document an edit changed again and says what it did.
func (cv *curationView) after(done annotate.Edit) {
	doc := done.Doc()
	if err := cv.read(doc); err != nil {
		cv.hint.SetText(errorMessage(err))
		return
	}
	msg := done.Describe()
	if cv.cur.Adjudicated() {
		msg += ": the document is adjudicated; ] opens the next"
	}
	cv.hint.SetText(strings.ToUpper(msg[:1]) + msg[1:] + ".")
	// The main window shows the same file: let it follow.
	if s := cv.w.session; s.hasDocument() && s.doc.ID == doc {
		s.refresh()
	}
}

// step undoes (or redoes) the last change to gold, whoever curated, on the
// document it was made in.
func (cv *curationView) step(redo bool) {
	f, verb := cv.store.Undo, "undo"
	if redo {
		f, verb = cv.store.Redo, "redo"
	}
	e, ok, err := f(cv.ctx(), annotate.GoldAnnotator)
	switch {
	case err != nil:
		cv.hint.SetText(errorMessage(err))
		return
	case !ok:
		cv.hint.SetText(fmt.Sprintf("Nothing to %s in the gold layer.", verb))
		return
	}
	cv.after(e)
	cv.show()
}
