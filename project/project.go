// Package project is the application layer for projects: create, open,
// import and export, with the checks, summaries, progress and cancellation
// that the window and the command line share. It reaches stores only
// through an annotate.Opener handed to it (main.go wires the SQLite one) and
// formats only through annotate/format.
//
// Its errors carry annotate's codes. Where the two surfaces have always
// worded a refusal differently, the error's own text is the command line's
// and a typed error inside (ExistsError, TargetError) gives the window what
// it needs to word its own.
package project

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"frametag/annotate"
	"frametag/annotate/format"
	"frametag/seeds"
)

// Service creates, opens, imports and exports projects.
type Service struct {
	opener  annotate.Opener
	formats format.Set
}

// New returns the service over opener, with every format frametag knows.
func New(opener annotate.Opener) *Service {
	return &Service{opener: opener, formats: format.All()}
}

// Formats is the formats the service reads and writes.
func (s *Service) Formats() format.Set { return s.formats }

// Open opens an existing project. Nothing at path is ENotFound; anything
// else that is not a project is refused by the store, with an error naming
// the file, and left as it was.
func (s *Service) Open(ctx context.Context, path string) (annotate.Store, error) {
	return s.opener.Open(ctx, path)
}

// Check makes sure path is an existing project, as before a window is
// opened on it: a folder is refused by name, and the project is opened and
// closed again.
func (s *Service) Check(ctx context.Context, path string) error {
	RemoveUnfinished(path)
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return annotate.Errorf(annotate.ENotProject, "%s is a folder, not a project file", path)
	}
	st, err := s.Open(ctx, path)
	if err != nil {
		return err
	}
	return st.Close()
}

// ExistsError is the refusal of a new project where a file already is:
// frametag never replaces one, even after a save dialog's "Overwrite?".
type ExistsError struct{ Path string }

func (e *ExistsError) Error() string {
	return e.Path + " already exists; frametag will not overwrite it"
}

func exists(path string) error {
	return &annotate.Error{Code: annotate.EConflict, Err: &ExistsError{Path: path}}
}

// Create makes a new project file at path holding schema and docs (nil for
// none; Seeds for the bundled articles) and reports what the import of docs
// did. It is built beside path under a temporary name and moved into place
// only when complete, so an interrupted creation never leaves a half-made
// project at path (which the next start would refuse as damaged). An
// existing path is refused with an ExistsError (code EConflict).
func (s *Service) Create(ctx context.Context, path string, schema annotate.Schema, docs iter.Seq2[annotate.AnnotatedDoc, error]) (annotate.ImportResult, error) {
	RemoveUnfinished(path)
	if _, err := os.Stat(path); err == nil {
		return annotate.ImportResult{}, exists(path)
	}
	work, err := os.MkdirTemp(filepath.Dir(path), creatingPrefix(path)+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return annotate.ImportResult{}, err
	}
	defer os.RemoveAll(work)
	tmp := filepath.Join(work, filepath.Base(path))
	st, err := s.opener.Create(ctx, tmp, schema)
	if err != nil {
		return annotate.ImportResult{}, err
	}
	var res annotate.ImportResult
	if docs != nil {
		res, err = st.Import(ctx, docs)
	}
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return annotate.ImportResult{}, err
	}
	// Link, unlike Rename, refuses to replace a file made meanwhile.
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return annotate.ImportResult{}, exists(path)
		}
		if err := os.Rename(tmp, path); err != nil { // a file system without hard links
			return annotate.ImportResult{}, err
		}
	}
	return res, nil
}

// creatingPrefix begins the name of the folder a project at path is built
// in: ".NAME.creating-", then the creating process's id and a random part.
func creatingPrefix(path string) string { return "." + filepath.Base(path) + ".creating-" }

// RemoveUnfinished removes the folders beside path that a creation of it
// killed halfway left behind (".NAME.creating-PID-*"): those whose process
// is gone. A folder without a process id (made by an earlier frametag), or
// on a system where it cannot tell, goes once nothing in it has changed for
// a day. Another creation still running is left alone. Errors are ignored:
// it tidies up, nothing depends on it.
func RemoveUnfinished(path string) {
	dir := filepath.Dir(path)
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix := creatingPrefix(path)
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), prefix)
		if !ok || !e.IsDir() {
			continue
		}
		full := filepath.Join(dir, e.Name())
		pidText, _, _ := strings.Cut(rest, "-")
		if pid, err := strconv.Atoi(pidText); err == nil && pid > 0 {
			if alive, known := processAlive(pid); known {
				if !alive {
					os.RemoveAll(full)
				}
				continue
			}
		}
		if newest(full).Before(time.Now().Add(-24 * time.Hour)) {
			os.RemoveAll(full)
		}
	}
}

// newest is the latest modification time of dir and the files in it.
func newest(dir string) time.Time {
	var t time.Time
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if info, err := d.Info(); err == nil && info.ModTime().After(t) {
			t = info.ModTime()
		}
		return nil
	})
	return t
}

// Seeds yields the bundled articles, for a new project.
func Seeds() iter.Seq2[annotate.AnnotatedDoc, error] {
	return func(yield func(annotate.AnnotatedDoc, error) bool) {
		docs, err := seeds.Documents()
		if err != nil {
			yield(annotate.AnnotatedDoc{}, err)
			return
		}
		for _, d := range docs {
			if !yield(annotate.AnnotatedDoc{Document: d}, nil) {
				return
			}
		}
	}
}

// SamePath reports whether a and b name the same file (also through links).
func SamePath(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	fa, errA := os.Stat(a)
	fb, errB := os.Stat(b)
	return errA == nil && errB == nil && os.SameFile(fa, fb)
}

// Progress hears how a long import or export goes, from the goroutine
// doing it. Either function may be nil.
type Progress struct {
	// Documents is called with the count so far every ProgressEvery
	// documents read (import) or written (export).
	Documents func(n int)
	// Committing is called once an import has read its n documents and the
	// store indexes and saves them: from here on it cannot be cancelled.
	Committing func(n int)
}

// ProgressEvery is how many documents pass between two Progress calls.
const ProgressEvery = 100

func (p Progress) documents(n int) {
	if p.Documents != nil && n%ProgressEvery == 0 {
		p.Documents(n)
	}
}

func (p Progress) committing(n int) {
	if p.Committing != nil {
		p.Committing(n)
	}
}

// canceled is what a cancelled import or export returns: being all or
// nothing, it changed nothing.
func canceled() error {
	return &annotate.Error{Code: annotate.ECanceled, Message: "cancelled", Err: context.Canceled}
}

// plural is "1 document", "2 documents".
func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}
