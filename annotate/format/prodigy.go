package format

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"io"
	"iter"
	"maps"
	"slices"
	"unicode"

	"frametag/annotate"
)

func init() { register(Prodigy()) }

// Prodigy is Prodigy's JSONL: one task a line with "text", "tokens",
// "spans" (token_end inclusive, "text" optional), "relations" between tokens
// (head and child are token indices) and "accept" (chosen options) as
// document labels. Tasks answered "reject" or "ignore" are skipped and
// counted. Offsets are code points, as Python counts. Consecutive tasks of
// the same input (one per annotator) are one document. It shares .jsonl
// with the native format, so it is read and written when named.
func Prodigy() Format {
	return Format{
		Name:         "prodigy",
		Description:  "Prodigy JSONL: spans, tokens, relations by token, accept as document labels",
		Keeps:        []string{"documents with title and metadata", "spans", "relations", "document labels", "annotators"},
		Drops:        []string{"layers (a label's layer comes from the schema)", "attributes", "notes", "statuses", "discontinuous spans (written as their extent)", "rejected and ignored tasks (on import)"},
		Offsets:      CodePoints,
		FileReader:   prodigyCodec{},
		StreamWriter: prodigyCodec{},
	}
}

type prodigyCodec struct{}

type prodigyToken struct {
	Text  string `json:"text"`
	Start int    `json:"start"`
	End   int    `json:"end"`
	ID    int    `json:"id"`
	WS    bool   `json:"ws"`
}

type prodigySpan struct {
	Start      *int    `json:"start"`
	End        *int    `json:"end"`
	TokenStart *int    `json:"token_start"`
	TokenEnd   *int    `json:"token_end"`
	Label      *string `json:"label"`
	Text       *string `json:"text"`
}

type prodigyRelation struct {
	Head      *int         `json:"head"`
	Child     *int         `json:"child"`
	HeadSpan  *prodigySpan `json:"head_span"`
	ChildSpan *prodigySpan `json:"child_span"`
	Label     string       `json:"label"`
}

type prodigyTask struct {
	Text      *string           `json:"text"`
	Tokens    []prodigyToken    `json:"tokens"`
	Spans     []prodigySpan     `json:"spans"`
	Relations []prodigyRelation `json:"relations"`
	Accept    []flexString      `json:"accept"`
	Label     *string           `json:"label"` // a binary classification task's label
	Answer    string            `json:"answer"`
	ID        flexString        `json:"id"`
	Meta      json.RawMessage   `json:"meta"`
	InputHash flexString        `json:"_input_hash"`
	Annotator string            `json:"_annotator_id"`
	Session   string            `json:"_session_id"`
}

