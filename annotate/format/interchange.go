package format

// What the JSON and table formats of other tools (doccano, Prodigy, Label
// Studio, CSV) share: a streaming splitter of JSON values that knows their
// lines, the layer of a label given without one, offsets checked and
// converted at the edge, and the export-side check of a document against
// its text.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"maps"
	"path"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"frametag/annotate"
)

// DefaultLayer is the span layer of labels that a format gives without a
// layer, that the schema does not place and that Options.Layer does not
// name; DefaultDocLayer the same for document labels.
const (
	DefaultLayer    = "imported"
	DefaultDocLayer = "imported_document"
)

// layerFor is the layer of a label that came with at most a hint (Label
// Studio's from_name): the hint when there is no schema to ask or the
// schema has a layer of that name and kind; else the one layer of that kind
// in the schema with the label; else Options.Layer (spans) or the default.
func (o Options) layerFor(kind annotate.LayerKind, hint, label string) (string, error) {
	known := len(o.Schema.Layers) > 0
	if hint != "" {
		if !known {
			return hint, nil
		}
		if l, ok := o.Schema.Layer(hint); ok && l.Kind == kind {
			return hint, nil
		}
	}
	var have []string
	for _, l := range o.Schema.Layers {
		if l.Kind != kind {
			continue
		}
		if _, ok := l.Label(label); ok {
			have = append(have, l.Name)
		}
	}
	switch {
	case len(have) == 1:
		return have[0], nil
	case len(have) > 1:
		if kind == annotate.SpanLayer && slices.Contains(have, o.Layer) {
			return o.Layer, nil
		}
		return "", fmt.Errorf("label %q is in layers %s of the schema; say which with --layer", label, strings.Join(have, " and "))
	case kind == annotate.SpanLayer && o.Layer != "":
		return o.Layer, nil
	case kind == annotate.SpanLayer:
		return DefaultLayer, nil
	}
	return DefaultDocLayer, nil
}

// jsonValue is one JSON object of a file and the line it begins on.
type jsonValue struct {
	raw  []byte // valid only until the next value is read
	line int
}

// jsonObjects streams the objects of a file that holds them one a line
// (JSON Lines), pretty-printed one after another, or as the elements of one
// top-level array (Label Studio's export), without holding more than one
// object in memory. A leading byte order mark is skipped. Errors name the
// file and line.
func jsonObjects(name string, r io.Reader) iter.Seq2[jsonValue, error] {
	return func(yield func(jsonValue, error) bool) {
		br := bufio.NewReaderSize(r, 256*1024)
		if b, _ := br.Peek(len(utf8BOM)); bytes.Equal(b, utf8BOM) {
			br.Discard(len(utf8BOM))
		}
		fail := func(line int, format string, a ...any) {
			yield(jsonValue{}, fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, a...)))
		}
		line := 1
		var (
			started, inArray, closed bool
			needComma, afterComma    bool
			arrayLine                int
			buf                      []byte
		)
		for {
			c, err := br.ReadByte()
			if err == io.EOF {
				if inArray && !closed {
					fail(line, "the file ends inside the array begun on line %d (a ] is missing)", arrayLine)
				}
				return
			}
			if err != nil {
				fail(line, "%v", err)
				return
			}
			switch c {
			case '\n':
				line++
				continue
			case ' ', '\t', '\r':
				continue
			}
			switch {
			case closed:
				fail(line, "%s after the array's closing ]", quoteByte(c))
				return
			case !started && c == '[':
				started, inArray, arrayLine = true, true, line
				continue
			case inArray && c == ']':
				if afterComma {
					fail(line, "a comma before the closing ] (JSON allows none)")
					return
				}
				closed = true
				continue
			case inArray && needComma:
				if c != ',' {
					fail(line, "want , or ] after an element of the array, found %s", quoteByte(c))
					return
				}
				needComma, afterComma = false, true
				continue
			case c != '{':
				fail(line, "want a JSON object, found %s", quoteByte(c))
				return
			}
			started, afterComma = true, false
			start := line
			buf = append(buf[:0], c)
			sc := jsonScan{depth: 1}
			for sc.inside() {
				c, err = br.ReadByte()
				if err != nil {
					if err == io.EOF {
						fail(line, "the file ends inside the object begun on line %d", start)
					} else {
						fail(line, "%v", err)
					}
					return
				}
				buf = append(buf, c)
				if c == '\n' {
					line++
				}
				sc.step(c)
			}
			if !yield(jsonValue{raw: buf, line: start}, nil) {
				return
			}
			needComma = inArray
		}
	}
}

