package format

import (
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"frametag/annotate"
	"frametag/annotate/schemes"
)

var ptcFixtures = os.DirFS("testdata/ptc")

func TestPTCReadsARelease(t *testing.T) {
	docs, loss, formats := readDocs(t, ptcFixtures, "", Options{}, "release")
	if !slices.Equal(formats, []string{"ptc"}) {
		t.Errorf("detected %v", formats)
	}
	var ids []string
	for _, d := range docs {
		ids = append(ids, d.ID)
	}
	if !slices.Equal(ids, []string{"111", "222", "333", "444", "555", "666"}) {
		t.Fatalf("ids %v", ids)
	}
	if loss.String() != "aggregate .labels files: 1 not read (the per-article label files were)" {
		t.Errorf("loss %q", loss)
	}
	want := []string{
		`propaganda/propaganda [{0 16}] "Globalist elites"`,
		`propaganda/propaganda [{73 87}] "traitors,\tsays"`,
		`technique/Black-and-White_Fallacy [{103 130}] "Only cowards would disagree"`,
		`technique/Doubt [{44 81}] "The so-called  “experts” are traitors"`,
		`technique/Flag-Waving [{142 152}] "America 🇺🇸"`,
		`technique/Loaded_Language [{73 81}] "traitors"`,
		`technique/Name_Calling,Labeling [{0 16}] "Globalist elites"`,
		`technique/Name_Calling,Labeling [{73 81}] "traitors"`,
		`technique/Slogans [{154 183}] "Make our country great again."`,
	}
	if keys := spanKeys(docs[0], true); !slices.Equal(keys, want) {
		t.Errorf("article111\n%s\nwant\n%s", strings.Join(keys, "\n"), strings.Join(want, "\n"))
	}
	if keys := spanKeys(docs[2], false); !strings.HasPrefix(docs[2].Text, "Windows line ends\r\n") ||
		!slices.Contains(keys, `Repetition [{36 61}] "again and again and again"`) {
		t.Errorf("article333 %q", keys)
	}
	if keys := spanKeys(docs[1], false); !slices.Contains(keys, `Whataboutism,Straw_Men,Red_Herring [{35 48}] "Запад молчит."`) {
		t.Errorf("article222 %q", keys)
	}
	if len(docs[5].Spans) != 0 {
		t.Errorf("article666 %v", docs[5].Spans)
	}
	// With the project's schema, techniques land in its technique layer.
	docs, _, _ = readDocs(t, ptcFixtures, "ptc", Options{Schema: schemes.PTC18()}, "release")
	if sp := docs[3].Spans[0]; sp.Layer != "technique" || sp.Label != "Obfuscation,Intentional_Vagueness,Confusion" {
		t.Errorf("article444 %+v", sp)
	}
}

// TestPTCUTF16: the 2019 pre-release counted UTF-16 units; read with them
// its spans cover exactly their text.
func TestPTCUTF16(t *testing.T) {
	docs, _, _ := readDocs(t, ptcFixtures, "", Options{Offsets: UTF16}, "utf16")
	if keys := spanKeys(docs[0], false); !slices.Equal(keys, []string{`Flag-Waving [{26 30}] "flag"`, `Loaded_Language [{35 48}] "the technique"`}) {
		t.Errorf("spans %q", keys)
	}
	if err := readErr(ptcFixtures, "", Options{}, "utf16"); err == nil || !strings.Contains(err.Error(), "past the text") {
		t.Errorf("UTF-16 units read as code points: %v", err)
	}
}

func TestPTCAggregateFile(t *testing.T) {
	docs, loss, _ := readDocs(t, ptcFixtures, "", Options{}, "aggregate")
	if len(docs) != 2 || !loss.Empty() {
		t.Fatalf("%d documents, loss %q", len(docs), loss)
	}
	if a, b := spanKeys(docs[0], false), spanKeys(docs[1], false); !slices.Equal(a, []string{`Doubt [{6 15}] "article 🌍"`}) || !slices.Equal(b, []string{`Loaded_Language [{16 23}] "Ünïcödé"`}) {
		t.Errorf("spans %q %q", a, b)
	}
}

