package project

import (
	"context"
	"errors"
	"io"
	"slices"
	"strings"

	"frametag/annotate"
	"frametag/annotate/format"
)

// ExportRequest says what to export where.
type ExportRequest struct {
	Out    string    // the file (or folder, for a folder format) to write; "" writes to W
	W      io.Writer // the stream to write when Out is ""
	Format string    // "": by Out's extension, else the native format
	// Annotators, when given, narrow every document to their annotations:
	// their spans, relations (between spans kept), document labels and
	// statuses. Every document is still written.
	Annotators []string
	// Offsets is the unit offsets are written in; zero: the format's own.
	Offsets format.Unit
	// Map renames labels on the way out, as ImportRequest.Map.
	Map      string
	Progress Progress
}

// ExportSummary says what an export wrote.
type ExportSummary struct {
	format.Counts
	Format string // the format written
	Loss   format.Loss
}

// Exporter is what an export needs of a project.
type Exporter interface {
	Path() string
	Export(ctx context.Context, fn func(annotate.AnnotatedDoc) error) error
}

// ExportFormat chooses the format to write: the one named, else the one
// out's extension names, else the native format. A format that cannot be
// written is refused, naming those that can.
func (s *Service) ExportFormat(name, out string) (format.Format, error) {
	var f format.Format
	switch {
	case name != "":
		var err error
		if f, err = s.formats.ByName(name); err != nil {
			return f, annotate.WithCode(annotate.EInvalid, err)
		}
	case out != "":
		var ok bool
		if f, ok = s.formats.ForPath(out); !ok {
			f = format.JSONL()
		}
	default:
		f = format.JSONL()
	}
	if !f.CanWrite() {
		return f, annotate.Errorf(annotate.EInvalid, "format %q can be imported but not exported (exportable: %s)",
			f.Name, strings.Join(s.formats.Writable().Names(), ", "))
	}
	return f, nil
}

// TargetError refuses an export that would replace a project: the one
// exported (its file or SQLite's beside it) or another.
type TargetError struct {
	Path     string
	Own      bool // a file of the project being exported
	Database bool // an SQLite database, as every project is
}

func (e *TargetError) Error() string {
	if e.Own && !e.Database {
		return e.Path + " is one of the project's own files, not a file to export to"
	}
	return e.Path + " is a frametag project (an SQLite database), not a file to export to"
}

// CheckTarget refuses an export to out when out is the project at
// projectPath, one of SQLite's files beside it, or another project (as the
// store tells project files): an export over it would replace months of
// work with its text. The error is a TargetError with code EConflict.
func (s *Service) CheckTarget(out, projectPath string) error {
	if out == "" {
		return nil
	}
	e := &TargetError{Path: out, Database: s.opener.IsProjectFile(out)}
	if projectPath != "" {
		for _, p := range []string{projectPath, projectPath + "-wal", projectPath + "-shm", projectPath + "-journal"} {
			if SamePath(out, p) {
				e.Own = true
			}
		}
	}
	if !e.Own && !e.Database {
		return nil // nothing there to lose, or nothing readable: the write will say
	}
	return &annotate.Error{Code: annotate.EConflict, Err: e}
}

// Export writes every document of st with its annotations, in import order,
// as req says. Every document is checked before anything appears at the
// destination; an existing file is replaced only by a complete export. A
// problem of the project names the project; cancelling ctx stops the
// export and writes nothing (code ECanceled).
func (s *Service) Export(ctx context.Context, st Exporter, req ExportRequest) (ExportSummary, error) {
	f, err := s.ExportFormat(req.Format, req.Out)
	if err != nil {
		return ExportSummary{}, err
	}
	if err := s.CheckTarget(req.Out, st.Path()); err != nil {
		return ExportSummary{}, err
	}
	labels, err := s.LabelMap(req.Map)
	if err != nil {
		return ExportSummary{}, err
	}
	opt := format.Options{Offsets: req.Offsets, Labels: labels}
	n := 0
	stopped := false
	// The store names its file in every error, so what the project refuses
	// (a span that no longer fits its text) names the project; what the
	// output refuses names the output.
	src := func(fn func(annotate.AnnotatedDoc) error) error {
		return exportNamed(ctx, st, func(d annotate.AnnotatedDoc) error {
			if ctx.Err() != nil {
				stopped = true
				return canceled()
			}
			if len(req.Annotators) > 0 {
				d = OnlyBy(d, req.Annotators)
			}
			if err := fn(d); err != nil {
				return err
			}
			n++
			req.Progress.documents(n)
			return nil
		})
	}
	if sc, ok := st.(schemaSource); ok {
		if opt.Schema, err = sc.Schema(ctx); err != nil {
			return ExportSummary{}, err
		}
	}
	var res format.Result
	if req.Out == "" {
		res, err = format.Write(req.W, f, opt, src)
	} else {
		res, err = format.WriteFile(req.Out, f, opt, src)
	}
	if stopped || (err != nil && errors.Is(err, context.Canceled)) {
		return ExportSummary{}, canceled()
	}
	if err != nil {
		return ExportSummary{}, err
	}
	return ExportSummary{Counts: res.Counts, Format: f.Name, Loss: res.Loss}, nil
}

// OnlyBy returns d with only the annotations of the given annotators: their
// spans, their relations between spans kept, their document labels and
// statuses.
func OnlyBy(d annotate.AnnotatedDoc, annotators []string) annotate.AnnotatedDoc {
	keep := func(a string) bool { return slices.Contains(annotators, a) }
	out := d
	out.Spans, out.Relations, out.Labels, out.Status = nil, nil, nil, nil
	kept := map[string]bool{}
	for _, sp := range d.Spans {
		if keep(sp.Annotator) {
			out.Spans = append(out.Spans, sp)
			kept[sp.ID] = true
		}
	}
	for _, r := range d.Relations {
		if keep(r.Annotator) && kept[r.From] && kept[r.To] {
			out.Relations = append(out.Relations, r)
		}
	}
	for _, dl := range d.Labels {
		if keep(dl.Annotator) {
			out.Labels = append(out.Labels, dl)
		}
	}
	for who, st := range d.Status {
		if keep(who) {
			if out.Status == nil {
				out.Status = map[string]annotate.Status{}
			}
			out.Status[who] = st
		}
	}
	return out
}
