package format

import (
	"fmt"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"frametag/annotate"
)

// writeFolderWith writes docs in folder format f into memory and returns
// the files by name.
func writeFolderWith(t testing.TB, f Format, docs []annotate.AnnotatedDoc, opt Options) (map[string][]byte, Loss) {
	t.Helper()
	fsys := fstest.MapFS{}
	var loss Loss
	enc := f.FolderWriter.NewFolderEncoder(mapFolder{fs: fsys, root: "out"}, opt.resolve(f), &loss)
	for _, d := range docs {
		if err := enc.Encode(d); err != nil {
			t.Fatalf("write %s as %s: %v", d.ID, f.Name, err)
		}
	}
	if err := enc.Flush(); err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for name, file := range fsys {
		out[strings.TrimPrefix(name, "out/")] = file.Data
	}
	return out, loss
}

func TestWebAnnoReadsINCEpTIONFiles(t *testing.T) {
	tests := []struct {
		file, text string
		want       []string
		loss       string
	}{
		{"inception.tsv",
			"Family 👨\u200d👩\u200d👧\u200d👦 in Kyiv 🇺🇦 met José́  Ramírez.\n Офіційно:\t«зачем?» said Путин 👍🏿 [sic] a|b_c\\d.",
			[]string{`Claim/Appeal_to_Fear-Prejudice "«зачем?» said Путин"`, `NamedEntity/GPE "Kyiv 🇺🇦"`,
				`NamedEntity/GROUP "Family 👨‍👩‍👧‍👦"`, `NamedEntity/LOC "Kyiv"`, `NamedEntity/ORG "Офіц"`,
				`NamedEntity/Odd_one|[x] "a|b_c\d"`, `NamedEntity/PER "José́  Ramírez"`, `NamedEntity/PER "Путин"`,
				`addresses: PER "Путин" → PER "José́  Ramírez"`, `located_in: GPE "Kyiv 🇺🇦" → GROUP "Family 👨‍👩‍👧‍👦"`},
			"coreference chain annotations: 1 dropped (not read); features other than the label: 1 dropped (not read)"},
		{"crlf.tsv", "Ελλάδα -> Україна;\tok.\r\n🏳️\u200d🌈  flags 🇪🇺🇺🇦 end",
			[]string{`Technique/A->B "Ελλάδα -> Україна"`, `Technique/EU "🇪🇺🇺🇦"`, `Technique/Pride "🏳️‍🌈"`, `Technique/x;y "Україна"`}, ""},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/webanno/" + tc.file)
			if err != nil {
				t.Fatal(err)
			}
			docs, loss := readWith(t, WebAnno(), tc.file, data, Options{})
			if len(docs) != 1 {
				t.Fatalf("%d documents, want 1", len(docs))
			}
			d := docs[0]
			if d.Text != tc.text {
				t.Errorf("text %q\nwant %q", d.Text, tc.text)
			}
			if got := texts(t, d); !slices.Equal(got, tc.want) {
				t.Errorf("\n got %q\nwant %q", got, tc.want)
			}
			if loss.String() != tc.loss {
				t.Errorf("loss %q, want %q", loss, tc.loss)
			}
			if d.ID != strings.TrimSuffix(tc.file, ".tsv") {
				t.Errorf("id %q", d.ID)
			}
		})
	}
}

// webannoExtents lists what a TSV file's annotations are in its own
// offsets: `layer label begin-end` for spans, `rel type src → tgt`.
func webannoExtents(t *testing.T, name string, data []byte) []string {
	t.Helper()
	docs, _ := readWith(t, WebAnno(), name, data, Options{Offsets: UTF16})
	d := docs[0]
	ix := annotate.NewTextIndex(d.Text)
	at := map[string]string{}
	var out []string
	for _, sp := range d.Spans {
		b, _ := ix.UTF16(sp.Start())
		e, _ := ix.UTF16(sp.End())
		at[sp.ID] = fmt.Sprintf("%s %d-%d", sp.Label, b, e)
		out = append(out, fmt.Sprintf("span %s %s", sp.Layer, at[sp.ID]))
	}
	for _, r := range d.Relations {
		out = append(out, fmt.Sprintf("rel %s %s → %s", r.Type, at[r.From], at[r.To]))
	}
	sort.Strings(out)
	return out
}

