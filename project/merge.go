package project

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"frametag/annotate"
	"frametag/annotate/format"
)

// Merger is what a merge needs of the team's project.
type Merger interface {
	Path() string
	Schema(ctx context.Context) (annotate.Schema, error)
	Export(ctx context.Context, fn func(annotate.AnnotatedDoc) error) error
	Merge(ctx context.Context, docs iter.Seq2[annotate.AnnotatedDoc, error]) (annotate.MergeResult, error)
}

// MergeRequest says what to merge into a project.
type MergeRequest struct {
	// Paths are other annotators' projects, or files in a format frametag
	// reads (native JSONL exports), as the user named them.
	Paths []string
	// Progress is told the documents read after each file, and Committing
	// when the project is written (no longer cancellable).
	Progress Progress
}

// SchemaDiff is how one merged file's labels differ from the project's, by
// "layer/label" (or "layer" for a whole layer).
type SchemaDiff struct {
	File string
	// Missing are labels the file uses (or its schema has) that the project
	// lacks; a merge whose annotations use one is refused.
	Missing []string
	// Lacking are the project's labels the file's schema does not have
	// (projects only: a JSONL file carries no schema).
	Lacking []string
}

// MergeSummary says what a merge did.
type MergeSummary struct {
	Files      int
	Added      int // documents new to the project
	Matched    int // documents the project held (by text), whatever their id
	Annotated  int // of those, documents that received annotations
	Renamed    []string
	Spans      int // annotations added
	Relations  int
	Labels     int
	Statuses   int
	Duplicates int // annotations the project already held, left out
	Annotators []string
	Schema     []SchemaDiff
	// Kept are the places where the file disagreed with what the project
	// holds and the project's was kept: an annotator's span changed since
	// it was merged, another label on a single-choice layer, an earlier
	// status.
	Kept []string
}

// String is the summary line.
func (s MergeSummary) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "merged %s: %s added, %d matched by text", plural(s.Files, "file", "files"),
		plural(s.Added, "document", "documents"), s.Matched)
	if s.Annotated+s.Added == 0 {
		b.WriteString("; nothing new")
	} else {
		fmt.Fprintf(&b, "; added %s, %s, %s, %s", plural(s.Spans, "span", "spans"), plural(s.Relations, "relation", "relations"),
			plural(s.Labels, "document label", "document labels"), plural(s.Statuses, "status", "statuses"))
	}
	if s.Duplicates > 0 {
		fmt.Fprintf(&b, "; %d already present", s.Duplicates)
	}
	if len(s.Annotators) > 0 {
		fmt.Fprintf(&b, " (annotators: %s)", strings.Join(s.Annotators, ", "))
	}
	return b.String()
}

// source is one file to merge: its documents (and where each was read),
// and its schema when it has one.
type source struct {
	path   string
	schema *annotate.Schema
	docs   []annotate.AnnotatedDoc
	where  []string
}

// readSource reads a project (through the opener) or a file a format reads,
// with the team's schema (formats whose files name no layer place labels
// in its layers).
func (s *Service) readSource(ctx context.Context, path string, sc annotate.Schema) (source, error) {
	src := source{path: path}
	if s.opener.IsProjectFile(path) {
		// A colleague's project is read from a copy: opening it may
		// upgrade its format, and their file must not change.
		copyPath, cleanup, err := copyProject(path)
		if err != nil {
			return src, err
		}
		defer cleanup()
		st, err := s.opener.Open(ctx, copyPath)
		if err != nil {
			return src, fmt.Errorf("%s: %w", path, err)
		}
		defer st.Close()
		sc, err := st.Schema(ctx)
		if err != nil {
			return src, err
		}
		src.schema = &sc
		err = exportNamed(ctx, st, func(d annotate.AnnotatedDoc) error {
			src.docs = append(src.docs, d)
			src.where = append(src.where, fmt.Sprintf("%s: document %q", path, d.ID))
			return nil
		})
		return src, err
	}
	r, err := s.formats.Read(format.Files([]string{path}), "", format.Options{})
	if err != nil {
		return src, err
	}
	r.UseSchema(sc)
	for rec, err := range r.Records() {
		if err != nil {
			return src, err
		}
		src.docs = append(src.docs, rec.Doc)
		where := rec.Pos.Name
		if rec.Pos.Line > 0 {
			where = fmt.Sprintf("%s:%d", where, rec.Pos.Line)
		}
		src.where = append(src.where, where)
	}
	return src, nil
}

