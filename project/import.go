package project

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"frametag/annotate"
	"frametag/annotate/format"
)

// ImportRequest says what to import.
type ImportRequest struct {
	Paths     []string // files or folders, as the user named them
	Format    string   // "": detected from each path (extension, folder contents)
	Annotator string   // recorded on annotations that name none
	// Offsets is the unit the files' offsets count in; zero: each
	// format's own (its tool's).
	Offsets format.Unit
	// Map renames labels on the way in: a built-in map's name or a file of
	// two TAB-separated columns, from and to (LabelMap).
	Map string
	// AddLabels adds the labels, relation types and document labels the
	// files use and the schema lacks, as one schema edit in the import's
	// transaction; without it they are refused, all listed.
	AddLabels bool
	// Layer is the span layer of labels a format gives without one
	// (doccano, CSV-less formats); "": format.DefaultLayer.
	Layer string
	// Columns names a table's columns by role (csv): "text", "id", "title".
	Columns  map[string]string
	Progress Progress
}

// Import is an import resolved, before any project is touched: a typo in a
// path, a format or a label map fails in NewImport.
type Import struct {
	reading   *format.Reading
	reread    func(annotate.Schema) (*format.Reading, error) // a fresh Reading of the same input
	detected  []string
	addLabels bool
	annotator string
	progress  Progress
}

// NewImport resolves what req names: the files, the format of each, and
// the label map.
func (s *Service) NewImport(req ImportRequest) (*Import, error) {
	labels, err := s.LabelMap(req.Map)
	if err != nil {
		return nil, err
	}
	opt := format.Options{Annotator: req.Annotator, Offsets: req.Offsets, Labels: labels, Layer: req.Layer, Columns: req.Columns}
	// Run reads with the project's schema (formats that give labels
	// without layers place them by it); resolving needs none.
	read := func(sc annotate.Schema) (*format.Reading, error) {
		o := opt
		o.Schema = sc
		return s.formats.Read(format.Files(req.Paths), req.Format, o)
	}
	r, err := read(annotate.Schema{})
	if err != nil {
		return nil, err
	}
	im := &Import{reading: r, reread: read, addLabels: req.AddLabels, annotator: req.Annotator, progress: req.Progress}
	if req.Format == "" {
		im.detected = s.detect(req.Paths, opt)
	}
	return im, nil
}

// Detected says which format was chosen for which path when none was
// named, one line each ("jsonl (detected from a.jsonl)"), for the caller to
// tell the user; nil when a format was named.
func (im *Import) Detected() []string { return im.detected }