// Each fixture → native → WebAnno again: the same annotations at the same
// UTF-16 offsets over the same text.
func TestWebAnnoRoundTrip(t *testing.T) {
	for _, file := range []string{"inception.tsv", "crlf.tsv"} {
		t.Run(file, func(t *testing.T) {
			data, err := os.ReadFile("testdata/webanno/" + file)
			if err != nil {
				t.Fatal(err)
			}
			docs, _ := readWith(t, WebAnno(), file, data, Options{})
			files, loss := writeFolderWith(t, WebAnno(), docs, Options{})
			name := strings.TrimSuffix(file, ".tsv") + ".tsv"
			written, ok := files[name]
			if !ok || len(files) != 1 {
				t.Fatalf("files %v, want %s", slices.Collect(mapKeys(files)), name)
			}
			if want, got := webannoExtents(t, file, data), webannoExtents(t, name, written); !slices.Equal(got, want) {
				t.Errorf("written again:\n got %q\nwant %q\n%s", got, want, written)
			}
			if strings.Contains(loss.String(), "relations") || strings.Contains(loss.String(), "discontinuous") {
				t.Errorf("loss %s", loss)
			}
			if !strings.HasPrefix(string(written), "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.") {
				t.Errorf("header:\n%s", written)
			}
			again, _ := readWith(t, WebAnno(), name, written, Options{})
			if again[0].Text != docs[0].Text {
				t.Errorf("text %q, want %q", again[0].Text, docs[0].Text)
			}
		})
	}
}

func mapKeys(m map[string][]byte) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

// The native corpus through WebAnno and back: identical text, every span
// as its extent in its layer, relations within a layer; the rest counted.
func TestNativeThroughWebAnno(t *testing.T) {
	docs := nativeCorpus(t)
	schema := schemaOf(docs)
	files, loss := writeFolderWith(t, WebAnno(), docs, Options{Schema: schema})
	if len(files) != len(docs) {
		t.Fatalf("%d files for %d documents", len(files), len(docs))
	}
	names := folderNames{}
	var discontinuous, crossing, labels int
	for _, d := range docs {
		name := names.stem(d.ID, false) + ".tsv"
		again, _ := readWith(t, WebAnno(), name, files[name], Options{Schema: schema})
		a := again[0]
		if a.Text != d.Text {
			t.Errorf("%s: text changed:\n%q\n%q", d.ID, a.Text, d.Text)
		}
		want := withoutAnnotators(asExtent(d))
		layerOf := map[string]string{}
		for _, sp := range d.Spans {
			layerOf[sp.ID] = sp.Layer
			if sp.Discontinuous() {
				discontinuous++
			}
		}
		want.Relations = slices.DeleteFunc(slices.Clone(want.Relations), func(r annotate.Relation) bool {
			if layerOf[r.From] != layerOf[r.To] {
				crossing++
				return true
			}
			return false
		})
		labels += len(want.Labels)
		want.Labels = nil
		if got, w := described(t, a, true), described(t, want, true); !slices.Equal(got, w) {
			t.Errorf("%s:\n got %q\nwant %q", d.ID, got, w)
		}
	}
	for _, w := range []string{
		fmt.Sprintf("discontinuous spans: %d written as their extent", discontinuous),
		fmt.Sprintf("relations: %d dropped (between spans of different layers", crossing),
		fmt.Sprintf("document labels: %d dropped", labels),
		"attributes: ", "statuses: ",
	} {
		if !strings.Contains(loss.String(), w) {
			t.Errorf("loss %q: want %q", loss, w)
		}
	}
}

