package app

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"

	"frametag/annotate"
	"frametag/annotate/suggest"
	"frametag/project"
)

// suggester keeps the open document's suggestions up to date while the
// annotator labels. The recommenders (annotate/suggest, one per span layer,
// trained on the whole project) are not safe for concurrent use, and
// training reads the whole project, so they live on a goroutine of their
// own: every piece of work is a job run there in the order given (serial),
// and what a job finds is handed to the session on the UI goroutine (post).
// The window never waits for it: a new span costs the UI goroutine a
// snapshot of the rejections, and the suggestions arrive when computed.
type suggester struct {
	s    *session
	jobs *serial
	post func(func())
	// source is the open project, read when a job is queued.
	source func() corpusSource
	// minScore is the least score shown as a ghost span.
	minScore func() float64
	// failed tells the user that suggestions could not be made.
	failed func(err error)
	// latest numbers the requests to compute the suggestions: a compute
	// job that is not the latest does nothing, since a later one brings
	// the same document up to date.
	latest atomic.Int64
	// trained numbers the trainings asked for (UI goroutine): only the
	// latest one's failure is told.
	trained int

	// owned by the jobs' goroutine
	recs   map[string]*suggest.Recommender // by layer
	open   map[string]*suggest.Doc         // the open document, by layer
	openID string
	// model holds a local model's suggestions, by document.
	model map[string][]suggest.Suggestion
}

// corpusSource is what training reads of the project.
type corpusSource interface {
	Schema(ctx context.Context) (annotate.Schema, error)
	Export(ctx context.Context, fn func(annotate.AnnotatedDoc) error) error
	Gazetteer(ctx context.Context, layer string) ([]annotate.GazetteerEntry, error)
}

func newSuggester(s *session, start func(func()), post func(func()), source func() corpusSource, minScore func() float64, failed func(error)) *suggester {
	g := &suggester{s: s, jobs: &serial{start: start}, post: post, source: source, minScore: minScore, failed: failed,
		model: map[string][]suggest.Suggestion{}}
	s.subscribe(g.changed)
	return g
}

// changed queues the work a session change calls for.
func (g *suggester) changed(cs []change) {
	recompute := false
	for _, c := range cs {
		switch c := c.(type) {
		case schemaChanged:
			g.train()
			recompute = true
		case docOpened:
			g.prepare()
			recompute = true
		case spanAdded:
			g.learn(c.span, 1)
			recompute = true
		case spanRemoved:
			g.learn(c.span, -1)
			recompute = true
		case spanChanged:
			g.learn(c.before, -1)
			g.learn(c.after, 1)
			recompute = true
		case rejectionsChanged:
			recompute = true
		case suggestionsShown:
			recompute = c.on
		}
	}
	if recompute {
		g.compute()
	}
}

// train builds a recommender per span layer from the whole project: its
// labelled spans and its gazetteer (suggest.Train).
func (g *suggester) train() {
	src := g.source()
	if src == nil {
		return
	}
	// A project closed meanwhile (another opened, its training queued
	// behind) fails to read: that is not worth a word.
	g.trained++
	gen := g.trained
	fail := func(err error) {
		g.post(func() {
			if gen == g.trained {
				g.failed(err)
			}
		})
	}
	g.jobs.do(func() {
		ctx := context.Background()
		sc, err := src.Schema(ctx)
		if err != nil {
			fail(err)
			return
		}
		var docs []annotate.AnnotatedDoc
		if err := src.Export(ctx, func(d annotate.AnnotatedDoc) error {
			docs = append(docs, d)
			return nil
		}); err != nil {
			fail(err)
			return
		}
		gaz, err := src.Gazetteer(ctx, "")
		if err != nil {
			fail(err)
			return
		}
		gaz = slices.DeleteFunc(gaz, func(e annotate.GazetteerEntry) bool { return sc.CheckGazetteerEntry(e) != nil })
		var layers []suggest.Layer
		for _, l := range sc.Layers {
			if l.Kind == annotate.SpanLayer {
				layers = append(layers, suggest.Layer{Name: l.Name, Options: suggest.Options{CaseSensitive: l.CaseSensitive}})
			}
		}
		g.recs = map[string]*suggest.Recommender{}
		for _, r := range suggest.TrainLayers(layers, docs, gaz, nil) {
			g.recs[r.Layer] = r
		}
		g.open, g.openID = nil, ""
	})
	g.prepare()
}

