// Package format reads and writes the interchange formats frametag speaks.
//
// Every format is one file in this package that registers a Format: its
// name, extensions, what it keeps and drops, and the codec for each
// direction it has. A format whose files stand alone (native JSONL, plain
// text) has a FileReader and a StreamWriter; a format spread over a folder
// (brat's .txt beside its .ann) has a TreeReader and a FolderWriter.
//
// The drivers around them are the same for every format: Set.Read resolves
// what the user named (files or folders in an fs.FS) before anything is
// read and yields Records with their FILE:LINE; Write and WriteFile check
// every document before anything appears at the destination. Options carry
// the label map, the offset unit and the annotator; every read and write
// returns a Loss, what the format could not hold, for the caller to print.
//
// Readers stream: they yield one document at a time, so a 10,000-article
// file never sits in memory whole.
package format

import (
	"fmt"
	"io"
	"iter"

	"frametag/annotate"
)

// Format is one interchange format, as registered.
type Format struct {
	Name        string   // as given to --format
	Extensions  []string // with the dot, lower case: ".jsonl"; the files it claims by name
	Description string
	Keeps       []string // what it holds: "spans", "relations", ...
	Drops       []string // what it cannot hold, reported in a Loss when met
	// Offsets is the unit its offsets count in unless Options.Offsets
	// says otherwise: its tool's own. Zero for a format without offsets.
	Offsets Unit

	// Import: at most one of the two; neither when the format cannot be read.
	FileReader FileReader // documents of one file, read file by file
	TreeReader TreeReader // documents spread over the files of a folder

	// Export: at most one of the two; neither when it cannot be written.
	StreamWriter StreamWriter // one stream: a file or standard output
	FolderWriter FolderWriter // a folder of files
}

// FileReader reads a format whose files stand alone, one or many documents
// a file. The driver finds the files, in folders too, and calls it for each.
type FileReader interface {
	// ReadFile streams the documents of one file. name is how the user
	// knows the file, for errors ("name:line: what is wrong") and each
	// Record's Pos. The sequence stops after the first error.
	ReadFile(name string, r io.Reader, opt Options, loss *Loss) iter.Seq2[Record, error]
}

// TreeReader reads a format whose documents are spread over several files
// (a text beside its annotations), given the paths the user named.
type TreeReader interface {
	// ReadTree streams the documents under in.Paths; errors name files by
	// in.Name. The sequence stops after the first error.
	ReadTree(in Input, opt Options, loss *Loss) iter.Seq2[Record, error]
}

// StreamWriter writes a format to one stream.
type StreamWriter interface {
	NewEncoder(w io.Writer, opt Options, loss *Loss) Encoder
}

// FolderWriter writes a format as files in a folder.
type FolderWriter interface {
	NewFolderEncoder(dir Folder, opt Options, loss *Loss) Encoder
}

// Folder is where a FolderWriter writes: files by slash-separated names
// inside it, subfolders made as needed.
type Folder interface {
	Create(name string) (io.WriteCloser, error)
}

// Encoder writes documents one at a time. Encode checks a document before
// writing any of it, and notes in the Loss what the format cannot hold;
// Flush writes whatever is buffered or written once at the end.
type Encoder interface {
	Encode(doc annotate.AnnotatedDoc) error
	Flush() error
}

// Direction is import, export or both.
type Direction uint8

const (
	Import Direction = 1 << iota
	Export
)

// Directions says which ways the format goes.
func (f Format) Directions() Direction {
	var d Direction
	if f.FileReader != nil || f.TreeReader != nil {
		d |= Import
	}
	if f.StreamWriter != nil || f.FolderWriter != nil {
		d |= Export
	}
	return d
}

// CanRead reports whether the format can be imported.
func (f Format) CanRead() bool { return f.Directions()&Import != 0 }

// CanWrite reports whether the format can be exported.
func (f Format) CanWrite() bool { return f.Directions()&Export != 0 }

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
