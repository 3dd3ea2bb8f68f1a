package format

// What the folder formats (brat, ptc, semeval2023) share: reading a text
// verbatim, walking a folder, reading TAB-separated lines with their line
// numbers, checking a document against its text before it is written, and
// naming the files written after documents' ids.

import (
	"bytes"
	"fmt"
	"io/fs"
	"iter"
	"path"
	"regexp"
	"strings"
	"unicode/utf8"

	"frametag/annotate"
)

// folderReadText reads a file's text verbatim: a byte order mark and every
// "\r" stay, since the folder formats' offsets count them.
func folderReadText(in Input, p string) (string, error) {
	data, err := fs.ReadFile(in.FS, p)
	if err != nil {
		return "", err
	}
	if !utf8.Valid(data) {
		return "", fmt.Errorf("%s: not valid UTF-8 (at byte %d); convert it first, e.g. iconv -t UTF-8", in.Name(p), invalidUTF8At(data))
	}
	return string(data), nil
}

// folderDoc reads the text file of one document of a folder format: its
// verbatim text, a title from it, its file name in the metadata and its
// hash. An empty text is skipped and counted (ok false).
func folderDoc(in Input, id, txtPath string, loss *Loss) (doc annotate.AnnotatedDoc, ok bool, err error) {
	text, err := folderReadText(in, txtPath)
	if err != nil {
		return doc, false, err
	}
	if text == "" {
		loss.Drop("documents", "empty text", 1)
		return doc, false, nil
	}
	doc = annotate.AnnotatedDoc{Document: annotate.Document{ID: id, Title: folderTitle(text), Text: text,
		Meta: annotate.Meta{Extra: map[string]string{"file": path.Base(txtPath)}}}}
	doc.SHA256 = annotate.TextHash(text)
	return doc, true, nil
}

// folderTitle is the first non-empty line of a text, a byte order mark
// left out.
func folderTitle(text string) string {
	return TitleFromText(strings.TrimPrefix(text, "\uFEFF"))
}

// folderFiles lists the regular files under dir (dir itself when it is a
// file), hidden files and folders skipped, sorted by path.
func folderFiles(in Input, dir string) ([]string, error) {
	var files []string
	err := fs.WalkDir(in.FS, dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p != dir && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() || (!d.IsDir() && d.Type()&fs.ModeSymlink != 0) {
			files = append(files, p)
		}
		return nil
	})
	return files, err
}

// folderDirFiles lists the files of a folder the user named for a folder
// format (folderFiles); a path that is not a folder is refused with what
// the format reads ("brat reads a folder of .txt and .ann files").
func folderDirFiles(in Input, dir, reads string) ([]string, error) {
	info, err := fs.Stat(in.FS, dir)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("%s: %s; name the folder", in.Name(dir), reads)
	}
	return folderFiles(in, dir)
}

// folderRel is p relative to dir, slash-separated.
func folderRel(dir, p string) string {
	if dir == "." {
		return p
	}
	return strings.TrimPrefix(strings.TrimPrefix(p, dir), "/")
}

// folderLine is one line of a file, its line end removed.
type folderLine struct {
	No   int
	Text string
}

// folderLines yields the lines of data with their numbers, "\n" or "\r\n"
// removed; a last line without a line end is yielded too.
func folderLines(data []byte) iter.Seq[folderLine] {
	return func(yield func(folderLine) bool) {
		no := 0
		for line := range bytes.Lines(data) {
			no++
			line = bytes.TrimSuffix(line, []byte("\n"))
			line = bytes.TrimSuffix(line, []byte("\r"))
			if !yield(folderLine{No: no, Text: string(line)}) {
				return
			}
		}
	}
}

// folderReadLines reads a TAB-separated file, checking it is UTF-8.
func folderReadLines(in Input, p string) ([]byte, error) {
	data, err := fs.ReadFile(in.FS, p)
	if err != nil {
		return nil, err
	}
	if !utf8.Valid(data) {
		return nil, fmt.Errorf("%s: not valid UTF-8 (at byte %d)", in.Name(p), invalidUTF8At(data))
	}
	return bytes.TrimPrefix(data, utf8BOM), nil
}

// folderOffset reads a non-negative offset in unit u over ix, as code
// points.
func folderOffset(s string, u Unit, ix *annotate.TextIndex) (int, error) {
	n, err := folderInt(s)
	if err != nil {
		return 0, err
	}
	cp, err := u.ToCodePoint(ix, n)
	if err != nil {
		return 0, fmt.Errorf("offset %d (%s): %w", n, u, err)
	}
	return cp, nil
}

// folderInt reads a decimal count.
func folderInt(s string) (int, error) {
	if s == "" {
		return 0, fmt.Errorf("an empty offset")
	}
	n := 0
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, fmt.Errorf("offset %q is not a whole number", s)
		}
		n = n*10 + int(c-'0')
		if n > 1<<40 {
			return 0, fmt.Errorf("offset %q is too large", s)
		}
	}
	return n, nil
}

