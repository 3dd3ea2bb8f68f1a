package annotate

import (
	"fmt"
	"strings"
)

// GoldAnnotator is the reserved annotator who owns the adjudicated layer:
// the gold spans, document labels, status and settled marks a curator makes
// from the annotators' versions (CurateEdit). Nobody annotates as "gold":
// an edit by "gold" other than a CurateEdit is refused (checkBy). An import
// may still bring a gold set in (a shared task's), attributed to "gold".
const GoldAnnotator = "gold"

// Where a gold span came from (Span.Provenance). A gold span accepted from
// one annotator's version says whose: "adjudicated:alice".
const (
	ProvUnanimous   = "unanimous"   // every annotator had exactly this span
	ProvAdjudicated = "adjudicated" // the curator chose one annotator's version
	ProvCurator     = "curator"     // the curator's own: made or changed in curation
)

// Adjudicated is the provenance of a gold span taken from annotator's version.
func Adjudicated(annotator string) string { return ProvAdjudicated + ":" + annotator }

// ParseProvenance splits a provenance into its kind and, for an adjudicated
// span, the annotator whose version it is.
func ParseProvenance(p string) (kind, from string) {
	kind, from, _ = strings.Cut(p, ":")
	return kind, from
}

// CheckProvenance applies the provenance rule to one span: only gold spans
// carry one, and it is unanimous, curator or adjudicated:NAME (NAME an
// annotator, not gold). A gold span may have none: imported, it came from
// elsewhere.
func CheckProvenance(sp Span) error {
	return checkProvenance("span", sp.ID, sp.Annotator, sp.Provenance)
}

// CheckRelationProvenance is CheckProvenance's rule for a relation.
func CheckRelationProvenance(r Relation) error {
	return checkProvenance("relation", r.ID, r.Annotator, r.Provenance)
}

// checkProvenance is the rule for a kind of annotation ("span").
func checkProvenance(kind, id, annotator, prov string) error {
	what := kind + " " + id
	if prov == "" {
		return nil
	}
	if annotator != GoldAnnotator {
		return fmt.Errorf("%s: provenance %q: only the adjudicated layer's (%s's) %ss record one", what, prov, GoldAnnotator, kind)
	}
	switch p, from := ParseProvenance(prov); {
	case p == ProvUnanimous || p == ProvCurator:
		if from == "" && !strings.Contains(prov, ":") {
			return nil
		}
	case p == ProvAdjudicated:
		if strings.TrimSpace(from) != "" && from != GoldAnnotator {
			return nil
		}
	}
	return fmt.Errorf("%s: provenance %q: want %s, %s:ANNOTATOR or %s", what, prov, ProvUnanimous, ProvAdjudicated, ProvCurator)
}

// checkNotGold refuses an edit made as GoldAnnotator outside curation: the
// adjudicated layer changes only through a CurateEdit, which names the
// curator.
func checkNotGold(e Edit) error {
	if e.By() == GoldAnnotator && e.Op() != OpCurate {
		return Errorf(EInvalid, "%q is the adjudicated layer, not an annotator: it changes only in curation "+
			"(frametag curate, or Curate in the window), which records the curator; annotate under your own name", GoldAnnotator)
	}
	return nil
}
