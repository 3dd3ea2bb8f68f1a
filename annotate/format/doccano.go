package format

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"strconv"

	"frametag/annotate"
)

func init() { register(Doccano()) }

// Doccano is doccano's JSONL export and import, in both of its shapes:
// sequence labelling ("label": [[start, end, "LABEL"], ...]) and relation
// extraction ("entities" with start_offset/end_offset, "relations" with
// from_id/to_id/type). Category names ("cats", or strings in "label") are
// document labels. Offsets count UTF-16 units, as doccano's browser editor
// does. It shares .jsonl with the native format, so it is read and written
// when named (--format doccano).
func Doccano() Format {
	return Format{
		Name:         "doccano",
		Description:  "doccano JSONL: label or entities/relations, cats as document labels; UTF-16 offsets",
		Keeps:        []string{"documents with title and metadata", "spans", "relations", "document labels"},
		Drops:        []string{"layers (a label's layer comes from the schema)", "attributes", "notes", "annotator names", "statuses", "discontinuous spans (written as their extent)"},
		Offsets:      UTF16,
		FileReader:   doccanoCodec{},
		StreamWriter: doccanoCodec{},
	}
}

type doccanoCodec struct{}

type doccanoEntity struct {
	ID    flexString `json:"id"`
	Label *string    `json:"label"`
	Start *int       `json:"start_offset"`
	End   *int       `json:"end_offset"`
}

type doccanoRelation struct {
	ID   flexString `json:"id"`
	From flexString `json:"from_id"`
	To   flexString `json:"to_id"`
	Type string     `json:"type"`
}

// ReadFile reads one task a line (or pretty-printed tasks one after
// another, as some shipped examples are).
func (doccanoCodec) ReadFile(name string, r io.Reader, opt Options, loss *Loss) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		seen := map[string]int{}
		for v, err := range jsonObjects(name, r) {
			if err != nil {
				yield(Record{}, err)
				return
			}
			doc, err := readDoccano(name, v, opt, loss)
			if err == nil {
				if first, dup := seen[doc.ID]; dup {
					err = fmt.Errorf("%s:%d: document id %q already used on line %d", name, v.line, doc.ID, first)
				}
				seen[doc.ID] = v.line
			}
			if err != nil {
				yield(Record{}, err)
				return
			}
			if !yield(Record{Doc: doc, Pos: Pos{Name: name, Line: v.line}}, nil) {
				return
			}
		}
	}
}

