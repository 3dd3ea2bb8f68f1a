package format

import (
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestProdigyReadsTasks(t *testing.T) {
	tests := []struct {
		file       string
		ids        []string
		want       [][]string
		annotators [][]string
		loss       string
	}{
		{"ner.jsonl", []string{"p1", "p4"}, [][]string{
			{`imported/GPE "Kyiv"`, `imported/PERSON "José́"`, `imported/PERSON "Ramírez"`, `imported/QUOTE "зачем"`},
			{`#imported_document/Political`},
		}, [][]string{{"news-alice"}, {"news-bob"}}, `tasks answered "reject": 1 skipped; tasks answered "ignore": 1 skipped`},
		{"rel.jsonl", []string{"r1"}, [][]string{{
			`addresses: PERSON "Путин" → PERSON "Zelensky"`, `imported/GPE "Brussels"`, `imported/PERSON "Zelensky"`,
			`imported/PERSON "Zelensky"`, `imported/PERSON "Путин"`, `imported/token "no"`,
			`located_in: PERSON "Zelensky" → GPE "Brussels"`, `says: PERSON "Путин" → token "no"`,
		}}, [][]string{{"rel-alice", "rel-bob"}}, "spans: 1 made for relation ends that no span covered"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/prodigy/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			docs, loss := readWith(t, Prodigy(), tc.file, data, Options{})
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
				if who := annotatorsOf(d); !slices.Equal(who, tc.annotators[i]) {
					t.Errorf("document %s: annotators %q, want %q", d.ID, who, tc.annotators[i])
				}
			}
			if loss.String() != tc.loss {
				t.Errorf("loss %q, want %q", loss, tc.loss)
			}
		})
	}
}

// prodigyAnnotations lists what a Prodigy file says, by annotator: spans
// by offsets, relations by their ends' offsets, accepted options. Spans
// labelled "token" (relation ends made from tokens) are left out.
func prodigyAnnotations(t *testing.T, data []byte) []string {
	t.Helper()
	var out []string
	for v, err := range jsonObjects("x", strings.NewReader(string(data))) {
		if err != nil {
			t.Fatal(err)
		}
		var task struct {
			Meta   struct{ ID string }
			Tokens []prodigyToken
			Spans  []struct {
				Start, End *int
				Label      string
				TokenStart int `json:"token_start"`
				TokenEnd   int `json:"token_end"`
			}
			Relations []struct {
				Head, Child int
				HeadSpan    *struct{ Start, End int } `json:"head_span"`
				ChildSpan   *struct{ Start, End int } `json:"child_span"`
				Label       string
			}
			Accept    []string
			Answer    string
			Annotator string `json:"_annotator_id"`
		}
		if err := json.Unmarshal(v.raw, &task); err != nil {
			t.Fatal(err)
		}
		if task.Answer != "accept" {
			continue
		}
		add := func(format string, a ...any) {
			out = append(out, task.Meta.ID+" "+task.Annotator+" "+fmt.Sprintf(format, a...))
		}
		ends := map[int]string{}
		for _, s := range task.Spans {
			if s.Start == nil {
				s.Start, s.End = &task.Tokens[s.TokenStart].Start, &task.Tokens[s.TokenEnd].End
			}
			if s.Label != "token" {
				add("span %d %d %s", *s.Start, *s.End, s.Label)
			}
			ends[s.TokenEnd] = fmt.Sprintf("%d %d", *s.Start, *s.End)
		}
		at := func(tok int) string {
			if e, ok := ends[tok]; ok {
				return e
			}
			return fmt.Sprintf("%d %d", task.Tokens[tok].Start, task.Tokens[tok].End)
		}
		for _, r := range task.Relations {
			add("rel %s: %s → %s", r.Label, at(r.Head), at(r.Child))
		}
		for _, a := range task.Accept {
			add("accept %s", a)
		}
	}
	slices.Sort(out)
	return out
}

