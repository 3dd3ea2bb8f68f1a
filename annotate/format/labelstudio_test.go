package format

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/annotate/schemes"
)

func TestLabelStudioReadsExports(t *testing.T) {
	frames := annotate.Schema{Layers: []annotate.Layer{{Name: "frame", Kind: annotate.DocumentLayer, Labels: []annotate.Label{{Name: "Political"}}}}}
	tests := []struct {
		file  string
		opt   Options
		ids   []string
		want  [][]string
		who   [][]string
		loss  string
		extra map[string]string // of the first document
	}{
		{"export.json", Options{}, []string{"1", "2", "copy-of-2"}, [][]string{
			{`#frame/Political`, `#frame/Security_and_defense`,
				`actor/GPE "Kyiv 🇺🇦"`, `actor/GPE "Kyiv 🇺🇦"`, `actor/GROUP "Family 👨‍👩‍👧‍👦"`, `actor/PERSON "José́"`, `actor/PERSON "Ramírez"`,
				`located_in: GPE "Kyiv 🇺🇦" → GROUP "Family 👨‍👩‍👧‍👦"`,
				`related: Appeal_to/Fear:Prejudice "зачем?" → GROUP "Family 👨‍👩‍👧‍👦"`,
				`same_as: PERSON "José́" → PERSON "Ramírez"`,
				`technique/Appeal_to/Fear:Prejudice "зачем?"`, `technique/Loaded_Language "зачем?"`},
			{`actor/GPE "Brussels 🇪🇺"`, `actor/PERSON "Zelensky 👍🏿"`},
			nil,
		}, [][]string{{"1", "bob@example.org"}, {"1"}, nil},
			`predictions: 1 dropped (not annotations); "textarea" results: 1 dropped (not read); cancelled annotations: 1 skipped; span texts: 1 differing from their offsets only in whitespace (kept by their offsets)`,
			map[string]string{}},
		{"min.json", Options{}, []string{"7", "8"}, [][]string{
			{`#sentiment/Neutral`, `label/GPE "Ελλάδα"`, `label/GROUP "👩‍👩‍👦"`}, nil,
		}, [][]string{{"carol@example.org"}, nil}, "", map[string]string{"frame": "Political"}},
		{"min.json", Options{Schema: frames}, []string{"7", "8"}, [][]string{
			{`#frame/Political`, `#imported_document/Neutral`, `imported/GPE "Ελλάδα"`, `imported/GROUP "👩‍👩‍👦"`}, nil,
		}, [][]string{{"carol@example.org"}, nil}, "", map[string]string{}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/labelstudio/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			docs, loss := readWith(t, LabelStudio(), tc.file, data, tc.opt)
			if len(docs) != len(tc.want) {
				t.Fatalf("read %d documents, want %d", len(docs), len(tc.want))
			}
			for i, d := range docs {
				if d.ID != tc.ids[i] {
					t.Errorf("document %d: id %q, want %q", i, d.ID, tc.ids[i])
				}
				if got := texts(t, d); !slices.Equal(got, tc.want[i]) {
					t.Errorf("document %s:\n got %q\nwant %q", d.ID, got, tc.want[i])
				}
				if who := annotatorsOf(d); !slices.Equal(who, tc.who[i]) {
					t.Errorf("document %s: annotators %q, want %q", d.ID, who, tc.who[i])
				}
			}
			if loss.String() != tc.loss {
				t.Errorf("loss %q\nwant %q", loss, tc.loss)
			}
			if tc.file == "export.json" {
				var got []string
				for _, sp := range docs[1].Spans {
					got = append(got, fmt.Sprintf("%s %v %q", sp.Label, sp.Attrs, sp.Note))
				}
				want := []string{`PERSON map[role:Antagonist] "a note, with 😀"`, `GPE map[fine_role:[Guardian Virtuous]] ""`}
				if !slices.Equal(got, want) {
					t.Errorf("per-region results: %q, want %q", got, want)
				}
			}
			if got := fmt.Sprint(docs[0].Meta.Extra); got != fmt.Sprint(tc.extra) && !(len(docs[0].Meta.Extra) == 0 && len(tc.extra) == 0) {
				t.Errorf("extra %s, want %v", got, tc.extra)
			}
		})
	}
}

