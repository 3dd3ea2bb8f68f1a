package format

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"frametag/annotate"
)

func TestDoccanoReadsItsShapes(t *testing.T) {
	tests := []struct {
		file string
		ids  []string
		want [][]string
		loss string
	}{
		{"label.jsonl", []string{"12", "ua-7"}, [][]string{
			{`#imported_document/Security_and_defense`, `imported/GPE "Kyiv 🇺🇦"`, `imported/GROUP "Family 👨‍👩‍👧‍👦"`,
				`imported/PERSON "José́"`, `imported/PERSON "Ramírez"`, `imported/QUOTE "зачем?"`},
			{`#imported_document/Political`, `imported/GPE "Brussels 🇪🇺"`, `imported/ORG "The EU"`,
				`imported/PERSON "Zelensky 👍🏿"`, `imported/PERSON "Путин"`},
		}, "duplicate spans: 1 merged (same label, offsets and annotator)"},
		{"relations.jsonl", []string{"3", "4"}, [][]string{
			{`#imported_document/Political`, `addresses: PERSON "Путин" → PERSON "Zelensky 👍🏿"`, `imported/GPE "Brussels 🇪🇺"`,
				`imported/ORG "The EU"`, `imported/PERSON "Zelensky 👍🏿"`, `imported/PERSON "Путин"`,
				`located_in: ORG "The EU" → GPE "Brussels 🇪🇺"`},
			{`imported/GPE "Kyiv 🇺🇦"`, `imported/GROUP "Family 👨‍👩‍👧‍👦"`, `imported/PERSON "José́"`,
				`imported/PERSON "Ramírez"`, `imported/QUOTE "зачем?"`, `same_as: PERSON "José́" → PERSON "Ramírez"`},
		}, ""},
		{"pretty.jsonl", []string{"5", "6"}, [][]string{{`imported/GPE "Ελλάδα"`}, {`imported/GROUP "👩‍👩‍👦"`}}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/doccano/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			docs, loss := readWith(t, Doccano(), tc.file, data, Options{})
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
			}
			if loss.String() != tc.loss {
				t.Errorf("loss %q, want %q", loss, tc.loss)
			}
		})
	}
}

