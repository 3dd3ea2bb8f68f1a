package format

import (
	"bufio"
	"fmt"
	"io"
	"iter"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"frametag/annotate"
)

func init() { register(WebAnno()) }

// WebAnno is WebAnno TSV 3.3, the format INCEpTION imports and exports one
// document a file: a header declaring span (#T_SP), chain (#T_CH) and
// relation (#T_RL) layers with their features, then each sentence as a
// #Text= line and one line a token with its offsets and one column a
// feature. Offsets count UTF-16 units, as INCEpTION's Java strings do.
// Export writes a folder of .tsv files, one a document, as INCEpTION's
// import takes them.
func WebAnno() Format {
	return Format{
		Name:         "webanno",
		Extensions:   []string{".tsv"},
		Description:  "WebAnno TSV 3.3 (INCEpTION): span and relation layers, one document a file; UTF-16 offsets",
		Keeps:        []string{"spans (stacked, multi-token, sub-token)", "relations between spans of one layer", "layers"},
		Drops:        []string{"document labels", "relations between layers", "discontinuous spans (written as their extent)", "attributes", "notes", "annotator names", "statuses", "titles and metadata", "coreference chains (import)", "features other than the label (import)"},
		Offsets:      UTF16,
		FileReader:   webannoCodec{},
		FolderWriter: webannoCodec{},
	}
}

type webannoCodec struct{}

// webannoLayer is a layer declared in the header.
type webannoLayer struct {
	kind     byte // 'S'pan, 'C'hain, 'R'elation
	typ      string
	features []string
	base     int // a relation layer's span layer (index into layers)
	col      int // its first column after the token's three
	label    int // the feature that is the label, -1 for none
}

func (l webannoLayer) cols() int {
	if l.kind == 'S' && len(l.features) == 0 {
		return 1 // a layer without features still has its column
	}
	return len(l.features)
}

// short is a type's name without its package: webanno.custom.Claim is Claim.
func webannoShort(typ string) string { return typ[strings.LastIndexByte(typ, '.')+1:] }

type webannoRow struct {
	id         string // "1-3" or "1-3.1"
	line       int
	begin, end int
	token      string
	cells      []string
	frag       annotate.Fragment
}

type webannoSentence struct {
	text string
	line int
	rows []webannoRow
}

// ReadFile reads one document: the file's annotations, its text rebuilt
// from the sentences' #Text= lines placed at their tokens' offsets.
func (webannoCodec) ReadFile(name string, r io.Reader, opt Options, loss *Loss) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		doc, err := readWebAnno(name, r, opt, loss)
		if err != nil {
			yield(Record{}, err)
			return
		}
		yield(Record{Doc: doc, Pos: Pos{Name: name, Line: 1}}, nil)
	}
}

