// Package format reads and writes the interchange formats frametag speaks.
// Every format is one file in this package that returns a Format; a format
// that can be read has a Reader, one that can be written a Writer. Readers
// stream: they yield one document at a time, so a 10,000-article file never
// sits in memory whole.
package format

import (
	"fmt"
	"io"
	"iter"
	"path/filepath"
	"slices"
	"strings"

	"frametag/annotate"
)

// Reader streams the documents of one input. name is how the user knows the
// input (a file path), used in error messages as "name:line: what is wrong"
// and in each Record's Pos. The sequence stops after the first error.
type Reader interface {
	Read(name string, r io.Reader) iter.Seq2[Record, error]
}

// Record is one document as read, with where it was read: a problem found
// later (by the project, against its schema) can then still be reported as
// "FILE:LINE: what is wrong".
type Record struct {
	Doc annotate.AnnotatedDoc
	Pos Pos
}

// Pos is where a document was read: the input's name and the line the
// document is on, counted from 1, or 0 for a format of one document a file.
type Pos struct {
	Name string
	Line int
}

// String is "name:line", or the name alone when there is no line.
func (p Pos) String() string {
	if p.Line == 0 {
		return p.Name
	}
	return fmt.Sprintf("%s:%d", p.Name, p.Line)
}

// Writer makes encoders that write documents to a stream.
type Writer interface {
	NewEncoder(w io.Writer) Encoder
}

// Encoder writes documents one at a time. Encode checks a document before
// writing any of it; Flush writes out whatever is buffered.
type Encoder interface {
	Encode(doc annotate.AnnotatedDoc) error
	Flush() error
}

// Format is one interchange format.
type Format struct {
	Name        string   // as given to --format
	Extensions  []string // with the dot, lower case: ".jsonl"
	Description string
	Reader      Reader // nil when the format cannot be read
	Writer      Writer // nil when the format cannot be written
}

// Set is a list of formats to choose from by name or file extension.
type Set []Format

// All returns every format frametag knows, native first.
func All() Set {
	return Set{JSONL(), PlainText()}
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
	return slices.DeleteFunc(slices.Clone(s), func(f Format) bool { return f.Reader == nil })
}
