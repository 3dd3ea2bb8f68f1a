package sqlite

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"frametag/annotate"
)

// importer holds an import's transaction and the statements it reuses for
// every row.
type importer struct {
	ctx                              context.Context
	sc                               annotate.Schema
	at                               time.Time // given to annotations that have no time
	doc, span, rel, docLabel, status *sql.Stmt
	held                             *sql.Stmt // counts the project's documents with an id or text hash
	position                         int64     // the last position given
	firstPosition                    int64     // the first position this import gives
}

// Import adds documents with their annotations, all or nothing: the
// first error, from the sequence or from validation (spans against the
// schema and the text, relation ends and types, document labels), leaves the
// project as it was and is returned, naming the document. A document whose
// id or text the project already holds is skipped, annotations included:
// they are not merged. Unknown status values become todo, which is stored as
// no status at all. Spans and relations without times get the import's time.
//
// An import holds the project's write lock only briefly, so that the window
// and other processes editing the same project do not wait on it for long
// (a 60,000-document import used to hold it for 18 s). It works in two
// steps:
//
//  1. Stage: the documents are read, completed, validated against the
//     project's schema and written to a staging database of their own, a
//     temporary file with the project's tables, without any lock on the
//     project. Documents the project holds already are skipped here.
//  2. Commit: in one write transaction of the project the staging file is
//     attached, documents the project gained meanwhile are dropped from it,
//     its rows are copied over (positions after the project's last) and the
//     full-text index is built for them. SQLite's transaction makes this
//     all or nothing: a kill or a failure leaves none of it.
//
// If the project's schema changed between the two steps the import is
// refused (EConflict) and changes nothing: its documents were checked
// against the old one.
//
// An options' Schema edit (the labels an import brings, added) is what the
// documents are checked against while staged, and is applied by the domain
// in the commit's transaction before the documents are copied: all of it,
// or none. It is not logged, as the import is not.
//
// Imports are not edits: they are not in the edit log and cannot be undone.
// The overlap rule of a layer governs editing only; imported spans may
// overlap.
func (s *Store) Import(ctx context.Context, docs iter.Seq2[annotate.AnnotatedDoc, error], opts ...annotate.ImportOptions) (annotate.ImportResult, error) {
	var edit *annotate.SetSchemaEdit
	for _, o := range opts {
		if o.Schema != nil {
			edit = o.Schema
		}
	}
	// The input's own errors (a bad line in a file) come back untouched: they
	// are about the input, not the project.
	if s.readOnly {
		return annotate.ImportResult{}, s.refuseWrite()
	}
	var inputErr error
	st, err := s.stage(ctx, docs, edit, &inputErr)
	if st != nil {
		defer st.remove()
	}
	if err == nil {
		err = s.commitStaged(ctx, st)
	}
	if err != nil && err != inputErr {
		s.failed(&err)
	}
	if err != nil {
		return annotate.ImportResult{}, err
	}
	return st.res, nil
}

// staged is an import's staging database: documents read and checked, not
// yet in the project.
type staged struct {
	dir    string
	path   string
	schema int // the project's schema version the documents were checked against
	// edit, when not nil, is the schema edit the documents were checked
	// after, applied at the commit.
	edit *annotate.SetSchemaEdit
	res  annotate.ImportResult
}

func (st *staged) remove() { os.RemoveAll(st.dir) }

// stagingQuery: the staging file is scratch, thrown away after the import or
// a crash, so it is written without a journal or syncs.
const stagingQuery = "_pragma=journal_mode(OFF)&_pragma=synchronous(OFF)&_pragma=foreign_keys(1)&_pragma=trusted_schema(0)"

