package format

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"frametag/annotate"
	"frametag/annotate/schemes"
)

var bratFixtures = os.DirFS("testdata/brat")

func TestBratReadsAFolder(t *testing.T) {
	docs, loss, formats := readDocs(t, bratFixtures, "", Options{}, "clean")
	if !slices.Equal(formats, []string{"brat"}) {
		t.Errorf("detected %v, want brat", formats)
	}
	if !loss.Empty() {
		t.Errorf("loss %q", loss)
	}
	got := byDocID(docs)
	if len(docs) != 2 || got["uk"].ID == "" || got["sub/crlf"].ID == "" {
		t.Fatalf("documents %v", slices.Collect(func(yield func(string) bool) {
			for _, d := range docs {
				yield(d.ID)
			}
		}))
	}
	uk := got["uk"]
	want := []string{
		`actor/GPE [{0 4}] "Київ"`,
		`actor/GROUP [{57 69}] "Family 👩\u200d👩\u200d👧"`,
		`actor/PERSON [{136 139}] "Ана"`,
		`actor/PERSON [{44 54}] "Зеленський"`,
		`actor/PERSON [{81 94}] "José́ Ramírez"`,
		`claim/Claim [{20 34}] "ми не визнаємо"`,
		`claim/Claim [{57 78} {108 121}] "Family 👩\u200d👩\u200d👧 reunited … said  “never”"`,
		`claim/Claim [{87 100}] "Ramírez\twaved"`,
		`technique/Loaded_Language [{14 22}] "🇺🇦 — «ми"`,
	}
	if keys := spanKeys(uk, true); !slices.Equal(keys, want) {
		t.Errorf("spans\n%s\nwant\n%s", strings.Join(keys, "\n"), strings.Join(want, "\n"))
	}
	spans := map[string]annotate.Span{}
	for _, sp := range uk.Spans {
		spans[sp.ID] = sp
	}
	if a := spans["T2"].Attrs; !a.Equal(annotate.Attrs{"checkworthy": "yes", "Negation": true}) {
		t.Errorf("T2 attrs %v", a)
	}
	if n := spans["T5"].Note; n != "combining marks: e + U+0301 + U+0301" {
		t.Errorf("T5 note %q", n)
	}
	if rels := relationKeys(uk); len(rels) != 2 || rels[0] != `attributed_to: Claim [{20 34}] "ми не визнаємо" → PERSON [{44 54}] "Зеленський"` {
		t.Errorf("relations %q", rels)
	}
	crlf := got["sub/crlf"]
	if !strings.HasPrefix(crlf.Text, "\uFEFFHeadline with BOM\r\n") || crlf.Title != "Headline with BOM" {
		t.Errorf("text %q, title %q: want the bytes verbatim", crlf.Text[:20], crlf.Title)
	}
	if keys := spanKeys(crlf, false); !slices.Contains(keys, `Claim [{1 9}] "Headline"`) ||
		!slices.Contains(keys, `Loaded_Language [{43 57}] "ні\".\r\nA second"`) ||
		!slices.Contains(keys, `Claim [{29 46}] "сказав 🤷🏾\u200d♀️ \"ні\""`) {
		t.Errorf("crlf spans %q", keys)
	}
}

