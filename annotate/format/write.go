package format

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"frametag/annotate"
)

// Source hands every document to fn in turn; a store's Export is one.
type Source func(fn func(annotate.AnnotatedDoc) error) error

// Counts is what a write wrote.
type Counts struct{ Documents, Spans int }

// Result is what a write wrote and what the format could not hold of it.
type Result struct {
	Counts
	Loss Loss
}

// WriteFile writes src at path in format f: a file for a stream format, a
// folder for a folder format. Either appears only once every document was
// checked and written, under a temporary name beside path renamed into
// place: a failed export leaves nothing, and nothing half-written.
func WriteFile(path string, f Format, opt Options, src Source) (Result, error) {
	if !f.CanWrite() {
		return Result{}, fmt.Errorf("format %q cannot be written", f.Name)
	}
	opt = opt.resolve(f)
	if f.FolderWriter != nil {
		return writeFolder(path, f, opt, src)
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return Result{}, fmt.Errorf("%s is a folder; name a file to write", path)
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return Result{}, cannotWriteIn(path, dir, err)
	}
	res, err := encodeAll(func(l *Loss) Encoder { return f.StreamWriter.NewEncoder(tmp, opt, l) }, opt, src)
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
		return Result{}, err
	}
	return res, nil
}

// cannotWriteIn says why no temporary file or folder could be made in dir:
// the error names the temporary, which the user never asked for.
func cannotWriteIn(path, dir string, err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	if errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: there is no folder %s", path, dir)
	}
	return fmt.Errorf("%s: cannot write in %s: %w", path, dir, err)
}

// Write writes src to dst in stream format f only once every document has
// been checked: it spools to a temporary file first, so a refused export
// writes nothing to dst (standard output, say) rather than a wrong prefix.
func Write(dst io.Writer, f Format, opt Options, src Source) (Result, error) {
	if f.StreamWriter == nil {
		if f.FolderWriter != nil {
			return Result{}, fmt.Errorf("format %q writes a folder; name one to write to", f.Name)
		}
		return Result{}, fmt.Errorf("format %q cannot be written", f.Name)
	}
	opt = opt.resolve(f)
	tmp, err := os.CreateTemp("", "frametag-export-*")
	if err != nil {
		return Result{}, err
	}
	defer func() {
		tmp.Close()
		os.Remove(tmp.Name())
	}()
	res, err := encodeAll(func(l *Loss) Encoder { return f.StreamWriter.NewEncoder(tmp, opt, l) }, opt, src)
	if err != nil {
		return Result{}, err
	}
	if _, err := tmp.Seek(0, io.SeekStart); err != nil {
		return Result{}, err
	}
	if _, err := io.Copy(dst, tmp); err != nil {
		return Result{}, err
	}
	return res, nil
}

// writeFolder writes a folder format into a new folder beside path, moved
// to path when complete. path must not exist or be an empty folder: a
// folder's old files mixed with new ones would be a corpus nobody wrote.
func writeFolder(path string, f Format, opt Options, src Source) (Result, error) {
	if info, err := os.Stat(path); err == nil {
		if !info.IsDir() {
			return Result{}, fmt.Errorf("%s is a file; format %s writes a folder", path, f.Name)
		}
		if entries, err := os.ReadDir(path); err != nil || len(entries) > 0 {
			return Result{}, fmt.Errorf("%s is a folder that is not empty; name a new or empty one", path)
		}
	}
	dir := filepath.Dir(path)
	tmp, err := os.MkdirTemp(dir, "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return Result{}, cannotWriteIn(path, dir, err)
	}
	res, err := encodeAll(func(l *Loss) Encoder { return f.FolderWriter.NewFolderEncoder(osFolder(tmp), opt, l) }, opt, src)
	if err == nil {
		err = os.Chmod(tmp, 0o755)
	}
	if err == nil {
		os.Remove(path) // the empty folder there, if any
		if err = os.Rename(tmp, path); err != nil {
			err = fmt.Errorf("%s: %w", path, err)
		}
	}
	if err != nil {
		os.RemoveAll(tmp)
		return Result{}, err
	}
	return res, nil
}

// osFolder is a Folder on disk.
type osFolder string

// Create makes a new file; names that leave the folder are refused.
func (d osFolder) Create(name string) (io.WriteCloser, error) {
	if !fs.ValidPath(name) || name == "." {
		return nil, &fs.PathError{Op: "create", Path: name, Err: fs.ErrInvalid}
	}
	p := filepath.Join(string(d), filepath.FromSlash(name))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return nil, err
	}
	return syncedFile{f}, nil
}

// syncedFile reaches the disk before it is closed: the folder is renamed
// into place as complete, so its files must be.
type syncedFile struct{ *os.File }

func (f syncedFile) Close() error {
	err := f.Sync()
	if cerr := f.File.Close(); err == nil {
		err = cerr
	}
	return err
}

// encodeAll renames labels as opt says and encodes every document of src
// with the encoder newEncoder makes, counting what was written and what the
// encoder reports lost.
func encodeAll(newEncoder func(*Loss) Encoder, opt Options, src Source) (Result, error) {
	var res Result
	enc := newEncoder(&res.Loss)
	err := src(func(doc annotate.AnnotatedDoc) error {
		if err := enc.Encode(opt.Labels.Apply(doc)); err != nil {
			return err
		}
		res.Documents++
		res.Spans += len(doc.Spans)
		return nil
	})
	if err != nil {
		return Result{}, err
	}
	if err := enc.Flush(); err != nil {
		return Result{}, err
	}
	return res, nil
}
