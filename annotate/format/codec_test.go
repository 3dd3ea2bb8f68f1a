package format

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"frametag/annotate"
)

// TestTreeFormatThroughTheSeam: a folder format is read from an fs.FS with
// its unit, label map and annotator applied, and reports what it dropped.
func TestTreeFormatThroughTheSeam(t *testing.T) {
	fsys := fstest.MapFS{
		"corpus/a.txt": {Data: []byte("😀 Kyiv said")},
		"corpus/a.ann": {Data: []byte("T1\tPLACE 3 7\tKyiv\n*\tEquiv T1 T1\n*\tEquiv T1 T1\n")},
		"corpus/b.txt": {Data: []byte("plain")},
		"corpus/b.ann": {Data: []byte("T1\tWORD 0 5\tplain\n")},
	}
	set := Set{JSONL(), Brat()}
	r, err := set.Read(NewInput(fsys, "corpus"), "brat", Options{Offsets: UTF16, Labels: LabelMap{"PLACE": "Location"}, Annotator: "ann"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rec, err := range r.Records() {
		if err != nil {
			t.Fatal(err)
		}
		for _, sp := range rec.Doc.Spans {
			text, _ := annotate.NewTextIndex(rec.Doc.Text).SpanText(sp.Fragments)
			got = append(got, fmt.Sprintf("%s %s %q by %s", rec.Pos, sp.Label, text, sp.Annotator))
		}
	}
	want := []string{`corpus/a.txt Location "Kyiv" by ann`, `corpus/b.txt WORD "plain" by ann`}
	if !slices.Equal(got, want) {
		t.Errorf("read %q, want %q", got, want)
	}
	if s := r.Loss().String(); s != "equivalences (*): 2 dropped (frametag has none)" {
		t.Errorf("loss %q", s)
	}
	if f := r.Formats(); !slices.Equal(f, []string{"brat"}) {
		t.Errorf("formats %v", f)
	}
	if _, err := set.Read(NewInput(fsys, "nope"), "brat", Options{}); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a missing folder: %v", err)
	}
	// Errors name the file and line the format says.
	fsys["corpus/b.ann"] = &fstest.MapFile{Data: []byte("T1\tWORD 0 5\tplain\nT2\tWORD x\n")}
	r, _ = set.Read(NewInput(fsys, "corpus"), "brat", Options{})
	var last error
	for _, err := range r.Records() {
		last = err
	}
	if last == nil || !strings.HasPrefix(last.Error(), "corpus/b.ann:2: ") {
		t.Errorf("error %v, want corpus/b.ann:2: ...", last)
	}
}

func TestFolderWriteIsAllOrNothing(t *testing.T) {
	docs := []annotate.AnnotatedDoc{
		{Document: annotate.Document{ID: "a", Text: "😀 Kyiv"},
			Spans:     []annotate.Span{{ID: "s1", Layer: "l", Label: "Location", Fragments: []annotate.Fragment{{Start: 2, End: 6}}}, {ID: "s2", Layer: "l", Label: "X", Fragments: []annotate.Fragment{{Start: 0, End: 1}}}},
			Relations: []annotate.Relation{{ID: "r", Type: "t", From: "s1", To: "s2"}},
			Labels:    []annotate.DocLabel{{Layer: "g", Label: "news"}}},
		{Document: annotate.Document{ID: "b", Text: "bee"}},
	}
	opt := Options{Offsets: UTF16, Labels: LabelMap{"Location": "PLACE"}, Schema: annotate.Schema{Name: "news"}}
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	res, err := WriteFile(out, Brat(), opt, sourceOf(docs, -1))
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts != (Counts{Documents: 2, Spans: 2}) || res.Loss.String() != "document labels: 1 dropped (brat has none)" {
		t.Errorf("result %+v, loss %q", res.Counts, res.Loss)
	}
	ann, _ := os.ReadFile(filepath.Join(out, "a.ann"))
	if string(ann) != "T1\tX 0 2\t😀\nT2\tPLACE 3 7\tKyiv\nR1\tt Arg1:T2 Arg2:T1\n" { // UTF-16; the label mapped on the way out
		t.Errorf("a.ann = %q", ann)
	}
	if conf, _ := os.ReadFile(filepath.Join(out, "annotation.conf")); !strings.Contains(string(conf), `from schema "news"`) {
		t.Errorf("annotation.conf = %q", conf)
	}
	refused := annotate.AnnotatedDoc{Document: annotate.Document{ID: "fail", Text: "x"},
		Spans: []annotate.Span{{ID: "s", Layer: "l", Label: "L", Fragments: []annotate.Fragment{{Start: 0, End: 2}}}}}

	// Refused: a folder with files in it, a file, a document the encoder
	// refuses, a source that fails; nothing is left behind by any.
	tests := []struct {
		name, out string
		src       Source
		wantErr   string
	}{
		{"a folder that is not empty", out, sourceOf(docs, -1), "is a folder that is not empty"},
		{"a file", filepath.Join(out, "annotation.conf"), sourceOf(docs, -1), "is a file; format brat writes a folder"},
		{"a refused document", filepath.Join(dir, "new"), sourceOf(append(docs, refused), -1), "does not fit the text"},
		{"the source fails", filepath.Join(dir, "new"), sourceOf(docs, 1), "store went away"},
		{"no such parent", filepath.Join(dir, "none", "new"), sourceOf(docs, -1), "there is no folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := WriteFile(tt.out, Brat(), opt, tt.src)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 || entries[0].Name() != "out" {
				t.Errorf("left in %s: %v", dir, entries)
			}
		})
	}
	// An empty folder is written into.
	empty := filepath.Join(dir, "empty")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := WriteFile(empty, Brat(), opt, sourceOf(docs, -1)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(empty, "b.txt")); err != nil {
		t.Error(err)
	}
	// A folder format cannot go to a stream.
	if _, err := Write(io.Discard, Brat(), opt, sourceOf(docs, -1)); err == nil || !strings.Contains(err.Error(), "writes a folder") {
		t.Errorf("Write of a folder format: %v", err)
	}
}

