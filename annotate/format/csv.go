package format

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

func init() { register(CSV()) }

// CSVRoles are the columns a CSV file's documents are read from, by role;
// Options.Columns renames them. Only text is required.
var CSVRoles = []string{"text", "id", "title"}

// CSV reads a table with a header row, one document a row: the text column,
// an optional id and title, and every other column as metadata (source,
// url, published and language to their fields, the rest to meta.extra).
func CSV() Format {
	return Format{
		Name:        "csv",
		Extensions:  []string{".csv"},
		Description: "a CSV table with a header row, one document a row: text, optional id and title, other columns as metadata",
		Keeps:       []string{"documents with title and metadata"},
		FileReader:  csvReader{},
	}
}

type csvReader struct{}

// ReadFile reads the rows in order; errors name the file and the line a
// row begins on.
func (csvReader) ReadFile(name string, r io.Reader, opt Options, _ *Loss) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		fail := func(line int, format string, a ...any) {
			yield(Record{}, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, a...)))
		}
		br := bufio.NewReaderSize(r, 256*1024)
		if b, _ := br.Peek(len(utf8BOM)); bytes.Equal(b, utf8BOM) {
			br.Discard(len(utf8BOM))
		}
		cr := csv.NewReader(&keepQuotedCR{r: br})
		cr.ReuseRecord = true
		header, err := cr.Read()
		if err == io.EOF {
			fail(1, "the file is empty; want a header row naming the columns (text, id, title, ...)")
			return
		}
		if err != nil {
			yield(Record{}, csvError(name, err))
			return
		}
		header = slices.Clone(header)
		restoreCR(header)
		col := map[string]int{}
		for i, h := range header {
			if !utf8.ValidString(h) {
				fail(1, "the header is not valid UTF-8; convert the file first, e.g. iconv -t UTF-8")
				return
			}
			if j, dup := col[h]; dup {
				fail(1, "column %q is named twice (columns %d and %d)", h, j+1, i+1)
				return
			}
			col[h] = i
		}
		roles := map[string]int{} // role → column index
		for _, k := range slices.Sorted(maps.Keys(opt.Columns)) {
			if !slices.Contains(CSVRoles, k) {
				yield(Record{}, fmt.Errorf("unknown column role %q (known: %s)", k, strings.Join(CSVRoles, ", ")))
				return
			}
		}
		for _, role := range CSVRoles {
			want, named := opt.Columns[role]
			if !named {
				want = role
			}
			i, ok := col[want]
			switch {
			case ok:
				roles[role] = i
			case named || role == "text":
				fail(1, "no column %q for the %s (columns: %s)", want, role, strings.Join(header, ", "))
				return
			}
		}
		isRole := make([]bool, len(header))
		for _, i := range roles {
			isRole[i] = true
		}
		stem := fileStem(name)
		seen := map[string]int{}
		for {
			row, err := cr.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				yield(Record{}, csvError(name, err))
				return
			}
			line, _ := cr.FieldPos(0)
			restoreCR(row)
			for i, cell := range row {
				if !utf8.ValidString(cell) {
					fail(line, "column %q is not valid UTF-8 (at byte %d); convert the file first, e.g. iconv -t UTF-8", header[i], invalidUTF8At([]byte(cell)))
					return
				}
			}
			id := fmt.Sprintf("%s-%d", stem, line)
			if i, ok := roles["id"]; ok && strings.TrimSpace(row[i]) != "" {
				id = row[i]
			}
			if first, dup := seen[id]; dup {
				fail(line, "document id %q already used on line %d", id, first)
				return
			}
			seen[id] = line
			doc, err := newDoc(id, row[roles["text"]])
			if err != nil {
				fail(line, "%v", err)
				return
			}
			if i, ok := roles["title"]; ok {
				doc.Title = row[i]
			}
			for i, cell := range row {
				if !isRole[i] && cell != "" {
					setField(&doc, header[i], cell)
				}
			}
			if !yield(Record{Doc: doc, Pos: Pos{Name: name, Line: line}}, nil) {
				return
			}
		}
	}
}

// encoding/csv turns a "\r\n" inside a quoted field into "\n", which would
// make a document's text differ from the file's. keepQuotedCR hides each
// "\r" inside quotes from it as the byte 0xFE, which UTF-8 never holds, and
// restoreCR puts it back. A 0xFE already in the file becomes 0xFF: the cell
// is still refused as not UTF-8, at the same byte. Quotes are told apart by
// counting them: a doubled "" inside a quoted field toggles twice, and a
// quote outside one is refused by encoding/csv anyway.
type keepQuotedCR struct {
	r        io.Reader
	inQuotes bool
}

const hiddenCR = 0xFE

func (k *keepQuotedCR) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	for i, b := range p[:n] {
		switch {
		case b == '"':
			k.inQuotes = !k.inQuotes
		case b == '\r' && k.inQuotes:
			p[i] = hiddenCR
		case b == hiddenCR:
			p[i] = 0xFF
		}
	}
	return n, err
}

func restoreCR(cells []string) {
	for i, c := range cells {
		if strings.IndexByte(c, hiddenCR) >= 0 {
			cells[i] = strings.ReplaceAll(c, string([]byte{hiddenCR}), "\r")
		}
	}
}

// csvError puts encoding/csv's complaint in the FILE:LINE form.
func csvError(name string, err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("%s: %w", name, err)
	}
	line := pe.Line
	if pe.StartLine != 0 && pe.StartLine != pe.Line && errors.Is(pe.Err, csv.ErrQuote) {
		return fmt.Errorf("%s:%d: a quoted field begun here is not closed (up to line %d)", name, pe.StartLine, pe.Line)
	}
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return fmt.Errorf("%s:%d: the row has a different number of columns from the header", name, line)
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return fmt.Errorf("%s:%d: column %d: a \" inside a field that is not quoted (quote the field and double the \")", name, line, pe.Column)
	case errors.Is(pe.Err, csv.ErrQuote):
		return fmt.Errorf("%s:%d: column %d: extra or missing \" in a quoted field", name, line, pe.Column)
	}
	return fmt.Errorf("%s:%d: %v", name, line, pe.Err)
}