// work is one document of the merged project as the merge builds it.
type work struct {
	doc   annotate.Document
	isNew bool
	// matched: a merged file held the document
	matched bool
	// what the project (or this merge, before) holds
	spanIDs, relIDs map[string]bool
	spanKeys        map[string]string           // content key -> span id
	byAnnotatorID   map[[2]string]annotate.Span // (annotator, id) -> span
	relKeys         map[string]bool             // annotator, type, from, to
	labels          map[[3]string]bool          // layer, label, annotator
	single          map[[2]string]string        // (layer, annotator) -> label, single-choice layers
	status          map[string]annotate.Status  // by annotator
	add             annotate.AnnotatedDoc       // what the merge adds
	setStatus       map[string]annotate.Status  // statuses to set
	order           int
}

func newWork(d annotate.Document, isNew bool, order int) *work {
	return &work{doc: d, isNew: isNew, order: order, spanIDs: map[string]bool{}, relIDs: map[string]bool{},
		spanKeys: map[string]string{}, byAnnotatorID: map[[2]string]annotate.Span{}, relKeys: map[string]bool{},
		labels: map[[3]string]bool{}, single: map[[2]string]string{}, status: map[string]annotate.Status{},
		setStatus: map[string]annotate.Status{}, add: annotate.AnnotatedDoc{Document: d}}
}

// spanKey is what makes two spans the same annotation: annotator, layer,
// label and the positions they cover.
func spanKey(sp annotate.Span) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\x00%s\x00%s", sp.Annotator, sp.Layer, sp.Label)
	for _, f := range annotate.NormalizeFragments(sp.Fragments) {
		fmt.Fprintf(&b, "\x00%d-%d", f.Start, f.End)
	}
	return b.String()
}

func relKey(r annotate.Relation) string {
	return r.Annotator + "\x00" + r.Type + "\x00" + r.From + "\x00" + r.To
}

// hold records an annotation the project holds (or the merge has added).
func (w *work) holdSpan(sp annotate.Span) {
	w.spanIDs[sp.ID] = true
	w.spanKeys[spanKey(sp)] = sp.ID
	w.byAnnotatorID[[2]string{sp.Annotator, sp.ID}] = sp
}

func (w *work) holdRelation(r annotate.Relation) {
	w.relIDs[r.ID] = true
	w.relKeys[relKey(r)] = true
}

func (w *work) holdLabel(sc *annotate.Schema, dl annotate.DocLabel) {
	w.labels[[3]string{dl.Layer, dl.Label, dl.Annotator}] = true
	if l, ok := sc.Layer(dl.Layer); ok && !l.Multi {
		w.single[[2]string{dl.Layer, dl.Annotator}] = dl.Label
	}
}

// statusRank orders statuses by progress, for the rule that a merge only
// moves a status forward.
func statusRank(s annotate.Status) int {
	switch s {
	case annotate.StatusInProgress:
		return 1
	case annotate.StatusDone:
		return 2
	case annotate.StatusSkipped:
		return 3
	}
	return 0
}

