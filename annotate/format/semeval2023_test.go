package format

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"frametag/annotate"
)

var semevalFixtures = os.DirFS("testdata/semeval2023")

func TestSemEval2023ReadsARelease(t *testing.T) {
	docs, loss, formats := readDocs(t, semevalFixtures, "", Options{}, "data")
	if !slices.Equal(formats, []string{"semeval2023"}) {
		t.Errorf("detected %v", formats)
	}
	if loss.String() != "paragraph techniques: 11 not read (the article's spans hold them)" {
		t.Errorf("loss %q", loss)
	}
	got := byDocID(docs)
	if len(docs) != 3 {
		t.Fatalf("%d documents", len(docs))
	}
	en := got["1001"]
	if en.Meta.Language != "en" || !slices.Equal(en.Labels, []annotate.DocLabel{{Layer: "genre", Label: "opinion"},
		{Layer: "frame", Label: "Security_and_defense"}, {Layer: "frame", Label: "Political"}}) {
		t.Errorf("1001: %q %v", en.Meta.Language, en.Labels)
	}
	if keys := spanKeys(en, true); !slices.Contains(keys, `technique/Appeal_to_Authority [{129 147}] "Experts 👩🏻\u200d🔬 agree"`) ||
		!slices.Contains(keys, `technique/Doubt [{71 92}] "critics say 🙄.\nEither"`) || len(keys) != 7 {
		t.Errorf("1001 spans %q", keys)
	}
	// The BOM and every \r count: offsets are the raw characters.
	crlf := got["1002"]
	if !strings.HasPrefix(crlf.Text, "\uFEFFНАТО") || crlf.Title != "НАТО «защищает» Европу" {
		t.Errorf("1002 text %q title %q", crlf.Text[:10], crlf.Title)
	}
	if keys := spanKeys(crlf, false); !slices.Equal(keys, []string{
		`Doubt [{55 70}] "кто им верит? 🤔"`,
		`Questioning_the_Reputation [{6 16}] "«защищает»"`,
		`Repetition [{84 106}] "repetition, repetition"`}) {
		t.Errorf("1002 spans %q", keys)
	}
	if len(crlf.Labels) != 1 || crlf.Labels[0] != (annotate.DocLabel{Layer: "genre", Label: "satire"}) {
		t.Errorf("1002 labels %v (an empty frames column is no frame)", crlf.Labels)
	}
	// Paragraph techniques alone: spans over their line.
	ru := got["2001"]
	if keys := spanKeys(ru, true); !slices.Equal(keys, []string{
		`paragraph_technique/Appeal_to_Fear-Prejudice [{0 40}] "Москва́ заявила: санкции — это «войнá» 💣"`,
		`paragraph_technique/Loaded_Language [{0 40}] "Москва́ заявила: санкции — это «войнá» 💣"`,
		`paragraph_technique/Name_Calling-Labeling [{42 59}] "Запад снова лжёт."`}) || ru.Meta.Language != "ru" {
		t.Errorf("2001 spans %q, language %q", keys, ru.Meta.Language)
	}
}

// semevalTable is a file's rows, sorted, techniques within a row sorted.
func semevalTable(t *testing.T, p string) []string {
	t.Helper()
	var out []string
	for l := range strings.Lines(mustRead(t, p)) {
		cols := strings.Split(strings.TrimRight(l, "\r\n"), "\t")
		if len(cols) == 3 {
			ts := strings.Split(cols[2], ",")
			slices.Sort(ts)
			cols[2] = strings.Join(ts, ",")
		}
		out = append(out, strings.Join(cols, "\t"))
	}
	slices.Sort(out)
	return out
}