// stage reads docs into a new staging database (step 1 of Import).
func (s *Store) stage(ctx context.Context, docs iter.Seq2[annotate.AnnotatedDoc, error], edit *annotate.SetSchemaEdit, inputErr *error) (*staged, error) {
	sc, err := loadSchema(ctx, s.db)
	if err != nil {
		return nil, err
	}
	version := sc.Version
	if edit != nil && edit.Before.Version != version {
		// The labels to add were found against another schema: applying
		// them now would undo whatever changed it since.
		return nil, annotate.Errorf(annotate.EConflict, "the project's schema changed while the labels to add were found (version %d, now %d); nothing was imported: import again", edit.Before.Version, version)
	}
	if edit != nil {
		// Checked as the commit will apply it; what the edit breaks, the
		// commit's Apply refuses.
		sc = edit.After.Clone()
		if err := sc.Validate(); err != nil {
			return nil, annotate.Errorf(annotate.EInvalid, "schema: %w", err)
		}
	}
	removeAbandonedStaging()
	dir, err := os.MkdirTemp("", stagingPrefix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return nil, fmt.Errorf("import: staging folder: %w", err)
	}
	st := &staged{dir: dir, path: filepath.Join(dir, "staged.db"), schema: version, edit: edit}
	dsn, err := fileURI(st.path, stagingQuery)
	if err != nil {
		return st, err
	}
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return st, fmt.Errorf("import: staging: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	ms, err := migrations()
	if err != nil {
		return st, err
	}
	for _, m := range ms {
		if _, err := db.ExecContext(ctx, m.sql); err != nil {
			return st, fmt.Errorf("import: staging: %s: %w", m.name, err)
		}
	}
	// The staging file keeps no full-text index (the commit builds the
	// project's): its triggers would update one that is never filled, which
	// FTS5 takes for damage when a document is dropped at the commit.
	triggers, err := queryAll(ctx, db, "import: staging", func(r scanner) (string, error) {
		var name string
		return name, r.Scan(&name)
	}, `SELECT name FROM sqlite_master WHERE type = 'trigger'`)
	if err != nil {
		return st, err
	}
	for _, name := range triggers {
		if _, err := db.ExecContext(ctx, `DROP TRIGGER "`+strings.ReplaceAll(name, `"`, `""`)+`"`); err != nil {
			return st, fmt.Errorf("import: staging: %w", err)
		}
	}
	// Documents the project already holds are skipped before they are
	// checked, as they always were; ones it gains meanwhile, at the commit.
	held, err := s.db.PrepareContext(ctx, `SELECT count(*) FROM documents WHERE id = ? OR sha256 = ?`)
	if err != nil {
		return st, fmt.Errorf("import: %w", err)
	}
	defer held.Close()
	err = inTxOn(ctx, db, func(tx *sql.Tx) error {
		im, err := newImporter(ctx, tx, sc, s.now())
		if err != nil {
			return err
		}
		defer im.close()
		im.held = held
		for ad, err := range docs {
			if err != nil {
				*inputErr = err
				return err
			}
			added, err := im.add(ad)
			if err != nil && refused(err) {
				return &annotate.DocumentError{ID: ad.ID, Err: err}
			}
			if err != nil {
				// A failure of the staging file (a full disk), not of the
				// document: it must not be blamed on the input's line.
				return fmt.Errorf("import: staging the documents in %s: %w", st.dir, err)
			}
			if added {
				st.res.Added++
			} else {
				st.res.Skipped++
				st.res.SkippedIDs = append(st.res.SkippedIDs, ad.ID)
			}
		}
		return nil
	})
	return st, err
}

// stagingPrefix begins the name of an import's staging folder in the
// system's temporary folder, followed by the importing process's id.
const stagingPrefix = "frametag-import-"

// removeAbandonedStaging removes the staging folders of imports whose
// process was killed (the process is gone), so that kills leave nothing
// behind for long; a folder without a process id goes after a day.
func removeAbandonedStaging() {
	tmp := os.TempDir()
	entries, err := os.ReadDir(tmp)
	if err != nil {
		return
	}
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), stagingPrefix)
		if !ok || !e.IsDir() {
			continue
		}
		full := filepath.Join(tmp, e.Name())
		pidText, _, hasPID := strings.Cut(rest, "-")
		if pid, err := strconv.Atoi(pidText); hasPID && err == nil && pid > 0 {
			if alive, known := processAlive(pid); known {
				if !alive {
					os.RemoveAll(full)
				}
				continue
			}
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > 24*time.Hour {
			os.RemoveAll(full)
		}
	}
}

