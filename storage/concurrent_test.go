package storage

import (
	"fmt"
	"sync"
	"testing"

	"frametag/annotate"
)

// TestTwoStoresWriteConcurrently: two windows (or the GUI and the command
// line) on one file, several goroutines each, must all get their edits in
// without SQLITE_BUSY.
func TestTwoStoresWriteConcurrently(t *testing.T) {
	first, path := newProject(t)
	if _, err := first.Import(seqOf([]annotate.AnnotatedDoc{{Document: annotate.Document{ID: "a", Title: "A",
		Text: "A text long enough for a good number of small actor spans."}}})); err != nil {
		t.Fatal(err)
	}
	second, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()

	const workers, edits = 4, 15
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers*edits)
	for i, s := range []*Store{first, second, first, second} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ann := fmt.Sprintf("worker%d", i)
			for j := range edits {
				done, err := s.Apply(annotate.AddSpan(annotate.Span{DocID: "a", Layer: "actor", Label: "Person", Annotator: ann,
					Fragments: []annotate.Fragment{{Start: j, End: j + 3}}}))
				if err != nil {
					errs <- fmt.Errorf("%s add: %w", ann, err)
					continue
				}
				if j%5 == 0 {
					if _, _, err := s.Undo(ann); err != nil {
						errs <- fmt.Errorf("%s undo: %w", ann, err)
					}
					if _, _, err := s.Redo(ann); err != nil {
						errs <- fmt.Errorf("%s redo: %w", ann, err)
					}
				}
				if _, err := s.Annotations(done.DocID); err != nil {
					errs <- fmt.Errorf("%s read: %w", ann, err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	ad, err := second.Annotations("a")
	if err != nil {
		t.Fatal(err)
	}
	if len(ad.Spans) != workers*edits {
		t.Errorf("%d spans, want %d", len(ad.Spans), workers*edits)
	}
}