func quoteByte(c byte) string {
	if c < utf8.RuneSelf && unicode.IsPrint(rune(c)) {
		return fmt.Sprintf("%q", string(c))
	}
	return fmt.Sprintf("byte 0x%02x", c)
}

// decodeObject unmarshals v into out; an error names the line within the
// object where the JSON goes wrong.
func decodeObject(name string, v jsonValue, out any) error {
	if !utf8.Valid(v.raw) {
		// encoding/json would silently turn the bad bytes into U+FFFD.
		at := invalidUTF8At(v.raw)
		return fmt.Errorf("%s:%d: not valid UTF-8 (at byte %d of the object)", name, v.line+bytes.Count(v.raw[:at], []byte("\n")), at)
	}
	err := json.Unmarshal(v.raw, out)
	if err == nil {
		return nil
	}
	line := v.line
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syntax):
		line += bytes.Count(v.raw[:min(int(syntax.Offset), len(v.raw))], []byte("\n"))
		return fmt.Errorf("%s:%d: invalid JSON: %v", name, line, err)
	case errors.As(err, &typ):
		line += bytes.Count(v.raw[:min(int(typ.Offset), len(v.raw))], []byte("\n"))
		if typ.Field == "" {
			return fmt.Errorf("%s:%d: a JSON %s where an object was wanted", name, line, typ.Value)
		}
		return fmt.Errorf("%s:%d: field %s: want %s, got a JSON %s", name, line, typ.Field, jsonKind(typ.Type.Kind().String()), typ.Value)
	}
	return fmt.Errorf("%s:%d: %v", name, line, err)
}

// flexString is a JSON string or number read as a string: ids are either.
type flexString struct {
	s   string
	set bool
}

func (f *flexString) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*f = flexString{s, true}
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("want a string or a number, got %s", quoteShort(string(b)))
	}
	*f = flexString{n.String(), true}
	return nil
}

// jsonID writes an id as a number when it is one, as the tools that
// numbered it wrote it, else as a string.
func jsonID(id string) any {
	if n, err := strconv.ParseInt(id, 10, 64); err == nil && strconv.FormatInt(n, 10) == id {
		return n
	}
	return id
}

// fileStem is a file's name without folders and extension: documents
// without an id of their own are named after it and their line.
func fileStem(name string) string {
	base := path.Base(strings.ReplaceAll(name, "\\", "/"))
	return strings.TrimSuffix(base, path.Ext(base))
}

// spanMaker turns one document's offsets, counted in a format's unit, into
// checked spans.
type spanMaker struct {
	ix   *annotate.TextIndex
	unit Unit
	loss *Loss
}

func newSpanMaker(text string, unit Unit, loss *Loss) *spanMaker {
	return &spanMaker{ix: annotate.NewTextIndex(text), unit: unit, loss: loss}
}

// fragment converts [start, end) from the unit to code points and checks it
// against the text.
func (m *spanMaker) fragment(start, end int) (annotate.Fragment, error) {
	switch {
	case start < 0:
		return annotate.Fragment{}, fmt.Errorf("start %d is negative", start)
	case end <= start:
		return annotate.Fragment{}, fmt.Errorf("end %d is not after start %d", end, start)
	}
	s, err := m.unit.ToCodePoint(m.ix, start)
	if err == nil {
		var e int
		if e, err = m.unit.ToCodePoint(m.ix, end); err == nil {
			f := annotate.Fragment{Start: s, End: e}
			if err = annotate.CheckFragments([]annotate.Fragment{f}, m.ix.Len()); err == nil {
				return f, nil
			}
		}
	}
	err = fmt.Errorf("offsets %d..%d (%s) do not fit the text (%d code points, %d UTF-16 units): %v",
		start, end, m.unit, m.ix.Len(), m.utf16Len(), strings.TrimPrefix(err.Error(), "fragment 0: "))
	if m.unit == CodePoints && m.fitsAs(UTF16, start, end, "") {
		err = fmt.Errorf("%w; they fit as UTF-16 units: read with --offsets utf16", err)
	}
	return annotate.Fragment{}, err
}