// ReadFile reads one task a line. A task whose "_input_hash" and text are
// those of the task before it (another annotator's answer) adds to that
// task's document.
func (prodigyCodec) ReadFile(name string, r io.Reader, opt Options, loss *Loss) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		seen := map[string]int{}
		hashOf := map[string]flexString{}
		var pending *prodigyDoc
		flush := func() bool {
			if pending == nil {
				return true
			}
			p := pending
			pending = nil
			if err := p.finish(opt, loss); err != nil {
				yield(Record{}, fmt.Errorf("%s:%d: document %q: %w", name, p.line, p.doc.ID, err))
				return false
			}
			if first, dup := seen[p.doc.ID]; dup {
				err := fmt.Errorf("%s:%d: document id %q already used on line %d", name, p.line, p.doc.ID, first)
				if p.hash.set && hashOf[p.doc.ID] == p.hash {
					// Another annotator's answer, not next to the first.
					err = fmt.Errorf("%w: tasks of one input must follow one another; sort the file by _input_hash first, e.g. jq -s -c 'sort_by(._input_hash)[]'", err)
				}
				yield(Record{}, err)
				return false
			}
			seen[p.doc.ID] = p.line
			hashOf[p.doc.ID] = p.hash
			return yield(Record{Doc: p.doc, Pos: Pos{Name: name, Line: p.line}}, nil)
		}
		for v, err := range jsonObjects(name, r) {
			if err != nil {
				yield(Record{}, err)
				return
			}
			var task prodigyTask
			if err := decodeObject(name, v, &task); err != nil {
				yield(Record{}, err)
				return
			}
			switch task.Answer {
			case "", "accept":
			case "reject", "ignore":
				loss.Add(fmt.Sprintf("tasks answered %q", task.Answer), "skipped", 1)
				continue
			default:
				yield(Record{}, fmt.Errorf("%s:%d: \"answer\" is %q, want accept, reject or ignore", name, v.line, task.Answer))
				return
			}
			if task.Text == nil {
				yield(Record{}, fmt.Errorf("%s:%d: missing \"text\"", name, v.line))
				return
			}
			doc, err := prodigyNewDoc(name, v.line, task)
			if err != nil {
				yield(Record{}, err)
				return
			}
			// Another annotator's answer to the task before: the same input,
			// text and document id.
			same := pending != nil && task.InputHash.set && task.InputHash == pending.hash &&
				doc.Text == pending.doc.Text && doc.ID == pending.doc.ID
			if !same {
				if !flush() {
					return
				}
				pending = &prodigyDoc{doc: doc, line: v.line, hash: task.InputHash}
			}
			if err := pending.add(task, opt, loss); err != nil {
				yield(Record{}, fmt.Errorf("%s:%d: document %q: %w", name, v.line, pending.doc.ID, err))
				return
			}
		}
		flush()
	}
}

// prodigyDoc is a document being read, until a task of another input comes.
type prodigyDoc struct {
	doc      annotate.AnnotatedDoc
	line     int
	hash     flexString
	nextSpan int
	rels     []prodigyRel // resolved when the document is complete
}

// prodigyRel is a relation whose ends are known by extent (code points) and
// perhaps label: the spans they name may come in another annotator's task.
type prodigyRel struct {
	from, to  prodigyEnd
	typ       string
	annotator string
	what      string
}

type prodigyEnd struct {
	start, end int
	label      string // "" when only a token is named
}

func prodigyNewDoc(name string, line int, task prodigyTask) (annotate.AnnotatedDoc, error) {
	var meta map[string]json.RawMessage
	if len(task.Meta) > 0 && json.Unmarshal(task.Meta, &meta) != nil {
		return annotate.AnnotatedDoc{}, fmt.Errorf("%s:%d: \"meta\": want an object", name, line)
	}
	id := task.ID
	if raw, ok := meta["id"]; ok && !id.set {
		json.Unmarshal(raw, &id)
	}
	if !id.set && task.InputHash.set {
		id = flexString{"input-" + task.InputHash.s, true}
	}
	if !id.set {
		id = flexString{fmt.Sprintf("%s-%d", fileStem(name), line), true}
	}
	doc, err := newDoc(id.s, *task.Text)
	if err != nil {
		return doc, fmt.Errorf("%s:%d: %w", name, line, err)
	}
	for _, k := range slices.Sorted(maps.Keys(meta)) {
		if k != "id" {
			setMeta(&doc, k, meta[k])
		}
	}
	if task.InputHash.set {
		setExtra(&doc.Meta, "_input_hash", task.InputHash.s)
	}
	return doc, nil
}