// inTxOn runs fn in one transaction of the staging database.
func inTxOn(ctx context.Context, db *sql.DB, fn func(tx *sql.Tx) error) error {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("import: staging: %w", err)
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	return tx.Commit()
}

// committing is called once an import holds the write lock to commit: the
// kill tests' cue.
var committing = func() {}

// stagedTables are the tables an import fills, parents first.
var stagedTables = []string{"documents", "spans", "relations", "doc_labels", "statuses"}

// commitStaged copies the staged documents into the project in one write
// transaction (step 2 of Import).
func (s *Store) commitStaged(ctx context.Context, st *staged) (err error) {
	if st.res.Added == 0 && st.edit == nil {
		return nil
	}
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `ATTACH DATABASE ? AS stage`, st.path); err != nil {
		return fmt.Errorf("import: attach the staged documents: %w", err)
	}
	defer func() {
		if _, derr := conn.ExecContext(context.WithoutCancel(ctx), `DETACH DATABASE stage`); derr != nil {
			// Never hand a connection with the file attached back to the pool.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
			if err == nil {
				err = fmt.Errorf("import: detach the staged documents: %w", derr)
			}
		}
	}()
	tx, err := begin(ctx, conn)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	defer func() {
		if err != nil {
			s.kept.schema.forget() // the schema edit, if any, is rolled back
		}
	}()
	committing()
	var version int
	if err := tx.QueryRowContext(ctx, `SELECT version FROM main.schema WHERE id = 1`).Scan(&version); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if version != st.schema {
		return annotate.Errorf(annotate.EConflict, "the project's schema changed while the documents were read (version %d, now %d); nothing was imported: import them again", st.schema, version)
	}
	if st.edit != nil {
		if _, err := st.edit.Apply(ctx, txState{tx: tx, now: s.now, kept: &s.kept}); err != nil {
			return err
		}
	}
	// Documents another process added meanwhile are skipped now.
	gone, err := queryAll(ctx, tx, "import", func(r scanner) (string, error) {
		var id string
		return id, r.Scan(&id)
	}, `SELECT id FROM stage.documents d WHERE EXISTS (SELECT 1 FROM main.documents m WHERE m.id = d.id OR m.sha256 = d.sha256)
		ORDER BY position`)
	if err != nil {
		return err
	}
	if len(gone) > 0 {
		if _, err := tx.ExecContext(ctx, `DELETE FROM stage.documents WHERE id IN (SELECT id FROM main.documents)
			OR sha256 IN (SELECT sha256 FROM main.documents)`); err != nil {
			return fmt.Errorf("import: %w", err)
		}
		st.res.Added -= len(gone)
		st.res.Skipped += len(gone)
		st.res.SkippedIDs = append(st.res.SkippedIDs, gone...)
	}
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) FROM main.documents`).Scan(&last); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	for _, table := range stagedTables {
		if err := copyStaged(ctx, tx, table, last); err != nil {
			return err
		}
	}
	if err := linkActorNames(ctx, tx); err != nil {
		return fmt.Errorf("import: %w", err)
	}
	if err := indexNewDocuments(ctx, tx, last+1); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("import: commit: %w", err)
	}
	return nil
}

// copyStaged copies a staged table into the project, moving document
// positions after the project's last. The columns are read from the table,
// so that a migration adding one needs nothing here.
func copyStaged(ctx context.Context, tx *sql.Tx, table string, last int64) error {
	cols, err := queryAll(ctx, tx, "import", func(r scanner) (string, error) {
		var name string
		return name, r.Scan(&name)
	}, `SELECT name FROM pragma_table_info(?, 'stage') ORDER BY cid`, table)
	if err != nil {
		return err
	}
	names := make([]string, len(cols))
	exprs := make([]string, len(cols))
	for i, c := range cols {
		names[i] = `"` + c + `"`
		exprs[i] = names[i]
		if c == "position" || c == "doc_pos" {
			exprs[i] = fmt.Sprintf("%s + %d", names[i], last)
		}
	}
	q := fmt.Sprintf(`INSERT INTO main.%s (%s) SELECT %s FROM stage.%s`, table, strings.Join(names, ", "), strings.Join(exprs, ", "), table)
	if _, err := tx.ExecContext(ctx, q); err != nil {
		if isUnique(err) {
			return stagedConflict(ctx, tx, table, err)
		}
		return fmt.Errorf("import: %s: %w", table, err)
	}
	return nil
}

// stagedConflict names the document whose span or relation id the project
// already holds: ids are unique in their document, and the documents are
// new, so this does not happen; should it, the words say what.
func stagedConflict(ctx context.Context, tx *sql.Tx, table string, cause error) error {
	what := map[string]string{"spans": "span", "relations": "relation"}[table]
	if what != "" {
		var doc, id string
		err := tx.QueryRowContext(ctx, fmt.Sprintf(`SELECT s.doc, s.id FROM stage.%s s JOIN stage.documents d ON d.id = s.doc
			WHERE EXISTS (SELECT 1 FROM main.%s m WHERE m.doc = s.doc AND m.id = s.id) ORDER BY d.position LIMIT 1`, table, table)).Scan(&doc, &id)
		if err == nil {
			return &annotate.DocumentError{ID: doc, Err: fmt.Errorf("%s %s: %w", what, id,
				annotate.Errorf(annotate.EConflict, "a %s with this id already exists in the document", what))}
		}
	}
	return annotate.Errorf(annotate.EConflict, "import: %s: %w", table, cause)
}

func newImporter(ctx context.Context, tx *sql.Tx, sc annotate.Schema, at time.Time) (*importer, error) {
	var err error
	im := &importer{ctx: ctx, sc: sc}
	im.at = at
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(position), 0) FROM documents`).Scan(&im.position); err != nil {
		return nil, fmt.Errorf("import: %w", err)
	}
	im.firstPosition = im.position + 1
	prepare := func(dst **sql.Stmt, query string) {
		if err != nil {
			return
		}
		*dst, err = tx.PrepareContext(ctx, query)
	}
	prepare(&im.doc, insertDocumentSQL+` ON CONFLICT DO NOTHING`)
	prepare(&im.span, insertSpanSQL)
	prepare(&im.rel, insertRelationSQL)
	prepare(&im.docLabel, `INSERT OR IGNORE INTO doc_labels (doc, layer, label, annotator) VALUES (?, ?, ?, ?)`)
	prepare(&im.status, upsertStatusSQL)
	if err != nil {
		im.close()
		return nil, fmt.Errorf("import: prepare: %w", err)
	}
	return im, nil
}

