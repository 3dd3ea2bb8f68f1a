package project

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"frametag/annotate"
	"frametag/annotate/suggest"
)

// Model suggests spans from a language model; package llm implements it
// over an OpenAI-compatible endpoint. Nothing is sent anywhere unless the
// user names one.
type Model interface {
	// Name is what its suggestions' source says after "model:".
	Name() string
	// Mentions asks about one stretch of text (a document or a paragraph).
	Mentions(ctx context.Context, req ModelRequest) ([]suggest.Mention, error)
}

// ModelRequest is one question to a model.
type ModelRequest struct {
	Doc   string
	Text  string
	Layer annotate.Layer
	// Examples are spans already labelled in the layer (in other
	// documents), a few per label.
	Examples []suggest.Mention
}

// SuggestOptions say what Suggest suggests.
type SuggestOptions struct {
	// Docs are the documents to suggest on; none means every document.
	Docs []string
	// Layer is the span layer; "" means every span layer.
	Layer string
	// Annotator is whose suggestions these are: their rejections are left
	// out, and so is anything overlapping their own spans of the layer.
	Annotator string
	MinScore  float64
	// CaseSensitive matches case in every layer; otherwise only in the
	// layers whose schema says so (Layer.CaseSensitive).
	CaseSensitive bool
	// Model, when not nil, is asked too, per document or PerParagraph.
	Model        Model
	PerParagraph bool
	// Examples per label sent to the model (default 2).
	Examples int
	// Progress, when not nil, hears about each document done.
	Progress func(done, total int)
}

// SuggestResult is what Suggest found.
type SuggestResult struct {
	// Suggestions in document order (as imported), then reading order.
	Suggestions []suggest.Suggestion
	// Unanchored lists the model's mentions that could not be placed.
	Unanchored []suggest.Unanchored
	// Failed lists the documents the model could not answer for (timeout,
	// refusal, malformed answer); the string matcher's suggestions for them
	// are there all the same.
	Failed []annotate.DocumentError
}

// CorpusReader is what suggestions and document orders read of a
// project: its schema, every document with its annotations, its gazetteer.
// Every annotate.Store is one.
type CorpusReader interface {
	Schema(ctx context.Context) (annotate.Schema, error)
	Export(ctx context.Context, fn func(annotate.AnnotatedDoc) error) error
	Gazetteer(ctx context.Context, layer string) ([]annotate.GazetteerEntry, error)
}

// SuggestSource is what Suggest reads: the corpus, and the annotator's
// rejections. Every annotate.Store is one.
type SuggestSource interface {
	CorpusReader
	Rejections(ctx context.Context, doc, annotator string) ([]annotate.Rejection, error)
}

// corpus reads every document with its annotations, and the schema.
func corpus(ctx context.Context, st CorpusReader) (annotate.Schema, []annotate.AnnotatedDoc, error) {
	sc, err := st.Schema(ctx)
	if err != nil {
		return sc, nil, err
	}
	var docs []annotate.AnnotatedDoc
	err = st.Export(ctx, func(d annotate.AnnotatedDoc) error {
		docs = append(docs, d)
		return ctx.Err()
	})
	return sc, docs, err
}

// spanLayers are the layers named (or every span layer for ""), refusing a
// name that is not a span layer.
func spanLayers(sc annotate.Schema, name string) ([]annotate.Layer, error) {
	var out []annotate.Layer
	for _, l := range sc.Layers {
		if l.Kind == annotate.SpanLayer && (name == "" || l.Name == name) {
			out = append(out, l)
		}
	}
	if name != "" && len(out) == 0 {
		return nil, annotate.Errorf(annotate.EInvalid, "%q is not a span layer of the schema", name)
	}
	return out, nil
}

// gazetteer is the project's gazetteer without entries the schema no
// longer takes (a label removed since).
func gazetteer(ctx context.Context, st CorpusReader, sc annotate.Schema) ([]annotate.GazetteerEntry, error) {
	all, err := st.Gazetteer(ctx, "")
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(e annotate.GazetteerEntry) bool { return sc.CheckGazetteerEntry(e) != nil }), nil
}

