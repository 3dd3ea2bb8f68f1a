package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"runtime/debug"
	"strings"
	"unicode/utf8"

	"frametag/annotate"
)

func init() { register(JSONL()) }

// JSONL is frametag's native format: one document a line with everything
// recorded on it. See docs/FORMATS.md and docs/jsonl.schema.json.
func JSONL() Format {
	return Format{
		Name:        Native,
		Extensions:  []string{".jsonl"},
		Description: "frametag JSON Lines: one document a line with its spans, relations, labels and statuses",
		Keeps: []string{"documents with title and metadata", "spans (discontinuous too) with attributes, notes and annotators",
			"relations", "document labels", "statuses"},
		Offsets:      CodePoints,
		FileReader:   jsonlReader{},
		StreamWriter: jsonlWriter{},
	}
}

// jsonlDoc is one line as written, fields in the documented order.
type jsonlDoc struct {
	ID        string                     `json:"id"`
	Title     string                     `json:"title"`
	Text      string                     `json:"text"`
	Meta      annotate.Meta              `json:"meta"`
	Labels    []annotate.DocLabel        `json:"labels"`
	Spans     []jsonlSpan                `json:"spans"`
	Relations []jsonlRelation            `json:"relations"`
	Status    map[string]annotate.Status `json:"status"`
}

type jsonlSpan struct {
	ID        string         `json:"id"`
	Layer     string         `json:"layer"`
	Label     string         `json:"label"`
	Start     int            `json:"start"`
	End       int            `json:"end"`
	Fragments [][2]int       `json:"fragments,omitempty"`
	Text      string         `json:"text"`
	Attrs     map[string]any `json:"attrs"`
	Note      string         `json:"note"`
	Annotator string         `json:"annotator"`
	// Provenance: where a gold span came from (annotate.Span.Provenance).
	Provenance string `json:"provenance,omitempty"`
}

type jsonlRelation struct {
	ID        string `json:"id"`
	Type      string `json:"type"`
	From      string `json:"from"`
	To        string `json:"to"`
	Annotator string `json:"annotator"`
	// Provenance: where a gold relation came from (annotate.Relation.Provenance).
	Provenance string `json:"provenance,omitempty"`
}

// The shapes read: pointers where a missing field must be told apart from a
// zero one.
type jsonlDocIn struct {
	ID        *string                    `json:"id"`
	Title     string                     `json:"title"`
	Text      *string                    `json:"text"`
	Meta      map[string]json.RawMessage `json:"meta"`
	Labels    []annotate.DocLabel        `json:"labels"`
	Spans     []jsonlSpanIn              `json:"spans"`
	Relations []jsonlRelation            `json:"relations"`
	Status    map[string]annotate.Status `json:"status"`
}

type jsonlSpanIn struct {
	ID         string         `json:"id"`
	Layer      string         `json:"layer"`
	Label      string         `json:"label"`
	Start      *int           `json:"start"`
	End        *int           `json:"end"`
	Fragments  [][]int        `json:"fragments"`
	Text       *string        `json:"text"`
	Attrs      map[string]any `json:"attrs"`
	Note       string         `json:"note"`
	Annotator  string         `json:"annotator"`
	Provenance string         `json:"provenance"`
}

type jsonlReader struct{}

// bigLine is the length from which a line read is handed back to the system
// at once.
const bigLine = 8 << 20