func readDoccano(name string, v jsonValue, opt Options, loss *Loss) (annotate.AnnotatedDoc, error) {
	var obj map[string]json.RawMessage
	if err := decodeObject(name, v, &obj); err != nil {
		return annotate.AnnotatedDoc{}, err
	}
	at := func(format string, a ...any) error {
		return fmt.Errorf("%s:%d: %s", name, v.line, fmt.Sprintf(format, a...))
	}
	var id flexString
	if raw, ok := obj["id"]; ok {
		if err := json.Unmarshal(raw, &id); err != nil {
			return annotate.AnnotatedDoc{}, at("id: %v", err)
		}
	}
	if !id.set {
		id = flexString{fmt.Sprintf("%s-%d", fileStem(name), v.line), true}
	}
	var text *string
	textKey := "text"
	if _, ok := obj["text"]; !ok {
		if _, ok := obj["data"]; ok {
			textKey = "data" // older exports name the text "data"
		}
	}
	if raw, ok := obj[textKey]; ok {
		if err := json.Unmarshal(raw, &text); err != nil {
			return annotate.AnnotatedDoc{}, at("document %q: %q: want a string", id.s, textKey)
		}
	}
	if text == nil {
		return annotate.AnnotatedDoc{}, at(`document %q: missing "text"`, id.s)
	}
	doc, err := newDoc(id.s, *text)
	if err != nil {
		return doc, at("%v", err)
	}
	fail := func(format string, a ...any) (annotate.AnnotatedDoc, error) {
		return annotate.AnnotatedDoc{}, at("document %q: %s", doc.ID, fmt.Sprintf(format, a...))
	}
	m := newSpanMaker(doc.Text, opt.Offsets, loss)
	addSpan := func(id, label string, start, end int) error {
		layer, err := opt.layerFor(annotate.SpanLayer, "", label)
		if err != nil {
			return err
		}
		sp, err := m.span(id, doc.ID, layer, label, start, end)
		if err != nil {
			return err
		}
		doc.Spans = append(doc.Spans, sp)
		return nil
	}
	addCategory := func(label string) error {
		layer, err := opt.layerFor(annotate.DocumentLayer, "", label)
		if err != nil {
			return err
		}
		dl := annotate.DocLabel{Layer: layer, Label: label}
		for _, have := range doc.Labels {
			if have == dl {
				return nil
			}
		}
		doc.Labels = append(doc.Labels, dl)
		return nil
	}

	for key, raw := range obj {
		switch key {
		case "id", textKey, "entities", "relations":
		case "label":
			var items []json.RawMessage
			if err := json.Unmarshal(raw, &items); err != nil {
				return fail(`"label": want a list of [start, end, "LABEL"] or of category names`)
			}
			for i, item := range items {
				var cat string
				if json.Unmarshal(item, &cat) == nil {
					if cat == "" {
						return fail("label %d: an empty category name", i+1)
					}
					if err := addCategory(cat); err != nil {
						return fail("label %d: %v", i+1, err)
					}
					continue
				}
				var triple []json.RawMessage
				var s, e int
				var l string
				if json.Unmarshal(item, &triple) != nil || len(triple) != 3 ||
					json.Unmarshal(triple[0], &s) != nil || json.Unmarshal(triple[1], &e) != nil || json.Unmarshal(triple[2], &l) != nil || l == "" {
					return fail("label %d: want [start, end, \"LABEL\"], got %s", i+1, compactJSON(item))
				}
				// Triples have no ids: their place makes one, stable from
				// one reading to the next.
				if err := addSpan(fmt.Sprintf("label-%d", i+1), l, s, e); err != nil {
					return fail("label %d %s: %v", i+1, compactJSON(item), err)
				}
			}
		case "cats":
			if err := readCats(raw, addCategory); err != nil {
				return fail(`"cats": %v`, err)
			}
		case "meta":
			var meta map[string]json.RawMessage
			if json.Unmarshal(raw, &meta) != nil {
				setMeta(&doc, key, raw)
				continue
			}
			for k, v := range meta {
				setMeta(&doc, k, v)
			}
		default:
			setMeta(&doc, key, raw)
		}
	}

	var ents []doccanoEntity
	if raw, ok := obj["entities"]; ok {
		if err := json.Unmarshal(raw, &ents); err != nil {
			return fail(`"entities": want a list of {"id", "label", "start_offset", "end_offset"}: %v`, err)
		}
	}
	spanOf := map[string]string{} // the file's entity id → span id
	for i, e := range ents {
		where := fmt.Sprintf("entity %d", i+1)
		if e.ID.set {
			where = fmt.Sprintf("entity %s", e.ID.s)
		}
		if e.Label == nil || *e.Label == "" || e.Start == nil || e.End == nil {
			return fail(`%s: needs "label", "start_offset" and "end_offset"`, where)
		}
		if e.ID.set {
			if _, dup := spanOf[e.ID.s]; dup {
				return fail("entity id %s is used twice", e.ID.s)
			}
		}
		for i, sp := range doc.Spans { // an entity named like a triple's made id
			if e.ID.set && sp.ID == e.ID.s {
				doc.Spans[i].ID = annotate.NewID("s")
			}
		}
		id := e.ID.s
		if !e.ID.set {
			id = fmt.Sprintf("entity-%d", i+1)
		}
		if err := addSpan(id, *e.Label, *e.Start, *e.End); err != nil {
			return fail("%s: %v", where, err)
		}
		if e.ID.set {
			spanOf[e.ID.s] = doc.Spans[len(doc.Spans)-1].ID
		}
	}
	spans, alias := dedupe(doc.Spans, loss)
	doc.Spans = spans

	var rels []doccanoRelation
	if raw, ok := obj["relations"]; ok {
		if err := json.Unmarshal(raw, &rels); err != nil {
			return fail(`"relations": want a list of {"id", "from_id", "to_id", "type"}: %v`, err)
		}
	}
	relIDs := map[string]bool{}
	for i, r := range rels {
		where := fmt.Sprintf("relation %d", i+1)
		id := r.ID.s
		if r.ID.set {
			where = "relation " + r.ID.s
		} else {
			id = annotate.NewID("r")
		}
		from, okFrom := spanOf[r.From.s]
		to, okTo := spanOf[r.To.s]
		switch {
		case r.Type == "":
			return fail(`%s: missing "type"`, where)
		case !okFrom:
			return fail("%s: from_id names no entity of the document (%s)", where, quoteShort(r.From.s))
		case !okTo:
			return fail("%s: to_id names no entity of the document (%s)", where, quoteShort(r.To.s))
		case relIDs[id]:
			return fail("relation id %s is used twice", id)
		}
		relIDs[id] = true
		if a, ok := alias[from]; ok {
			from = a
		}
		if a, ok := alias[to]; ok {
			to = a
		}
		doc.Relations = append(doc.Relations, annotate.Relation{ID: id, DocID: doc.ID, Type: r.Type, From: from, To: to})
	}
	return doc, nil
}

