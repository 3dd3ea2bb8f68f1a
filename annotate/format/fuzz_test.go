package format

import (
	"bytes"
	"os"
	"reflect"
	"testing"

	"frametag/annotate"
)

// FuzzJSONLReader: the reader never panics, and every document it accepts
// is written by the writer and read back unchanged. The seeds are the lines
// of the unicode corpus and the corpus in testdata/fuzz/FuzzJSONLReader;
// they run as ordinary tests.
func FuzzJSONLReader(f *testing.F) {
	corpus, err := os.ReadFile(unicodeCorpus)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(corpus)
	for line := range bytes.Lines(corpus) {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		var accepted []annotate.AnnotatedDoc
		for rec, err := range JSONL().FileReader.ReadFile("fuzz", bytes.NewReader(data), Options{}, new(Loss)) {
			if err != nil {
				break // the documents before the bad line were still accepted
			}
			accepted = append(accepted, rec.Doc)
		}
		if len(accepted) == 0 {
			return
		}
		var buf bytes.Buffer
		enc := JSONL().StreamWriter.NewEncoder(&buf, Options{}, new(Loss))
		for _, d := range accepted {
			if err := enc.Encode(d); err != nil {
				t.Fatalf("an accepted document cannot be written: %v\ninput: %q", err, data)
			}
		}
		if err := enc.Flush(); err != nil {
			t.Fatal(err)
		}
		var again []annotate.AnnotatedDoc
		for rec, err := range JSONL().FileReader.ReadFile("again", bytes.NewReader(buf.Bytes()), Options{}, new(Loss)) {
			if err != nil {
				t.Fatalf("what the writer wrote is refused: %v\ninput: %q\nwritten: %q", err, data, buf.Bytes())
			}
			again = append(again, rec.Doc)
		}
		if !reflect.DeepEqual(again, accepted) {
			t.Fatalf("round trip changed the documents\ninput:   %q\nwritten: %q\nread:    %#v\nreread:  %#v", data, buf.Bytes(), accepted, again)
		}
	})
}