func TestProdigyRoundTripReproducesTheFile(t *testing.T) {
	for _, file := range []string{"ner.jsonl", "rel.jsonl"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/prodigy/" + file)
			if err != nil {
				t.Fatal(err)
			}
			docs, _ := readWith(t, Prodigy(), file, data, Options{})
			written, loss := writeWith(t, Prodigy(), docs, Options{})
			if want, got := prodigyAnnotations(t, data), prodigyAnnotations(t, written); !slices.Equal(got, want) {
				t.Errorf("written again:\n got %q\nwant %q\n%s", got, want, written)
			}
			if !loss.Empty() {
				t.Errorf("nothing to lose, yet %s", loss)
			}
			again, _ := readWith(t, Prodigy(), "again", written, Options{})
			if len(again) != len(docs) {
				t.Fatalf("%d documents read again, want %d", len(again), len(docs))
			}
			for i := range docs {
				if got, want := described(t, again[i], true), described(t, docs[i], true); !slices.Equal(got, want) {
					t.Errorf("%s read again:\n got %q\nwant %q", docs[i].ID, got, want)
				}
				if again[i].Text != docs[i].Text || again[i].ID != docs[i].ID || !sameMeta(again[i].Meta, docs[i].Meta) {
					t.Errorf("%s: text, id or metadata changed: %+v, want %+v", docs[i].ID, again[i].Meta, docs[i].Meta)
				}
			}
		})
	}
}

// Every token written is the text it says, and every span's tokens are
// exactly its extent.
func TestProdigyTokensFitTheSpans(t *testing.T) {
	docs := nativeCorpus(t)
	for _, unit := range []Unit{CodePoints, UTF16} {
		written, _ := writeWith(t, Prodigy(), docs, Options{Offsets: unit})
		for v, err := range jsonObjects("x", strings.NewReader(string(written))) {
			if err != nil {
				t.Fatal(err)
			}
			var task struct {
				Text   string
				Tokens []prodigyToken
				Spans  []struct {
					Start, End int
					TokenStart int `json:"token_start"`
					TokenEnd   int `json:"token_end"`
				}
			}
			json.Unmarshal(v.raw, &task)
			ix := newSpanMaker(task.Text, unit, new(Loss))
			for _, tok := range task.Tokens {
				f, err := ix.fragment(tok.Start, tok.End)
				if err != nil {
					t.Fatal(err)
				}
				if got, _ := ix.ix.Slice(f.Start, f.End); got != tok.Text {
					t.Errorf("%s token %d: %q at %d..%d covers %q", unit, tok.ID, tok.Text, tok.Start, tok.End, got)
				}
			}
			for _, s := range task.Spans {
				if task.Tokens[s.TokenStart].Start != s.Start {
					t.Errorf("%s: span %d..%d starts at token %d (%d)", unit, s.Start, s.End, s.TokenStart, task.Tokens[s.TokenStart].Start)
				}
			}
		}
	}
}

func TestNativeThroughProdigy(t *testing.T) {
	docs := nativeCorpus(t)
	schema := schemaOf(docs)
	written, loss := writeWith(t, Prodigy(), docs, Options{Schema: schema})
	again, _ := readWith(t, Prodigy(), "written", written, Options{Schema: schema})
	if len(again) != len(docs) {
		t.Fatalf("%d documents back, want %d", len(again), len(docs))
	}
	for i, d := range docs {
		if got, want := described(t, again[i], true), described(t, asExtent(d), true); !slices.Equal(got, want) {
			t.Errorf("%s:\n got %q\nwant %q", d.ID, got, want)
		}
		if again[i].Text != d.Text || again[i].ID != d.ID || again[i].Title != d.Title || again[i].Meta.Source != d.Meta.Source {
			t.Errorf("%s: text, id, title or source changed", d.ID)
		}
	}
	for _, want := range []string{"discontinuous spans: ", "attributes: ", "notes: ", "statuses: "} {
		if !strings.Contains(loss.String(), want) {
			t.Errorf("loss %q: want %q", loss, want)
		}
	}
}