// Suggest lists suggestions from the project's own labels and gazetteer,
// and from a model when one is given.
func (s *Service) Suggest(ctx context.Context, st SuggestSource, opts SuggestOptions) (SuggestResult, error) {
	var res SuggestResult
	sc, docs, err := corpus(ctx, st)
	if err != nil {
		return res, err
	}
	layers, err := spanLayers(sc, opts.Layer)
	if err != nil {
		return res, err
	}
	gaz, err := gazetteer(ctx, st, sc)
	if err != nil {
		return res, err
	}
	targets := docs
	if len(opts.Docs) > 0 {
		byID := map[string]int{}
		for i, d := range docs {
			byID[d.ID] = i
		}
		targets = nil
		for _, id := range opts.Docs {
			i, ok := byID[id]
			if !ok {
				return res, annotate.Errorf(annotate.ENotFound, "document %q is not in the project", id)
			}
			targets = append(targets, docs[i])
		}
	}
	recs := make([]*suggest.Recommender, len(layers))
	for i, l := range layers {
		recs[i] = suggest.Train(l.Name, suggest.Options{CaseSensitive: opts.CaseSensitive || l.CaseSensitive}, docs, gaz)
	}
	for n, d := range targets {
		rejected, err := st.Rejections(ctx, d.ID, opts.Annotator)
		if err != nil {
			return res, err
		}
		skip := map[suggest.Key]bool{}
		for _, r := range rejected {
			skip[suggest.Key{Layer: r.Layer, Label: r.Label, Start: r.Start, End: r.End}] = true
		}
		for i, l := range layers {
			var found []suggest.Suggestion
			found = append(found, recs[i].Prepare(d.ID, d.Text).Suggestions(opts.MinScore, func(k suggest.Key) bool { return skip[k] })...)
			if opts.Model != nil {
				got, missed, err := s.askModel(ctx, opts, l, d, docs)
				if err != nil {
					if ctx.Err() != nil {
						return res, ctx.Err()
					}
					res.Failed = append(res.Failed, annotate.DocumentError{ID: d.ID, Err: err})
				}
				found = append(found, got...)
				res.Unanchored = append(res.Unanchored, missed...)
			}
			res.Suggestions = append(res.Suggestions, keep(found, d, l.Name, opts, skip)...)
		}
		if opts.Progress != nil {
			opts.Progress(n+1, len(targets))
		}
	}
	return res, nil
}

// keep leaves out suggestions rejected, below the score, the same as one
// before, or on text the annotator (anyone, for "") already labelled in the
// layer; the rest in reading order.
func keep(found []suggest.Suggestion, d annotate.AnnotatedDoc, layer string, opts SuggestOptions, skip map[suggest.Key]bool) []suggest.Suggestion {
	return Unlabelled(found, d.Spans, layer, opts.Annotator, opts.MinScore, skip)
}

// Unlabelled are the suggestions of a document that are still open to the
// annotator (anyone, for ""): not rejected (skip), at least minScore, not
// the same as one before, and not on text they already labelled in the
// layer (spans are the document's); in reading order. The command line and
// the window's ghost spans both leave out what this leaves out.
func Unlabelled(found []suggest.Suggestion, spans []annotate.Span, layer, annotator string, minScore float64, skip map[suggest.Key]bool) []suggest.Suggestion {
	var own []annotate.Fragment
	for _, sp := range spans {
		if sp.Layer == layer && (annotator == "" || sp.Annotator == annotator) {
			own = append(own, sp.Fragments...)
		}
	}
	return UnlabelledBeside(found, own, minScore, skip)
}

// UnlabelledBeside is Unlabelled given the fragments of the layer's spans
// that count as labelled (own; sorted here, in place).
func UnlabelledBeside(found []suggest.Suggestion, own []annotate.Fragment, minScore float64, skip map[suggest.Key]bool) []suggest.Suggestion {
	// sorted by start, with the furthest end so far, so that each
	// suggestion is checked by a binary search, not against every span
	slices.SortFunc(own, func(a, b annotate.Fragment) int { return cmp.Compare(a.Start, b.Start) })
	reach := make([]int, len(own))
	for i, f := range own {
		reach[i] = f.End
		if i > 0 {
			reach[i] = max(reach[i], reach[i-1])
		}
	}
	overlapsOwn := func(s suggest.Suggestion) bool {
		// the fragments starting before s ends; any reaching past its start
		n, _ := slices.BinarySearchFunc(own, s.End, func(f annotate.Fragment, end int) int {
			if f.Start < end {
				return -1
			}
			return 1
		})
		return n > 0 && reach[n-1] > s.Start
	}
	out := make([]suggest.Suggestion, 0, len(found))
	for _, s := range found {
		if (len(skip) > 0 && skip[s.Key()]) || s.Score < minScore || overlapsOwn(s) {
			continue
		}
		out = append(out, s)
	}
	byStretch := func(a, b suggest.Suggestion) int {
		return cmp.Or(cmp.Compare(a.Start, b.Start), cmp.Compare(a.End, b.End))
	}
	if !slices.IsSortedFunc(out, byStretch) { // a recommender's are already
		slices.SortStableFunc(out, byStretch)
	}
	// The same key twice (the matcher and a model agreeing) is kept once:
	// the first, among the few of the same stretch.
	kept := out[:0]
	for _, s := range out {
		dup := false
		for i := len(kept) - 1; i >= 0 && kept[i].Start == s.Start && kept[i].End == s.End; i-- {
			if kept[i].Key() == s.Key() {
				dup = true
				break
			}
		}
		if !dup {
			kept = append(kept, s)
		}
	}
	return kept
}