// utf8BOM is dropped from the first line: Windows editors add it.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// ReadFile reads offsets in opt.Offsets; jsonl holds everything frametag
// records, so it never adds to loss.
func (jsonlReader) ReadFile(name string, r io.Reader, opt Options, _ *Loss) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		// bufio.Reader rather than a Scanner: a news article with its spans
		// can make a line of several hundred kilobytes.
		br := bufio.NewReaderSize(r, 64*1024)
		seen := map[string]int{} // document id → line
		for lineNo := 1; ; lineNo++ {
			line, readErr := br.ReadBytes('\n')
			if readErr != nil && readErr != io.EOF {
				yield(Record{}, fmt.Errorf("%s:%d: %w", name, lineNo, readErr))
				return
			}
			if lineNo == 1 {
				line = bytes.TrimPrefix(line, utf8BOM)
			}
			if len(bytes.TrimSpace(line)) > 0 {
				doc, err := decodeLine(line, opt.Offsets)
				if len(line) >= bigLine {
					// The line and its read buffers (twice the line) are
					// garbage now, but the Go runtime would keep their pages
					// while SQLite makes its copies of the document: for a
					// 50 MB line that held the peak of an import 100 MB
					// higher (362 MB, 264 MB with this).
					line = nil
					debug.FreeOSMemory()
				}
				if err == nil {
					if first, dup := seen[doc.ID]; dup {
						err = fmt.Errorf("document id %q already used on line %d", doc.ID, first)
					}
					seen[doc.ID] = lineNo
				}
				if err != nil {
					yield(Record{}, fmt.Errorf("%s:%d: %w", name, lineNo, err))
					return
				}
				if !yield(Record{Doc: doc, Pos: Pos{Name: name, Line: lineNo}}, nil) {
					return
				}
			}
			if readErr == io.EOF {
				return
			}
		}
	}
}

// decodeLine turns one line into a document and checks everything that can
// be checked without a schema.
func decodeLine(line []byte, unit Unit) (annotate.AnnotatedDoc, error) {
	if !utf8.Valid(line) {
		// encoding/json would silently turn the bad bytes into U+FFFD.
		return annotate.AnnotatedDoc{}, fmt.Errorf("line is not valid UTF-8 (at byte %d)", invalidUTF8At(line))
	}
	if at, esc, ok := loneSurrogate(line); ok {
		// encoding/json would silently turn it into U+FFFD.
		return annotate.AnnotatedDoc{}, fmt.Errorf("a lone UTF-16 surrogate %s (at byte %d) is not a character: the text would not be kept as written", esc, at)
	}
	in, err := decodeDocIn(line, bigTextMin)
	if err != nil {
		return annotate.AnnotatedDoc{}, err
	}
	if in.ID == nil {
		return annotate.AnnotatedDoc{}, fmt.Errorf(`missing "id"`)
	}
	if in.Text == nil {
		return annotate.AnnotatedDoc{}, fmt.Errorf("document %q: missing \"text\"", *in.ID)
	}
	doc := annotate.AnnotatedDoc{Document: annotate.Document{ID: *in.ID, Title: in.Title, Text: *in.Text}}
	if err := doc.Document.Validate(); err != nil {
		return annotate.AnnotatedDoc{}, err
	}
	fail := func(format string, a ...any) (annotate.AnnotatedDoc, error) {
		return annotate.AnnotatedDoc{}, fmt.Errorf("document %q: %s", doc.ID, fmt.Sprintf(format, a...))
	}
	meta, err := decodeMeta(in.Meta)
	if err != nil {
		return fail("%v", err)
	}
	doc.Meta = meta
	doc.SHA256 = annotate.TextHash(doc.Text)

	for i, l := range in.Labels {
		if l.Layer == "" || l.Label == "" {
			return fail("label %d: needs a layer and a label", i+1)
		}
		for _, prev := range in.Labels[:i] {
			if prev == l {
				return fail("label %d: %s/%s by %q is listed twice", i+1, l.Layer, l.Label, l.Annotator)
			}
		}
	}
	if len(in.Labels) > 0 { // [] and a missing list read the same, so a document reads back as it was written
		doc.Labels = in.Labels
	}

	// The index costs 4 bytes per code point (200 MB for a 50 MB text):
	// only a document with spans needs it.
	var ix *annotate.TextIndex
	if len(in.Spans) > 0 {
		ix = annotate.NewTextIndex(doc.Text)
	}
	spanIDs := map[string]bool{}
	for i, s := range in.Spans {
		sp, err := decodeSpan(s, doc.ID, ix, unit)
		if err != nil {
			if s.ID != "" {
				return fail("span %q: %v", s.ID, err)
			}
			return fail("span %d: %v", i+1, err)
		}
		if spanIDs[sp.ID] {
			return fail("span id %q is used twice", sp.ID)
		}
		spanIDs[sp.ID] = true
		doc.Spans = append(doc.Spans, sp)
	}

	relIDs := map[string]bool{}
	for i, r := range in.Relations {
		where := fmt.Sprintf("relation %d", i+1)
		if r.ID != "" {
			where = fmt.Sprintf("relation %q", r.ID)
		} else {
			r.ID = annotate.NewID("r")
		}
		switch {
		case r.Type == "":
			return fail(`%s: missing "type"`, where)
		case !spanIDs[r.From]:
			return fail("%s: from names unknown span %q", where, r.From)
		case !spanIDs[r.To]:
			return fail("%s: to names unknown span %q", where, r.To)
		case relIDs[r.ID]:
			return fail("relation id %q is used twice", r.ID)
		}
		relIDs[r.ID] = true
		doc.Relations = append(doc.Relations, annotate.Relation{ID: r.ID, DocID: doc.ID, Type: r.Type,
			From: r.From, To: r.To, Annotator: r.Annotator, Provenance: r.Provenance})
	}

	for annotator, st := range in.Status {
		if annotator == "" {
			return fail("status with an empty annotator name")
		}
		if !st.Valid() {
			return fail("status of %q is %q, want one of %s", annotator, st, statusNames())
		}
	}
	if len(in.Status) > 0 {
		doc.Status = in.Status
	}
	return doc, nil
}

