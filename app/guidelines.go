package app

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"frametag/app/markdown"
)

// guidelinesPane is the schema's guidelines beside the article: a pane
// that stays open while the user labels (a dialog would block the window),
// following schema changes. Project → Guidelines shows and hides it.
type guidelinesPane struct {
	widget.BaseWidget
	s     *session
	title *canvas.Text
	text  *widget.RichText
	root  *fyne.Container
	// onLink opens a guideline link (asking first); onClose hides the pane.
	onLink  func(segs []widget.RichTextSegment)
	onClose func()
}

func newGuidelinesPane(s *session, onLink func([]widget.RichTextSegment), onClose func()) *guidelinesPane {
	g := &guidelinesPane{s: s, onLink: onLink, onClose: onClose}
	g.title = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	g.title.TextStyle.Bold = true
	g.text = widget.NewRichText()
	g.text.Wrapping = fyne.TextWrapWord
	closeBtn := widget.NewButtonWithIcon("", theme.CancelIcon(), func() { g.onClose() })
	closeBtn.Importance = widget.LowImportance
	head := container.NewBorder(nil, nil, nil, closeBtn, container.NewPadded(g.title))
	g.root = container.NewBorder(head, nil, nil, nil, container.NewVScroll(g.text))
	g.ExtendBaseWidget(g)
	s.subscribe(g.changed)
	g.show()
	return g
}

func (g *guidelinesPane) CreateRenderer() fyne.WidgetRenderer { return newViewRenderer(g, g.root) }

func (g *guidelinesPane) changed(cs []change) {
	for _, c := range cs {
		if _, ok := c.(schemaChanged); ok {
			g.show()
			return
		}
	}
}

// show fills the pane from the session's schema.
func (g *guidelinesPane) show() {
	sc := g.s.currentSchema()
	text := sc.Guidelines
	if strings.TrimSpace(text) == "" {
		text = "This project's schema has no guidelines yet (Project → Edit schema… adds them)."
	}
	g.title.Text = "Guidelines — " + sc.Name
	g.title.Refresh()
	segs := markdown.Segments(text)
	if g.onLink != nil {
		g.onLink(segs)
	}
	g.text.Segments = segs
	g.text.Refresh()
}

// plainText is the pane's text as shown, for tests and screen readers.
func (g *guidelinesPane) plainText() string { return g.text.String() }