// askModel asks the model about one document, whole or per paragraph, and
// anchors its mentions.
func (s *Service) askModel(ctx context.Context, opts SuggestOptions, l annotate.Layer, d annotate.AnnotatedDoc, docs []annotate.AnnotatedDoc) ([]suggest.Suggestion, []suggest.Unanchored, error) {
	labels := map[string]bool{}
	for _, lb := range l.Labels {
		labels[lb.Name] = true
	}
	parts := []suggest.Paragraph{{Text: d.Text}}
	if opts.PerParagraph {
		parts = suggest.Paragraphs(d.Text)
	}
	n := opts.Examples
	if n <= 0 {
		n = 2
	}
	examples := Examples(docs, d.ID, l.Name, n)
	var out []suggest.Suggestion
	var missed []suggest.Unanchored
	for _, p := range parts {
		ms, err := opts.Model.Mentions(ctx, ModelRequest{Doc: d.ID, Text: p.Text, Layer: l, Examples: examples})
		if err != nil {
			return out, missed, err
		}
		got, lost := suggest.Anchor(d.ID, l.Name, p.Text, p.Start, ms, labels, suggest.SourceModel+":"+opts.Model.Name())
		out = append(out, got...)
		missed = append(missed, lost...)
	}
	return out, missed, nil
}

// Examples are up to perLabel spans of each label of the layer, from
// documents other than except, in import order: what the model is shown.
func Examples(docs []annotate.AnnotatedDoc, except, layer string, perLabel int) []suggest.Mention {
	count := map[string]int{}
	seen := map[suggest.Mention]bool{}
	var out []suggest.Mention
	for _, d := range docs {
		if d.ID == except {
			continue
		}
		var ix *annotate.TextIndex
		for _, sp := range d.Spans {
			if sp.Layer != layer || len(sp.Fragments) != 1 || count[sp.Label] >= perLabel {
				continue
			}
			if ix == nil {
				ix = annotate.NewTextIndex(d.Text)
			}
			text, err := ix.Slice(sp.Start(), sp.End())
			m := suggest.Mention{Quote: text, Label: sp.Label}
			if err != nil || seen[m] {
				continue
			}
			seen[m] = true
			count[sp.Label]++
			out = append(out, m)
		}
	}
	return out
}

// AcceptResult says what Accept did.
type AcceptResult struct {
	Accepted int
	// Refused are the suggestions the store refused (overlap with a span
	// accepted before, for a layer without overlap), with why.
	Refused []string
}

// Accept makes the suggestions scoring above the annotator's own spans, one
// edit each (undoable one by one), recording each one's origin
// ("suggest:SOURCE") in the edit log. Higher scores go first, so that of two
// overlapping suggestions on a layer without overlap the surer one is kept.
func (s *Service) Accept(ctx context.Context, st annotate.Store, annotator string, sugs []suggest.Suggestion, above float64) (AcceptResult, error) {
	var res AcceptResult
	order := slices.Clone(sugs)
	slices.SortStableFunc(order, func(a, b suggest.Suggestion) int { return cmp.Compare(b.Score, a.Score) })
	for _, sg := range order {
		if sg.Score <= above {
			continue
		}
		e := annotate.AddSpan(annotate.Span{DocID: sg.Doc, Layer: sg.Layer, Label: sg.Label, Annotator: annotator,
			Fragments: []annotate.Fragment{{Start: sg.Start, End: sg.End}}})
		e.Origin = "suggest:" + sg.Source
		if _, err := st.Apply(ctx, e); err != nil {
			if code := annotate.ErrorCode(err); code == annotate.EInvalid || code == annotate.EConflict || code == annotate.ENotFound {
				res.Refused = append(res.Refused, fmt.Sprintf("%s %d-%d %s: %v", sg.Doc, sg.Start, sg.End, sg.Label, err))
				continue
			}
			return res, err
		}
		res.Accepted++
	}
	return res, nil
}

// Evaluate measures each span layer's suggestions (or the named layer's)
// leave-one-document-out: see suggest.Evaluate.
func (s *Service) Evaluate(ctx context.Context, st annotate.Store, layer string, minScore float64, caseSensitive bool) ([]suggest.Quality, error) {
	sc, docs, err := corpus(ctx, st)
	if err != nil {
		return nil, err
	}
	layers, err := spanLayers(sc, layer)
	if err != nil {
		return nil, err
	}
	gaz, err := gazetteer(ctx, st, sc)
	if err != nil {
		return nil, err
	}
	var out []suggest.Quality
	for _, l := range layers {
		out = append(out, suggest.Evaluate(l.Name, suggest.Options{CaseSensitive: caseSensitive || l.CaseSensitive}, docs, gaz, minScore))
	}
	return out, nil
}
