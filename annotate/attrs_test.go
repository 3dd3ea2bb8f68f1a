package annotate

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func TestAttrsNormalize(t *testing.T) {
	tests := []struct {
		name    string
		json    string
		want    Attrs
		wantErr string
	}{
		{"empty", `{}`, nil, ""},
		{"string and bool", `{"kind":"statistic","checkworthy":true}`, Attrs{"kind": "statistic", "checkworthy": true}, ""},
		{"list", `{"roles":["Guardian","Peacemaker"]}`, Attrs{"roles": []string{"Guardian", "Peacemaker"}}, ""},
		{"empty list", `{"roles":[]}`, Attrs{"roles": []string{}}, ""},
		{"null unsets", `{"kind":null,"note":"x"}`, Attrs{"note": "x"}, ""},
		{"number refused", `{"score":3}`, nil, "want string, bool or list"},
		{"object refused", `{"x":{"y":1}}`, nil, "want string, bool or list"},
		{"mixed list refused", `{"roles":["a",1]}`, nil, "list holds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var raw Attrs
			if err := json.Unmarshal([]byte(tt.json), &raw); err != nil {
				t.Fatal(err)
			}
			got, err := raw.Normalize()
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("Normalize(%s) error = %v, want one containing %q", tt.json, err, tt.wantErr)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("Normalize(%s) = %#v, %v; want %#v", tt.json, got, err, tt.want)
			}
			if !got.Equal(tt.want) {
				t.Errorf("Equal disagrees with DeepEqual for %#v", got)
			}
		})
	}
}

func TestAttrsEqual(t *testing.T) {
	tests := []struct {
		name string
		a, b Attrs
		want bool
	}{
		{"both nil", nil, nil, true},
		{"nil and empty", nil, Attrs{}, true},
		{"same", Attrs{"k": "v", "b": true, "l": []string{"x"}}, Attrs{"k": "v", "b": true, "l": []string{"x"}}, true},
		{"different string", Attrs{"k": "v"}, Attrs{"k": "w"}, false},
		{"different key", Attrs{"k": "v"}, Attrs{"j": "v"}, false},
		{"bool vs string", Attrs{"k": true}, Attrs{"k": "true"}, false},
		{"list order matters", Attrs{"l": []string{"x", "y"}}, Attrs{"l": []string{"y", "x"}}, false},
		{"list vs string", Attrs{"l": []string{"x"}}, Attrs{"l": "x"}, false},
		{"extra key", Attrs{"k": "v"}, Attrs{"k": "v", "j": "w"}, false},
		// Values that were never normalised must compare, not panic.
		{"raw JSON lists", Attrs{"l": []any{"x"}}, Attrs{"l": []any{"x"}}, true},
		{"raw JSON list vs string", Attrs{"l": []any{"x"}}, Attrs{"l": "x"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.a.Equal(tt.b); got != tt.want {
				t.Errorf("%v.Equal(%v) = %v, want %v", tt.a, tt.b, got, tt.want)
			}
			if got := tt.b.Equal(tt.a); got != tt.want {
				t.Errorf("%v.Equal(%v) = %v, want %v (symmetry)", tt.b, tt.a, got, tt.want)
			}
		})
	}
}

func TestAttrsCloneIsDeep(t *testing.T) {
	a := Attrs{"l": []string{"x"}, "k": "v"}
	c := a.Clone()
	c["l"].([]string)[0] = "changed"
	c["k"] = "changed"
	if a["l"].([]string)[0] != "x" || a["k"] != "v" {
		t.Errorf("Clone shares memory: %v", a)
	}
	if Attrs(nil).Clone() != nil {
		t.Errorf("Clone of nil should be nil")
	}
}
