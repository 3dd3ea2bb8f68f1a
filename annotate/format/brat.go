package format

import (
	"bytes"
	"cmp"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"

	"frametag/annotate"
)

func init() { register(Brat()) }

// Brat is the brat rapid annotation tool's standoff format: a folder of
// NAME.txt beside NAME.ann (https://brat.nlplab.org/standoff.html), with an
// annotation.conf that declares the types. See docs/FORMATS.md.
func Brat() Format {
	return Format{
		Name:        "brat",
		Description: "brat standoff: a folder of NAME.txt beside NAME.ann, with annotation.conf",
		Keeps: []string{"texts verbatim", "spans (discontinuous too)", "relations", "attributes (binary and valued)",
			"notes (AnnotatorNotes)", "layers, as annotation.conf's type groups"},
		Drops: []string{"document labels", "statuses", "annotators", "titles and metadata",
			"equivalences (*) and normalisations (N) on import", "events on import become their trigger span and a relation per argument"},
		Offsets:      CodePoints,
		TreeReader:   bratCodec{},
		FolderWriter: bratCodec{},
	}
}

type bratCodec struct{}

// DetectsFolder: a folder holding .ann files is brat's.
func (bratCodec) DetectsFolder(names []string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return strings.HasSuffix(strings.ToLower(n), ".ann") })
}

// ReadTree reads every NAME.txt under the folders named, with NAME.ann
// beside it when there is one, in order of their paths. A document's id is
// its path under the folder named, without ".txt".
func (bratCodec) ReadTree(in Input, opt Options, loss *Loss) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for _, dir := range in.Paths {
			files, err := folderDirFiles(in, dir, "brat reads a folder of .txt and .ann files")
			if err != nil {
				yield(Record{}, err)
				return
			}
			have := make(map[string]bool, len(files))
			for _, f := range files {
				have[f] = true
			}
			for _, f := range files {
				if stem, ok := strings.CutSuffix(f, ".ann"); ok && !have[stem+".txt"] {
					yield(Record{}, fmt.Errorf("%s: there is no %s beside it", in.Name(f), path.Base(stem)+".txt"))
					return
				}
			}
			confs := map[string]bratConf{}
			for _, f := range files {
				stem, ok := strings.CutSuffix(f, ".txt")
				if !ok {
					continue
				}
				conf, err := bratConfFor(in, dir, path.Dir(f), confs)
				if err != nil {
					yield(Record{}, err)
					return
				}
				rec, ok, err := readBratDoc(in, folderRel(dir, stem), f, stem+".ann", have[stem+".ann"], conf, opt, loss)
				if err != nil {
					yield(Record{}, err)
					return
				}
				if ok && !yield(rec, nil) {
					return
				}
			}
		}
	}
}

// bratConf is what frametag reads of an annotation.conf: the layer of each
// entity type, from the top-level type grouping it.
type bratConf struct {
	layer map[string]string
	// names frametag wrote with "_" for separators brat cannot hold, to
	// their own: from "# frametag name: WRITTEN<TAB>NAME" comments.
	names map[string]string
}

// bratNameComment starts a comment of annotation.conf that keeps a name
// frametag had to change.
const bratNameComment = "# frametag name: "

// name is what frametag wrote as written: the name before brat's
// separators were replaced, when the conf says so.
func (c bratConf) name(written string) string {
	if n, ok := c.names[written]; ok {
		return n
	}
	return written
}

// bratConfFor is the annotation.conf that applies to a document in folder
// dir: brat looks in the document's folder, then in each parent.
func bratConfFor(in Input, root, dir string, cache map[string]bratConf) (bratConf, error) {
	if c, ok := cache[dir]; ok {
		return c, nil
	}
	var c bratConf
	data, err := fs.ReadFile(in.FS, path.Join(dir, "annotation.conf"))
	switch {
	case err == nil:
		c = parseBratConf(data)
	case dir != root && dir != "." && dir != "/":
		if c, err = bratConfFor(in, root, path.Dir(dir), cache); err != nil {
			return c, err
		}
	}
	cache[dir] = c
	return c, nil
}

