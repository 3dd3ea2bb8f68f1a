package findings

import (
	"slices"
	"strings"

	"frametag/annotate"
)

// Record is what the findings read of one document, without its text: its
// source and date, every span's layer, label, annotator and offsets, the
// document labels, the attributions, and the texts of only the claims and
// actors an attribution joins. A window keeps a project's records in
// memory and computes the tables again from them when a filter changes
// (Builder.AddRecord), instead of reading every document again.
type Record struct {
	ID        string
	Source    string // trimmed; "" when none
	Published string
	Spans     []RecordSpan
	Labels    []annotate.DocLabel
	// Attributions are the relations of Layers.Attribution, by their ends'
	// indexes in Spans (both ends present).
	Attributions []Attribution
}

// RecordSpan is one span of a Record.
type RecordSpan struct {
	ID, Layer, Label, Annotator string
	Fragments                   []annotate.Fragment
	// Text is a claim's text, or an actor's one name (its canonical name,
	// else its text with white space made single), when an attribution
	// joins the span; else "".
	Text string
	// Checkworthy is a claim's Layers.Checkworthy attribute.
	Checkworthy string
}

// Attribution is a claim → actor relation of a Record.
type Attribution struct {
	Claim, Actor int
	Annotator    string
}

// Recorder makes Records, sharing the strings that repeat (layers, labels,
// annotators, sources) between them so that a project's records stay small.
type Recorder struct {
	layers Layers
	strs   map[string]string
	ix     map[string]int
}

// NewRecorder makes records for the findings of those layers (zero:
// DefaultLayers).
func NewRecorder(l Layers) *Recorder {
	if l == (Layers{}) {
		l = DefaultLayers()
	}
	return &Recorder{layers: l, strs: map[string]string{}, ix: map[string]int{}}
}

func (r *Recorder) intern(s string) string {
	if t, ok := r.strs[s]; ok {
		return t
	}
	s = strings.Clone(s)
	r.strs[s] = s
	return s
}

// Record is d as the findings read it.
func (r *Recorder) Record(d *annotate.AnnotatedDoc) Record {
	var rec Record
	r.fill(d, &rec, r.intern)
	return rec
}

// fill makes rec d's record, reusing rec's slices; keep gives the strings
// kept (interned by Record; as they are for a record used once, by Add).
func (r *Recorder) fill(d *annotate.AnnotatedDoc, rec *Record, keep func(string) string) {
	L := r.layers
	*rec = Record{ID: d.ID, Source: keep(strings.TrimSpace(d.Meta.Source)), Published: keep(d.Meta.Published),
		Spans: slices.Grow(rec.Spans[:0], len(d.Spans))[:len(d.Spans)], Labels: rec.Labels[:0], Attributions: rec.Attributions[:0]}
	clear(r.ix)
	for i := range d.Spans {
		sp := &d.Spans[i]
		rec.Spans[i] = RecordSpan{ID: sp.ID, Layer: keep(sp.Layer), Label: keep(sp.Label),
			Annotator: keep(sp.Annotator), Fragments: sp.Fragments}
		if sp.Layer == L.Claim || sp.Layer == L.Actor {
			r.ix[sp.ID] = i
		}
	}
	for _, dl := range d.Labels {
		rec.Labels = append(rec.Labels, annotate.DocLabel{Layer: keep(dl.Layer), Label: keep(dl.Label), Annotator: keep(dl.Annotator)})
	}
	for _, rel := range d.Relations {
		if rel.Type != L.Attribution {
			continue
		}
		c, okc := r.ix[rel.From]
		a, oka := r.ix[rel.To]
		if !okc || !oka || d.Spans[c].Layer != L.Claim || d.Spans[a].Layer != L.Actor {
			continue
		}
		rec.Attributions = append(rec.Attributions, Attribution{Claim: c, Actor: a, Annotator: keep(rel.Annotator)})
		if claim := &rec.Spans[c]; claim.Text == "" {
			claim.Text = spanText(d.Text, claim.Fragments)
			cw, _ := d.Spans[c].Attrs[L.Checkworthy].(string)
			claim.Checkworthy = keep(cw)
		}
		if actor := &rec.Spans[a]; actor.Text == "" {
			actor.Text = keep(actorName(&d.Spans[a], L.CanonicalName, d.Text))
		}
	}
}

// actorName is an actor mention's one name: its canonical name (the registry
// entry's, which project.Findings writes there) when it has one, else its
// text with runs of white space made one space.
func actorName(sp *annotate.Span, canonical, text string) string {
	if s, ok := sp.Attrs[canonical].(string); ok {
		if s = strings.Join(strings.Fields(s), " "); s != "" {
			return s
		}
	}
	return strings.Join(strings.Fields(spanText(text, sp.Fragments)), " ")
}

// span is the part of a record's span that annotate's span rules read
// (CompareSpans, Overlaps), so that they are not written twice.
func (s *RecordSpan) span() annotate.Span {
	return annotate.Span{ID: s.ID, Fragments: s.Fragments}
}
