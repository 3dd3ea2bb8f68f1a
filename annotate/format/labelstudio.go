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
	"strings"

	"frametag/annotate"
)

func init() { register(LabelStudio()) }

// LabelStudio is Label Studio's JSON export: one array of tasks, each with
// its "data" and the "annotations" of several annotators ("completed_by"),
// whose "labels" results are spans (the from_name is their layer),
// "relation" results relations and "choices" results document labels;
// per-region results (sharing a region's id) are its span's attributes and
// note. The
// JSON_MIN export (one flat object a task) is read too. The array is read
// one task at a time, so a file of any size streams. Offsets are code
// points, as Label Studio has counted since 1.0 (older versions counted
// UTF-16 units: --offsets utf16).
func LabelStudio() Format {
	return Format{
		Name:         "labelstudio",
		Extensions:   []string{".json"},
		Description:  "Label Studio JSON export (or JSON_MIN): labels, relations, choices, one annotation per annotator",
		Keeps:        []string{"documents with title and metadata", "spans with their layer", "attributes and notes (per-region results)", "relations", "document labels", "annotators"},
		Drops:        []string{"statuses", "discontinuous spans (written as their extent)", "predictions, drafts and cancelled annotations (on import)", "results of other types (on import)"},
		Offsets:      CodePoints,
		FileReader:   labelStudioCodec{},
		StreamWriter: labelStudioCodec{},
	}
}

type labelStudioCodec struct{}

// LabelStudioUnlabelled is the type of a relation Label Studio exports
// without labels.
const LabelStudioUnlabelled = "related"

type lsTask struct {
	ID          flexString                 `json:"id"`
	Data        map[string]json.RawMessage `json:"data"`
	Annotations []lsAnnotation             `json:"annotations"`
	Completions []lsAnnotation             `json:"completions"` // before Label Studio 1.0
	Predictions []json.RawMessage          `json:"predictions"`
	Drafts      []json.RawMessage          `json:"drafts"`
}

type lsAnnotation struct {
	ID          flexString      `json:"id"`
	CompletedBy json.RawMessage `json:"completed_by"`
	Result      []lsResult      `json:"result"`
	Cancelled   bool            `json:"was_cancelled"`
}

type lsResult struct {
	ID        flexString `json:"id"`
	FromName  string     `json:"from_name"`
	Type      string     `json:"type"`
	Value     lsValue    `json:"value"`
	FromID    flexString `json:"from_id"`
	ToID      flexString `json:"to_id"`
	Direction string     `json:"direction"`
	Labels    []string   `json:"labels"`
}

type lsValue struct {
	Start   *int            `json:"start"`
	End     *int            `json:"end"`
	Text    json.RawMessage `json:"text"` // a string for labels, a list for textarea
	Labels  []string        `json:"labels"`
	Choices json.RawMessage `json:"choices"`
}

// text is the text a region says it covers, nil when it says none.
func (v lsValue) text() (*string, error) {
	if len(v.Text) == 0 || string(v.Text) == "null" {
		return nil, nil
	}
	var s string
	if err := json.Unmarshal(v.Text, &s); err != nil {
		return nil, fmt.Errorf(`"value": "text" is not a string`)
	}
	return &s, nil
}

// lsBookkeeping are the keys of a JSON_MIN task that are Label Studio's
// own records, not the task's data or annotations.
var lsBookkeeping = []string{"id", "annotation_id", "annotator", "created_at", "updated_at", "lead_time", "doc_id"}

