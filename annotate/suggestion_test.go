package annotate

import (
	"context"
	"testing"
	"time"
)

func TestRejectSuggestionOverDocState(t *testing.T) {
	ctx := context.Background()
	d, sc := applyDoc(), applySchema()
	st := NewDocState(&d, &sc, func() time.Time { return time.Time{} })
	r := Rejection{Doc: d.ID, Annotator: "ana", Layer: "claim", Label: "Claim", Start: 0, End: 3}
	done, err := RejectSuggestion(r).Apply(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if ok, _ := st.Rejected(ctx, r); !ok {
		t.Fatal("not rejected")
	}
	if _, err := RejectSuggestion(r).Apply(ctx, st); ErrorCode(err) != EConflict {
		t.Errorf("twice: %v", err)
	}
	if _, err := done.Inverse().Apply(ctx, st); err != nil {
		t.Fatal(err)
	}
	if ok, _ := st.Rejected(ctx, r); ok {
		t.Fatal("still rejected after undo")
	}
	if _, err := done.Inverse().Apply(ctx, st); ErrorCode(err) != ENotFound {
		t.Errorf("undo twice: %v", err)
	}
	if got := done.Inverse().Describe(); got != "restore suggestion Claim" {
		t.Errorf("Describe = %q", got)
	}
}

func TestCheckGazetteerEntry(t *testing.T) {
	sc := applySchema()
	for _, tt := range []struct {
		e  GazetteerEntry
		ok bool
	}{
		{GazetteerEntry{Layer: "claim", Text: "prices", Label: "Claim"}, true},
		{GazetteerEntry{Layer: "claim", Text: " ", Label: "Claim"}, false},
		{GazetteerEntry{Layer: "claim", Text: "x", Label: "Nope"}, false},
		{GazetteerEntry{Layer: "nope", Text: "x", Label: "Claim"}, false},
	} {
		if err := sc.CheckGazetteerEntry(tt.e); (err == nil) != tt.ok || (err != nil && ErrorCode(err) != EInvalid) {
			t.Errorf("%+v: %v", tt.e, err)
		}
	}
}
