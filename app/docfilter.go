package app

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"

	"frametag/annotate"
)

// The document list's filter box takes words (titles and text) and, among
// them, status:done (your status: todo, in_progress, done, skipped),
// label:Claim (documents holding a span of the label) and by:alice (spans
// by that annotator; with label:, that label's spans by them).

// docFilter is a filter box's query taken apart.
type docFilter struct {
	words            string
	status           annotate.Status
	label, annotator string
	hasLabel, hasBy  bool
}

func parseDocFilter(q string) docFilter {
	var f docFilter
	var words []string
	for _, tok := range strings.Fields(q) {
		key, val, ok := strings.Cut(tok, ":")
		switch {
		case ok && val != "" && strings.EqualFold(key, "status"):
			f.status = annotate.Status(strings.ToLower(strings.ReplaceAll(val, "-", "_")))
		case ok && val != "" && strings.EqualFold(key, "label"):
			f.label, f.hasLabel = val, true
		case ok && val != "" && strings.EqualFold(key, "by"):
			f.annotator, f.hasBy = val, true
		default:
			words = append(words, tok)
		}
	}
	f.words = strings.Join(words, " ")
	return f
}

// docSearcher is what the filter needs of the project.
type docSearcher interface {
	Documents(ctx context.Context, annotator string) ([]annotate.DocSummary, error)
	SearchDocuments(ctx context.Context, query, annotator string) ([]annotate.DocSummary, error)
	Search(ctx context.Context, q annotate.SearchQuery) ([]annotate.SearchHit, bool, error)
}

// filterDocuments lists the documents the filter box's query asks for.
func (w *Workbench) filterDocuments(store docSearcher, q string) ([]annotate.DocSummary, error) {
	f := parseDocFilter(q)
	var docs []annotate.DocSummary
	var err error
	if f.words != "" {
		docs, err = store.SearchDocuments(w.ctx(), f.words, w.annotator)
	} else {
		docs, err = store.Documents(w.ctx(), w.annotator)
	}
	if err != nil {
		return nil, err
	}
	if f.status != "" {
		if !f.status.Valid() {
			return nil, fmt.Errorf("no status %q (todo, in_progress, done, skipped)", f.status)
		}
		docs = slices.DeleteFunc(docs, func(d annotate.DocSummary) bool { return d.Status != f.status })
	}
	if f.hasLabel || f.hasBy {
		sq := annotate.SearchQuery{Annotator: f.annotator, Bare: true, Limit: math.MaxInt32}
		if f.hasLabel {
			ref, ok := w.findLabel(f.label)
			if !ok {
				return nil, fmt.Errorf("no label %q in the schema", f.label)
			}
			sq.Layer, sq.Label = ref.layer, ref.label
		}
		hits, _, err := store.Search(w.ctx(), sq)
		if err != nil {
			return nil, err
		}
		holding := map[string]bool{}
		for _, h := range hits {
			holding[h.DocID] = true
		}
		docs = slices.DeleteFunc(docs, func(d annotate.DocSummary) bool { return !holding[d.ID] })
	}
	return docs, nil
}

// findLabel finds a span label by its name (any case; spaces or
// underscores alike).
func (w *Workbench) findLabel(name string) (labelRef, bool) {
	norm := func(s string) string {
		return strings.ToLower(strings.NewReplacer(" ", "", "_", "", "-", "").Replace(s))
	}
	for _, l := range w.session.currentSchema().Layers {
		if l.Kind != annotate.SpanLayer {
			continue
		}
		for _, lb := range l.Labels {
			if norm(lb.Name) == norm(name) {
				return labelRef{l.Name, lb.Name}, true
			}
		}
	}
	return labelRef{}, false
}