func readWebAnno(name string, r io.Reader, opt Options, loss *Loss) (annotate.AnnotatedDoc, error) {
	at := func(line int, format string, a ...any) error {
		return fmt.Errorf("%s:%d: %s", name, line, fmt.Sprintf(format, a...))
	}
	br := bufio.NewReaderSize(r, 256*1024)
	var (
		layers []webannoLayer
		sents  []webannoSentence
		cols   int
		format bool
		no     int
	)
	for {
		raw, err := br.ReadString('\n')
		if err != nil && err != io.EOF {
			return annotate.AnnotatedDoc{}, at(no+1, "%v", err)
		}
		if raw == "" && err == io.EOF {
			break
		}
		no++
		if !utf8.ValidString(raw) {
			return annotate.AnnotatedDoc{}, at(no, "not valid UTF-8")
		}
		line := strings.TrimSuffix(strings.TrimSuffix(raw, "\n"), "\r")
		if no == 1 {
			line = strings.TrimPrefix(line, "\uFEFF")
		}
		switch {
		case strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "#FORMAT="):
			v := strings.TrimPrefix(line, "#FORMAT=")
			if !strings.HasPrefix(v, "WebAnno TSV 3") {
				return annotate.AnnotatedDoc{}, at(no, "format %q: want WebAnno TSV 3.x", v)
			}
			format = true
		case !format:
			return annotate.AnnotatedDoc{}, at(no, "want #FORMAT=WebAnno TSV 3.3 first, found %s", quoteShort(line))
		case strings.HasPrefix(line, "#T_SP="), strings.HasPrefix(line, "#T_CH="), strings.HasPrefix(line, "#T_RL="):
			if len(sents) > 0 {
				return annotate.AnnotatedDoc{}, at(no, "a layer declared after the first sentence")
			}
			parts := strings.Split(line[len("#T_SP="):], "|")
			l := webannoLayer{kind: line[3], typ: parts[0], features: parts[1:], base: -1, col: cols, label: -1}
			if l.typ == "" {
				return annotate.AnnotatedDoc{}, at(no, "a layer without a type name")
			}
			if l.kind == 'R' {
				last := len(l.features) - 1
				if last < 0 || !strings.HasPrefix(l.features[last], "BT_") {
					return annotate.AnnotatedDoc{}, at(no, "relation layer %s: want its span layer as the last feature, BT_<type>", l.typ)
				}
				base := strings.TrimPrefix(l.features[last], "BT_")
				l.base = slices.IndexFunc(layers, func(o webannoLayer) bool { return o.kind == 'S' && o.typ == base })
				if l.base < 0 {
					return annotate.AnnotatedDoc{}, at(no, "relation layer %s: its span layer %s is not declared above it", l.typ, base)
				}
			}
			if l.kind != 'C' {
				named := l.features
				if l.kind == 'R' {
					named = named[:len(named)-1]
				}
				for _, want := range []string{"label", "value"} {
					if l.label < 0 {
						l.label = slices.Index(named, want)
					}
				}
				if l.label < 0 && len(named) > 0 {
					l.label = 0
				}
			}
			cols += l.cols()
			layers = append(layers, l)
		case strings.HasPrefix(line, "#Text="):
			t := webannoUnescape(strings.TrimPrefix(line, "#Text="))
			if n := len(sents); n > 0 && len(sents[n-1].rows) == 0 {
				sents[n-1].text += "\n" + t // a sentence of several lines (TSV 3.1)
				continue
			}
			sents = append(sents, webannoSentence{text: t, line: no})
		case strings.HasPrefix(line, "#"):
			// other comments (#Sentence.id=, ...) hold nothing of ours
		case len(sents) == 0:
			return annotate.AnnotatedDoc{}, at(no, "a token line before the first #Text= line")
		default:
			f := strings.Split(line, "\t")
			if len(f) == cols+4 && f[len(f)-1] == "" {
				f = f[:len(f)-1] // the writer ends every column with a TAB
			}
			if len(f) != cols+3 {
				return annotate.AnnotatedDoc{}, at(no, "%d columns, want %d (id, offsets, token and %d of the layers declared)", len(f), cols+3, cols)
			}
			row := webannoRow{id: f[0], line: no, token: webannoUnescape(f[2]), cells: f[3:]}
			if _, _, ok := webannoTokenID(row.id); !ok {
				return annotate.AnnotatedDoc{}, at(no, "token id %s: want sentence-token, as 1-3 or 1-3.1", quoteShort(row.id))
			}
			b, e, ok := strings.Cut(f[1], "-")
			var err1, err2 error
			row.begin, err1 = folderInt(b)
			row.end, err2 = folderInt(e)
			if !ok || err1 != nil || err2 != nil {
				return annotate.AnnotatedDoc{}, at(no, "offsets %s: want begin-end", quoteShort(f[1]))
			}
			sents[len(sents)-1].rows = append(sents[len(sents)-1].rows, row)
		}
	}
	if !format {
		return annotate.AnnotatedDoc{}, at(1, "want #FORMAT=WebAnno TSV 3.3 first; the file is empty")
	}

	// The text: each sentence where its first token's offset puts it.
	unit := opt.Offsets
	var text strings.Builder
	pos := 0
	for _, s := range sents {
		if len(s.rows) == 0 {
			continue
		}
		first := s.rows[0]
		// Where in its sentence the first token is: right after the text
		// before it when it fits there (sentences that tile the text), else
		// where its text first occurs.
		start := pos
		if i := unitIndex(unit, s.text, first.begin-pos); i < 0 || !strings.HasPrefix(s.text[i:], first.token) {
			before := 0
			if i := strings.Index(s.text, first.token); i > 0 && first.token != "" {
				before = unitLen(unit, s.text[:i])
			}
			start = first.begin - before
		}
		if start < pos {
			return annotate.AnnotatedDoc{}, at(s.line, "the sentence begins at %d (%s), inside the sentence before it (which ends at %d)", start, unit, pos)
		}
		if start-pos > webannoMaxGap {
			return annotate.AnnotatedDoc{}, at(s.line, "the sentence begins at %d (%s), %d after the sentence before it: its tokens' offsets do not fit the sentences' text", start, unit, start-pos)
		}
		if start > pos {
			text.WriteString("\n" + strings.Repeat(" ", start-pos-1))
			pos = start
		}
		text.WriteString(s.text)
		pos += unitLen(unit, s.text)
	}
	doc, err := newDoc(fileStem(name), text.String())
	if err != nil {
		return doc, at(1, "%v", err)
	}
	doc.Title = TitleFromText(doc.Text)
	m := newSpanMaker(doc.Text, unit, loss)
	var rows []*webannoRow
	rowAt := map[string]int{}
	for si := range sents {
		for ri := range sents[si].rows {
			row := &sents[si].rows[ri]
			f, err := m.fragment(row.begin, row.end)
			if err == nil {
				err = m.checkText(f, row.begin, row.end, row.token)
			}
			if err != nil {
				return doc, at(row.line, "token %s: %v", row.id, err)
			}
			row.frag = f
			if _, dup := rowAt[row.id]; dup {
				return doc, at(row.line, "token id %s is used twice", row.id)
			}
			rowAt[row.id] = len(rows)
			rows = append(rows, row)
		}
	}

	// Spans: one per stacked item, those with an id gathered over rows.
	type ann struct {
		layer, label string
		frag         annotate.Fragment
		line         int
		id           string
		rows         []int
	}
	var anns []ann
	byID := map[[2]int]int{}                  // layer, disambiguation id → ann
	atRow := make([]map[int][]int, len(rows)) // row → layer → anns
	extra := 0
	for ri, row := range rows {
		atRow[ri] = map[int][]int{}
		for li, l := range layers {
			if l.kind != 'S' {
				if l.kind == 'C' {
					for _, c := range row.cells[l.col : l.col+l.cols()] {
						if c != "_" && c != "" {
							loss.Drop("coreference chain annotations", "not read", 1)
							break
						}
					}
				}
				continue
			}
			items, err := webannoItems(row.cells[l.col : l.col+l.cols()])
			if err != nil {
				return doc, at(row.line, "layer %s: %v", l.typ, err)
			}
			for _, it := range items {
				label := webannoShort(l.typ)
				others := 0
				for fi, v := range it.values {
					switch {
					case fi == l.label && v != nil:
						label = *v
					case v != nil && l.label >= 0:
						others++
					}
				}
				if label == "" {
					return doc, at(row.line, "layer %s: an empty label", l.typ)
				}
				if it.id > 0 {
					if ai, ok := byID[[2]int{li, it.id}]; ok {
						a := &anns[ai]
						if a.label != label {
							return doc, at(row.line, "layer %s: annotation [%d] is %s here and %s on line %d", l.typ, it.id, quoteShort(label), quoteShort(a.label), a.line)
						}
						a.rows = append(a.rows, ri)
						atRow[ri][li] = append(atRow[ri][li], ai)
						continue
					}
					byID[[2]int{li, it.id}] = len(anns)
				}
				extra += others
				layer, err := folderLayer(opt, annotate.SpanLayer, webannoLayerName(opt.Schema, l.typ), label)
				if err != nil {
					return doc, at(row.line, "%v", err)
				}
				atRow[ri][li] = append(atRow[ri][li], len(anns))
				anns = append(anns, ann{layer: layer, label: label, line: row.line, id: fmt.Sprintf("s%d", len(anns)+1), rows: []int{ri}})
			}
		}
	}
	loss.Drop("features other than the label", "not read", extra)
	// An annotation's extent is its rows'; a token's row is left out when
	// the annotation is on one of its sub-tokens, which say where in the
	// token it begins or ends.
	for i := range anns {
		a := &anns[i]
		onSub := map[string]bool{}
		for _, ri := range a.rows {
			if tok, _, sub := strings.Cut(rows[ri].id, "."); sub {
				onSub[tok] = true
			}
		}
		first := true
		for _, ri := range a.rows {
			if onSub[rows[ri].id] {
				continue
			}
			f := rows[ri].frag
			if first {
				a.frag, first = f, false
				continue
			}
			a.frag.Start = min(a.frag.Start, f.Start)
			a.frag.End = max(a.frag.End, f.End)
		}
	}
	for _, a := range anns {
		doc.Spans = append(doc.Spans, annotate.Span{ID: a.id, DocID: doc.ID, Layer: a.layer, Label: a.label, Fragments: []annotate.Fragment{a.frag}})
	}

	// Relations, on their target's row, naming their source's.
	for ri, row := range rows {
		for _, l := range layers {
			if l.kind != 'R' {
				continue
			}
			cells := row.cells[l.col : l.col+l.cols()]
			items, err := webannoItems(cells[:len(cells)-1])
			if err != nil {
				return doc, at(row.line, "layer %s: %v", l.typ, err)
			}
			refs := webannoSplit(cells[len(cells)-1])
			if cells[len(cells)-1] == "_" {
				refs = nil
			}
			if len(refs) != len(items) && len(l.features) > 1 {
				return doc, at(row.line, "layer %s: %d relations in the feature columns, %d in the BT_ column", l.typ, len(items), len(refs))
			}
			for k, ref := range refs {
				src, tgt, ok := webannoRef(ref)
				if !ok {
					return doc, at(row.line, "layer %s: %s: want a token id, as 1-3 or 1-3[4_5]", l.typ, quoteShort(ref))
				}
				srcRow, ok := rowAt[src.tok]
				if !ok {
					return doc, at(row.line, "layer %s: the relation's source %s is no token of the file", l.typ, src.tok)
				}
				find := func(r, id int, what string) (string, error) {
					if id > 0 {
						if ai, ok := byID[[2]int{l.base, id}]; ok {
							return anns[ai].id, nil
						}
						return "", fmt.Errorf("layer %s: the relation's %s [%d] is no annotation of %s", l.typ, what, id, layers[l.base].typ)
					}
					if list := atRow[r][l.base]; len(list) > 0 {
						return anns[list[0]].id, nil
					}
					return "", fmt.Errorf("layer %s: the relation's %s at %s is no annotation of %s", l.typ, what, rows[r].id, layers[l.base].typ)
				}
				from, err := find(srcRow, src.id, "source")
				if err != nil {
					return doc, at(row.line, "%v", err)
				}
				to, err := find(ri, tgt, "target")
				if err != nil {
					return doc, at(row.line, "%v", err)
				}
				typ := webannoShort(l.typ)
				if k < len(items) && l.label >= 0 && items[k].values[l.label] != nil {
					typ = *items[k].values[l.label]
				}
				doc.Relations = append(doc.Relations, annotate.Relation{ID: fmt.Sprintf("r%d", len(doc.Relations)+1), DocID: doc.ID, Type: typ, From: from, To: to})
			}
		}
	}
	return doc, nil
}

