package findings_test

import (
	"reflect"
	"testing"

	"frametag/annotate/findings"
	"frametag/annotate/findings/findingstest"
)

// TestRecordsKeepOnlyWhatIsCounted: a record holds no text but the claims'
// and actors' an attribution joins (the actor by its one name), and the
// tables computed from records are those computed from the documents, for
// every filter.
func TestRecordsKeepOnlyWhatIsCounted(t *testing.T) {
	docs := findingstest.Corpus()
	rec := findings.NewRecorder(findings.Layers{})
	records := make([]findings.Record, len(docs))
	for i := range docs {
		records[i] = rec.Record(&docs[i])
	}
	d1 := records[0]
	texts := map[string]string{}
	for _, sp := range d1.Spans {
		texts[sp.ID] = sp.Text
	}
	want := map[string]string{
		"a-act1": "John Smith", "a-c1": "taxes will double", "a-t1": "", "a-t2": "", "a-t3": "",
		"b-act1": "Smith", "b-c1": "taxes will double", "b-t1": "",
	}
	if !reflect.DeepEqual(texts, want) || d1.Source != "Daily A" || len(d1.Attributions) != 2 || len(d1.Labels) != 3 {
		t.Errorf("d1's record: texts %v (want %v), source %q, %d attributions, %d labels", texts, want, d1.Source, len(d1.Attributions), len(d1.Labels))
	}
	if records[1].Source != "Daily A" {
		t.Errorf("d2's source %q, want it trimmed", records[1].Source)
	}

	for _, opt := range []findings.Options{
		{}, {Annotator: "alice"}, {Annotator: "bob"}, {Sources: []string{"Daily A", findings.NoSource}},
		{From: "2024-03"}, {To: "2024-02"}, {Layer: "frame"},
	} {
		b := findings.New(findingstest.Schema(), opt)
		for i := range records {
			b.AddRecord(&records[i])
		}
		if got, want := b.Findings(), findings.Compute(findingstest.Schema(), docs, opt); !reflect.DeepEqual(got, want) {
			t.Errorf("%+v: from records\n%+v\nfrom documents\n%+v", opt, got, want)
		}
	}
}
