package annotate

import (
	"errors"
	"fmt"
	"io/fs"
	"testing"
)

func TestErrorCode(t *testing.T) {
	cause := fs.ErrNotExist
	tests := []struct {
		name string
		err  error
		want Code
		msg  string
	}{
		{"nil", nil, "", ""},
		{"plain", errors.New("disk full"), EInternal, "disk full"},
		{"coded", Errorf(EInvalid, "span %s: no label", "s1"), EInvalid, "span s1: no label"},
		{"wrapped coded", fmt.Errorf("import a.jsonl:3: %w", Errorf(ENotFound, "document %q", "d1")), ENotFound, `import a.jsonl:3: document "d1"`},
		{"with code", WithCode(EBusy, errors.New("database is locked")), EBusy, "database is locked"},
		{"outermost wins", Errorf(EConflict, "merge: %w", Errorf(EInvalid, "bad")), EConflict, "merge: bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := ErrorCode(tt.err); got != tt.want {
				t.Errorf("ErrorCode = %q, want %q", got, tt.want)
			}
			if tt.err != nil && tt.err.Error() != tt.msg {
				t.Errorf("Error() = %q, want %q", tt.err.Error(), tt.msg)
			}
		})
	}
	if err := Errorf(ENotFound, "open: %w", cause); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Errorf with %%w lost its cause: %v", err)
	}
	if WithCode(EInvalid, nil) != nil {
		t.Error("WithCode(nil) is not nil")
	}
}