// runeUnits is how many units of u rune r counts.
func runeUnits(u Unit, r rune) int {
	switch u {
	case UTF16:
		return utf16.RuneLen(r)
	case Bytes:
		return utf8.RuneLen(r)
	}
	return 1
}

// webannoMaxGap is the most text between two sentences that a file may
// leave out: INCEpTION's sentences cover all but the whitespace between
// them.
const webannoMaxGap = 1 << 16

// unitLen is the length of s in unit u.
func unitLen(u Unit, s string) int {
	switch u {
	case UTF16:
		n := 0
		for _, r := range s {
			n += utf16.RuneLen(r)
		}
		return n
	case Bytes:
		return len(s)
	}
	return utf8.RuneCountInString(s)
}

// unitIndex is the byte index of offset n, counted in u, of s; -1 when n
// is outside s or not on a character's boundary.
func unitIndex(u Unit, s string, n int) int {
	if n < 0 {
		return -1
	}
	at := 0
	for i, r := range s {
		if at == n {
			return i
		}
		if at > n {
			return -1
		}
		at += runeUnits(u, r)
	}
	if at == n {
		return len(s)
	}
	return -1
}

// webannoLayerName is the project's layer that a declared type stands for:
// the schema's layer whose type name it is (as exported), else its short
// name.
func webannoLayerName(s annotate.Schema, typ string) string {
	short := webannoShort(typ)
	for _, l := range s.Layers {
		if l.Kind == annotate.SpanLayer && (l.Name == short || webannoJavaName(l.Name) == short) {
			return l.Name
		}
	}
	return short
}