// ReadFile reads the tasks of one export, an array (or tasks one a line).
func (labelStudioCodec) ReadFile(name string, r io.Reader, opt Options, loss *Loss) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		seen := map[string]int{}
		for v, err := range jsonObjects(name, r) {
			if err != nil {
				yield(Record{}, err)
				return
			}
			var task lsTask
			if err := decodeObject(name, v, &task); err != nil {
				yield(Record{}, err)
				return
			}
			var doc annotate.AnnotatedDoc
			if task.Data != nil {
				doc, err = readLSTask(task, fileStem(name), v.line, opt, loss)
			} else {
				var obj map[string]json.RawMessage
				if err = decodeObject(name, v, &obj); err == nil {
					doc, err = readLSMin(obj, fileStem(name), v.line, opt, loss)
				}
			}
			if err == nil {
				if first, dup := seen[doc.ID]; dup {
					err = fmt.Errorf("document id %q already used on line %d", doc.ID, first)
				}
				seen[doc.ID] = v.line
			}
			if err != nil {
				if !bytes.HasPrefix([]byte(err.Error()), []byte(name+":")) {
					err = fmt.Errorf("%s:%d: %w", name, v.line, err)
				}
				yield(Record{}, err)
				return
			}
			if !yield(Record{Doc: doc, Pos: Pos{Name: name, Line: v.line}}, nil) {
				return
			}
		}
	}
}

// lsText finds a task's text and id in its data.
func lsText(data map[string]json.RawMessage, opt Options, taskID flexString, stem string, line int) (annotate.AnnotatedDoc, string, error) {
	key := "text"
	if k := opt.Columns["text"]; k != "" {
		key = k
	}
	id := taskID
	if raw, ok := data["doc_id"]; ok {
		json.Unmarshal(raw, &id)
	}
	if !id.set {
		id = flexString{fmt.Sprintf("%s-%d", stem, line), true}
	}
	raw, ok := data[key]
	if !ok {
		return annotate.AnnotatedDoc{}, key, fmt.Errorf("task %s: no %q in its data (keys: %s); name the text's key with the text column option", id.s, key, joinKeys(data))
	}
	var text string
	if err := json.Unmarshal(raw, &text); err != nil {
		return annotate.AnnotatedDoc{}, key, fmt.Errorf("task %s: %q is not a string", id.s, key)
	}
	doc, err := newDoc(id.s, text)
	return doc, key, err
}

func joinKeys(m map[string]json.RawMessage) string {
	keys := slices.Sorted(maps.Keys(m))
	b := new(bytes.Buffer)
	for i, k := range keys {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(k)
	}
	return b.String()
}

