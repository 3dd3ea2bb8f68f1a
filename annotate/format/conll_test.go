package format

import (
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"frametag/annotate"
)

func TestCoNLLReads(t *testing.T) {
	tests := []struct {
		file  string
		texts []string
		want  [][]string
		loss  string
	}{
		{"bio.conll", []string{
			"Family 👨\u200d👩\u200d👧\u200d👦 in Kyiv 🇺🇦 met José́ Ramírez .\nОфіційно : « зачем ? » said Путин 👍🏿",
			"🏳️\u200d🌈 flags 🇪🇺 🇺🇦 end"},
			[][]string{
				{`imported_1/GPE "Kyiv 🇺🇦"`, `imported_1/GROUP "Family 👨‍👩‍👧‍👦"`, `imported_1/ORG "Офіційно"`, `imported_1/PER "José́ Ramírez"`,
					`imported_1/PER "Путин"`, `imported_2/Appeal_to_Fear-Prejudice "« зачем ? »"`, `imported_2/Loaded_Language "José́ Ramírez"`},
				{`imported_1/GPE "🇪🇺"`, `imported_1/GPE "🇺🇦"`, `imported_1/SYM "🏳️‍🌈"`, `imported_2/Doubt "flags 🇪🇺 🇺🇦"`},
			}, ""},
		{"conll2003.conll", []string{
			"EU rejects German call to boycott British lamb .\nPeter Blackburn",
			"Ελλάδα Україна Москва"},
			[][]string{
				{`imported_1/NP "EU"`, `imported_1/NP "German call"`, `imported_1/NP "British lamb"`, `imported_1/NP "Peter Blackburn"`,
					`imported_1/VP "rejects"`, `imported_1/VP "to boycott"`,
					`imported_2/MISC "British"`, `imported_2/MISC "German"`, `imported_2/ORG "EU"`, `imported_2/PER "Peter Blackburn"`},
				{`imported_1/NP "Ελλάδα Україна Москва"`, `imported_2/LOC "Ελλάδα"`, `imported_2/LOC "Україна Москва"`},
			}, "columns that are not BIO tags: 2 dropped (not read)"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/conll/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			docs, loss := readWith(t, CoNLL(), tc.file, data, Options{})
			if len(docs) != len(tc.want) {
				t.Fatalf("%d documents, want %d", len(docs), len(tc.want))
			}
			for i, d := range docs {
				if d.Text != tc.texts[i] {
					t.Errorf("text %q\nwant %q", d.Text, tc.texts[i])
				}
				want := slices.Clone(tc.want[i])
				slices.Sort(want)
				if got := texts(t, d); !slices.Equal(got, want) {
					t.Errorf("document %d:\n got %q\nwant %q", i, got, want)
				}
			}
			if loss.String() != tc.loss {
				t.Errorf("loss %q, want %q", loss, tc.loss)
			}
		})
	}
}

// The fixture in frametag's own shape, read and written again, is the
// same file (its byte order mark aside).
func TestCoNLLRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/conll/bio.conll")
	if err != nil {
		t.Fatal(err)
	}
	docs, _ := readWith(t, CoNLL(), "bio.conll", data, Options{})
	written, loss := writeWith(t, CoNLL(), docs, Options{Schema: schemaOf(docs)})
	if want := strings.TrimPrefix(string(data), "\ufeff"); string(written) != want {
		t.Errorf("written again:\n%s\nwant\n%s", written, want)
	}
	if strings.Contains(loss.String(), "spans") {
		t.Errorf("loss %s", loss)
	}
}

