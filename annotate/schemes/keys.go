package schemes

import (
	"strings"

	"frametag/annotate"
)

// keyPool is every key a label can take, in the order free keys are handed
// out once a label's own letters are spent: letters, then digits.
const keyPool = "abcdefghijklmnopqrstuvwxyz1234567890"

// AssignKeys gives every span label that has no key a free one, unique
// (case-insensitively) across all span layers: the first free letter of the
// label's name, else the first free letter, else the first free digit. Keys
// already set are kept as they are, and the conflicts among them are returned
// (AssignKeys never creates one). Document layers take no keys.
//
// The pool holds 36 keys. A label that finds it empty keeps no key and is
// reached through the label list instead; Unkeyed names such labels.
func AssignKeys(s *annotate.Schema) []annotate.KeyConflict {
	used := usedKeys(s)
	for i := range s.Layers {
		l := &s.Layers[i]
		if l.Kind != annotate.SpanLayer {
			continue
		}
		for j := range l.Labels {
			lb := &l.Labels[j]
			if lb.Key != "" {
				continue
			}
			if k, ok := freeKey(lb.Name, used); ok {
				used[k] = true
				lb.Key = string(k)
			}
		}
	}
	return annotate.DuplicateKeys(s)
}

// FreeKey is the key AssignKeys would give one more span label called name,
// or "" when all 36 are taken.
func FreeKey(s *annotate.Schema, name string) string {
	if k, ok := freeKey(name, usedKeys(s)); ok {
		return string(k)
	}
	return ""
}

// usedKeys are the keys span labels hold, lower-cased.
func usedKeys(s *annotate.Schema) map[byte]bool {
	used := map[byte]bool{}
	for _, l := range s.Layers {
		if l.Kind != annotate.SpanLayer {
			continue
		}
		for _, lb := range l.Labels {
			if lb.Key != "" {
				used[lower(lb.Key[0])] = true
			}
		}
	}
	return used
}

// freeKey picks the first unused letter of the name, then the first unused
// key of the pool.
func freeKey(name string, used map[byte]bool) (byte, bool) {
	name = strings.ToLower(name)
	for i := 0; i < len(name); i++ {
		if c := name[i]; c >= 'a' && c <= 'z' && !used[c] {
			return c, true
		}
	}
	for i := 0; i < len(keyPool); i++ {
		if c := keyPool[i]; !used[c] {
			return c, true
		}
	}
	return 0, false
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// Unkeyed lists the span labels ("layer/label") that have no key, which after
// AssignKeys means the 36 keys ran out.
func Unkeyed(s *annotate.Schema) []string {
	var out []string
	for _, l := range s.Layers {
		if l.Kind != annotate.SpanLayer {
			continue
		}
		for _, lb := range l.Labels {
			if lb.Key == "" {
				out = append(out, l.Name+"/"+lb.Name)
			}
		}
	}
	return out
}
