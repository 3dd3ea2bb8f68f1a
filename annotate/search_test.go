package annotate

import (
	"slices"
	"testing"
)

func TestMatcherFindsInCodePoints(t *testing.T) {
	tests := []struct {
		text, q string
		re      bool
		want    []Fragment
	}{
		{"Said 𝔘 said SAID", "said", false, []Fragment{{0, 4}, {7, 11}, {12, 16}}},
		{"a.b a+b", ".", false, []Fragment{{1, 2}}}, // plain words: no wildcard
		{"👍🏽 x1 x22", `x\d+`, true, []Fragment{{3, 5}, {6, 9}}},
		{"abc", `x*`, true, nil}, // empty matches are no hits
	}
	for _, tt := range tests {
		m, err := NewMatcher(tt.q, tt.re)
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Find(tt.text, 100); !slices.Equal(got, tt.want) {
			t.Errorf("Find(%q, %q) = %v, want %v", tt.text, tt.q, got, tt.want)
		}
	}
	if _, err := NewMatcher("(", true); ErrorCode(err) != EInvalid {
		t.Errorf("broken expression: %v", err)
	}
}
