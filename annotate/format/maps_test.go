package format

import (
	"maps"
	"strings"
	"testing"
)

func TestReadLabelMap(t *testing.T) {
	good := "\uFEFF# PTC to ours\r\nName_Calling,Labeling\tName_Calling-Labeling\r\n\r\nDoubt\tDoubt\nDoubt\tDoubt\n  Slogans \t Slogans\n"
	m, err := ReadLabelMap("map.tsv", strings.NewReader(good))
	if err != nil {
		t.Fatal(err)
	}
	want := LabelMap{"Name_Calling,Labeling": "Name_Calling-Labeling", "Doubt": "Doubt", "Slogans": "Slogans"}
	if !maps.Equal(m, want) {
		t.Errorf("map %v, want %v", m, want)
	}
	tests := []struct{ name, in, want string }{
		{"one column", "a\tb\nc\n", "map.tsv:2: want two columns separated by a tab (from, to), got 1"},
		{"three columns", "a\tb\tc\n", "map.tsv:1: want two columns separated by a tab (from, to), got 3"},
		{"empty to", "a\t \n", `map.tsv:1: an empty label ("a" -> "")`},
		{"mapped twice", "a\tb\n\na\tc\n", `map.tsv:3: "a" is mapped to "c" here and to "b" on line 1`},
		{"not UTF-8", "a\tb\ncaf\xe9\tc\n", "map.tsv:2: not valid UTF-8"},
		{"nothing", "# only a comment\n", "map.tsv: no mapping in the file (want lines of from<TAB>to)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ReadLabelMap("map.tsv", strings.NewReader(tt.in))
			if err == nil || err.Error() != tt.want || m != nil {
				t.Errorf("map %v, error %v; want %q", m, err, tt.want)
			}
		})
	}
}
