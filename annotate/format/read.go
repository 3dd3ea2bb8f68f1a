package format

import (
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"path"
	"slices"
	"strings"

	"frametag/annotate"
)

// Reading is an import resolved before anything is read: which format
// reads which of the input's paths. A typo or an unknown extension fails
// when the Reading is made, before an import starts.
type Reading struct {
	in    Input
	parts []part
	opt   Options
	loss  Loss
}

// part is one format's share of a Reading: a single file for a FileReader,
// the paths named for a TreeReader.
type part struct {
	format Format
	paths  []string
}

// Read resolves in for reading. formatName forces one format; when it is
// empty each file's extension decides, and a folder is read as the files
// directly inside it that a format claims (hidden files skipped), sorted by
// name.
func (s Set) Read(in Input, formatName string, opt Options) (*Reading, error) {
	readable := s.Readable()
	if formatName != "" {
		f, err := s.ByName(formatName)
		if err != nil {
			return nil, err
		}
		if !f.CanRead() {
			return nil, fmt.Errorf("format %q cannot be read", formatName)
		}
		readable = Set{f}
	}
	r := &Reading{in: in, opt: opt}
	if formatName != "" && readable[0].TreeReader != nil {
		for _, p := range in.Paths {
			if _, err := fs.Stat(in.FS, p); err != nil {
				return nil, err
			}
		}
		r.parts = []part{{format: readable[0], paths: in.Paths}}
		return r, nil
	}
	// A folder of a folder format's files (brat's .ann beside .txt) is read
	// by that format; other folders and files a file at a time.
	byFile := slices.DeleteFunc(slices.Clone(readable), func(f Format) bool { return f.FileReader == nil })
	for _, p := range in.Paths {
		info, err := fs.Stat(in.FS, p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			f, ok := byFile.ForPath(in.Name(p)) // a mounted path is a number; its name has the extension
			switch {
			case formatName != "":
				f = byFile[0]
			case !ok:
				return nil, fmt.Errorf("%s: unknown format by its extension; name one with --format (%s)", in.Name(p), strings.Join(readable.Names(), ", "))
			default:
				f = byFile.detectFile(in, p, f)
			}
			r.parts = append(r.parts, part{format: f, paths: []string{p}})
			continue
		}
		if formatName == "" {
			if f, ok := readable.detectFolder(in, p); ok {
				r.parts = append(r.parts, part{format: f, paths: []string{p}})
				continue
			}
		}
		entries, err := fs.ReadDir(in.FS, p) // sorted by name
		if err != nil {
			return nil, err
		}
		found := 0
		for _, e := range entries {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") || !regular(in, childPath(p, e.Name()), e) {
				continue
			}
			if f, ok := byFile.ForPath(e.Name()); ok {
				r.parts = append(r.parts, part{format: f, paths: []string{childPath(p, e.Name())}})
				found++
			}
		}
		if found == 0 {
			var exts []string
			for _, f := range byFile {
				exts = append(exts, f.Extensions...)
			}
			return nil, fmt.Errorf("%s: folder holds no %s files", in.Name(p), strings.Join(exts, " or "))
		}
	}
	return r, nil
}

// regular reports whether a folder's entry is a regular file, or a link to
// one: a FIFO or a device named *.jsonl in a folder is not read (reading a
// FIFO blocks until someone writes to it). A file the user names is read
// whatever it is, so that `frametag import <(zcat x.jsonl.gz)` works.
func regular(in Input, p string, e fs.DirEntry) bool {
	if e.Type().IsRegular() {
		return true
	}
	if e.Type()&fs.ModeSymlink == 0 {
		return false
	}
	info, err := fs.Stat(in.FS, p)
	return err == nil && info.Mode().IsRegular()
}

// FolderDetector is a TreeReader that knows a folder of its own by the
// names of the files in it, so that a folder named without a format is
// read by it.
type FolderDetector interface {
	// DetectsFolder reports whether names, the slash paths of the files
	// under a folder relative to it (hidden ones left out), are this
	// format's.
	DetectsFolder(names []string) bool
}

