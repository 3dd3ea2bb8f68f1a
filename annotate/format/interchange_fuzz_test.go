package format

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"frametag/annotate"
)

// fuzzReader checks that f's reader never panics on data and that every
// document it accepts holds spans inside its text and, for a format that
// writes, is written again without an error.
func fuzzReader(f *testing.F, format Format, fixtures string, seeds ...string) {
	files, _ := filepath.Glob(filepath.Join("testdata", fixtures, "*"))
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := Options{}.resolve(format)
		var docs []annotate.AnnotatedDoc
		for rec, err := range format.FileReader.ReadFile("fuzz", bytes.NewReader(data), opt, new(Loss)) {
			if err != nil {
				break
			}
			d := rec.Doc
			ix := annotate.NewTextIndex(d.Text)
			for _, sp := range d.Spans {
				if err := annotate.CheckFragments(sp.Fragments, ix.Len()); err != nil {
					t.Fatalf("accepted a span outside its text: %v\ninput %q", err, data)
				}
			}
			docs = append(docs, d)
		}
		if format.StreamWriter == nil {
			return
		}
		enc := format.StreamWriter.NewEncoder(new(bytes.Buffer), opt, new(Loss))
		for _, d := range docs {
			if err := enc.Encode(d); err != nil {
				t.Fatalf("an accepted document cannot be written: %v\ninput %q", err, data)
			}
		}
	})
}

func FuzzDoccanoReader(f *testing.F) {
	fuzzReader(f, Doccano(), "doccano", `{"id":1,"text":"😀 a","entities":[{"id":1,"label":"X","start_offset":3,"end_offset":4}],"relations":[{"id":1,"from_id":1,"to_id":1,"type":"t"}]}`)
}

func FuzzProdigyReader(f *testing.F) {
	fuzzReader(f, Prodigy(), "prodigy", `{"text":"a b","tokens":[{"text":"a","start":0,"end":1,"id":0},{"text":"b","start":2,"end":3,"id":1}],"relations":[{"head":0,"child":1,"label":"r"}]}`)
}

func FuzzLabelStudioReader(f *testing.F) {
	fuzzReader(f, LabelStudio(), "labelstudio", `[{"id":1,"data":{"text":"ab"},"annotations":[{"result":[{"id":"r","type":"labels","value":{"start":0,"end":1,"labels":["X"]}},{"type":"relation","from_id":"r","to_id":"r","direction":"bi"}]}]}]`)
}

func FuzzCSVReader(f *testing.F) {
	fuzzReader(f, CSV(), "csv", "id,text\n1,\"a\r\nb\"\n", "\ufefftext,x\r\n\"\"\"q\"\"\",\n")
}

// FuzzTxtReader: a plain text file is read verbatim (but for a leading byte
// order mark) with a title of at most MaxTitle code points and a "…", or
// refused; it never panics.
func FuzzTxtReader(f *testing.F) {
	for _, s := range []string{"Title line\r\nbody 🇺🇦 text\n", "\ufeff\n\n  Привет, ми́р  \n", "   \n\t", strings.Repeat("word ", 60), "\xff bad"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for rec, err := range PlainText().FileReader.ReadFile("fuzz.txt", bytes.NewReader(data), Options{}, new(Loss)) {
			if err != nil {
				if utf8.Valid(bytes.TrimPrefix(data, utf8BOM)) && strings.TrimSpace(string(bytes.TrimPrefix(data, utf8BOM))) != "" {
					t.Fatalf("refused a readable text: %v\ninput %q", err, data)
				}
				return
			}
			d := rec.Doc
			if want := string(bytes.TrimPrefix(data, utf8BOM)); d.Text != want {
				t.Fatalf("text %q, want the file verbatim %q", d.Text, want)
			}
			if n := utf8.RuneCountInString(d.Title); n > MaxTitle+1 || !utf8.ValidString(d.Title) {
				t.Fatalf("title %q: %d code points", d.Title, n)
			}
			if d.ID != "fuzz" || d.SHA256 != annotate.TextHash(d.Text) {
				t.Fatalf("id %q, hash %q", d.ID, d.SHA256)
			}
		}
	})
}