// folderFragments checks frags (code points) against ix's text and returns
// them ordered, those that touch merged, with the text they cover.
func folderFragments(frags []annotate.Fragment, ix *annotate.TextIndex) ([]annotate.Fragment, error) {
	for _, f := range frags {
		if f.End <= f.Start {
			return nil, fmt.Errorf("span [%d,%d) is empty or reversed", f.Start, f.End)
		}
	}
	frags = annotate.NormalizeFragments(frags)
	if err := annotate.CheckFragments(frags, ix.Len()); err != nil {
		return nil, err
	}
	return frags, nil
}

// folderCheckDoc checks what is about to be written against the stored
// text: the document is valid, every span lies inside its text, every
// relation links two of its spans. The index of its text is returned for
// the writer's offsets.
func folderCheckDoc(d annotate.AnnotatedDoc) (*annotate.TextIndex, error) {
	if err := d.Document.Validate(); err != nil {
		return nil, err
	}
	ix := annotate.NewTextIndex(d.Text)
	ids := make(map[string]bool, len(d.Spans))
	for _, sp := range d.Spans {
		if sp.ID == "" || ids[sp.ID] {
			return nil, fmt.Errorf("document %q: span id %q is empty or used twice", d.ID, sp.ID)
		}
		ids[sp.ID] = true
		if sp.Label == "" {
			return nil, fmt.Errorf("document %q: span %s has no label", d.ID, sp.ID)
		}
		if err := annotate.CheckFragments(sp.Fragments, ix.Len()); err != nil {
			return nil, fmt.Errorf("document %q: span %s does not fit the text: %w", d.ID, sp.ID, err)
		}
		if _, err := ix.SpanText(sp.Fragments); err != nil {
			return nil, fmt.Errorf("document %q: span %s: %w", d.ID, sp.ID, err)
		}
	}
	for _, r := range d.Relations {
		if !ids[r.From] || !ids[r.To] {
			return nil, fmt.Errorf("document %q: relation %s links %s → %s, not both spans of the document", d.ID, r.ID, r.From, r.To)
		}
	}
	return ix, nil
}

// folderLayer is the layer of a label that a folder format's files place
// in layer hint (brat's annotation.conf group, PTC's technique column):
// hint when there is no schema or hint's layer holds the label, else the
// one layer of the schema that holds it (Options.layerFor).
func folderLayer(opt Options, kind annotate.LayerKind, hint, label string) (string, error) {
	if hint != "" {
		if len(opt.Schema.Layers) == 0 {
			return hint, nil
		}
		if l, ok := opt.Schema.Layer(hint); ok && l.Kind == kind {
			if _, ok := l.Label(label); ok {
				return hint, nil
			}
		}
	}
	return opt.layerFor(kind, "", label)
}

// folderNames gives each document written a file name of its own, made
// from its id: characters a file name cannot hold become "_", and a name
// taken already gets "-2", "-3", ...
type folderNames map[string]bool

var folderUnsafe = regexp.MustCompile(`[^\p{L}\p{N}._\-+=@,]+`)

// stem is the file name, without extension, for a document id; with
// folders, a "/" in the id makes subfolders. Prefix and the extensions
// written are what the caller adds, so uniqueness is of the stem.
func (n folderNames) stem(id string, folders bool) string {
	parts := []string{id}
	if folders {
		parts = strings.Split(id, "/")
	}
	var clean []string
	for _, p := range parts {
		p = folderUnsafe.ReplaceAllString(p, "_")
		if strings.Trim(p, ".") == "" {
			p = strings.Repeat("_", len(p))
		}
		p = strings.TrimLeft(p, ".")
		if len(p) > 150 {
			p = p[:150]
			for !utf8.ValidString(p) {
				p = p[:len(p)-1]
			}
		}
		if p != "" {
			clean = append(clean, p)
		}
	}
	s := strings.Join(clean, "/")
	if s == "" {
		s = "doc"
	}
	base := s
	for i := 2; n[strings.ToLower(s)]; i++ {
		s = fmt.Sprintf("%s-%d", base, i)
	}
	n[strings.ToLower(s)] = true
	return s
}

// folderWriteFile writes one file of a folder.
func folderWriteFile(dir Folder, name string, content []byte) error {
	w, err := dir.Create(name)
	if err != nil {
		return err
	}
	if _, err := w.Write(content); err != nil {
		w.Close()
		return err
	}
	return w.Close()
}

// folderMetaLost reports whether d holds a title or metadata that a format
// keeping only the text would lose.
func folderMetaLost(d annotate.AnnotatedDoc) bool {
	m := d.Meta
	extra := 0
	for k := range m.Extra {
		if k != "file" {
			extra++
		}
	}
	return (d.Title != "" && d.Title != folderTitle(d.Text)) || m.Source != "" || m.URL != "" || m.Published != "" || m.Language != "" || extra > 0
}