// lsAnnotations lists what a Label Studio export says, by task and
// annotator: regions by offsets, relations by their regions (direction
// applied), choices; cancelled annotations left out.
func lsAnnotations(t *testing.T, data []byte) []string {
	t.Helper()
	var tasks []struct {
		ID          any
		Data        map[string]any
		Annotations []struct {
			CompletedBy json.RawMessage `json:"completed_by"`
			Cancelled   bool            `json:"was_cancelled"`
			Result      []lsResult
		}
	}
	if err := json.Unmarshal([]byte(strings.TrimPrefix(string(data), "\ufeff")), &tasks); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, task := range tasks {
		id := fmt.Sprint(task.ID)
		if d, ok := task.Data["doc_id"]; ok {
			id = fmt.Sprint(d)
		}
		for _, a := range task.Annotations {
			if a.Cancelled {
				continue
			}
			who, _ := lsAnnotator(a.CompletedBy)
			add := func(format string, args ...any) { out = append(out, id+" "+who+" "+fmt.Sprintf(format, args...)) }
			region := map[string]string{}
			for _, r := range a.Result {
				if r.Type == "labels" {
					region[r.ID.s] = fmt.Sprintf("%s %d %d %s", r.FromName, *r.Value.Start, *r.Value.End, r.Value.Labels)
					add("region %s", region[r.ID.s])
				}
			}
			for _, r := range a.Result {
				if _, perRegion := region[r.ID.s]; perRegion && r.Type != "labels" {
					var values []string
					json.Unmarshal(r.Value.Choices, &values)
					json.Unmarshal(r.Value.Text, &values)
					add("on %s: %s %s %q", region[r.ID.s], r.Type, r.FromName, values)
					continue
				}
				switch r.Type {
				case "relation":
					from, to := region[r.FromID.s], region[r.ToID.s]
					if r.Direction == "left" {
						from, to = to, from
					}
					labels := r.Labels
					if len(labels) == 0 {
						labels = []string{LabelStudioUnlabelled}
					}
					add("relation %s: %s → %s", labels, from, to)
				case "choices":
					var c []string
					json.Unmarshal(r.Value.Choices, &c)
					for _, c := range c {
						add("choice %s %s", r.FromName, c)
					}
				}
			}
		}
	}
	slices.Sort(out)
	return out
}

func TestLabelStudioRoundTripReproducesTheExport(t *testing.T) {
	data, err := os.ReadFile("testdata/labelstudio/export.json")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := readWith(t, LabelStudio(), "export.json", data, Options{})
	written, loss := writeWith(t, LabelStudio(), docs, Options{})
	want := lsAnnotations(t, data)
	got := lsAnnotations(t, written)
	// A region with two labels comes back as two regions of one label each.
	var split []string
	for _, w := range want {
		if before, labels, ok := strings.Cut(w, "[Appeal_to/Fear:Prejudice Loaded_Language]"); ok && strings.Contains(w, " region ") {
			split = append(split, before+"[Appeal_to/Fear:Prejudice]"+labels, before+"[Loaded_Language]"+labels)
			continue
		}
		split = append(split, strings.ReplaceAll(w, "[Appeal_to/Fear:Prejudice Loaded_Language]", "[Appeal_to/Fear:Prejudice]"))
	}
	slices.Sort(split)
	if !slices.Equal(got, split) {
		t.Errorf("written again:\n got %q\nwant %q\n%s", got, split, written)
	}
	if !loss.Empty() {
		t.Errorf("nothing to lose, yet %s", loss)
	}
	for _, file := range []string{"export.json", "min.json"} {
		data, err := os.ReadFile("testdata/labelstudio/" + file)
		if err != nil {
			t.Fatal(err)
		}
		docs, _ := readWith(t, LabelStudio(), file, data, Options{})
		written, _ := writeWith(t, LabelStudio(), docs, Options{})
		again, _ := readWith(t, LabelStudio(), "again", written, Options{})
		for i := range docs {
			if got, want := described(t, again[i], true), described(t, docs[i], true); !slices.Equal(got, want) {
				t.Errorf("%s: %s read again:\n got %q\nwant %q", file, docs[i].ID, got, want)
			}
			if again[i].Text != docs[i].Text || again[i].ID != docs[i].ID || again[i].Title != docs[i].Title || !sameMeta(again[i].Meta, docs[i].Meta) {
				t.Errorf("%s: %s: text, id or metadata changed", file, docs[i].ID)
			}
		}
	}
}

