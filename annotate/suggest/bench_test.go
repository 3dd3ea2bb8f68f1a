package suggest

import (
	"fmt"
	"frametag/internal/benchcpu"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"
)

// words is a synthetic vocabulary drawn with a Zipf law, as news text is.
func wordsFrom(rng *rand.Rand, vocab, n int) []string {
	z := rand.NewZipf(rng, 1.1, 1, uint64(vocab-1))
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("w%d", z.Uint64())
	}
	return out
}

// article is a text of n words, sentences of 12.
func article(rng *rand.Rand, n int) string {
	ws := wordsFrom(rng, 20000, n)
	var b strings.Builder
	for i, w := range ws {
		b.WriteString(w)
		if i%12 == 11 {
			b.WriteString(". ")
		} else {
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// trained learns spans phrases of minWords to 4 words, labelled one of 18.
func trained(rng *rand.Rand, spans, minWords int) *Recommender {
	r := New("technique", Options{})
	for range spans {
		ws := wordsFrom(rng, 20000, minWords+rng.IntN(5-minWords))
		r.Learn(strings.Join(ws, " "), fmt.Sprintf("T%d", rng.IntN(18)), 1)
	}
	return r
}

// BenchmarkLabelUpdate100kWords is the work a new span costs on the open
// document of 100,000 words: learn the phrase and update the document's
// matches (update), then list its suggestions again (+list). A frame is
// 16 ms. "dense" learned 20,000 phrases of 1 to 4 words from a Zipf
// vocabulary, so that the most frequent single words are phrases: every
// other word is suggested (the worst case); "phrases" learned phrases of 2
// to 4 words.
func BenchmarkLabelUpdate100kWords(b *testing.B) {
	for _, c := range []struct {
		name     string
		minWords int
	}{{"dense", 1}, {"phrases", 2}} {
		rng := rand.New(rand.NewPCG(1, 2))
		r := trained(rng, 20000, c.minWords)
		d := r.Prepare("d", article(rng, 100000))
		b.Run(c.name+"/update", func(b *testing.B) {
			defer benchcpu.PerOp(b)()
			for i := 0; b.Loop(); i++ {
				ws := wordsFrom(rng, 20000, c.minWords+i%(5-c.minWords))
				d.Update(r.Learn(strings.Join(ws, " "), "T1", 1))
			}
		})
		b.Run(c.name+"/update+list", func(b *testing.B) {
			defer benchcpu.PerOp(b)()
			var n int
			for i := 0; b.Loop(); i++ {
				ws := wordsFrom(rng, 20000, c.minWords+i%(5-c.minWords))
				d.Update(r.Learn(strings.Join(ws, " "), "T1", 1))
				n = len(d.Suggestions(0, nil))
			}
			b.ReportMetric(float64(n), "suggestions")
		})
	}
}

// BenchmarkPrepare100kWords is opening a 100,000-word document: segmenting
// it and matching every phrase.
func BenchmarkPrepare100kWords(b *testing.B) {
	rng := rand.New(rand.NewPCG(1, 2))
	r := trained(rng, 20000, 1)
	text := article(rng, 100000)
	defer benchcpu.PerOp(b)()
	for b.Loop() {
		r.Prepare("d", text)
	}
}

// BenchmarkMemory400kSpans reports the heap a recommender holds after
// learning 400,000 spans.
func BenchmarkMemory400kSpans(b *testing.B) {
	for b.Loop() {
		rng := rand.New(rand.NewPCG(3, 4))
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		r := trained(rng, 400000, 1)
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/(1<<20), "MB")
		b.ReportMetric(float64(r.Len()), "phrases")
		runtime.KeepAlive(r)
	}
}
