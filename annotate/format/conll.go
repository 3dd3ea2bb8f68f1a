package format

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"slices"
	"strings"
	"unicode/utf8"

	"frametag/annotate"
)

func init() { register(CoNLL()) }

// CoNLL is CoNLL-2003 style BIO for token classification: one token a
// line with one tag column a span layer, a blank line between sentences,
// -DOCSTART- before each document. Tokens and sentences come from Unicode
// text segmentation (UAX #29). BIO cannot hold overlapping spans in one
// column, discontinuous spans or spans that do not begin and end on token
// boundaries: the writer counts those it leaves out.
func CoNLL() Format {
	return Format{
		Name:         "conll",
		Extensions:   []string{".conll"},
		Description:  "CoNLL-2003 style BIO: token<TAB>tag per span layer, -DOCSTART- between documents",
		Keeps:        []string{"spans on token boundaries, one column a span layer"},
		Drops:        []string{"the text's whitespace (tokens are joined by spaces on import)", "overlapping spans in one layer", "discontinuous spans", "spans not on token boundaries", "relations", "document labels", "attributes", "notes", "annotator names", "statuses", "ids, titles and metadata"},
		FileReader:   conllCodec{},
		StreamWriter: conllCodec{},
	}
}

type conllCodec struct{}

type conllRow struct {
	line   int
	fields []string // token first
}

// ReadFile reads the documents of a CoNLL file: rows of a token and its
// columns (TAB-separated, or by spaces when a line has no TAB), blank lines
// between sentences, -DOCSTART- lines between documents. Columns whose
// every value in a document is a tag (O, B-X, I-X, also E-, S-, L-, U-)
// are span layers; others (part of speech, chunks without tags) are not
// read and are counted.
func (conllCodec) ReadFile(name string, r io.Reader, opt Options, loss *Loss) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		br := bufio.NewReaderSize(r, 256*1024)
		var (
			sents [][]conllRow
			cur   []conllRow
			no    int
			docs  int
			first int
		)
		flush := func() bool {
			if len(cur) > 0 {
				sents = append(sents, cur)
				cur = nil
			}
			if len(sents) == 0 {
				return true
			}
			docs++
			doc, err := conllDoc(name, fmt.Sprintf("%s-%d", fileStem(name), docs), sents, opt, loss)
			sents = nil
			if err != nil {
				yield(Record{}, err)
				return false
			}
			return yield(Record{Doc: doc, Pos: Pos{Name: name, Line: first}}, nil)
		}
		for {
			raw, err := br.ReadString('\n')
			if err != nil && err != io.EOF {
				yield(Record{}, fmt.Errorf("%s:%d: %v", name, no+1, err))
				return
			}
			if raw == "" && err == io.EOF {
				break
			}
			no++
			if !utf8.ValidString(raw) {
				yield(Record{}, fmt.Errorf("%s:%d: not valid UTF-8", name, no))
				return
			}
			line := strings.TrimRight(raw, "\r\n")
			if no == 1 {
				line = strings.TrimPrefix(line, "\uFEFF")
			}
			if strings.ContainsRune(line, '\r') {
				yield(Record{}, fmt.Errorf("%s:%d: a carriage return inside the line", name, no))
				return
			}
			var fields []string
			if strings.Contains(line, "\t") {
				fields = strings.Split(line, "\t")
			} else {
				fields = strings.Fields(line)
			}
			switch {
			case strings.TrimSpace(line) == "":
				if len(cur) > 0 {
					sents = append(sents, cur)
					cur = nil
				}
			case fields[0] == "-DOCSTART-":
				if !flush() {
					return
				}
				first = 0
			default:
				if fields[0] == "" {
					yield(Record{}, fmt.Errorf("%s:%d: a row without a token", name, no))
					return
				}
				if first == 0 {
					first = no
				}
				cur = append(cur, conllRow{line: no, fields: fields})
			}
			if err == io.EOF {
				break
			}
		}
		flush()
	}
}