// TestBratQuirks: what real corpora hold reads by the offsets, and what
// frametag cannot hold is counted.
func TestBratQuirks(t *testing.T) {
	docs, loss, _ := readDocs(t, bratFixtures, "brat", Options{}, "quirks")
	got := byDocID(docs)
	if len(docs) != 3 || len(got["empty"].Spans) != 0 || len(got["noann"].Spans) != 0 {
		t.Fatalf("read %d documents", len(docs))
	}
	q := got["q"]
	spans := map[string]annotate.Span{}
	for _, sp := range q.Spans {
		spans[sp.ID] = sp
		if sp.Layer != DefaultLayer {
			t.Errorf("%s in layer %q without a conf", sp.ID, sp.Layer)
		}
	}
	if k := spanKey(q, spans["T3"], false); k != `Content [{8 17} {27 34}] "\"we will\" … \"never\""` {
		t.Errorf("T3 %s", k)
	}
	if k := spanKey(q, spans["T6"], false); k != `Filler [{18 26}] "go,\tthen"` {
		t.Errorf("T6 %s", k)
	}
	if a := spans["T4"].Attrs; !a.Equal(annotate.Attrs{"Confidence": "high"}) || spans["T4"].Note != "the whole attribution" {
		t.Errorf("the event's attribute and note on its trigger: %v %q", a, spans["T4"].Note)
	}
	if a := spans["T3"].Attrs; !a.Equal(annotate.Attrs{"Speculation": true}) {
		t.Errorf("M line: %v", a)
	}
	var rels []string
	for _, r := range q.Relations {
		rels = append(rels, r.ID+" "+r.Type+" "+r.From+"→"+r.To)
	}
	sort.Strings(rels)
	want := []string{"E1-1 Content T4→T3", "E1-2 Cue T4→T2", "E1-3 Source T4→T1", "R1 source_of T5→T4"}
	if !slices.Equal(rels, want) {
		t.Errorf("relations %q, want %q", rels, want)
	}
	wantLoss := []string{
		"span texts: 2 differ from the text at their offsets (the offsets were kept)",
		"events: 2 read as their trigger span and a relation from it per argument",
		"equivalences (*): 1 dropped (frametag has none)",
		"normalisations (N): 1 dropped (frametag has none)",
		"attributes: 1 dropped (on relations or notes: frametag holds attributes on spans)",
		"notes: 1 dropped (on relations or other notes: frametag holds notes on spans)",
	}
	if l := strings.Split(loss.String(), "; "); !slices.Equal(l, wantLoss) {
		t.Errorf("loss\n%s\nwant\n%s", strings.Join(l, "\n"), strings.Join(wantLoss, "\n"))
	}
}

// bratLines is a .ann file's annotations in a form that does not depend on
// the order of lines or the ids of attributes and notes.
func bratLines(t *testing.T, p string) []string {
	t.Helper()
	var out []string
	for l := range strings.Lines(mustRead(t, p)) {
		l = strings.TrimRight(l, "\r\n")
		if l == "" {
			continue
		}
		if l[0] == 'A' || l[0] == '#' {
			_, rest, _ := strings.Cut(l, "\t")
			l = l[:1] + "\t" + rest
		}
		out = append(out, l)
	}
	sort.Strings(out)
	return out
}

// TestBratRoundTrip: brat → frametag → brat writes the same texts and
// the same annotations.
func TestBratRoundTrip(t *testing.T) {
	docs, _, _ := readDocs(t, bratFixtures, "brat", Options{}, "clean")
	out, res := writeDocs(t, Brat(), Options{}, docs)
	if res.Documents != 2 || res.Spans != 13 || !res.Loss.Empty() && res.Loss.String() != "span texts: 1 with line breaks written on one line in the .ann (the offsets are exact)" {
		t.Errorf("result %+v, loss %q", res.Counts, res.Loss)
	}
	files := listFiles(t, out)
	if want := []string{"annotation.conf", "sub/crlf.ann", "sub/crlf.txt", "uk.ann", "uk.txt"}; !slices.Equal(files, want) {
		t.Fatalf("wrote %v", files)
	}
	for _, name := range []string{"uk", "sub/crlf"} {
		in, written := filepath.Join("testdata/brat/clean", name), filepath.Join(out, name)
		if mustRead(t, in+".txt") != mustRead(t, written+".txt") {
			t.Errorf("%s.txt changed", name)
		}
		if a, b := bratLines(t, in+".ann"), bratLines(t, written+".ann"); !slices.Equal(a, b) {
			t.Errorf("%s.ann\n%s\nwant\n%s", name, strings.Join(b, "\n"), strings.Join(a, "\n"))
		}
	}
	conf := mustRead(t, filepath.Join(out, "annotation.conf"))
	if !containsAll(conf, "[entities]\n", "!actor\n\tPERSON\n\tGPE\n", "!claim\n\tClaim\n", "[relations]\n", "attributed_to\tArg1:Claim, Arg2:PERSON\n",
		"[attributes]\n", "checkworthy\tArg:Claim, Value:yes\n", "Negation\tArg:Claim\n") {
		t.Errorf("annotation.conf:\n%s", conf)
	}
	again, _, _ := readDocs(t, os.DirFS(out), "", Options{}, ".")
	for i := range docs {
		if a, b := spanKeys(docs[i], true), spanKeys(again[i], true); !slices.Equal(a, b) {
			t.Errorf("%s: read back\n%s\nwant\n%s", docs[i].ID, strings.Join(b, "\n"), strings.Join(a, "\n"))
		}
	}
}

