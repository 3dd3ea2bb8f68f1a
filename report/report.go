// Package report writes a report folder from findings: every table as CSV,
// charts of them as PNG and SVG, and index.html holding everything. The
// command line's report and the window's Analysis view write through it.
package report

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"frametag/annotate/findings"
)

// File names in the report folder: contracts, documented in docs/REPORT.md.
const (
	ClaimsCSV             = "who-claims-what.csv"
	TechniqueByActorCSV   = "technique-by-actor.csv"
	TechniqueBySourceCSV  = "technique-by-source.csv"
	FrameBySourceCSV      = "frame-by-source.csv"
	TechniquesOverTimeCSV = "techniques-over-time.csv"
	LabelsCSV             = "labels.csv"
	IndexHTML             = "index.html"
)

// Heading is index.html's title and the line under it (the project, whose
// annotations).
type Heading struct{ Title, Subtitle string }

// Written lists what Write wrote, by file name.
type Written struct {
	Files []string
}

// Write writes the report of f into dir, creating dir if needed and
// replacing the files of the same names (nothing else in dir is touched).
// Each file is written under a temporary name and renamed, so a reader
// never sees half a file.
func Write(dir string, f findings.Findings, h Heading) (Written, error) {
	var w Written
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return w, err
	}
	for _, t := range f.Tables() {
		var buf bytes.Buffer
		if err := t.WriteCSV(&buf); err != nil {
			return w, err
		}
		if err := writeFile(dir, t.Name+".csv", buf.Bytes()); err != nil {
			return w, err
		}
		w.Files = append(w.Files, t.Name+".csv")
	}
	charts, err := Charts(f)
	if err != nil {
		return w, err
	}
	svgs := map[string][]byte{}
	for _, c := range charts {
		for _, format := range []string{"png", "svg"} {
			data, err := c.Encode(format)
			if err != nil {
				return w, fmt.Errorf("drawing %s.%s: %w", c.Name, format, err)
			}
			if format == "svg" {
				svgs[c.Name] = data
			}
			if err := writeFile(dir, c.Name+"."+format, data); err != nil {
				return w, err
			}
			w.Files = append(w.Files, c.Name+"."+format)
		}
	}
	page, err := HTML(Page{Title: h.Title, Subtitle: h.Subtitle, Findings: f, Charts: charts, SVG: svgs})
	if err != nil {
		return w, err
	}
	if err := writeFile(dir, IndexHTML, page); err != nil {
		return w, err
	}
	w.Files = append(w.Files, IndexHTML)
	return w, nil
}

func writeFile(dir, name string, data []byte) error {
	tmp, err := os.CreateTemp(dir, "."+name+".*")
	if err != nil {
		return err
	}
	err = tmp.Chmod(0o644) // CreateTemp's 0600 is too private for a report
	if err == nil {
		_, err = tmp.Write(data)
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp.Name())
		return fmt.Errorf("writing %s: %w", filepath.Join(dir, name), err)
	}
	return nil
}