func readLSTask(task lsTask, stem string, line int, opt Options, loss *Loss) (annotate.AnnotatedDoc, error) {
	doc, key, err := lsText(task.Data, opt, task.ID, stem, line)
	if err != nil {
		return doc, err
	}
	for _, k := range slices.Sorted(maps.Keys(task.Data)) {
		if k != key && k != "doc_id" {
			setMeta(&doc, k, task.Data[k])
		}
	}
	loss.Drop("predictions", "not annotations", len(task.Predictions))
	loss.Drop("drafts", "not submitted", len(task.Drafts))
	m := newSpanMaker(doc.Text, opt.Offsets, loss)
	used := map[string]bool{}
	relUsed := map[string]bool{}
	for ai, a := range append(task.Annotations, task.Completions...) {
		if a.Cancelled {
			loss.Add("cancelled annotations", "skipped", 1)
			continue
		}
		annotator, err := lsAnnotator(a.CompletedBy)
		if err != nil {
			return doc, fmt.Errorf("document %q: annotation %d: completed_by: %w", doc.ID, ai+1, err)
		}
		akey := a.ID.s
		if !a.ID.set {
			akey = strconv.Itoa(ai + 1)
		}
		fail := func(ri int, r lsResult, format string, args ...any) (annotate.AnnotatedDoc, error) {
			where := fmt.Sprintf("result %d", ri+1)
			if r.ID.set {
				where = fmt.Sprintf("result %q", r.ID.s)
			}
			return annotate.AnnotatedDoc{}, fmt.Errorf("document %q: annotation %s: %s: %s", doc.ID, akey, where, fmt.Sprintf(format, args...))
		}
		region := map[string]string{} // the annotation's result id → span id
		spansOf := map[string][]int{} // the annotation's result id → its spans in doc.Spans
		for ri, r := range a.Result {
			if r.Type != "labels" {
				continue
			}
			v := r.Value
			if v.Start == nil || v.End == nil {
				return fail(ri, r, `a labels result needs "value": {"start", "end"}`)
			}
			if len(v.Labels) == 0 {
				loss.Drop("regions without a label", "", 1)
				continue
			}
			f, err := m.fragment(*v.Start, *v.End)
			if err != nil {
				return fail(ri, r, "%v", err)
			}
			if text, err := v.text(); err != nil {
				return fail(ri, r, "%v", err)
			} else if text != nil {
				if err := m.checkText(f, *v.Start, *v.End, *text); err != nil {
					return fail(ri, r, "%v", err)
				}
			}
			base := r.ID.s
			if !r.ID.set || base == "" {
				base = fmt.Sprintf("a%s-r%d", akey, ri+1)
			}
			if used[base] { // a region copied from a prediction or another annotation
				base += "@" + akey
			}
			for li, label := range v.Labels {
				if label == "" {
					return fail(ri, r, "an empty label")
				}
				layer, err := opt.layerFor(annotate.SpanLayer, r.FromName, label)
				if err != nil {
					return fail(ri, r, "%v", err)
				}
				id := base
				if li > 0 {
					id = fmt.Sprintf("%s#%d", base, li+1)
				}
				for n := 2; used[id]; n++ {
					id = fmt.Sprintf("%s#%d", base, n)
				}
				used[id] = true
				if li == 0 && r.ID.set {
					region[r.ID.s] = id
				}
				doc.Spans = append(doc.Spans, annotate.Span{ID: id, DocID: doc.ID, Layer: layer, Label: label,
					Fragments: []annotate.Fragment{f}, Annotator: annotator})
				if r.ID.set {
					spansOf[r.ID.s] = append(spansOf[r.ID.s], len(doc.Spans)-1)
				}
			}
		}
		for ri, r := range a.Result {
			switch r.Type {
			case "labels":
			case "relation":
				from, okFrom := region[r.FromID.s]
				to, okTo := region[r.ToID.s]
				switch {
				case !okFrom:
					return fail(ri, r, "from_id %s names no labelled region of the annotation", quoteShort(r.FromID.s))
				case !okTo:
					return fail(ri, r, "to_id %s names no labelled region of the annotation", quoteShort(r.ToID.s))
				}
				switch r.Direction {
				case "", "right":
				case "left":
					from, to = to, from
				case "bi":
					loss.Add("bidirectional relations", "read as from → to", 1)
				default:
					return fail(ri, r, "direction %q, want right, left or bi", r.Direction)
				}
				labels := r.Labels
				if len(labels) == 0 {
					labels = []string{LabelStudioUnlabelled}
				}
				for _, typ := range labels {
					id := from + ">" + to
					if len(labels) > 1 || relUsed[id] {
						id += ":" + typ
					}
					for n := 2; relUsed[id]; n++ {
						id = fmt.Sprintf("%s>%s:%s#%d", from, to, typ, n)
					}
					relUsed[id] = true
					doc.Relations = append(doc.Relations, annotate.Relation{ID: id, DocID: doc.ID, Type: typ, From: from, To: to, Annotator: annotator})
				}
			case "choices", "textarea":
				if spans, perRegion := spansOf[r.ID.s]; perRegion && r.ID.set {
					if err := lsPerRegion(&doc, spans, r, opt); err != nil {
						return fail(ri, r, "%v", err)
					}
					continue
				}
				if r.Type == "textarea" {
					loss.Drop(`"textarea" results`, "not read", 1)
					continue
				}
				var choices []string
				if err := json.Unmarshal(r.Value.Choices, &choices); err != nil {
					return fail(ri, r, `a choices result needs "value": {"choices": ["..."]}`)
				}
				for _, c := range choices {
					if err := addDocLabel(&doc, opt, r.FromName, c, annotator); err != nil {
						return fail(ri, r, "%v", err)
					}
				}
			default:
				loss.Drop(fmt.Sprintf("%q results", r.Type), "not read", 1)
			}
		}
	}
	return doc, nil
}

// lsNote is the name of the per-region text area that holds a span's note.
const lsNote = "note"