func (m *spanMaker) utf16Len() int {
	n, _ := m.ix.UTF16(m.ix.Len())
	return n
}

// fitsAs reports whether start..end read in unit u fit the text, and cover
// want when want is not empty.
func (m *spanMaker) fitsAs(u Unit, start, end int, want string) bool {
	s, err1 := u.ToCodePoint(m.ix, start)
	e, err2 := u.ToCodePoint(m.ix, end)
	if err1 != nil || err2 != nil || s < 0 || e <= s || e > m.ix.Len() {
		return false
	}
	got, _ := m.ix.Slice(s, e)
	return want == "" || got == want
}

// checkText compares the text a file says a span covers with what its
// offsets cover. The offsets are the truth: a text that differs only in
// whitespace (tools that collapse it) is counted in the loss and the span
// kept; any other difference is an error, with the unit that would fit when
// there is one.
func (m *spanMaker) checkText(f annotate.Fragment, start, end int, want string) error {
	got, _ := m.ix.Slice(f.Start, f.End)
	if want == got {
		return nil
	}
	if strings.Join(strings.Fields(want), " ") == strings.Join(strings.Fields(got), " ") {
		m.loss.Add("span texts", "differing from their offsets only in whitespace (kept by their offsets)", 1)
		return nil
	}
	err := fmt.Errorf("text %s does not match the document's %s at %d..%d (%s)", quoteShort(want), quoteShort(got), start, end, m.unit)
	for _, u := range []Unit{CodePoints, UTF16, Bytes} {
		if u != m.unit && m.fitsAs(u, start, end, want) {
			return fmt.Errorf("%w; it matches as %s offsets: read with --offsets %s", err, u, u)
		}
	}
	return err
}

// span is a checked span of one fragment.
func (m *spanMaker) span(id, docID, layer, label string, start, end int) (annotate.Span, error) {
	f, err := m.fragment(start, end)
	if err != nil {
		return annotate.Span{}, err
	}
	if id == "" {
		id = annotate.NewID("s")
	}
	return annotate.Span{ID: id, DocID: docID, Layer: layer, Label: label, Fragments: []annotate.Fragment{f}}, nil
}

// dedupe drops exact duplicates (same layer, label, offsets and annotator)
// that tools export, counting them; ids of the dropped are mapped to the kept
// one in alias, so relations to either survive.
func dedupe(spans []annotate.Span, loss *Loss) ([]annotate.Span, map[string]string) {
	type key struct {
		layer, label, annotator string
		start, end              int
	}
	seen := map[key]string{}
	var alias map[string]string
	out := spans[:0]
	for _, sp := range spans {
		k := key{sp.Layer, sp.Label, sp.Annotator, sp.Start(), sp.End()}
		if kept, dup := seen[k]; dup && len(sp.Fragments) == 1 {
			if alias == nil {
				alias = map[string]string{}
			}
			alias[sp.ID] = kept
			loss.Add("duplicate spans", "merged (same label, offsets and annotator)", 1)
			continue
		}
		seen[k] = sp.ID
		out = append(out, sp)
	}
	return out, alias
}

// checkRelations names the first relation whose ends are not spans of doc.
func checkRelations(doc annotate.AnnotatedDoc) error {
	ids := make(map[string]bool, len(doc.Spans))
	for _, sp := range doc.Spans {
		ids[sp.ID] = true
	}
	seen := map[string]bool{}
	for _, r := range doc.Relations {
		switch {
		case r.Type == "":
			return fmt.Errorf("relation %s has no type", r.ID)
		case !ids[r.From] || !ids[r.To]:
			return fmt.Errorf("relation %s links %s → %s, not both spans of the document", r.ID, r.From, r.To)
		case seen[r.ID]:
			return fmt.Errorf("relation id %q is used twice", r.ID)
		}
		seen[r.ID] = true
	}
	return nil
}

