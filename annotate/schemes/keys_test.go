package schemes

import (
	"fmt"
	"slices"
	"testing"

	"frametag/annotate"
)

func spanLayer(name string, labels ...annotate.Label) annotate.Layer {
	return annotate.Layer{Name: name, Kind: annotate.SpanLayer, Labels: labels}
}

func keysOf(s annotate.Schema) []string {
	var out []string
	for _, l := range s.Layers {
		for _, lb := range l.Labels {
			out = append(out, lb.Key)
		}
	}
	return out
}

func TestAssignKeys(t *testing.T) {
	many := make([]annotate.Label, 38)
	for i := range many {
		many[i] = annotate.Label{Name: fmt.Sprintf("L%02d", i), Color: "#0072b2"}
	}
	tests := []struct {
		name         string
		schema       annotate.Schema
		wantKeys     []string
		wantConflict []annotate.KeyConflict
		wantUnkeyed  []string
	}{
		{
			name: "letters of the name, first free one",
			schema: annotate.Schema{Layers: []annotate.Layer{
				spanLayer("a", annotate.Label{Name: "Claim"}, annotate.Label{Name: "Cue"}, annotate.Label{Name: "Content"}),
			}},
			wantKeys: []string{"c", "u", "o"},
		},
		{
			name: "keys already set are kept and avoided, case-insensitively",
			schema: annotate.Schema{Layers: []annotate.Layer{
				spanLayer("a", annotate.Label{Name: "Doubt", Key: "D"}, annotate.Label{Name: "Dog"}),
			}},
			wantKeys: []string{"D", "o"},
		},
		{
			name: "unique across span layers",
			schema: annotate.Schema{Layers: []annotate.Layer{
				spanLayer("a", annotate.Label{Name: "Person"}),
				spanLayer("b", annotate.Label{Name: "Place"}),
			}},
			wantKeys: []string{"p", "l"},
		},
		{
			name: "name letters spent: first free letter of the alphabet",
			schema: annotate.Schema{Layers: []annotate.Layer{
				spanLayer("a", annotate.Label{Name: "ab"}, annotate.Label{Name: "ba"}, annotate.Label{Name: "ab2"}),
			}},
			wantKeys: []string{"a", "b", "c"},
		},
		{
			name: "document layers take no keys",
			schema: annotate.Schema{Layers: []annotate.Layer{
				{Name: "frame", Kind: annotate.DocumentLayer, Labels: []annotate.Label{{Name: "Economic"}}},
				spanLayer("a", annotate.Label{Name: "Economy"}),
			}},
			wantKeys: []string{"", "e"},
		},
		{
			name: "conflicts among given keys are reported, not resolved",
			schema: annotate.Schema{Layers: []annotate.Layer{
				spanLayer("a", annotate.Label{Name: "X", Key: "q"}, annotate.Label{Name: "Y", Key: "Q"}, annotate.Label{Name: "Quote"}),
			}},
			wantKeys:     []string{"q", "Q", "u"},
			wantConflict: []annotate.KeyConflict{{Key: "q", Owners: []string{"a/X", "a/Y"}}},
		},
		{
			name:        "past 36 labels the rest get no key",
			schema:      annotate.Schema{Layers: []annotate.Layer{spanLayer("big", many...)}},
			wantUnkeyed: []string{"big/L36", "big/L37"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := tt.schema.Clone()
			conflicts := AssignKeys(&s)
			if tt.wantKeys != nil && !slices.Equal(keysOf(s), tt.wantKeys) {
				t.Errorf("keys = %q, want %q", keysOf(s), tt.wantKeys)
			}
			if fmt.Sprint(conflicts) != fmt.Sprint(tt.wantConflict) {
				t.Errorf("conflicts = %v, want %v", conflicts, tt.wantConflict)
			}
			if got := Unkeyed(&s); !slices.Equal(got, tt.wantUnkeyed) {
				t.Errorf("unkeyed = %v, want %v", got, tt.wantUnkeyed)
			}
		})
	}
}

func TestAssignKeysUsesAll36Keys(t *testing.T) {
	labels := make([]annotate.Label, 36)
	for i := range labels {
		labels[i] = annotate.Label{Name: "same"}
	}
	s := annotate.Schema{Layers: []annotate.Layer{spanLayer("a", labels...)}}
	AssignKeys(&s)
	got := keysOf(s)
	slices.Sort(got)
	want := []string{}
	for _, c := range keyPool {
		want = append(want, string(c))
	}
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("keys = %v, want every one of %q", got, keyPool)
	}
}

func TestFreeKey(t *testing.T) {
	s := annotate.Schema{Layers: []annotate.Layer{
		spanLayer("a", annotate.Label{Name: "Claim", Key: "c"}),
		{Name: "d", Kind: annotate.DocumentLayer, Labels: []annotate.Label{{Name: "Labelled", Key: "l"}}},
	}}
	tests := []struct{ name, want string }{
		{"Claim", "l"}, // c taken; document layers' keys do not count
		{"cc", "a"},
		{"", "a"},
	}
	for _, tt := range tests {
		if got := FreeKey(&s, tt.name); got != tt.want {
			t.Errorf("FreeKey(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
	full := make([]annotate.Label, 36)
	for i := range full {
		full[i] = annotate.Label{Name: "x"}
	}
	s = annotate.Schema{Layers: []annotate.Layer{spanLayer("a", full...)}}
	AssignKeys(&s)
	if got := FreeKey(&s, "y"); got != "" {
		t.Errorf("FreeKey with all 36 keys taken = %q, want none", got)
	}
}