func TestDoccanoKeepsTextAndMetadataVerbatim(t *testing.T) {
	data, err := os.ReadFile("testdata/doccano/label.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := readWith(t, Doccano(), "label.jsonl", data, Options{})
	if !strings.HasPrefix(docs[0].Text, "Family 👨") || !strings.Contains(docs[0].Text, "🇺🇦\r\nОфіційно:  «зачем?»\tasked") {
		t.Errorf("text %q: want it verbatim, the file's BOM dropped", docs[0].Text)
	}
	if !strings.HasPrefix(docs[1].Text, "\ufeffПутин") {
		t.Errorf("a U+FEFF inside the text is the text's: %q", docs[1].Text)
	}
	m := docs[0].Meta
	if m.Source != "Тест News" || m.Extra["desk"] != "Київ" || len(m.Extra) != 1 {
		t.Errorf("meta %+v: want source and desk, the empty Comments left out", m)
	}
}

// doccanoAnnotations lists what a doccano file says, in its own units, ids
// aside: each document's spans, relations (by their spans) and categories.
func doccanoAnnotations(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	for v, err := range jsonObjects("x", strings.NewReader(string(data))) {
		if err != nil {
			t.Fatal(err)
		}
		var o struct {
			ID       any
			Label    []json.RawMessage
			Cats     json.RawMessage
			Entities []struct {
				ID    any
				Label string
				Start int `json:"start_offset"`
				End   int `json:"end_offset"`
			}
			Relations []struct {
				From any `json:"from_id"`
				To   any `json:"to_id"`
				Type string
			}
		}
		if err := json.Unmarshal(v.raw, &o); err != nil {
			t.Fatal(err)
		}
		add := func(format string, a ...any) {
			out = append(out, fmt.Sprintf("%v ", o.ID)+fmt.Sprintf(format, a...))
		}
		for _, l := range o.Label {
			var triple [3]any
			if json.Unmarshal(l, &triple) == nil {
				add("span %v %v %v", triple[0], triple[1], triple[2])
			} else {
				add("cat %s", l)
			}
		}
		ent := map[any]string{}
		for _, e := range o.Entities {
			ent[e.ID] = fmt.Sprintf("%d %d %s", e.Start, e.End, e.Label)
			add("span %s", ent[e.ID])
		}
		for _, r := range o.Relations {
			add("rel %s: %s → %s", r.Type, ent[r.From], ent[r.To])
		}
		var names []string
		var scores map[string]float64
		if json.Unmarshal(o.Cats, &names) != nil && json.Unmarshal(o.Cats, &scores) == nil {
			for n, s := range scores {
				if s >= 0.5 {
					names = append(names, n)
				}
			}
		}
		for _, n := range names {
			add("cat %q", n)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// Each fixture read and written again says the same: the same spans in the
// same UTF-16 offsets, the same relations and categories.
func TestDoccanoRoundTripReproducesTheFile(t *testing.T) {
	for _, file := range []string{"label.jsonl", "relations.jsonl", "pretty.jsonl"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/doccano/" + file)
			if err != nil {
				t.Fatal(err)
			}
			docs, _ := readWith(t, Doccano(), file, data, Options{})
			written, loss := writeWith(t, Doccano(), docs, Options{})
			if want, got := doccanoAnnotations(t, data), doccanoAnnotations(t, written); !slices.Equal(got, want) {
				t.Errorf("written again:\n got %q\nwant %q\n%s", got, want, written)
			}
			if !loss.Empty() {
				t.Errorf("nothing to lose, yet %s", loss)
			}
			again, _ := readWith(t, Doccano(), "again", written, Options{})
			for i := range docs {
				if got, want := described(t, again[i], true), described(t, docs[i], true); !slices.Equal(got, want) {
					t.Errorf("%s read again:\n got %q\nwant %q", docs[i].ID, got, want)
				}
				if again[i].Text != docs[i].Text || again[i].Title != docs[i].Title || !sameMeta(again[i].Meta, docs[i].Meta) {
					t.Errorf("%s: text or metadata changed", docs[i].ID)
				}
			}
		})
	}
}

func sameMeta(a, b annotate.Meta) bool {
	return a.Source == b.Source && a.URL == b.URL && a.Published == b.Published && a.Language == b.Language &&
		fmt.Sprint(a.Extra) == fmt.Sprint(b.Extra)
}

// The native corpus through doccano and back: every span the format can
// hold comes back over identical text, in its layer (by the schema), and
// what it cannot hold is counted.
func TestNativeThroughDoccano(t *testing.T) {
	docs := nativeCorpus(t)
	schema := schemaOf(docs)
	written, loss := writeWith(t, Doccano(), docs, Options{Schema: schema})
	again, _ := readWith(t, Doccano(), "written", written, Options{Schema: schema})
	if len(again) != len(docs) {
		t.Fatalf("%d documents back, want %d", len(again), len(docs))
	}
	var attrs, notes, discontinuous, statuses int
	for i, d := range docs {
		if got, want := described(t, again[i], true), described(t, withoutAnnotators(asExtent(d)), true); !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", d.ID, got, want)
		}
		if again[i].Text != d.Text || again[i].ID != d.ID || again[i].Title != d.Title {
			t.Errorf("%s: text, id or title changed", d.ID)
		}
		for _, sp := range d.Spans {
			attrs += len(sp.Attrs)
			if sp.Note != "" {
				notes++
			}
			if sp.Discontinuous() {
				discontinuous++
			}
		}
		statuses += len(d.Status)
	}
	for _, want := range []string{
		fmt.Sprintf("discontinuous spans: %d written as their extent", discontinuous),
		fmt.Sprintf("attributes: %d dropped", attrs),
		fmt.Sprintf("notes: %d dropped", notes),
		fmt.Sprintf("statuses: %d dropped", statuses),
		"annotator names: ",
	} {
		if !strings.Contains(loss.String(), want) {
			t.Errorf("loss %q: want %q", loss, want)
		}
	}
	if discontinuous == 0 || attrs == 0 {
		t.Error("the corpus should hold discontinuous spans and attributes")
	}
}

// UTF-16 offsets after emoji (an astral character is two units) land on
// exactly the characters meant; half a surrogate pair is refused.
func TestDoccanoOffsetUnits(t *testing.T) {
	const text = "😀 Kyiv 👩🏽‍⚕️ Zoë" // 😀 and 👩 🏽 are astral
	tests := []struct {
		unit       Unit
		start, end int
		want, err  string
	}{
		{FormatUnit, 3, 7, "Kyiv", ""},
		{FormatUnit, 16, 19, "Zoë", ""},
		{FormatUnit, 8, 15, "👩🏽‍⚕️", ""},
		{UTF16, 0, 2, "😀", ""},
		{CodePoints, 2, 6, "Kyiv", ""},
		{CodePoints, 13, 16, "Zoë", ""},
		{Bytes, 5, 9, "Kyiv", ""},
		{FormatUnit, 1, 7, "", `x.jsonl:1: document "d": label 1 [1,7,"X"]: offsets 1..7 (utf16) do not fit the text (16 code points, 19 UTF-16 units): UTF-16 offset 1 falls inside a surrogate pair`},
		{FormatUnit, 16, 20, "", "UTF-16 offset 20 is past the end of the text"},
		{CodePoints, 16, 19, "", "end 19 is past the text's 16 code points; they fit as UTF-16 units: read with --offsets utf16"},
		{Bytes, 1, 5, "", "byte offset 1 is not on a character boundary"},
		{FormatUnit, 7, 3, "", "end 3 is not after start 7"},
	}
	for _, tc := range tests {
		line := fmt.Sprintf(`{"id":"d","text":%q,"label":[[%d,%d,"X"]]}`, text, tc.start, tc.end)
		docs, _, err := tryRead(Doccano(), "x.jsonl", []byte(line), Options{Offsets: tc.unit})
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("%s %d..%d: error %v, want %q", tc.unit, tc.start, tc.end, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s %d..%d: %v", tc.unit, tc.start, tc.end, err)
			continue
		}
		if got := texts(t, docs[0]); !slices.Equal(got, []string{`imported/X "` + tc.want + `"`}) {
			t.Errorf("%s %d..%d covers %q, want %q", tc.unit, tc.start, tc.end, got, tc.want)
		}
		// And written back in the same unit, the same numbers.
		out, _ := writeWith(t, Doccano(), docs, Options{Offsets: tc.unit})
		if want := fmt.Sprintf(`"label":[[%d,%d,"X"]]`, tc.start, tc.end); !strings.Contains(string(out), want) {
			t.Errorf("%s written as %s, want %s", tc.unit, out, want)
		}
	}
}

func TestDoccanoReadErrors(t *testing.T) {
	tests := []struct{ name, in, where, what string }{
		{"unclosed", `{"id":1,"text":"a","label":[[0,1,"X"]]`, "x.jsonl:1: ", "the file ends inside the object begun on line 1"},
		{"bad JSON", "{\"id\":1,\n\"text\":\"a\",,}", "x.jsonl:2: ", "invalid JSON"},
		{"no text", `{"id":1,"label":[]}`, "x.jsonl:1: ", `document "1": missing "text"`},
		{"text not a string", `{"id":1,"text":5}`, "x.jsonl:1: ", `"text": want a string`},
		{"empty text", `{"id":1,"text":""}`, "x.jsonl:1: ", "text is empty"},
		{"bad triple", `{"id":1,"text":"ab","label":[[0,"a","X"]]}`, "x.jsonl:1: ", `document "1": label 1: want [start, end, "LABEL"], got [0,"a","X"]`},
		{"label not a list", `{"id":1,"text":"ab","label":"X"}`, "x.jsonl:1: ", `"label": want a list`},
		{"past the end", `{"id":1,"text":"ab","label":[[0,5,"X"]]}`, "x.jsonl:1: ", `label 1 [0,5,"X"]: offsets 0..5 (utf16) do not fit the text`},
		{"entity without offsets", `{"id":1,"text":"ab","entities":[{"id":3,"label":"X"}]}`, "x.jsonl:1: ", `entity 3: needs "label", "start_offset" and "end_offset"`},
		{"entity id twice", `{"id":1,"text":"ab","entities":[{"id":3,"label":"X","start_offset":0,"end_offset":1},{"id":3,"label":"Y","start_offset":1,"end_offset":2}]}`, "x.jsonl:1: ", "entity id 3 is used twice"},
		{"relation to nowhere", `{"id":1,"text":"ab","entities":[{"id":3,"label":"X","start_offset":0,"end_offset":1}],"relations":[{"id":1,"from_id":3,"to_id":4,"type":"t"}]}`, "x.jsonl:1: ", `relation 1: to_id names no entity of the document ("4")`},
		{"relation without type", `{"id":1,"text":"ab","entities":[{"id":3,"label":"X","start_offset":0,"end_offset":1}],"relations":[{"from_id":3,"to_id":3}]}`, "x.jsonl:1: ", `relation 1: missing "type"`},
		{"cats", `{"id":1,"text":"ab","cats":"X"}`, "x.jsonl:1: ", `"cats": want a list of category names`},
		{"id twice", "{\"id\":1,\"text\":\"a\"}\n{\"id\":\"1\",\"text\":\"b\"}", "x.jsonl:2: ", `document id "1" already used on line 1`},
		{"not UTF-8", "{\"id\":1,\"text\":\"\xff\"}", "x.jsonl:1: ", "not valid UTF-8"},
		{"a list of strings", `["a"]`, "x.jsonl:1: ", `want a JSON object, found "\""`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := tryRead(Doccano(), "x.jsonl", []byte(tc.in), Options{})
			wantError(t, err, tc.where, tc.what)
		})
	}
}