// TestBratFromNative: frametag → brat → frametag keeps every span with its
// layer and text, relations, notes and attributes; it says what brat
// cannot hold.
func TestBratFromNative(t *testing.T) {
	docs := unicodeDocs(t)
	schema := defaultSchema()
	out, res := writeDocs(t, Brat(), Options{Schema: schema}, docs)
	for _, kind := range []string{"document labels: ", "statuses: ", "annotators: ", "titles and metadata: ", "attribute values: "} {
		if !strings.Contains(res.Loss.String(), kind) {
			t.Errorf("loss %q does not say %q", res.Loss, kind)
		}
	}
	conf := mustRead(t, filepath.Join(out, "annotation.conf"))
	if !containsAll(conf, "!actor\n\tPERSON\n", "attributed_to\tArg1:Claim, Arg2:PERSON|ORG|GPE|NORP|GROUP\n", "kind\tArg:Claim, Value:statistic|event|prediction|law_or_procedure|") {
		t.Errorf("annotation.conf:\n%s", conf)
	}
	again, _, _ := readDocs(t, os.DirFS(out), "brat", Options{Schema: schema}, ".")
	back := byDocID(again)
	for _, d := range docs {
		b := back[d.ID]
		if b.Text != d.Text {
			t.Errorf("%s: text changed", d.ID)
		}
		if x, y := spanKeys(d, true), spanKeys(b, true); !slices.Equal(x, y) {
			t.Errorf("%s: spans\n%s\nwant\n%s", d.ID, strings.Join(y, "\n"), strings.Join(x, "\n"))
		}
		if x, y := relationKeys(d), relationKeys(b); !slices.Equal(x, y) {
			t.Errorf("%s: relations %q, want %q", d.ID, y, x)
		}
		notes := func(d annotate.AnnotatedDoc) map[string]string {
			m := map[string]string{}
			for _, sp := range d.Spans {
				if sp.Note != "" {
					m[spanKey(d, sp, false)] = strings.ReplaceAll(sp.Note, "\n", " ")
				}
			}
			return m
		}
		if x, y := notes(d), notes(b); !reflect.DeepEqual(x, y) {
			t.Errorf("%s: notes %q, want %q", d.ID, y, x)
		}
		attrs := func(d annotate.AnnotatedDoc) map[string]annotate.Attrs {
			m := map[string]annotate.Attrs{}
			for _, sp := range d.Spans {
				a := sp.Attrs.Clone()
				if len(a) > 0 {
					m[spanKey(d, sp, false)] = a
				}
			}
			return m
		}
		x, y := attrs(d), attrs(b)
		for k := range x {
			if !x[k].Equal(y[k]) {
				t.Errorf("%s: %s attrs %v, want %v", d.ID, k, y[k], x[k])
			}
		}
		// Without the schema too: annotation.conf says what each name
		// written with "_" stands for (a multi-choice value stays joined).
		plain, _, _ := readDocs(t, os.DirFS(out), "brat", Options{}, ".")
		p := attrs(byDocID(plain)[d.ID])
		for k := range x {
			want := x[k].Clone()
			if v, ok := want["fine_role"].([]string); ok {
				want["fine_role"] = strings.Join(v, "|")
			}
			if !want.Equal(p[k]) {
				t.Errorf("%s: %s attrs without the schema %v, want %v", d.ID, k, p[k], want)
			}
		}
	}
}

func TestBratUnits(t *testing.T) {
	fsys := fstest.MapFS{
		"c/a.txt": {Data: []byte("😀 Київ")},
		"c/a.ann": {Data: []byte("T1\tGPE 3 7\tКиїв\n")},
	}
	docs, loss, _ := readDocs(t, fsys, "brat", Options{Offsets: UTF16}, "c")
	if k := spanKey(docs[0], docs[0].Spans[0], false); k != `GPE [{2 6}] "Київ"` || !loss.Empty() {
		t.Errorf("UTF-16 offsets read as %s (loss %q)", k, loss)
	}
	out, _ := writeDocs(t, Brat(), Options{Offsets: Bytes}, docs)
	if ann := mustRead(t, filepath.Join(out, "a.ann")); ann != "T1\tGPE 5 13\tКиїв\n" {
		t.Errorf("byte offsets written as %q", ann)
	}
}