// The native corpus through CoNLL and back: each span BIO holds comes back
// with its label over the same words (tokens come back joined by spaces);
// each it cannot hold is counted.
func TestNativeThroughCoNLL(t *testing.T) {
	docs := nativeCorpus(t)
	schema := schemaOf(docs)
	written, loss := writeWith(t, CoNLL(), docs, Options{Schema: schema})
	again, _ := readWith(t, CoNLL(), "written.conll", written, Options{Schema: schema})
	if len(again) != len(docs) {
		t.Fatalf("%d documents back, want %d", len(again), len(docs))
	}
	back, total := 0, 0
	for i, d := range docs {
		words := func(doc annotate.AnnotatedDoc) []string {
			ix := annotate.NewTextIndex(doc.Text)
			var out []string
			for _, sp := range doc.Spans {
				s, _ := ix.Slice(sp.Start(), sp.End())
				out = append(out, fmt.Sprintf("%s/%s %q", sp.Layer, sp.Label, strings.Join(strings.Fields(s), "")))
			}
			return out
		}
		orig := words(d)
		total += len(orig)
		for _, w := range words(again[i]) {
			if !slices.Contains(orig, w) {
				t.Errorf("%s: %s is no span of the original %q", d.ID, w, orig)
			}
			back++
		}
		if got, want := strings.Fields(again[i].Text), strings.Fields(d.Text); strings.Join(got, "") != strings.Join(want, "") {
			t.Errorf("%s: the words changed:\n%q\n%q", d.ID, got, want)
		}
	}
	dropped := 0
	for _, it := range loss.Items() {
		if strings.Contains(it.Kind, "spans") {
			dropped += it.Count
		}
	}
	if back+dropped != total || back == 0 {
		t.Errorf("%d spans back and %d counted as dropped, of %d; loss %s", back, dropped, total, loss)
	}
	for _, want := range []string{"discontinuous spans: ", "relations: ", "document labels: "} {
		if !strings.Contains(loss.String(), want) {
			t.Errorf("loss %q: want %q", loss, want)
		}
	}
}

// Overlaps in one layer, discontinuous spans and spans off the tokens are
// left out and counted; the rest written.
func TestCoNLLCountsWhatBIOCannotHold(t *testing.T) {
	sp := func(id, layer, label string, frags ...int) annotate.Span {
		s := annotate.Span{ID: id, Layer: layer, Label: label}
		for i := 0; i < len(frags); i += 2 {
			s.Fragments = append(s.Fragments, annotate.Fragment{Start: frags[i], End: frags[i+1]})
		}
		return s
	}
	d := annotate.AnnotatedDoc{Document: annotate.Document{ID: "d", Text: "Путин met 👨‍👩‍👧‍👦 today"},
		Spans: []annotate.Span{
			sp("a", "x", "A", 0, 9),         // Путин met
			sp("b", "x", "B", 6, 9),         // met: inside a, same layer
			sp("c", "y", "C", 6, 9),         // met: another layer, kept
			sp("d", "x", "D", 0, 5, 10, 17), // discontinuous
			sp("e", "y", "E", 1, 5),         // not on a token's start
		}}
	out, loss := writeWith(t, CoNLL(), []annotate.AnnotatedDoc{d}, Options{})
	want := "-DOCSTART-\tO\tO\n\nПутин\tB-A\tO\nmet\tI-A\tB-C\n👨‍👩‍👧‍👦\tO\tO\ntoday\tO\tO\n\n"
	if string(out) != want {
		t.Errorf("written\n%q\nwant\n%q", out, want)
	}
	for _, w := range []string{"overlapping spans in one layer: 1 dropped", "discontinuous spans: 1 dropped", "spans not on token boundaries: 1 dropped"} {
		if !strings.Contains(loss.String(), w) {
			t.Errorf("loss %q: want %q", loss, w)
		}
	}
}

func TestCoNLLReadErrors(t *testing.T) {
	tests := []struct{ name, in, where, what string }{
		{"columns", "a\tO\nb\tO\tO\n", "x.conll:2: ", "3 columns, want 2 as on line 1"},
		{"not UTF-8", "a\tO\n\xff\tO\n", "x.conll:2: ", "not valid UTF-8"},
		{"no token", "\tO\n", "x.conll:1: ", "a row without a token"},
		{"CR", "a\tB-x\ry\n", "x.conll:1: ", "a carriage return inside the line"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := tryRead(CoNLL(), "x.conll", []byte(tc.in), Options{})
			wantError(t, err, tc.where, tc.what)
		})
	}
}

func FuzzCoNLLReader(f *testing.F) {
	fuzzReader(f, CoNLL(), "conll", "-DOCSTART-\tO\n\na\tB-X\nb\tI-Y\n\nc\tE-X\n", "x y I-A\r\nz w S-B")
}