// parseBratConf reads the [entities] section: a type indented under a
// top-level type beginning with "!" (abstract, a group) is in the layer
// the group names.
func parseBratConf(data []byte) bratConf {
	c := bratConf{layer: map[string]string{}, names: map[string]string{}}
	section, group := "", ""
	for l := range folderLines(data) {
		line := l.Text
		trimmed := strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, bratNameComment); ok {
			if written, name, ok := strings.Cut(rest, "\t"); ok {
				c.names[written] = name
			}
			continue
		}
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if strings.HasPrefix(trimmed, "[") && strings.HasSuffix(trimmed, "]") {
			section = strings.Trim(trimmed, "[]")
			continue
		}
		if section != "entities" {
			continue
		}
		name := strings.Fields(trimmed)[0]
		if !strings.HasPrefix(line, "\t") && !strings.HasPrefix(line, " ") {
			group = ""
			if g, ok := strings.CutPrefix(name, "!"); ok {
				group = g
			}
			continue
		}
		if group != "" {
			c.layer[strings.TrimPrefix(name, "!")] = group
		}
	}
	return c
}

// bratLine is one line of a .ann file, split.
type bratLine struct {
	no     int
	id     string
	fields []string // the second column split at spaces
	rest   string   // the third column: a span's text, a note
}

var bratNumbered = regexp.MustCompile(`^(.+?)\d+$`)

