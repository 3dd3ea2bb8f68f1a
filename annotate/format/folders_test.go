package format

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"frametag/annotate"
	"frametag/annotate/schemes"
)

// readDocs reads paths of fsys as format name ("" detects it) and returns
// the documents, the loss and the formats the reading chose.
func readDocs(t *testing.T, fsys fs.FS, name string, opt Options, paths ...string) ([]annotate.AnnotatedDoc, Loss, []string) {
	t.Helper()
	r, err := All().Read(NewInput(fsys, paths...), name, opt)
	if err != nil {
		t.Fatal(err)
	}
	var docs []annotate.AnnotatedDoc
	for rec, err := range r.Records() {
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, rec.Doc)
	}
	checkOffsets(t, docs)
	return docs, r.Loss(), r.Formats()
}

// readErr is the error reading paths of fsys as format name ends with.
func readErr(fsys fs.FS, name string, opt Options, paths ...string) error {
	r, err := All().Read(NewInput(fsys, paths...), name, opt)
	if err != nil {
		return err
	}
	for _, err := range r.Records() {
		if err != nil {
			return err
		}
	}
	return nil
}

// checkOffsets: every span lies inside its document's text.
func checkOffsets(t *testing.T, docs []annotate.AnnotatedDoc) {
	t.Helper()
	for _, d := range docs {
		ix := annotate.NewTextIndex(d.Text)
		for _, sp := range d.Spans {
			if err := annotate.CheckFragments(sp.Fragments, ix.Len()); err != nil {
				t.Errorf("%s/%s: %v", d.ID, sp.ID, err)
			}
		}
	}
}

// writeDocs writes docs in format f into a new folder and returns it.
func writeDocs(t *testing.T, f Format, opt Options, docs []annotate.AnnotatedDoc) (string, Result) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out")
	res, err := WriteFile(out, f, opt, sourceOf(docs, -1))
	if err != nil {
		t.Fatal(err)
	}
	return out, res
}

// unicodeDocs is the native test corpus: emoji, Cyrillic, CJK, CRLF,
// combining marks, discontinuous spans, attributes, notes, relations.
func unicodeDocs(t *testing.T) []annotate.AnnotatedDoc {
	t.Helper()
	data, err := os.ReadFile(unicodeCorpus)
	if err != nil {
		t.Fatal(err)
	}
	return readDocsFrom(t, data)
}

func readDocsFrom(t *testing.T, jsonl []byte) []annotate.AnnotatedDoc {
	t.Helper()
	var docs []annotate.AnnotatedDoc
	for rec, err := range JSONL().FileReader.ReadFile("corpus", bytes.NewReader(jsonl), Options{}, new(Loss)) {
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, rec.Doc)
	}
	return docs
}

// spanKey is a span as a format may keep it: layer, label, fragments and
// the text they cover.
func spanKey(d annotate.AnnotatedDoc, sp annotate.Span, layer bool) string {
	text, err := annotate.NewTextIndex(d.Text).SpanText(sp.Fragments)
	if err != nil {
		text = "ERROR " + err.Error()
	}
	l := ""
	if layer {
		l = sp.Layer + "/"
	}
	return fmt.Sprintf("%s%s %v %q", l, sp.Label, sp.Fragments, text)
}

// spanKeys lists a document's spans by spanKey, sorted.
func spanKeys(d annotate.AnnotatedDoc, layer bool) []string {
	var keys []string
	for _, sp := range d.Spans {
		keys = append(keys, spanKey(d, sp, layer))
	}
	slices.Sort(keys)
	return keys
}

// relationKeys lists a document's relations by their ends' spanKeys.
func relationKeys(d annotate.AnnotatedDoc) []string {
	byID := map[string]annotate.Span{}
	for _, sp := range d.Spans {
		byID[sp.ID] = sp
	}
	var keys []string
	for _, r := range d.Relations {
		keys = append(keys, fmt.Sprintf("%s: %s → %s", r.Type, spanKey(d, byID[r.From], false), spanKey(d, byID[r.To], false)))
	}
	slices.Sort(keys)
	return keys
}

func byDocID(docs []annotate.AnnotatedDoc) map[string]annotate.AnnotatedDoc {
	m := map[string]annotate.AnnotatedDoc{}
	for _, d := range docs {
		m[d.ID] = d
	}
	return m
}

func defaultSchema() annotate.Schema { return schemes.Default() }

// listFiles lists the files under dir, slash-separated and relative.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			out = append(out, filepath.ToSlash(rel))
		}
		return nil
	})
	return out
}

func mustRead(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// discardFolder is a Folder that keeps nothing.
type discardFolder struct{}

func (discardFolder) Create(string) (io.WriteCloser, error) { return nopWriteCloser{}, nil }

type nopWriteCloser struct{}

func (nopWriteCloser) Write(p []byte) (int, error) { return len(p), nil }
func (nopWriteCloser) Close() error                { return nil }

// TestFolderDetection: a folder named without --format is read by the
// folder format whose files it holds; folders of .txt and .jsonl files
// are read as before.
func TestFolderDetection(t *testing.T) {
	fixtures := os.DirFS("testdata")
	tests := []struct {
		path string
		want []string
	}{
		{"brat/clean", []string{"brat"}},
		{"brat", []string{"brat"}},
		{"ptc/release", []string{"ptc"}},
		{"ptc/aggregate", []string{"ptc"}},
		{"semeval2023/data", []string{"semeval2023"}},
		{"semeval2023/data/ru", []string{"semeval2023"}},
	}
	for _, tt := range tests {
		r, err := All().Read(NewInput(fixtures, tt.path), "", Options{})
		if err != nil {
			t.Errorf("%s: %v", tt.path, err)
			continue
		}
		if got := r.Formats(); !slices.Equal(got, tt.want) {
			t.Errorf("%s: read as %v, want %v", tt.path, got, tt.want)
		}
	}
	plain := fstest.MapFS{"c/article1.txt": {Data: []byte("a")}, "c/b.jsonl": {Data: []byte(`{"id":"b","text":"b"}`)}}
	r, err := All().Read(NewInput(plain, "c"), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Formats(); !slices.Equal(got, []string{"txt", "jsonl"}) {
		t.Errorf("a folder of texts read as %v", got)
	}
	// A folder of JSONL files with a brat folder inside reads as before.
	plain["c/sub/x.ann"] = &fstest.MapFile{}
	plain["c/sub/x.txt"] = &fstest.MapFile{Data: []byte("x")}
	if r, err = All().Read(NewInput(plain, "c"), "", Options{}); err != nil || !slices.Equal(r.Formats(), []string{"txt", "jsonl"}) {
		t.Errorf("a folder of JSONL with brat inside: %v, %v", r.Formats(), err)
	}
	delete(plain, "c/b.jsonl")
	if r, err = All().Read(NewInput(plain, "c"), "", Options{}); err != nil || !slices.Equal(r.Formats(), []string{"brat"}) {
		t.Errorf("a folder of texts with brat inside: %v, %v", r.Formats(), err)
	}
}
