package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"testing"
)

func TestWithUnknownField(t *testing.T) {
	tests := []struct {
		name, line, want string // want "" when no field is unknown
	}{
		{"top level", `{"id":"d","text":"x","span":[]}`, "span"},
		{"inside a span", `{"id":"d","text":"x","spans":[{"layer":"a","lable":"X"}]}`, "lable"},
		{"inside a relation", `{"id":"d","text":"x","relations":[{"id":"r","kind":"k"}]}`, "kind"},
		{"the first in the line", `{"id":"d","zz":1,"text":"x","aa":2}`, "zz"},
		{"keys match without case, as encoding/json does", `{"ID":"d","Text":"x"}`, ""},
		{"meta, attrs and status take any key", `{"id":"d","text":"x","meta":{"any":1},"status":{"ana":"done"},"spans":[{"attrs":{"whatever":true}}]}`, ""},
		{"broken JSON", `{"id":"d","text":`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var in jsonlDocIn
			dec := json.NewDecoder(bytes.NewReader([]byte(tt.line)))
			dec.DisallowUnknownFields()
			err := dec.Decode(&in)
			got := withUnknownField(err, []byte(tt.line), &in)
			var unknown *UnknownFieldError
			switch {
			case tt.want == "" && errors.As(got, &unknown):
				t.Errorf("got unknown field %q", unknown.Field)
			case tt.want != "" && (!errors.As(got, &unknown) || unknown.Field != tt.want):
				t.Errorf("got %v, want unknown field %q", got, tt.want)
			}
		})
	}
}
