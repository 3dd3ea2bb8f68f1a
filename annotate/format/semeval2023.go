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
	"unicode"

	"frametag/annotate"
)

func init() { register(SemEval2023()) }

// SemEval2023 is SemEval-2023 Task 3's folders: article<ID>.txt, span
// files article<ID>-labels-subtask-3.txt (id, technique, start, end),
// paragraph files (id, line, techniques), subtask-1 genre and subtask-2
// frames files. Offsets count the raw characters of the file, a byte order
// mark and every "\r" included. See docs/FORMATS.md.
func SemEval2023() Format {
	return Format{
		Name:        "semeval2023",
		Description: "SemEval-2023 Task 3: articles, technique spans, paragraph techniques, genre and frames",
		Keeps: []string{"texts verbatim (BOM and CRLF counted)", "technique spans", "paragraph techniques",
			"genre (subtask 1) and frames (subtask 2) as document labels", "the language, as the folder it is in"},
		Drops: []string{"spans of other layers", "relations", "attributes", "notes", "statuses", "annotators",
			"titles and metadata", "discontinuous spans (one row per fragment)"},
		Offsets:      CodePoints,
		TreeReader:   semevalCodec{},
		FolderWriter: semevalCodec{},
	}
}

// The layers SemEval-2023's files fill. Paragraph techniques are spans
// over a paragraph's line in a layer of their own, so that they are never
// taken for the span-level annotation.
const (
	SemEvalParagraphLayer = "paragraph_technique"
	semevalTechLayer      = "technique"
	semevalGenreLayer     = "genre"
	semevalFrameLayer     = "frame"
)

type semevalCodec struct{}

var (
	semevalArticle  = regexp.MustCompile(`^article([^.]+)\.txt$`)
	semevalSpanFile = regexp.MustCompile(`^article(.+)-labels-subtask-3\.txt$`)
	semevalTaskFile = regexp.MustCompile(`labels-subtask-([123])[^/]*\.txt$`)
	semevalLang     = regexp.MustCompile(`^[a-z]{2}$`)
)

// DetectsFolder: files or folders named as SemEval-2023 Task 3 names them.
func (semevalCodec) DetectsFolder(names []string) bool {
	return slices.ContainsFunc(names, func(n string) bool {
		return semevalTaskFile.MatchString(path.Base(n)) || strings.Contains(n, "-articles-subtask-")
	})
}

// semevalRow is one row of a labels file.
type semevalRow struct {
	file string
	line int
	cols []string
}

func (r semevalRow) errorf(format string, a ...any) error {
	return fmt.Errorf("%s:%d: %s", r.file, r.line, fmt.Sprintf(format, a...))
}

// semevalFiles is what a SemEval-2023 folder holds, found before any
// article is read.
type semevalFiles struct {
	articles map[string]string       // ID → path
	spans    map[string][]semevalRow // ID → span rows (4 columns)
	pars     map[string][]semevalRow // ID → paragraph rows (id, line, techniques)
	genres   map[string][]semevalRow
	frames   map[string][]semevalRow
	// per-article span files, read when their article is
	spanFiles map[string][]string
}

