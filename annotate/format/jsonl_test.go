package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"frametag/annotate"
)

const unicodeCorpus = "../../testdata/unicode.jsonl"

func readAllDocs(t *testing.T, name string, data []byte) []annotate.AnnotatedDoc {
	t.Helper()
	var docs []annotate.AnnotatedDoc
	for rec, err := range JSONL().FileReader.ReadFile(name, bytes.NewReader(data), Options{}, new(Loss)) {
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		docs = append(docs, rec.Doc)
	}
	return docs
}

func encodeDocs(t *testing.T, docs []annotate.AnnotatedDoc) []byte {
	t.Helper()
	var out bytes.Buffer
	enc := JSONL().StreamWriter.NewEncoder(&out, Options{}, new(Loss))
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			t.Fatalf("encode %s: %v", d.ID, err)
		}
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// decodeLines decodes every non-blank line into generic JSON values, so that
// two files can be compared whatever their key order and spacing.
func decodeLines(t *testing.T, data []byte) []any {
	t.Helper()
	var out []any
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		if strings.TrimSpace(sc.Text()) == "" {
			continue
		}
		var v any
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		out = append(out, v)
	}
	return out
}

func TestJSONLRoundTripRestoresEverything(t *testing.T) {
	orig, err := os.ReadFile(unicodeCorpus)
	if err != nil {
		t.Fatal(err)
	}
	docs := readAllDocs(t, unicodeCorpus, orig)
	if len(docs) != 4 {
		t.Fatalf("read %d documents, want 4", len(docs))
	}
	written := encodeDocs(t, docs)
	if want, got := decodeLines(t, orig), decodeLines(t, written); !reflect.DeepEqual(want, got) {
		t.Errorf("export differs from the input:\n in: %s\nout: %s", orig, written)
	}
	// And what was written reads back to the same documents.
	again := readAllDocs(t, "written", written)
	for i := range docs {
		if !sameDoc(docs[i], again[i]) {
			t.Errorf("document %s changed on its second round trip", docs[i].ID)
		}
	}
}

func sameDoc(a, b annotate.AnnotatedDoc) bool {
	if a.Document.ID != b.Document.ID || a.Text != b.Text || a.Title != b.Title || !reflect.DeepEqual(a.Meta, b.Meta) ||
		!reflect.DeepEqual(a.Labels, b.Labels) || !reflect.DeepEqual(a.Status, b.Status) ||
		!reflect.DeepEqual(a.Relations, b.Relations) || len(a.Spans) != len(b.Spans) {
		return false
	}
	for i := range a.Spans {
		x, y := a.Spans[i], b.Spans[i]
		if x.ID != y.ID || x.Label != y.Label || x.Layer != y.Layer || x.Note != y.Note || x.Annotator != y.Annotator || x.Provenance != y.Provenance ||
			!reflect.DeepEqual(x.Fragments, y.Fragments) || !x.Attrs.Equal(y.Attrs) {
			return false
		}
	}
	return true
}

// A gold span's and a gold relation's provenance are written and read
// back; other spans and relations have none and no key for it.
func TestJSONLKeepsProvenance(t *testing.T) {
	doc := annotate.AnnotatedDoc{Document: annotate.Document{ID: "g", Text: "Они 🙂 said it."}, Spans: []annotate.Span{
		{ID: "s1", DocID: "g", Layer: "l", Label: "L", Fragments: []annotate.Fragment{{Start: 6, End: 10}}, Annotator: "ana"},
		{ID: "g1", DocID: "g", Layer: "l", Label: "L", Fragments: []annotate.Fragment{{Start: 6, End: 10}}, Annotator: annotate.GoldAnnotator,
			Provenance: annotate.Adjudicated("ana")},
		{ID: "g2", DocID: "g", Layer: "l", Label: "L", Fragments: []annotate.Fragment{{Start: 0, End: 3}}, Annotator: annotate.GoldAnnotator,
			Provenance: annotate.ProvUnanimous}},
		Relations: []annotate.Relation{{ID: "r1", DocID: "g", Type: "by", From: "s1", To: "s1", Annotator: "ana"},
			{ID: "r2", DocID: "g", Type: "by", From: "g1", To: "g2", Annotator: annotate.GoldAnnotator, Provenance: annotate.Adjudicated("bob")}}}
	out := encodeDocs(t, []annotate.AnnotatedDoc{doc})
	if n := strings.Count(string(out), `"provenance"`); n != 3 || !strings.Contains(string(out), `"provenance":"adjudicated:ana"`) ||
		!strings.Contains(string(out), `"annotator":"gold","provenance":"adjudicated:bob"}`) {
		t.Errorf("written: %s", out)
	}
	back := readAllDocs(t, "gold.jsonl", out)
	if len(back) != 1 || !sameDoc(doc, back[0]) || back[0].Relations[1].Provenance != "adjudicated:bob" {
		t.Errorf("read back %+v", back)
	}
}

