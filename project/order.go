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
// suggestions still open to the annotator.
func uncertain(ctx context.Context, sc annotate.Schema, docs []annotate.AnnotatedDoc, gaz []annotate.GazetteerEntry, annotator string) ([]suggest.Ranked, error) {
	ids := make([]string, len(docs))
	sugs := make(map[string][]suggest.Suggestion, len(docs))
	var recs []*suggest.Recommender
	for _, l := range sc.Layers {
		if l.Kind != annotate.SpanLayer {
			continue
		}
		if r := suggest.Train(l.Name, suggest.Options{CaseSensitive: l.CaseSensitive}, docs, gaz); r.Len() > 0 {
			recs = append(recs, r) // a layer nobody labelled suggests nothing
		}
	}
	for i, d := range docs {
		if i%256 == 0 && ctx.Err() != nil {
			return nil, ctx.Err()
		}
		ids[i] = d.ID
		for _, r := range recs {
			found := r.Prepare(d.ID, d.Text).Suggestions(0, nil)
			sugs[d.ID] = append(sugs[d.ID], Unlabelled(found, d.Spans, r.Layer, annotator, 0, nil)...)
		}
	}
	return suggest.MostUncertain(ids, sugs), nil
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
