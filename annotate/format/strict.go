package format

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
)

// UnknownFieldError is a JSON key the shape being read has no field for: a
// misspelt "spans" that must not drop annotations silently.
type UnknownFieldError struct{ Field string }

func (e *UnknownFieldError) Error() string { return fmt.Sprintf("unknown field %q", e.Field) }

// withUnknownField turns a failed decode of data into v with
// DisallowUnknownFields into an *UnknownFieldError when data holds a key v
// has no field for: encoding/json says so only in its error text. Other
// errors pass unchanged. The walk runs only on failure, so reading stays as
// fast as the decoder.
func withUnknownField(err error, data []byte, v any) error {
	var syntax *json.SyntaxError
	var typ *json.UnmarshalTypeError
	if errors.As(err, &syntax) || errors.As(err, &typ) {
		return err
	}
	if name, ok, _ := firstUnknown(json.NewDecoder(bytes.NewReader(data)), reflect.TypeOf(v)); ok {
		return &UnknownFieldError{Field: name}
	}
	return err
}

// firstUnknown reads one JSON value from dec and returns the first key, in document order, that t has no field for. Maps
// take any key; values without a Go shape to check (any, json.RawMessage)
// are skipped.
func firstUnknown(dec *json.Decoder, t reflect.Type) (name string, found, broken bool) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	tok, err := dec.Token()
	if err != nil {
		// Broken JSON: the decoder's error says it. The caller must stop
		// too: dec.More still sees the start of the value that failed (a
		// string cut short) and would loop forever.
		return "", false, true
	}
	switch tok {
	case json.Delim('{'):
		for dec.More() {
			tok, err := dec.Token()
			key, isKey := tok.(string)
			if err != nil || !isKey {
				return "", false, true
			}
			var ft reflect.Type
			switch {
			case t != nil && t.Kind() == reflect.Struct:
				f, ok := jsonField(t, key)
				if !ok {
					return key, true, false
				}
				ft = f.Type
			case t != nil && t.Kind() == reflect.Map:
				ft = t.Elem()
			}
			if name, found, broken := firstUnknown(dec, ft); found || broken {
				return name, found, broken
			}
		}
		dec.Token() // '}'
	case json.Delim('['):
		var et reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			et = t.Elem()
		}
		for dec.More() {
			if name, found, broken := firstUnknown(dec, et); found || broken {
				return name, found, broken
			}
		}
		dec.Token() // ']'
	}
	return "", false, false
}

// jsonField finds the field encoding/json would fill from key: by its tag
// name, else its Go name, matched without regard to case as encoding/json
// does.
func jsonField(t reflect.Type, key string) (reflect.StructField, bool) {
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		if strings.EqualFold(name, key) {
			return f, true
		}
	}
	return reflect.StructField{}, false
}
