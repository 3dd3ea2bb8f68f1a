package format

import (
	"bytes"
	"io"
	"testing"
)

// The token formats on news-sized documents (newsDoc: 5 KB, 30 spans, 10
// relations): each reader over what its writer wrote.

func BenchmarkWebAnnoRead(b *testing.B) {
	data, err := webannoDocument(newsDoc(0), Options{}.resolve(WebAnno()), new(Loss))
	if err != nil {
		b.Fatal(err)
	}
	opt := Options{}.resolve(WebAnno())
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		for _, err := range WebAnno().FileReader.ReadFile("bench.tsv", bytes.NewReader(data), opt, new(Loss)) {
			if err != nil {
				b.Fatal(err)
			}
		}
	}
}

func BenchmarkWebAnnoWrite(b *testing.B) {
	doc := newsDoc(0)
	opt := Options{}.resolve(WebAnno())
	b.ReportAllocs()
	for b.Loop() {
		if _, err := webannoDocument(doc, opt, new(Loss)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkCoNLLRead(b *testing.B) { benchmarkStreamRead(b, CoNLL(), "bench.conll") }

func BenchmarkCoNLLWrite(b *testing.B) {
	doc := newsDoc(0)
	enc := CoNLL().StreamWriter.NewEncoder(io.Discard, Options{}, new(Loss))
	b.ReportAllocs()
	for b.Loop() {
		if err := enc.Encode(doc); err != nil {
			b.Fatal(err)
		}
	}
}