// detectFolder is the folder format whose files dir holds, looking a few
// folders deep.
func (s Set) detectFolder(in Input, dir string) (Format, bool) {
	const maxDepth, maxFiles = 3, 50000
	var names []string
	// A folder that holds files of a file format other than plain text
	// (a .jsonl beside a brat subfolder) is read as it always was.
	direct, err := fs.ReadDir(in.FS, dir)
	if err != nil {
		return Format{}, false
	}
	for _, e := range direct {
		if f, ok := s.ForPath(e.Name()); ok && !e.IsDir() && f.FileReader != nil && strings.ToLower(path.Ext(e.Name())) != ".txt" {
			return Format{}, false
		}
	}
	fs.WalkDir(in.FS, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || len(names) >= maxFiles {
			return fs.SkipAll
		}
		rel := folderRel(dir, p)
		if (p != dir && strings.HasPrefix(d.Name(), ".")) || strings.Count(rel, "/") >= maxDepth {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if !d.IsDir() {
			names = append(names, rel)
		}
		return nil
	})
	for _, f := range s {
		if det, ok := f.TreeReader.(FolderDetector); ok && det.DetectsFolder(names) {
			return f, true
		}
	}
	return Format{}, false
}

// Formats names the formats the Reading reads, each once, in order: what
// was chosen, for a caller to say so.
func (r *Reading) Formats() []string {
	var names []string
	for _, p := range r.parts {
		if len(names) == 0 || names[len(names)-1] != p.format.Name {
			names = append(names, p.format.Name)
		}
	}
	return names
}

// Records reads every part in turn, opening each file only when its turn
// comes, and yields each document with where it was read: labels renamed
// and unattributed annotations given the annotator, as the Options say. It
// stops at the first error.
func (r *Reading) Records() iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for _, p := range r.parts {
			for rec, err := range r.readPart(p) {
				if err == nil {
					rec.Doc = r.opt.Labels.Apply(rec.Doc)
					rec.Doc.AttributeTo(r.opt.Annotator)
				}
				if !yield(rec, err) || err != nil {
					return
				}
			}
		}
	}
}

// UseSchema hands the formats the project's schema, before Records is
// called: formats whose files say no layer place labels in its layers
// (brat's attribute values, PTC's techniques).
func (r *Reading) UseSchema(s annotate.Schema) { r.opt.Schema = s }

// Loss is what the formats could not hold of what has been read so far;
// complete once Records has run to its end.
func (r *Reading) Loss() Loss { return r.loss }

func (r *Reading) readPart(p part) iter.Seq2[Record, error] {
	opt := r.opt.resolve(p.format)
	if p.format.TreeReader != nil {
		return p.format.TreeReader.ReadTree(r.in.with(p.paths...), opt, &r.loss)
	}
	return func(yield func(Record, error) bool) {
		f, err := r.in.FS.Open(p.paths[0])
		if err != nil {
			yield(Record{}, err)
			return
		}
		defer f.Close()
		for rec, err := range p.format.FileReader.ReadFile(r.in.Name(p.paths[0]), f, opt, &r.loss) {
			if !yield(rec, err) || err != nil {
				return
			}
		}
	}
}

// Tracker passes records on as plain documents and remembers where each
// was read, so that a consumer's refusal of one (the project checking it
// against its schema while reading, or at its commit after reading them
// all) can still name its FILE:LINE.
type Tracker struct {
	last Record
	// first is where each document id was first read: a refusal after the
	// last document is about one that could have been added, the first of
	// its id.
	first map[string]Pos
}

// Docs yields the records' documents, noting each one's position.
func (t *Tracker) Docs(records iter.Seq2[Record, error]) iter.Seq2[annotate.AnnotatedDoc, error] {
	return func(yield func(annotate.AnnotatedDoc, error) bool) {
		for rec, err := range records {
			if err == nil {
				t.last = rec
				if t.first == nil {
					t.first = map[string]Pos{}
				}
				if _, ok := t.first[rec.Doc.ID]; !ok {
					t.first[rec.Doc.ID] = rec.Pos
				}
			}
			if !yield(rec.Doc, err) {
				return
			}
		}
	}
}

// Locate puts the FILE:LINE of a document in front of err when err is about
// it, that is, when it carries a DocumentID method (as the store's refusals
// do) naming it: the document read last if that is the one, else the first
// read with that id. Other errors come back unchanged.
func (t *Tracker) Locate(err error) error {
	var about interface{ DocumentID() string }
	if err == nil || !errors.As(err, &about) {
		return err
	}
	pos, ok := t.last.Pos, about.DocumentID() == t.last.Doc.ID
	if !ok {
		pos, ok = t.first[about.DocumentID()]
	}
	if !ok || pos.Name == "" {
		return err
	}
	return fmt.Errorf("%s: %w", pos, err)
}