// add reads one task's annotations into the document.
func (p *prodigyDoc) add(task prodigyTask, opt Options, loss *Loss) error {
	doc := &p.doc
	annotator := task.Annotator
	if annotator == "" {
		annotator = task.Session
	}
	m := newSpanMaker(doc.Text, opt.Offsets, loss)
	tokenAt := func(i int, what string) (prodigyToken, error) {
		if i < 0 || i >= len(task.Tokens) {
			return prodigyToken{}, fmt.Errorf("%s: no token %d (the task has %d)", what, i, len(task.Tokens))
		}
		return task.Tokens[i], nil
	}
	// extent is where a span of the file lies, in code points.
	extent := func(s prodigySpan, what string) (annotate.Fragment, error) {
		start, end := s.Start, s.End
		if start == nil || end == nil {
			if s.TokenStart == nil || s.TokenEnd == nil {
				return annotate.Fragment{}, fmt.Errorf(`%s: needs "start" and "end" (or "token_start" and "token_end" with "tokens")`, what)
			}
			a, err := tokenAt(*s.TokenStart, what)
			if err != nil {
				return annotate.Fragment{}, err
			}
			b, err := tokenAt(*s.TokenEnd, what)
			if err != nil {
				return annotate.Fragment{}, err
			}
			start, end = &a.Start, &b.End
		}
		f, err := m.fragment(*start, *end)
		if err != nil {
			return f, fmt.Errorf("%s: %w", what, err)
		}
		if s.Text != nil {
			if err := m.checkText(f, *start, *end, *s.Text); err != nil {
				return f, fmt.Errorf("%s: %w", what, err)
			}
		}
		return f, nil
	}
	tokenEnd := map[int]prodigyEnd{} // token_end → the task's span ending there
	for i, s := range task.Spans {
		what := fmt.Sprintf("span %d", i+1)
		if s.Label == nil || *s.Label == "" {
			loss.Drop("spans without a label", "", 1)
			continue
		}
		f, err := extent(s, what)
		if err != nil {
			return err
		}
		layer, err := opt.layerFor(annotate.SpanLayer, "", *s.Label)
		if err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		p.nextSpan++
		doc.Spans = append(doc.Spans, annotate.Span{ID: fmt.Sprintf("s%d", p.nextSpan), DocID: doc.ID, Layer: layer, Label: *s.Label,
			Fragments: []annotate.Fragment{f}, Annotator: annotator})
		if s.TokenEnd != nil {
			if _, ok := tokenEnd[*s.TokenEnd]; !ok {
				tokenEnd[*s.TokenEnd] = prodigyEnd{f.Start, f.End, *s.Label}
			}
		}
	}
	// A relation's end is the span its head_span (child_span) describes,
	// else the task's span ending at its token, else the token itself.
	end := func(tok *int, s *prodigySpan, what string) (prodigyEnd, error) {
		if s != nil && (s.Start != nil || s.TokenStart != nil) {
			f, err := extent(*s, what)
			if err != nil {
				return prodigyEnd{}, err
			}
			e := prodigyEnd{start: f.Start, end: f.End}
			if s.Label != nil {
				e.label = *s.Label
			}
			return e, nil
		}
		if tok == nil {
			return prodigyEnd{}, fmt.Errorf("%s: needs a token index or a span", what)
		}
		if e, ok := tokenEnd[*tok]; ok {
			return e, nil
		}
		t, err := tokenAt(*tok, what)
		if err != nil {
			return prodigyEnd{}, err
		}
		f, err := m.fragment(t.Start, t.End)
		if err != nil {
			return prodigyEnd{}, fmt.Errorf("%s: token %d: %w", what, *tok, err)
		}
		return prodigyEnd{start: f.Start, end: f.End}, nil
	}
	for i, r := range task.Relations {
		what := fmt.Sprintf("relation %d", i+1)
		if r.Label == "" {
			return fmt.Errorf(`%s: missing "label"`, what)
		}
		h, err := end(r.Head, r.HeadSpan, what+" head")
		if err != nil {
			return err
		}
		c, err := end(r.Child, r.ChildSpan, what+" child")
		if err != nil {
			return err
		}
		p.rels = append(p.rels, prodigyRel{from: h, to: c, typ: r.Label, annotator: annotator, what: what})
	}
	var chosen []string
	for _, a := range task.Accept {
		chosen = append(chosen, a.s)
	}
	if task.Label != nil && *task.Label != "" && len(task.Spans) == 0 && len(task.Relations) == 0 {
		chosen = append(chosen, *task.Label) // a binary classification task, accepted
	}
	for _, c := range chosen {
		if c == "" {
			return fmt.Errorf(`"accept": an empty option id`)
		}
		layer, err := opt.layerFor(annotate.DocumentLayer, "", c)
		if err != nil {
			return fmt.Errorf(`"accept": %w`, err)
		}
		dl := annotate.DocLabel{Layer: layer, Label: c, Annotator: annotator}
		if !slices.Contains(doc.Labels, dl) {
			doc.Labels = append(doc.Labels, dl)
		}
	}
	return nil
}

