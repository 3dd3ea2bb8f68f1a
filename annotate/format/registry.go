package format

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
)

// registered holds every format, each added by its own file's init. It is
// written only while the package initialises and read-only after: a static
// table that a new format joins without editing any other file.
var registered []Format

// Native is the name of frametag's own format, listed first and written
// when nothing else is asked for.
const Native = "jsonl"

// register adds a format at init time. A format that contradicts itself or
// another (a name or a claimed extension taken twice, two readers) is a
// programming error and stops the program before it starts.
func register(f Format) {
	if err := checkFormat(f, registered); err != nil {
		panic("format: " + err.Error())
	}
	registered = append(registered, f)
}

func checkFormat(f Format, others []Format) error {
	switch {
	case f.Name == "":
		return fmt.Errorf("a format without a name")
	case f.FileReader != nil && f.TreeReader != nil:
		return fmt.Errorf("%s: both a file and a tree reader", f.Name)
	case f.StreamWriter != nil && f.FolderWriter != nil:
		return fmt.Errorf("%s: both a stream and a folder writer", f.Name)
	case f.Directions() == 0:
		return fmt.Errorf("%s: neither reads nor writes", f.Name)
	}
	for _, ext := range f.Extensions {
		if !strings.HasPrefix(ext, ".") || ext != strings.ToLower(ext) {
			return fmt.Errorf("%s: extension %q: want a dot and lower case", f.Name, ext)
		}
	}
	for _, o := range others {
		if o.Name == f.Name {
			return fmt.Errorf("%s registered twice", f.Name)
		}
		for _, ext := range f.Extensions {
			if slices.Contains(o.Extensions, ext) {
				return fmt.Errorf("%s and %s both claim %s", o.Name, f.Name, ext)
			}
		}
	}
	return nil
}

// Set is a list of formats to choose from by name or file extension.
type Set []Format

// All returns every format frametag knows: the native one first, then the
// others by name.
func All() Set {
	s := slices.Clone(Set(registered))
	slices.SortFunc(s, func(a, b Format) int {
		if (a.Name == Native) != (b.Name == Native) {
			if a.Name == Native {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	return s
}

// Names lists the formats' names.
func (s Set) Names() []string {
	names := make([]string, len(s))
	for i, f := range s {
		names[i] = f.Name
	}
	return names
}

// ByName returns the named format.
func (s Set) ByName(name string) (Format, error) {
	for _, f := range s {
		if f.Name == name {
			return f, nil
		}
	}
	return Format{}, fmt.Errorf("unknown format %q (known: %s)", name, strings.Join(s.Names(), ", "))
}

// ForPath returns the format a file's extension names.
func (s Set) ForPath(path string) (Format, bool) {
	ext := strings.ToLower(filepath.Ext(path))
	for _, f := range s {
		if slices.Contains(f.Extensions, ext) {
			return f, true
		}
	}
	return Format{}, false
}

// Readable returns the formats that can be read.
func (s Set) Readable() Set {
	return slices.DeleteFunc(slices.Clone(s), func(f Format) bool { return !f.CanRead() })
}

// Writable returns the formats that can be written.
func (s Set) Writable() Set {
	return slices.DeleteFunc(slices.Clone(s), func(f Format) bool { return !f.CanWrite() })
}