// readBratDoc reads one document: its text, and its annotations when there
// is a .ann file. An empty text is skipped and counted (ok false).
func readBratDoc(in Input, id, txtPath, annPath string, hasAnn bool, conf bratConf, opt Options, loss *Loss) (Record, bool, error) {
	doc, ok, err := folderDoc(in, id, txtPath, loss)
	if !ok {
		return Record{}, false, err
	}
	text := doc.Text
	rec := Record{Doc: doc, Pos: Pos{Name: in.Name(txtPath)}}
	if !hasAnn {
		return rec, true, nil
	}
	data, err := folderReadLines(in, annPath)
	if err != nil {
		return Record{}, false, err
	}
	name := in.Name(annPath)
	fail := func(no int, format string, a ...any) (Record, bool, error) {
		return Record{}, false, fmt.Errorf("%s:%d: %s", name, no, fmt.Sprintf(format, a...))
	}
	var lines []bratLine
	for l := range folderLines(data) {
		if strings.TrimSpace(l.Text) == "" {
			continue
		}
		cols := strings.SplitN(l.Text, "\t", 3)
		if len(cols) < 2 {
			return fail(l.No, "want ID<TAB>annotation, found no TAB in %s", quoteShort(l.Text))
		}
		bl := bratLine{no: l.No, id: strings.TrimSpace(cols[0]), fields: strings.Fields(cols[1])}
		if len(cols) == 3 {
			bl.rest = cols[2]
		}
		if bl.id == "" {
			return fail(l.No, "the line has no id")
		}
		lines = append(lines, bl)
	}

	ix := annotate.NewTextIndex(text)
	spanAt := map[string]int{}     // T id → index in doc.Spans
	trigger := map[string]string{} // E id → its trigger's T id
	// Text-bound annotations first: everything else points at them.
	for _, l := range lines {
		if l.id[0] != 'T' {
			continue
		}
		if _, dup := spanAt[l.id]; dup {
			return fail(l.no, "id %s is used twice", l.id)
		}
		if len(l.fields) < 3 {
			return fail(l.no, "want T<n><TAB>TYPE START END[;START END...]<TAB>TEXT")
		}
		var frags []annotate.Fragment
		for piece := range strings.SplitSeq(strings.Join(l.fields[1:], " "), ";") {
			se := strings.Fields(piece)
			if len(se) != 2 {
				return fail(l.no, "span %s: want START END, found %q", l.id, piece)
			}
			s, err := folderOffset(se[0], opt.Offsets, ix)
			if err != nil {
				return fail(l.no, "span %s: %v", l.id, err)
			}
			e, err := folderOffset(se[1], opt.Offsets, ix)
			if err != nil {
				return fail(l.no, "span %s: %v", l.id, err)
			}
			frags = append(frags, annotate.Fragment{Start: s, End: e})
		}
		frags, err := folderFragments(frags, ix)
		if err != nil {
			return fail(l.no, "span %s: %v (the text has %d code points)", l.id, err, ix.Len())
		}
		if !bratSameText(l.rest, frags, ix) {
			loss.Add("span texts", "differ from the text at their offsets (the offsets were kept)", 1)
		}
		label := bratSchemaName(bratSpanLabels(opt.Schema), conf.name(l.fields[0]))
		layer, err := folderLayer(opt, annotate.SpanLayer, conf.layer[l.fields[0]], label)
		if err != nil {
			return fail(l.no, "span %s: %v", l.id, err)
		}
		spanAt[l.id] = len(doc.Spans)
		doc.Spans = append(doc.Spans, annotate.Span{ID: l.id, DocID: id, Layer: layer, Label: label, Fragments: frags})
	}
	// Events: their trigger is a span; each argument becomes a relation.
	for _, l := range lines {
		if l.id[0] != 'E' {
			continue
		}
		if len(l.fields) == 0 {
			return fail(l.no, "event %s: want TYPE:TRIGGER", l.id)
		}
		_, tr, ok := strings.Cut(l.fields[0], ":")
		if _, isSpan := spanAt[tr]; !ok || !isSpan {
			return fail(l.no, "event %s: trigger %q is not a text-bound annotation (T) of the file", l.id, tr)
		}
		if _, dup := trigger[l.id]; dup {
			return fail(l.no, "id %s is used twice", l.id)
		}
		trigger[l.id] = tr
	}
	resolve := func(ref string) (string, bool) {
		if _, ok := spanAt[ref]; ok {
			return ref, true
		}
		t, ok := trigger[ref]
		return t, ok
	}
	relIDs := map[string]bool{}
	addRelation := func(no int, rid, typ, from, to string) (Record, bool, error) {
		if relIDs[rid] {
			return fail(no, "id %s is used twice", rid)
		}
		relIDs[rid] = true
		doc.Relations = append(doc.Relations, annotate.Relation{ID: rid, DocID: id, Type: typ, From: from, To: to})
		return Record{}, true, nil
	}
	notes := map[string][]string{}
	for _, l := range lines {
		switch l.id[0] {
		case 'T':
		case 'E':
			loss.Add("events", "read as their trigger span and a relation from it per argument", 1)
			for i, arg := range l.fields[1:] {
				role, ref, ok := strings.Cut(arg, ":")
				if !ok || role == "" {
					return fail(l.no, "event %s: argument %q: want ROLE:ID", l.id, arg)
				}
				to, ok := resolve(ref)
				if !ok {
					return fail(l.no, "event %s: argument %s names %q, not a span or event of the file", l.id, role, ref)
				}
				if m := bratNumbered.FindStringSubmatch(role); m != nil {
					role = m[1] // Theme2 is a second Theme
				}
				if _, _, err := addRelation(l.no, l.id+"-"+strconv.Itoa(i+1), role, trigger[l.id], to); err != nil {
					return Record{}, false, err
				}
			}
		case 'R':
			if len(l.fields) != 3 {
				return fail(l.no, "relation %s: want TYPE Arg1:ID Arg2:ID", l.id)
			}
			var ends [2]string
			var roles [2]string
			for i, arg := range l.fields[1:] {
				role, ref, ok := strings.Cut(arg, ":")
				if !ok {
					return fail(l.no, "relation %s: argument %q: want ROLE:ID", l.id, arg)
				}
				roles[i] = role
				if ends[i], ok = resolve(ref); !ok {
					return fail(l.no, "relation %s: %q is not a span or event of the file", l.id, ref)
				}
			}
			if roles == [2]string{"Arg2", "Arg1"} { // from is Arg1, wherever it is written
				ends[0], ends[1] = ends[1], ends[0]
			}
			if _, _, err := addRelation(l.no, l.id, bratSchemaName(bratRelationTypes(opt.Schema), conf.name(l.fields[0])), ends[0], ends[1]); err != nil {
				return Record{}, false, err
			}
		case 'A', 'M':
			if len(l.fields) < 2 || len(l.fields) > 3 {
				return fail(l.no, "attribute %s: want NAME ID [VALUE]", l.id)
			}
			target, ok := resolve(l.fields[1])
			if !ok {
				if l.fields[1] != "" && strings.ContainsRune("RN*#A", rune(l.fields[1][0])) {
					loss.Drop("attributes", "on relations or notes: frametag holds attributes on spans", 1)
					continue
				}
				return fail(l.no, "attribute %s: %q is not a span or event of the file", l.id, l.fields[1])
			}
			sp := &doc.Spans[spanAt[target]]
			if sp.Attrs == nil {
				sp.Attrs = annotate.Attrs{}
			}
			attr := conf.name(l.fields[0])
			if len(l.fields) == 2 {
				sp.Attrs[attr] = true
			} else if bratMulti(opt.Schema, sp.Layer, attr) {
				var vs []string
				for v := range strings.SplitSeq(l.fields[2], "|") {
					vs = append(vs, bratValue(opt.Schema, sp.Layer, attr, conf.name(v)))
				}
				sp.Attrs[attr] = vs
			} else {
				sp.Attrs[attr] = bratValue(opt.Schema, sp.Layer, attr, conf.name(l.fields[2]))
			}
		case '#':
			if len(l.fields) < 2 {
				return fail(l.no, "note %s: want AnnotatorNotes ID<TAB>TEXT", l.id)
			}
			target, ok := resolve(l.fields[1])
			if !ok {
				loss.Drop("notes", "on relations or other notes: frametag holds notes on spans", 1)
				continue
			}
			notes[target] = append(notes[target], l.rest)
		case '*':
			loss.Drop("equivalences (*)", "frametag has none", 1)
		case 'N':
			loss.Drop("normalisations (N)", "frametag has none", 1)
		default:
			loss.Drop("lines of unknown kind", "", 1)
		}
	}
	for t, ns := range notes {
		doc.Spans[spanAt[t]].Note = strings.Join(ns, "\n")
	}
	rec.Doc = doc
	return rec, true, nil
}

