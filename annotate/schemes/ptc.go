package schemes

import (
	_ "embed"

	"frametag/annotate"
)

//go:embed guidelines/ptc.md
var ptcGuidelines string

// ptcTechnique is a PTC label with the SemEval-2023 technique it became,
// whose group and description it borrows.
type ptcTechnique struct{ name, as2023, note string }

// ptcLabels turns PTC techniques into labels grouped and described through
// their SemEval-2023 successors.
func ptcLabels(ts []ptcTechnique) []annotate.Label {
	by2023 := map[string]technique{}
	for _, t := range techniques2023() {
		by2023[t.name] = t
	}
	converted := make([]technique, len(ts))
	for i, t := range ts {
		successor := by2023[t.as2023]
		desc := successor.description
		if t.note != "" {
			desc += " " + t.note
		}
		if t.as2023 != t.name {
			desc += " (SemEval-2023: " + t.as2023 + ")"
		}
		converted[i] = technique{name: t.name, group: successor.group, description: desc}
	}
	return withGroupColors(converted)
}

// ptcSchema is a one-layer technique schema.
func ptcSchema(name, description string, ts []ptcTechnique) annotate.Schema {
	s := annotate.Schema{
		Name:        name,
		Version:     1,
		Description: description,
		Layers: []annotate.Layer{{
			Name:        "technique",
			Kind:        annotate.SpanLayer,
			Description: "Propaganda techniques of the Propaganda Techniques Corpus; spans of different techniques may overlap.",
			Overlap:     true,
			Labels:      ptcLabels(ts),
		}},
		Relations:  []annotate.RelationType{},
		Guidelines: ptcGuidelines,
	}
	AssignKeys(&s)
	return s
}

// PTC18 is the 18-technique scheme of the Propaganda Techniques Corpus (Da
// San Martino et al. 2019), label names spelt as in its .labels files.
func PTC18() annotate.Schema {
	return ptcSchema(PTC18Name,
		"The 18 propaganda techniques of the Propaganda Techniques Corpus (2019), as spelt in its .labels files.",
		ptc18Techniques)
}

// PTC14 is the 14-label variant of SemEval-2020 Task 11 (technique
// classification): Whataboutism, Straw_Men and Red_Herring merged into one
// label, Bandwagon and Reductio_ad_hitlerum into another, and
// Obfuscation,Intentional_Vagueness,Confusion dropped.
func PTC14() annotate.Schema {
	return ptcSchema(PTC14Name,
		"The 14 technique labels of SemEval-2020 Task 11: PTC-18 with two merged labels and Obfuscation dropped.",
		ptc14Techniques)
}

// ptc18Techniques are PTC-18's labels with the SemEval-2023 technique each
// became.
var ptc18Techniques = []ptcTechnique{
	{"Appeal_to_Authority", "Appeal_to_Authority", ""},
	{"Appeal_to_fear-prejudice", "Appeal_to_Fear-Prejudice", ""},
	{"Bandwagon", "Appeal_to_Popularity", ""},
	{"Black-and-White_Fallacy", "False_Dilemma-No_Choice", ""},
	{"Causal_Oversimplification", "Causal_Oversimplification", ""},
	{"Doubt", "Doubt", ""},
	{"Exaggeration,Minimisation", "Exaggeration-Minimisation", ""},
	{"Flag-Waving", "Flag_Waving", ""},
	{"Loaded_Language", "Loaded_Language", ""},
	{"Name_Calling,Labeling", "Name_Calling-Labeling", ""},
	{"Obfuscation,Intentional_Vagueness,Confusion", "Obfuscation-Vagueness-Confusion", ""},
	{"Red_Herring", "Red_Herring", ""},
	{"Reductio_ad_hitlerum", "Guilt_by_Association", "In PTC mostly a comparison with Hitler, the Nazis or another universally hated figure."},
	{"Repetition", "Repetition", ""},
	{"Slogans", "Slogans", ""},
	{"Straw_Men", "Straw_Man", ""},
	{"Thought-terminating_Cliches", "Conversation_Killer", ""},
	{"Whataboutism", "Whataboutism", ""},
}

// ptc14Techniques are SemEval-2020 Task 11's 14 labels likewise.
var ptc14Techniques = []ptcTechnique{
	{"Appeal_to_Authority", "Appeal_to_Authority", ""},
	{"Appeal_to_fear-prejudice", "Appeal_to_Fear-Prejudice", ""},
	{"Bandwagon,Reductio_ad_hitlerum", "Appeal_to_Popularity", "Merged in 2020 with Reductio_ad_hitlerum: also use it for discrediting by association with a hated figure or group."},
	{"Black-and-White_Fallacy", "False_Dilemma-No_Choice", ""},
	{"Causal_Oversimplification", "Causal_Oversimplification", ""},
	{"Doubt", "Doubt", ""},
	{"Exaggeration,Minimisation", "Exaggeration-Minimisation", ""},
	{"Flag-Waving", "Flag_Waving", ""},
	{"Loaded_Language", "Loaded_Language", ""},
	{"Name_Calling,Labeling", "Name_Calling-Labeling", ""},
	{"Repetition", "Repetition", ""},
	{"Slogans", "Slogans", ""},
	{"Thought-terminating_Cliches", "Conversation_Killer", ""},
	{"Whataboutism,Straw_Men,Red_Herring", "Whataboutism", "Merged in 2020 with Straw_Men and Red_Herring: also use it for refuting a distorted position or changing the subject."},
}

// PTCTo2023 maps every PTC technique label (PTC-18 and the 14 labels of
// SemEval-2020 Task 11, merged ones included) to the SemEval-2023
// technique of the default schema it became. A merged 2020 label goes to
// its first technique's successor.
func PTCTo2023() map[string]string {
	m := map[string]string{}
	for _, ts := range [][]ptcTechnique{ptc18Techniques, ptc14Techniques} {
		for _, t := range ts {
			m[t.name] = t.as2023
		}
	}
	return m
}