// ReadTree reads every article<ID>.txt under the folders named, in order
// of ID, with its spans, paragraph techniques, genre and frames.
func (semevalCodec) ReadTree(in Input, opt Options, loss *Loss) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		sf := semevalFiles{articles: map[string]string{}, spans: map[string][]semevalRow{}, pars: map[string][]semevalRow{},
			genres: map[string][]semevalRow{}, frames: map[string][]semevalRow{}, spanFiles: map[string][]string{}}
		if err := sf.find(in); err != nil {
			yield(Record{}, err)
			return
		}
		ids := make([]string, 0, len(sf.articles))
		for id := range sf.articles {
			ids = append(ids, id)
		}
		slices.SortFunc(ids, ptcCompareIDs)
		for _, id := range ids {
			rec, ok, err := sf.read(in, id, opt, loss)
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

// find lists the articles and reads the aggregate label files.
func (sf *semevalFiles) find(in Input) error {
	for _, dir := range in.Paths {
		files, err := folderDirFiles(in, dir, "semeval2023 reads a folder of article<ID>.txt and label files")
		if err != nil {
			return err
		}
		for _, f := range files {
			b := path.Base(f)
			if m := semevalSpanFile.FindStringSubmatch(b); m != nil {
				sf.spanFiles[m[1]] = append(sf.spanFiles[m[1]], f)
				continue
			}
			if m := semevalArticle.FindStringSubmatch(b); m != nil {
				if prev, dup := sf.articles[m[1]]; dup {
					return fmt.Errorf("%s: article %s is also %s", in.Name(f), m[1], in.Name(prev))
				}
				sf.articles[m[1]] = f
				continue
			}
			m := semevalTaskFile.FindStringSubmatch(b)
			if m == nil {
				continue
			}
			data, err := folderReadLines(in, f)
			if err != nil {
				return err
			}
			name := in.Name(f)
			for l := range folderLines(data) {
				if strings.TrimSpace(l.Text) == "" {
					continue
				}
				row := semevalRow{file: name, line: l.No, cols: strings.Split(l.Text, "\t")}
				row.cols[0] = strings.TrimSpace(row.cols[0])
				id := row.cols[0]
				switch {
				case m[1] == "1":
					if len(row.cols) != 2 {
						return row.errorf("want 2 TAB-separated columns (id, genre), found %d", len(row.cols))
					}
					sf.genres[id] = append(sf.genres[id], row)
				case m[1] == "2":
					if len(row.cols) != 2 {
						return row.errorf("want 2 TAB-separated columns (id, frames), found %d", len(row.cols))
					}
					sf.frames[id] = append(sf.frames[id], row)
				case len(row.cols) == 4:
					sf.spans[id] = append(sf.spans[id], row)
				case len(row.cols) == 2 || len(row.cols) == 3:
					sf.pars[id] = append(sf.pars[id], row)
				default:
					return row.errorf("want 3 TAB-separated columns (id, line, techniques) or 4 (id, technique, start, end), found %d", len(row.cols))
				}
			}
		}
	}
	for id, files := range sf.spanFiles {
		if _, ok := sf.articles[id]; !ok {
			return fmt.Errorf("%s: there is no article%s.txt in the folders named", in.Name(files[0]), id)
		}
	}
	for _, rows := range []map[string][]semevalRow{sf.spans, sf.pars, sf.genres, sf.frames} {
		for id, rs := range rows {
			if _, ok := sf.articles[id]; !ok {
				return rs[0].errorf("there is no article%s.txt in the folders named", id)
			}
		}
	}
	return nil
}

// read reads one article with everything the files say of it.
func (sf *semevalFiles) read(in Input, id string, opt Options, loss *Loss) (Record, bool, error) {
	txtPath := sf.articles[id]
	doc, ok, err := folderDoc(in, id, txtPath, loss)
	if !ok {
		return Record{}, false, err
	}
	text := doc.Text
	for _, part := range strings.Split(path.Dir(txtPath), "/") {
		if semevalLang.MatchString(part) {
			doc.Meta.Language = part
		}
	}
	ix := annotate.NewTextIndex(text)

	rows := slices.Clone(sf.spans[id])
	files := slices.Clone(sf.spanFiles[id])
	slices.Sort(files)
	for _, f := range files {
		data, err := folderReadLines(in, f)
		if err != nil {
			return Record{}, false, err
		}
		for l := range folderLines(data) {
			if strings.TrimSpace(l.Text) == "" {
				continue
			}
			row := semevalRow{file: in.Name(f), line: l.No, cols: strings.Split(l.Text, "\t")}
			if len(row.cols) != 4 {
				return Record{}, false, row.errorf("want 4 TAB-separated columns (id, technique, start, end), found %d", len(row.cols))
			}
			if c := strings.TrimSpace(row.cols[0]); c != id {
				return Record{}, false, row.errorf("the row is for article %q, the file for %s", c, id)
			}
			rows = append(rows, row)
		}
	}
	for _, row := range rows {
		s, err := folderOffset(strings.TrimSpace(row.cols[2]), opt.Offsets, ix)
		if err != nil {
			return Record{}, false, row.errorf("start: %v", err)
		}
		e, err := folderOffset(strings.TrimSpace(row.cols[3]), opt.Offsets, ix)
		if err != nil {
			return Record{}, false, row.errorf("end: %v", err)
		}
		frags, err := folderFragments([]annotate.Fragment{{Start: s, End: e}}, ix)
		if err != nil {
			return Record{}, false, row.errorf("%v (article%s.txt has %d characters)", err, id, ix.Len())
		}
		label := strings.TrimSpace(row.cols[1])
		if label == "" {
			return Record{}, false, row.errorf("the technique column is empty")
		}
		layer, err := folderLayer(opt, annotate.SpanLayer, semevalTechLayer, label)
		if err != nil {
			return Record{}, false, row.errorf("%v", err)
		}
		doc.Spans = append(doc.Spans, annotate.Span{ID: "t" + strconv.Itoa(len(doc.Spans)+1), DocID: id, Layer: layer, Label: label, Fragments: frags})
	}

	// Paragraph techniques: derived from the spans when there are any,
	// read as spans over their line when there are none.
	pars := sf.pars[id]
	if len(rows) > 0 {
		n := 0
		for _, row := range pars {
			n += len(semevalList(row.cols, 2))
		}
		loss.Add("paragraph techniques", "not read (the article's spans hold them)", n)
		pars = nil
	}
	var lines []semevalLine
	if len(pars) > 0 {
		lines = semevalLines(text)
	}
	for _, row := range pars {
		no, err := strconv.Atoi(strings.TrimSpace(row.cols[1]))
		if err != nil || no < 1 {
			return Record{}, false, row.errorf("line %q is not a line number counted from 1", row.cols[1])
		}
		techs := semevalList(row.cols, 2)
		if len(techs) == 0 {
			continue
		}
		if no > len(lines) {
			return Record{}, false, row.errorf("line %d: article%s.txt has %d lines", no, id, len(lines))
		}
		ln := lines[no-1]
		if ln.blank {
			return Record{}, false, row.errorf("line %d of article%s.txt is blank", no, id)
		}
		for _, t := range techs {
			doc.Spans = append(doc.Spans, annotate.Span{ID: "p" + strconv.Itoa(len(doc.Spans)+1), DocID: id, Layer: SemEvalParagraphLayer,
				Label: t, Fragments: []annotate.Fragment{{Start: ln.start, End: ln.end}}})
		}
	}

	for _, g := range []struct {
		rows  []semevalRow
		layer string
		list  bool
	}{{sf.genres[id], semevalGenreLayer, false}, {sf.frames[id], semevalFrameLayer, true}} {
		for _, row := range g.rows {
			labels := []string{strings.TrimSpace(row.cols[1])}
			if g.list {
				labels = semevalList(row.cols, 1)
			}
			for _, l := range labels {
				if l == "" {
					return Record{}, false, row.errorf("the %s column is empty", g.layer)
				}
				layer, err := folderLayer(opt, annotate.DocumentLayer, g.layer, l)
				if err != nil {
					return Record{}, false, row.errorf("%v", err)
				}
				dl := annotate.DocLabel{Layer: layer, Label: l}
				if !slices.Contains(doc.Labels, dl) {
					doc.Labels = append(doc.Labels, dl)
				}
			}
		}
	}
	return Record{Doc: doc, Pos: Pos{Name: in.Name(txtPath)}}, true, nil
}

// semevalList is the comma-separated names in column i, if there is one.
func semevalList(cols []string, i int) []string {
	if i >= len(cols) {
		return nil
	}
	var out []string
	for t := range strings.SplitSeq(cols[i], ",") {
		if t = strings.TrimSpace(t); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// semevalLine is one line of an article: code points [start, end), its
// line break left out.
type semevalLine struct {
	start, end int
	blank      bool
}

// semevalLines splits text into lines as the task's own scripts do
// (Python's universal newlines, then str.splitlines): "\r\n", "\n", "\r"
// and the other line boundaries each end a line.
func semevalLines(text string) []semevalLine {
	var lines []semevalLine
	rs := []rune(text)
	start := 0
	end := func(i int) {
		lines = append(lines, semevalLine{start: start, end: i, blank: strings.TrimFunc(string(rs[start:i]), unicode.IsSpace) == ""})
	}
	for i := 0; i < len(rs); i++ {
		switch rs[i] {
		case '\r':
			end(i)
			if i+1 < len(rs) && rs[i+1] == '\n' {
				i++
			}
			start = i + 1
		case '\n', '\v', '\f', '\x1c', '\x1d', '\x1e', '\u0085', '\u2028', '\u2029':
			end(i)
			start = i + 1
		}
	}
	if start < len(rs) {
		end(len(rs))
	}
	return lines
}

func (semevalCodec) NewFolderEncoder(dir Folder, opt Options, loss *Loss) Encoder {
	return &semevalEncoder{dir: dir, opt: opt, loss: loss, names: folderNames{}, rows: map[string]*[3]bytes.Buffer{}}
}

type semevalEncoder struct {
	dir   Folder
	opt   Options
	loss  *Loss
	names folderNames
	// the aggregate files' rows, by language folder: subtask 1, 2, 3
	rows   map[string]*[3]bytes.Buffer
	langs  []string
	frames bool // any document had frames: every row of subtask 2 is written
}

// Encode writes the article and its span file after checking every span
// against the text; its genre, frames and paragraph rows are written by
// Flush.
func (e *semevalEncoder) Encode(d annotate.AnnotatedDoc) error {
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
	if strings.ContainsAny(id, "\t") {
		return fmt.Errorf("document %q: an id with a TAB", d.ID)
	}
	lang := ""
	if semevalLang.MatchString(d.Meta.Language) {
		lang = d.Meta.Language + "/"
	}
	rows := e.rows[lang]
	if rows == nil {
		rows = new([3]bytes.Buffer)
		e.rows[lang] = rows
		e.langs = append(e.langs, lang)
	}
	spans := slices.Clone(d.Spans)
	annotate.SortSpans(spans)
	var b bytes.Buffer
	other := 0
	lines := semevalLines(d.Text)
	parTechs := make([][]string, len(lines))
	addPar := func(f annotate.Fragment, label string) {
		for i, ln := range lines {
			if !ln.blank && f.Start < ln.end && ln.start < f.End && !slices.Contains(parTechs[i], label) {
				parTechs[i] = append(parTechs[i], label)
			}
		}
	}
	for _, sp := range spans {
		label := sp.Label
		if strings.ContainsAny(label, "\t\r\n,") {
			return fmt.Errorf("document %q: span %s: label %q holds a TAB, a line break or a comma, which SemEval-2023's files cannot", d.ID, sp.ID, label)
		}
		switch sp.Layer {
		case SemEvalParagraphLayer:
			for _, f := range sp.Fragments {
				addPar(f, label)
			}
			continue
		case semevalTechLayer:
		default:
			other++
			continue
		}
		if sp.Discontinuous() {
			e.loss.Add("discontinuous spans", "written as one row per fragment", 1)
		}
		for _, f := range sp.Fragments {
			s, err := e.opt.Offsets.FromCodePoint(ix, f.Start)
			end, err2 := e.opt.Offsets.FromCodePoint(ix, f.End)
			if err = cmp.Or(err, err2); err != nil {
				return fmt.Errorf("document %q: span %s: %w", d.ID, sp.ID, err)
			}
			fmt.Fprintf(&b, "%s\t%s\t%d\t%d\n", id, label, s, end)
			addPar(f, label)
		}
	}
	e.loss.Drop("spans of other layers", "SemEval-2023 holds the technique layer", other)
	for i, ln := range lines {
		if !ln.blank {
			fmt.Fprintf(&rows[2], "%s\t%d\t%s\n", id, i+1, strings.Join(parTechs[i], ","))
		}
	}
	var genres, frames []string
	others := 0
	for _, l := range d.Labels {
		switch {
		case l.Layer == semevalGenreLayer && !slices.Contains(genres, l.Label):
			genres = append(genres, l.Label)
		case l.Layer == semevalFrameLayer && !slices.Contains(frames, l.Label):
			frames = append(frames, l.Label)
		case l.Layer != semevalGenreLayer && l.Layer != semevalFrameLayer:
			others++
		}
	}
	e.loss.Drop("document labels of other layers", "SemEval-2023 holds genre and frame", others)
	for _, l := range append(slices.Clone(genres), frames...) {
		if strings.ContainsAny(l, "\t\r\n,") {
			return fmt.Errorf("document %q: document label %q holds a TAB, a line break or a comma, which SemEval-2023's files cannot", d.ID, l)
		}
	}
	if len(genres) > 0 {
		fmt.Fprintf(&rows[0], "%s\t%s\n", id, genres[0])
		e.loss.Drop("genres", "subtask 1 holds one an article", len(genres)-1)
	}
	fmt.Fprintf(&rows[1], "%s\t%s\n", id, strings.Join(frames, ","))
	e.frames = e.frames || len(frames) > 0

	kept := d
	if lang != "" { // written as the folder
		kept.Meta.Language = ""
	}
	folderLossOfText(kept, e.loss, "semeval2023")
	if err := folderWriteFile(e.dir, lang+"articles/article"+id+".txt", []byte(d.Text)); err != nil {
		return err
	}
	return folderWriteFile(e.dir, lang+"labels-spans/article"+id+"-labels-subtask-3.txt", b.Bytes())
}

// Flush writes each language's genre, frames and paragraph files.
func (e *semevalEncoder) Flush() error {
	for _, lang := range e.langs {
		rows := e.rows[lang]
		for i, name := range []string{"labels-subtask-1.txt", "labels-subtask-2.txt", "labels-subtask-3.txt"} {
			if rows[i].Len() == 0 || (i == 1 && !e.frames) {
				continue
			}
			if err := folderWriteFile(e.dir, lang+name, rows[i].Bytes()); err != nil {
				return err
			}
		}
	}
	return nil
}
