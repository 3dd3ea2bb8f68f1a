package format

import (
	"strings"
	"testing"
)

func TestPlainTextReader(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		content   string
		wantID    string
		wantTitle string
		wantText  string
		wantErr   string
	}{
		{"verbatim with CRLF", "dir/ukraine-pressure.txt", "\r\n  Ukraine calls for pressure  \r\nBody\u00a0text.\r\n",
			"ukraine-pressure", "Ukraine calls for pressure", "\r\n  Ukraine calls for pressure  \r\nBody\u00a0text.\r\n", ""},
		{"BOM dropped", "a.txt", "\uFEFFTitle\nText", "a", "Title", "Title\nText", ""},
		{"only a BOM left is empty", "a.txt", "\uFEFF", "", "", "", "text is empty"},
		{"empty", "empty.txt", "", "", "", "", "text is empty"},
		{"whitespace only", "blank.txt", " \n\t\n", "blank", "", " \n\t\n", ""},
		{"invalid UTF-8", "latin1.txt", "caf\xe9", "", "", "", "not valid UTF-8 (at byte 3)"},
		{"dots in name", "2022.09.27.news.txt", "x", "2022.09.27.news", "x", "x", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			n := 0
			for rec, err := range PlainText().FileReader.ReadFile(tt.file, strings.NewReader(tt.content), Options{}, new(Loss)) {
				doc := rec.Doc
				n++
				if tt.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tt.wantErr) || !strings.HasPrefix(err.Error(), tt.file+": ") {
						t.Fatalf("error = %v, want %s: ...%s", err, tt.file, tt.wantErr)
					}
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				if doc.ID != tt.wantID || doc.Title != tt.wantTitle || doc.Text != tt.wantText {
					t.Errorf("got id %q title %q text %q", doc.ID, doc.Title, doc.Text)
				}
				if doc.SHA256 == "" || doc.Meta.Extra["file"] == "" {
					t.Errorf("hash or file name missing: %+v", doc.Meta)
				}
			}
			if n != 1 {
				t.Errorf("yielded %d times, want once", n)
			}
		})
	}
}

func TestShortenTitle(t *testing.T) {
	long := "Ukraine has called on its partners to increase pressure on Russia, including with new tough sanctions in connection with the holding of pseudo-referendums"
	tests := []struct{ in, want string }{
		{"Short headline", "Short headline"},
		{strings.Repeat("й", MaxTitle), strings.Repeat("й", MaxTitle)},
		{long, "Ukraine has called on its partners to increase pressure on Russia, including with new tough sanctions in connection with…"},
		{strings.Repeat("x", MaxTitle+5), strings.Repeat("x", MaxTitle) + "…"},
	}
	for _, tt := range tests {
		got := ShortenTitle(tt.in)
		if got != tt.want {
			t.Errorf("ShortenTitle(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if n := len([]rune(got)); n > MaxTitle+1 {
			t.Errorf("title of %d code points", n)
		}
	}
}