// conllTag reads a tag: its prefix (O, B, I, E, S, L, U) and label.
func conllTag(s string) (byte, string, bool) {
	if s == "O" {
		return 'O', "", true
	}
	if len(s) < 3 || s[1] != '-' || !strings.ContainsRune("BIESLU", rune(s[0])) {
		return 0, "", false
	}
	return s[0], s[2:], true
}

func conllDoc(name, id string, sents [][]conllRow, opt Options, loss *Loss) (annotate.AnnotatedDoc, error) {
	cols := len(sents[0][0].fields)
	for _, s := range sents {
		for _, r := range s {
			if len(r.fields) != cols {
				return annotate.AnnotatedDoc{}, fmt.Errorf("%s:%d: %d columns, want %d as on line %d", name, r.line, len(r.fields), cols, sents[0][0].line)
			}
		}
	}
	// Tag columns: every value a tag.
	var tagCols []int
	for c := 1; c < cols; c++ {
		ok := true
		for _, s := range sents {
			for _, r := range s {
				if _, _, t := conllTag(r.fields[c]); !t {
					ok = false
				}
			}
		}
		if ok {
			tagCols = append(tagCols, c)
		} else {
			loss.Drop("columns that are not BIO tags", "not read", 1)
		}
	}
	// The text: tokens joined by a space, sentences by a line break.
	var text strings.Builder
	type place struct{ start, end int }
	places := make([][]place, len(sents))
	cp := 0
	for si, s := range sents {
		if si > 0 {
			text.WriteByte('\n')
			cp++
		}
		for ti, r := range s {
			if ti > 0 {
				text.WriteByte(' ')
				cp++
			}
			n := utf8.RuneCountInString(r.fields[0])
			places[si] = append(places[si], place{cp, cp + n})
			text.WriteString(r.fields[0])
			cp += n
		}
	}
	doc, err := newDoc(id, text.String())
	if err != nil {
		return doc, fmt.Errorf("%s:%d: %v", name, sents[0][0].line, err)
	}
	doc.Title = TitleFromText(doc.Text)
	for ci, c := range tagCols {
		hint := ""
		if len(tagCols) > 1 {
			hint = fmt.Sprintf("%s_%d", DefaultLayer, ci+1)
		}
		for si, s := range sents {
			open, label, start := false, "", 0
			closeAt := func(end int) error {
				if !open {
					return nil
				}
				open = false
				layer, err := opt.layerFor(annotate.SpanLayer, hint, label)
				if err != nil {
					return err
				}
				doc.Spans = append(doc.Spans, annotate.Span{ID: fmt.Sprintf("c%d", len(doc.Spans)+1), DocID: doc.ID, Layer: layer, Label: label,
					Fragments: []annotate.Fragment{{Start: places[si][start].start, End: places[si][end].end}}})
				return nil
			}
			for ti, r := range s {
				p, l, _ := conllTag(r.fields[c])
				var err error
				switch {
				case p == 'O':
					err = closeAt(ti - 1)
				case p == 'B' || p == 'S' || p == 'U' || !open || l != label:
					if err = closeAt(ti - 1); err == nil {
						open, label, start = true, l, ti
					}
				}
				if err == nil && (p == 'E' || p == 'S' || p == 'L' || p == 'U') {
					err = closeAt(ti)
				}
				if err != nil {
					return doc, fmt.Errorf("%s:%d: %v", name, r.line, err)
				}
			}
			if err := closeAt(len(s) - 1); err != nil {
				return doc, fmt.Errorf("%s:%d: %v", name, s[len(s)-1].line, err)
			}
		}
	}
	return doc, nil
}

func (conllCodec) NewEncoder(w io.Writer, opt Options, loss *Loss) Encoder {
	e := &conllEncoder{w: bufio.NewWriterSize(w, 256*1024), opt: opt, loss: loss}
	for _, l := range opt.Schema.Layers {
		if l.Kind == annotate.SpanLayer {
			e.layers = append(e.layers, l.Name)
		}
	}
	return e
}

type conllEncoder struct {
	w      *bufio.Writer
	opt    Options
	loss   *Loss
	layers []string // the columns, fixed by the schema or the first document
	fixed  bool
}