// finish merges duplicate spans and links the relations to their spans,
// those of the relation's annotator first; an end no span covers (a token)
// becomes a span of its own.
func (p *prodigyDoc) finish(opt Options, loss *Loss) error {
	doc := &p.doc
	doc.Spans, _ = dedupe(doc.Spans, loss)
	find := func(e prodigyEnd, annotator string) (string, bool) {
		found := ""
		for _, sp := range doc.Spans {
			if sp.Start() != e.start || sp.End() != e.end || (e.label != "" && sp.Label != e.label) {
				continue
			}
			if sp.Annotator == annotator {
				return sp.ID, true
			}
			if found == "" {
				found = sp.ID
			}
		}
		return found, found != ""
	}
	spanFor := func(e prodigyEnd, annotator, what string) (string, error) {
		if id, ok := find(e, annotator); ok {
			return id, nil
		}
		label := e.label
		if label == "" {
			label = "token"
		}
		layer, err := opt.layerFor(annotate.SpanLayer, "", label)
		if err != nil {
			return "", fmt.Errorf("%s: %w", what, err)
		}
		p.nextSpan++
		doc.Spans = append(doc.Spans, annotate.Span{ID: fmt.Sprintf("s%d", p.nextSpan), DocID: doc.ID, Layer: layer, Label: label,
			Fragments: []annotate.Fragment{{Start: e.start, End: e.end}}, Annotator: annotator})
		loss.Add("spans", "made for relation ends that no span covered", 1)
		return doc.Spans[len(doc.Spans)-1].ID, nil
	}
	for i, r := range p.rels {
		from, err := spanFor(r.from, r.annotator, r.what+" head")
		if err != nil {
			return err
		}
		to, err := spanFor(r.to, r.annotator, r.what+" child")
		if err != nil {
			return err
		}
		doc.Relations = append(doc.Relations, annotate.Relation{ID: fmt.Sprintf("r%d", i+1), DocID: doc.ID, Type: r.typ,
			From: from, To: to, Annotator: r.annotator})
	}
	return nil
}

func (prodigyCodec) NewEncoder(w io.Writer, opt Options, loss *Loss) Encoder {
	return &prodigyEncoder{w: bufio.NewWriterSize(w, 256*1024), opt: opt, loss: loss}
}

type prodigyEncoder struct {
	w    *bufio.Writer
	buf  bytes.Buffer
	opt  Options
	loss *Loss
}