// lsPerRegion reads a per-region result (one whose id is a region's) onto
// the region's spans: a text area named "note" as their note, any other
// result as the attribute of its from_name — a bool, a list or a string as
// the schema's definition of the attribute says, else a string for one
// choice and a list for several.
func lsPerRegion(doc *annotate.AnnotatedDoc, spans []int, r lsResult, opt Options) error {
	var values []string
	if r.Type == "textarea" {
		if err := json.Unmarshal(r.Value.Text, &values); err != nil {
			var one string
			if json.Unmarshal(r.Value.Text, &one) != nil {
				return fmt.Errorf(`a textarea result needs "value": {"text": ["..."]}`)
			}
			values = []string{one}
		}
	} else if err := json.Unmarshal(r.Value.Choices, &values); err != nil {
		return fmt.Errorf(`a choices result needs "value": {"choices": ["..."]}`)
	}
	if r.FromName == "" {
		return fmt.Errorf(`a per-region result needs a "from_name"`)
	}
	for _, i := range spans {
		sp := &doc.Spans[i]
		if r.Type == "textarea" && r.FromName == lsNote {
			sp.Note = strings.Join(values, "\n")
			continue
		}
		var v any = strings.Join(values, "\n")
		kind := annotate.AttrKind("")
		if l, ok := opt.Schema.Layer(sp.Layer); ok {
			if d, ok := l.Attribute(r.FromName); ok {
				kind = d.Kind
			}
		}
		switch {
		case kind == annotate.AttrBool && len(values) == 1 && (values[0] == "true" || values[0] == "false"):
			v = values[0] == "true"
		case kind == annotate.AttrMulti || (kind == "" && r.Type == "choices" && len(values) > 1):
			v = slices.Clone(values)
		}
		if sp.Attrs == nil {
			sp.Attrs = annotate.Attrs{}
		}
		sp.Attrs[r.FromName] = v
	}
	return nil
}

// addDocLabel adds a document label once.
func addDocLabel(doc *annotate.AnnotatedDoc, opt Options, hint, label, annotator string) error {
	if label == "" {
		return fmt.Errorf("an empty choice")
	}
	layer, err := opt.layerFor(annotate.DocumentLayer, hint, label)
	if err != nil {
		return err
	}
	dl := annotate.DocLabel{Layer: layer, Label: label, Annotator: annotator}
	if !slices.Contains(doc.Labels, dl) {
		doc.Labels = append(doc.Labels, dl)
	}
	return nil
}

// lsAnnotator reads completed_by: a user's number, a name, or the user as
// an object (its email, else username, else id).
func lsAnnotator(raw json.RawMessage) (string, error) {
	if len(raw) == 0 || string(raw) == "null" {
		return "", nil
	}
	var s flexString
	if json.Unmarshal(raw, &s) == nil {
		return s.s, nil
	}
	var user struct {
		ID       flexString `json:"id"`
		Email    string     `json:"email"`
		Username string     `json:"username"`
	}
	if err := json.Unmarshal(raw, &user); err != nil {
		return "", fmt.Errorf("want a user's id, name or object, got %s", quoteShort(string(raw)))
	}
	switch {
	case user.Email != "":
		return user.Email, nil
	case user.Username != "":
		return user.Username, nil
	}
	return user.ID.s, nil
}