func TestJSONLSpanTextsAreWhatPythonSlicingGives(t *testing.T) {
	orig, err := os.ReadFile(unicodeCorpus)
	if err != nil {
		t.Fatal(err)
	}
	docs := readAllDocs(t, unicodeCorpus, orig)
	// Offsets written by Python (code points); spot-check the hard ones.
	want := map[string]string{
		"s-family": "Family 👨\u200d👩\u200d👧\u200d👦",
		"s-kyiv":   "Kyiv 🇺🇦",
		"s-claim":  "We will never recognise this" + annotate.FragmentSeparator + "and neither will our partners",
		"s-jose":   "José\u0301 Ramírez",
		"c-2":      "Москва" + annotate.FragmentSeparator + "«приречена на поразку»",
		"j-2":      "the vote was “a sham”",
	}
	found := 0
	for _, d := range docs {
		ix := annotate.NewTextIndex(d.Text)
		for _, sp := range d.Spans {
			got, err := ix.SpanText(sp.Fragments)
			if err != nil {
				t.Fatal(err)
			}
			if w, ok := want[sp.ID]; ok {
				found++
				if got != w {
					t.Errorf("span %s covers %q, want %q", sp.ID, got, w)
				}
			}
			if sp.DocID != d.ID {
				t.Errorf("span %s has doc %q, want %q", sp.ID, sp.DocID, d.ID)
			}
		}
	}
	if found != len(want) {
		t.Errorf("found %d of the %d spans checked", found, len(want))
	}
	first := docs[0]
	if !strings.Contains(first.Text, "\r\n") || first.Meta.Extra["desk"] != "Київ" || first.Status["bob"] != annotate.StatusInProgress {
		t.Errorf("first document lost CRLF, meta or status: %+v", first.Meta)
	}
	if got := first.Spans[3].Attrs["fine_role"]; !reflect.DeepEqual(got, []string{"Guardian", "Peacemaker"}) {
		t.Errorf("multi attribute = %#v", got)
	}
}

