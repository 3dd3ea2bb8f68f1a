package project

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"frametag/annotate"
	"frametag/annotate/agreement"
	"frametag/annotate/suggest"
)

// OrderBy is an order of the documents for "next document".
type OrderBy string

// The orders the document list offers.
const (
	// OrderImported is the order the documents were imported in.
	OrderImported OrderBy = "imported"
	// OrderUncertain puts first the documents whose suggestions have
	// middling confidence (suggest.MostUncertain).
	OrderUncertain OrderBy = "uncertain"
	// OrderNovel puts first the documents least like those labelled
	// (suggest.MostNovel).
	OrderNovel OrderBy = "novel"
	// OrderDisputed puts first the documents whose annotators disagree
	// most (Disputed).
	OrderDisputed OrderBy = "disputed"
)

// Orders are the orders, as offered.
var Orders = []OrderBy{OrderImported, OrderUncertain, OrderNovel, OrderDisputed}

// Order ranks a project's documents for "next document": those that teach
// most first, each with why. Documents an order does not rank (the
// labelled ones for "most novel", those with one annotator for "most
// disputed") are not in it; the caller lists them after, as imported.
func (s *Service) Order(ctx context.Context, st CorpusReader, by OrderBy, annotator string) ([]suggest.Ranked, error) {
	if by == OrderImported {
		return nil, nil
	}
	sc, docs, err := corpus(ctx, st)
	if err != nil {
		return nil, err
	}
	var gaz []annotate.GazetteerEntry
	if by == OrderUncertain {
		if gaz, err = gazetteer(ctx, st, sc); err != nil {
			return nil, err
		}
	}
	return Rank(ctx, by, sc, docs, gaz, annotator)
}

// Rank is Order over documents read already.
func Rank(ctx context.Context, by OrderBy, sc annotate.Schema, docs []annotate.AnnotatedDoc, gaz []annotate.GazetteerEntry, annotator string) ([]suggest.Ranked, error) {
	switch by {
	case OrderImported:
		return nil, nil
	case OrderUncertain:
		return uncertain(ctx, sc, docs, gaz, annotator)
	case OrderNovel:
		nd := make([]suggest.NovelDoc, len(docs))
		for i, d := range docs {
			nd[i] = suggest.NovelDoc{ID: d.ID, Text: d.Text, Labelled: len(d.Spans) > 0 || len(d.Labels) > 0}
		}
		return suggest.MostNovel(nd), ctx.Err()
	case OrderDisputed:
		return Disputed(sc, docs), ctx.Err()
	}
	return nil, annotate.Errorf(annotate.EInvalid, "no document order %q (one of imported, uncertain, novel, disputed)", by)
}

// uncertain ranks the documents by their suggestions' uncertainty: every
// span layer's recommender trained on the whole project, each document's
// suggestions still open to the annotator. Each text is segmented once:
// training counts the phrases' occurrences over its tokens, which are kept
// (4 bytes a token) and matched again once every count is in, their offsets
// rebuilt from the vocabulary. A document's suggestions are scored as they
// are found, not kept.
func uncertain(ctx context.Context, sc annotate.Schema, docs []annotate.AnnotatedDoc, gaz []annotate.GazetteerEntry, annotator string) ([]suggest.Ranked, error) {
	var layers []suggest.Layer
	for _, l := range sc.Layers {
		if l.Kind == annotate.SpanLayer {
			layers = append(layers, suggest.Layer{Name: l.Name, Options: suggest.Options{CaseSensitive: l.CaseSensitive}})
		}
	}
	segments := make([][]int32, len(docs))
	recs := suggest.TrainLayers(layers, docs, gaz, func(i int, toks []int32) { segments[i] = toks })
	// a layer nobody labelled suggests nothing
	recs = slices.DeleteFunc(recs, func(r *suggest.Recommender) bool { return r.Len() == 0 })
	out := make([]suggest.Ranked, len(docs))
	var found []suggest.Suggestion
	for i, d := range docs {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		found = found[:0]
		if len(recs) > 0 {
			toks := recs[0].Vocab().Tokens(d.ID, d.Text, segments[i])
			segments[i] = nil
			for _, r := range recs {
				n := len(found)
				found = r.Match(toks).AppendSuggestions(found, 0, nil)
				// one recommender's suggestions are in reading order and
				// apart: only the annotator's own spans can take some out
				if ownSpans(d.Spans, r.Layer, annotator) {
					found = append(found[:n], Unlabelled(found[n:], d.Spans, r.Layer, annotator, 0, nil)...)
				}
			}
		}
		out[i] = suggest.Uncertain(d.ID, found)
	}
	suggest.SortRanked(out)
	return out, nil
}

// ownSpans reports whether the annotator (anyone, for "") labelled in the
// layer, as Unlabelled counts it.
func ownSpans(spans []annotate.Span, layer, annotator string) bool {
	return slices.ContainsFunc(spans, func(sp annotate.Span) bool {
		return sp.Layer == layer && (annotator == "" || sp.Annotator == annotator)
	})
}

// Disputed ranks the documents two or more annotators labelled by how much
// they disagree: 1 − the mean, over every span layer and pair of them who
// labelled the layer there, of the exact-match span F1 between the pair
// (agreement.ExactCounts), so that two annotators who marked the same
// spans with the same labels come last. Documents with fewer than two
// annotators are not ranked.
func Disputed(sc annotate.Schema, docs []annotate.AnnotatedDoc) []suggest.Ranked {
	var out []suggest.Ranked
	for _, d := range docs {
		byLayer := map[string]map[string][]annotate.Span{}
		people := map[string]bool{}
		for _, sp := range d.Spans {
			if byLayer[sp.Layer] == nil {
				byLayer[sp.Layer] = map[string][]annotate.Span{}
			}
			byLayer[sp.Layer][sp.Annotator] = append(byLayer[sp.Layer][sp.Annotator], sp)
			people[sp.Annotator] = true
		}
		if len(people) < 2 {
			continue
		}
		var sum float64
		pairs := 0
		for _, l := range sc.Layers {
			who := byLayer[l.Name]
			names := make([]string, 0, len(who))
			for n := range who {
				names = append(names, n)
			}
			slices.Sort(names)
			for i := range names {
				for j := i + 1; j < len(names); j++ {
					if _, _, f1, ok := agreement.ExactCounts(who[names[i]], who[names[j]]).Score(); ok {
						sum += f1
						pairs++
					}
				}
			}
		}
		r := suggest.Ranked{Doc: d.ID}
		if pairs > 0 {
			r.Score = 1 - sum/float64(pairs)
			r.Why = fmt.Sprintf("%d annotators agree at span F1 %.2f (exact)", len(people), sum/float64(pairs))
		} else {
			r.Why = fmt.Sprintf("%d annotators labelled different layers", len(people))
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b suggest.Ranked) int { return cmp.Compare(b.Score, a.Score) })
	return out
}