// DetectFormats names the formats paths would be read as without a format
// named, each once: what a window offers first. An error says why none
// fits (an unknown extension, a folder of nothing readable).
func (s *Service) DetectFormats(paths []string) ([]string, error) {
	r, err := s.formats.Read(format.Files(paths), "", format.Options{})
	if err != nil {
		return nil, err
	}
	var names []string
	for _, n := range r.Formats() {
		if !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	return names, nil
}

// detect names the formats each path is read as, paths of the same
// formats together: "brat (detected from corpus/)".
func (s *Service) detect(paths []string, opt format.Options) []string {
	var order []string
	by := map[string][]string{}
	for _, p := range paths {
		r, err := s.formats.Read(format.Files([]string{p}), "", opt)
		if err != nil {
			continue // the whole was resolved: cannot happen
		}
		names := strings.Join(r.Formats(), ", ")
		if info, err := os.Stat(p); err == nil && info.IsDir() && !strings.HasSuffix(p, string(filepath.Separator)) {
			p += string(filepath.Separator)
		}
		if _, ok := by[names]; !ok {
			order = append(order, names)
		}
		by[names] = append(by[names], p)
	}
	var out []string
	for _, names := range order {
		out = append(out, fmt.Sprintf("%s (detected from %s)", names, ListSome(by[names], 3)))
	}
	return out
}

// LabelMap resolves a --map: "" is none, a built-in map's name is that map,
// anything else is read as a file of two TAB-separated columns. A name
// that is neither is refused, listing the built-in maps.
func (s *Service) LabelMap(spec string) (format.LabelMap, error) {
	if spec == "" {
		return nil, nil
	}
	if m, ok := format.BuiltinMap(spec); ok {
		return m, nil
	}
	f, err := os.Open(spec)
	if err != nil {
		builtin := "none"
		if names := format.BuiltinMaps(); len(names) > 0 {
			builtin = strings.Join(names, ", ")
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil, annotate.Errorf(annotate.EInvalid, "label map %s: no such file, nor a built-in map (built-in: %s)", spec, builtin)
		}
		return nil, annotate.WithCode(annotate.EInvalid, fmt.Errorf("label map: %w", err))
	}
	defer f.Close()
	m, err := format.ReadLabelMap(spec, f)
	if err != nil {
		return nil, annotate.WithCode(annotate.EInvalid, err)
	}
	return m, nil
}

// schemaSource is a store that tells its schema: formats write it beside
// the documents on export (brat's annotation.conf). Imports need it
// (Importer).
type schemaSource interface {
	Schema(ctx context.Context) (annotate.Schema, error)
}

// ImportSummary says what an import did.
type ImportSummary struct {
	Added      int      // documents added
	Spans      int      // spans on the documents added
	Skipped    int      // documents the project already held (same id or same text)
	SkippedIDs []string // their ids
	Formats    []string // the formats read
	Loss       format.Loss
	// Schema is what the import added to the schema (AddLabels).
	Schema []annotate.Unknown
}

// String is the one-line summary: "imported 4 documents (15 spans);
// skipped 1 already present (plain); added to the schema: span label
// imported/PER".
func (s ImportSummary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "imported %s (%s)", plural(s.Added, "document", "documents"), plural(s.Spans, "span", "spans"))
	if s.Skipped > 0 {
		fmt.Fprintf(&b, "; skipped %d already present (%s)", s.Skipped, ListSome(s.SkippedIDs, 10))
	}
	if len(s.Schema) > 0 {
		fmt.Fprintf(&b, "; added to the schema: %s", ListSome(unknownNames(s.Schema), 10))
	}
	return b.String()
}

func unknownNames(us []annotate.Unknown) []string {
	names := make([]string, len(us))
	for i, u := range us {
		names[i] = u.String()
	}
	return names
}

// ListSome joins up to max items and says how many more there are.
func ListSome(items []string, max int) string {
	if len(items) <= max {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:max], ", "), len(items)-max)
}

// Importer is what an import needs of a project.
type Importer interface {
	Schema(ctx context.Context) (annotate.Schema, error)
	Import(ctx context.Context, docs iter.Seq2[annotate.AnnotatedDoc, error], opts ...annotate.ImportOptions) (annotate.ImportResult, error)
}

