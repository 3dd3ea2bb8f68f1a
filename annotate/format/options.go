package format

import (
	"fmt"
	"slices"

	"frametag/annotate"
)

// Options say how to read or write, the same for every format.
type Options struct {
	// Labels renames labels on the way in (after reading) or out (before
	// writing). Nil renames nothing.
	Labels LabelMap
	// Offsets is the unit the file's offsets count in; zero means the
	// format's own (Format.Offsets). Codecs are always handed a unit.
	Offsets Unit
	// Annotator is recorded, on import, on every annotation that names none.
	Annotator string
	// Schema is the project's schema, for a format that writes one beside
	// the documents (brat's annotation.conf); the zero Schema when unknown.
	Schema annotate.Schema
	// Layer is the span layer of an imported span whose format gives only
	// a label (doccano, Prodigy) when Schema has no layer with that label;
	// "" means DefaultLayer.
	Layer string
	// Columns names a table's columns by role (csv): "text", "id", "title".
	// A role left out is the column of its own name; text must exist.
	Columns map[string]string
}

// resolve fills in what the format decides when the caller did not.
func (o Options) resolve(f Format) Options {
	if o.Offsets == FormatUnit {
		o.Offsets = f.Offsets
	}
	if o.Offsets == FormatUnit {
		o.Offsets = CodePoints
	}
	return o
}

// Unit is what an offset counts. frametag stores code points; other tools
// count UTF-16 units (browsers, doccano, INCEpTION) or UTF-8 bytes.
type Unit uint8

const (
	FormatUnit Unit = iota // the format's own unit
	CodePoints             // Unicode code points, as Python's text[start:end]
	UTF16                  // UTF-16 code units, as JavaScript's
	Bytes                  // UTF-8 bytes, as Go's
)

var unitNames = []string{FormatUnit: "", CodePoints: "codepoint", UTF16: "utf16", Bytes: "byte"}

// ParseUnit reads a unit as --offsets names it: codepoint, utf16 or byte.
func ParseUnit(s string) (Unit, error) {
	if i := slices.Index(unitNames, s); i > 0 {
		return Unit(i), nil
	}
	return FormatUnit, fmt.Errorf("unknown offset unit %q (known: codepoint, utf16, byte)", s)
}

func (u Unit) String() string {
	if int(u) < len(unitNames) && u != FormatUnit {
		return unitNames[u]
	}
	if u == FormatUnit {
		return "the format's own"
	}
	return fmt.Sprintf("Unit(%d)", u)
}

// ToCodePoint converts offset n, counted in u over ix's text, to code
// points. Code points pass through unchecked: the caller checks them
// against the text with annotate.CheckFragments and its messages.
func (u Unit) ToCodePoint(ix *annotate.TextIndex, n int) (int, error) {
	switch u {
	case UTF16:
		return ix.CodePointOfUTF16(n)
	case Bytes:
		return ix.CodePointOfByte(n)
	}
	return n, nil
}

// FromCodePoint converts code point offset cp over ix's text to u.
func (u Unit) FromCodePoint(ix *annotate.TextIndex, cp int) (int, error) {
	switch u {
	case UTF16:
		return ix.UTF16(cp)
	case Bytes:
		return ix.Byte(cp)
	}
	return cp, nil
}

// LabelMap renames labels: a span's label, a document label and a
// relation's type whose name is a key become its value; other names pass
// unchanged. It maps in the direction of travel: file to project on import,
// project to file on export.
type LabelMap map[string]string

// Apply returns d with its labels renamed. d's own slices are not changed
// (they may be shared with the caller).
func (m LabelMap) Apply(d annotate.AnnotatedDoc) annotate.AnnotatedDoc {
	if len(m) == 0 {
		return d
	}
	rename := func(name string) string {
		if to, ok := m[name]; ok {
			return to
		}
		return name
	}
	d.Spans = slices.Clone(d.Spans)
	for i := range d.Spans {
		d.Spans[i].Label = rename(d.Spans[i].Label)
	}
	d.Labels = slices.Clone(d.Labels)
	for i := range d.Labels {
		d.Labels[i].Label = rename(d.Labels[i].Label)
	}
	d.Relations = slices.Clone(d.Relations)
	for i := range d.Relations {
		d.Relations[i].Type = rename(d.Relations[i].Type)
	}
	return d
}