// readLSMin reads a JSON_MIN task: the data's keys, and each control's
// results under its name — a list of regions for labels, {"choices": [...]}
// or a single choice's string for choices. A string is a choice only when
// the schema has a document layer of that name; else it is data.
func readLSMin(obj map[string]json.RawMessage, stem string, line int, opt Options, loss *Loss) (annotate.AnnotatedDoc, error) {
	var id flexString
	if raw, ok := obj["id"]; ok {
		json.Unmarshal(raw, &id)
	}
	doc, key, err := lsText(obj, opt, id, stem, line)
	if err != nil {
		return doc, err
	}
	annotator, err := lsAnnotator(obj["annotator"])
	if err != nil {
		return doc, fmt.Errorf("document %q: annotator: %w", doc.ID, err)
	}
	m := newSpanMaker(doc.Text, opt.Offsets, loss)
	docLayer := func(name string) bool {
		l, ok := opt.Schema.Layer(name)
		return ok && l.Kind == annotate.DocumentLayer
	}
	n := 0
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if k == key || slices.Contains(lsBookkeeping, k) {
			continue
		}
		raw := obj[k]
		fail := func(format string, args ...any) (annotate.AnnotatedDoc, error) {
			return annotate.AnnotatedDoc{}, fmt.Errorf("document %q: %q: %s", doc.ID, k, fmt.Sprintf(format, args...))
		}
		var regions []lsValue
		var choices struct {
			Choices []string `json:"choices"`
		}
		var one string
		var several []string
		switch {
		case bytes.HasPrefix(bytes.TrimSpace(raw), []byte("[{")) && json.Unmarshal(raw, &regions) == nil:
			for i, v := range regions {
				if v.Start == nil || v.End == nil || len(v.Labels) == 0 {
					return fail("region %d: needs start, end and labels", i+1)
				}
				f, err := m.fragment(*v.Start, *v.End)
				if err != nil {
					return fail("region %d: %v", i+1, err)
				}
				if text, err := v.text(); err != nil {
					return fail("region %d: %v", i+1, err)
				} else if text != nil {
					if err := m.checkText(f, *v.Start, *v.End, *text); err != nil {
						return fail("region %d: %v", i+1, err)
					}
				}
				for _, label := range v.Labels {
					layer, err := opt.layerFor(annotate.SpanLayer, k, label)
					if err != nil {
						return fail("region %d: %v", i+1, err)
					}
					n++
					doc.Spans = append(doc.Spans, annotate.Span{ID: fmt.Sprintf("s%d", n), DocID: doc.ID, Layer: layer, Label: label,
						Fragments: []annotate.Fragment{f}, Annotator: annotator})
				}
			}
		case json.Unmarshal(raw, &choices) == nil && choices.Choices != nil:
			for _, c := range choices.Choices {
				if err := addDocLabel(&doc, opt, k, c, annotator); err != nil {
					return fail("%v", err)
				}
			}
		case docLayer(k) && json.Unmarshal(raw, &one) == nil:
			if err := addDocLabel(&doc, opt, k, one, annotator); err != nil {
				return fail("%v", err)
			}
		case docLayer(k) && json.Unmarshal(raw, &several) == nil:
			for _, c := range several {
				if err := addDocLabel(&doc, opt, k, c, annotator); err != nil {
					return fail("%v", err)
				}
			}
		default:
			setMeta(&doc, k, raw)
		}
	}
	return doc, nil
}

func (labelStudioCodec) NewEncoder(w io.Writer, opt Options, loss *Loss) Encoder {
	return &lsEncoder{w: bufio.NewWriterSize(w, 256*1024), opt: opt, loss: loss}
}

type lsEncoder struct {
	w           *bufio.Writer
	buf         bytes.Buffer
	opt         Options
	loss        *Loss
	n           int // tasks written
	annotations int
}

