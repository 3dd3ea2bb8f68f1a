package annotate

import (
	"fmt"
	"reflect"
	"slices"
)

// Attrs are a span's attribute values by attribute name. A value is a string
// (choice or text), a bool, or a []string (multi-choice); Normalize turns the
// shapes JSON decoding produces into these.
type Attrs map[string]any

// Clone returns a deep copy.
func (a Attrs) Clone() Attrs {
	if a == nil {
		return nil
	}
	c := make(Attrs, len(a))
	for k, v := range a {
		if vs, ok := v.([]string); ok {
			v = append([]string(nil), vs...)
		}
		c[k] = v
	}
	return c
}

// Normalize converts decoded JSON values ([]any of strings) to the canonical
// Go types and rejects anything else.
func (a Attrs) Normalize() (Attrs, error) {
	if len(a) == 0 {
		return nil, nil
	}
	out := make(Attrs, len(a))
	for k, v := range a {
		switch x := v.(type) {
		case string, bool:
			out[k] = x
		case []string:
			out[k] = append([]string(nil), x...)
		case []any:
			ss := make([]string, 0, len(x))
			for _, e := range x {
				s, ok := e.(string)
				if !ok {
					return nil, fmt.Errorf("attribute %q: list holds %T, want strings", k, e)
				}
				ss = append(ss, s)
			}
			out[k] = ss
		case nil:
			// an explicit null means "unset"
		default:
			return nil, fmt.Errorf("attribute %q: value of type %T, want string, bool or list of strings", k, v)
		}
	}
	return out, nil
}

// Equal reports whether two attribute sets hold the same values.
func (a Attrs) Equal(b Attrs) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		w, ok := b[k]
		if !ok {
			return false
		}
		switch x := v.(type) {
		case []string:
			y, ok := w.([]string)
			if !ok || !slices.Equal(x, y) {
				return false
			}
		case string, bool:
			if v != w {
				return false
			}
		default:
			// values that were never normalised (a []any from JSON) are not
			// comparable with != and would panic
			if !reflect.DeepEqual(v, w) {
				return false
			}
		}
	}
	return true
}
