package format

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"frametag/annotate"
)

func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestInputsAndReadAll(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"corpus/b.txt":       "Bee\n",
		"corpus/a.txt":       "Ay\n",
		"corpus/c.jsonl":     `{"id":"c1","text":"see"}` + "\n" + `{"id":"c2","text":"sea"}` + "\n",
		"corpus/.hidden.txt": "hidden\n",
		"corpus/notes.md":    "ignored\n",
		"corpus/sub/d.txt":   "not recursed\n",
		"single.TXT":         "upper-case extension\n",
		"data.json":          "{}",
		"data.xyz":           "{}",
		"empty/readme.md":    "nothing to import",
		"jsononly/x.jsonl":   `{"id":"x","text":"x"}`,
		"jsononly/y.txt":     "y",
		"broken/1.jsonl":     `{"id":"ok","text":"fine"}` + "\n",
		"broken/2.jsonl":     "{oops\n",
		"broken/3.jsonl":     `{"id":"never","text":"read"}` + "\n",
	})
	set := All()
	ids := func(r *Reading) ([]string, error) {
		var out []string
		for doc, err := range new(Tracker).Docs(r.Records()) {
			if err != nil {
				return out, err
			}
			out = append(out, doc.ID)
		}
		return out, nil
	}
	tests := []struct {
		name    string
		paths   []string
		format  string
		want    []string
		wantErr string
	}{
		{"folder sorted, hidden and others skipped, not recursive", []string{"corpus"}, "", []string{"a", "b", "c1", "c2"}, ""},
		{"files in the order given", []string{"single.TXT", "corpus/a.txt"}, "", []string{"single", "a"}, ""},
		{"forced format picks files in a folder", []string{"jsononly"}, "txt", []string{"y"}, ""},
		{"forced format reads any extension", []string{"data.json"}, "jsonl", nil, "data.json:1: "},
		{"unknown extension", []string{"data.xyz"}, "", nil, "unknown format by its extension"},
		{"unknown format", []string{"corpus"}, "nope", nil, `unknown format "nope"`},
		{"missing path", []string{"nope.jsonl"}, "", nil, "no such file"},
		{"folder with nothing to read", []string{"empty"}, "", nil, "folder holds no .jsonl or "},
		{"stops at the first broken file", []string{"broken"}, "", []string{"ok"}, "2.jsonl:1: invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			paths := make([]string, len(tt.paths))
			for i, p := range tt.paths {
				paths[i] = filepath.Join(dir, p)
			}
			r, err := set.Read(Files(paths), tt.format, Options{})
			var got []string
			if err == nil {
				got, err = ids(r)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
			} else if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("read %v, want %v", got, tt.want)
			}
		})
	}
}

// TestRecordsTellWhereEachDocumentWasRead: the line counts blank lines and a
// byte order mark's line; a text file is one document with no line.
func TestRecordsTellWhereEachDocumentWasRead(t *testing.T) {
	dir := t.TempDir()
	writeFiles(t, dir, map[string]string{
		"a.jsonl": "\uFEFF" + `{"id":"a1","text":"x"}` + "\n\n  \n" + `{"id":"a2","text":"y"}` + "\r\n" + `{"id":"a3","text":"z"}`,
		"b.txt":   "bee\n",
	})
	r, err := All().Read(Files([]string{filepath.Join(dir, "a.jsonl"), filepath.Join(dir, "b.txt")}), "", Options{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rec, err := range r.Records() {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, rec.Doc.ID+"@"+strings.TrimPrefix(rec.Pos.String(), dir+string(filepath.Separator)))
	}
	want := []string{"a1@a.jsonl:1", "a2@a.jsonl:4", "a3@a.jsonl:5", "b@b.txt"}
	if !slices.Equal(got, want) {
		t.Errorf("records %v, want %v", got, want)
	}
}

func TestSetLookups(t *testing.T) {
	set := All()
	if f, err := set.ByName("jsonl"); err != nil || f.Directions() != Import|Export {
		t.Errorf("jsonl: %v", err)
	}
	if f, ok := set.ForPath("x/Y.JSONL"); !ok || f.Name != "jsonl" {
		t.Errorf("ForPath(.JSONL) = %v, %v", f.Name, ok)
	}
	if _, ok := set.ForPath("x.xyz"); ok {
		t.Error("ForPath(.xyz) found a format")
	}
	if got := set.Names(); got[0] != "jsonl" || !slices.Contains(got, "txt") || !slices.IsSorted(got[1:]) {
		t.Errorf("Names = %v", got)
	}
	if _, err := set.ByName("txt"); err != nil {
		t.Error(err)
	}
}

func sourceOf(docs []annotate.AnnotatedDoc, failAfter int) Source {
	return func(fn func(annotate.AnnotatedDoc) error) error {
		for i, d := range docs {
			if i == failAfter {
				return errors.New("store went away")
			}
			if err := fn(d); err != nil {
				return err
			}
		}
		return nil
	}
}

func TestWriteFileIsAllOrNothing(t *testing.T) {
	good := annotate.AnnotatedDoc{Document: annotate.Document{ID: "a", Text: "abc"},
		Spans: []annotate.Span{{ID: "s", Layer: "l", Label: "L", Fragments: []annotate.Fragment{{Start: 0, End: 2}}}}}
	bad := annotate.AnnotatedDoc{Document: annotate.Document{ID: "b", Text: "abc"},
		Spans: []annotate.Span{{ID: "s", Layer: "l", Label: "L", Fragments: []annotate.Fragment{{Start: 0, End: 9}}}}}
	tests := []struct {
		name    string
		src     Source
		wantErr string
	}{
		{"all good", sourceOf([]annotate.AnnotatedDoc{good, good}, -1), ""},
		{"a span that does not fit", sourceOf([]annotate.AnnotatedDoc{good, bad}, -1), `document "b": span s does not fit`},
		{"the source fails", sourceOf([]annotate.AnnotatedDoc{good, good}, 1), "store went away"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			out := filepath.Join(dir, "out.jsonl")
			const before = "previous export\n"
			writeFiles(t, dir, map[string]string{"out.jsonl": before})
			res, err := WriteFile(out, JSONL(), Options{}, tt.src)
			data, rerr := os.ReadFile(out)
			if rerr != nil {
				t.Fatal(rerr)
			}
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want %q", err, tt.wantErr)
				}
				if string(data) != before {
					t.Errorf("a failed export changed the file to %q", data)
				}
			} else {
				if err != nil || res.Counts != (Counts{Documents: 2, Spans: 2}) || !res.Loss.Empty() {
					t.Fatalf("WriteFile = %+v, %v", res, err)
				}
				if n := bytes.Count(data, []byte("\n")); n != 2 {
					t.Errorf("wrote %d lines", n)
				}
				if info, _ := os.Stat(out); info.Mode().Perm() != 0o644 {
					t.Errorf("mode %v", info.Mode().Perm())
				}
			}
			entries, _ := os.ReadDir(dir)
			if len(entries) != 1 {
				t.Errorf("temporary files left behind: %v", entries)
			}
			// Write (to a stream) is all-or-nothing too.
			var buf bytes.Buffer
			_, err = Write(&buf, JSONL(), Options{}, tt.src)
			if (err != nil) != (tt.wantErr != "") || (err != nil && buf.Len() != 0) {
				t.Errorf("Write: err %v, %d bytes written", err, buf.Len())
			}
			if err == nil && !bytes.Equal(buf.Bytes(), data) {
				t.Errorf("Write and WriteFile disagree")
			}
		})
	}
}