// Run imports into st, all or nothing. A document the project refuses is
// named with the FILE:LINE it was read from; labels the schema lacks are
// refused all at once (an UnknownLabelsError), or, with AddLabels, added
// in the same transaction, the input read once more first to find them.
// Cancelling ctx before the last document is read stops the import and
// changes nothing (code ECanceled); after it, the store indexes and saves
// regardless, as Progress.Committing announces.
func (im *Import) Run(ctx context.Context, st Importer) (ImportSummary, error) {
	sc, err := st.Schema(ctx)
	if err != nil {
		return ImportSummary{}, err
	}
	if im.reading, err = im.reread(sc); err != nil {
		return ImportSummary{}, err
	}
	var opts []annotate.ImportOptions
	var added []annotate.Unknown
	records := im.reading.Records()
	if im.addLabels {
		if added, err = im.unknowns(ctx, sc, heldBy(ctx, st)); err != nil {
			return ImportSummary{}, err
		}
		if len(added) > 0 {
			grown, err := sc.WithUnknowns(added)
			if err != nil {
				return ImportSummary{}, err
			}
			by := im.annotator
			if by == "" {
				by = "import"
			}
			edit := annotate.SetSchema(sc, grown, nil, by)
			opts = append(opts, annotate.ImportOptions{Schema: &edit})
		}
	} else {
		records = refuseUnknown(ctx, sc, records, heldBy(ctx, st))
	}
	var tally tally
	var where format.Tracker
	stopped := false
	docs := watch(ctx, tally.count(where.Docs(records)), im.progress, &stopped)
	// The store must not see ctx's cancellation: once every document is
	// read, saving them goes on to the end.
	res, err := st.Import(context.WithoutCancel(ctx), docs, opts...)
	if stopped {
		return ImportSummary{}, canceled()
	}
	if err != nil {
		return ImportSummary{}, where.Locate(err)
	}
	return ImportSummary{Added: res.Added, Spans: tally.spansAdded(res.SkippedIDs), Skipped: res.Skipped,
		SkippedIDs: res.SkippedIDs, Formats: im.reading.Formats(), Loss: im.reading.Loss(), Schema: added}, nil
}

// unknowns reads the input through once, on its own, and lists what it
// uses that sc lacks. A problem of the input stops it, as it would the
// import.
func (im *Import) unknowns(ctx context.Context, sc annotate.Schema, held func(id string) bool) ([]annotate.Unknown, error) {
	r, err := im.reread(sc)
	if err != nil {
		return nil, err
	}
	var all []annotate.Unknown
	seen := map[string]bool{}
	for rec, err := range r.Records() {
		if err != nil {
			return nil, err
		}
		if ctx.Err() != nil {
			return nil, canceled()
		}
		unknowns := sc.Unknowns(rec.Doc)
		if len(unknowns) > 0 && held(rec.Doc.ID) {
			continue // skipped by the import: its labels are not needed
		}
		for _, u := range unknowns {
			if !seen[unknownKey(u)] {
				seen[unknownKey(u)] = true
				all = append(all, u)
			}
		}
	}
	return all, nil
}

// unknownKey identifies an unknown whatever layers a relation joins.
func unknownKey(u annotate.Unknown) string {
	return string(u.Kind) + "\x00" + u.Layer + "\x00" + u.Name
}

// heldBy reports whether st holds a document of that id, which the import
// will skip (as it skips one of the same text, which only the store can
// tell): its labels neither stop the import nor are added. A store that
// cannot say holds none.
func heldBy(ctx context.Context, st Importer) func(id string) bool {
	docs, ok := st.(interface {
		Document(ctx context.Context, id string) (annotate.Document, error)
	})
	return func(id string) bool {
		if !ok || id == "" {
			return false
		}
		_, err := docs.Document(ctx, id)
		return err == nil
	}
}

// UnknownLabelsError refuses an import whose files use labels, relation
// types or document labels the schema lacks: all of them, each with where
// it was first met and in how many documents.
type UnknownLabelsError struct {
	Unknowns []UnknownAt
}

// UnknownAt is one unknown label and where the input uses it.
type UnknownAt struct {
	annotate.Unknown
	First format.Pos
	Doc   string // the id of the document it was first met on
	Docs  int
}

// Error is "FILE:LINE: document "a": labels not in the project's schema: span label
// claim/Hedge (in 3 documents), relation type cites (claim → actor) (first
// at b.jsonl:7)", FILE:LINE where the first was met.
func (e *UnknownLabelsError) Error() string {
	var parts []string
	for i, u := range e.Unknowns {
		var where []string
		if i > 0 {
			where = append(where, "first at "+u.First.String())
		}
		if u.Docs > 1 {
			where = append(where, fmt.Sprintf("in %d documents", u.Docs))
		}
		part := u.Unknown.String()
		if len(where) > 0 {
			part += " (" + strings.Join(where, ", ") + ")"
		}
		parts = append(parts, part)
	}
	what := "labels not in the project's schema"
	if len(parts) == 1 {
		what = "a label not in the project's schema"
	}
	first := e.Unknowns[0]
	return fmt.Sprintf("%s: document %q: %s: %s", first.First, first.Doc, what, ListSome(parts, 20))
}

