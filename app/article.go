package app

import (
	"fmt"
	"image/color"
	"strings"

	"frametag/annotate"
	"frametag/annotate/suggest"
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
	// ghosts are the suggestions drawn, in the session's order.
	ghosts []suggest.Suggestion
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
			if c.to != "" || !isGhost(a.v.SelectedHighlight()) {
				a.v.SelectHighlight(c.to)
			}
			if sp, ok := a.s.span(c.to); ok && c.reveal {
				a.v.ScrollToOffset(sp.Start())
			}
		case suggestionsChanged, suggestionsShown:
			a.showGhosts()
		case ghostSelected:
			if c.to != "" || isGhost(a.v.SelectedHighlight()) {
				a.v.SelectHighlight(c.to)
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
	a.ghosts = a.s.shownSuggestions()
	for _, sg := range a.ghosts {
		hs = append(hs, a.ghost(sg))
	}
	a.v.SetDocument(doc.Text, hs, a.links())
}

// showGhosts draws the session's suggestions: only those that came or went
// (or changed score or reason) are added or removed, found by walking the
// two lists, both in the session's order, side by side.
func (a *articlePresenter) showGhosts() {
	now := a.s.shownSuggestions()
	old := a.ghosts
	i, j := 0, 0
	for i < len(old) || j < len(now) {
		c := 0
		switch {
		case i == len(old):
			c = 1
		case j == len(now):
			c = -1
		default:
			c = compareSuggestions(old[i], now[j])
		}
		switch {
		case c < 0:
			a.v.RemoveHighlight(suggestionID(old[i]))
			i++
		case c > 0:
			a.v.AddHighlight(a.ghost(now[j]))
			j++
		default:
			if old[i] != now[j] {
				a.v.UpdateHighlight(a.ghost(now[j]))
			}
			i++
			j++
		}
	}
	a.ghosts = now
	if a.s.ghost != "" && a.v.SelectedHighlight() != a.s.ghost {
		a.v.SelectHighlight(a.s.ghost)
	}
}

// ghost is a suggestion as the article draws it: outlined and pale, named
// with its confidence; the hover says where it came from and why.
func (a *articlePresenter) ghost(sg suggest.Suggestion) articleview.Highlight {
	return articleview.Highlight{ID: suggestionID(sg), Fragments: []annotate.Fragment{{Start: sg.Start, End: sg.End}},
		Color: a.colours.of(sg.Layer, sg.Label), Label: ghostLabel(sg), Detail: ghostDetail(sg),
		Style: articleview.StyleSuggestion}
}

// ghostLabel names a suggestion with its confidence: "Loaded Language 75%".
func ghostLabel(sg suggest.Suggestion) string {
	return fmt.Sprintf("%s %.0f%%", shownName(sg.Label), sg.Score*100)
}

// ghostDetail says where a suggestion came from, and a model's reason.
func ghostDetail(sg suggest.Suggestion) string {
	d := "suggested " + sourceWords(sg.Source)
	if sg.Justification != "" {
		d += ": " + sg.Justification
	}
	return d
}

// sourceWords says a suggestion's source (or an accepted span's origin,
// without its "suggest:") for a person.
func sourceWords(source string) string {
	source = strings.TrimPrefix(source, "suggest:")
	switch {
	case source == suggest.SourceLearned:
		return "from the project's labels"
	case source == suggest.SourceGazetteer:
		return "from the gazetteer"
	case source == suggest.SourceBoth:
		return "from the project's labels and the gazetteer"
	case strings.HasPrefix(source, suggest.SourceModel+":"):
		return "by the model " + strings.TrimPrefix(source, suggest.SourceModel+":")
	}
	return "by " + source
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
	h := articleview.Highlight{ID: sp.ID, Fragments: sp.Fragments,
		Color: a.colours.of(sp.Layer, sp.Label), Label: shownName(sp.Label)}
	if !a.s.owns(sp) {
		h.Style, h.Owner = articleview.StyleOther, sp.Annotator
	}
	return h
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
			l := articleview.Link{ID: r.ID, From: r.From, To: r.To, Type: shownName(r.Type)}
			if !a.s.ownsRelation(r) {
				l.Style, l.Owner = articleview.StyleOther, r.Annotator
			}
			ls = append(ls, l)
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
		if k, ok := ghostKey(h.ID); ok {
			return a.colours.of(k.Layer, k.Label)
		}
		return h.Color
	})
}
