package annotate

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"
)

// Offsets in frametag are Unicode code points, end exclusive, exactly as
// Python's text[start:end]. Other tools count UTF-8 bytes (Go strings) or
// UTF-16 units (browsers, doccano, INCEpTION); TextIndex is the one place that
// converts between the three.
type TextIndex struct {
	text string
	// byteAt[i] is the byte offset of code point i; byteAt[n] == len(text).
	byteAt []int32
	// astral lists, in order, the code point index of each character outside
	// the Basic Multilingual Plane (two UTF-16 units each).
	astral []int32
}

// NewTextIndex indexes text once so that conversions cost O(1) or O(log n).
func NewTextIndex(text string) *TextIndex {
	ix := &TextIndex{text: text, byteAt: make([]int32, 0, len(text)+1)}
	cp := 0
	for b, r := range text {
		ix.byteAt = append(ix.byteAt, int32(b))
		if r > 0xFFFF {
			ix.astral = append(ix.astral, int32(cp))
		}
		cp++
	}
	ix.byteAt = append(ix.byteAt, int32(len(text)))
	return ix
}

// Text returns the indexed text.
func (ix *TextIndex) Text() string { return ix.text }

// Len is the text's length in code points.
func (ix *TextIndex) Len() int { return len(ix.byteAt) - 1 }

// Byte converts a code point offset to a UTF-8 byte offset.
func (ix *TextIndex) Byte(cp int) (int, error) {
	if cp < 0 || cp > ix.Len() {
		return 0, fmt.Errorf("offset %d outside text of %d code points", cp, ix.Len())
	}
	return int(ix.byteAt[cp]), nil
}

// CodePointOfByte converts a UTF-8 byte offset to a code point offset. The
// byte offset must fall on a character boundary.
func (ix *TextIndex) CodePointOfByte(b int) (int, error) {
	i := sort.Search(len(ix.byteAt), func(i int) bool { return int(ix.byteAt[i]) >= b })
	if i == len(ix.byteAt) || int(ix.byteAt[i]) != b {
		return 0, fmt.Errorf("byte offset %d is not on a character boundary", b)
	}
	return i, nil
}

// UTF16 converts a code point offset to a UTF-16 unit offset.
func (ix *TextIndex) UTF16(cp int) (int, error) {
	if cp < 0 || cp > ix.Len() {
		return 0, fmt.Errorf("offset %d outside text of %d code points", cp, ix.Len())
	}
	before := sort.Search(len(ix.astral), func(i int) bool { return int(ix.astral[i]) >= cp })
	return cp + before, nil
}

// CodePointOfUTF16 converts a UTF-16 unit offset to a code point offset. An
// offset inside a surrogate pair is an error: it names half a character.
func (ix *TextIndex) CodePointOfUTF16(u int) (int, error) {
	if u < 0 {
		return 0, fmt.Errorf("UTF-16 offset %d is negative", u)
	}
	cp := sort.Search(ix.Len()+1, func(cp int) bool {
		v, _ := ix.UTF16(cp)
		return v >= u
	})
	if cp > ix.Len() {
		return 0, fmt.Errorf("UTF-16 offset %d is past the end of the text", u)
	}
	if v, _ := ix.UTF16(cp); v != u {
		return 0, fmt.Errorf("UTF-16 offset %d falls inside a surrogate pair", u)
	}
	return cp, nil
}

// Slice returns text[start:end] in code points.
func (ix *TextIndex) Slice(start, end int) (string, error) {
	if start < 0 || end < start || end > ix.Len() {
		return "", fmt.Errorf("range [%d,%d) outside text of %d code points", start, end, ix.Len())
	}
	return ix.text[ix.byteAt[start]:ix.byteAt[end]], nil
}

// SpanText is what a span covers: its fragments' texts joined by
// FragmentSeparator.
func (ix *TextIndex) SpanText(frags []Fragment) (string, error) {
	parts := make([]string, len(frags))
	for i, f := range frags {
		s, err := ix.Slice(f.Start, f.End)
		if err != nil {
			return "", err
		}
		parts[i] = s
	}
	return strings.Join(parts, FragmentSeparator), nil
}

// FragmentSeparator joins the texts of a discontinuous span's fragments in the
// "text" field of exports: " … " cannot be confused with a fragment's own
// whitespace, and readers recompute text from fragments anyway.
const FragmentSeparator = " … "

// CodePointLen is the length of s in code points.
func CodePointLen(s string) int { return utf8.RuneCountInString(s) }