// bratMulti reports whether the schema makes attr of layer multi-choice,
// whose values brat holds joined by "|".
func bratMulti(s annotate.Schema, layer, attr string) bool {
	if l, ok := s.Layer(layer); ok {
		if d, ok := l.Attribute(attr); ok {
			return d.Kind == annotate.AttrMulti
		}
	}
	return false
}

// bratValue is the schema's value that brat wrote as v, spaces as "_".
func bratValue(s annotate.Schema, layer, attr, v string) string {
	if l, ok := s.Layer(layer); ok {
		if d, ok := l.Attribute(attr); ok && !slices.Contains(d.Values, v) {
			for _, want := range d.Values {
				if w, _ := bratName(want); w == v {
					return want
				}
			}
		}
	}
	return v
}

// bratSameText reports whether a .ann text column says what frags cover:
// brat joins a discontinuous span's pieces with a space, and frametag
// writes line breaks inside a span as spaces.
func bratSameText(column string, frags []annotate.Fragment, ix *annotate.TextIndex) bool {
	parts := make([]string, len(frags))
	for i, f := range frags {
		parts[i], _ = ix.Slice(f.Start, f.End)
	}
	covered := strings.Join(parts, " ")
	return column == covered || column == bratOneLine(covered)
}

// bratOneLine puts s on one line: "\r\n", "\n" and "\r" become spaces.
func bratOneLine(s string) string {
	if !strings.ContainsAny(s, "\r\n") {
		return s
	}
	return bratLineBreaks.Replace(s)
}

var bratLineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ")

// bratName is a type, attribute name or value as brat can hold it: the
// characters that separate things in a .ann line or annotation.conf
// (spaces, ",", "|", ":") written as "_". Reports whether it changed.
func bratName(s string) (string, bool) {
	if !strings.ContainsFunc(s, bratSeparator) {
		return s, false
	}
	return strings.Map(func(r rune) rune {
		if bratSeparator(r) {
			return '_'
		}
		return r
	}, s), true
}

func bratSeparator(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == ',' || r == '|' || r == ':'
}

// bratSchemaName is the schema's name that brat wrote as name (a label
// with "_" for its commas or spaces), or name itself.
func bratSchemaName(names iter.Seq[string], name string) string {
	for want := range names {
		if want == name {
			return name
		}
	}
	for want := range names {
		if w, changed := bratName(want); changed && w == name {
			return want
		}
	}
	return name
}

// bratSpanLabels are the labels of the schema's span layers.
func bratSpanLabels(s annotate.Schema) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, l := range s.Layers {
			if l.Kind != annotate.SpanLayer {
				continue
			}
			for _, lb := range l.Labels {
				if !yield(lb.Name) {
					return
				}
			}
		}
	}
}

