package app

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/annotate"
)

// panel is the right-hand pane. From the top: a line of feedback, the
// selected span's card (only while a span is selected, and kept compact),
// then tabs for the label buttons, the document-level layers and the
// document's spans, and at the foot the status with Done and Skip, which
// are always in view. It only lays its pieces out: each piece follows the
// session on its own.
type panel struct {
	hint      *widget.Label
	labels    *labelPicker
	card      *spanCard
	docLayers *docLayersView
	spans     *spansView
	status    *statusBar
	// tabs is only the tab bar: the pages lie in pages, below it. Fyne's
	// tabs rebuild their buttons (and redraw each icon from SVG) whenever
	// they are resized, which the card's opening and closing did at every
	// new span; the bar keeps its size, and only the pages are resized.
	tabs                        *container.AppTabs
	labelsTab, docTab, spansTab *container.TabItem
	pages                       *fyne.Container

	root       *fyne.Container
	cardHeight float32 // the card's height when the panel was last laid out
}

func newPanel(s *session, colours *labelColours, act *panelActions) *panel {
	p := &panel{}
	p.hint = widget.NewLabel(idleHint)
	p.hint.Wrapping = fyne.TextWrapWord
	p.hint.Importance = widget.HighImportance
	p.hint.SizeName = theme.SizeNameCaptionText
	p.labels = newLabelPicker(s, colours, act.chooseLabel)
	p.card = newSpanCard(s, colours, act)
	p.docLayers = newDocLayersView(s, act)
	p.spans = newSpansView(s, colours, act)
	p.status = newStatusBar(s, act)

	// The pages take whatever height the card leaves; the label list
	// scrolls within its page.
	noPage := func() fyne.CanvasObject { return canvas.NewRectangle(color.Transparent) }
	p.labelsTab = container.NewTabItem("Labels", noPage())
	p.docTab = container.NewTabItem(p.docLayers.title, noPage())
	p.spansTab = container.NewTabItem("Spans", noPage())
	p.tabs = container.NewAppTabs(p.labelsTab, p.docTab, p.spansTab)
	p.pages = container.NewStack(p.labels, p.docLayers, p.spans)
	p.showPage(p.labelsTab)
	p.tabs.OnSelected = p.showPage
	p.docLayers.retitled = func(title string) {
		p.docTab.Text = title
		p.tabs.Refresh()
	}
	p.root = container.New(&panelLayout{hint: p.hint, card: p.card},
		p.hint, container.NewVScroll(p.card), p.tabs, p.pages, p.status)
	// The card sits in a scroll, which keeps its own size however the
	// card's changes: the panel lays itself out again when the card may
	// have grown or shrunk (subscribed after the card, so it has filled
	// itself by then; and when the note grows).
	p.card.resized = p.relayout
	s.subscribe(p.changed)
	return p
}

// showPage shows the page of the tab chosen.
func (p *panel) showPage(t *container.TabItem) {
	for tab, page := range map[*container.TabItem]fyne.CanvasObject{p.labelsTab: p.labels, p.docTab: p.docLayers, p.spansTab: p.spans} {
		if tab == t {
			page.Show()
		} else {
			page.Hide()
		}
	}
	p.spans.setInView(t == p.spansTab)
}

func (p *panel) changed(cs []change) {
	for _, c := range cs {
		switch c.(type) {
		case docOpened, schemaChanged, selectionChanged, ghostSelected, spanChanged, relationsChanged:
			p.relayout()
			return
		}
	}
}

// relayout lays the panel out again: the card's height may have changed.
// Only the layout: the pieces refresh themselves when their content
// changes, and a Refresh of the root would redraw every one of them (the
// label list, the tabs' buttons) on every selection.
func (p *panel) relayout() {
	if h := p.card.MinSize().Height; h != p.cardHeight {
		p.cardHeight = h
		p.root.Layout.Layout(p.root.Objects, p.root.Size())
		canvas.Refresh(p.root)
	}
}

// panelLayout stacks the hint, the card, the tab bar, the tabs' pages and
// the status bar. The card takes the height it needs up to maxCardShare of
// what the hint, the tab bar and the status bar leave, and scrolls beyond
// it, so the pages below (every frame of the Document tab) stay in reach
// however long the card grows.
type panelLayout struct {
	hint, card fyne.CanvasObject
}

const maxCardShare = 0.55

func (l *panelLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	hint, card, bar, pages, status := objs[0], objs[1], objs[2], objs[3], objs[4]
	pad := theme.Padding()
	y := float32(0)
	// a wrapped line's height depends on its width: set the width first
	hint.Resize(fyne.NewSize(size.Width, hint.Size().Height))
	hh := hint.MinSize().Height
	hint.Move(fyne.NewPos(0, y))
	hint.Resize(fyne.NewSize(size.Width, hh))
	y += hh + pad
	sh := status.MinSize().Height
	bh := bar.MinSize().Height
	rest := max(size.Height-y-bh-sh-pad, 0)
	ch := float32(0)
	if l.card.Visible() {
		ch = min(l.card.MinSize().Height, rest*maxCardShare)
	}
	card.Move(fyne.NewPos(0, y))
	card.Resize(fyne.NewSize(size.Width, ch))
	if ch > 0 {
		y += ch + pad
	}
	bar.Move(fyne.NewPos(0, y))
	bar.Resize(fyne.NewSize(size.Width, bh))
	y += bh
	pages.Move(fyne.NewPos(0, y))
	pages.Resize(fyne.NewSize(size.Width, max(size.Height-y-sh-pad, 0)))
	status.Move(fyne.NewPos(0, size.Height-sh))
	status.Resize(fyne.NewSize(size.Width, sh))
}

