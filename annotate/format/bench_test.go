package format

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"

	"frametag/annotate"
)

// newsDoc is a news-sized document (about 5 KB, some non-ASCII) with 30 spans
// and 10 relations.
func newsDoc(i int) annotate.AnnotatedDoc {
	text := strings.Repeat("Blinken said the “referendums” were a sham — Київ agrees 😀. ", 80)
	d := annotate.AnnotatedDoc{Document: annotate.Document{ID: fmt.Sprintf("doc-%05d", i), Title: "T", Text: text}}
	for j := range 30 {
		start := j * 100
		d.Spans = append(d.Spans, annotate.Span{ID: fmt.Sprintf("s%d", j), Layer: "claim", Label: "Claim",
			Fragments: []annotate.Fragment{{Start: start, End: start + 40}}, Annotator: "a", Attrs: annotate.Attrs{"kind": "event"}})
	}
	for j := range 10 {
		d.Relations = append(d.Relations, annotate.Relation{ID: fmt.Sprintf("r%d", j), Type: "t", From: fmt.Sprintf("s%d", j), To: fmt.Sprintf("s%d", j+1), Annotator: "a"})
	}
	d.Status = map[string]annotate.Status{"a": annotate.StatusDone}
	return d
}

func BenchmarkJSONLWrite(b *testing.B) {
	doc := newsDoc(0)
	enc := JSONL().StreamWriter.NewEncoder(io.Discard, Options{}, new(Loss))
	b.ReportAllocs()
	for b.Loop() {
		if err := enc.Encode(doc); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJSONLRead(b *testing.B) { benchmarkStreamRead(b, JSONL(), "bench") }

// benchmarkStreamRead reads 100 news-sized documents that f itself wrote
// into one stream, again and again.
func benchmarkStreamRead(b *testing.B, f Format, name string) {
	var buf bytes.Buffer
	enc := f.StreamWriter.NewEncoder(&buf, Options{}, new(Loss))
	const docs = 100
	for i := range docs {
		if err := enc.Encode(newsDoc(i)); err != nil {
			b.Fatal(err)
		}
	}
	enc.Flush()
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range f.FileReader.ReadFile(name, bytes.NewReader(data), Options{}, new(Loss)) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != docs {
			b.Fatalf("read %d", n)
		}
	}
}
