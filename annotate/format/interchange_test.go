package format

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"frametag/annotate"
)

// readWith reads data as format f and fails the test on an error.
func readWith(t *testing.T, f Format, name string, data []byte, opt Options) ([]annotate.AnnotatedDoc, Loss) {
	t.Helper()
	docs, loss, err := tryRead(f, name, data, opt)
	if err != nil {
		t.Fatalf("read %s as %s: %v", name, f.Name, err)
	}
	return docs, loss
}

// tryRead reads data as format f with its own unit unless opt names one.
func tryRead(f Format, name string, data []byte, opt Options) ([]annotate.AnnotatedDoc, Loss, error) {
	var loss Loss
	var docs []annotate.AnnotatedDoc
	for rec, err := range f.FileReader.ReadFile(name, bytes.NewReader(data), opt.resolve(f), &loss) {
		if err != nil {
			return docs, loss, err
		}
		if rec.Pos.Name != name || rec.Pos.Line < 1 {
			return docs, loss, fmt.Errorf("record of %s at %v", rec.Doc.ID, rec.Pos)
		}
		docs = append(docs, rec.Doc)
	}
	return docs, loss, nil
}

// writeWith writes docs in format f and fails the test on an error.
func writeWith(t *testing.T, f Format, docs []annotate.AnnotatedDoc, opt Options) ([]byte, Loss) {
	t.Helper()
	var buf bytes.Buffer
	var loss Loss
	enc := f.StreamWriter.NewEncoder(&buf, opt.resolve(f), &loss)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			t.Fatalf("write %s as %s: %v", d.ID, f.Name, err)
		}
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), loss
}

// described lists what a document holds, each as one line, sorted, in terms
// that do not depend on ids: `span layer/label "text" [s,e)`, `rel type:
// "from" → "to"`, `doc layer/label`, so that two readings of the same
// annotations compare equal. layers says whether span layers count.
func described(t *testing.T, d annotate.AnnotatedDoc, layers bool) []string {
	t.Helper()
	ix := annotate.NewTextIndex(d.Text)
	text := map[string]string{}
	var out []string
	for _, sp := range d.Spans {
		s, err := ix.SpanText(sp.Fragments)
		if err != nil {
			t.Fatalf("%s: span %s: %v", d.ID, sp.ID, err)
		}
		text[sp.ID] = fmt.Sprintf("%s %q", sp.Label, s)
		layer := sp.Layer + "/"
		if !layers {
			layer = ""
		}
		out = append(out, fmt.Sprintf("span %s%s %q %v by %q", layer, sp.Label, s, sp.Fragments, sp.Annotator))
	}
	for _, r := range d.Relations {
		out = append(out, fmt.Sprintf("rel %s: %s → %s by %q", r.Type, text[r.From], text[r.To], r.Annotator))
	}
	for _, l := range d.Labels {
		out = append(out, fmt.Sprintf("doc %s/%s by %q", l.Layer, l.Label, l.Annotator))
	}
	slices.Sort(out)
	return out
}

// nativeCorpus is the native test corpus: emoji, CRLF, combining marks,
// Cyrillic, discontinuous spans, attributes, notes and statuses.
func nativeCorpus(t *testing.T) []annotate.AnnotatedDoc {
	t.Helper()
	data, err := os.ReadFile(unicodeCorpus)
	if err != nil {
		t.Fatal(err)
	}
	return readAllDocs(t, unicodeCorpus, data)
}

// asExtent is what a format without discontinuous spans holds of d: every
// span as its extent, no attributes or notes, no statuses.
func asExtent(d annotate.AnnotatedDoc) annotate.AnnotatedDoc {
	d.Spans = slices.Clone(d.Spans)
	for i, sp := range d.Spans {
		sp.Fragments = []annotate.Fragment{{Start: sp.Start(), End: sp.End()}}
		sp.Attrs, sp.Note = nil, ""
		d.Spans[i] = sp
	}
	d.Status = nil
	return d
}

