package schemes

import (
	"slices"
	"strings"
	"testing"

	"frametag/annotate"
)

func TestBundledSchemasAreValid(t *testing.T) {
	for _, name := range Names() {
		t.Run(name, func(t *testing.T) {
			s, err := ByName(name)
			if err != nil {
				t.Fatal(err)
			}
			if s.Name != name {
				t.Errorf("Name = %q, want %q", s.Name, name)
			}
			if err := s.Validate(); err != nil {
				t.Errorf("Validate: %v", err)
			}
			if c := annotate.DuplicateKeys(&s); len(c) > 0 {
				t.Errorf("key conflicts: %v", c)
			}
			if u := Unkeyed(&s); len(u) > 0 {
				t.Errorf("span labels without a key: %v", u)
			}
			if strings.TrimSpace(s.Guidelines) == "" || !strings.HasPrefix(s.Guidelines, "# ") {
				t.Errorf("guidelines missing or without a title: %.40q", s.Guidelines)
			}
			for _, l := range s.Layers {
				if l.Description == "" {
					t.Errorf("layer %s has no description", l.Name)
				}
				for _, lb := range l.Labels {
					if lb.Description == "" {
						t.Errorf("%s/%s has no description", l.Name, lb.Name)
					}
					if l.Kind == annotate.DocumentLayer && lb.Key != "" {
						t.Errorf("document label %s/%s has key %q", l.Name, lb.Name, lb.Key)
					}
				}
			}
		})
	}
}

func TestByNameUnknownListsTheNames(t *testing.T) {
	_, err := ByName("ptc18")
	if err == nil {
		t.Fatal("ByName(ptc18) succeeded")
	}
	want := `unknown schema "ptc18": bundled schemas are news-persuasion, ptc-18, ptc-14, attribution`
	if err.Error() != want {
		t.Errorf("error = %q, want %q", err, want)
	}
}

func TestByNameReturnsIndependentCopies(t *testing.T) {
	a, _ := ByName(NewsPersuasion)
	a.Layers[0].Labels[0].Name = "changed"
	b, _ := ByName(NewsPersuasion)
	if b.Layers[0].Labels[0].Name == "changed" {
		t.Error("a change to one copy showed up in the next")
	}
}

func labelNames(l *annotate.Layer) []string {
	var out []string
	for _, lb := range l.Labels {
		out = append(out, lb.Name)
	}
	return out
}