func (im *importer) close() {
	for _, st := range []*sql.Stmt{im.doc, im.span, im.rel, im.docLabel, im.status} {
		if st != nil {
			st.Close()
		}
	}
}

// add stores one document, or reports false when the project already has it.
// Its annotations are completed (ids, annotators' times, normalised
// attributes) and checked against the schema before any of them is written.
func (im *importer) add(ad annotate.AnnotatedDoc) (bool, error) {
	if err := ad.Document.Validate(); err != nil {
		return false, invalidErr(err)
	}
	hash := annotate.TextHash(ad.Text)
	args, err := documentArgs(im.position+1, ad.Document, hash)
	if err != nil {
		return false, invalidErr(err)
	}
	if im.held != nil {
		var n int
		if err := im.held.QueryRowContext(im.ctx, ad.ID, hash).Scan(&n); err != nil {
			return false, err
		}
		if n > 0 {
			return false, nil
		}
	}
	// A document already present (same id or same text) is a conflict on a
	// unique column: nothing is inserted and it is skipped.
	res, err := im.doc.ExecContext(im.ctx, args...)
	if err != nil {
		return false, err
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return false, err
	}
	im.position++
	ad, err = im.complete(ad)
	if err != nil {
		return false, invalidErr(err)
	}
	if err := im.sc.CheckDocument(ad); err != nil {
		return false, invalidErr(err)
	}
	return true, im.write(ad)
}