// Encode writes one document: -DOCSTART-, then its sentences.
func (e *conllEncoder) Encode(d annotate.AnnotatedDoc) error {
	ix, err := folderCheckDoc(d)
	if err != nil {
		return err
	}
	if !e.fixed {
		// Without a schema the first document's layers are the columns.
		for _, sp := range d.Spans {
			if len(e.opt.Schema.Layers) == 0 && !slices.Contains(e.layers, sp.Layer) {
				e.layers = append(e.layers, sp.Layer)
			}
		}
		e.fixed = true
	}
	extents := make([][2]int, len(d.Spans))
	for i, sp := range d.Spans {
		extents[i] = [2]int{sp.Start(), sp.End()}
		if strings.ContainsAny(sp.Label, "\t\n\r") {
			return fmt.Errorf("document %q: span %s: label %q holds a TAB or a line break, which a CoNLL column cannot", d.ID, sp.ID, sp.Label)
		}
	}
	sents := segment(d.Text, extents, false)
	// Tokens by their edges.
	starts, ends := map[int]int{}, map[int]int{}
	var toks []segToken
	var sentOf []int
	for si, s := range sents {
		for _, t := range s.tokens {
			starts[t.start], ends[t.end] = len(toks), len(toks)
			toks = append(toks, t)
			sentOf = append(sentOf, si)
		}
	}
	tags := make([][]string, len(toks))
	for i := range tags {
		tags[i] = make([]string, len(e.layers))
	}
	// Each layer's spans, longest first where they begin together; those
	// BIO cannot hold are counted.
	order := make([]int, len(d.Spans))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		sa, sb := d.Spans[a], d.Spans[b]
		if sa.Start() != sb.Start() {
			return sa.Start() - sb.Start()
		}
		return sb.End() - sa.End()
	})
	for _, i := range order {
		sp := d.Spans[i]
		col := slices.Index(e.layers, sp.Layer)
		first, okS := starts[sp.Start()]
		last, okE := ends[sp.End()]
		switch {
		case col < 0:
			e.loss.Drop("spans", "of a layer not among the columns (the first document's layers; export with a schema)", 1)
			continue
		case sp.Discontinuous():
			e.loss.Drop("discontinuous spans", "BIO holds no gaps", 1)
			continue
		case !okS || !okE || last < first:
			e.loss.Drop("spans not on token boundaries", "BIO tags whole tokens", 1)
			continue
		}
		free := true
		for t := first; t <= last; t++ {
			if tags[t][col] != "" {
				free = false
			}
		}
		if !free {
			e.loss.Drop("overlapping spans in one layer", "BIO holds one span a token in a column", 1)
			continue
		}
		tags[first][col] = "B-" + sp.Label
		for t := first + 1; t <= last; t++ {
			tags[t][col] = "I-" + sp.Label
		}
	}
	w := e.w
	w.WriteString("-DOCSTART-")
	for range e.layers {
		w.WriteString("\tO")
	}
	w.WriteString("\n\n")
	for t, tok := range toks {
		if t > 0 && sentOf[t] != sentOf[t-1] {
			w.WriteString("\n")
		}
		s, _ := ix.Slice(tok.start, tok.end)
		w.WriteString(s)
		for _, tag := range tags[t] {
			if tag == "" {
				tag = "O"
			}
			w.WriteString("\t" + tag)
		}
		w.WriteString("\n")
	}
	if len(toks) > 0 {
		w.WriteString("\n")
	}
	const why = "CoNLL has none"
	attrs, notes := 0, 0
	for _, sp := range d.Spans {
		attrs += len(sp.Attrs)
		if sp.Note != "" {
			notes++
		}
	}
	e.loss.Drop("relations", why, len(d.Relations))
	e.loss.Drop("document labels", why, len(d.Labels))
	e.loss.Drop("attributes", why, attrs)
	e.loss.Drop("notes", why, notes)
	e.loss.Drop("statuses", why, len(d.Status))
	e.loss.Drop("annotator names", why, annotatedMarks(d)+annotatedLabels(d))
	e.loss.Drop("document ids, titles and metadata", why, 1)
	return nil
}

func (e *conllEncoder) Flush() error { return e.w.Flush() }
