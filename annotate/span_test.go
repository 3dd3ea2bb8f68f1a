package annotate

import (
	"slices"
	"strings"
	"testing"
)

func TestNormalizeFragments(t *testing.T) {
	tests := []struct {
		name string
		in   []Fragment
		want []Fragment
	}{
		{"empty", nil, []Fragment{}},
		{"one", []Fragment{{3, 5}}, []Fragment{{3, 5}}},
		{"sorted apart", []Fragment{{0, 2}, {4, 6}}, []Fragment{{0, 2}, {4, 6}}},
		{"unsorted", []Fragment{{4, 6}, {0, 2}}, []Fragment{{0, 2}, {4, 6}}},
		{"touching merge", []Fragment{{0, 2}, {2, 6}}, []Fragment{{0, 6}}},
		{"overlapping merge", []Fragment{{0, 4}, {2, 6}}, []Fragment{{0, 6}}},
		{"contained", []Fragment{{0, 10}, {2, 3}}, []Fragment{{0, 10}}},
		{"three into two", []Fragment{{8, 9}, {0, 3}, {2, 5}}, []Fragment{{0, 5}, {8, 9}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := slices.Clone(tt.in)
			got := NormalizeFragments(tt.in)
			if !slices.Equal(got, tt.want) {
				t.Errorf("NormalizeFragments(%v) = %v, want %v", in, got, tt.want)
			}
			if !slices.Equal(tt.in, in) {
				t.Errorf("NormalizeFragments changed its argument: %v", tt.in)
			}
			if len(got) > 0 {
				if err := CheckFragments(got, 10); err != nil {
					t.Errorf("normalized fragments fail CheckFragments: %v", err)
				}
			}
		})
	}
}

func TestCheckFragments(t *testing.T) {
	tests := []struct {
		name    string
		frags   []Fragment
		textLen int
		wantErr string // "" means valid
	}{
		{"one inside", []Fragment{{0, 5}}, 5, ""},
		{"discontinuous", []Fragment{{0, 2}, {4, 5}}, 5, ""},
		{"touching", []Fragment{{0, 2}, {2, 5}}, 5, ""},
		{"none", nil, 5, "no fragments"},
		{"negative start", []Fragment{{-1, 2}}, 5, "negative"},
		{"empty fragment", []Fragment{{2, 2}}, 5, "not after start"},
		{"reversed", []Fragment{{3, 2}}, 5, "not after start"},
		{"past end", []Fragment{{0, 6}}, 5, "past the text"},
		{"overlapping", []Fragment{{0, 3}, {2, 5}}, 5, "overlaps"},
		{"out of order", []Fragment{{3, 5}, {0, 2}}, 5, "overlaps or precedes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckFragments(tt.frags, tt.textLen)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Errorf("CheckFragments(%v) = %v, want nil", tt.frags, err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Errorf("CheckFragments(%v) = %v, want an error containing %q", tt.frags, err, tt.wantErr)
			}
		})
	}
}

func TestSpanExtentAndOverlap(t *testing.T) {
	a := Span{ID: "a", Fragments: []Fragment{{2, 4}, {8, 10}}}
	tests := []struct {
		name string
		b    Span
		want bool
	}{
		{"in the gap", Span{Fragments: []Fragment{{4, 8}}}, false},
		{"shares a code point", Span{Fragments: []Fragment{{9, 12}}}, true},
		{"touches the end", Span{Fragments: []Fragment{{10, 12}}}, false},
		{"no fragments", Span{}, false},
	}
	for _, tt := range tests {
		if got := a.Overlaps(tt.b); got != tt.want || tt.b.Overlaps(a) != tt.want {
			t.Errorf("%s: Overlaps = %v, want %v both ways", tt.name, got, tt.want)
		}
	}
	if a.Start() != 2 || a.End() != 10 || !a.Discontinuous() {
		t.Errorf("extent = [%d,%d) discontinuous=%v, want [2,10) true", a.Start(), a.End(), a.Discontinuous())
	}
	if (Span{}).Start() != 0 || (Span{}).End() != 0 {
		t.Errorf("a span without fragments should have a zero extent")
	}
}

func TestSpanCloneIsDeep(t *testing.T) {
	s := Span{ID: "s1", Fragments: []Fragment{{0, 2}}, Attrs: Attrs{"kind": []string{"a", "b"}}}
	c := s.Clone()
	c.Fragments[0].End = 9
	c.Attrs["kind"].([]string)[0] = "z"
	if s.Fragments[0].End != 2 || s.Attrs["kind"].([]string)[0] != "a" {
		t.Errorf("Clone shares memory with the original: %+v", s)
	}
}

func TestSortSpans(t *testing.T) {
	spans := []Span{
		{ID: "c", Fragments: []Fragment{{5, 6}}},
		{ID: "b", Fragments: []Fragment{{0, 3}}},
		{ID: "a", Fragments: []Fragment{{0, 3}}},
		{ID: "d", Fragments: []Fragment{{0, 9}}},
	}
	SortSpans(spans)
	var ids []string
	for _, s := range spans {
		ids = append(ids, s.ID)
	}
	if want := []string{"d", "a", "b", "c"}; !slices.Equal(ids, want) {
		t.Errorf("SortSpans order = %v, want %v", ids, want)
	}
}

func TestNewIDIsFreshAndPrefixed(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		id := NewID("s")
		if !strings.HasPrefix(id, "s") || len(id) != 17 || seen[id] {
			t.Fatalf("NewID gave %q (seen before: %v)", id, seen[id])
		}
		seen[id] = true
	}
}