// bratRelationTypes are the schema's relation types.
func bratRelationTypes(s annotate.Schema) iter.Seq[string] {
	return func(yield func(string) bool) {
		for _, r := range s.Relations {
			if !yield(r.Name) {
				return
			}
		}
	}
}

func (bratCodec) NewFolderEncoder(dir Folder, opt Options, loss *Loss) Encoder {
	return &bratEncoder{dir: dir, opt: opt, loss: loss, names: folderNames{},
		labels: map[string][]string{}, relTypes: map[string]*[2][]string{}, attrs: map[string]*bratAttrSeen{}, renamed: map[string]string{}}
}

type bratEncoder struct {
	dir   Folder
	opt   Options
	loss  *Loss
	names folderNames
	// what the documents held, for annotation.conf
	layers   []string
	labels   map[string][]string     // layer → labels, in order met
	relTypes map[string]*[2][]string // type → the labels it linked from and to
	relOrder []string
	attrs    map[string]*bratAttrSeen
	attrOrd  []string
	renamed  map[string]string // written → the name it stands for
}

// name is s as brat can hold it (bratName), remembering what it stood for
// so that annotation.conf can say so.
func (e *bratEncoder) name(s string) (string, bool) {
	w, changed := bratName(s)
	if _, taken := e.renamed[w]; changed && !taken {
		e.renamed[w] = s
	}
	return w, changed
}

type bratAttrSeen struct {
	binary bool
	values []string
	labels []string
}

var bratID = regexp.MustCompile(`^T[1-9][0-9]*$`)
var bratRelID = regexp.MustCompile(`^R[1-9][0-9]*$`)

