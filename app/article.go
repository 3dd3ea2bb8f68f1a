package app

import (
	"image/color"

	"frametag/annotate"
	"frametag/app/articleview"
)

// noDocuments is what the article shows in a project without documents.
const noDocuments = "This project holds no documents yet. Use File → Import… to add some."

// articlePresenter keeps the article view in line with the session: each
// change touches only the highlights and links it names (the view re-lays
// out only the paragraphs they are in).
type articlePresenter struct {
	s       *session
	v       *articleview.View
	colours *labelColours
}

func newArticlePresenter(s *session, v *articleview.View, colours *labelColours) *articlePresenter {
	a := &articlePresenter{s: s, v: v, colours: colours}
	s.subscribe(a.changed)
	return a
}

func (a *articlePresenter) changed(cs []change) {
	links := false
	for _, c := range cs {
		switch c := c.(type) {
		case docOpened:
			a.showDocument()
			links = false
		case spanAdded:
			if a.s.shows(c.span) {
				a.v.AddHighlight(a.highlight(c.span))
			}
		case spanRemoved:
			a.v.RemoveHighlight(c.span.ID)
			links = true
		case spanChanged:
			if a.s.shows(c.after) {
				a.v.UpdateHighlight(a.highlight(c.after))
			}
		case relationsChanged:
			links = true
		case selectionChanged:
			a.v.SelectHighlight(c.to)
			if sp, ok := a.s.span(c.to); ok && c.reveal {
				a.v.ScrollToOffset(sp.Start())
			}
		case visibilityChanged:
			a.showOthers(c.shown)
			links = true
		}
	}
	if links && a.s.hasDocument() {
		a.v.SetLinks(a.links())
	}
}

func (a *articlePresenter) showDocument() {
	if !a.s.hasDocument() {
		a.v.SetDocument(noDocuments, nil, nil)
		return
	}
	doc := a.s.document()
	hs := make([]articleview.Highlight, 0, len(doc.Spans))
	for _, sp := range doc.Spans {
		if a.s.shows(sp) {
			hs = append(hs, a.highlight(sp))
		}
	}
	a.v.SetDocument(doc.Text, hs, a.links())
}

// showOthers draws or removes other annotators' spans.
func (a *articlePresenter) showOthers(on bool) {
	for _, sp := range a.s.document().Spans {
		switch {
		case sp.Annotator == a.s.annotator:
		case on:
			a.v.AddHighlight(a.highlight(sp))
		default:
			a.v.RemoveHighlight(sp.ID)
		}
	}
}

func (a *articlePresenter) highlight(sp annotate.Span) articleview.Highlight {
	return articleview.Highlight{ID: sp.ID, Fragments: sp.Fragments,
		Color: a.colours.of(sp.Layer, sp.Label), Label: shownName(sp.Label)}
}

// links are the relations between shown spans.
func (a *articlePresenter) links() []articleview.Link {
	doc := a.s.document()
	shown := map[string]bool{}
	for _, sp := range doc.Spans {
		if a.s.shows(sp) {
			shown[sp.ID] = true
		}
	}
	ls := make([]articleview.Link, 0, len(doc.Relations))
	for _, r := range doc.Relations {
		if shown[r.From] && shown[r.To] {
			ls = append(ls, articleview.Link{ID: r.ID, From: r.From, To: r.To, Type: shownName(r.Type)})
		}
	}
	return ls
}

// recolor draws every bar in the colours of a new page.
func (a *articlePresenter) recolor() {
	doc := a.s.document()
	byID := make(map[string]annotate.Span, len(doc.Spans))
	for _, sp := range doc.Spans {
		byID[sp.ID] = sp
	}
	a.v.RecolorHighlights(func(h articleview.Highlight) color.Color {
		if sp, ok := byID[h.ID]; ok {
			return a.colours.of(sp.Layer, sp.Label)
		}
		return h.Color
	})
}