// readCats reads categories as a list of names or as spaCy's object of
// names to scores (true or at least 0.5 counts as given).
func readCats(raw json.RawMessage, add func(string) error) error {
	var names []string
	if err := json.Unmarshal(raw, &names); err == nil {
		for _, n := range names {
			if n == "" {
				return fmt.Errorf("an empty category name")
			}
			if err := add(n); err != nil {
				return err
			}
		}
		return nil
	}
	var scores map[string]json.RawMessage
	if err := json.Unmarshal(raw, &scores); err != nil {
		return fmt.Errorf("want a list of category names or an object of names to scores")
	}
	for _, n := range slices.Sorted(maps.Keys(scores)) {
		var b bool
		var f float64
		switch {
		case json.Unmarshal(scores[n], &b) == nil:
		case json.Unmarshal(scores[n], &f) == nil:
			b = f >= 0.5
		default:
			return fmt.Errorf("%q: want true, false or a score", n)
		}
		if b {
			if err := add(n); err != nil {
				return err
			}
		}
	}
	return nil
}

func (doccanoCodec) NewEncoder(w io.Writer, opt Options, loss *Loss) Encoder {
	return &doccanoEncoder{w: bufio.NewWriterSize(w, 256*1024), opt: opt, loss: loss}
}

type doccanoEncoder struct {
	w    *bufio.Writer
	buf  bytes.Buffer
	opt  Options
	loss *Loss
}

// Encode writes one document as one line: "entities" and "relations" when
// the project's schema has relation types (or, without a schema, when the
// document has relations), else "label" triples; document labels as "cats".
func (e *doccanoEncoder) Encode(doc annotate.AnnotatedDoc) error {
	spans, _, err := exported(doc, e.opt.Offsets, e.loss)
	if err != nil {
		return fmt.Errorf("document %q: %w", doc.ID, err)
	}
	line := orderedObject{{"id", jsonID(doc.ID)}, {"text", doc.Text}}
	relational := len(doc.Relations) > 0
	if len(e.opt.Schema.Layers) > 0 {
		relational = len(e.opt.Schema.Relations) > 0
	}
	if relational {
		// Entity ids are numbers in doccano: the spans' own when they all
		// are, else their place in the document.
		ids := numericIDs(spanIDs(doc.Spans))
		relIDs := numericIDs(relationIDs(doc.Relations))
		ents := make([]orderedObject, len(spans))
		for i, sp := range spans {
			ents[i] = orderedObject{{"id", ids[sp.ID]}, {"label", sp.Label}, {"start_offset", sp.start}, {"end_offset", sp.end}}
		}
		rels := make([]orderedObject, len(doc.Relations))
		for i, r := range doc.Relations {
			rels[i] = orderedObject{{"id", relIDs[r.ID]}, {"from_id", ids[r.From]}, {"to_id", ids[r.To]}, {"type", r.Type}}
		}
		line = append(line, [2]any{"entities", ents}, [2]any{"relations", rels})
	} else {
		labels := make([][3]any, len(spans))
		for i, sp := range spans {
			labels[i] = [3]any{sp.start, sp.end, sp.Label}
		}
		line = append(line, [2]any{"label", labels})
	}
	cats := make([]string, 0, len(doc.Labels))
	for _, l := range doc.Labels {
		if !slices.Contains(cats, l.Label) {
			cats = append(cats, l.Label)
		}
	}
	if len(cats) > 0 {
		line = append(line, [2]any{"cats", cats})
	}
	for _, kv := range metaFields(doc, e.loss, "id", "text", "label", "entities", "relations", "cats", "data") {
		line = append(line, [2]any{kv[0], kv[1]})
	}
	e.loss.Drop("annotator names", "format has none", annotatedMarks(doc)+annotatedLabels(doc))
	return writeJSONLine(e.w, &e.buf, line)
}

func (e *doccanoEncoder) Flush() error { return e.w.Flush() }

// numericIDs gives each id a number: the id itself when every id is a
// distinct number, else its place in the list.
func numericIDs(list []string) map[string]int64 {
	ids := make(map[string]int64, len(list))
	used := map[int64]bool{}
	for _, id := range list {
		n, err := strconv.ParseInt(id, 10, 64)
		if err != nil || used[n] || strconv.FormatInt(n, 10) != id {
			clear(ids)
			for i, id := range list {
				ids[id] = int64(i)
			}
			return ids
		}
		used[n] = true
		ids[id] = n
	}
	return ids
}

func spanIDs(spans []annotate.Span) []string {
	ids := make([]string, len(spans))
	for i, sp := range spans {
		ids[i] = sp.ID
	}
	return ids
}

func relationIDs(rels []annotate.Relation) []string {
	ids := make([]string, len(rels))
	for i, r := range rels {
		ids[i] = r.ID
	}
	return ids
}

// compactJSON is raw without its spaces, shortened when long: a value
// quoted in a message.
func compactJSON(raw json.RawMessage) string {
	var b bytes.Buffer
	if json.Compact(&b, raw) != nil {
		return quoteShort(string(raw))
	}
	if r := []rune(b.String()); len(r) > 60 {
		return string(r[:30]) + "…" + string(r[len(r)-30:])
	}
	return b.String()
}
