package suggest

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/clipperhouse/uax29/v2/words"
)

// Ranked is a document in a "next document" order, with why it is there.
type Ranked struct {
	Doc   string
	Score float64
	Why   string
}

// uncertainty of one suggestion: 1 at a score of 0.5, 0 at 0 or 1.
func uncertainty(score float64) float64 { return 1 - math.Abs(2*score-1) }

// MostUncertain orders documents by how uncertain their suggestions are:
// the sum over each document's suggestions of 1 − |2·score − 1|, so that a
// document with many middling suggestions comes first and one whose
// suggestions are all sure (or that has none) comes last. Ties keep the
// given order (as imported). suggestions maps a document to its
// suggestions; docs is the order to rank.
func MostUncertain(docs []string, suggestions map[string][]Suggestion) []Ranked {
	out := make([]Ranked, len(docs))
	for i, d := range docs {
		out[i] = Uncertain(d, suggestions[d])
	}
	SortRanked(out)
	return out
}

// Uncertain is one document's place in MostUncertain, from its
// suggestions: a caller that ranks many documents need not keep them all.
func Uncertain(doc string, suggestions []Suggestion) Ranked {
	var sum float64
	n := 0
	for _, s := range suggestions {
		u := uncertainty(s.Score)
		sum += u
		if u >= 0.5 {
			n++
		}
	}
	return Ranked{Doc: doc, Score: sum,
		Why: fmt.Sprintf("%d of %d suggestions of middling confidence (uncertainty %.2f)", n, len(suggestions), sum)}
}

// SortRanked puts the highest scores first; ties keep the given order.
func SortRanked(rs []Ranked) {
	slices.SortStableFunc(rs, func(a, b Ranked) int { return cmp.Compare(b.Score, a.Score) })
}

// NovelDoc is a document for MostNovel.
type NovelDoc struct {
	ID, Text string
	// Labelled: someone labelled it; it is what the others are compared
	// with, and is not ranked itself.
	Labelled bool
}

// MostNovel orders the documents nobody labelled by how unlike the labelled
// ones they are: 1 − the cosine between a document's TF-IDF vector
// (lower-cased words by UAX #29, log-scaled term frequency, smoothed IDF
// over the whole corpus) and the centroid of the labelled documents'
// normalised vectors. With nothing labelled every document is equally
// novel and the given order is kept. Time is linear in the corpus: one pass
// to count document frequencies, one to build each vector.
func MostNovel(docs []NovelDoc) []Ranked {
	vocab := map[string]int32{}
	df := []int32{}
	tfs := make([]map[int32]float64, len(docs))
	for i, d := range docs {
		tf := map[int32]float64{}
		it := words.FromString(d.Text)
		for it.Next() {
			w := it.Value()
			if !isWord(w) {
				continue
			}
			w = strings.ToLower(w)
			id, ok := vocab[w]
			if !ok {
				id = int32(len(df))
				vocab[w] = id
				df = append(df, 0)
			}
			if tf[id] == 0 {
				df[id]++
			}
			tf[id]++
		}
		tfs[i] = tf
	}
	n := float64(len(docs))
	idf := make([]float64, len(df))
	for i, f := range df {
		idf[i] = math.Log((1+n)/(1+float64(f))) + 1
	}
	// Each vector is weighted and normalised in place.
	for _, tf := range tfs {
		var norm float64
		for id, c := range tf {
			w := (1 + math.Log(c)) * idf[id]
			tf[id] = w
			norm += w * w
		}
		norm = math.Sqrt(norm)
		for id := range tf {
			if norm > 0 {
				tf[id] /= norm
			}
		}
	}
	centroid := map[int32]float64{}
	labelled := 0
	for i, d := range docs {
		if d.Labelled {
			labelled++
			for id, w := range tfs[i] {
				centroid[id] += w
			}
		}
	}
	var cnorm float64
	for _, w := range centroid {
		cnorm += w * w
	}
	cnorm = math.Sqrt(cnorm)
	var out []Ranked
	for i, d := range docs {
		if d.Labelled {
			continue
		}
		cos := 0.0
		if cnorm > 0 {
			for id, w := range tfs[i] {
				cos += w * centroid[id]
			}
			cos /= cnorm
		}
		r := Ranked{Doc: d.ID, Score: 1 - cos}
		if labelled == 0 {
			r.Why = "nothing labelled yet to compare with"
		} else {
			r.Why = fmt.Sprintf("similarity %.2f to the %d labelled documents", cos, labelled)
		}
		out = append(out, r)
	}
	slices.SortStableFunc(out, func(a, b Ranked) int { return cmp.Compare(b.Score, a.Score) })
	return out
}