// Merge brings other annotators' projects or exports into st, all or
// nothing:
//   - documents are matched by text (the same article under another id is
//     one document) and new ones are added;
//   - every annotation is kept with its annotator; one the project already
//     holds (the same annotator, layer, label and positions; a relation
//     between the same spans) is left out, so merging a file twice changes
//     nothing; a span or relation whose id the document already uses for
//     something else gets a new id;
//   - nothing the project holds is changed or removed: where a file
//     disagrees (an annotator's span edited since the last merge, another
//     label on a single-choice layer) the project's is kept and the
//     summary says so; a status moves forward only (todo, in progress,
//     done), and skipped only where there was none;
//   - a file whose annotations use a label or layer the project's schema
//     lacks is refused, naming them; schema differences that do not matter
//     are reported.
//
// Merges are not edits: they cannot be undone (keep a copy of the project).
func (s *Service) Merge(ctx context.Context, st Merger, req MergeRequest) (MergeSummary, error) {
	var sum MergeSummary
	if len(req.Paths) == 0 {
		return sum, annotate.Errorf(annotate.EInvalid, "nothing to merge")
	}
	for _, p := range req.Paths {
		if SamePath(p, st.Path()) {
			return sum, annotate.Errorf(annotate.EInvalid, "%s is the project being merged into", p)
		}
	}
	sc, err := st.Schema(ctx)
	if err != nil {
		return sum, err
	}
	byHash := map[string]*work{}
	ids := map[string]bool{}
	order := 0
	err = exportNamed(ctx, st, func(d annotate.AnnotatedDoc) error {
		w := newWork(d.Document, false, order)
		order++
		for _, sp := range d.Spans {
			w.holdSpan(sp)
		}
		for _, r := range d.Relations {
			w.holdRelation(r)
		}
		for _, dl := range d.Labels {
			w.holdLabel(&sc, dl)
		}
		for who, stt := range d.Status {
			w.status[who] = stt
		}
		byHash[annotate.TextHash(d.Text)] = w
		ids[d.ID] = true
		return nil
	})
	if err != nil {
		return sum, err
	}
	annotators := map[string]bool{}
	read := 0
	for _, p := range req.Paths {
		if err := ctx.Err(); err != nil {
			return MergeSummary{}, canceled()
		}
		src, err := s.readSource(ctx, p, sc)
		if err != nil {
			return MergeSummary{}, err
		}
		sum.Files++
		if read += len(src.docs); req.Progress.Documents != nil {
			req.Progress.Documents(read)
		}
		diff := schemaDiff(sc, src)
		if len(diff.Missing) > 0 || len(diff.Lacking) > 0 {
			sum.Schema = append(sum.Schema, diff)
		}
		if used := missingUsed(sc, src); len(used) > 0 {
			return MergeSummary{}, annotate.Errorf(annotate.EInvalid,
				"%s uses labels the project's schema lacks: %s; add them to the project first (frametag schema), then merge again; nothing was merged",
				p, strings.Join(used, ", "))
		}
		for i, d := range src.docs {
			if err := attributed(d); err != nil {
				return MergeSummary{}, annotate.Errorf(annotate.EInvalid, "%s: %v; merge keeps every annotation with its annotator (import the file with --annotator instead); nothing was merged", src.where[i], err)
			}
			hash := annotate.TextHash(d.Text)
			w, ok := byHash[hash]
			if !ok {
				doc := d.Document
				if ids[doc.ID] {
					doc.ID = doc.ID + "-" + hash[:8]
					sum.Renamed = append(sum.Renamed, fmt.Sprintf("%s (%s) as %s", d.ID, src.where[i], doc.ID))
				}
				if err := doc.Validate(); err != nil {
					return MergeSummary{}, annotate.Errorf(annotate.EInvalid, "%s: %v; nothing was merged", src.where[i], err)
				}
				w = newWork(doc, true, order)
				order++
				byHash[hash] = w
				ids[doc.ID] = true
			}
			w.merge(&sc, d, src.where[i], &sum, annotators)
		}
	}
	for a := range annotators {
		sum.Annotators = append(sum.Annotators, a)
	}
	sort.Strings(sum.Annotators)

	var out []*work
	for _, w := range byHash {
		if w.isNew {
			sum.Added++
		}
		if w.isNew || len(w.add.Spans)+len(w.add.Relations)+len(w.add.Labels)+len(w.setStatus) > 0 {
			out = append(out, w)
		}
	}
	slices.SortFunc(out, func(a, b *work) int { return a.order - b.order })
	for _, w := range out {
		if !w.isNew {
			sum.Annotated++
		}
	}
	if len(out) == 0 {
		return sum, nil
	}
	docs := func(yield func(annotate.AnnotatedDoc, error) bool) {
		for _, w := range out {
			d := w.add
			d.Document = w.doc
			if len(w.setStatus) > 0 {
				d.Status = w.setStatus
			}
			if !yield(d, nil) {
				return
			}
		}
	}
	if ctx.Err() != nil {
		return MergeSummary{}, canceled()
	}
	if req.Progress.Committing != nil {
		req.Progress.Committing(len(out))
	}
	if _, err := st.Merge(context.WithoutCancel(ctx), docs); err != nil {
		return MergeSummary{}, err
	}
	return sum, nil
}