// decodeDocIn decodes a line; a "text" of at least bigText bytes is decoded
// apart (cutBigText). Any problem is found again on the whole line, so the
// message is the same whichever way the line was read.
func decodeDocIn(line []byte, bigText int) (jsonlDocIn, error) {
	if len(line) >= bigText {
		if rest, text, ok := cutBigText(line, bigText); ok {
			if in, err := decodeJSONDoc(rest); err == nil {
				in.Text = &text
				return in, nil
			}
		}
	}
	return decodeJSONDoc(line)
}

func decodeJSONDoc(line []byte) (jsonlDocIn, error) {
	var in jsonlDocIn
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields() // a misspelt "spans" must not drop annotations silently
	if err := dec.Decode(&in); err != nil {
		return in, describeJSONError(withUnknownField(err, line, &in))
	}
	if _, err := dec.Token(); err != io.EOF {
		return in, fmt.Errorf("invalid JSON: more than one value on the line")
	}
	return in, nil
}

func decodeSpan(s jsonlSpanIn, docID string, ix *annotate.TextIndex, unit Unit) (annotate.Span, error) {
	if s.Layer == "" || s.Label == "" {
		return annotate.Span{}, fmt.Errorf(`needs "layer" and "label"`)
	}
	var frags []annotate.Fragment
	switch {
	case s.Fragments != nil:
		if len(s.Fragments) == 0 {
			return annotate.Span{}, fmt.Errorf(`"fragments" is empty`)
		}
		for i, f := range s.Fragments {
			if len(f) != 2 {
				return annotate.Span{}, fmt.Errorf("fragment %d: want [start, end], got %d numbers", i+1, len(f))
			}
			frags = append(frags, annotate.Fragment{Start: f[0], End: f[1]})
		}
		first, last := frags[0].Start, frags[len(frags)-1].End
		if (s.Start != nil && *s.Start != first) || (s.End != nil && *s.End != last) {
			return annotate.Span{}, fmt.Errorf("fragments run from %d to %d, outside or short of start..end %s",
				first, last, extent(s.Start, s.End))
		}
	case s.Start == nil || s.End == nil:
		return annotate.Span{}, fmt.Errorf(`needs "start" and "end"`)
	default:
		frags = []annotate.Fragment{{Start: *s.Start, End: *s.End}}
	}
	for i, f := range frags {
		var err error
		if frags[i].Start, err = unit.ToCodePoint(ix, f.Start); err == nil {
			frags[i].End, err = unit.ToCodePoint(ix, f.End)
		}
		if err != nil {
			return annotate.Span{}, fmt.Errorf("out of range: %w", err)
		}
	}
	if err := annotate.CheckFragments(frags, ix.Len()); err != nil {
		return annotate.Span{}, fmt.Errorf("out of range: %w", err)
	}
	covered, err := ix.SpanText(frags)
	if err != nil {
		return annotate.Span{}, err
	}
	if s.Text != nil && *s.Text != covered {
		return annotate.Span{}, fmt.Errorf("text %s does not match the document's %s at %s",
			quoteShort(*s.Text), quoteShort(covered), fragmentList(frags))
	}
	attrs, err := annotate.Attrs(s.Attrs).Normalize()
	if err != nil {
		return annotate.Span{}, err
	}
	id := s.ID
	if id == "" {
		id = annotate.NewID("s")
	}
	return annotate.Span{ID: id, DocID: docID, Layer: s.Layer, Label: s.Label, Fragments: frags,
		Attrs: attrs, Note: s.Note, Annotator: s.Annotator, Provenance: s.Provenance}, nil
}

