package annotate

import (
	"cmp"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"
)

// Fragment is one contiguous piece of a span: code points [Start, End).
type Fragment struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len is the fragment's length in code points.
func (f Fragment) Len() int { return f.End - f.Start }

// Span is a labelled stretch of a document's text. More than one fragment makes
// it discontinuous (a claim interrupted by "he said").
type Span struct {
	ID        string     `json:"id"`
	DocID     string     `json:"doc"`
	Layer     string     `json:"layer"`
	Label     string     `json:"label"`
	Fragments []Fragment `json:"fragments"`
	Attrs     Attrs      `json:"attrs,omitempty"`
	Note      string     `json:"note,omitempty"`
	// Actor is the actor-registry entry an actor span links to ("" for
	// none). It changes only through the registry's edits (LinkActor,
	// MergeActors, SplitActor), never through UpdateSpan.
	Actor     string    `json:"actor,omitempty"`
	Annotator string    `json:"annotator"`
	Created   time.Time `json:"created"`
	Updated   time.Time `json:"updated"`
	// Provenance is where a gold span came from (ProvUnanimous,
	// Adjudicated(annotator), ProvCurator); "" on every other span.
	Provenance string `json:"provenance,omitempty"`
}

// Start is where the span's first fragment begins.
func (s Span) Start() int {
	if len(s.Fragments) == 0 {
		return 0
	}
	return s.Fragments[0].Start
}

// End is where the span's last fragment ends.
func (s Span) End() int {
	if len(s.Fragments) == 0 {
		return 0
	}
	return s.Fragments[len(s.Fragments)-1].End
}

// Discontinuous reports whether the span has more than one fragment.
func (s Span) Discontinuous() bool { return len(s.Fragments) > 1 }

// Clone returns a deep copy, so an edit's before and after never share maps.
func (s Span) Clone() Span {
	c := s
	c.Fragments = append([]Fragment(nil), s.Fragments...)
	c.Attrs = s.Attrs.Clone()
	return c
}

// NormalizeFragments sorts fragments and merges those that touch or overlap,
// so that equal spans always have equal fragment lists.
func NormalizeFragments(frags []Fragment) []Fragment {
	out := append([]Fragment(nil), frags...)
	sort.Slice(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	merged := out[:0]
	for _, f := range out {
		if n := len(merged); n > 0 && f.Start <= merged[n-1].End {
			if f.End > merged[n-1].End {
				merged[n-1].End = f.End
			}
			continue
		}
		merged = append(merged, f)
	}
	return merged
}

// CheckFragments verifies that fragments are non-empty, ordered, disjoint and
// inside a text of textLen code points.
func CheckFragments(frags []Fragment, textLen int) error {
	if len(frags) == 0 {
		return fmt.Errorf("span has no fragments")
	}
	prevEnd := -1
	for i, f := range frags {
		switch {
		case f.Start < 0:
			return fmt.Errorf("fragment %d: start %d is negative", i, f.Start)
		case f.End <= f.Start:
			return fmt.Errorf("fragment %d: end %d is not after start %d", i, f.End, f.Start)
		case f.End > textLen:
			return fmt.Errorf("fragment %d: end %d is past the text's %d code points", i, f.End, textLen)
		case f.Start < prevEnd:
			return fmt.Errorf("fragment %d: [%d,%d) overlaps or precedes the one before it", i, f.Start, f.End)
		}
		prevEnd = f.End
	}
	return nil
}

// Overlaps reports whether any fragment of a shares a code point with one of b.
func (s Span) Overlaps(b Span) bool {
	for _, f := range s.Fragments {
		for _, g := range b.Fragments {
			if f.Start < g.End && g.Start < f.End {
				return true
			}
		}
	}
	return false
}

// NewID returns a fresh random id with the given prefix ("s" for spans, "r" for
// relations). Random rather than sequential so that projects can be merged.
func NewID(prefix string) string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic(fmt.Sprintf("crypto/rand failed: %v", err)) // the OS has no entropy: nothing sensible to do
	}
	return prefix + hex.EncodeToString(b[:])
}

// CompareSpans is reading order: by start, then longer first, then id. Lists
// and exports show spans in it; SortSpans sorts by it and DocState inserts by
// it.
func CompareSpans(a, b Span) int {
	switch {
	case a.Start() != b.Start():
		return cmp.Compare(a.Start(), b.Start())
	case a.End() != b.End():
		return cmp.Compare(b.End(), a.End())
	}
	return strings.Compare(a.ID, b.ID)
}

// SortSpans orders spans by CompareSpans: the reading order used by lists and
// exports.
func SortSpans(spans []Span) { slices.SortStableFunc(spans, CompareSpans) }