// merge adds what d holds that w does not.
func (w *work) merge(sc *annotate.Schema, d annotate.AnnotatedDoc, where string, sum *MergeSummary, annotators map[string]bool) {
	if !w.isNew && !w.matched {
		w.matched = true
		sum.Matched++
	}
	// ids maps d's span ids to the ids they have in the project.
	idOf := map[string]string{}
	for _, sp := range d.Spans {
		annotators[sp.Annotator] = true
		key := spanKey(sp)
		if id, ok := w.spanKeys[key]; ok {
			idOf[sp.ID] = id
			sum.Duplicates++
			continue
		}
		if old, ok := w.byAnnotatorID[[2]string{sp.Annotator, sp.ID}]; ok && sp.ID != "" {
			// The annotator's own span, changed since it was merged.
			idOf[sp.ID] = old.ID
			sum.Kept = append(sum.Kept, fmt.Sprintf("%s: %s's span %s differs from the project's (%s); the project's kept",
				where, sp.Annotator, sp.ID, old.Label))
			continue
		}
		nsp := sp.Clone()
		nsp.DocID = w.doc.ID
		if nsp.ID == "" || w.spanIDs[nsp.ID] {
			nsp.ID = annotate.NewID("s")
		}
		idOf[sp.ID] = nsp.ID
		w.holdSpan(nsp)
		w.add.Spans = append(w.add.Spans, nsp)
		sum.Spans++
	}
	for _, r := range d.Relations {
		annotators[r.Annotator] = true
		nr := r
		nr.DocID = w.doc.ID
		if id, ok := idOf[r.From]; ok {
			nr.From = id
		}
		if id, ok := idOf[r.To]; ok {
			nr.To = id
		}
		if w.relKeys[relKey(nr)] {
			sum.Duplicates++
			continue
		}
		if nr.ID == "" || w.relIDs[nr.ID] {
			nr.ID = annotate.NewID("r")
		}
		w.holdRelation(nr)
		w.add.Relations = append(w.add.Relations, nr)
		sum.Relations++
	}
	for _, dl := range d.Labels {
		annotators[dl.Annotator] = true
		if w.labels[[3]string{dl.Layer, dl.Label, dl.Annotator}] {
			sum.Duplicates++
			continue
		}
		if have, ok := w.single[[2]string{dl.Layer, dl.Annotator}]; ok {
			sum.Kept = append(sum.Kept, fmt.Sprintf("%s: %s's %s is %s, the project's %s; the project's kept",
				where, dl.Annotator, dl.Layer, dl.Label, have))
			continue
		}
		w.holdLabel(sc, dl)
		w.add.Labels = append(w.add.Labels, dl)
		sum.Labels++
	}
	for who, stt := range d.Status {
		if !stt.Valid() || stt == annotate.StatusTodo {
			continue
		}
		have, ok := w.status[who]
		switch {
		case have == stt:
			sum.Duplicates++
			continue
		case ok && (stt == annotate.StatusSkipped || have == annotate.StatusSkipped || statusRank(stt) < statusRank(have)):
			sum.Kept = append(sum.Kept, fmt.Sprintf("%s: %s's status is %s, the project's %s; the project's kept",
				where, who, stt, have))
			continue
		}
		annotators[who] = true
		w.status[who] = stt
		w.setStatus[who] = stt
		sum.Statuses++
	}
}

