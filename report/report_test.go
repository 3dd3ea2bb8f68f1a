package report_test

import (
	"bytes"
	"encoding/csv"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"frametag/annotate/findings"
	"frametag/annotate/findings/findingstest"
	"frametag/report"
)

// outDir is a temporary folder, or $FRAMETAG_REPORT_DIR/name to keep the
// report for looking at.
func outDir(t *testing.T, name string) string {
	if d := os.Getenv("FRAMETAG_REPORT_DIR"); d != "" {
		return filepath.Join(d, name)
	}
	return t.TempDir()
}

func TestWriteMakesEveryFile(t *testing.T) {
	f := findings.Compute(findingstest.Schema(), findingstest.Corpus(), findings.Options{})
	dir := outDir(t, "corpus")
	w, err := report.Write(dir, f, report.Heading{Title: "Findings: test", Subtitle: "four documents"})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{report.ClaimsCSV, report.TechniqueByActorCSV, report.TechniqueBySourceCSV, report.FrameBySourceCSV,
		report.TechniquesOverTimeCSV, report.LabelsCSV,
		"technique-by-actor.png", "technique-by-actor.svg", "technique-by-source.png", "technique-by-source.svg",
		"frame-by-source.png", "frame-by-source.svg", "techniques-over-time.png", "techniques-over-time.svg",
		"labels-claim.png", "labels-actor.png", "labels-technique.png", "labels-frame.png", "labels-genre.png", "labels-genre.svg",
		report.IndexHTML}
	for _, name := range want {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		switch filepath.Ext(name) {
		case ".png":
			img, err := png.Decode(bytes.NewReader(data))
			if err != nil {
				t.Errorf("%s: %v", name, err)
			} else if b := img.Bounds(); b.Dx() < 400 || b.Dy() < 200 {
				t.Errorf("%s: %v, too small to read", name, b)
			}
		case ".svg":
			if !bytes.Contains(data, []byte("<svg")) {
				t.Errorf("%s is not SVG", name)
			}
		case ".csv":
			if _, err := csv.NewReader(bytes.NewReader(data)).ReadAll(); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
	if len(w.Files) != len(want)+4 { // the other four layers' svg
		t.Errorf("wrote %d files: %v", len(w.Files), w.Files)
	}
	page, _ := os.ReadFile(filepath.Join(dir, report.IndexHTML))
	html := string(page)
	for _, s := range []string{"<title>Findings: test</title>", `id="who-claims-what"`, `id="chart-technique-by-source"`,
		"&#34;we win, always&#34;", "Workers&#39; Union", "<svg", "Loaded_Language"} {
		if !strings.Contains(html, s) {
			t.Errorf("index.html lacks %s", s)
		}
	}
	for _, s := range []string{"<script", "src=\"http", "<?xml", "href=\"http"} {
		if strings.Contains(html, s) {
			t.Errorf("index.html is not self-contained: it holds %s", s)
		}
	}
	// The CSV files are left alone by another report into the folder, and
	// no temporary file stays.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("left behind: %s", e.Name())
		}
	}
}

// TestWriteLargeCorpus draws the charts of a larger corpus (forty sources,
// hundreds of actors, three years): only to look at, with
// FRAMETAG_REPORT_DIR set.
func TestWriteLargeCorpus(t *testing.T) {
	if os.Getenv("FRAMETAG_REPORT_DIR") == "" {
		t.Skip("set FRAMETAG_REPORT_DIR to write the report of a larger corpus")
	}
	f := findings.Compute(findingstest.Schema(), findingstest.Synthetic(3000), findings.Options{})
	if _, err := report.Write(outDir(t, "synthetic"), f, report.Heading{Title: "Findings: synthetic"}); err != nil {
		t.Fatal(err)
	}
}