// refuseUnknown passes records on until one uses something sc lacks; then
// it reads the rest only to list every such thing, and ends with an
// UnknownLabelsError (coded EInvalid), so that nothing is imported and the
// user learns them all at once. A problem of the input met while listing
// ends the list there.
func refuseUnknown(ctx context.Context, sc annotate.Schema, records iter.Seq2[format.Record, error], held func(id string) bool) iter.Seq2[format.Record, error] {
	return func(yield func(format.Record, error) bool) {
		var found []UnknownAt
		index := map[string]int{}
		for rec, err := range records {
			if err != nil {
				if len(found) == 0 {
					yield(rec, err)
					return
				}
				break
			}
			if len(found) > 0 && ctx.Err() != nil {
				break // cancelled while listing: watch says so
			}
			unknowns := sc.Unknowns(rec.Doc)
			if len(unknowns) > 0 && held(rec.Doc.ID) {
				unknowns = nil // a document the project holds is skipped, not checked
			}
			for _, u := range unknowns {
				if i, ok := index[unknownKey(u)]; ok {
					found[i].Docs++
					continue
				}
				index[unknownKey(u)] = len(found)
				found = append(found, UnknownAt{Unknown: u, First: rec.Pos, Doc: rec.Doc.ID, Docs: 1})
			}
			if len(found) == 0 && !yield(rec, nil) {
				return
			}
		}
		if len(found) > 0 {
			yield(format.Record{}, &annotate.Error{Code: annotate.EInvalid, Err: &UnknownLabelsError{Unknowns: found}})
		}
	}
}

// watch passes docs through, telling p every ProgressEvery documents, and
// ends with a cancellation (so the import rolls back) once ctx is done,
// checked before each document and once more after the last.
func watch(ctx context.Context, docs iter.Seq2[annotate.AnnotatedDoc, error], p Progress, stopped *bool) iter.Seq2[annotate.AnnotatedDoc, error] {
	return func(yield func(annotate.AnnotatedDoc, error) bool) {
		n := 0
		for d, err := range docs {
			if ctx.Err() != nil {
				*stopped = true
				yield(annotate.AnnotatedDoc{}, canceled())
				return
			}
			if err == nil {
				n++
				p.documents(n)
			}
			if !yield(d, err) {
				return
			}
		}
		if ctx.Err() != nil {
			*stopped = true
			yield(annotate.AnnotatedDoc{}, canceled())
			return
		}
		p.committing(n)
	}
}

// tally remembers what went by, for the summary.
type tally struct {
	ids   []string
	spans []int
}

// count passes documents on, noting each.
func (t *tally) count(docs iter.Seq2[annotate.AnnotatedDoc, error]) iter.Seq2[annotate.AnnotatedDoc, error] {
	return func(yield func(annotate.AnnotatedDoc, error) bool) {
		for d, err := range docs {
			if err == nil {
				t.ids = append(t.ids, d.ID)
				t.spans = append(t.spans, len(d.Spans))
			}
			if !yield(d, err) {
				return
			}
		}
	}
}

// spansAdded counts the spans of the documents that were not skipped.
func (t *tally) spansAdded(skipped []string) int {
	skip := map[string]int{}
	for _, id := range skipped {
		skip[id]++
	}
	n := 0
	// A skipped id is matched to its last occurrence: within one import, the
	// first occurrence of an id is the one that could have been added.
	for i := len(t.ids) - 1; i >= 0; i-- {
		if skip[t.ids[i]] > 0 {
			skip[t.ids[i]]--
			continue
		}
		n += t.spans[i]
	}
	return n
}