// outSpan is a span as a flat format writes it: its extent in the file's
// unit and the text the extent covers.
type outSpan struct {
	annotate.Span
	start, end int // in the unit
	text       string
}

// exported checks doc against its text before anything of it is written
// (every span inside the text, every relation between its spans) and gives
// each span's extent in unit. What flat formats cannot hold is counted in
// loss: discontinuous spans (written as their extent), attributes, notes
// and statuses, each unless keeps names it.
func exported(doc annotate.AnnotatedDoc, unit Unit, loss *Loss, keeps ...string) ([]outSpan, *annotate.TextIndex, error) {
	if err := doc.Document.Validate(); err != nil {
		return nil, nil, err
	}
	ix := annotate.NewTextIndex(doc.Text)
	out := make([]outSpan, 0, len(doc.Spans))
	ids := make(map[string]bool, len(doc.Spans))
	for _, sp := range doc.Spans {
		if sp.ID == "" || ids[sp.ID] {
			return nil, nil, fmt.Errorf("span id %q is empty or used twice", sp.ID)
		}
		ids[sp.ID] = true
		if err := annotate.CheckFragments(sp.Fragments, ix.Len()); err != nil {
			return nil, nil, fmt.Errorf("span %s does not fit the text: %w", sp.ID, err)
		}
		o := outSpan{Span: sp}
		var err error
		if o.start, err = unit.FromCodePoint(ix, sp.Start()); err == nil {
			o.end, err = unit.FromCodePoint(ix, sp.End())
		}
		if err != nil {
			return nil, nil, fmt.Errorf("span %s: %w", sp.ID, err)
		}
		if o.text, err = ix.Slice(sp.Start(), sp.End()); err != nil {
			return nil, nil, fmt.Errorf("span %s: %w", sp.ID, err)
		}
		out = append(out, o)
	}
	if err := checkRelations(doc); err != nil {
		return nil, nil, err
	}
	for _, sp := range doc.Spans {
		if sp.Discontinuous() {
			loss.Add("discontinuous spans", "written as their extent", 1)
		}
		if !slices.Contains(keeps, "attributes") {
			loss.Drop("attributes", "", len(sp.Attrs))
		}
		if sp.Note != "" && !slices.Contains(keeps, "notes") {
			loss.Drop("notes", "", 1)
		}
	}
	if !slices.Contains(keeps, "statuses") {
		loss.Drop("statuses", "", len(doc.Status))
	}
	return out, ix, nil
}

// metaFields are the document fields flat formats write beside the text,
// Extra's keys included, in a stable order; keys the format itself uses
// (reserved) are left out and counted.
func metaFields(doc annotate.AnnotatedDoc, loss *Loss, reserved ...string) [][2]string {
	var out [][2]string
	add := func(k, v string) {
		if v == "" {
			return
		}
		if slices.Contains(reserved, k) {
			loss.Drop("metadata keys", "named like a field of the format", 1)
			return
		}
		out = append(out, [2]string{k, v})
	}
	add("title", doc.Title)
	add("source", doc.Meta.Source)
	add("url", doc.Meta.URL)
	add("published", doc.Meta.Published)
	add("language", doc.Meta.Language)
	for _, k := range slices.Sorted(maps.Keys(doc.Meta.Extra)) {
		if slices.Contains([]string{"title", "source", "url", "published", "language"}, k) {
			loss.Drop("metadata keys", "named like a field of the format", 1)
			continue
		}
		add(k, doc.Meta.Extra[k])
	}
	return out
}

// setMeta reads a key found beside a document's text: title and the known
// metadata to their places, any other to Extra (a value that is not a
// string as its JSON). Nulls and empty lists or objects are skipped.
func setMeta(doc *annotate.AnnotatedDoc, key string, raw json.RawMessage) {
	raw = bytes.TrimSpace(raw)
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		switch string(bytes.Join(bytes.Fields(raw), nil)) {
		case "null", "[]", "{}", "":
			return
		}
		s = string(raw)
	}
	setField(doc, key, s)
}

