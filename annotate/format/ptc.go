package format

import (
	"bytes"
	"cmp"
	"fmt"
	"iter"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"frametag/annotate"
	"frametag/annotate/schemes"
)

func init() {
	register(PTC())
	registerMap(PTCToSemEval2023, "PTC-18 and SemEval-2020 Task 11 techniques to the SemEval-2023 names of the default schema",
		func() LabelMap { return LabelMap(schemes.PTCTo2023()) })
}

// PTCToSemEval2023 names the built-in label map from the Propaganda
// Techniques Corpus's technique names to SemEval-2023's.
const PTCToSemEval2023 = "ptc-to-semeval2023"

// PTC is the Propaganda Techniques Corpus and SemEval-2020 Task 11: a
// folder of article<ID>.txt beside label files of TAB-separated rows (id,
// technique, start, end), or (id, start, end) for span identification
// alone. See docs/FORMATS.md.
func PTC() Format {
	return Format{
		Name:        "ptc",
		Description: "Propaganda Techniques Corpus / SemEval-2020 Task 11: article<ID>.txt beside article<ID>.labels",
		Keeps:       []string{"texts verbatim", "technique spans", "span-only (SI) files as spans of one label"},
		Drops: []string{"relations", "attributes", "notes", "document labels", "statuses", "annotators", "titles and metadata",
			"layers (one technique column)", "discontinuous spans (one row per fragment)"},
		Offsets:      CodePoints,
		TreeReader:   ptcCodec{},
		FolderWriter: ptcCodec{},
	}
}

// The span-only files' spans: one label in one layer.
const (
	PTCSpanLayer = "propaganda"
	PTCSpanLabel = "propaganda"
	ptcTechLayer = "technique"
)

type ptcCodec struct{}

var (
	ptcArticle = regexp.MustCompile(`^article([^.]+)\.txt$`)
	// article<ID>.labels, .task-flc-tc.labels, .task2-TC.labels,
	// .labels-task-TC, .task-FLC.labels, .task3.labels, .task-si.labels,
	// .task1-SI.labels: every naming of the releases.
	ptcLabels = regexp.MustCompile(`^article([^.]+)\.(?:[^/]*\.)?labels(?:-[^/.]*)?$`)
)

// DetectsFolder: article<ID>.txt files with label files (per article, or
// a release's aggregate .labels) are PTC's.
func (ptcCodec) DetectsFolder(names []string) bool {
	articles, labels := false, false
	for _, n := range names {
		b := path.Base(n)
		articles = articles || ptcArticle.MatchString(b)
		labels = labels || ptcLabels.MatchString(b) || strings.HasSuffix(b, ".labels")
	}
	return articles && labels
}

// ptcRow is one row of a label file.
type ptcRow struct {
	file  string // as the user knows it
	line  int
	cols  []string
	start string
	end   string
}

