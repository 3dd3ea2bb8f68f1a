package sqlite

import (
	"path/filepath"
	"testing"
	"time"

	"frametag/annotate"
	"frametag/storage/storagetest"
)

func TestTimeEncoding(t *testing.T) {
	for _, tm := range []time.Time{
		time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC),
		time.Date(1999, 12, 31, 23, 59, 59, 0, time.UTC),
		time.Date(2026, 2, 28, 0, 0, 0, 1, time.FixedZone("CET", 3600)),
		time.Date(12, 1, 1, 0, 0, 0, 0, time.UTC),
	} {
		if got, want := formatTime(tm), tm.UTC().Format(timeLayout); got != want {
			t.Errorf("formatTime(%v) = %q, want %q", tm, got, want)
		}
		got, err := parseTime(formatTime(tm))
		if err != nil || !got.Equal(tm) {
			t.Errorf("parseTime(formatTime(%v)) = %v, %v", tm, got, err)
		}
	}
	// Times written some other RFC 3339 way still read.
	got, err := parseTime("2025-03-14T10:26:53+01:00")
	if err != nil || !got.Equal(time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)) {
		t.Errorf("parseTime with an offset = %v, %v", got, err)
	}
	for _, bad := range []string{"", "yesterday", "2025-13-14T09:26:53.000000000Z", "2025-03-14T09:26:5x.000000000Z"} {
		if got, err := parseTime(bad); err == nil {
			t.Errorf("parseTime(%q) = %v, want an error", bad, got)
		}
	}
}

// The store takes its time from the injected clock, in UTC: new spans and
// relations, and imports without times, are stamped with it.
func TestInjectedClock(t *testing.T) {
	at := time.Date(2030, 5, 6, 9, 0, 0, 0, time.FixedZone("CEST", 2*3600))
	s, err := Create(t.Context(), filepath.Join(t.TempDir(), "p.frametag"), storagetest.Schema(),
		WithClock(func() time.Time { return at }))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	doc := storagetest.PlainDoc(t, "d1", "Rain is wet, the minister said.", "ana")
	if _, err := s.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{doc})); err != nil {
		t.Fatal(err)
	}
	done, err := s.Apply(t.Context(), annotate.AddSpan(annotate.Span{DocID: "d1", Layer: "actor", Label: "Person",
		Annotator: "ana", Fragments: []annotate.Fragment{{Start: 17, End: 25}}}))
	if err != nil {
		t.Fatal(err)
	}
	ad, err := s.Annotations(t.Context(), "d1")
	if err != nil {
		t.Fatal(err)
	}
	for _, sp := range ad.Spans {
		if !sp.Created.Equal(at) || sp.Created.Location() != time.UTC {
			t.Errorf("span %s created %v, want %v in UTC", sp.ID, sp.Created, at)
		}
	}
	if sp := done.(annotate.AddSpanEdit).Span; !sp.Updated.Equal(at) {
		t.Errorf("Apply stamped %v, want %v", sp.Updated, at)
	}
}