func (l *panelLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	w := float32(0)
	for _, o := range objs {
		w = max(w, o.MinSize().Width)
	}
	h := l.hint.MinSize().Height + objs[2].MinSize().Height + objs[3].MinSize().Height + objs[4].MinSize().Height + 3*theme.Padding()
	return fyne.NewSize(w, h)
}

func (p *panel) setHint(s string) { p.hint.SetText(s) }

// setWaiting shows, at the foot, what the window's pending edits wait for
// ("" hides it); the panel is laid out again for the line it adds.
func (p *panel) setWaiting(note string) {
	p.status.setWaiting(note)
	p.root.Refresh()
}

// idleHint is the hint line with nothing selected.
const idleHint = "Select text in the article, then press a label's key."

// recolor repaints every label colour the panel shows after a theme change.
func (p *panel) recolor() {
	p.labels.recolor()
	p.card.recolor()
	p.spans.recolor()
}

// statusBar is the panel's foot: the annotator's status of the open
// document, the previous and next arrows, Done and Skip.
type statusBar struct {
	widget.BaseWidget
	s       *session
	enabled func(command string) bool
	text    *widget.Label
	// waiting says what the window's pending edits wait for (writes.go);
	// hidden while none does.
	waiting                *widget.Label
	done, skip, prev, next *widget.Button
	content                *fyne.Container
}

func newStatusBar(s *session, act *panelActions) *statusBar {
	b := &statusBar{s: s, enabled: act.enabled, text: widget.NewLabel(""), waiting: widget.NewLabel("")}
	b.waiting.Wrapping = fyne.TextWrapWord
	b.waiting.TextStyle = fyne.TextStyle{Bold: true} // the theme's text colour: readable in both themes
	b.waiting.Hide()
	b.done = widget.NewButtonWithIcon("Done", theme.ConfirmIcon(), func() { act.command(cmdDone) })
	b.done.Importance = widget.HighImportance
	b.skip = widget.NewButtonWithIcon("Skip", theme.MediaSkipNextIcon(), func() { act.command(cmdSkip) })
	b.prev = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { act.command(cmdPrevious) })
	b.next = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { act.command(cmdNext) })
	b.content = container.NewVBox(
		widget.NewSeparator(),
		b.waiting,
		container.NewBorder(nil, nil, b.text, container.NewHBox(b.prev, b.next)),
		container.NewGridWithColumns(2, b.done, b.skip),
	)
	b.ExtendBaseWidget(b)
	s.subscribe(b.changed)
	return b
}

func (b *statusBar) CreateRenderer() fyne.WidgetRenderer { return newViewRenderer(b, b.content) }

func (b *statusBar) changed(cs []change) {
	for _, c := range cs {
		switch c.(type) {
		case docOpened, statusChanged:
			b.show()
			return
		}
	}
}

func (b *statusBar) show() {
	has := b.s.hasDocument()
	if has {
		// whose status: the window's annotator, named where the eye
		// rests (the title bar may be hidden, full screen)
		b.text.SetText(b.s.annotator + "'s status: " + statusText(b.s.status()))
	} else {
		b.text.SetText("No document open")
	}
	// Done, Skip and the arrows are the Document menu's commands: shown
	// enabled as those are, the arrows while a document is open.
	for btn, on := range map[*widget.Button]bool{b.done: b.enabled(cmdDone), b.skip: b.enabled(cmdSkip), b.prev: has, b.next: has} {
		if on {
			btn.Enable()
		} else {
			btn.Disable()
		}
	}
}

// setWaiting shows note above the status ("" hides it).
func (b *statusBar) setWaiting(note string) {
	b.waiting.SetText(note)
	if note == "" {
		b.waiting.Hide()
	} else {
		b.waiting.Show()
	}
}

func statusText(s annotate.Status) string { return strings.ReplaceAll(string(s), "_", " ") }

// shownName is how a label is shown: PTC's "Name_Calling,Labeling" reads
// "Name Calling, Labeling". Annotations keep the schema's name.
func shownName(name string) string {
	name = strings.ReplaceAll(name, "_", " ")
	var b strings.Builder
	rs := []rune(name)
	for i, r := range rs {
		b.WriteRune(r)
		if r == ',' && i+1 < len(rs) && rs[i+1] != ' ' {
			b.WriteRune(' ')
		}
	}
	return b.String()
}

// preview shortens s to at most n characters on one line.
func preview(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return s
}