// withoutAnnotators is d with nobody named on its annotations.
func withoutAnnotators(d annotate.AnnotatedDoc) annotate.AnnotatedDoc {
	d.Spans = slices.Clone(d.Spans)
	for i := range d.Spans {
		d.Spans[i].Annotator = ""
	}
	d.Relations = slices.Clone(d.Relations)
	for i := range d.Relations {
		d.Relations[i].Annotator = ""
	}
	d.Labels = slices.Clone(d.Labels)
	for i := range d.Labels {
		d.Labels[i].Annotator = ""
	}
	return d
}

// schemaOf is a schema with every layer and label of docs, as a project
// holding them would have: imports place labels by it.
func schemaOf(docs []annotate.AnnotatedDoc) annotate.Schema {
	var s annotate.Schema
	layer := func(name string, kind annotate.LayerKind) *annotate.Layer {
		if l, ok := s.Layer(name); ok {
			return l
		}
		s.Layers = append(s.Layers, annotate.Layer{Name: name, Kind: kind})
		return &s.Layers[len(s.Layers)-1]
	}
	addLabel := func(l *annotate.Layer, name string) {
		if _, ok := l.Label(name); !ok {
			l.Labels = append(l.Labels, annotate.Label{Name: name})
		}
	}
	for _, d := range docs {
		for _, sp := range d.Spans {
			addLabel(layer(sp.Layer, annotate.SpanLayer), sp.Label)
		}
		for _, l := range d.Labels {
			addLabel(layer(l.Layer, annotate.DocumentLayer), l.Label)
		}
		for _, r := range d.Relations {
			if _, ok := s.RelationType(r.Type); !ok {
				s.Relations = append(s.Relations, annotate.RelationType{Name: r.Type})
			}
		}
	}
	return s
}

// wantError checks that err names where and says what.
func wantError(t *testing.T, err error, where, what string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want %s ... %s", where, what)
	}
	if !strings.HasPrefix(err.Error(), where) || !strings.Contains(err.Error(), what) {
		t.Fatalf("error %q; want it to start %q and say %q", err, where, what)
	}
}

func TestJSONObjectsSplitsLinesPrettyPrintingAndArrays(t *testing.T) {
	tests := []struct {
		name, in string
		lines    []int
		err      string
	}{
		{"lines", "{\"a\":1}\n\n{\"b\":\"}{\\\"\"}\r\n", []int{1, 3}, ""},
		{"pretty", "\ufeff{\n \"a\": [1,\n 2]\n}\n{\"b\": {}}", []int{1, 5}, ""},
		{"array", "[\n{\"a\":1},\n {\"b\":\"]\"}\n]\n", []int{2, 3}, ""},
		{"empty array", "[ ]", nil, ""},
		{"unclosed array", "[{\"a\":1}", []int{1}, "x:1: the file ends inside the array begun on line 1 (a ] is missing)"},
		{"trailing comma", "[{\"a\":1},\n]", []int{1}, "x:2: a comma before the closing ] (JSON allows none)"},
		{"missing comma", "[{\"a\":1}\n{\"b\":2}]", []int{1}, `x:2: want , or ] after an element of the array, found "{"`},
		{"after array", "[]\n{}", nil, `x:2: "{" after the array's closing ]`},
		{"scalar", "{}\n42", []int{1}, `x:2: want a JSON object, found "4"`},
		{"unclosed object", "{\"a\":\n\"b\"", nil, "x:2: the file ends inside the object begun on line 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var lines []int
			var err error
			for v, e := range jsonObjects("x", strings.NewReader(tc.in)) {
				if e != nil {
					err = e
					break
				}
				lines = append(lines, v.line)
			}
			if !slices.Equal(lines, tc.lines) {
				t.Errorf("objects on lines %v, want %v", lines, tc.lines)
			}
			if (err == nil) != (tc.err == "") || (err != nil && err.Error() != tc.err) {
				t.Errorf("error %v, want %q", err, tc.err)
			}
		})
	}
}

