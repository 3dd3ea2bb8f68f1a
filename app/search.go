package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// Corpus search (Edit → Search the project…): words or a regular
// expression, or spans of a label, by annotator, in documents of a status;
// the hits as a keyword-in-context list, one click to each.

const (
	anyLabel     = "any label (or none: words only)"
	anyStatus    = "any status"
	anyAnnotator = "" // the annotator entry left empty
)

// searchForm is the search dialog's inputs and its hit list.
type searchForm struct {
	words     *widget.Entry
	regexp    *widget.Check
	label     *widget.Select
	annotator *widget.Entry
	status    *widget.Select
	count     *widget.Label
	list      *widget.List
	hits      []annotate.SearchHit
	labelRefs map[string]labelRef
	content   *fyne.Container
	dialog    dialog.Dialog // the dialog showing it now
	schema    int           // the schema version its label choice was made for
}

// query is the search the form's inputs ask for.
func (f *searchForm) query() annotate.SearchQuery {
	q := annotate.SearchQuery{Text: f.words.Text, Regexp: f.regexp.Checked, Annotator: strings.TrimSpace(f.annotator.Text)}
	if ref, ok := f.labelRefs[f.label.Selected]; ok {
		q.Layer, q.Label = ref.layer, ref.label
	}
	if f.status.Selected != anyStatus && f.status.Selected != "" {
		q.Status = annotate.Status(strings.ReplaceAll(f.status.Selected, " ", "_"))
	}
	return q
}

// searchDialog opens the search dialog; it opens again as it was left (the
// query and its hits), so that the hits can be visited one after another.
func (w *Workbench) searchDialog() {
	if w.searched == nil || w.searched.schema != w.session.currentSchema().Version {
		w.searched = w.newSearchForm()
	}
	f := w.searched
	d := dialog.NewCustom("Search the project", "Close", f.content, w.win)
	f.dialog = d
	f.list.UnselectAll()
	d.Resize(w.dialogSize())
	w.show(d)
	w.win.Canvas().Focus(f.words)
}

func (w *Workbench) newSearchForm() *searchForm {
	f := &searchForm{labelRefs: map[string]labelRef{}, schema: w.session.currentSchema().Version}
	f.words = widget.NewEntry()
	f.words.SetPlaceHolder("words (any case), or a regular expression")
	f.regexp = widget.NewCheck("regular expression", nil)
	options := []string{anyLabel}
	for _, l := range w.session.currentSchema().Layers {
		if l.Kind != annotate.SpanLayer {
			continue
		}
		for _, lb := range l.Labels {
			name := l.Name + ": " + shownName(lb.Name)
			options = append(options, name)
			f.labelRefs[name] = labelRef{l.Name, lb.Name}
		}
	}
	f.label = widget.NewSelect(options, nil)
	f.label.SetSelected(anyLabel)
	f.annotator = widget.NewEntry()
	f.annotator.SetPlaceHolder("any annotator (you are " + w.annotator + ")")
	statuses := []string{anyStatus}
	for _, st := range annotate.Statuses {
		statuses = append(statuses, statusText(st))
	}
	f.status = widget.NewSelect(statuses, nil)
	f.status.SetSelected(anyStatus)
	f.count = widget.NewLabel("")
	f.count.Wrapping = fyne.TextWrapWord

	f.list = widget.NewList(func() int { return len(f.hits) }, newHitRow,
		func(i widget.ListItemID, o fyne.CanvasObject) { fillHitRow(o, f.hits[i]) })
	f.list.OnSelected = func(i widget.ListItemID) {
		if i < len(f.hits) && f.dialog != nil {
			f.dialog.Hide()
			w.goToHit(f.hits[i])
		}
	}
	// run searches off the UI thread (a regular expression over a large
	// project takes a moment); a newer search makes an older one's answer
	// moot.
	gen := 0
	run := func() {
		gen++
		mine, q := gen, f.query()
		f.count.SetText("Searching…")
		w.background(func() {
			hits, more, err := w.searchProject(q)
			fyne.Do(func() {
				if mine != gen {
					return
				}
				if err != nil {
					f.count.SetText(errorMessage(err))
					return
				}
				f.hits = hits
				f.list.UnselectAll()
				f.list.Refresh()
				f.list.ScrollToTop()
				f.count.SetText(hitCount(len(hits), more))
			})
		})
	}
	f.words.OnSubmitted = func(string) { run() }
	f.annotator.OnSubmitted = func(string) { run() }
	form := widget.NewForm(
		widget.NewFormItem("Find", container.NewBorder(nil, nil, nil, f.regexp, f.words)),
		widget.NewFormItem("Label", f.label),
		widget.NewFormItem("Annotator", f.annotator),
		widget.NewFormItem("Status", f.status),
	)
	go_ := widget.NewButtonWithIcon("Search", theme.SearchIcon(), run)
	go_.Importance = widget.HighImportance
	top := container.NewVBox(form, container.NewBorder(nil, nil, nil, go_, f.count))
	f.content = container.NewBorder(top, nil, nil, nil, f.list)
	return f
}

func hitCount(n int, more bool) string {
	switch {
	case n == 0:
		return "No hits."
	case more:
		return fmt.Sprintf("The first %d hits (there are more: narrow the search). Click one to go there.", n)
	}
	return plural(n, "hit") + ". Click one to go there."
}

// searchProject runs a search in the project.
func (w *Workbench) searchProject(q annotate.SearchQuery) ([]annotate.SearchHit, bool, error) {
	return w.store.Search(w.ctx(), q)
}

// goToHit opens the hit's document and selects the hit: its span, or its
// words as text (a label's key then labels them).
func (w *Workbench) goToHit(h annotate.SearchHit) {
	if w.session.document().ID != h.DocID {
		w.openDocument(h.DocID)
	}
	if h.SpanID != "" {
		if _, ok := w.session.span(h.SpanID); ok {
			w.session.selectSpan(h.SpanID, true)
			w.say(fmt.Sprintf("%s “%s” in %s.", shownName(h.Label), preview(h.Text, 50), preview(h.Title, 40)))
			return
		}
		if !w.session.showOthers {
			w.say("That span is another annotator's: View → Show other annotators' spans shows it.")
		}
	}
	w.view.SetSelection(h.At.Start, h.At.End)
	w.view.ScrollToOffset(h.At.Start)
	w.win.Canvas().Focus(w.view)
	w.say(fmt.Sprintf("Found “%s” in %s: a label's key labels it.", preview(h.Text, 50), preview(h.Title, 40)))
}

// newHitRow is a hit's row: the document's title, then the hit in context.
func newHitRow() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.SizeName = theme.SizeNameCaptionText
	title.Truncation = fyne.TextTruncateEllipsis
	kwic := widget.NewRichText()
	kwic.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(title, kwic)
}

func fillHitRow(o fyne.CanvasObject, h annotate.SearchHit) {
	box := o.(*fyne.Container)
	title := h.Title
	if title == "" {
		title = h.DocID
	}
	if h.SpanID != "" {
		title += " · " + shownName(h.Label) + " by " + h.Annotator
	}
	box.Objects[0].(*widget.Label).SetText(title)
	kwic := box.Objects[1].(*widget.RichText)
	kwic.Segments = []widget.RichTextSegment{
		&widget.TextSegment{Text: "…" + h.Before, Style: widget.RichTextStyleInline},
		&widget.TextSegment{Text: h.Text, Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}, ColorName: theme.ColorNamePrimary}},
		&widget.TextSegment{Text: h.After + "…", Style: widget.RichTextStyleInline},
	}
	kwic.Refresh()
}