// Encode writes NAME.txt and NAME.ann after checking every span against
// the text.
func (e *bratEncoder) Encode(d annotate.AnnotatedDoc) error {
	ix, err := folderCheckDoc(d)
	if err != nil {
		return err
	}
	spans := slices.Clone(d.Spans)
	annotate.SortSpans(spans)
	// brat's ids when every span has one; otherwise T1, T2, ... in reading order.
	keep := !slices.ContainsFunc(spans, func(s annotate.Span) bool { return !bratID.MatchString(s.ID) })
	tid := make(map[string]string, len(spans))
	for i, sp := range spans {
		tid[sp.ID] = sp.ID
		if !keep {
			tid[sp.ID] = "T" + strconv.Itoa(i+1)
		}
	}
	var b bytes.Buffer
	nAttr, nNote := 0, 0
	for _, sp := range spans {
		label, renamed := e.name(sp.Label)
		if renamed {
			e.loss.Add("labels", "with spaces or separators (, | :) written with _", 1)
		}
		e.seeLabel(sp.Layer, label)
		pieces := make([]string, len(sp.Fragments))
		texts := make([]string, len(sp.Fragments))
		for i, f := range sp.Fragments {
			s, err := e.opt.Offsets.FromCodePoint(ix, f.Start)
			if err != nil {
				return fmt.Errorf("document %q: span %s: %w", d.ID, sp.ID, err)
			}
			end, err := e.opt.Offsets.FromCodePoint(ix, f.End)
			if err != nil {
				return fmt.Errorf("document %q: span %s: %w", d.ID, sp.ID, err)
			}
			pieces[i] = strconv.Itoa(s) + " " + strconv.Itoa(end)
			texts[i], _ = ix.Slice(f.Start, f.End)
		}
		covered := strings.Join(texts, " ")
		if one := bratOneLine(covered); one != covered {
			covered = one
			e.loss.Add("span texts", "with line breaks written on one line in the .ann (the offsets are exact)", 1)
		}
		fmt.Fprintf(&b, "%s\t%s %s\t%s\n", tid[sp.ID], label, strings.Join(pieces, ";"), covered)
		names := make([]string, 0, len(sp.Attrs))
		for k := range sp.Attrs {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, k := range names {
			name, renamed := e.name(k)
			if renamed {
				e.loss.Add("attribute names", "with spaces or separators written with _", 1)
			}
			var value string
			switch v := sp.Attrs[k].(type) {
			case bool:
				if !v {
					e.loss.Add("attributes", "false written as absent", 1)
					continue
				}
			case string:
				value = v
			case []string:
				if len(v) == 0 {
					continue
				}
				parts := make([]string, len(v))
				for i, p := range v {
					var renamed bool
					if parts[i], renamed = e.name(p); renamed {
						e.loss.Add("attribute values", "with spaces or separators written with _", 1)
					}
				}
				value = strings.Join(parts, "|")
				if len(v) > 1 {
					e.loss.Add("multi-choice attributes", "written as one value joined by |", 1)
				}
			default:
				return fmt.Errorf("document %q: span %s: attribute %q has a value of type %T", d.ID, sp.ID, k, v)
			}
			if _, multi := sp.Attrs[k].([]string); value != "" && !multi {
				if v, renamed := e.name(value); renamed {
					value = v
					e.loss.Add("attribute values", "with spaces or separators written with _", 1)
				}
			}
			nAttr++
			e.seeAttr(name, label, value)
			if value == "" {
				fmt.Fprintf(&b, "A%d\t%s %s\n", nAttr, name, tid[sp.ID])
			} else {
				fmt.Fprintf(&b, "A%d\t%s %s %s\n", nAttr, name, tid[sp.ID], value)
			}
		}
		if sp.Note != "" {
			note := sp.Note
			if one := strings.ReplaceAll(bratOneLine(note), "\t", " "); one != note {
				note = one
				e.loss.Add("notes", "with line breaks or tabs written on one line", 1)
			}
			nNote++
			fmt.Fprintf(&b, "#%d\tAnnotatorNotes %s\t%s\n", nNote, tid[sp.ID], note)
		}
	}
	labelOf := make(map[string]string, len(d.Spans))
	for _, sp := range d.Spans {
		labelOf[sp.ID] = sp.Label
	}
	rels := slices.Clone(d.Relations)
	keepRel := !slices.ContainsFunc(rels, func(r annotate.Relation) bool { return !bratRelID.MatchString(r.ID) })
	if !keepRel {
		byID := map[string]annotate.Span{}
		for _, s := range d.Spans {
			byID[s.ID] = s
		}
		slices.SortStableFunc(rels, func(a, b annotate.Relation) int {
			return cmp.Or(annotate.CompareSpans(byID[a.From], byID[b.From]), annotate.CompareSpans(byID[a.To], byID[b.To]), strings.Compare(a.Type, b.Type))
		})
	}
	for i, r := range rels {
		rid := r.ID
		if !keepRel {
			rid = "R" + strconv.Itoa(i+1)
		}
		typ, renamed := e.name(r.Type)
		if renamed {
			e.loss.Add("relation types", "with spaces or separators written with _", 1)
		}
		ends := e.relTypes[typ]
		if ends == nil {
			ends = new([2][]string)
			e.relTypes[typ] = ends
			e.relOrder = append(e.relOrder, typ)
		}
		for i, end := range []string{r.From, r.To} {
			if l, _ := e.name(labelOf[end]); !slices.Contains(ends[i], l) {
				ends[i] = append(ends[i], l)
			}
		}
		fmt.Fprintf(&b, "%s\t%s Arg1:%s Arg2:%s\n", rid, typ, tid[r.From], tid[r.To])
	}
	e.loss.Drop("document labels", "brat has none", len(d.Labels))
	e.loss.Drop("statuses", "brat has none", len(d.Status))
	e.loss.Drop("annotators", "brat has none", annotatedMarks(d))
	if folderMetaLost(d) {
		e.loss.Drop("titles and metadata", "brat has none", 1)
	}
	stem := e.names.stem(d.ID, true)
	if err := folderWriteFile(e.dir, stem+".txt", []byte(d.Text)); err != nil {
		return err
	}
	return folderWriteFile(e.dir, stem+".ann", b.Bytes())
}

func (e *bratEncoder) seeLabel(layer, label string) {
	if layer == "" {
		layer = DefaultLayer
	}
	ls, ok := e.labels[layer]
	if !ok {
		e.layers = append(e.layers, layer)
	}
	if !slices.Contains(ls, label) {
		e.labels[layer] = append(ls, label)
	}
}

func (e *bratEncoder) seeAttr(name, label, value string) {
	a := e.attrs[name]
	if a == nil {
		a = &bratAttrSeen{}
		e.attrs[name] = a
		e.attrOrd = append(e.attrOrd, name)
	}
	if value == "" {
		a.binary = true
	}
	for v := range strings.SplitSeq(value, "|") { // a multi-choice value is its choices joined
		if v != "" && !slices.Contains(a.values, v) {
			a.values = append(a.values, v)
		}
	}
	if !slices.Contains(a.labels, label) {
		a.labels = append(a.labels, label)
	}
}

// Flush writes annotation.conf: the schema's span layers as groups of
// entity types (what the import reads back as layers), its relation types
// and attributes, and whatever the documents held that the schema does
// not declare.
func (e *bratEncoder) Flush() error {
	s := e.opt.Schema
	var b strings.Builder
	fmt.Fprintf(&b, "# annotation.conf written by frametag")
	if s.Name != "" {
		fmt.Fprintf(&b, " from schema %q", s.Name)
	}
	b.WriteString("\n# A top-level type beginning with ! groups the types of one frametag layer.\n\n[entities]\n")
	layerLabels := map[string][]string{}
	var layers []string
	for _, l := range s.Layers {
		if l.Kind != annotate.SpanLayer {
			continue
		}
		layers = append(layers, l.Name)
		for _, lb := range l.Labels {
			n, _ := e.name(lb.Name)
			layerLabels[l.Name] = append(layerLabels[l.Name], n)
		}
	}
	for _, l := range e.layers {
		if !slices.Contains(layers, l) {
			layers = append(layers, l)
		}
		for _, lb := range e.labels[l] {
			if !slices.Contains(layerLabels[l], lb) {
				layerLabels[l] = append(layerLabels[l], lb)
			}
		}
	}
	for _, l := range layers {
		if len(layerLabels[l]) == 0 {
			continue
		}
		g, _ := e.name(l)
		fmt.Fprintf(&b, "!%s\n", g)
		for _, lb := range layerLabels[l] {
			fmt.Fprintf(&b, "\t%s\n", lb)
		}
	}
	b.WriteString("\n[relations]\n<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n")
	argOf := func(layer string) string {
		if ls := layerLabels[layer]; len(ls) > 0 {
			return strings.Join(ls, "|")
		}
		return "<ENTITY>"
	}
	done := map[string]bool{}
	for _, r := range s.Relations {
		n, _ := e.name(r.Name)
		done[n] = true
		fmt.Fprintf(&b, "%s\tArg1:%s, Arg2:%s\n", n, argOf(r.From), argOf(r.To))
	}
	for _, t := range e.relOrder {
		if !done[t] {
			ends := e.relTypes[t]
			fmt.Fprintf(&b, "%s\tArg1:%s, Arg2:%s\n", t, strings.Join(ends[0], "|"), strings.Join(ends[1], "|"))
		}
	}
	b.WriteString("\n[events]\n\n[attributes]\n")
	doneAttr := map[string]bool{}
	for _, l := range s.Layers {
		if l.Kind != annotate.SpanLayer {
			continue
		}
		for _, a := range l.Attributes {
			n, _ := e.name(a.Name)
			if doneAttr[n] {
				continue
			}
			doneAttr[n] = true
			line := n + "\tArg:" + argOf(l.Name)
			var values []string
			for _, v := range a.Values {
				v, _ = e.name(v)
				values = append(values, v)
			}
			if seen := e.attrs[n]; seen != nil {
				for _, v := range seen.values {
					if !slices.Contains(values, v) {
						values = append(values, v)
					}
				}
			}
			if a.Kind != annotate.AttrBool && len(values) > 0 {
				line += ", Value:" + strings.Join(values, "|")
			}
			b.WriteString(line + "\n")
		}
	}
	for _, n := range e.attrOrd {
		if doneAttr[n] {
			continue
		}
		seen := e.attrs[n]
		line := n + "\tArg:" + strings.Join(seen.labels, "|")
		if len(seen.values) > 0 {
			line += ", Value:" + strings.Join(seen.values, "|")
		}
		b.WriteString(line + "\n")
	}
	if len(e.renamed) > 0 {
		b.WriteString("\n# Names brat cannot hold, as frametag wrote them and as they are:\n")
		written := slices.Sorted(maps.Keys(e.renamed))
		for _, w := range written {
			fmt.Fprintf(&b, "%s%s\t%s\n", bratNameComment, w, strings.NewReplacer("\n", " ", "\r", " ").Replace(e.renamed[w]))
		}
	}
	return folderWriteFile(e.dir, "annotation.conf", []byte(b.String()))
}