func TestJSONLReadErrors(t *testing.T) {
	good := `{"id":"d1","title":"T","text":"Hello world","meta":{},"labels":[],"spans":[],"relations":[],"status":{}}`
	tests := []struct {
		name string
		line string
		want string
	}{
		{"bad JSON", `{"id":"d1",`, "invalid JSON"},
		{"not an object", `[1,2]`, "the line is a JSON array, want an object"},
		{"two values", good + ` {}`, "more than one value"},
		{"missing id", `{"text":"x"}`, `missing "id"`},
		{"empty id", `{"id":" ","text":"x"}`, "no id"},
		{"missing text", `{"id":"d9"}`, `missing "text"`},
		{"empty text", `{"id":"d9","text":""}`, "text is empty"},
		{"unknown field", `{"id":"d9","text":"x","span":[]}`, `unknown field "span"`},
		{"wrong type", `{"id":"d9","text":"x","spans":[{"id":"s","layer":"l","label":"L","start":"0","end":1}]}`, "field spans.start: want a number"},
		{"span past end", `{"id":"d9","text":"abc","spans":[{"id":"s","layer":"l","label":"L","start":1,"end":9}]}`, "out of range"},
		{"span reversed", `{"id":"d9","text":"abc","spans":[{"id":"s","layer":"l","label":"L","start":2,"end":1}]}`, "not after start"},
		{"span without end", `{"id":"d9","text":"abc","spans":[{"id":"s","layer":"l","label":"L","start":1}]}`, `needs "start" and "end"`},
		{"span without label", `{"id":"d9","text":"abc","spans":[{"id":"s","layer":"l","start":0,"end":1}]}`, `needs "layer" and "label"`},
		{"text mismatch", `{"id":"d9","text":"a😀bc","spans":[{"id":"s","layer":"l","label":"L","start":2,"end":4,"text":"😀b"}]}`, `text "😀b" does not match the document's "bc"`},
		{"fragments outside start..end", `{"id":"d9","text":"abcdef","spans":[{"id":"s","layer":"l","label":"L","start":1,"end":3,"fragments":[[0,1],[2,3]]}]}`, "outside or short of start..end 1..3"},
		{"fragments overlap", `{"id":"d9","text":"abcdef","spans":[{"id":"s","layer":"l","label":"L","start":0,"end":4,"fragments":[[0,3],[2,4]]}]}`, "overlaps"},
		{"fragment of three numbers", `{"id":"d9","text":"abcdef","spans":[{"id":"s","layer":"l","label":"L","start":0,"end":4,"fragments":[[0,1,2],[3,4]]}]}`, "want [start, end]"},
		{"duplicate span id", `{"id":"d9","text":"abcdef","spans":[{"id":"s","layer":"l","label":"L","start":0,"end":1},{"id":"s","layer":"l","label":"L","start":2,"end":3}]}`, `span id "s" is used twice`},
		{"relation to unknown span", `{"id":"d9","text":"abc","spans":[{"id":"s","layer":"l","label":"L","start":0,"end":1}],"relations":[{"id":"r","type":"t","from":"s","to":"nope"}]}`, `to names unknown span "nope"`},
		{"relation without type", `{"id":"d9","text":"abc","spans":[{"id":"s","layer":"l","label":"L","start":0,"end":1}],"relations":[{"id":"r","from":"s","to":"s"}]}`, `missing "type"`},
		{"attribute of a number", `{"id":"d9","text":"abc","spans":[{"id":"s","layer":"l","label":"L","start":0,"end":1,"attrs":{"n":3}}]}`, `attribute "n"`},
		{"unknown status", `{"id":"d9","text":"abc","status":{"ann":"finished"}}`, `status of "ann" is "finished"`},
		{"meta of a number", `{"id":"d9","text":"abc","meta":{"year":2022}}`, "meta.year: want a string"},
		{"doc label without layer", `{"id":"d9","text":"abc","labels":[{"label":"x","annotator":"a"}]}`, "needs a layer"},
		{"duplicate document id", `{"id":"d1","text":"other"}`, `document id "d1" already used on line 1`},
		{"invalid UTF-8", "{\"id\":\"d9\",\"text\":\"a\xffb\"}", "not valid UTF-8 (at byte 20)"},
		{"lone high surrogate", `{"id":"d9","text":"a\ud800b"}`, `lone UTF-16 surrogate \ud800 (at byte 20)`},
		{"lone low surrogate", `{"id":"d9","text":"a\uDC00b"}`, `lone UTF-16 surrogate \uDC00`},
		{"high surrogate then a letter", `{"id":"d9","text":"\ud83d\u0041"}`, `lone UTF-16 surrogate \ud83d`},
		{"surrogate in a title", `{"id":"d9","title":"\udfff","text":"abc"}`, `lone UTF-16 surrogate \udfff`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			// The bad line is line 3: a good line and a blank one come first.
			input := good + "\n\n" + tt.line + "\n" + strings.Replace(good, `"d1"`, `"d2"`, 1) + "\n"
			var got []string
			var err error
			for rec, e := range JSONL().FileReader.ReadFile("in.jsonl", strings.NewReader(input), Options{}, new(Loss)) {
				if e != nil {
					err = e
					break
				}
				got = append(got, rec.Doc.ID)
			}
			if err == nil {
				t.Fatalf("no error for %s", tt.line)
			}
			if !strings.HasPrefix(err.Error(), "in.jsonl:3: ") || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want in.jsonl:3: ... %s", err, tt.want)
			}
			if len(got) != 1 || got[0] != "d1" {
				t.Errorf("documents before the error = %v, want [d1]", got)
			}
		})
	}
}