// TestJSONLOffsetUnits: offsets written in UTF-16 units or bytes read back
// to the same spans, and differ from code points after an emoji.
func TestJSONLOffsetUnits(t *testing.T) {
	doc := annotate.AnnotatedDoc{Document: annotate.Document{ID: "d", Text: "😀 Київ"},
		Spans: []annotate.Span{{ID: "s", Layer: "l", Label: "L", Fragments: []annotate.Fragment{{Start: 2, End: 3}, {Start: 4, End: 6}}}}}
	tests := []struct {
		unit Unit
		want string // the span's offsets as written
	}{
		{FormatUnit, `"start":2,"end":6,"fragments":[[2,3],[4,6]]`},
		{CodePoints, `"start":2,"end":6,"fragments":[[2,3],[4,6]]`},
		{UTF16, `"start":3,"end":7,"fragments":[[3,4],[5,7]]`},
		{Bytes, `"start":5,"end":13,"fragments":[[5,7],[9,13]]`},
	}
	for _, tt := range tests {
		t.Run(tt.unit.String(), func(t *testing.T) {
			var buf bytes.Buffer
			if _, err := Write(&buf, JSONL(), Options{Offsets: tt.unit}, sourceOf([]annotate.AnnotatedDoc{doc}, -1)); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(buf.String(), tt.want) {
				t.Errorf("wrote %s, want %s", buf.String(), tt.want)
			}
			r, err := Set{JSONL()}.Read(NewInput(fstest.MapFS{"x.jsonl": {Data: buf.Bytes()}}, "x.jsonl"), "", Options{Offsets: tt.unit})
			if err != nil {
				t.Fatal(err)
			}
			for rec, err := range r.Records() {
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(rec.Doc.Spans[0].Fragments, doc.Spans[0].Fragments) {
					t.Errorf("read back %v", rec.Doc.Spans[0].Fragments)
				}
			}
		})
	}
	// Half a surrogate pair is refused, with the line.
	in := `{"id":"d","text":"😀x","spans":[{"layer":"l","label":"L","start":1,"end":3}]}`
	r, _ := Set{JSONL()}.Read(NewInput(fstest.MapFS{"x.jsonl": {Data: []byte(in)}}, "x.jsonl"), "", Options{Offsets: UTF16})
	for _, err := range r.Records() {
		if err == nil || !strings.Contains(err.Error(), "x.jsonl:1: ") || !strings.Contains(err.Error(), "surrogate pair") {
			t.Errorf("error %v", err)
		}
	}
}

func TestLabelMapAndAnnotatorOnImport(t *testing.T) {
	in := `{"id":"d","text":"abc","labels":[{"layer":"g","label":"news"}],` +
		`"spans":[{"id":"a","layer":"l","label":"PER","start":0,"end":1},{"id":"b","layer":"l","label":"LOC","start":1,"end":2,"annotator":"kim"}],` +
		`"relations":[{"id":"r","type":"near","from":"a","to":"b"}]}`
	r, err := All().Read(NewInput(fstest.MapFS{"x.jsonl": {Data: []byte(in)}}, "x.jsonl"), "", Options{
		Labels: LabelMap{"PER": "Person", "near": "next_to", "news": "News"}, Annotator: "me"})
	if err != nil {
		t.Fatal(err)
	}
	for rec, err := range r.Records() {
		if err != nil {
			t.Fatal(err)
		}
		d := rec.Doc
		got := fmt.Sprintf("%s/%s %s/%s %s/%s %s/%s", d.Spans[0].Label, d.Spans[0].Annotator, d.Spans[1].Label, d.Spans[1].Annotator,
			d.Relations[0].Type, d.Relations[0].Annotator, d.Labels[0].Label, d.Labels[0].Annotator)
		if want := "Person/me LOC/kim next_to/me News/me"; got != want {
			t.Errorf("got %s, want %s", got, want)
		}
	}
}

