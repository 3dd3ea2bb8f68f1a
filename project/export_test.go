package project_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frametag/annotate"
	"frametag/annotate/schemes"
	"frametag/project"
)

func TestExport(t *testing.T) {
	path := newProject(t)
	st := open(t, path)
	svc := newService()
	out := filepath.Join(t.TempDir(), "out.jsonl")
	var reports []int
	sum, err := svc.Export(t.Context(), st, project.ExportRequest{Out: out, Progress: project.Progress{Documents: func(n int) { reports = append(reports, n) }}})
	if err != nil || sum.Documents != 3 || sum.Format != "jsonl" || !sum.Loss.Empty() {
		t.Fatalf("Export = %+v, %v", sum, err)
	}
	if len(reports) != 0 {
		t.Errorf("reports %v for 3 documents", reports)
	}
	written, _ := os.ReadFile(out)
	var buf bytes.Buffer
	if _, err := svc.Export(t.Context(), st, project.ExportRequest{W: &buf}); err != nil || !bytes.Equal(buf.Bytes(), written) {
		t.Errorf("to a stream: %v, %d bytes vs %d", err, buf.Len(), len(written))
	}
}

func TestExportFormat(t *testing.T) {
	svc := newService()
	tests := []struct {
		name, format, out string
		want, wantErr     string
	}{
		{"default", "", "", "jsonl", ""},
		{"by extension", "", "x.JSONL", "jsonl", ""},
		{"unknown extension", "", "x.out", "jsonl", ""},
		{"named", "jsonl", "x.out", "jsonl", ""},
		{"read-only by name", "txt", "", "", `format "txt" can be imported but not exported (exportable: jsonl`},
		{"read-only by extension", "", "x.txt", "", `format "txt" can be imported but not exported`},
		{"unknown", "nope", "", "", `unknown format "nope"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, err := svc.ExportFormat(tt.format, tt.out)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) || annotate.ErrorCode(err) != annotate.EInvalid {
					t.Errorf("error %v, want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil || f.Name != tt.want {
				t.Errorf("ExportFormat = %s, %v", f.Name, err)
			}
		})
	}
}

// An export never replaces a project: the one exported, SQLite's files
// beside it, or another; nothing is written and the projects still open.
func TestExportNeverReplacesAProject(t *testing.T) {
	path := newProject(t)
	st := open(t, path)
	other := filepath.Join(t.TempDir(), "other.frametag")
	if _, err := newService().Create(t.Context(), other, schemes.Default(), nil); err != nil {
		t.Fatal(err)
	}
	wal := path + "-wal" // there while st is open
	if _, err := os.Stat(wal); err != nil {
		t.Fatalf("no WAL beside the open project: %v", err)
	}
	tests := []struct {
		out           string
		own, database bool
		says          string
	}{
		{path, true, true, path + " is a frametag project (an SQLite database), not a file to export to"},
		{wal, true, false, wal + " is one of the project's own files, not a file to export to"},
		{other, false, true, other + " is a frametag project (an SQLite database), not a file to export to"},
	}
	for _, tt := range tests {
		before, _ := os.ReadFile(tt.out)
		_, err := newService().Export(t.Context(), st, project.ExportRequest{Out: tt.out})
		var te *project.TargetError
		if !errors.As(err, &te) || te.Own != tt.own || te.Database != tt.database || err.Error() != tt.says || annotate.ErrorCode(err) != annotate.EConflict {
			t.Errorf("export to %s: %v (%+v)", tt.out, err, te)
		}
		if tt.out != wal {
			if after, _ := os.ReadFile(tt.out); !bytes.Equal(before, after) {
				t.Errorf("%s changed", tt.out)
			}
		}
	}
	if err := newService().Check(t.Context(), other); err != nil {
		t.Error(err)
	}
	if n := docCount(t, st); n != 3 {
		t.Errorf("%d documents", n)
	}
	if err := newService().CheckTarget(filepath.Join(t.TempDir(), "new.jsonl"), path); err != nil {
		t.Errorf("a new file: %v", err)
	}
}

func TestExportCancelledWritesNothing(t *testing.T) {
	st := open(t, newProject(t))
	out := filepath.Join(t.TempDir(), "out.jsonl")
	if err := os.WriteFile(out, []byte("an earlier export\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := newService().Export(ctx, st, project.ExportRequest{Out: out})
	if annotate.ErrorCode(err) != annotate.ECanceled {
		t.Errorf("Export = %v (%s)", err, annotate.ErrorCode(err))
	}
	if got, _ := os.ReadFile(out); string(got) != "an earlier export\n" {
		t.Errorf("the file is now %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("left behind: %v", entries)
	}
}