func TestJSONLReadsLongLinesCRLFBlankLinesAndBOM(t *testing.T) {
	// A 300 KB article with a span near its end, in a file with a BOM, CRLF
	// line ends and blank lines.
	text := strings.Repeat("Ukraine called on its partners — «ще» 😀. ", 6000) + "THE END"
	end := annotate.CodePointLen(text)
	type line = map[string]any
	big, err := json.Marshal(line{"id": "big", "text": text, "spans": []line{
		{"id": "s", "layer": "claim", "label": "Claim", "start": end - 7, "end": end, "text": "THE END"}}})
	if err != nil {
		t.Fatal(err)
	}
	input := "\xEF\xBB\xBF\r\n" + string(big) + "\r\n  \r\n" + `{"id":"small","text":"x"}` // no final newline
	docs := readAllDocs(t, "big.jsonl", []byte(input))
	if len(docs) != 2 || docs[0].Text != text || docs[1].ID != "small" {
		t.Fatalf("read %d documents", len(docs))
	}
	if len(big) < 300_000 {
		t.Fatalf("the long line is only %d bytes", len(big))
	}
	if sp := docs[0].Spans[0]; sp.Start() != end-7 {
		t.Errorf("span starts at %d, want %d", sp.Start(), end-7)
	}
}

func TestJSONLFillsMissingIDsAndAcceptsMissingSpanText(t *testing.T) {
	in := `{"id":"d","text":"ab cd","spans":[{"layer":"l","label":"L","start":0,"end":2},{"id":"x","layer":"l","label":"L","fragments":[[0,1],[3,4]]}],"relations":[{"type":"t","from":"x","to":"x"}]}`
	docs := readAllDocs(t, "in", []byte(in))
	sp := docs[0].Spans
	if !strings.HasPrefix(sp[0].ID, "s") || sp[0].ID == sp[1].ID || !strings.HasPrefix(docs[0].Relations[0].ID, "r") {
		t.Errorf("ids not filled in: %q %q %q", sp[0].ID, sp[1].ID, docs[0].Relations[0].ID)
	}
	if got := sp[1].Fragments; !reflect.DeepEqual(got, []annotate.Fragment{{Start: 0, End: 1}, {Start: 3, End: 4}}) {
		t.Errorf("fragments = %v", got)
	}
}

func TestJSONLReaderStopsWhenAsked(t *testing.T) {
	in := `{"id":"a","text":"x"}` + "\n" + `{"id":"b","text":"y"}` + "\nnot json\n"
	n := 0
	for _, err := range JSONL().FileReader.ReadFile("in", strings.NewReader(in), Options{}, new(Loss)) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		break
	}
	if n != 1 {
		t.Errorf("read %d documents after break", n)
	}
}

func TestJSONLEncoderRefusesWrongDocuments(t *testing.T) {
	ok := annotate.Span{ID: "s1", DocID: "d", Layer: "l", Label: "L", Fragments: []annotate.Fragment{{Start: 0, End: 2}}}
	tests := []struct {
		name string
		doc  annotate.AnnotatedDoc
		want string
	}{
		{"span past the text", annotate.AnnotatedDoc{Document: annotate.Document{ID: "d", Text: "a😀"},
			Spans: []annotate.Span{{ID: "s1", Fragments: []annotate.Fragment{{Start: 0, End: 3}}}}}, "does not fit the text"},
		{"span without fragments", annotate.AnnotatedDoc{Document: annotate.Document{ID: "d", Text: "abc"},
			Spans: []annotate.Span{{ID: "s1"}}}, "no fragments"},
		{"duplicate span id", annotate.AnnotatedDoc{Document: annotate.Document{ID: "d", Text: "abc"},
			Spans: []annotate.Span{ok, ok}}, "used twice"},
		{"dangling relation", annotate.AnnotatedDoc{Document: annotate.Document{ID: "d", Text: "abc"},
			Spans: []annotate.Span{ok}, Relations: []annotate.Relation{{ID: "r", Type: "t", From: "s1", To: "gone"}}}, "not both spans"},
		{"bad status", annotate.AnnotatedDoc{Document: annotate.Document{ID: "d", Text: "abc"},
			Status: map[string]annotate.Status{"a": "finished"}}, "status"},
		{"invalid UTF-8", annotate.AnnotatedDoc{Document: annotate.Document{ID: "d", Text: "a\xff"}}, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			enc := JSONL().StreamWriter.NewEncoder(&out, Options{}, new(Loss))
			err := enc.Encode(tt.doc)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Encode error = %v, want one containing %q", err, tt.want)
			}
			if err := enc.Flush(); err != nil || out.Len() != 0 {
				t.Errorf("a refused document wrote %d bytes", out.Len())
			}
		})
	}
}