// ReadTree reads each article<ID>.txt under the folders named, in order of
// ID, with its label files (read in order of their names). A document's id
// is its ID.
func (ptcCodec) ReadTree(in Input, opt Options, loss *Loss) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		articles := map[string]string{} // ID → path
		labels := map[string][]string{} // ID → label files
		var aggregates []string
		for _, dir := range in.Paths {
			files, err := folderDirFiles(in, dir, "ptc reads a folder of article<ID>.txt and label files")
			if err != nil {
				yield(Record{}, err)
				return
			}
			for _, f := range files {
				b := path.Base(f)
				if m := ptcArticle.FindStringSubmatch(b); m != nil {
					if prev, dup := articles[m[1]]; dup {
						yield(Record{}, fmt.Errorf("%s: article %s is also %s", in.Name(f), m[1], in.Name(prev)))
						return
					}
					articles[m[1]] = f
				} else if m := ptcLabels.FindStringSubmatch(b); m != nil {
					labels[m[1]] = append(labels[m[1]], f)
				} else if strings.HasSuffix(b, ".labels") {
					aggregates = append(aggregates, f)
				}
			}
		}
		// The rows of a release's aggregate files, when there are no
		// per-article files to read instead.
		var rows map[string][]ptcRow
		if len(labels) > 0 {
			loss.Add("aggregate .labels files", "not read (the per-article label files were)", len(aggregates))
		} else if len(aggregates) > 0 {
			rows = map[string][]ptcRow{}
			for _, f := range aggregates {
				data, err := folderReadLines(in, f)
				if err != nil {
					yield(Record{}, err)
					return
				}
				for row, err := range ptcRows(in.Name(f), data) {
					if err != nil {
						yield(Record{}, err)
						return
					}
					rows[row.cols[0]] = append(rows[row.cols[0]], row)
				}
			}
		}
		for id, files := range labels {
			if _, ok := articles[id]; !ok {
				yield(Record{}, fmt.Errorf("%s: there is no article%s.txt in the folders named", in.Name(files[0]), id))
				return
			}
		}
		for id := range rows {
			if _, ok := articles[id]; !ok {
				r := rows[id][0]
				yield(Record{}, fmt.Errorf("%s:%d: there is no article%s.txt in the folders named", r.file, r.line, id))
				return
			}
		}
		ids := make([]string, 0, len(articles))
		for id := range articles {
			ids = append(ids, id)
		}
		slices.SortFunc(ids, ptcCompareIDs)
		for _, id := range ids {
			rec, ok, err := readPTCDoc(in, id, articles[id], labels[id], rows[id], opt, loss)
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

// ptcCompareIDs orders numeric ids by number.
func ptcCompareIDs(a, b string) int {
	return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
}

// ptcRows yields the rows of a label file: 4 TAB columns (id, technique,
// start, end) or 3 (id, start, end). Blank lines are skipped.
func ptcRows(name string, data []byte) iter.Seq2[ptcRow, error] {
	return func(yield func(ptcRow, error) bool) {
		for l := range folderLines(data) {
			if strings.TrimSpace(l.Text) == "" {
				continue
			}
			cols := strings.Split(l.Text, "\t")
			row := ptcRow{file: name, line: l.No, cols: cols}
			switch len(cols) {
			case 4:
				row.start, row.end = cols[2], cols[3]
			case 3:
				row.start, row.end = cols[1], cols[2]
			default:
				yield(ptcRow{}, fmt.Errorf("%s:%d: want 4 TAB-separated columns (id, technique, start, end) or 3 (id, start, end), found %d", name, l.No, len(cols)))
				return
			}
			cols[0] = strings.TrimSpace(cols[0])
			if !yield(row, nil) {
				return
			}
		}
	}
}

// readPTCDoc reads one article and its label rows: those of its own files,
// or given (from an aggregate file).
func readPTCDoc(in Input, id, txtPath string, labelFiles []string, given []ptcRow, opt Options, loss *Loss) (Record, bool, error) {
	doc, ok, err := folderDoc(in, id, txtPath, loss)
	if !ok {
		return Record{}, false, err
	}
	text := doc.Text
	ix := annotate.NewTextIndex(text)
	rows := given
	slices.Sort(labelFiles)
	for _, f := range labelFiles {
		data, err := folderReadLines(in, f)
		if err != nil {
			return Record{}, false, err
		}
		for row, err := range ptcRows(in.Name(f), data) {
			if err != nil {
				return Record{}, false, err
			}
			if row.cols[0] != id {
				return Record{}, false, fmt.Errorf("%s:%d: the row is for article %q, the file for %s", row.file, row.line, row.cols[0], id)
			}
			rows = append(rows, row)
		}
	}
	for _, row := range rows {
		fail := func(format string, a ...any) (Record, bool, error) {
			return Record{}, false, fmt.Errorf("%s:%d: %s", row.file, row.line, fmt.Sprintf(format, a...))
		}
		s, err := folderOffset(strings.TrimSpace(row.start), opt.Offsets, ix)
		if err != nil {
			return fail("start: %v", err)
		}
		e, err := folderOffset(strings.TrimSpace(row.end), opt.Offsets, ix)
		if err != nil {
			return fail("end: %v", err)
		}
		frags, err := folderFragments([]annotate.Fragment{{Start: s, End: e}}, ix)
		if err != nil {
			return fail("%v (article%s.txt has %d code points)", err, id, ix.Len())
		}
		hint, label := PTCSpanLayer, PTCSpanLabel
		if len(row.cols) == 4 {
			hint, label = ptcTechLayer, strings.TrimSpace(row.cols[1])
			switch label {
			case "":
				return fail("the technique column is empty")
			case "?":
				loss.Drop("rows with technique ?", "a template's, not a label", 1)
				continue
			}
		}
		layer, err := folderLayer(opt, annotate.SpanLayer, hint, label)
		if err != nil {
			return fail("%v", err)
		}
		doc.Spans = append(doc.Spans, annotate.Span{ID: "t" + strconv.Itoa(len(doc.Spans)+1), DocID: id,
			Layer: layer, Label: label, Fragments: frags})
	}
	return Record{Doc: doc, Pos: Pos{Name: in.Name(txtPath)}}, true, nil
}

func (ptcCodec) NewFolderEncoder(dir Folder, opt Options, loss *Loss) Encoder {
	return &ptcEncoder{dir: dir, opt: opt, loss: loss, names: folderNames{}}
}

type ptcEncoder struct {
	dir   Folder
	opt   Options
	loss  *Loss
	names folderNames
}

var ptcDigits = regexp.MustCompile(`^(?:article)?([0-9]+)$`)

// Encode writes article<ID>.txt and article<ID>.labels, one row a span
// fragment in reading order, after checking every span against the text.
func (e *ptcEncoder) Encode(d annotate.AnnotatedDoc) error {
	ix, err := folderCheckDoc(d)
	if err != nil {
		return err
	}
	id := ""
	if m := ptcDigits.FindStringSubmatch(d.ID); m != nil && !e.names[m[1]] {
		id = m[1]
		e.names[id] = true
	} else {
		id = strings.ReplaceAll(e.names.stem(d.ID, false), ".", "_")
	}
	spans := slices.Clone(d.Spans)
	annotate.SortSpans(spans)
	var b, si bytes.Buffer
	layers := map[string]bool{}
	for _, sp := range spans {
		label := sp.Label
		if label == PTCSpanLabel { // span identification: id, start, end
			for _, f := range sp.Fragments {
				s, err := e.opt.Offsets.FromCodePoint(ix, f.Start)
				end, err2 := e.opt.Offsets.FromCodePoint(ix, f.End)
				if err = cmp.Or(err, err2); err != nil {
					return fmt.Errorf("document %q: span %s: %w", d.ID, sp.ID, err)
				}
				fmt.Fprintf(&si, "%s\t%d\t%d\n", id, s, end)
			}
			continue
		}
		layers[sp.Layer] = true
		if strings.ContainsAny(label, "\t\r\n") {
			label = strings.Join(strings.FieldsFunc(label, func(r rune) bool { return r == '\t' || r == '\r' || r == '\n' }), " ")
			e.loss.Add("labels", "with tabs or line breaks written with spaces", 1)
		}
		if sp.Discontinuous() {
			e.loss.Add("discontinuous spans", "written as one row per fragment", 1)
		}
		for _, f := range sp.Fragments {
			s, err := e.opt.Offsets.FromCodePoint(ix, f.Start)
			if err != nil {
				return fmt.Errorf("document %q: span %s: %w", d.ID, sp.ID, err)
			}
			end, err := e.opt.Offsets.FromCodePoint(ix, f.End)
			if err != nil {
				return fmt.Errorf("document %q: span %s: %w", d.ID, sp.ID, err)
			}
			fmt.Fprintf(&b, "%s\t%s\t%d\t%d\n", id, label, s, end)
		}
	}
	if len(layers) > 1 {
		e.loss.Add("spans of several layers", "written into one .labels file", len(spans))
	}
	e.loss.Drop("document labels", "ptc has none", len(d.Labels))
	folderLossOfText(d, e.loss, "ptc")
	if err := folderWriteFile(e.dir, "article"+id+".txt", []byte(d.Text)); err != nil {
		return err
	}
	if si.Len() > 0 {
		if err := folderWriteFile(e.dir, "article"+id+".task-si.labels", si.Bytes()); err != nil {
			return err
		}
	}
	return folderWriteFile(e.dir, "article"+id+".labels", b.Bytes())
}

func (e *ptcEncoder) Flush() error { return nil }

// folderLossOfText counts what a format holding only texts and spans
// loses of d: relations, attributes, notes, document labels, statuses,
// annotators, titles and metadata.
func folderLossOfText(d annotate.AnnotatedDoc, loss *Loss, format string) {
	why := format + " has none"
	attrs, notes := 0, 0
	for _, sp := range d.Spans {
		attrs += len(sp.Attrs)
		if sp.Note != "" {
			notes++
		}
	}
	loss.Drop("relations", why, len(d.Relations))
	loss.Drop("attributes", why, attrs)
	loss.Drop("notes", why, notes)
	loss.Drop("statuses", why, len(d.Status))
	loss.Drop("annotators", why, annotatedMarks(d))
	if folderMetaLost(d) {
		loss.Drop("titles and metadata", why, 1)
	}
}