// write stores ad's annotations, completed and checked, on its document.
func (im *importer) write(ad annotate.AnnotatedDoc) error {
	for _, sp := range ad.Spans {
		args, err := spanArgs(sp)
		if err != nil {
			return invalidErr(err)
		}
		if _, err := im.span.ExecContext(im.ctx, args...); err != nil {
			return fmt.Errorf("span %s: %w", sp.ID, constraint(err, "a span with this id already exists in the document"))
		}
	}
	for _, r := range ad.Relations {
		if _, err := im.rel.ExecContext(im.ctx, relationArgs(r)...); err != nil {
			return fmt.Errorf("relation %s: %w", r.ID, constraint(err, "a relation with this id already exists in the document"))
		}
	}
	for _, dl := range ad.Labels {
		if _, err := im.docLabel.ExecContext(im.ctx, ad.ID, dl.Layer, dl.Label, dl.Annotator); err != nil {
			return fmt.Errorf("document label %s/%s: %w", dl.Layer, dl.Label, err)
		}
	}
	for who, st := range ad.Status {
		if !st.Valid() {
			st = annotate.StatusTodo
		}
		if st == annotate.StatusTodo {
			continue // what no status means; see setStatus
		}
		if _, err := im.status.ExecContext(im.ctx, ad.ID, who, string(st)); err != nil {
			return fmt.Errorf("status of %s: %w", who, err)
		}
	}
	return nil
}

// complete fills in what an imported document may leave out (ids, the
// document they belong to, times) and refuses annotations without an
// annotator or on another document. It copies what it changes.
func (im *importer) complete(ad annotate.AnnotatedDoc) (annotate.AnnotatedDoc, error) {
	spans := make([]annotate.Span, len(ad.Spans))
	for i, sp := range ad.Spans {
		if sp.DocID != "" && sp.DocID != ad.ID {
			return ad, fmt.Errorf("span %s: belongs to document %q", sp.ID, sp.DocID)
		}
		sp.DocID = ad.ID
		if sp.ID == "" {
			sp.ID = annotate.NewID("s")
		}
		if sp.Annotator == "" {
			return ad, fmt.Errorf("span %s: no annotator", sp.ID)
		}
		attrs, err := sp.Attrs.Normalize()
		if err != nil {
			return ad, fmt.Errorf("span %s: %w", sp.ID, err)
		}
		sp.Attrs = attrs
		if sp.Created.IsZero() {
			sp.Created = im.at
		}
		if sp.Updated.IsZero() {
			sp.Updated = sp.Created
		}
		spans[i] = sp
	}
	rels := make([]annotate.Relation, len(ad.Relations))
	for i, r := range ad.Relations {
		if r.DocID != "" && r.DocID != ad.ID {
			return ad, fmt.Errorf("relation %s: belongs to document %q", r.ID, r.DocID)
		}
		r.DocID = ad.ID
		if r.ID == "" {
			r.ID = annotate.NewID("r")
		}
		if r.Annotator == "" {
			return ad, fmt.Errorf("relation %s: no annotator", r.ID)
		}
		if r.Created.IsZero() {
			r.Created = im.at
		}
		rels[i] = r
	}
	for _, dl := range ad.Labels {
		if dl.Annotator == "" {
			return ad, fmt.Errorf("document label %s/%s: no annotator", dl.Layer, dl.Label)
		}
	}
	for who, st := range ad.Status {
		if strings.TrimSpace(who) == "" {
			return ad, fmt.Errorf("status %q: no annotator", st)
		}
	}
	ad.Spans, ad.Relations = spans, rels
	return ad, nil
}

// constraint replaces SQLite's wording of a uniqueness violation with what it
// means here.
func constraint(err error, meaning string) error {
	if isUnique(err) {
		return annotate.Errorf(annotate.EConflict, "%s", meaning)
	}
	return err
}

// indexNewDocuments adds the documents from position first on to the
// full-text index, in one statement so that FTS5 builds large segments.
func indexNewDocuments(ctx context.Context, q querier, first int64) error {
	if _, err := q.ExecContext(ctx, `INSERT INTO documents_fts (rowid, title, text)
		SELECT position, title, text FROM documents WHERE position >= ?`, first); err != nil {
		return fmt.Errorf("import: full-text index: %w", err)
	}
	return nil
}