func TestLayerFor(t *testing.T) {
	schema := annotate.Schema{Layers: []annotate.Layer{
		{Name: "actor", Kind: annotate.SpanLayer, Labels: []annotate.Label{{Name: "PERSON"}, {Name: "X"}}},
		{Name: "claim", Kind: annotate.SpanLayer, Labels: []annotate.Label{{Name: "Claim"}, {Name: "X"}}},
		{Name: "frame", Kind: annotate.DocumentLayer, Labels: []annotate.Label{{Name: "Political"}}},
	}}
	tests := []struct {
		opt         Options
		kind        annotate.LayerKind
		hint, label string
		want, err   string
	}{
		{Options{}, annotate.SpanLayer, "", "PERSON", DefaultLayer, ""},
		{Options{Layer: "mine"}, annotate.SpanLayer, "", "PERSON", "mine", ""},
		{Options{}, annotate.SpanLayer, "label", "PERSON", "label", ""},
		{Options{}, annotate.DocumentLayer, "", "Political", DefaultDocLayer, ""},
		{Options{Schema: schema}, annotate.SpanLayer, "", "PERSON", "actor", ""},
		{Options{Schema: schema}, annotate.SpanLayer, "label", "Claim", "claim", ""},
		{Options{Schema: schema}, annotate.SpanLayer, "actor", "Claim", "actor", ""},
		{Options{Schema: schema}, annotate.SpanLayer, "frame", "Claim", "claim", ""},
		{Options{Schema: schema}, annotate.DocumentLayer, "", "Political", "frame", ""},
		{Options{Schema: schema}, annotate.SpanLayer, "", "Political", DefaultLayer, ""},
		{Options{Schema: schema, Layer: "new"}, annotate.SpanLayer, "", "Unknown", "new", ""},
		{Options{Schema: schema, Layer: "claim"}, annotate.SpanLayer, "", "X", "claim", ""},
		{Options{Schema: schema}, annotate.SpanLayer, "", "X", "", `label "X" is in layers actor and claim of the schema; say which with --layer`},
	}
	for _, tc := range tests {
		got, err := tc.opt.layerFor(tc.kind, tc.hint, tc.label)
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && err.Error() != tc.err) {
			t.Errorf("layerFor(%s, %q, %q) with layer %q = %q, %v; want %q, %q", tc.kind, tc.hint, tc.label, tc.opt.Layer, got, err, tc.want, tc.err)
		}
	}
}

// texts lists a document's spans as `layer/label "text"`, its relations as
// `type: label → label` and its document labels as `#layer/label`, sorted.
func texts(t *testing.T, d annotate.AnnotatedDoc) []string {
	t.Helper()
	ix := annotate.NewTextIndex(d.Text)
	label := map[string]string{}
	var out []string
	for _, sp := range d.Spans {
		s, err := ix.SpanText(sp.Fragments)
		if err != nil {
			t.Fatalf("%s: span %s: %v", d.ID, sp.ID, err)
		}
		label[sp.ID] = fmt.Sprintf(`%s "%s"`, sp.Label, s)
		out = append(out, fmt.Sprintf(`%s/%s "%s"`, sp.Layer, sp.Label, s))
	}
	for _, r := range d.Relations {
		out = append(out, fmt.Sprintf("%s: %s → %s", r.Type, label[r.From], label[r.To]))
	}
	for _, l := range d.Labels {
		out = append(out, fmt.Sprintf("#%s/%s", l.Layer, l.Label))
	}
	slices.Sort(out)
	return out
}

func bytesReader(b []byte) *bytes.Reader { return bytes.NewReader(b) }

func startsWith(s, prefix string) bool { return strings.HasPrefix(s, prefix) }