func TestJSONLWritesTheDocumentedShape(t *testing.T) {
	doc := annotate.AnnotatedDoc{
		Document: annotate.Document{ID: "d", Title: "T", Text: "a <b> & c"},
		Spans: []annotate.Span{
			{ID: "s1", Layer: "l", Label: "L", Fragments: []annotate.Fragment{{Start: 0, End: 1}}},
			{ID: "s2", Layer: "l", Label: "L", Fragments: []annotate.Fragment{{Start: 2, End: 5}, {Start: 8, End: 9}}, Attrs: annotate.Attrs{"k": true}, Note: "n", Annotator: "a"},
		},
	}
	got := strings.TrimSpace(string(encodeDocs(t, []annotate.AnnotatedDoc{doc})))
	want := `{"id":"d","title":"T","text":"a <b> & c","meta":{},"labels":[],"spans":[` +
		`{"id":"s1","layer":"l","label":"L","start":0,"end":1,"text":"a","attrs":{},"note":"","annotator":""},` +
		`{"id":"s2","layer":"l","label":"L","start":2,"end":9,"fragments":[[2,5],[8,9]],"text":"<b> … c","attrs":{"k":true},"note":"n","annotator":"a"}],` +
		`"relations":[],"status":{}}`
	if got != want {
		t.Errorf("line =\n%s\nwant\n%s", got, want)
	}
}

// Every exported line carries the keys docs/jsonl.schema.json requires, and
// no key the schema does not declare.
func TestExportedLinesMatchTheJSONSchema(t *testing.T) {
	raw, err := os.ReadFile("../../docs/jsonl.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	type object struct {
		Required   []string                   `json:"required"`
		Properties map[string]json.RawMessage `json:"properties"`
		Items      *object                    `json:"items"`
		Ref        string                     `json:"$ref"`
	}
	var schema struct {
		object
		Defs map[string]object `json:"$defs"`
	}
	if err := json.Unmarshal(raw, &schema); err != nil {
		t.Fatalf("schema is not valid JSON: %v", err)
	}
	sub := func(name string) object {
		var o object
		if err := json.Unmarshal(schema.Properties[name], &o); err != nil {
			t.Fatal(err)
		}
		if o.Items != nil && o.Items.Ref != "" {
			return schema.Defs[strings.TrimPrefix(o.Items.Ref, "#/$defs/")]
		}
		return *o.Items
	}
	check := func(where string, o object, v map[string]any) {
		for _, k := range o.Required {
			if _, ok := v[k]; !ok {
				t.Errorf("%s: required key %q missing", where, k)
			}
		}
		for k := range v {
			if _, ok := o.Properties[k]; !ok {
				t.Errorf("%s: key %q is not in the schema", where, k)
			}
		}
	}
	orig, err := os.ReadFile(unicodeCorpus)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range decodeLines(t, encodeDocs(t, readAllDocs(t, unicodeCorpus, orig))) {
		doc := line.(map[string]any)
		check("document", schema.object, doc)
		for _, part := range []string{"labels", "spans", "relations"} {
			for _, item := range doc[part].([]any) {
				check(part, sub(part), item.(map[string]any))
			}
		}
	}
	if len(schema.Defs["span"].Required) == 0 {
		t.Error("the schema's span definition requires nothing")
	}
}

func TestDescribeJSONErrorKeepsUnknownErrors(t *testing.T) {
	err := describeJSONError(errors.New("boom"))
	if !strings.Contains(err.Error(), "boom") {
		t.Errorf("lost the cause: %v", err)
	}
}

// TestJSONLSurrogatePairsAndEscapedBackslashes: a surrogate pair is one
// character, and `\\ud800` (an escaped backslash and text) is no surrogate.
func TestJSONLSurrogatePairsAndEscapedBackslashes(t *testing.T) {
	for line, want := range map[string]string{
		`{"id":"d","text":"a\ud83d\ude00b"}`: "a😀b",
		`{"id":"d","text":"a\\ud800b"}`:      `a\ud800b`,
		`{"id":"d","text":"\\\ud83d\ude00"}`: `\😀`,
	} {
		var got []string
		for rec, err := range JSONL().FileReader.ReadFile("in.jsonl", strings.NewReader(line), Options{}, new(Loss)) {
			if err != nil {
				t.Fatalf("%s: %v", line, err)
			}
			got = append(got, rec.Doc.Text)
		}
		if len(got) != 1 || got[0] != want {
			t.Errorf("%s: text %q, want %q", line, got, want)
		}
	}
}