func TestDoccanoWriteRefusesSpansOutsideTheText(t *testing.T) {
	d := annotate.AnnotatedDoc{Document: annotate.Document{ID: "d", Text: "short"},
		Spans: []annotate.Span{{ID: "s", Label: "X", Fragments: []annotate.Fragment{{Start: 2, End: 9}}}}}
	enc := Doccano().StreamWriter.NewEncoder(new(strings.Builder), Options{Offsets: UTF16}, new(Loss))
	err := enc.Encode(d)
	wantError(t, err, `document "d": span s does not fit the text`, "past the text's 5 code points")
}

// Spans without ids of their own get ids from their place, the same at
// every reading.
func TestDoccanoIDsAreStable(t *testing.T) {
	in := `{"id":1,"text":"abc","label":[[0,1,"X"],[1,2,"Y"]],"entities":[{"id":"label-1","label":"Z","start_offset":2,"end_offset":3},{"label":"W","start_offset":0,"end_offset":3}]}`
	var ids [2][]string
	for i := range ids {
		docs, _ := readWith(t, Doccano(), "x.jsonl", []byte(in), Options{})
		for _, sp := range docs[0].Spans {
			ids[i] = append(ids[i], sp.Label+"="+sp.ID)
		}
	}
	if !slices.Contains(ids[0], "Y=label-2") || !slices.Contains(ids[0], "Z=label-1") || !slices.Contains(ids[0], "W=entity-2") || slices.Contains(ids[0], "X=label-1") {
		t.Errorf("ids %q", ids[0])
	}
	if !slices.Contains(ids[1], "Y=label-2") {
		t.Errorf("second reading: ids %q", ids[1])
	}
}