// attributed refuses annotations without an annotator.
func attributed(d annotate.AnnotatedDoc) error {
	for _, sp := range d.Spans {
		if sp.Annotator == "" {
			return fmt.Errorf("span %s has no annotator", sp.ID)
		}
	}
	for _, r := range d.Relations {
		if r.Annotator == "" {
			return fmt.Errorf("relation %s has no annotator", r.ID)
		}
	}
	for _, dl := range d.Labels {
		if dl.Annotator == "" {
			return fmt.Errorf("document label %s/%s has no annotator", dl.Layer, dl.Label)
		}
	}
	return nil
}

// schemaDiff compares a file's labels with the project's: the file's schema
// when it has one, else the labels its annotations use.
func schemaDiff(sc annotate.Schema, src source) SchemaDiff {
	diff := SchemaDiff{File: src.path}
	theirs := map[string]bool{}
	if src.schema != nil {
		for _, l := range src.schema.Layers {
			theirs[l.Name] = true
			for _, lb := range l.Labels {
				theirs[l.Name+"/"+lb.Name] = true
			}
		}
	} else {
		for _, k := range usedLabels(src) {
			theirs[k] = true
			theirs[strings.SplitN(k, "/", 2)[0]] = true
		}
	}
	ours := map[string]bool{}
	for _, l := range sc.Layers {
		ours[l.Name] = true
		for _, lb := range l.Labels {
			ours[l.Name+"/"+lb.Name] = true
		}
	}
	for k := range theirs {
		if !ours[k] {
			// a missing layer is named once, not with each of its labels
			if layer, _, isLabel := strings.Cut(k, "/"); isLabel && !ours[layer] {
				continue
			}
			diff.Missing = append(diff.Missing, k)
		}
	}
	if src.schema != nil {
		for k := range ours {
			if !theirs[k] {
				if layer, _, isLabel := strings.Cut(k, "/"); isLabel && !theirs[layer] {
					continue
				}
				diff.Lacking = append(diff.Lacking, k)
			}
		}
	}
	sort.Strings(diff.Missing)
	sort.Strings(diff.Lacking)
	return diff
}

// usedLabels is every layer/label (span and document labels) and
// relation/type the file's annotations use.
func usedLabels(src source) []string {
	set := map[string]bool{}
	for _, d := range src.docs {
		for _, sp := range d.Spans {
			set[sp.Layer+"/"+sp.Label] = true
		}
		for _, dl := range d.Labels {
			set[dl.Layer+"/"+dl.Label] = true
		}
	}
	var out []string
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// missingUsed is what the file's annotations use that the project lacks.
func missingUsed(sc annotate.Schema, src source) []string {
	var out []string
	for _, k := range usedLabels(src) {
		layer, label, _ := strings.Cut(k, "/")
		l, ok := sc.Layer(layer)
		if !ok {
			out = append(out, k+" (no layer "+layer+")")
			continue
		}
		if _, ok := l.Label(label); !ok {
			out = append(out, k)
		}
	}
	rels := map[string]bool{}
	for _, d := range src.docs {
		for _, r := range d.Relations {
			if _, ok := sc.RelationType(r.Type); !ok && !rels[r.Type] {
				rels[r.Type] = true
				out = append(out, "relation type "+r.Type)
			}
		}
	}
	return out
}

// copyProject copies a project file, with its write-ahead log when one is
// beside it, into a new temporary folder; cleanup removes the folder.
func copyProject(path string) (copyPath string, cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "frametag-merge-")
	if err != nil {
		return "", nil, fmt.Errorf("merge %s: %w", path, err)
	}
	cleanup = func() { os.RemoveAll(dir) }
	copyPath = filepath.Join(dir, filepath.Base(path))
	for _, suffix := range []string{"", "-wal"} {
		if err := copyFile(path+suffix, copyPath+suffix); err != nil {
			if suffix != "" && errors.Is(err, fs.ErrNotExist) {
				continue
			}
			cleanup()
			return "", nil, fmt.Errorf("merge %s: %w", path, err)
		}
	}
	return copyPath, cleanup, nil
}

func copyFile(from, to string) error {
	in, err := os.Open(from)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(to)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