// TestSemEval2023RoundTrip: the release → frametag → semeval2023 holds the
// same texts, spans, paragraph techniques, genres and frames.
func TestSemEval2023RoundTrip(t *testing.T) {
	docs, _, _ := readDocs(t, semevalFixtures, "semeval2023", Options{}, "data")
	out, res := writeDocs(t, SemEval2023(), Options{}, docs)
	if !res.Loss.Empty() {
		t.Errorf("loss %q", res.Loss)
	}
	in := "testdata/semeval2023/data"
	pairs := [][2]string{
		{"en/train-articles-subtask-3/article1001.txt", "en/articles/article1001.txt"},
		{"en/train-articles-subtask-3/article1002.txt", "en/articles/article1002.txt"},
		{"ru/train-articles-subtask-3/article2001.txt", "ru/articles/article2001.txt"},
		{"en/train-labels-subtask-3-spans/article1001-labels-subtask-3.txt", "en/labels-spans/article1001-labels-subtask-3.txt"},
		{"en/train-labels-subtask-3-spans/article1002-labels-subtask-3.txt", "en/labels-spans/article1002-labels-subtask-3.txt"},
		{"en/train-labels-subtask-1.txt", "en/labels-subtask-1.txt"},
		{"en/train-labels-subtask-2.txt", "en/labels-subtask-2.txt"},
		{"en/train-labels-subtask-3.txt", "en/labels-subtask-3.txt"},
		{"ru/train-labels-subtask-1.txt", "ru/labels-subtask-1.txt"},
		{"ru/train-labels-subtask-2.txt", "ru/labels-subtask-2.txt"},
		{"ru/train-labels-subtask-3.txt", "ru/labels-subtask-3.txt"},
	}
	for _, p := range pairs {
		a, b := filepath.Join(in, p[0]), filepath.Join(out, p[1])
		if strings.Contains(p[0], "articles") {
			if mustRead(t, a) != mustRead(t, b) {
				t.Errorf("%s changed", p[1])
			}
			continue
		}
		if x, y := semevalTable(t, a), semevalTable(t, b); !slices.Equal(x, y) {
			t.Errorf("%s:\n%s\nwant\n%s", p[1], strings.Join(y, "\n"), strings.Join(x, "\n"))
		}
	}
	again, _, _ := readDocs(t, os.DirFS(out), "", Options{}, ".")
	for i := range docs {
		if a, b := spanKeys(docs[i], true), spanKeys(again[i], true); !slices.Equal(a, b) {
			t.Errorf("%s: read back %q, want %q", docs[i].ID, b, a)
		}
		if !slices.Equal(docs[i].Labels, again[i].Labels) {
			t.Errorf("%s: labels %v, want %v", docs[i].ID, again[i].Labels, docs[i].Labels)
		}
	}
}

// TestSemEval2023FromNative: frametag → semeval2023 → frametag keeps the
// technique spans with their text, genre and frames, and says what else
// it drops.
func TestSemEval2023FromNative(t *testing.T) {
	docs := unicodeDocs(t)
	_, res := writeDocs(t, SemEval2023(), Options{}, docs)
	for _, kind := range []string{"spans of other layers: ", "relations: ", "attributes: ", "notes: ", "statuses: ", "annotators: ", "titles and metadata: "} {
		if !strings.Contains(res.Loss.String(), kind) {
			t.Errorf("loss %q does not say %q", res.Loss, kind)
		}
	}
	out, _ := writeDocs(t, SemEval2023(), Options{}, docs)
	again, _, _ := readDocs(t, os.DirFS(out), "semeval2023", Options{}, ".")
	back := byDocID(again)
	for _, d := range docs {
		b := back[d.ID]
		if b.Text != d.Text {
			t.Errorf("%s: text changed", d.ID)
		}
		var want []string
		for _, sp := range d.Spans {
			if sp.Layer == "technique" {
				want = append(want, spanKey(d, sp, true))
			}
		}
		slices.Sort(want)
		if got := spanKeys(b, true); !slices.Equal(got, want) {
			t.Errorf("%s: spans %q, want %q", d.ID, got, want)
		}
		var labels []string
		for _, l := range d.Labels {
			labels = append(labels, l.Layer+"/"+l.Label)
		}
		var gotLabels []string
		for _, l := range b.Labels {
			gotLabels = append(gotLabels, l.Layer+"/"+l.Label)
		}
		slices.Sort(labels)
		slices.Sort(gotLabels)
		if !slices.Equal(labels, gotLabels) {
			t.Errorf("%s: labels %q, want %q", d.ID, gotLabels, labels)
		}
	}
}

