package format

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strings"

	"frametag/annotate"
)

// Input is one file to read and the format to read it with.
type Input struct {
	Path   string
	Format Format
}

// Inputs expands paths into the files to read: a file as it is, a folder into
// the files directly inside it whose extension a readable format claims
// (hidden files skipped), sorted by name. formatName forces one format; when
// it is empty each file's extension decides. Everything is resolved before
// anything is read, so a typo fails before an import starts.
func (s Set) Inputs(paths []string, formatName string) ([]Input, error) {
	readable := s.Readable()
	if formatName != "" {
		f, err := s.ByName(formatName)
		if err != nil {
			return nil, err
		}
		if f.Reader == nil {
			return nil, fmt.Errorf("format %q cannot be read", formatName)
		}
		readable = Set{f}
	}
	var inputs []Input
	for _, p := range paths {
		info, err := os.Stat(p)
		if err != nil {
			return nil, err
		}
		if !info.IsDir() {
			f, ok := readable.ForPath(p)
			switch {
			case formatName != "":
				f = readable[0]
			case !ok:
				return nil, fmt.Errorf("%s: unknown format by its extension; name one with --format (%s)", p, strings.Join(readable.Names(), ", "))
			}
			inputs = append(inputs, Input{Path: p, Format: f})
			continue
		}
		entries, err := os.ReadDir(p) // sorted by name
		if err != nil {
			return nil, err
		}
		found := 0
		for _, e := range entries {
			if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
				continue
			}
			if f, ok := readable.ForPath(e.Name()); ok {
				inputs = append(inputs, Input{Path: filepath.Join(p, e.Name()), Format: f})
				found++
			}
		}
		if found == 0 {
			var exts []string
			for _, f := range readable {
				exts = append(exts, f.Extensions...)
			}
			return nil, fmt.Errorf("%s: folder holds no %s files", p, strings.Join(exts, " or "))
		}
	}
	return inputs, nil
}

// Tracker passes records on as plain documents and remembers where the last
// one was read, so that a consumer's refusal of that document (the project
// checking it against its schema) can still name its FILE:LINE.
type Tracker struct {
	last Record
}

// Docs yields the records' documents, noting each one's position.
func (t *Tracker) Docs(records iter.Seq2[Record, error]) iter.Seq2[annotate.AnnotatedDoc, error] {
	return func(yield func(annotate.AnnotatedDoc, error) bool) {
		for rec, err := range records {
			if err == nil {
				t.last = rec
			}
			if !yield(rec.Doc, err) {
				return
			}
		}
	}
}

// Locate puts the FILE:LINE of the document read last in front of err when
// err is about that document, that is, when it carries a DocumentID method
// (as storage's refusals do) naming it. Other errors come back unchanged.
func (t *Tracker) Locate(err error) error {
	var about interface{ DocumentID() string }
	if err == nil || !errors.As(err, &about) || about.DocumentID() != t.last.Doc.ID || t.last.Pos.Name == "" {
		return err
	}
	return fmt.Errorf("%s: %w", t.last.Pos, err)
}

// Records chains the inputs into one sequence of documents with where each
// was read, opening each file only when its turn comes. It stops at the
// first error.
func Records(inputs []Input) iter.Seq2[Record, error] {
	return func(yield func(Record, error) bool) {
		for _, in := range inputs {
			if !readOne(in, yield) {
				return
			}
		}
	}
}

// readOne yields in's records and reports whether to go on.
func readOne(in Input, yield func(Record, error) bool) bool {
	f, err := os.Open(in.Path)
	if err != nil {
		yield(Record{}, err)
		return false
	}
	defer f.Close()
	for rec, err := range in.Format.Reader.Read(in.Path, f) {
		if !yield(rec, err) || err != nil {
			return false
		}
	}
	return true
}

// Source hands every document to fn in turn; (*storage.Store).Export is one.
type Source func(fn func(annotate.AnnotatedDoc) error) error

// Counts is what a write wrote.
type Counts struct{ Documents, Spans int }

// WriteFile writes src to path through a temporary file in the same folder,
// renamed over path only when every document was checked and written: a
// failed export leaves no file, and no half-written one.
func WriteFile(path string, w Writer, src Source) (Counts, error) {
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return Counts{}, fmt.Errorf("%s is a folder; name a file to write", path)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		// The error names the temporary file, which the user never asked for.
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		if errors.Is(err, fs.ErrNotExist) {
			return Counts{}, fmt.Errorf("%s: there is no folder %s", path, dir)
		}
		return Counts{}, fmt.Errorf("%s: cannot write in %s: %w", path, dir, err)
	}
	counts, err := encodeAll(tmp, w, src)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		if err = os.Rename(tmp.Name(), path); err != nil {
			err = fmt.Errorf("%s: %w", path, err)
		}
	}
	if err != nil {
		os.Remove(tmp.Name())
		return Counts{}, err
	}
	return counts, nil
}

// Write writes src to dst only once every document has been checked: it
// spools to a temporary file first, so a refused export writes nothing to
// dst (standard output, say) rather than a wrong prefix.
func Write(dst io.Writer, w Writer, src Source) (Counts, error) {
	tmp, err := os.CreateTemp("", "frametag-export-*")
	if err != nil {
		return Counts{}, err
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	counts, err := encodeAll(tmp, w, src)
	if err != nil {
		return Counts{}, err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return Counts{}, err
	}
	if _, err := io.Copy(dst, tmp); err != nil {
		return Counts{}, err
	}
	return counts, nil
}

func encodeAll(out io.Writer, w Writer, src Source) (Counts, error) {
	var counts Counts
	enc := w.NewEncoder(out)
	err := src(func(doc annotate.AnnotatedDoc) error {
		if err := enc.Encode(doc); err != nil {
			return err
		}
		counts.Documents++
		counts.Spans += len(doc.Spans)
		return nil
	})
	if err != nil {
		return Counts{}, err
	}
	if err := enc.Flush(); err != nil {
		return Counts{}, err
	}
	return counts, nil
}
