// Package annotate holds frametag's domain: documents, label schemas, spans,
// relations, document labels, offsets and the edits that change them. It
// imports nothing of frametag's own, so every consumer (storage, the GUI, the
// command line, the formats) agrees on one meaning of each thing.
package annotate

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"
	"unicode/utf8"
)

// Document is one article. Text is kept exactly as given: never trimmed, never
// normalised, so that offsets computed by any other tool stay valid.
type Document struct {
	ID     string `json:"id"`
	Title  string `json:"title"`
	Text   string `json:"text"`
	Meta   Meta   `json:"meta"`
	SHA256 string `json:"-"`
}

// Meta is a document's descriptive metadata. Extra holds free key/values.
type Meta struct {
	Source    string            `json:"source,omitempty"`
	URL       string            `json:"url,omitempty"`
	Published string            `json:"published,omitempty"`
	Language  string            `json:"language,omitempty"`
	Extra     map[string]string `json:"extra,omitempty"`
}

// TextHash is the hex sha256 of a text, used to recognise a document that is
// imported twice under different ids.
func TextHash(text string) string {
	// written in pieces: []byte(text) would copy the whole text (50 MB for a
	// 50 MB article) just to hash it
	h := sha256.New()
	buf := make([]byte, min(len(text), 64<<10))
	for len(text) > 0 {
		n := copy(buf, text)
		h.Write(buf[:n])
		text = text[n:]
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Validate checks what every stored document must satisfy.
func (d Document) Validate() error {
	if strings.TrimSpace(d.ID) == "" {
		return fmt.Errorf("document has no id")
	}
	if !utf8.ValidString(d.Text) {
		return fmt.Errorf("document %q: text is not valid UTF-8", d.ID)
	}
	if d.Text == "" {
		return fmt.Errorf("document %q: text is empty", d.ID)
	}
	return nil
}

// Status is an annotator's progress on one document.
type Status string

const (
	StatusTodo       Status = "todo"
	StatusInProgress Status = "in_progress"
	StatusDone       Status = "done"
	StatusSkipped    Status = "skipped"
)

// Statuses lists every status in workflow order.
var Statuses = []Status{StatusTodo, StatusInProgress, StatusDone, StatusSkipped}

// Valid reports whether s is one of the known statuses.
func (s Status) Valid() bool {
	for _, k := range Statuses {
		if s == k {
			return true
		}
	}
	return false
}

// DocLabel is a document-level label (a frame, a genre) given by an annotator.
type DocLabel struct {
	Layer     string `json:"layer"`
	Label     string `json:"label"`
	Annotator string `json:"annotator"`
}

// AnnotatedDoc is a document with everything recorded on it: the unit that the
// interchange formats read and write.
type AnnotatedDoc struct {
	Document
	Labels    []DocLabel        `json:"labels"`
	Spans     []Span            `json:"spans"`
	Relations []Relation        `json:"relations"`
	Status    map[string]Status `json:"status"` // by annotator
}

// Clone is a deep copy of the document's annotations (the text is shared:
// strings do not change).
func (d AnnotatedDoc) Clone() AnnotatedDoc {
	c := d
	c.Spans = make([]Span, 0, len(d.Spans))
	for _, sp := range d.Spans {
		c.Spans = append(c.Spans, sp.Clone())
	}
	c.Relations = slices.Clone(d.Relations)
	c.Labels = slices.Clone(d.Labels)
	c.Status = maps.Clone(d.Status)
	return c
}

// AttributeTo records annotator on every annotation of d that names none, as
// an import does for files from tools that do not record who annotated.
func (d *AnnotatedDoc) AttributeTo(annotator string) {
	for i := range d.Spans {
		if d.Spans[i].Annotator == "" {
			d.Spans[i].Annotator = annotator
		}
	}
	for i := range d.Relations {
		if d.Relations[i].Annotator == "" {
			d.Relations[i].Annotator = annotator
		}
	}
	for i := range d.Labels {
		if d.Labels[i].Annotator == "" {
			d.Labels[i].Annotator = annotator
		}
	}
}
