package seeds

import (
	"os"
	"strings"
	"testing"

	"frametag/annotate"
)

func TestDocumentsAreTheFilesVerbatim(t *testing.T) {
	docs, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) != 3 {
		t.Fatalf("%d seeds, want 3", len(docs))
	}
	for _, d := range docs {
		data, err := os.ReadFile(d.ID + ".txt")
		if err != nil {
			t.Fatal(err)
		}
		if d.Text != string(data) {
			t.Errorf("%s: text differs from its file", d.ID)
		}
		if d.SHA256 != annotate.TextHash(string(data)) || d.Meta.Language != "en" || d.Meta.Extra["corpus_file"] == "" {
			t.Errorf("%s: hash or metadata missing: %+v", d.ID, d.Meta)
		}
	}
}

func TestTitlesAndSourcesOfTheSeeds(t *testing.T) {
	tests := []struct {
		id, title, source, evidence string
	}{
		{"ukraine-calls-for-pressure-on-russia",
			"Ukraine has called on its partners to increase pressure on Russia",
			"Ukrinform", "Ukrinform reports"},
		{"us-nato-vow-support-for-ukraine",
			"US, NATO vow support for Ukraine after ‘diabolical’ Russian annexation votes",
			"TheWorldNews", "TheWorldNews is not responsible for the content of the platform."},
		{"blinken-referendums-sign-of-failure",
			"Russia's plans to hold so-called “referendums” are a sign of failure — Blinken",
			"CNN", "He said this during a speech at the General Assembly, CNN reports."},
	}
	docs, err := Documents()
	if err != nil {
		t.Fatal(err)
	}
	for i, tt := range tests {
		d := docs[i]
		if d.ID != tt.id || d.Title != tt.title || d.Meta.Source != tt.source {
			t.Errorf("seed %d: id %q title %q source %q\nwant id %q title %q source %q", i, d.ID, d.Title, d.Meta.Source, tt.id, tt.title, tt.source)
		}
		if ev := d.Meta.Extra["source_evidence"]; !strings.Contains(ev, tt.evidence) || !strings.Contains(d.Text, ev) {
			t.Errorf("seed %d: evidence %q, want it to contain %q and to be in the text", i, ev, tt.evidence)
		}
	}
}

func TestTitleHeuristic(t *testing.T) {
	tests := []struct{ name, text, want string }{
		{"first line is the headline", "Short but real headline here\n\nBody.", "Short but real headline here"},
		{"stray tag and boilerplate skipped", "Israel\nThis article was added by the user . Site is not responsible for the content of the platform.\n\nThe real headline of the piece\n", "The real headline of the piece"},
		{"long lead cut at its first clause", strings.Repeat("word ", 5) + "ends here, " + strings.Repeat("more ", 30), "word word word word word ends here"},
		{"nothing headline-like falls back to the first line", "Hi\nthere\n", "Hi"},
	}
	for _, tt := range tests {
		if got := Title(tt.text); got != tt.want {
			t.Errorf("%s: Title = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestSourceHeuristic(t *testing.T) {
	tests := []struct{ text, source string }{
		{"The minister said so, Reuters reports. More.", "Reuters"},
		{"Kyiv, Ukrainska Pravda reports.", "Ukrainska Pravda"},
		{"Nobody is credited here.", ""},
		{"the agency reports nothing", ""},
	}
	for _, tt := range tests {
		if got, _ := Source(tt.text); got != tt.source {
			t.Errorf("Source(%q) = %q, want %q", tt.text, got, tt.source)
		}
	}
}