// decodeMeta reads the known metadata keys and keeps any other string-valued
// key in Extra, so metadata from other pipelines survives.
func decodeMeta(raw map[string]json.RawMessage) (annotate.Meta, error) {
	var m annotate.Meta
	for key, value := range raw {
		if key == "extra" {
			var extra map[string]string
			if err := json.Unmarshal(value, &extra); err != nil {
				return m, fmt.Errorf("meta.extra: want an object of strings")
			}
			for k, v := range extra {
				setExtra(&m, k, v)
			}
			continue
		}
		var s string
		if err := json.Unmarshal(value, &s); err != nil {
			return m, fmt.Errorf("meta.%s: want a string, got %s", key, quoteShort(string(value)))
		}
		switch key {
		case "source":
			m.Source = s
		case "url":
			m.URL = s
		case "published":
			m.Published = s
		case "language":
			m.Language = s
		default:
			setExtra(&m, key, s)
		}
	}
	return m, nil
}

func setExtra(m *annotate.Meta, k, v string) {
	if m.Extra == nil {
		m.Extra = map[string]string{}
	}
	m.Extra[k] = v
}

type jsonlWriter struct{}

// NewEncoder writes offsets in opt.Offsets; jsonl holds everything, so it
// never adds to loss.
func (jsonlWriter) NewEncoder(w io.Writer, opt Options, _ *Loss) Encoder {
	return &jsonlEncoder{w: bufio.NewWriterSize(w, 256*1024), unit: opt.Offsets}
}

type jsonlEncoder struct {
	w    *bufio.Writer
	buf  bytes.Buffer
	unit Unit
}

// Encode checks the document (every span against the text, every relation
// against the spans) and writes it as one line.
func (e *jsonlEncoder) Encode(doc annotate.AnnotatedDoc) error {
	line, err := encodeDoc(doc, e.unit)
	if err != nil {
		return fmt.Errorf("document %q: %w", doc.ID, err)
	}
	e.buf.Reset()
	enc := json.NewEncoder(&e.buf)
	enc.SetEscapeHTML(false) // keep "<" and "&" readable in article text
	if err := enc.Encode(line); err != nil {
		return fmt.Errorf("document %q: %w", doc.ID, err)
	}
	_, err = e.w.Write(e.buf.Bytes())
	return err
}

func (e *jsonlEncoder) Flush() error { return e.w.Flush() }