func TestNativeThroughLabelStudio(t *testing.T) {
	docs := nativeCorpus(t)
	schema := schemes.Default() // the corpus's: attributes come back in their kinds
	written, loss := writeWith(t, LabelStudio(), docs, Options{Schema: schema})
	again, _ := readWith(t, LabelStudio(), "written", written, Options{Schema: schema})
	if len(again) != len(docs) {
		t.Fatalf("%d documents back, want %d", len(again), len(docs))
	}
	crossing := 0
	for i, d := range docs {
		want := asExtent(d)
		owner := map[string]string{}
		for _, sp := range d.Spans {
			owner[sp.ID] = sp.Annotator
		}
		want.Relations = slices.DeleteFunc(slices.Clone(want.Relations), func(r annotate.Relation) bool {
			cross := owner[r.From] != r.Annotator || owner[r.To] != r.Annotator
			if cross {
				crossing++
			}
			return cross
		})
		if got, want := described(t, again[i], true), described(t, want, true); !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", d.ID, got, want)
		}
		if again[i].Text != d.Text || again[i].ID != d.ID || again[i].Title != d.Title || !sameMeta(again[i].Meta, d.Meta) {
			t.Errorf("%s: text, id, title or metadata changed", d.ID)
		}
		// Attributes and notes come back as per-region results, on the
		// spans of the same ids.
		byID := map[string]annotate.Span{}
		for _, sp := range again[i].Spans {
			byID[sp.ID] = sp
		}
		for _, sp := range d.Spans {
			got := byID[sp.ID]
			if !got.Attrs.Equal(sp.Attrs) || got.Note != sp.Note {
				t.Errorf("%s: span %s: attributes %v note %q, want %v %q", d.ID, sp.ID, got.Attrs, got.Note, sp.Attrs, sp.Note)
			}
		}
	}
	for _, want := range []string{"discontinuous spans: ", "statuses: "} {
		if !strings.Contains(loss.String(), want) {
			t.Errorf("loss %q: want %q", loss, want)
		}
	}
	if crossing > 0 && !strings.Contains(loss.String(), fmt.Sprintf("relations: %d dropped (between spans of different annotators)", crossing)) {
		t.Errorf("loss %q: want %d relations between annotators counted", loss, crossing)
	}
	if !strings.HasPrefix(string(written), "[\n{") || !strings.HasSuffix(string(written), "}\n]\n") {
		t.Errorf("not one JSON array: %.40q … %q", written, written[len(written)-10:])
	}
	var v []any
	if err := json.Unmarshal(written, &v); err != nil || len(v) != len(docs) {
		t.Errorf("not a JSON array of %d tasks: %v", len(docs), err)
	}
	if empty, _ := writeWith(t, LabelStudio(), nil, Options{}); string(empty) != "[]\n" {
		t.Errorf("no documents written as %q", empty)
	}
}

