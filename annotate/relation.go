package annotate

import "time"

// Relation links two spans of one document: a claim to the actor who makes it.
type Relation struct {
	ID        string    `json:"id"`
	DocID     string    `json:"doc"`
	Type      string    `json:"type"`
	From      string    `json:"from"`
	To        string    `json:"to"`
	Annotator string    `json:"annotator"`
	Created   time.Time `json:"created"`
	// Provenance is where a gold relation came from, as a gold span's
	// (ProvUnanimous, Adjudicated(annotator)); "" on every other relation.
	Provenance string `json:"provenance,omitempty"`
}