func encodeDoc(doc annotate.AnnotatedDoc, unit Unit) (jsonlDoc, error) {
	if err := doc.Document.Validate(); err != nil {
		return jsonlDoc{}, err
	}
	out := jsonlDoc{ID: doc.ID, Title: doc.Title, Text: doc.Text, Meta: doc.Meta,
		Labels: doc.Labels, Spans: make([]jsonlSpan, 0, len(doc.Spans)),
		Relations: make([]jsonlRelation, 0, len(doc.Relations)), Status: doc.Status}
	if out.Labels == nil {
		out.Labels = []annotate.DocLabel{}
	}
	if out.Status == nil {
		out.Status = map[string]annotate.Status{}
	}
	for annotator, st := range doc.Status {
		if !st.Valid() {
			return jsonlDoc{}, fmt.Errorf("status of %q is %q", annotator, st)
		}
	}
	ix := annotate.NewTextIndex(doc.Text)
	spanIDs := make(map[string]bool, len(doc.Spans))
	for _, sp := range doc.Spans {
		if sp.ID == "" || spanIDs[sp.ID] {
			return jsonlDoc{}, fmt.Errorf("span id %q is empty or used twice", sp.ID)
		}
		spanIDs[sp.ID] = true
		// Recompute what the span covers from the stored text: a span whose
		// offsets no longer fit the text is refused, not exported wrong.
		if err := annotate.CheckFragments(sp.Fragments, ix.Len()); err != nil {
			return jsonlDoc{}, fmt.Errorf("span %s does not fit the text: %w", sp.ID, err)
		}
		covered, err := ix.SpanText(sp.Fragments)
		if err != nil {
			return jsonlDoc{}, fmt.Errorf("span %s: %w", sp.ID, err)
		}
		frags := make([][2]int, len(sp.Fragments))
		for i, f := range sp.Fragments {
			var err error
			if frags[i][0], err = unit.FromCodePoint(ix, f.Start); err == nil {
				frags[i][1], err = unit.FromCodePoint(ix, f.End)
			}
			if err != nil {
				return jsonlDoc{}, fmt.Errorf("span %s: %w", sp.ID, err)
			}
		}
		js := jsonlSpan{ID: sp.ID, Layer: sp.Layer, Label: sp.Label, Start: frags[0][0], End: frags[len(frags)-1][1],
			Text: covered, Attrs: map[string]any(sp.Attrs), Note: sp.Note, Annotator: sp.Annotator, Provenance: sp.Provenance}
		if js.Attrs == nil {
			js.Attrs = map[string]any{}
		}
		if sp.Discontinuous() {
			js.Fragments = frags
		}
		out.Spans = append(out.Spans, js)
	}
	for _, r := range doc.Relations {
		if !spanIDs[r.From] || !spanIDs[r.To] {
			return jsonlDoc{}, fmt.Errorf("relation %s links %s → %s, not both spans of the document", r.ID, r.From, r.To)
		}
		out.Relations = append(out.Relations, jsonlRelation{ID: r.ID, Type: r.Type, From: r.From, To: r.To, Annotator: r.Annotator, Provenance: r.Provenance})
	}
	return out, nil
}

// describeJSONError says what is wrong in the user's terms.
func describeJSONError(err error) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		return fmt.Errorf("invalid JSON at column %d: %v", syntax.Offset, err)
	case errors.As(err, &typ):
		if typ.Field == "" {
			return fmt.Errorf("the line is a JSON %s, want an object", typ.Value)
		}
		return fmt.Errorf("field %s: want %s, got a JSON %s", typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Errorf("invalid JSON: the line ends inside a value")
	}
	var unknown *UnknownFieldError
	if errors.As(err, &unknown) {
		return unknown
	}
	return fmt.Errorf("invalid JSON: %v", err)
}

func jsonKind(goKind string) string {
	switch goKind {
	case "int", "int64", "float64":
		return "a number"
	case "string":
		return "a string"
	case "slice", "array":
		return "a list"
	case "map", "struct":
		return "an object"
	case "bool":
		return "true or false"
	}
	return goKind
}

func statusNames() string {
	names := make([]string, len(annotate.Statuses))
	for i, s := range annotate.Statuses {
		names[i] = string(s)
	}
	return strings.Join(names, ", ")
}

func extent(start, end *int) string {
	show := func(p *int) string {
		if p == nil {
			return "?"
		}
		return fmt.Sprint(*p)
	}
	return show(start) + ".." + show(end)
}

func fragmentList(frags []annotate.Fragment) string {
	parts := make([]string, len(frags))
	for i, f := range frags {
		parts[i] = fmt.Sprintf("[%d,%d)", f.Start, f.End)
	}
	return strings.Join(parts, " ")
}

// quoteShort quotes s, cutting it in the middle when long.
func quoteShort(s string) string {
	const max = 60
	if r := []rune(s); len(r) > max {
		s = string(r[:max/2]) + "…" + string(r[len(r)-max/2:])
	}
	return fmt.Sprintf("%q", s)
}

func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return -1
}