// Encode writes one task of the array: the text and metadata as its data
// (the document's id as doc_id, kept through Label Studio), one annotation
// per annotator.
func (e *lsEncoder) Encode(doc annotate.AnnotatedDoc) error {
	spans, _, err := exported(doc, e.opt.Offsets, e.loss, "attributes", "notes")
	if err != nil {
		return fmt.Errorf("document %q: %w", doc.ID, err)
	}
	data := orderedObject{{"text", doc.Text}, {"doc_id", doc.ID}}
	for _, kv := range metaFields(doc, e.loss, "text", "doc_id") {
		data = append(data, [2]any{kv[0], kv[1]})
	}
	var annotators []string
	note := func(a string) {
		if !slices.Contains(annotators, a) {
			annotators = append(annotators, a)
		}
	}
	owner := map[string]string{}
	for _, sp := range doc.Spans {
		note(sp.Annotator)
		owner[sp.ID] = sp.Annotator
	}
	for _, r := range doc.Relations {
		note(r.Annotator)
	}
	for _, l := range doc.Labels {
		note(l.Annotator)
	}
	annotations := make([]orderedObject, 0, len(annotators))
	for _, who := range annotators {
		var result []orderedObject
		for _, sp := range spans {
			if sp.Annotator == who {
				result = append(result, orderedObject{{"id", sp.ID}, {"from_name", sp.Layer}, {"to_name", "text"}, {"type", "labels"},
					{"value", orderedObject{{"start", sp.start}, {"end", sp.end}, {"text", sp.text}, {"labels", []string{sp.Label}}}}})
				result = append(result, e.perRegion(sp)...)
			}
		}
		for _, r := range doc.Relations {
			if r.Annotator != who {
				continue
			}
			if owner[r.From] != who || owner[r.To] != who {
				e.loss.Drop("relations", "between spans of different annotators", 1)
				continue
			}
			result = append(result, orderedObject{{"from_id", r.From}, {"to_id", r.To}, {"type", "relation"}, {"direction", "right"}, {"labels", []string{r.Type}}})
		}
		var layers []string
		chosen := map[string][]string{}
		for _, l := range doc.Labels {
			if l.Annotator != who {
				continue
			}
			if _, ok := chosen[l.Layer]; !ok {
				layers = append(layers, l.Layer)
			}
			if !slices.Contains(chosen[l.Layer], l.Label) {
				chosen[l.Layer] = append(chosen[l.Layer], l.Label)
			}
		}
		for _, layer := range layers {
			result = append(result, orderedObject{{"id", "doc-" + layer}, {"from_name", layer}, {"to_name", "text"}, {"type", "choices"},
				{"value", orderedObject{{"choices", chosen[layer]}}}})
		}
		e.annotations++
		a := orderedObject{{"id", e.annotations}}
		if who != "" {
			if n, ok := jsonID(who).(int64); ok {
				a = append(a, [2]any{"completed_by", n})
			} else {
				a = append(a, [2]any{"completed_by", orderedObject{{"email", who}}})
			}
		}
		annotations = append(annotations, append(a, [2]any{"result", nonNil(result)}, [2]any{"was_cancelled", false}))
	}
	task := orderedObject{}
	if n, ok := jsonID(doc.ID).(int64); ok {
		task = append(task, [2]any{"id", n})
	}
	task = append(task, [2]any{"data", data}, [2]any{"annotations", annotations}, [2]any{"predictions", []any{}})
	sep := ",\n"
	if e.n == 0 {
		sep = "[\n"
	}
	if _, err := e.w.WriteString(sep); err != nil {
		return err
	}
	e.n++
	e.buf.Reset()
	enc := json.NewEncoder(&e.buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(task); err != nil {
		return err
	}
	_, err = e.w.Write(bytes.TrimSuffix(e.buf.Bytes(), []byte("\n")))
	return err
}

// perRegion writes a span's attributes and note as per-region results of
// its region (Label Studio's perRegion controls): a text attribute (as the
// schema says) and the note as text areas, the others as choices, a bool
// as "true" or "false".
func (e *lsEncoder) perRegion(sp outSpan) []orderedObject {
	var out []orderedObject
	add := func(name, typ, key string, values []string) {
		out = append(out, orderedObject{{"id", sp.ID}, {"from_name", name}, {"to_name", "text"}, {"type", typ},
			{"value", orderedObject{{"start", sp.start}, {"end", sp.end}, {key, values}}}})
	}
	for _, name := range slices.Sorted(maps.Keys(sp.Attrs)) {
		if name == lsNote && sp.Note != "" {
			e.loss.Drop("attributes", "named like the note", 1)
			continue
		}
		text := false
		if l, ok := e.opt.Schema.Layer(sp.Layer); ok {
			if d, ok := l.Attribute(name); ok {
				text = d.Kind == annotate.AttrText
			}
		}
		switch v := sp.Attrs[name].(type) {
		case string:
			if text {
				add(name, "textarea", "text", []string{v})
			} else {
				add(name, "choices", "choices", []string{v})
			}
		case bool:
			add(name, "choices", "choices", []string{strconv.FormatBool(v)})
		case []string:
			add(name, "choices", "choices", v)
		}
	}
	if sp.Note != "" {
		add(lsNote, "textarea", "text", []string{sp.Note})
	}
	return out
}

// Flush closes the array.
func (e *lsEncoder) Flush() error {
	end := "\n]\n"
	if e.n == 0 {
		end = "[]\n"
	}
	if _, err := e.w.WriteString(end); err != nil {
		return err
	}
	return e.w.Flush()
}