// webannoTokenID reads "1-3" or "1-3.1".
func webannoTokenID(s string) (sent, tok int, ok bool) {
	a, b, ok := strings.Cut(s, "-")
	if !ok {
		return 0, 0, false
	}
	b, sub, hasSub := strings.Cut(b, ".")
	var err1, err2, err3 error
	sent, err1 = strconv.Atoi(a)
	tok, err2 = strconv.Atoi(b)
	if hasSub {
		_, err3 = strconv.Atoi(sub)
	}
	return sent, tok, err1 == nil && err2 == nil && err3 == nil && sent > 0 && tok > 0
}

type webannoSrc struct {
	tok string
	id  int
}

// webannoRef reads a relation's source: "1-3", or "1-3[4_5]" with the
// disambiguation ids of source and target (0 for none).
func webannoRef(s string) (src webannoSrc, tgt int, ok bool) {
	tok, ids, hasIDs := strings.Cut(s, "[")
	if _, _, ok := webannoTokenID(tok); !ok {
		return src, 0, false
	}
	src.tok = tok
	if !hasIDs {
		return src, 0, true
	}
	a, b, ok := strings.Cut(strings.TrimSuffix(ids, "]"), "_")
	if !ok || !strings.HasSuffix(ids, "]") {
		return src, 0, false
	}
	var err1, err2 error
	src.id, err1 = strconv.Atoi(a)
	tgt, err2 = strconv.Atoi(b)
	return src, tgt, err1 == nil && err2 == nil && src.id >= 0 && tgt >= 0
}

