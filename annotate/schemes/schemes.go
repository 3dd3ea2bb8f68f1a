// Package schemes holds the schemas frametag ships: the default news
// persuasion schema, the Propaganda Techniques Corpus schemes (18 and 14
// labels) and PARC/PolNeAR-style attribution, with their guidelines, a
// colour-blind-safe palette and automatic shortcut keys.
package schemes

import (
	"fmt"
	"strings"

	"frametag/annotate"
)

// Names of the bundled schemas, as `frametag init --schema NAME` takes them.
const (
	NewsPersuasion  = "news-persuasion"
	PTC18Name       = "ptc-18"
	PTC14Name       = "ptc-14"
	AttributionName = "attribution"
)

// Names lists the bundled schemas, the default first.
func Names() []string {
	return []string{NewsPersuasion, PTC18Name, PTC14Name, AttributionName}
}

// ByName returns a fresh copy of the named bundled schema.
func ByName(name string) (annotate.Schema, error) {
	switch name {
	case NewsPersuasion:
		return Default(), nil
	case PTC18Name:
		return PTC18(), nil
	case PTC14Name:
		return PTC14(), nil
	case AttributionName:
		return Attribution(), nil
	}
	return annotate.Schema{}, fmt.Errorf("unknown schema %q: bundled schemas are %s", name, strings.Join(Names(), ", "))
}
