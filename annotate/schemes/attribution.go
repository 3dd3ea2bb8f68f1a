package schemes

import (
	_ "embed"

	"frametag/annotate"
)

//go:embed guidelines/attribution.md
var attributionGuidelines string

// Attribution is the PARC 3 / PolNeAR scheme of who says what: a Source, a
// Cue and a Content span, joined into one attribution by relations from the
// Content to its Source and its Cue.
func Attribution() annotate.Schema {
	s := annotate.Schema{
		Name:        AttributionName,
		Version:     1,
		Description: "Attribution relations in the style of PARC 3 and PolNeAR: Source, Cue and Content, joined into one attribution.",
		Layers: []annotate.Layer{{
			Name:        "attribution",
			Kind:        annotate.SpanLayer,
			Description: "The parts of an attribution. Nested attributions overlap, so overlap is allowed.",
			Overlap:     true,
			Labels: []annotate.Label{
				{Name: "Source", Color: "#d55e00", Description: "Who the content is attributed to: the speaker, writer or holder of the belief (\"he\", \"the ministry\", \"officials\")."},
				{Name: "Cue", Color: "#0072b2", Description: "The words that signal the attribution: a reporting verb or phrase (\"said\", \"according to\", \"believes\")."},
				{Name: "Content", Color: "#e69f00", Description: "What is attributed: the statement, belief or thought. May be discontinuous when the cue interrupts it."},
			},
		}},
		Relations: []annotate.RelationType{
			{Name: "source_of", From: "attribution", To: "attribution", Description: "From a Content to its Source."},
			{Name: "cue_of", From: "attribution", To: "attribution", Description: "From a Content to its Cue."},
		},
		Guidelines: attributionGuidelines,
	}
	AssignKeys(&s)
	return s
}