// webannoItem is one stacked annotation of a layer on a row: its feature
// values (nil for none, "*") and its disambiguation id (0 for none).
type webannoItem struct {
	values []*string
	id     int
}

// webannoItems reads a layer's cells: "_" for none, else the stacked
// annotations separated by "|", each value with an optional [id].
func webannoItems(cells []string) ([]webannoItem, error) {
	var items []webannoItem
	empty := true
	for _, c := range cells {
		if c != "_" && c != "" {
			empty = false
		}
	}
	if empty {
		return nil, nil
	}
	for fi, c := range cells {
		parts := webannoSplit(c)
		if c == "_" {
			continue // no value for any of the stacked annotations
		}
		if items == nil {
			items = make([]webannoItem, len(parts))
			for i := range items {
				items[i].values = make([]*string, len(cells))
			}
		} else if len(parts) != len(items) {
			return nil, fmt.Errorf("%d stacked annotations in one column, %d in another", len(items), len(parts))
		}
		for i, p := range parts {
			v, id, err := webannoValue(p)
			if err != nil {
				return nil, err
			}
			if id > 0 {
				if items[i].id > 0 && items[i].id != id {
					return nil, fmt.Errorf("%s: ids [%d] and [%d] for one annotation", quoteShort(p), items[i].id, id)
				}
				items[i].id = id
			}
			items[i].values[fi] = v
		}
	}
	return items, nil
}

// webannoSplit splits a cell at its unescaped "|".
func webannoSplit(c string) []string {
	var out []string
	start := 0
	for i := 0; i < len(c); i++ {
		switch c[i] {
		case '\\':
			i++
		case '|':
			out = append(out, c[start:i])
			start = i + 1
		}
	}
	return append(out, c[start:])
}

// webannoValue reads one stacked item: value[id], "*" for an annotation
// without a value, "_" for none.
func webannoValue(p string) (*string, int, error) {
	id := 0
	if strings.HasSuffix(p, "]") {
		if i := strings.LastIndexByte(p, '['); i >= 0 {
			bs := 0
			for j := i - 1; j >= 0 && p[j] == '\\'; j-- {
				bs++
			}
			if n, err := strconv.Atoi(p[i+1 : len(p)-1]); err == nil && bs%2 == 0 {
				if n <= 0 {
					return nil, 0, fmt.Errorf("%s: an id must be 1 or more", quoteShort(p))
				}
				id, p = n, p[:i]
			}
		}
	}
	if p == "*" || p == "_" || p == "" {
		return nil, id, nil
	}
	v := webannoUnescape(p)
	return &v, id, nil
}