func TestWebAnnoReadErrors(t *testing.T) {
	const head = "#FORMAT=WebAnno TSV 3.3\n#T_SP=webanno.custom.X|label\n#T_RL=webanno.custom.R|label|BT_webanno.custom.X\n\n\n#Text=ab cd\n"
	tests := []struct{ name, in, where, what string }{
		{"no format", "#T_SP=a|b\n", "x.tsv:1: ", "want #FORMAT=WebAnno TSV 3.3 first"},
		{"empty", "", "x.tsv:1: ", "the file is empty"},
		{"other version", "#FORMAT=WebAnno TSV 2\n", "x.tsv:1: ", `format "WebAnno TSV 2"`},
		{"bad base", "#FORMAT=WebAnno TSV 3.3\n#T_RL=a.R|l|BT_a.Y\n", "x.tsv:2: ", "its span layer a.Y is not declared"},
		{"no BT", "#FORMAT=WebAnno TSV 3.3\n#T_RL=a.R|l\n", "x.tsv:2: ", "BT_<type>"},
		{"columns", head + "1-1\t0-2\tab\t_\t\n", "x.tsv:7: ", "5 columns, want 6"},
		{"token id", head + "1\t0-2\tab\t_\t_\t_\t\n", "x.tsv:7: ", "token id \"1\""},
		{"offsets", head + "1-1\t0:2\tab\t_\t_\t_\t\n", "x.tsv:7: ", "offsets \"0:2\""},
		{"past the end", head + "1-1\t0-2\tab\t_\t_\t_\t\n1-2\t3-9\tcd\t_\t_\t_\t\n", "x.tsv:8: ", "token 1-2: offsets 3..9 (utf16) do not fit the text"},
		{"wrong token", head + "1-1\t0-2\tab\t_\t_\t_\t\n1-2\t3-5\tzz\t_\t_\t_\t\n", "x.tsv:8: ", `text "zz" does not match the document's "cd"`},
		{"token before text", "#FORMAT=WebAnno TSV 3.3\n1-1\t0-1\ta\t\n", "x.tsv:2: ", "before the first #Text= line"},
		{"stacks differ", "#FORMAT=WebAnno TSV 3.3\n#T_SP=a.X|f|g\n\n#Text=ab\n1-1\t0-2\tab\tA|B\tC\t\n", "x.tsv:5: ", "2 stacked annotations in one column, 1 in another"},
		{"id label", head + "1-1\t0-2\tab\tA[1]\t_\t_\t\n1-2\t3-5\tcd\tB[1]\t_\t_\t\n", "x.tsv:8: ", "annotation [1] is \"B\" here and \"A\" on line 7"},
		{"relation source", head + "1-1\t0-2\tab\tA\t_\t_\t\n1-2\t3-5\tcd\tB\tr\t1-7\t\n", "x.tsv:8: ", "the relation's source 1-7 is no token"},
		{"relation id", head + "1-1\t0-2\tab\tA\t_\t_\t\n1-2\t3-5\tcd\tB\tr\t1-1[3_0]\t\n", "x.tsv:8: ", "the relation's source [3] is no annotation"},
		{"relation target", head + "1-1\t0-2\tab\tA\t_\t_\t\n1-2\t3-5\tcd\t_\tr\t1-1\t\n", "x.tsv:8: ", "the relation's target at 1-2 is no annotation"},
		{"overlapping sentences", head + "1-1\t0-2\tab\t_\t_\t_\t\n\n#Text=x\n2-1\t1-2\tx\t_\t_\t_\t\n", "x.tsv:9: ", "inside the sentence before it"},
		{"not UTF-8", head + "1-1\t0-2\t\xff\t_\t_\t_\t\n", "x.tsv:7: ", "not valid UTF-8"},
		{"layer late", head + "1-1\t0-2\tab\t_\t_\t_\t\n#T_SP=a.B|x\n", "x.tsv:8: ", "a layer declared after the first sentence"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := tryRead(WebAnno(), "x.tsv", []byte(tc.in), Options{})
			wantError(t, err, tc.where, tc.what)
		})
	}
}

// Offsets in other units read and write the same spans.
func TestWebAnnoUnits(t *testing.T) {
	docs := nativeCorpus(t)[:1]
	for _, u := range []Unit{CodePoints, UTF16, Bytes} {
		files, _ := writeFolderWith(t, WebAnno(), docs, Options{Offsets: u})
		for name, data := range files {
			again, _ := readWith(t, WebAnno(), name, data, Options{Offsets: u})
			spansOnly := func(l []string) []string {
				return slices.DeleteFunc(l, func(s string) bool { return !strings.HasPrefix(s, "span ") })
			}
			if got, want := described(t, again[0], false), spansOnly(described(t, withoutAnnotators(asExtent(docs[0])), false)); again[0].Text != docs[0].Text || !slices.Equal(got, want) {
				t.Errorf("%s: got %q\nwant %q", u, got, want)
			}
		}
	}
}

func FuzzWebAnnoReader(f *testing.F) {
	files, _ := os.ReadDir("testdata/webanno")
	for _, file := range files {
		data, err := os.ReadFile("testdata/webanno/" + file.Name())
		if err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("#FORMAT=WebAnno TSV 3.3\n#T_SP=a.X|l\n#T_RL=a.R|l|BT_a.X\n\n#Text=😀 b\n1-1\t0-2\t😀\tA[1]\t_\t_\n1-1.1\t0-2\t😀\tB\tr\t1-1[1_0]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := Options{}.resolve(WebAnno())
		for rec, err := range WebAnno().FileReader.ReadFile("fuzz", strings.NewReader(string(data)), opt, new(Loss)) {
			if err != nil {
				return
			}
			d := rec.Doc
			ix := annotate.NewTextIndex(d.Text)
			for _, sp := range d.Spans {
				if err := annotate.CheckFragments(sp.Fragments, ix.Len()); err != nil {
					t.Fatalf("accepted a span outside its text: %v", err)
				}
			}
			if _, err := webannoDocument(d, opt, new(Loss)); err != nil {
				t.Fatalf("an accepted document cannot be written: %v", err)
			}
		}
	})
}