// Encode writes a document as one accepted task, or as one task per
// annotator (sharing an "_input_hash") when several annotated it. Tokens
// are the text's runs of non-space characters, cut where a span begins or
// ends, so that every span's token_start and token_end are exact.
func (e *prodigyEncoder) Encode(doc annotate.AnnotatedDoc) error {
	spans, ix, err := exported(doc, e.opt.Offsets, e.loss)
	if err != nil {
		return fmt.Errorf("document %q: %w", doc.ID, err)
	}
	// Tokens are cut in code points; their offsets are written in the unit.
	cuts := map[int]bool{}
	for _, sp := range doc.Spans {
		cuts[sp.Start()], cuts[sp.End()] = true, true
	}
	var tokens []prodigyToken
	var cpStart, cpEnd []int // each token's, in code points
	runes := []rune(doc.Text)
	for i := 0; i < len(runes); {
		if unicode.IsSpace(runes[i]) {
			i++
			continue
		}
		j := i + 1
		for j < len(runes) && !unicode.IsSpace(runes[j]) && !cuts[j] {
			j++
		}
		s, _ := e.opt.Offsets.FromCodePoint(ix, i)
		t, _ := e.opt.Offsets.FromCodePoint(ix, j)
		cpStart, cpEnd = append(cpStart, i), append(cpEnd, j)
		tokens = append(tokens, prodigyToken{Text: string(runes[i:j]), Start: s, End: t, ID: len(tokens), WS: j < len(runes) && unicode.IsSpace(runes[j])})
		i = j
	}
	// The tokens a span covers: the first starting at or after its start,
	// the last ending at or before its end.
	tokenRange := func(sp annotate.Span) (int, int, bool) {
		a, _ := slices.BinarySearch(cpStart, sp.Start())
		b, found := slices.BinarySearch(cpEnd, sp.End())
		if !found {
			b--
		}
		return a, b, a < len(tokens) && b >= a
	}
	byAnnotator := map[string]bool{}
	var annotators []string
	note := func(a string) {
		if !byAnnotator[a] {
			byAnnotator[a] = true
			annotators = append(annotators, a)
		}
	}
	for _, sp := range doc.Spans {
		note(sp.Annotator)
	}
	for _, r := range doc.Relations {
		note(r.Annotator)
	}
	for _, l := range doc.Labels {
		note(l.Annotator)
	}
	if len(annotators) == 0 {
		annotators = []string{""}
	}
	hash := doc.Meta.Extra["_input_hash"]
	if hash == "" {
		sum := sha256.Sum256([]byte(doc.Text))
		hash = fmt.Sprint(int32(binary.BigEndian.Uint32(sum[:4])))
	}
	meta := orderedObject{{"id", doc.ID}}
	for _, kv := range metaFields(doc, e.loss, "id") {
		if kv[0] != "_input_hash" {
			meta = append(meta, [2]any{kv[0], kv[1]})
		}
	}
	spanOf := map[string]outSpan{}
	for _, sp := range spans {
		spanOf[sp.ID] = sp
	}
	for _, who := range annotators {
		var outSpans []orderedObject
		for _, sp := range spans {
			if sp.Annotator != who {
				continue
			}
			o := orderedObject{{"start", sp.start}, {"end", sp.end}, {"text", sp.text}}
			if a, b, ok := tokenRange(sp.Span); ok {
				o = append(o, [2]any{"token_start", a}, [2]any{"token_end", b})
			}
			outSpans = append(outSpans, append(o, [2]any{"label", sp.Label}))
		}
		var rels []orderedObject
		for _, r := range doc.Relations {
			if r.Annotator != who {
				continue
			}
			h, c := spanOf[r.From], spanOf[r.To]
			ha, hb, hok := tokenRange(h.Span)
			ca, cb, cok := tokenRange(c.Span)
			if !hok || !cok {
				e.loss.Drop("relations", "an end covers no token", 1)
				continue
			}
			rels = append(rels, orderedObject{{"head", hb}, {"child", cb},
				{"head_span", orderedObject{{"start", h.start}, {"end", h.end}, {"token_start", ha}, {"token_end", hb}, {"label", h.Label}}},
				{"child_span", orderedObject{{"start", c.start}, {"end", c.end}, {"token_start", ca}, {"token_end", cb}, {"label", c.Label}}},
				{"label", r.Type}})
		}
		var accept []string
		var options []orderedObject
		for _, l := range doc.Labels {
			if l.Annotator == who && !slices.Contains(accept, l.Label) {
				accept = append(accept, l.Label)
				options = append(options, orderedObject{{"id", l.Label}, {"text", l.Label}})
			}
		}
		task := orderedObject{{"text", doc.Text}, {"meta", meta}, {"tokens", tokens}, {"spans", nonNil(outSpans)}}
		if len(rels) > 0 {
			task = append(task, [2]any{"relations", rels})
		}
		if len(accept) > 0 {
			task = append(task, [2]any{"options", options}, [2]any{"accept", accept})
		}
		task = append(task, [2]any{"answer", "accept"}, [2]any{"_input_hash", jsonID(hash)})
		if who != "" {
			task = append(task, [2]any{"_annotator_id", who})
		}
		if err := writeJSONLine(e.w, &e.buf, task); err != nil {
			return err
		}
	}
	return nil
}

func (e *prodigyEncoder) Flush() error { return e.w.Flush() }

// nonNil is list, or an empty list written as [] rather than null.
func nonNil[T any](list []T) []T {
	if list == nil {
		return []T{}
	}
	return list
}
