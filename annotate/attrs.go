package annotate

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"strconv"
	"strings"
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

// AttrValueString writes one attribute value for people: a choice or text as it is,
// a bool as yes or no, a multi-choice as its values joined by commas, an
// unset value as "unset".
func AttrValueString(v any) string {
	switch x := v.(type) {
	case nil:
		return "unset"
	case string:
		return x
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case []string:
		if len(x) == 0 {
			return "none"
		}
		return strings.Join(x, ", ")
	}
	return fmt.Sprint(v)
}

// key is the attribute set as a string that two sets share when they hold
// the same values, a multi-choice's in any order: names in order, each
// value quoted.
func (a Attrs) key() string {
	if len(a) == 0 {
		return ""
	}
	var b []byte
	for _, k := range slices.Sorted(maps.Keys(a)) {
		b = strconv.AppendQuote(append(b, ';'), k)
		switch x := a[k].(type) {
		case []string:
			b = append(b, '[')
			for _, s := range slices.Sorted(slices.Values(x)) {
				b = strconv.AppendQuote(b, s)
			}
			b = append(b, ']')
		case bool:
			b = strconv.AppendBool(b, x)
		case string:
			b = strconv.AppendQuote(b, x)
		default:
			b = fmt.Appendf(b, "%#v", x)
		}
	}
	return string(b)
}
