package format

import (
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// Input is what an import reads: the paths the user named, files or
// folders, in a file tree. Formats read through FS only, so a test hands
// them an fstest.MapFS and a later caller a zip file's tree.
type Input struct {
	FS    fs.FS
	Paths []string // in FS (fs.ValidPath), in the order named
	// name turns a path of FS into what the user calls it; nil: the path.
	name func(p string) string
}

// NewInput names paths in fsys; messages show them as they are.
func NewInput(fsys fs.FS, paths ...string) Input {
	return Input{FS: fsys, Paths: paths}
}

// Name is how the user knows p, a path of in.FS: messages say this.
func (in Input) Name(p string) string {
	if in.name == nil {
		return p
	}
	return in.name(p)
}

// with is in narrowed to paths, names kept.
func (in Input) with(paths ...string) Input {
	in.Paths = paths
	return in
}

// Files is the files and folders the user named on the command line or in
// a dialog, as an Input. Each is mounted at its own root ("0", "1", ...) of
// one file tree, whatever folder or volume it is in, and messages name a
// file as the user would ("corpus/a.txt" under "corpus"), exactly as the
// operating system does.
func Files(paths []string) Input {
	m := mounts(paths)
	in := Input{FS: m, Paths: make([]string, len(paths))}
	for i := range paths {
		in.Paths[i] = strconv.Itoa(i)
	}
	in.name = m.osPath
	return in
}

// mounts is a file tree whose root folder i is the OS path mounts[i].
type mounts []string

// osPath is the OS path of a path of the tree, spelt from the user's own
// path; a path outside every mount comes back as it is.
func (m mounts) osPath(name string) string {
	first, rest, _ := strings.Cut(name, "/")
	i, err := strconv.Atoi(first)
	if err != nil || i < 0 || i >= len(m) || strconv.Itoa(i) != first {
		return name
	}
	if rest == "" {
		return m[i]
	}
	return filepath.Join(m[i], filepath.FromSlash(rest))
}

func (m mounts) resolve(op, name string) (string, error) {
	if !fs.ValidPath(name) || name == "." || m.osPath(name) == name {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrNotExist}
	}
	return m.osPath(name), nil
}

// Open opens a file or folder; errors name the OS path, as os.Open's do.
func (m mounts) Open(name string) (fs.File, error) {
	p, err := m.resolve("open", name)
	if err != nil {
		return nil, err
	}
	return os.Open(p)
}

// Stat is os.Stat's, so that a missing path reads as it always has
// ("stat nope.jsonl: no such file or directory").
func (m mounts) Stat(name string) (fs.FileInfo, error) {
	p, err := m.resolve("stat", name)
	if err != nil {
		return nil, err
	}
	return os.Stat(p)
}

// ReadDir lists a folder sorted by name, as os.ReadDir does.
func (m mounts) ReadDir(name string) ([]fs.DirEntry, error) {
	p, err := m.resolve("open", name)
	if err != nil {
		return nil, err
	}
	return os.ReadDir(p)
}

// childPath joins a folder of a tree and a name in it.
func childPath(dir, name string) string { return path.Join(dir, name) }