// ptcRowsOf is a folder's label rows by article and kind, without their
// order or file names: what a PTC release says.
func ptcRowsOf(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	for _, f := range listFiles(t, dir) {
		m := ptcLabels.FindStringSubmatch(path.Base(f))
		if m == nil {
			continue
		}
		for l := range strings.Lines(mustRead(t, filepath.Join(dir, f))) {
			l = strings.TrimRight(l, "\r\n")
			kind := "SI"
			if strings.Count(l, "\t") == 3 {
				kind = "TC"
			}
			out[m[1]+" "+kind] = append(out[m[1]+" "+kind], l)
		}
	}
	for k := range out {
		slices.Sort(out[k])
	}
	return out
}

// TestPTCRoundTrip: a release → frametag → ptc holds the same texts and
// rows.
func TestPTCRoundTrip(t *testing.T) {
	docs, _, _ := readDocs(t, ptcFixtures, "ptc", Options{}, "release")
	out, res := writeDocs(t, PTC(), Options{}, docs)
	if !res.Loss.Empty() {
		t.Errorf("loss %q", res.Loss)
	}
	for _, d := range docs {
		if got := mustRead(t, filepath.Join(out, "article"+d.ID+".txt")); got != mustRead(t, "testdata/ptc/release/train-articles/article"+d.ID+".txt") {
			t.Errorf("article%s.txt changed", d.ID)
		}
	}
	in, again := ptcRowsOf(t, "testdata/ptc/release/train-labels"), ptcRowsOf(t, out)
	if len(in) != 7 {
		t.Fatalf("read %d kinds of rows", len(in))
	}
	for k := range in {
		if !slices.Equal(in[k], again[k]) {
			t.Errorf("%s: wrote\n%s\nwant\n%s", k, strings.Join(again[k], "\n"), strings.Join(in[k], "\n"))
		}
	}
	// And in the pre-release's UTF-16 units.
	docs, _, _ = readDocs(t, ptcFixtures, "ptc", Options{Offsets: UTF16}, "utf16")
	out, _ = writeDocs(t, PTC(), Options{Offsets: UTF16}, docs)
	if a, b := ptcRowsOf(t, "testdata/ptc/utf16"), ptcRowsOf(t, out); !slices.Equal(a["9001 TC"], b["9001 TC"]) {
		t.Errorf("UTF-16 rows %q, want %q", b, a)
	}
}

