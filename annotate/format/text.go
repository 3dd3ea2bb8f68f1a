package format

import (
	"bytes"
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"

	"frametag/annotate"
)

// PlainText reads a UTF-8 .txt file as one document. The id is the file name
// without its extension; the title is the first non-empty line (trimmed, and
// shortened when long); the text is the file's bytes verbatim except a
// leading UTF-8 byte order mark, which is dropped so that offsets count the
// characters a user sees (as Python's "utf-8-sig" does).
func PlainText() Format {
	return Format{
		Name:        "txt",
		Extensions:  []string{".txt"},
		Description: "plain UTF-8 text, one document a file",
		Keeps:       []string{"the text, verbatim but for a leading byte order mark"},
		FileReader:  textReader{},
	}
}

func init() { register(PlainText()) }

type textReader struct{}

// ReadFile reads the file as one document; a text holds no annotations to
// lose.
func (textReader) ReadFile(name string, r io.Reader, _ Options, _ *Loss) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		doc, err := readText(name, r)
		if err != nil {
			yield(Record{}, fmt.Errorf("%s: %w", name, err))
			return
		}
		yield(Record{Doc: doc, Pos: Pos{Name: name}}, nil)
	}
}

func readText(name string, r io.Reader) (annotate.AnnotatedDoc, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return annotate.AnnotatedDoc{}, err
	}
	data = bytes.TrimPrefix(data, utf8BOM)
	if !utf8.Valid(data) {
		return annotate.AnnotatedDoc{}, fmt.Errorf("not valid UTF-8 (at byte %d); convert it first, e.g. iconv -t UTF-8", invalidUTF8At(data))
	}
	base := filepath.Base(name)
	doc := annotate.Document{
		ID:    strings.TrimSuffix(base, filepath.Ext(base)),
		Title: TitleFromText(string(data)),
		Text:  string(data),
		Meta:  annotate.Meta{Extra: map[string]string{"file": base}},
	}
	if err := doc.Validate(); err != nil {
		return annotate.AnnotatedDoc{}, err
	}
	doc.SHA256 = annotate.TextHash(doc.Text)
	return annotate.AnnotatedDoc{Document: doc}, nil
}

// MaxTitle is the longest title, in code points, taken from a text's line.
const MaxTitle = 120

// TitleFromText is the first non-empty line of text, trimmed and shortened
// to MaxTitle code points at a word boundary.
func TitleFromText(text string) string {
	for line := range strings.Lines(text) {
		if t := strings.TrimSpace(line); t != "" {
			return ShortenTitle(t)
		}
	}
	return ""
}

// ShortenTitle cuts a line longer than MaxTitle code points at the last word
// boundary before the limit and marks the cut with "…".
func ShortenTitle(line string) string {
	r := []rune(line)
	if len(r) <= MaxTitle {
		return line
	}
	cut := string(r[:MaxTitle])
	// Back up to the last space unless the cut already falls on one; a
	// single overlong word is cut where it is.
	if !unicode.IsSpace(r[MaxTitle]) {
		if i := strings.LastIndexFunc(cut, unicode.IsSpace); i >= 0 && utf8.RuneCountInString(cut[:i]) > MaxTitle/2 {
			cut = cut[:i]
		}
	}
	return strings.TrimRight(cut, " ,;:–—-") + "…"
}
