package storagetest

import (
	"fmt"
	"sync"
	"testing"

	"frametag/annotate"
)

// TestTwoStoresWriteConcurrently: two windows (or the GUI and the command
// line) on one file, several goroutines each, must all get their edits in
// without SQLITE_BUSY.
func testTwoStoresWriteConcurrently(t *testing.T, c Config) {
	first, path := newProject(t, c)
	if _, err := first.Import(t.Context(), Seq([]annotate.AnnotatedDoc{{Document: annotate.Document{ID: "a", Title: "A",
		Text: "A text long enough for a good number of small actor spans."}}})); err != nil {
		t.Fatal(err)
	}
	second, err := c.Opener.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()

	const workers, edits = 4, 15
	var wg sync.WaitGroup
	errs := make(chan error, 2*workers*edits)
	for i, s := range []annotate.Store{first, second, first, second} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			ann := fmt.Sprintf("worker%d", i)
			for j := range edits {
				done, err := s.Apply(t.Context(), annotate.AddSpan(annotate.Span{DocID: "a", Layer: "actor", Label: "Person", Annotator: ann,
					Fragments: []annotate.Fragment{{Start: j, End: j + 3}}}))
				if err != nil {
					errs <- fmt.Errorf("%s add: %w", ann, err)
					continue
				}
				if j%5 == 0 {
					if _, _, err := s.Undo(t.Context(), ann); err != nil {
						errs <- fmt.Errorf("%s undo: %w", ann, err)
					}
					if _, _, err := s.Redo(t.Context(), ann); err != nil {
						errs <- fmt.Errorf("%s redo: %w", ann, err)
					}
				}
				if _, err := s.Annotations(t.Context(), done.Doc()); err != nil {
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
	ad, err := second.Annotations(t.Context(), "a")
	if err != nil {
		t.Fatal(err)
	}
	if len(ad.Spans) != workers*edits {
		t.Errorf("%d spans, want %d", len(ad.Spans), workers*edits)
	}
}

// TestReadersDuringImportsAndEdits: the GUI reads (lists, searches, exports,
// stats) while the command line imports and edits on the same file; run
// with -race. Every reader sees whole imports: a document count that is
// always a multiple of the batch size.
func testReadersDuringImportsAndEdits(t *testing.T, c Config) {
	writer, path := newProject(t, c)
	reader, err := c.Opener.Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	const batches, batch = 6, 5
	var wg sync.WaitGroup
	errs := make(chan error, 1000)
	stop := make(chan struct{})
	wg.Add(1)
	go func() { // imports, then an edit on each batch's first document
		defer wg.Done()
		defer close(stop)
		for b := range batches {
			var docs []annotate.AnnotatedDoc
			for i := range batch {
				id := fmt.Sprintf("d%d-%d", b, i)
				docs = append(docs, PlainDoc(t, id, "Text of document "+id+" to read.", "ana"))
			}
			if _, err := writer.Import(t.Context(), Seq(docs)); err != nil {
				errs <- fmt.Errorf("import %d: %w", b, err)
				return
			}
			if _, err := writer.Apply(t.Context(), annotate.AddSpan(annotate.Span{DocID: docs[0].ID, Layer: "actor", Label: "Person",
				Annotator: "ana", Fragments: []annotate.Fragment{{Start: 5, End: 7}}})); err != nil {
				errs <- fmt.Errorf("edit %d: %w", b, err)
			}
		}
	}()
	for _, s := range []annotate.Store{writer, reader} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-stop:
					return
				default:
				}
				docs, err := s.Documents(t.Context(), "ana")
				if err != nil {
					errs <- fmt.Errorf("documents: %w", err)
					return
				}
				if len(docs)%batch != 0 {
					errs <- fmt.Errorf("saw %d documents: part of an import", len(docs))
				}
				if _, err := s.SearchDocuments(t.Context(), "document", ""); err != nil {
					errs <- fmt.Errorf("search: %w", err)
				}
				exported := 0
				if err := s.Export(t.Context(), func(annotate.AnnotatedDoc) error { exported++; return nil }); err != nil {
					errs <- fmt.Errorf("export: %w", err)
				}
				if exported%batch != 0 {
					errs <- fmt.Errorf("exported %d documents: part of an import", exported)
				}
				if _, err := s.Stats(t.Context()); err != nil {
					errs <- fmt.Errorf("stats: %w", err)
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if docs, err := reader.Documents(t.Context(), ""); err != nil || len(docs) != batches*batch {
		t.Errorf("%d documents at the end (%v), want %d", len(docs), err, batches*batch)
	}
}