func TestDefaultSchemaContent(t *testing.T) {
	s := Default()
	tech, ok := s.Layer("technique")
	if !ok || tech.Kind != annotate.SpanLayer || !tech.Overlap {
		t.Fatalf("technique layer missing, not a span layer or without overlap: %+v", tech)
	}
	if len(tech.Labels) != 23 {
		t.Errorf("%d techniques, want 23", len(tech.Labels))
	}
	groups := map[string][]string{}
	for _, lb := range tech.Labels {
		groups[lb.Group] = append(groups[lb.Group], lb.Name)
	}
	wantGroups := map[string][]string{
		"Attack on reputation": {"Name_Calling-Labeling", "Guilt_by_Association", "Doubt", "Appeal_to_Hypocrisy", "Questioning_the_Reputation"},
		"Justification":        {"Flag_Waving", "Appeal_to_Authority", "Appeal_to_Popularity", "Appeal_to_Values", "Appeal_to_Fear-Prejudice"},
		"Distraction":          {"Straw_Man", "Red_Herring", "Whataboutism"},
		"Simplification":       {"Causal_Oversimplification", "False_Dilemma-No_Choice", "Consequential_Oversimplification"},
		"Call":                 {"Slogans", "Conversation_Killer", "Appeal_to_Time"},
		"Manipulative wording": {"Loaded_Language", "Obfuscation-Vagueness-Confusion", "Exaggeration-Minimisation", "Repetition"},
	}
	if len(groups) != len(wantGroups) {
		t.Errorf("groups %v, want the 6 of SemEval-2023", groups)
	}
	for g, want := range wantGroups {
		if !slices.Equal(groups[g], want) {
			t.Errorf("group %q = %v, want %v", g, groups[g], want)
		}
	}

	frame, ok := s.Layer("frame")
	if !ok || frame.Kind != annotate.DocumentLayer || !frame.Multi {
		t.Fatalf("frame layer missing or not a multi-choice document layer: %+v", frame)
	}
	wantFrames := []string{"Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality",
		"Legality_Constitutionality_and_jurisprudence", "Policy_prescription_and_evaluation",
		"Crime_and_punishment", "Security_and_defense", "Health_and_safety", "Quality_of_life",
		"Cultural_identity", "Public_opinion", "Political", "External_regulation_and_reputation"}
	if got := labelNames(frame); !slices.Equal(got, wantFrames) {
		t.Errorf("frames = %v, want %v", got, wantFrames)
	}
	genre, ok := s.Layer("genre")
	if !ok || genre.Kind != annotate.DocumentLayer || genre.Multi {
		t.Fatalf("genre layer missing or not single-choice: %+v", genre)
	}
	if got := labelNames(genre); !slices.Equal(got, []string{"reporting", "opinion", "satire"}) {
		t.Errorf("genres = %v", got)
	}

	claim, _ := s.Layer("claim")
	for name, kind := range map[string]annotate.AttrKind{"checkworthy": annotate.AttrChoice, "verifiable": annotate.AttrChoice, "kind": annotate.AttrChoice} {
		if a, ok := claim.Attribute(name); !ok || a.Kind != kind {
			t.Errorf("claim attribute %s missing or not %s", name, kind)
		}
	}
	kind, _ := claim.Attribute("kind")
	if !slices.Equal(kind.Values, []string{"statistic", "event", "prediction", "law or procedure", "causal", "quotation of opinion", "other"}) {
		t.Errorf("claim kinds = %v", kind.Values)
	}
	actor, _ := s.Layer("actor")
	role, _ := actor.Attribute("role")
	fine, _ := actor.Attribute("fine_role")
	canon, _ := actor.Attribute("canonical_name")
	if role == nil || !slices.Equal(role.Values, []string{"Protagonist", "Antagonist", "Innocent"}) {
		t.Errorf("actor role = %+v", role)
	}
	if fine == nil || fine.Kind != annotate.AttrMulti || len(fine.Values) != 22 {
		t.Errorf("actor fine_role = %+v, want a multi-choice of the 22 SemEval-2025 fine roles", fine)
	}
	if canon == nil || canon.Kind != annotate.AttrText {
		t.Errorf("actor canonical_name = %+v, want text", canon)
	}
	for _, want := range []annotate.RelationType{{Name: "attributed_to", From: "claim", To: "actor"}, {Name: "targets", From: "technique", To: "actor"}} {
		rt, ok := s.RelationType(want.Name)
		if !ok || rt.From != want.From || rt.To != want.To {
			t.Errorf("relation %s = %+v, want %s → %s", want.Name, rt, want.From, want.To)
		}
	}
}

func TestPTCSchemas(t *testing.T) {
	tests := []struct {
		schema  annotate.Schema
		n       int
		has     []string
		hasNot  []string
		grouped bool
	}{
		{PTC18(), 18, []string{"Name_Calling,Labeling", "Obfuscation,Intentional_Vagueness,Confusion", "Reductio_ad_hitlerum", "Straw_Men"}, []string{"Whataboutism,Straw_Men,Red_Herring"}, true},
		{PTC14(), 14, []string{"Whataboutism,Straw_Men,Red_Herring", "Bandwagon,Reductio_ad_hitlerum", "Thought-terminating_Cliches"}, []string{"Obfuscation,Intentional_Vagueness,Confusion", "Straw_Men", "Bandwagon"}, true},
	}
	for _, tt := range tests {
		t.Run(tt.schema.Name, func(t *testing.T) {
			l, ok := tt.schema.Layer("technique")
			if !ok {
				t.Fatal("no technique layer")
			}
			names := labelNames(l)
			if len(names) != tt.n {
				t.Errorf("%d labels, want %d: %v", len(names), tt.n, names)
			}
			for _, n := range tt.has {
				if !slices.Contains(names, n) {
					t.Errorf("missing %q", n)
				}
			}
			for _, n := range tt.hasNot {
				if slices.Contains(names, n) {
					t.Errorf("has %q, which this variant does not", n)
				}
			}
			for _, lb := range l.Labels {
				if lb.Group == "" {
					t.Errorf("%s has no group", lb.Name)
				}
			}
		})
	}
}

func TestAttributionSchema(t *testing.T) {
	s := Attribution()
	l, ok := s.Layer("attribution")
	if !ok || l.Kind != annotate.SpanLayer {
		t.Fatal("no attribution span layer")
	}
	if got := labelNames(l); !slices.Equal(got, []string{"Source", "Cue", "Content"}) {
		t.Errorf("labels = %v", got)
	}
	for _, name := range []string{"source_of", "cue_of"} {
		if _, ok := s.RelationType(name); !ok {
			t.Errorf("relation type %s missing", name)
		}
	}
}