// webannoUnescape undoes TSV 3's escapes: \t, \n and \r stand for their
// characters, a backslash before any other character for that character
// (\\, \[, \], \|, \_, \->, \;, \*).
func webannoUnescape(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 == len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}

// webannoTextEscaper escapes a sentence's text or a token as INCEpTION
// writes them: backslash and the line and tab characters.
var webannoTextEscaper = strings.NewReplacer(`\`, `\\`, "\t", `\t`, "\n", `\n`, "\r", `\r`)

// webannoValueEscaper escapes a feature value.
var webannoValueEscaper = strings.NewReplacer(`\`, `\\`, "[", `\[`, "]", `\]`, "|", `\|`, "_", `\_`, "->", `\->`, ";", `\;`, "\t", `\t`, "\n", `\n`, "\r", `\r`, "*", `\*`)

// webannoJavaName is a layer's name as a type name: what a Java identifier
// cannot hold becomes "_".
func webannoJavaName(s string) string {
	var b strings.Builder
	for i, r := range s {
		switch {
		case r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
		case r >= '0' && r <= '9':
			if i == 0 {
				b.WriteByte('_')
			}
		default:
			r = '_'
		}
		b.WriteRune(r)
	}
	if b.Len() == 0 {
		return "_"
	}
	return b.String()
}

func (webannoCodec) NewFolderEncoder(dir Folder, opt Options, loss *Loss) Encoder {
	return &webannoEncoder{dir: dir, opt: opt, loss: loss, names: folderNames{}}
}

type webannoEncoder struct {
	dir   Folder
	opt   Options
	loss  *Loss
	names folderNames
}

func (e *webannoEncoder) Encode(d annotate.AnnotatedDoc) error {
	b, err := webannoDocument(d, e.opt, e.loss)
	if err != nil {
		return err
	}
	return folderWriteFile(e.dir, e.names.stem(d.ID, false)+".tsv", b)
}

func (e *webannoEncoder) Flush() error { return nil }

// webannoDocument writes one document as a TSV 3.3 file.
func webannoDocument(d annotate.AnnotatedDoc, opt Options, loss *Loss) ([]byte, error) {
	ix, err := folderCheckDoc(d)
	if err != nil {
		return nil, err
	}
	// Layers: the schema's span layers in its order, then any other.
	var layers []string
	for _, l := range opt.Schema.Layers {
		if l.Kind == annotate.SpanLayer {
			layers = append(layers, l.Name)
		}
	}
	extents := make([][2]int, len(d.Spans))
	layerOf := map[string]string{}
	for i, sp := range d.Spans {
		if !slices.Contains(layers, sp.Layer) {
			layers = append(layers, sp.Layer)
		}
		extents[i] = [2]int{sp.Start(), sp.End()}
		layerOf[sp.ID] = sp.Layer
		if sp.Discontinuous() {
			loss.Add("discontinuous spans", "written as their extent", 1)
		}
	}
	// Relations: those within one layer, in that layer's relation layer.
	relLayers := map[string]bool{}
	var rels []annotate.Relation
	for _, r := range d.Relations {
		if layerOf[r.From] != layerOf[r.To] {
			loss.Drop("relations", "between spans of different layers; WebAnno relates spans of one layer", 1)
			continue
		}
		relLayers[layerOf[r.From]] = true
		rels = append(rels, r)
	}
	for _, rt := range opt.Schema.Relations {
		if rt.From != "" && rt.From == rt.To {
			relLayers[rt.From] = true
		}
	}

	sents := segment(d.Text, extents, true)
	type unit struct {
		id         string
		start, end int
		cells      []string
	}
	var units []unit
	unitAtStart, unitAtEnd := map[int]int{}, map[int]int{}
	for si, s := range sents {
		for ti, t := range s.tokens {
			unitAtStart[t.start], unitAtEnd[t.end] = len(units), len(units)
			units = append(units, unit{id: fmt.Sprintf("%d-%d", si+1, ti+1), start: t.start, end: t.end})
		}
	}
	// Each span's units, and a disambiguation id where one is needed:
	// spans over several units, and spans stacked on a unit.
	type placed struct{ first, last, id int }
	place := make([]placed, len(d.Spans))
	stacked := map[[2]int]int{} // layer index, unit → spans there
	for i, sp := range d.Spans {
		li := slices.Index(layers, sp.Layer)
		place[i] = placed{first: unitAtStart[sp.Start()], last: unitAtEnd[sp.End()]}
		for u := place[i].first; u <= place[i].last; u++ {
			stacked[[2]int{li, u}]++
		}
	}
	next := 1
	idOf := map[string]int{}
	for i, sp := range d.Spans {
		li := slices.Index(layers, sp.Layer)
		need := place[i].last > place[i].first
		for u := place[i].first; u <= place[i].last && !need; u++ {
			need = stacked[[2]int{li, u}] > 1
		}
		if need {
			place[i].id = next
			next++
		}
		idOf[sp.ID] = place[i].id
	}
	var relOrder []string
	for _, l := range layers {
		if relLayers[l] {
			relOrder = append(relOrder, l)
		}
	}
	ncols := len(layers) + 2*len(relOrder)
	for i := range units {
		units[i].cells = make([]string, ncols)
	}
	add := func(u, col int, v string) {
		if units[u].cells[col] != "" {
			units[u].cells[col] += "|"
		}
		units[u].cells[col] += v
	}
	spanAt := map[string]int{}
	for i, sp := range d.Spans {
		spanAt[sp.ID] = i
		li := slices.Index(layers, sp.Layer)
		v := webannoValueEscaper.Replace(sp.Label)
		if place[i].id > 0 {
			v += fmt.Sprintf("[%d]", place[i].id)
		}
		for u := place[i].first; u <= place[i].last; u++ {
			add(u, li, v)
		}
	}
	for _, r := range rels {
		col := len(layers) + 2*slices.Index(relOrder, layerOf[r.From])
		from, to := place[spanAt[r.From]], place[spanAt[r.To]]
		add(to.first, col, webannoValueEscaper.Replace(r.Type))
		ref := units[from.first].id
		if from.id > 0 || to.id > 0 {
			ref += fmt.Sprintf("[%d_%d]", from.id, to.id)
		}
		add(to.first, col+1, ref)
	}

	var b strings.Builder
	b.WriteString("#FORMAT=WebAnno TSV 3.3\n")
	for _, l := range layers {
		fmt.Fprintf(&b, "#T_SP=webanno.custom.%s|label\n", webannoJavaName(l))
	}
	for _, l := range relOrder {
		j := webannoJavaName(l)
		fmt.Fprintf(&b, "#T_RL=webanno.custom.%sRelation|label|BT_webanno.custom.%s\n", j, j)
	}
	b.WriteString("\n")
	u := 0
	for _, s := range sents {
		st, _ := ix.Slice(s.start, s.end)
		b.WriteString("\n#Text=" + webannoTextEscaper.Replace(st) + "\n")
		for range s.tokens {
			un := units[u]
			u++
			bo, err1 := opt.Offsets.FromCodePoint(ix, un.start)
			eo, err2 := opt.Offsets.FromCodePoint(ix, un.end)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("document %q: token at %d..%d: offsets in %s", d.ID, un.start, un.end, opt.Offsets)
			}
			tok, _ := ix.Slice(un.start, un.end)
			fmt.Fprintf(&b, "%s\t%d-%d\t%s\t", un.id, bo, eo, webannoTextEscaper.Replace(tok))
			for _, c := range un.cells {
				if c == "" {
					c = "_"
				}
				b.WriteString(c + "\t")
			}
			b.WriteString("\n")
		}
	}
	attrs, notes := 0, 0
	for _, sp := range d.Spans {
		attrs += len(sp.Attrs)
		if sp.Note != "" {
			notes++
		}
	}
	const why = "WebAnno TSV export has none"
	loss.Drop("attributes", why, attrs)
	loss.Drop("notes", why, notes)
	loss.Drop("document labels", "INCEpTION keeps them in document metadata layers; not written", len(d.Labels))
	loss.Drop("statuses", why, len(d.Status))
	loss.Drop("annotator names", why, annotatedMarks(d)+annotatedLabels(d))
	if folderMetaLost(d) {
		loss.Drop("titles and metadata", why, 1)
	}
	return []byte(b.String()), nil
}
