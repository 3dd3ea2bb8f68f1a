package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"frametag/annotate"
	"frametag/storage/storagetest"
)

// TestWriterWaitsAsLongAsItTakes: another process holding the write lock
// longer than SQLite's busy timeout (a long import did, for 18 s) makes an
// edit wait, saying what it waits for, never fail. The lock is held 6 s:
// beyond the 5 s after which a writer used to fail with SQLITE_BUSY.
func TestWriterWaitsAsLongAsItTakes(t *testing.T) {
	t.Parallel()
	s, path := newProject(t)
	if _, err := s.Import(t.Context(), storagetest.Seq(storagetest.Corpus(t)[:1])); err != nil {
		t.Fatal(err)
	}
	doc := storagetest.Corpus(t)[0].ID
	holder := holdWriteLock(t, path)

	var mu sync.Mutex
	var heard []string
	ctx := annotate.WithWaiting(t.Context(), func(what string) {
		mu.Lock()
		defer mu.Unlock()
		heard = append(heard, what)
	})
	const hold = 6 * time.Second
	go func() {
		time.Sleep(hold)
		holder()
	}()
	start := time.Now()
	_, err := s.Apply(ctx, annotate.AddSpan(annotate.Span{DocID: doc, Layer: "actor", Label: "Person", Annotator: "ann",
		Fragments: []annotate.Fragment{{Start: 0, End: 3}}}))
	if err != nil {
		t.Fatalf("the edit failed after %v instead of waiting: %v", time.Since(start).Round(time.Millisecond), err)
	}
	if waited := time.Since(start); waited < hold-time.Second {
		t.Errorf("the edit went through after %v, while the lock was held", waited)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(heard) != 2 || heard[0] != annotate.WaitingToWrite || heard[1] != "" {
		t.Errorf("heard %q, want the wait announced once and its end once", heard)
	}
}

// TestWaitingEndsWithTheContext: the wait ends when its context does, with
// ECanceled, and nothing is written.
func TestWaitingEndsWithTheContext(t *testing.T) {
	t.Parallel()
	s, path := newProject(t)
	if _, err := s.Import(t.Context(), storagetest.Seq(storagetest.Corpus(t)[:1])); err != nil {
		t.Fatal(err)
	}
	release := holdWriteLock(t, path)
	defer release()
	ctx, cancel := context.WithTimeout(t.Context(), 1500*time.Millisecond)
	defer cancel()
	_, err := s.Apply(ctx, annotate.SetStatus(storagetest.Corpus(t)[0].ID, "ann", annotate.StatusTodo, annotate.StatusDone))
	if annotate.ErrorCode(err) != annotate.ECanceled {
		t.Fatalf("Apply under a cancelled wait: %v (code %q), want canceled", err, annotate.ErrorCode(err))
	}
}

// holdWriteLock takes the project's write lock on a connection of its own,
// as another process would, and returns what releases it.
func holdWriteLock(t *testing.T, path string) func() {
	t.Helper()
	dsn, err := fileURI(path, "_pragma=busy_timeout(0)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	tx, err := db.BeginTx(t.Context(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tx.Exec(`UPDATE schema SET version = version WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	var once sync.Once
	release := func() {
		once.Do(func() {
			tx.Rollback()
			db.Close()
		})
	}
	t.Cleanup(release)
	return release
}

// TestSixConcurrentWriters: six stores on one file (six windows or command
// lines), each applying edits as fast as it can, all finish. `make soak`
// (FRAMETAG_SOAK_EDITS=3000) runs the full size; make test a small one.
func TestSixConcurrentWriters(t *testing.T) {
	t.Parallel()
	edits := 60
	if n, err := strconv.Atoi(os.Getenv("FRAMETAG_SOAK_EDITS")); err == nil && n > 0 {
		edits = n
	}
	first, path := newProject(t)
	const doc = "long"
	text := make([]byte, 0, 4*edits+8)
	for range edits + 2 {
		text = append(text, "abc "...)
	}
	if _, err := first.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{{Document: annotate.Document{ID: doc, Title: "Long", Text: string(text)}}})); err != nil {
		t.Fatal(err)
	}
	const writers = 6
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	waits := make([]int, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, err := Open(t.Context(), path)
			if err != nil {
				errs <- err
				return
			}
			defer st.Close()
			ann := fmt.Sprintf("writer%d", w)
			ctx := annotate.WithWaiting(t.Context(), func(what string) {
				if what != "" {
					waits[w]++
				}
			})
			for i := range edits {
				// Every writer labels every word: layer "actor" allows no
				// overlap within one annotator only.
				if _, err := st.Apply(ctx, annotate.AddSpan(annotate.Span{DocID: doc, Layer: "actor", Label: "Person", Annotator: ann,
					Fragments: []annotate.Fragment{{Start: 4 * i, End: 4*i + 3}}})); err != nil {
					errs <- fmt.Errorf("%s, edit %d: %w", ann, i, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	st, err := first.Stats(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	total := 0
	for _, a := range st.Annotators {
		total += a.Spans
	}
	if total != writers*edits {
		t.Errorf("%d spans in the project, want %d", total, writers*edits)
	}
	t.Logf("%d writers x %d edits in %v; waits announced per writer: %v", writers, edits, time.Since(start).Round(time.Millisecond), waits)
}

// TestOpenWaitsOutAnExclusiveMoment: Open reads the header through SQLite
// when a -wal file is there; another process holding the file exclusively
// for a moment (closing, it checkpoints) must make Open wait, not refuse the
// file as unreadable. (stats and export run in loops side by side were
// refused 4 times in 1,075 runs.)
func TestOpenWaitsOutAnExclusiveMoment(t *testing.T) {
	t.Parallel()
	s, path := newProject(t)
	if _, err := s.Import(t.Context(), storagetest.Seq(storagetest.Corpus(t)[:1])); err != nil {
		t.Fatal(err)
	}
	s.Close()
	dsn, err := fileURI(path, "_pragma=busy_timeout(0)&_pragma=locking_mode(EXCLUSIVE)")
	if err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	// An exclusive-mode connection takes its locks for good at its first
	// write and keeps them until it closes.
	if _, err := conn.ExecContext(t.Context(), `BEGIN IMMEDIATE; UPDATE schema SET version = version; COMMIT`); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + "-wal"); err != nil {
		t.Fatalf("no -wal file beside the project: %v", err)
	}
	go func() {
		time.Sleep(300 * time.Millisecond)
		conn.Close()
		db.Close()
	}()
	other, err := Open(t.Context(), path)
	if err != nil {
		t.Fatalf("Open while another held the file for 300 ms: %v", err)
	}
	other.Close()
}

// TestImportHoldsTheWriteLockBriefly: while an import reads and checks its
// documents it holds no lock on the project, so an edit from another store
// goes through at once, without waiting; and the import's documents land
// all together afterwards.
func TestImportHoldsTheWriteLockBriefly(t *testing.T) {
	t.Parallel()
	s, path := newProject(t)
	if _, err := s.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{storagetest.PlainDoc(t, "first", "The first document.", "ana")})); err != nil {
		t.Fatal(err)
	}
	other, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	waited := false
	ctx := annotate.WithWaiting(t.Context(), func(what string) { waited = waited || what != "" })
	var editErr error
	docs := func(yield func(annotate.AnnotatedDoc, error) bool) {
		for i := range 200 {
			if i == 100 {
				// Halfway through the import, the window labels a span.
				_, editErr = other.Apply(ctx, annotate.SetStatus("first", "bob", annotate.StatusTodo, annotate.StatusDone))
				if n, err := other.Documents(t.Context(), ""); err != nil || len(n) != 1 {
					t.Errorf("halfway through an import another store lists %d documents (%v), want 1", len(n), err)
				}
			}
			if !yield(storagetest.PlainDoc(t, fmt.Sprintf("d%03d", i), fmt.Sprintf("Document number %d.", i), "ana"), nil) {
				return
			}
		}
	}
	res, err := s.Import(t.Context(), docs)
	if err != nil {
		t.Fatal(err)
	}
	if editErr != nil {
		t.Fatalf("an edit during an import failed: %v", editErr)
	}
	if waited {
		t.Error("an edit during the import's reading waited for the write lock")
	}
	if res.Added != 200 {
		t.Errorf("imported %d documents, want 200", res.Added)
	}
}

// TestImportSkipsWhatAnotherAddedMeanwhile: documents another process
// imported between an import's reading and its commit are skipped, not
// doubled nor refused.
func TestImportSkipsWhatAnotherAddedMeanwhile(t *testing.T) {
	t.Parallel()
	s, path := newProject(t)
	other, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	docs := func(yield func(annotate.AnnotatedDoc, error) bool) {
		for i := range 4 {
			if i == 3 {
				if _, err := other.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{
					storagetest.PlainDoc(t, "d1", "Document 1.", "bob"),
					storagetest.PlainDoc(t, "x", "Document 2.", "bob")})); err != nil {
					t.Error(err)
				}
			}
			if !yield(storagetest.PlainDoc(t, fmt.Sprintf("d%d", i), fmt.Sprintf("Document %d.", i), "ana"), nil) {
				return
			}
		}
	}
	res, err := s.Import(t.Context(), docs)
	if err != nil {
		t.Fatal(err)
	}
	if res.Added != 2 || res.Skipped != 2 || fmt.Sprint(res.SkippedIDs) != "[d1 d2]" {
		t.Errorf("import result %+v, want 2 added, d1 and d2 skipped", res)
	}
	list, err := s.Documents(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, d := range list {
		ids = append(ids, d.ID)
	}
	if fmt.Sprint(ids) != "[d1 x d0 d3]" {
		t.Errorf("documents %v, want [d1 x d0 d3]", ids)
	}
	if found, err := s.SearchDocuments(t.Context(), "Document 3", ""); err != nil || len(found) != 1 || found[0].ID != "d3" {
		t.Errorf("search for the last imported document: %v, %v", found, err)
	}
}

// TestEditsDuringALongImport: edits from another store keep going through
// while a long import runs; the longest any of them waited is the time the
// import held the write lock (its commit). `make soak` imports 60,000
// documents (FRAMETAG_SOAK_IMPORT_DOCS); make test 3,000.
func TestEditsDuringALongImport(t *testing.T) {
	t.Parallel()
	n := 3000
	if v, err := strconv.Atoi(os.Getenv("FRAMETAG_SOAK_IMPORT_DOCS")); err == nil && v > 0 {
		n = v
	}
	s, path := newProject(t)
	if _, err := s.Import(t.Context(), storagetest.Seq([]annotate.AnnotatedDoc{storagetest.PlainDoc(t, "first", "The first document, to edit.", "ana")})); err != nil {
		t.Fatal(err)
	}
	other, err := Open(t.Context(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	done := make(chan struct{})
	var finished atomic.Bool
	var longest time.Duration
	edits := 0
	var editErr error
	go func() {
		defer close(done)
		st := annotate.StatusTodo
		for {
			select {
			case <-t.Context().Done():
				return
			default:
			}
			next := annotate.StatusDone
			if st == next {
				next = annotate.StatusTodo
			}
			start := time.Now()
			if _, err := other.Apply(t.Context(), annotate.SetStatus("first", "bob", st, next)); err != nil {
				editErr = err
				return
			}
			if d := time.Since(start); d > longest {
				longest = d
			}
			st = next
			edits++
			if finished.Load() {
				return
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	docs := func(yield func(annotate.AnnotatedDoc, error) bool) {
		for i := range n {
			ad := annotate.AnnotatedDoc{Document: annotate.Document{ID: fmt.Sprintf("d%06d", i), Title: fmt.Sprintf("Document %d", i),
				Text: fmt.Sprintf("Document number %d says that the minister of %d affairs met the press on day %d, and nobody listened.", i, i%97, i%31)}}
			if !yield(ad, nil) {
				return
			}
		}
	}
	start := time.Now()
	res, err := s.Import(t.Context(), docs)
	took := time.Since(start)
	finished.Store(true)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if editErr != nil {
		t.Fatalf("an edit during the import failed: %v", editErr)
	}
	if res.Added != n {
		t.Errorf("imported %d, want %d", res.Added, n)
	}
	t.Logf("import of %d documents took %v; %d edits beside it, the longest waited %v", n, took.Round(time.Millisecond), edits, longest.Round(time.Millisecond))
}
