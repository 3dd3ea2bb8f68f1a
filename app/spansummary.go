package app

import (
	"slices"

	"frametag/annotate"
)

// spanSummary is what the views take from every span of the open document
// after each change: the counts by annotator (the document list's row) and
// the annotator's own stretches by layer (the suggester leaves out
// suggestions on text already labelled). One pass over the spans makes
// both: an article may hold 10,000 spans, and each pass over them was a
// tenth of a millisecond or more of every edit.
type spanSummary struct {
	counts spanCounts
	// own are the fragments of the annotator's spans by layer: a copy
	// small enough to hand to the suggester's goroutine (16 bytes a span),
	// which may sort them; nothing else reads them.
	own map[string][]annotate.Fragment
}

// spanSummary is the open document's summary, made when first asked for
// after a change (note forgets it).
func (s *session) spanSummary() *spanSummary {
	if s.summary != nil {
		return s.summary
	}
	type count struct {
		who string
		n   int
	}
	var counts []count
	own := map[string][]annotate.Fragment{}
	who, layer := -1, "" // the annotator and own layer of the run of spans in hand
	var run []annotate.Fragment
	for _, sp := range s.doc.Spans {
		// a few annotators: names are compared, not hashed
		if who < 0 || counts[who].who != sp.Annotator {
			who = slices.IndexFunc(counts, func(c count) bool { return c.who == sp.Annotator })
			if who < 0 {
				who = len(counts)
				counts = append(counts, count{who: sp.Annotator})
			}
		}
		counts[who].n++
		if sp.Annotator != s.annotator {
			continue
		}
		if sp.Layer != layer || run == nil {
			if run != nil {
				own[layer] = run
			}
			layer, run = sp.Layer, own[sp.Layer]
		}
		run = append(run, sp.Fragments...)
	}
	if run != nil {
		own[layer] = run
	}
	c := make(spanCounts, len(counts))
	for _, n := range counts {
		c[n.who] = n.n
	}
	s.summary = &spanSummary{counts: c, own: own}
	return s.summary
}
