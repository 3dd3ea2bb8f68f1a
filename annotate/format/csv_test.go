package format

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"frametag/annotate"
)

func TestCSVReadsDocuments(t *testing.T) {
	tests := []struct {
		file string
		opt  Options
		want []string // id|title|text|meta
		line []int
	}{
		{"articles.csv", Options{}, []string{
			"a1|Family 👨‍👩‍👧‍👦 reunited|Family 👨‍👩‍👧‍👦 reunited in Kyiv 🇺🇦.\nОфіційно:  «зачем?»\tasked José\u0301.|{Тест News https://example.org/1   map[desk:Київ]}",
			"a2|Quoted|He said \"no\" 👍🏿,\ntwice.|{    map[]}",
			"a3||Plain, with a comma|{Wire    map[]}",
		}, []int{2, 4, 6}},
		{"columns.csv", Options{Columns: map[string]string{"text": "body", "title": "headline"}}, []string{
			"columns-2|Ελλάδα|Ελλάδα 🇬🇷 and  doubled  spaces|{    map[lang:el]}",
			"columns-3|Tabs|a\tb|{    map[lang:en]}",
		}, []int{2, 3}},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join("testdata/csv", tc.file))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			var lines []int
			var loss Loss
			for rec, err := range CSV().FileReader.ReadFile(tc.file, bytesReader(data), tc.opt.resolve(CSV()), &loss) {
				if err != nil {
					t.Fatal(err)
				}
				d := rec.Doc
				if d.SHA256 != annotate.TextHash(d.Text) {
					t.Errorf("%s: no hash", d.ID)
				}
				if d.Meta.Extra == nil {
					d.Meta.Extra = map[string]string{}
				}
				got = append(got, fmt.Sprintf("%s|%s|%s|%v", d.ID, d.Title, d.Text, d.Meta))
				lines = append(lines, rec.Pos.Line)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("read\n%q\nwant\n%q", got, tc.want)
			}
			if !slices.Equal(lines, tc.line) {
				t.Errorf("lines %v, want %v", lines, tc.line)
			}
			if !loss.Empty() {
				t.Errorf("loss %s", loss)
			}
		})
	}
}

func TestCSVReadErrors(t *testing.T) {
	tests := []struct {
		name, in string
		opt      Options
		want     string
	}{
		{"empty", "", Options{}, "x.csv:1: the file is empty; want a header row"},
		{"no text column", "id,body\n1,a\n", Options{}, `x.csv:1: no column "text" for the text (columns: id, body)`},
		{"named column missing", "id,text\n1,a\n", Options{Columns: map[string]string{"title": "headline"}}, `x.csv:1: no column "headline" for the title`},
		{"unknown role", "text\na\n", Options{Columns: map[string]string{"body": "text"}}, `unknown column role "body" (known: text, id, title)`},
		{"column twice", "text,a,text\n", Options{}, `x.csv:1: column "text" is named twice (columns 1 and 3)`},
		{"short row", "id,text\n1,a\n2\n", Options{}, "x.csv:3: the row has a different number of columns from the header"},
		{"unclosed quote", "id,text\n1,\"a\n\nb\n", Options{}, "x.csv:2: a quoted field begun here is not closed"},
		{"bare quote", "id,text\n1,a\"b\n", Options{}, `x.csv:2: column 4: a " inside a field that is not quoted`},
		{"empty text", "id,text\n1,\n", Options{}, `x.csv:2: document "1": text is empty`},
		{"id twice", "id,text\n1,a\n2,b\n1,c\n", Options{}, `x.csv:4: document id "1" already used on line 2`},
		{"not UTF-8", "id,text\n1,\xff\n", Options{}, `x.csv:2: column "text" is not valid UTF-8 (at byte 0)`},
		{"not UTF-8, quoted", "id,text\r\n1,\"a\xfe\r\n\"\r\n", Options{}, `x.csv:2: column "text" is not valid UTF-8 (at byte 1)`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var last error
			for _, err := range CSV().FileReader.ReadFile("x.csv", bytesReader([]byte(tc.in)), tc.opt, new(Loss)) {
				last = err
			}
			if last == nil || last.Error() != tc.want && !startsWith(last.Error(), tc.want) {
				t.Errorf("error %v, want %q", last, tc.want)
			}
		})
	}
}

// A CRLF inside a quoted field stays CRLF (encoding/csv alone makes it LF),
// whatever the rows end with; quotes doubled inside a field do not lose
// track of where the field ends.
func TestCSVKeepsCRLFInsideQuotedFields(t *testing.T) {
	for _, rowEnd := range []string{"\n", "\r\n"} {
		in := "id,text,title" + rowEnd +
			"1,\"Line one\r\nline \"\"two\"\"\r\n\r\nКінець 👋\",\"T\r\n2\"" + rowEnd +
			"2,plain,\"\"" + rowEnd
		var texts, titles []string
		for rec, err := range CSV().FileReader.ReadFile("x.csv", bytesReader([]byte(in)), Options{}, new(Loss)) {
			if err != nil {
				t.Fatalf("rows end %q: %v", rowEnd, err)
			}
			texts, titles = append(texts, rec.Doc.Text), append(titles, rec.Doc.Title)
		}
		want := []string{"Line one\r\nline \"two\"\r\n\r\nКінець 👋", "plain"}
		if !slices.Equal(texts, want) || titles[0] != "T\r\n2" {
			t.Errorf("rows end %q: texts %q titles %q; want %q", rowEnd, texts, titles, want)
		}
	}
}

// A .csv file is read as csv without naming the format.
func TestCSVIsChosenByExtension(t *testing.T) {
	if f, ok := All().ForPath("corpus/Articles.CSV"); !ok || f.Name != "csv" {
		t.Errorf("ForPath(.CSV) = %s, %v", f.Name, ok)
	}
}