// The offsets are the truth: a text differing only in whitespace is kept
// and counted; any other difference is refused, naming the unit that fits.
func TestCheckText(t *testing.T) {
	const text = "😀 Kyiv  said\tno"
	tests := []struct {
		unit       Unit
		start, end int
		want, err  string
	}{
		{CodePoints, 2, 6, "Kyiv", ""},
		{CodePoints, 2, 15, "Kyiv said no", ""},
		{CodePoints, 2, 6, "Kiev", `text "Kiev" does not match the document's "Kyiv" at 2..6 (codepoint)`},
		{CodePoints, 3, 7, "Kyiv", "it matches as utf16 offsets: read with --offsets utf16"},
		{UTF16, 2, 6, "Kyiv", "it matches as codepoint offsets: read with --offsets codepoint"},
	}
	for _, tc := range tests {
		var loss Loss
		m := newSpanMaker(text, tc.unit, &loss)
		f, err := m.fragment(tc.start, tc.end)
		if err == nil {
			err = m.checkText(f, tc.start, tc.end, tc.want)
		}
		if (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("%s %d..%d %q: %v, want %q", tc.unit, tc.start, tc.end, tc.want, err, tc.err)
		}
		if tc.want == "Kyiv said no" && loss.String() != "span texts: 1 differing from their offsets only in whitespace (kept by their offsets)" {
			t.Errorf("loss %q", loss)
		}
	}
}

// A .jsonl file named without a format is read as doccano or Prodigy when
// its first object is plainly theirs, and as native JSONL otherwise.
func TestJSONLFilesOfOtherToolsAreDetected(t *testing.T) {
	fsys := fstest.MapFS{
		"doccano.jsonl":  {Data: []byte("\ufeff" + `{"id":1,"text":"ab","label":[[0,1,"X"]]}` + "\n")},
		"pretty.jsonl":   {Data: []byte("{\n  \"id\": 2,\n  \"data\": \"ab\",\n  \"entities\": []\n}\n")},
		"prodigy.jsonl":  {Data: []byte(`{"text":"ab","spans":[{"start":0,"end":1,"label":"X"}],"_input_hash":5,"answer":"accept"}` + "\n")},
		"native.jsonl":   {Data: []byte(`{"id":"n","text":"ab","spans":[{"layer":"l","label":"X","start":0,"end":1}]}` + "\n")},
		"misspelt.jsonl": {Data: []byte(`{"id":"m","text":"ab","span":[]}` + "\n")},
		"both.jsonl":     {Data: []byte(`{"text":"ab","label":[],"answer":"accept"}` + "\n")},
		"broken.jsonl":   {Data: []byte(`{"id":`)},
	}
	tests := []struct{ file, format string }{
		{"doccano.jsonl", "doccano"},
		{"pretty.jsonl", "doccano"},
		{"prodigy.jsonl", "prodigy"},
		{"native.jsonl", "jsonl"},
		{"misspelt.jsonl", "jsonl"}, // the native reader says what is wrong
		{"both.jsonl", "jsonl"},     // two claim it: no guess
		{"broken.jsonl", "jsonl"},
	}
	for _, tc := range tests {
		r, err := All().Read(NewInput(fsys, tc.file), "", Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := r.Formats(); !slices.Equal(got, []string{tc.format}) {
			t.Errorf("%s read as %v, want %s", tc.file, got, tc.format)
		}
	}
	// Named, the format is read whatever the file looks like.
	r, err := All().Read(NewInput(fsys, "doccano.jsonl"), "jsonl", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Formats(); !slices.Equal(got, []string{"jsonl"}) {
		t.Errorf("with --format jsonl read as %v", got)
	}
}

// annotatorsOf names everyone with a span or a document label on d, sorted,
// each once.
func annotatorsOf(d annotate.AnnotatedDoc) []string {
	var who []string
	for _, sp := range d.Spans {
		who = append(who, sp.Annotator)
	}
	for _, l := range d.Labels {
		who = append(who, l.Annotator)
	}
	slices.Sort(who)
	return slices.Compact(who)
}