// prepare readies the open document for matching in every layer.
func (g *suggester) prepare() {
	if !g.s.hasDocument() {
		return
	}
	id, text := g.s.doc.ID, g.s.doc.Text
	g.jobs.do(func() {
		g.open, g.openID = map[string]*suggest.Doc{}, id
		// one segmentation for every layer: the recommenders share a
		// vocabulary (a 10 MB article costs 12 bytes a token once, and 4
		// more per layer that learned a phrase)
		var toks *suggest.Tokens
		for layer, r := range g.recs {
			if toks == nil {
				toks = r.Vocab().Tokenize(id, text)
			}
			g.open[layer] = r.Match(toks)
		}
	})
}

// learn teaches the recommender of a span's layer its text (sign 1) or
// takes it back (-1), and brings the open document's matches up to date.
func (g *suggester) learn(sp annotate.Span, sign int) {
	if len(sp.Fragments) != 1 {
		return // discontinuous spans are not phrases
	}
	text := g.s.spanText(sp)
	g.jobs.do(func() {
		r, ok := g.recs[sp.Layer]
		if !ok {
			return
		}
		p := r.Learn(text, sp.Label, sign)
		if d := g.open[sp.Layer]; d != nil {
			d.Update(p)
		}
	})
}

// compute lists the open document's suggestions on the jobs' goroutine and
// hands them to the session. It takes what it needs of the session (the
// rejections, the annotator's spans) when called; every change to them
// calls it again, so a list computed from an older state is dropped, never
// shown.
func (g *suggester) compute() {
	if !g.s.hasDocument() || !g.s.showSuggestions {
		return // hidden: computed when shown again
	}
	id := g.s.doc.ID
	skip := g.s.rejectedKeys()
	own := g.s.spanSummary().own
	minScore := g.minScore()
	n := g.latest.Add(1)
	g.jobs.do(func() {
		if g.latest.Load() != n || g.openID != id {
			return
		}
		found := g.suggestions(id, skip, own, minScore)
		g.post(func() {
			if g.latest.Load() == n {
				g.s.setSuggestions(id, found)
			}
		})
	})
}

// suggestions are the open document's suggestions from every layer's
// recommender and the model: not rejected, scoring at least minScore, not
// on text the annotator labelled in the layer (own), in the session's
// order (compareSuggestions). Run on the jobs' goroutine.
func (g *suggester) suggestions(id string, skip map[suggest.Key]bool, own map[string][]annotate.Fragment, minScore float64) []suggest.Suggestion {
	byLayer := map[string][]suggest.Suggestion{}
	for layer, d := range g.open {
		byLayer[layer] = d.Suggestions(minScore, func(k suggest.Key) bool { return skip[k] })
	}
	for _, sg := range g.model[id] {
		byLayer[sg.Layer] = append(byLayer[sg.Layer], sg)
	}
	var out []suggest.Suggestion
	for layer, found := range byLayer {
		out = append(out, project.UnlabelledBeside(found, own[layer], minScore, skip)...)
	}
	if !slices.IsSortedFunc(out, compareSuggestions) {
		slices.SortFunc(out, compareSuggestions)
	}
	return out
}

// setModel keeps a local model's suggestions for documents (replacing what
// it said before about them) and shows them if one of them is open.
func (g *suggester) setModel(byDoc map[string][]suggest.Suggestion) {
	g.jobs.do(func() {
		for doc, sgs := range byDoc {
			g.model[doc] = sgs
		}
	})
	g.compute()
}

// serial runs jobs one after another, in the order given, on a goroutine
// started when there is work (start; tests run it at once) that ends when
// the queue is empty. A job's panic is reported, never a crash.
type serial struct {
	start func(func())
	// failed hears of a job's panic; nil drops it.
	failed func(error)

	mu      sync.Mutex
	queue   []func()
	running bool
}

// do queues a job.
func (q *serial) do(job func()) {
	q.mu.Lock()
	q.queue = append(q.queue, job)
	if q.running {
		q.mu.Unlock()
		return
	}
	q.running = true
	q.mu.Unlock()
	q.start(q.drain)
}

func (q *serial) drain() {
	for {
		q.mu.Lock()
		if len(q.queue) == 0 {
			q.running = false
			q.mu.Unlock()
			return
		}
		job := q.queue[0]
		q.queue = q.queue[1:]
		q.mu.Unlock()
		q.run(job)
	}
}

func (q *serial) run(job func()) {
	defer func() {
		if r := recover(); r != nil && q.failed != nil {
			q.failed(fmt.Errorf("internal error: %v", r))
		}
	}()
	job()
}