func TestLabelMapLeavesTheOriginal(t *testing.T) {
	d := annotate.AnnotatedDoc{Spans: []annotate.Span{{Label: "A"}}}
	m := LabelMap{"A": "B"}.Apply(d)
	if d.Spans[0].Label != "A" || m.Spans[0].Label != "B" {
		t.Errorf("original %q, mapped %q", d.Spans[0].Label, m.Spans[0].Label)
	}
}

func TestLoss(t *testing.T) {
	var l Loss
	if !l.Empty() || l.String() != "" {
		t.Fatal("zero Loss not empty")
	}
	l.Drop("relations", "format has none", 2)
	l.Add("discontinuous spans", "written as their extent", 1)
	l.Drop("relations", "format has none", 1)
	l.Drop("notes", "", 0) // nothing lost, nothing said
	var o Loss
	o.Drop("notes", "", 4)
	l.Merge(o)
	want := "relations: 3 dropped (format has none); discontinuous spans: 1 written as their extent; notes: 4 dropped"
	if l.String() != want || len(l.Items()) != 3 {
		t.Errorf("loss %q, want %q", l, want)
	}
}

func TestUnits(t *testing.T) {
	for _, s := range []string{"codepoint", "utf16", "byte"} {
		u, err := ParseUnit(s)
		if err != nil || u.String() != s {
			t.Errorf("ParseUnit(%q) = %v, %v", s, u, err)
		}
	}
	if _, err := ParseUnit("chars"); err == nil {
		t.Error("ParseUnit(chars) accepted")
	}
	if _, err := ParseUnit(""); err == nil {
		t.Error("ParseUnit(\"\") accepted")
	}
}

func TestRegistry(t *testing.T) {
	r := jsonlReader{}
	w := jsonlWriter{}
	tests := []struct {
		name    string
		f       Format
		wantErr string
	}{
		{"fine", Format{Name: "x", Extensions: []string{".x"}, FileReader: r}, ""},
		{"no name", Format{FileReader: r}, "without a name"},
		{"two readers", Format{Name: "x", FileReader: r, TreeReader: bratCodec{}}, "both a file and a tree reader"},
		{"two writers", Format{Name: "x", StreamWriter: w, FolderWriter: bratCodec{}}, "both a stream and a folder writer"},
		{"no direction", Format{Name: "x"}, "neither reads nor writes"},
		{"bad extension", Format{Name: "x", Extensions: []string{"X"}, FileReader: r}, "want a dot and lower case"},
		{"name taken", Format{Name: "jsonl", FileReader: r}, "registered twice"},
		{"extension taken", Format{Name: "x", Extensions: []string{".txt"}, FileReader: r}, "txt and x both claim .txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := checkFormat(tt.f, All())
			if (err == nil) != (tt.wantErr == "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("checkFormat = %v, want %q", err, tt.wantErr)
			}
		})
	}
	if got := All().Writable().Names(); got[0] != "jsonl" || slices.Contains(got, "txt") {
		t.Errorf("writable %v", got)
	}
}

// TestFilesNameWhatTheUserNamed: a relative path and one with ".." read
// under the names the user gave.
func TestFilesNameWhatTheUserNamed(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{"corpus/a.txt": "Ay", "other/b.jsonl": "{oops\n"})
	t.Chdir(filepath.Join(dir, "corpus"))
	r, err := All().Read(Files([]string{".", "../other"}), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	var last error
	for rec, err := range r.Records() {
		if err != nil {
			last = err
			break
		}
		names = append(names, rec.Pos.String())
	}
	if !slices.Equal(names, []string{"a.txt"}) || last == nil || !strings.HasPrefix(last.Error(), filepath.Join("..", "other", "b.jsonl")+":1: ") {
		t.Errorf("read %v, then %v", names, last)
	}
	if _, err := All().Read(Files([]string{"nope.jsonl"}), "", Options{}); err == nil || err.Error() != "stat nope.jsonl: no such file or directory" {
		t.Errorf("missing file: %v", err)
	}
}
