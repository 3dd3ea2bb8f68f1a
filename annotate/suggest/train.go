package suggest

import (
	"slices"

	"frametag/annotate"
)

// learnable reports whether sp teaches the recommender of layer: a
// contiguous span of the layer (discontinuous spans are not phrases).
func learnable(sp annotate.Span, layer string) bool {
	return sp.Layer == layer && len(sp.Fragments) == 1
}

// spanText is a contiguous span's text in ix, "" when out of range.
func spanText(ix *annotate.TextIndex, sp annotate.Span) string {
	s, err := ix.Slice(sp.Start(), sp.End())
	if err != nil {
		return ""
	}
	return s
}

// Train builds a layer's recommender from the project's documents (every
// contiguous span of the layer, by any annotator) and the layer's gazetteer
// entries (entries of other layers are ignored), then counts how often each
// learned phrase occurs in the texts, so that a phrase labelled once among
// ten occurrences scores 0.1.
func Train(layer string, opts Options, docs []annotate.AnnotatedDoc, gazetteer []annotate.GazetteerEntry) *Recommender {
	return TrainLayers([]Layer{{Name: layer, Options: opts}}, docs, gazetteer, nil)[0]
}

// Layer is a span layer to train a recommender for.
type Layer struct {
	Name    string
	Options Options
}

// TrainLayers trains a recommender per layer (as Train does) sharing one
// Vocab, so that each text is segmented once for every layer, here and
// after (Vocab.Tokenize, Recommender.Match). keep, when set, is handed each
// document's tokens as counted (docs[i]'s), for Vocab.Tokens to rebuild
// without segmenting again; it is not called when no layer learned a
// phrase, since nothing is counted then.
func TrainLayers(layers []Layer, docs []annotate.AnnotatedDoc, gazetteer []annotate.GazetteerEntry, keep func(i int, toks []int32)) []*Recommender {
	v := NewVocab()
	rs := make([]*Recommender, len(layers))
	var learned []*Recommender
	for k, l := range layers {
		r := NewShared(l.Name, l.Options, v)
		for _, e := range gazetteer {
			if e.Layer == l.Name || e.Layer == "" {
				r.AddGazetteer(e.Text, e.Label)
			}
		}
		for i := range docs {
			learnDoc(r, &docs[i], 1)
		}
		rs[k] = r
		if r.Len() > 0 {
			learned = append(learned, r)
		}
	}
	if len(learned) == 0 {
		return rs // nothing learned: no occurrences to count
	}
	var toks []int32 // one buffer for every text; what keep is handed is sized exactly
	for i := range docs {
		toks = v.appendSegments(toks[:0], docs[i].Text)
		for _, r := range learned {
			r.count(toks, 1)
		}
		if keep != nil {
			keep(i, slices.Clone(toks))
		}
	}
	return rs
}

// learnDoc learns (sign 1) or unlearns (sign -1) a document's spans.
func learnDoc(r *Recommender, d *annotate.AnnotatedDoc, sign int) {
	var ix *annotate.TextIndex
	for _, sp := range d.Spans {
		if !learnable(sp, r.Layer) {
			continue
		}
		if ix == nil {
			ix = annotate.NewTextIndex(d.Text)
		}
		if t := spanText(ix, sp); t != "" {
			r.Learn(t, sp.Label, sign)
		}
	}
}

// Quality is how well a layer's suggestions match what was labelled.
type Quality struct {
	Layer string `json:"layer"`
	// Documents evaluated: those with at least one span of the layer.
	Documents int `json:"documents"`
	// Suggested, Labelled (distinct stretch and label) and Correct (both).
	Suggested int     `json:"suggested"`
	Labelled  int     `json:"labelled"`
	Correct   int     `json:"correct"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

// Evaluate measures the recommender leave-one-document-out, as INCEpTION
// does: each document with spans of the layer is suggested by a recommender
// that learned from every other document (and the gazetteer), and its
// suggestions scoring at least minScore are compared with its spans (by any
// annotator, contiguous ones; the same stretch and label counted once). A
// suggestion is correct when its stretch and label are exactly a span's.
func Evaluate(layer string, opts Options, docs []annotate.AnnotatedDoc, gazetteer []annotate.GazetteerEntry, minScore float64) Quality {
	r := Train(layer, opts, docs, gazetteer)
	q := Quality{Layer: layer}
	for i := range docs {
		d := &docs[i]
		gold := map[Key]bool{}
		for _, sp := range d.Spans {
			if learnable(sp, layer) {
				gold[Key{layer, sp.Label, sp.Start(), sp.End()}] = true
			}
		}
		if len(gold) == 0 {
			continue
		}
		q.Documents++
		learnDoc(r, d, -1)
		doc := r.Prepare(d.ID, d.Text)
		r.count(doc.t.toks, -1)
		for _, s := range doc.Suggestions(minScore, nil) {
			q.Suggested++
			if gold[s.Key()] {
				q.Correct++
			}
		}
		q.Labelled += len(gold)
		r.count(doc.t.toks, 1)
		learnDoc(r, d, 1)
	}
	if q.Suggested > 0 {
		q.Precision = float64(q.Correct) / float64(q.Suggested)
	}
	if q.Labelled > 0 {
		q.Recall = float64(q.Correct) / float64(q.Labelled)
	}
	if q.Precision+q.Recall > 0 {
		q.F1 = 2 * q.Precision * q.Recall / (q.Precision + q.Recall)
	}
	return q
}
