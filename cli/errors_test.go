package cli

import (
	"errors"
	"testing"

	"frametag/annotate"
)

func TestProjectError(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		opening bool
		want    string
	}{
		{"none", nil, true, ""},
		{"missing project", annotate.Errorf(annotate.ENotFound, "open p.ft: no such file"), true,
			"p.ft: no such project (create one with: frametag init p.ft)"},
		{"refusal names the project", annotate.Errorf(annotate.EInvalid, "span s1: past the text"), false, "p.ft: span s1: past the text"},
		{"missing thing in it", annotate.Errorf(annotate.ENotFound, "document \"d\": not found"), false, "p.ft: document \"d\": not found"},
		{"the store names the file in a failure", annotate.Errorf(annotate.EBusy, "p.ft: database is locked"), false, "p.ft: database is locked"},
		{"a foreign file", annotate.Errorf(annotate.ENotProject, "open p.ft: not a frametag project"), true, "open p.ft: not a frametag project"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := projectError("p.ft", tt.err, tt.opening)
			if (got == nil) != (tt.want == "") || got != nil && got.Error() != tt.want {
				t.Errorf("projectError = %v, want %q", got, tt.want)
			}
			if got != nil && annotate.ErrorCode(got) != annotate.ErrorCode(tt.err) {
				t.Errorf("code %q, want %q kept", annotate.ErrorCode(got), annotate.ErrorCode(tt.err))
			}
			if want := exitFailure; tt.err != nil && exitStatus(got) != want {
				t.Errorf("exit status %d, want %d", exitStatus(got), want)
			}
		})
	}
	if exitStatus(nil) != exitOK || exitStatus(errors.New("x")) != exitFailure {
		t.Error("exit statuses")
	}
}