func TestSemEval2023Lines(t *testing.T) {
	text := "a\r\nb\rc\n\nd\u2028e\u0085 \nf"
	var got []string
	for _, l := range semevalLines(text) {
		got = append(got, string([]rune(text)[l.start:l.end]))
	}
	if !slices.Equal(got, []string{"a", "b", "c", "", "d", "e", " ", "f"}) {
		t.Errorf("lines %q", got)
	}
}

func TestSemEval2023Errors(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		wantErr string
	}{
		{"span columns", map[string]string{"c/article1-labels-subtask-3.txt": "1\tDoubt\t0\n"}, "c/article1-labels-subtask-3.txt:1: want 4 TAB-separated columns"},
		{"another article", map[string]string{"c/article1-labels-subtask-3.txt": "2\tDoubt\t0\t4\n"}, `c/article1-labels-subtask-3.txt:1: the row is for article "2", the file for 1`},
		{"past the end", map[string]string{"c/article1-labels-subtask-3.txt": "1\tDoubt\t0\t99\r\n"}, "c/article1-labels-subtask-3.txt:1: fragment 0: end 99 is past the text's 16 code points (article1.txt has 16 characters)"},
		{"genre columns", map[string]string{"c/dev-labels-subtask-1.txt": "1\topinion\textra\n"}, "c/dev-labels-subtask-1.txt:1: want 2 TAB-separated columns (id, genre), found 3"},
		{"no article", map[string]string{"c/dev-labels-subtask-2.txt": "1\tPolitical\n7\tPolitical\n"}, "c/dev-labels-subtask-2.txt:2: there is no article7.txt"},
		{"paragraph line", map[string]string{"c/dev-labels-subtask-3.txt": "1\tx\tDoubt\n"}, `c/dev-labels-subtask-3.txt:1: line "x" is not a line number`},
		{"paragraph past the end", map[string]string{"c/dev-labels-subtask-3.txt": "1\t9\tDoubt\n"}, "c/dev-labels-subtask-3.txt:1: line 9: article1.txt has 3 lines"},
		{"blank paragraph", map[string]string{"c/dev-labels-subtask-3.txt": "1\t2\tDoubt\n"}, "c/dev-labels-subtask-3.txt:1: line 2 of article1.txt is blank"},
		{"genre empty", map[string]string{"c/dev-labels-subtask-1.txt": "1\t\n"}, "c/dev-labels-subtask-1.txt:1: the genre column is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{"c/article1.txt": {Data: []byte("\uFEFFTitle 😀\r\n\r\nBody")}}
			for k, v := range tt.files {
				fsys[k] = &fstest.MapFile{Data: []byte(v)}
			}
			err := readErr(fsys, "semeval2023", Options{}, "c")
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("error %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func FuzzSemEval2023Labels(f *testing.F) {
	for _, p := range []string{"testdata/semeval2023/data/en/train-labels-subtask-3-spans/article1002-labels-subtask-3.txt", "testdata/semeval2023/data/en/train-labels-subtask-3.txt"} {
		data, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data, data)
	}
	text, _ := os.ReadFile("testdata/semeval2023/data/en/train-articles-subtask-3/article1002.txt")
	f.Fuzz(func(t *testing.T, spans, pars []byte) {
		fsys := fstest.MapFS{"c/article1002.txt": {Data: text}, "c/article1002-labels-subtask-3.txt": {Data: spans}, "c/x-labels-subtask-3.txt": {Data: pars}}
		r, err := All().Read(NewInput(fsys, "c"), "semeval2023", Options{})
		if err != nil {
			t.Fatal(err)
		}
		for rec, err := range r.Records() {
			if err != nil {
				return
			}
			checkOffsets(t, []annotate.AnnotatedDoc{rec.Doc})
			enc := SemEval2023().FolderWriter.NewFolderEncoder(discardFolder{}, Options{}, new(Loss))
			if err := enc.Encode(rec.Doc); err != nil && !strings.Contains(err.Error(), "which SemEval-2023's files cannot") {
				t.Fatalf("read but cannot be written: %v", err)
			}
		}
	})
}