// TestBratRelationEnds: Arg1 is where a relation starts, wherever it is
// written; other role names go in the order written.
func TestBratRelationEnds(t *testing.T) {
	fsys := fstest.MapFS{
		"c/a.txt": {Data: []byte("Kyiv 🇺🇦")},
		"c/a.ann": {Data: []byte("T1\tGPE 0 4\tKyiv\nT2\tX 5 7\t🇺🇦\nR1\tr Arg2:T1 Arg1:T2\nR2\tcoref Anaphor:T1 Antecedent:T2\n")},
	}
	docs, _, _ := readDocs(t, fsys, "brat", Options{}, "c")
	var got []string
	for _, r := range docs[0].Relations {
		got = append(got, r.ID+" "+r.From+"→"+r.To)
	}
	if !slices.Equal(got, []string{"R1 T2→T1", "R2 T1→T2"}) {
		t.Errorf("relations %q", got)
	}
}

func TestBratErrors(t *testing.T) {
	text := "Kyiv 🇺🇦 said no."
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{"no tab", map[string]string{"c/a.ann": "T1 GPE 0 4 Kyiv\n"}, "c/a.ann:1: want ID<TAB>annotation"},
		{"bad offset", map[string]string{"c/a.ann": "\nT1\tGPE 0 x\tKyiv\n"}, `c/a.ann:2: span T1: offset "x" is not a whole number`},
		{"past the end", map[string]string{"c/a.ann": "T1\tGPE 0 99\tKyiv\n"}, "c/a.ann:1: span T1: fragment 0: end 99 is past the text's 16 code points"},
		{"empty span", map[string]string{"c/a.ann": "T1\tGPE 4 4\t\n"}, "c/a.ann:1: span T1: span [4,4) is empty or reversed"},
		{"broken fragments", map[string]string{"c/a.ann": "T1\tGPE 0 4;5\tKyiv\n"}, `c/a.ann:1: span T1: want START END, found "5"`},
		{"id twice", map[string]string{"c/a.ann": "T1\tGPE 0 4\tKyiv\nT1\tGPE 0 4\tKyiv\n"}, "c/a.ann:2: id T1 is used twice"},
		{"relation to nothing", map[string]string{"c/a.ann": "T1\tGPE 0 4\tKyiv\nR1\tr Arg1:T1 Arg2:T9\n"}, `c/a.ann:2: relation R1: "T9" is not a span or event of the file`},
		{"relation of one", map[string]string{"c/a.ann": "R1\tr Arg1:T1\n"}, "c/a.ann:1: relation R1: want TYPE Arg1:ID Arg2:ID"},
		{"event without trigger", map[string]string{"c/a.ann": "E1\tSay:T4\n"}, `c/a.ann:1: event E1: trigger "T4" is not a text-bound annotation`},
		{"attribute on nothing", map[string]string{"c/a.ann": "A1\tNeg T3\n"}, `c/a.ann:1: attribute A1: "T3" is not a span or event`},
		{"an .ann alone", map[string]string{"c/b.ann": ""}, "c/b.ann: there is no b.txt beside it"},
		{"text not UTF-8", map[string]string{"c/a.txt": "caf\xe9"}, "c/a.txt: not valid UTF-8 (at byte 3)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"c/a.txt": {Data: []byte(text)}}
			for k, v := range tt.files {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			err := readErr(fsys, "brat", Options{}, "c")
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
	if err := readErr(fstest.MapFS{"a.txt": {Data: []byte("x")}}, "brat", Options{}, "a.txt"); err == nil || !strings.Contains(err.Error(), "brat reads a folder") {
		t.Errorf("a file named: %v", err)
	}
}

// TestBratExportChecksSpans: a span that does not fit its text stops the
// export before anything is written.
func TestBratExportChecksSpans(t *testing.T) {
	bad := annotate.AnnotatedDoc{Document: annotate.Document{ID: "a", Text: "abc"},
		Spans: []annotate.Span{{ID: "s", Layer: "l", Label: "L", Fragments: []annotate.Fragment{{Start: 1, End: 9}}}}}
	dir := t.TempDir()
	_, err := WriteFile(filepath.Join(dir, "out"), Brat(), Options{}, sourceOf([]annotate.AnnotatedDoc{bad}, -1))
	if err == nil || !strings.Contains(err.Error(), `document "a": span s does not fit the text`) {
		t.Errorf("error %v", err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("left %v", entries)
	}
	// Ids that are not file names are made into file names, each its own.
	docs := []annotate.AnnotatedDoc{
		{Document: annotate.Document{ID: "../up", Text: "a"}},
		{Document: annotate.Document{ID: "..-up", Text: "b"}},
		{Document: annotate.Document{ID: "UP", Text: "c"}},
		{Document: annotate.Document{ID: "up", Text: "d"}},
	}
	out, _ := writeDocs(t, Brat(), Options{}, docs)
	if files := listFiles(t, out); !slices.Equal(files, []string{"-up.ann", "-up.txt", "UP.ann", "UP.txt", "__/up.ann", "__/up.txt", "annotation.conf", "up-2.ann", "up-2.txt"}) {
		t.Errorf("files %v", files)
	}
}

func FuzzBratAnn(f *testing.F) {
	for _, p := range []string{"testdata/brat/quirks/q.ann", "testdata/brat/clean/uk.ann"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	text, _ := os.ReadFile("testdata/brat/clean/uk.txt")
	f.Fuzz(func(t *testing.T, ann []byte) {
		fsys := fstest.MapFS{"c/a.txt": {Data: text}, "c/a.ann": {Data: ann}}
		r, err := All().Read(NewInput(fsys, "c"), "brat", Options{})
		if err != nil {
			t.Fatal(err)
		}
		for rec, err := range r.Records() {
			if err != nil {
				return
			}
			checkOffsets(t, []annotate.AnnotatedDoc{rec.Doc})
			// What was read can be written.
			enc := Brat().FolderWriter.NewFolderEncoder(discardFolder{}, Options{}, new(Loss))
			if err := enc.Encode(rec.Doc); err != nil {
				t.Fatalf("read but cannot be written: %v", err)
			}
		}
	})
}

// TestBratNamesWithSeparators: PTC's technique names hold commas, which
// brat's files cannot; they are written with "_" and read back as the
// schema's names.
func TestBratNamesWithSeparators(t *testing.T) {
	schema := schemes.PTC18()
	docs, _, _ := readDocs(t, ptcFixtures, "ptc", Options{Schema: schema}, "release")
	out, res := writeDocs(t, Brat(), Options{Schema: schema}, docs)
	if !strings.Contains(res.Loss.String(), "labels: 5 with spaces or separators (, | :) written with _") {
		t.Errorf("loss %q", res.Loss)
	}
	if ann := mustRead(t, filepath.Join(out, "111.ann")); !strings.Contains(ann, "\tName_Calling_Labeling 0 16\tGlobalist elites\n") {
		t.Errorf("111.ann:\n%s", ann)
	}
	conf := mustRead(t, filepath.Join(out, "annotation.conf"))
	types, names, _ := strings.Cut(conf, "# Names brat cannot hold")
	if !strings.Contains(types, "!technique\n\tAppeal_to_Authority\n") || strings.Contains(types, ",Labeling") ||
		!strings.Contains(names, "\n# frametag name: Name_Calling_Labeling\tName_Calling,Labeling\n") {
		t.Errorf("annotation.conf:\n%s", conf)
	}
	// Read back with the schema, and without: annotation.conf says what
	// each name stands for.
	for _, opt := range []Options{{Schema: schema}, {}} {
		again, _, _ := readDocs(t, os.DirFS(out), "brat", opt, ".")
		for i := range docs {
			if a, b := spanKeys(docs[i], false), spanKeys(again[i], false); !slices.Equal(a, b) {
				t.Errorf("%s: read back\n%s\nwant\n%s", docs[i].ID, strings.Join(b, "\n"), strings.Join(a, "\n"))
			}
		}
	}
}
