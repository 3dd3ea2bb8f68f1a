package sqlite

import (
	"database/sql"
	"encoding/json"
	"slices"
	"testing"

	"frametag/annotate"
)

func TestFragmentsEncoding(t *testing.T) {
	for _, frags := range [][]annotate.Fragment{
		{{Start: 0, End: 1}},
		{{Start: 12, End: 345}, {Start: 400, End: 401}, {Start: 1_000_000, End: 1_000_007}},
	} {
		enc := encodeFragments(frags)
		got, err := decodeFragments(enc)
		if err != nil || !slices.Equal(got, frags) {
			t.Errorf("decode(encode(%v)) = %v, %v (encoded %s)", frags, got, err, enc)
		}
	}
	// Fragments written by another tool or by hand, with spaces, are the
	// same fragments (they were called malformed).
	for spelt, want := range map[string][]annotate.Fragment{
		"[[0, 5]]":             {{Start: 0, End: 5}},
		" [ [0,5] , [7, 9] ] ": {{Start: 0, End: 5}, {Start: 7, End: 9}},
		"[\n  [12,\t345]\n]":   {{Start: 12, End: 345}},
		"[ ]":                  {},
	} {
		if got, err := decodeFragments(spelt); err != nil || !slices.Equal(got, want) {
			t.Errorf("decodeFragments(%q) = %v, %v; want %v", spelt, got, err, want)
		}
	}
	for _, bad := range []string{"", "[", "[]x", "[[1,2]", "[[1,2],]", "[[1;2]]", "[[a,2]]", "[[1,2][3,4]]", "[[-1,2]]", "{}",
		"[[0, 5, 6]]", "[[0]]", "null", "[[-1, 2]]", "[[1.5, 2]]", `[["1", 2]]`} {
		if got, err := decodeFragments(bad); err == nil {
			t.Errorf("decodeFragments(%q) = %v, want an error", bad, got)
		}
	}
}

func TestAttrsEncoding(t *testing.T) {
	for _, a := range []annotate.Attrs{
		nil,
		{"certainty": "high"},
		{"z": "last", "a": []string{"x", "y"}, "m": true},
		{"verified": true, "sure": false, "kinds": []string{"quote", "statistic"}, "none": []string{}, "comment": "émoji 👩‍👩‍👧 “quoted”"},
		{"comment": `back\slash "quote" <b>&amp;</b>` + "\n\ttab"},
		{"weird key \"x\"": "v", "": ""},
	} {
		enc, err := encodeAttrs(a)
		if err != nil {
			t.Fatal(err)
		}
		if a != nil {
			// The hand-written encoding is json.Marshal's, byte for byte.
			if want, _ := json.Marshal(a); enc != string(want) {
				t.Errorf("encodeAttrs(%v) = %s, want %s", a, enc, want)
			}
		}
		var stored sql.NullString
		if enc != nil {
			stored = sql.NullString{String: enc.(string), Valid: true}
		}
		got, err := decodeAttrs(stored)
		if err != nil || !got.Equal(a) {
			t.Errorf("decode(encode(%v)) = %v, %v (encoded %v)", a, got, err, enc)
		}
	}
	// What the fast path declines, encoding/json reads.
	for in, want := range map[string]annotate.Attrs{
		`{"a": "spaced"}`:     {"a": "spaced"},
		`{"a":"x\"y"}`:        {"a": `x"y`},
		`{"n":["a" ,"b"]}`:    {"n": []string{"a", "b"}},
		`{"a":null,"b":true}`: {"b": true},
	} {
		got, err := decodeAttrs(sql.NullString{String: in, Valid: true})
		if err != nil || !got.Equal(want) {
			t.Errorf("decodeAttrs(%s) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{`{"a":1}`, `{"a":[1]}`, `{"a":`, `[]`} {
		if got, err := decodeAttrs(sql.NullString{String: bad, Valid: true}); err == nil {
			t.Errorf("decodeAttrs(%s) = %v, want an error", bad, got)
		}
	}
}