func setField(doc *annotate.AnnotatedDoc, key, s string) {
	switch key {
	case "title":
		doc.Title = s
	case "source":
		doc.Meta.Source = s
	case "url":
		doc.Meta.URL = s
	case "published":
		doc.Meta.Published = s
	case "language":
		doc.Meta.Language = s
	default:
		setExtra(&doc.Meta, key, s)
	}
}

// newDoc checks a document read from a flat format and fills its hash.
func newDoc(id, text string) (annotate.AnnotatedDoc, error) {
	doc := annotate.AnnotatedDoc{Document: annotate.Document{ID: id, Text: text}}
	if err := doc.Document.Validate(); err != nil {
		return doc, err
	}
	doc.SHA256 = annotate.TextHash(text)
	return doc, nil
}

// writeJSONLine writes v as one line of JSON, "<" and "&" kept readable.
func writeJSONLine(w io.Writer, buf *bytes.Buffer, v any) error {
	buf.Reset()
	enc := json.NewEncoder(buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// orderedObject is a JSON object whose keys are written in the order given:
// the document's id and text first, as the tools write them.
type orderedObject [][2]any

func (o orderedObject) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, kv := range o {
		if i > 0 {
			b.WriteByte(',')
		}
		for j, v := range kv {
			if j == 1 {
				b.WriteByte(':')
			}
			var vb bytes.Buffer
			enc := json.NewEncoder(&vb)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(v); err != nil {
				return nil, err
			}
			b.Write(bytes.TrimRight(vb.Bytes(), "\n"))
		}
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// FileDetector is a FileReader of a format without an extension of its own
// (doccano and Prodigy write .jsonl, as the native format does) that knows
// its files by their first JSON object, so that such a file named without
// a format is read by it.
type FileDetector interface {
	// DetectsFile reports whether keys, the top-level keys of the file's
	// first object with their values, are this format's and not the
	// format the extension names.
	DetectsFile(keys map[string]json.RawMessage) bool
}

// nativeKeys are the keys of a native JSONL line: a first object with only
// these is the native format's, whatever else could read it.
var nativeKeys = []string{"id", "title", "text", "meta", "labels", "spans", "relations", "status"}

// detectFile is the format that reads p: byExt, the one its extension
// names, unless that is the native format and the file's first object has
// a key the native format refuses and exactly one detector claims it.
func (s Set) detectFile(in Input, p string, byExt Format) Format {
	if byExt.Name != Native {
		return byExt
	}
	f, err := in.FS.Open(p)
	if err != nil {
		return byExt // the read will say why
	}
	defer f.Close()
	keys := firstObjectKeys(bufio.NewReaderSize(f, 64<<10))
	foreign := false
	for k := range keys {
		if !slices.Contains(nativeKeys, k) {
			foreign = true
		}
	}
	if !foreign {
		return byExt
	}
	var found []Format
	for _, o := range s {
		if det, ok := o.FileReader.(FileDetector); ok && len(o.Extensions) == 0 && det.DetectsFile(keys) {
			found = append(found, o)
		}
	}
	if len(found) != 1 {
		return byExt
	}
	return found[0]
}

// detectValueMax is the longest value firstObjectKeys keeps.
const detectValueMax = 4 << 10

// firstObjectKeys reads the top-level keys of the first JSON object in r
// (a line of JSON Lines, or the first element of a top-level array) with
// their values, a value longer than detectValueMax as nil: detecting a
// format must not hold a 50 MB "text" in memory (nor copy it twice, as
// reading the object whole and unmarshalling it did). A key without its
// value (the object is cut short or broken) is not listed; nil when there is
// no object to read.
func firstObjectKeys(r *bufio.Reader) map[string]json.RawMessage {
	if b, _ := r.Peek(len(utf8BOM)); bytes.Equal(b, utf8BOM) {
		r.Discard(len(utf8BOM))
	}
	next := func() (byte, bool) { // the next byte that is not whitespace
		for {
			c, err := r.ReadByte()
			if err != nil {
				return 0, false
			}
			if c != ' ' && c != '\t' && c != '\r' && c != '\n' {
				return c, true
			}
		}
	}
	c, ok := next()
	if ok && c == '[' {
		c, ok = next()
	}
	if !ok || c != '{' {
		return nil
	}
	keys := map[string]json.RawMessage{}
	var raw []byte
	for {
		if c, ok = next(); !ok || c == '}' || c != '"' {
			return keys
		}
		raw = append(raw[:0], c)
		if raw, ok = readJSONValue(r, raw, '"', detectValueMax); !ok || raw == nil {
			return keys
		}
		var key string
		if json.Unmarshal(raw, &key) != nil {
			return keys
		}
		if c, ok = next(); !ok || c != ':' {
			return keys
		}
		if c, ok = next(); !ok {
			return keys
		}
		raw = append(raw[:0], c)
		if raw, ok = readJSONValue(r, raw, c, detectValueMax); !ok {
			return keys
		}
		keys[key] = bytes.Clone(raw)
		if c, ok = next(); !ok || c != ',' {
			return keys
		}
	}
}

// readJSONValue reads the rest of the JSON value whose first byte, first, is
// already in buf (a string, an object or array by its brackets, else a
// literal up to the next delimiter, which is put back), appending it to buf
// until it is longer than max, and from then on only skipping it: buf is nil
// for such a value. ok is false when r ends inside it.
func readJSONValue(r *bufio.Reader, buf []byte, first byte, max int) ([]byte, bool) {
	keep := func(c byte) {
		if buf != nil && len(buf) >= max {
			buf = nil
		}
		if buf != nil {
			buf = append(buf, c)
		}
	}
	sc := jsonScan{inString: first == '"'}
	switch first {
	case '"':
	case '{', '[':
		sc.depth = 1
	default:
		for {
			c, err := r.ReadByte()
			if err != nil {
				return buf, err == io.EOF
			}
			if strings.IndexByte(",}] \t\r\n", c) >= 0 {
				r.UnreadByte()
				return buf, true
			}
			keep(c)
		}
	}
	for sc.inside() {
		c, err := r.ReadByte()
		if err != nil {
			return nil, false
		}
		keep(c)
		sc.step(c)
	}
	return buf, true
}

// DetectsFile: a doccano task has its text as "text" or "data" and its
// annotations as "label", "entities" or "cats".
func (doccanoCodec) DetectsFile(keys map[string]json.RawMessage) bool {
	_, text := keys["text"]
	_, data := keys["data"]
	_, label := keys["label"]
	_, ents := keys["entities"]
	_, cats := keys["cats"]
	_, spans := keys["spans"]
	return (text || data) && (label || ents || cats) && !spans
}

// DetectsFile: a Prodigy task has a "text" and Prodigy's own keys: hashes,
// "tokens", "answer", "accept" or "_view_id".
func (prodigyCodec) DetectsFile(keys map[string]json.RawMessage) bool {
	if _, ok := keys["text"]; !ok {
		return false
	}
	for _, k := range []string{"_input_hash", "_task_hash", "tokens", "answer", "accept", "_view_id"} {
		if _, ok := keys[k]; ok {
			return true
		}
	}
	return false
}

// annotatedMarks counts the spans and relations that name an annotator, and
// annotatedLabels the document labels that do: what a format without
// annotator names loses (folder formats report document labels apart).
func annotatedMarks(d annotate.AnnotatedDoc) int {
	n := 0
	for _, s := range d.Spans {
		if s.Annotator != "" {
			n++
		}
	}
	for _, r := range d.Relations {
		if r.Annotator != "" {
			n++
		}
	}
	return n
}

func annotatedLabels(d annotate.AnnotatedDoc) int {
	n := 0
	for _, l := range d.Labels {
		if l.Annotator != "" {
			n++
		}
	}
	return n
}

// jsonScan follows a JSON value byte by byte, as far as telling where it
// ends: strings (with their escapes) and the depth of brackets.
type jsonScan struct {
	depth             int
	inString, escaped bool
}

func (sc *jsonScan) inside() bool { return sc.inString || sc.depth > 0 }

func (sc *jsonScan) step(c byte) {
	switch {
	case sc.inString:
		switch {
		case sc.escaped:
			sc.escaped = false
		case c == '\\':
			sc.escaped = true
		case c == '"':
			sc.inString = false
		}
	case c == '"':
		sc.inString = true
	case c == '{' || c == '[':
		sc.depth++
	case c == '}' || c == ']':
		sc.depth--
	}
}