func TestProdigyReadErrors(t *testing.T) {
	tests := []struct{ name, in, where, what string }{
		{"no text", `{"spans":[]}`, "x.jsonl:1: ", `missing "text"`},
		{"answer", `{"text":"a","answer":"maybe"}`, "x.jsonl:1: ", `"answer" is "maybe", want accept, reject or ignore`},
		{"span past the end", "\n" + `{"text":"ab","meta":{"id":"d"},"spans":[{"start":0,"end":3,"label":"X"}]}`, "x.jsonl:2: ", `document "d": span 1: offsets 0..3 (codepoint) do not fit the text`},
		{"span text", `{"text":"ab","meta":{"id":"d"},"spans":[{"start":0,"end":1,"text":"b","label":"X"}]}`, "x.jsonl:1: ", `span 1: text "b" does not match the document's "a" at 0..1 (codepoint)`},
		{"UTF-16 text", `{"text":"😀 Kyiv said","meta":{"id":"d"},"spans":[{"start":3,"end":7,"text":"Kyiv","label":"X"}]}`, "x.jsonl:1: ", "it matches as utf16 offsets: read with --offsets utf16"},
		{"span without offsets", `{"text":"ab","spans":[{"label":"X"}]}`, "x.jsonl:1: ", `span 1: needs "start" and "end"`},
		{"token out of range", `{"text":"ab","tokens":[{"text":"ab","start":0,"end":2,"id":0}],"spans":[{"token_start":0,"token_end":3,"label":"X"}]}`, "x.jsonl:1: ", "span 1: no token 3 (the task has 1)"},
		{"relation without label", `{"text":"ab","tokens":[{"text":"ab","start":0,"end":2,"id":0}],"relations":[{"head":0,"child":0}]}`, "x.jsonl:1: ", `relation 1: missing "label"`},
		{"relation to no token", `{"text":"ab","tokens":[{"text":"ab","start":0,"end":2,"id":0}],"relations":[{"head":0,"child":4,"label":"r"}]}`, "x.jsonl:1: ", "relation 1 child: no token 4"},
		{"tokens not a list", `{"text":"ab","tokens":5}`, "x.jsonl:1: ", "field tokens: want a list, got a JSON number"},
		{"one input apart", "{\"text\":\"a\",\"_input_hash\":7,\"_annotator_id\":\"x\"}\n{\"text\":\"b\",\"_input_hash\":8}\n{\"text\":\"a\",\"_input_hash\":7,\"_annotator_id\":\"y\"}", "x.jsonl:3: ", `document id "input-7" already used on line 1: tasks of one input must follow one another; sort the file by _input_hash first`},
		{"same id", "{\"text\":\"a\",\"meta\":{\"id\":\"d\"}}\n{\"text\":\"b\",\"meta\":{\"id\":\"d\"}}", "x.jsonl:2: ", `document id "d" already used on line 1`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := tryRead(Prodigy(), "x.jsonl", []byte(tc.in), Options{})
			wantError(t, err, tc.where, tc.what)
		})
	}
}

// Tasks of one input are one document only when they are the same
// document: two documents with the same text stay two.
func TestProdigyMergesOnlyOneDocumentsTasks(t *testing.T) {
	in := `{"text":"same","meta":{"id":"a"},"_input_hash":1,"spans":[{"start":0,"end":4,"label":"X"}],"_annotator_id":"x"}
{"text":"same","meta":{"id":"a"},"_input_hash":1,"spans":[{"start":0,"end":4,"label":"X"}],"_annotator_id":"y"}
{"text":"same","meta":{"id":"b"},"_input_hash":1,"spans":[]}
`
	docs, _ := readWith(t, Prodigy(), "x.jsonl", []byte(in), Options{})
	if len(docs) != 2 || docs[0].ID != "a" || len(docs[0].Spans) != 2 || docs[1].ID != "b" {
		t.Errorf("read %d documents: %+v", len(docs), docs)
	}
}