// Older Label Studio counted UTF-16 units: --offsets utf16 reads them, and
// the error without it says so.
func TestLabelStudioUTF16(t *testing.T) {
	task := `[{"id":1,"data":{"text":"😀 Kyiv said"},"annotations":[{"completed_by":1,"result":[{"id":"a","from_name":"l","to_name":"text","type":"labels","value":{"start":3,"end":7,"text":"Kyiv","labels":["GPE"]}}]}]}]`
	_, _, err := tryRead(LabelStudio(), "x.json", []byte(task), Options{})
	wantError(t, err, "x.json:1: ", `document "1": annotation 1: result "a": text "Kyiv" does not match the document's "yiv " at 3..7 (codepoint); it matches as utf16 offsets: read with --offsets utf16`)
	docs, _, err := tryRead(LabelStudio(), "x.json", []byte(task), Options{Offsets: UTF16})
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(t, docs[0]); !slices.Equal(got, []string{`l/GPE "Kyiv"`}) {
		t.Errorf("read %q", got)
	}
}

func TestLabelStudioReadErrors(t *testing.T) {
	const text = `"data":{"text":"ab"}`
	tests := []struct{ name, in, where, what string }{
		{"not an array of objects", `[1]`, "x.json:1: ", `want a JSON object, found "1"`},
		{"no text", `[{"id":4,"data":{"body":"ab"}}]`, "x.json:1: ", `task 4: no "text" in its data (keys: body)`},
		{"region without offsets", "[\n{\"id\":1," + text + `,"annotations":[{"result":[{"id":"r","type":"labels","value":{"labels":["X"]}}]}]}]`, "x.json:2: ", `document "1": annotation 1: result "r": a labels result needs "value": {"start", "end"}`},
		{"past the end", `[{"id":1,` + text + `,"annotations":[{"id":9,"result":[{"id":"r","type":"labels","value":{"start":0,"end":3,"labels":["X"]}}]}]}]`, "x.json:1: ", `annotation 9: result "r": offsets 0..3 (codepoint) do not fit the text`},
		{"relation to nowhere", `[{"id":1,` + text + `,"annotations":[{"result":[{"id":"r","type":"labels","value":{"start":0,"end":1,"labels":["X"]}},{"type":"relation","from_id":"r","to_id":"q"}]}]}]`, "x.json:1: ", `result 2: to_id "q" names no labelled region of the annotation`},
		{"direction", `[{"id":1,` + text + `,"annotations":[{"result":[{"id":"r","type":"labels","value":{"start":0,"end":1,"labels":["X"]}},{"type":"relation","from_id":"r","to_id":"r","direction":"up"}]}]}]`, "x.json:1: ", `direction "up", want right, left or bi`},
		{"completed_by", `[{"id":1,` + text + `,"annotations":[{"completed_by":[1],"result":[]}]}]`, "x.json:1: ", "annotation 1: completed_by: want a user's id, name or object"},
		{"start a string", `[{"id":1,` + text + `,"annotations":[{"result":[{"type":"labels","value":{"start":"/p[1]","end":1,"labels":["X"]}}]}]}]`, "x.json:1: ", "want a number, got a JSON string"},
		{"same id", `[{"id":1,"data":{"text":"a"}},` + "\n" + `{"id":1,"data":{"text":"b"}}]`, "x.json:2: ", `document id "1" already used on line 1`},
		{"min region", `[{"id":1,"text":"ab","label":[{"start":0,"labels":["X"]}]}]`, "x.json:1: ", `document "1": "label": region 1: needs start, end and labels`},
		{"not closed", `[{"id":1,"data":{"text":"a"}}`, "x.json:1: ", "the file ends inside the array begun on line 1"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := tryRead(LabelStudio(), "x.json", []byte(tc.in), Options{})
			wantError(t, err, tc.where, tc.what)
		})
	}
}

func TestLabelStudioIsChosenByExtension(t *testing.T) {
	if f, ok := All().ForPath("export.JSON"); !ok || f.Name != "labelstudio" {
		t.Errorf("ForPath(.JSON) = %s, %v", f.Name, ok)
	}
}