// TestPTCFromNative: frametag → ptc → frametag keeps every span's label
// and text (a discontinuous one as its fragments) and says what it drops.
func TestPTCFromNative(t *testing.T) {
	docs := unicodeDocs(t)
	out, res := writeDocs(t, PTC(), Options{}, docs)
	for _, kind := range []string{"relations: ", "attributes: ", "notes: ", "document labels: ", "statuses: ", "annotators: ",
		"discontinuous spans: 2 written as one row per fragment", "spans of several layers: "} {
		if !strings.Contains(res.Loss.String(), kind) {
			t.Errorf("loss %q does not say %q", res.Loss, kind)
		}
	}
	if files := listFiles(t, out); !slices.Contains(files, "articleuni-emoji.txt") || !slices.Contains(files, "articleplain.labels") {
		t.Errorf("files %v", files)
	}
	again, _, _ := readDocs(t, os.DirFS(out), "ptc", Options{}, ".")
	back := byDocID(again)
	for _, d := range docs {
		b := back[d.ID]
		if b.Text != d.Text {
			t.Errorf("%s: text changed", d.ID)
		}
		var want []string
		for _, sp := range d.Spans {
			for _, f := range sp.Fragments {
				want = append(want, spanKey(d, annotate.Span{Label: sp.Label, Fragments: []annotate.Fragment{f}}, false))
			}
		}
		slices.Sort(want)
		if got := spanKeys(b, false); !slices.Equal(got, want) {
			t.Errorf("%s: spans\n%s\nwant\n%s", d.ID, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

func TestPTCToSemEval2023(t *testing.T) {
	m, ok := BuiltinMap(PTCToSemEval2023)
	if !ok || !slices.Contains(BuiltinMaps(), PTCToSemEval2023) {
		t.Fatal("no built-in map ptc-to-semeval2023")
	}
	def := schemes.Default()
	tech, _ := def.Layer("technique")
	for _, s := range []annotate.Schema{schemes.PTC18(), schemes.PTC14()} {
		for _, l := range s.Layers[0].Labels {
			to, ok := m[l.Name]
			if !ok {
				t.Errorf("%s: %s not mapped", s.Name, l.Name)
			} else if _, ok := tech.Label(to); !ok {
				t.Errorf("%s → %s, not a technique of the default schema", l.Name, to)
			}
		}
	}
	docs, _, _ := readDocs(t, ptcFixtures, "ptc", Options{Labels: m}, "release")
	if keys := spanKeys(docs[0], false); !slices.Contains(keys, `Name_Calling-Labeling [{0 16}] "Globalist elites"`) ||
		!slices.Contains(keys, `False_Dilemma-No_Choice [{103 130}] "Only cowards would disagree"`) {
		t.Errorf("mapped %q", keys)
	}
	if _, ok := BuiltinMap("nope"); ok {
		t.Error("an unknown map found")
	}
}

func TestPTCErrors(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{"columns", map[string]string{"c/article1.labels": "1\tDoubt\t0\n1 Doubt 0 4\n"}, "c/article1.labels:2: want 4 TAB-separated columns (id, technique, start, end) or 3 (id, start, end), found 1"},
		{"another article's row", map[string]string{"c/article1.labels": "2\tDoubt\t0\t4\n"}, `c/article1.labels:1: the row is for article "2", the file for 1`},
		{"bad offset", map[string]string{"c/article1.labels": "1\tDoubt\t-1\t4\n"}, `c/article1.labels:1: start: offset "-1" is not a whole number`},
		{"past the end", map[string]string{"c/article1.labels": "\n1\tDoubt\t0\t40\n"}, "c/article1.labels:2: fragment 0: end 40 is past the text's 9 code points (article1.txt has 9 code points)"},
		{"no technique", map[string]string{"c/article1.labels": "1\t\t0\t4\n"}, "c/article1.labels:1: the technique column is empty"},
		{"labels alone", map[string]string{"c/article2.labels": ""}, "c/article2.labels: there is no article2.txt"},
		{"an article twice", map[string]string{"c/sub/article1.txt": "again"}, "c/sub/article1.txt: article 1 is also c/article1.txt"},
		{"half a surrogate pair", map[string]string{"c/article1.labels": "1\tDoubt\t0\t1\n"}, "c/article1.labels:1: end: offset 1 (utf16)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"c/article1.txt": {Data: []byte("😀 a text.")}}
			for k, v := range tt.files {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			opt := Options{}
			if strings.Contains(tt.name, "surrogate") {
				opt.Offsets = UTF16
			}
			err := readErr(fsys, "ptc", opt, "c")
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func FuzzPTCLabels(f *testing.F) {
	for _, p := range []string{"testdata/ptc/release/train-labels/article111.task-flc-tc.labels", "testdata/ptc/release/train-labels/article111.task-si.labels"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	text, _ := os.ReadFile("testdata/ptc/release/train-articles/article111.txt")
	f.Fuzz(func(t *testing.T, labels []byte) {
		fsys := fstest.MapFS{"c/article111.txt": {Data: text}, "c/article111.labels": {Data: labels}}
		for _, unit := range []Unit{CodePoints, UTF16} {
			r, err := All().Read(NewInput(fsys, "c"), "ptc", Options{Offsets: unit})
			if err != nil {
				t.Fatal(err)
			}
			for rec, err := range r.Records() {
				if err != nil {
					break
				}
				checkOffsets(t, []annotate.AnnotatedDoc{rec.Doc})
				enc := PTC().FolderWriter.NewFolderEncoder(discardFolder{}, Options{Offsets: unit}, new(Loss))
				if err := enc.Encode(rec.Doc); err != nil {
					t.Fatalf("read but cannot be written: %v", err)
				}
			}
		}
	})
}
