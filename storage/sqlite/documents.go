package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode"

	"frametag/annotate"
)

const summarySQL = `SELECT d.id, d.title, COALESCE(st.status, 'todo'),
	(SELECT count(*) FROM spans s WHERE s.doc = d.id AND (?1 = '' OR s.annotator = ?1))
	FROM documents d LEFT JOIN statuses st ON st.doc = d.id AND st.annotator = ?1`

// Documents lists every document in import order with the annotator's status
// and span count.
func (s *Store) Documents(ctx context.Context, annotator string) (_ []annotate.DocSummary, err error) {
	defer s.failed(&err)
	return s.summaries(ctx, summarySQL+` ORDER BY d.position`, annotator)
}

// DocumentList is Documents without the span counts (Spans is -1): the
// window lists every document when a project opens, and counting each
// one's spans was half of that on a large project; it counts the rows it
// shows with SpanCountsByAnnotator.
func (s *Store) DocumentList(ctx context.Context, annotator string) (_ []annotate.DocSummary, err error) {
	defer s.failed(&err)
	return queryAll(ctx, s.db, "list documents", func(r scanner) (annotate.DocSummary, error) {
		d := annotate.DocSummary{Spans: -1}
		return d, r.Scan(&d.ID, &d.Title, &d.Status)
	}, `SELECT d.id, d.title, COALESCE(st.status, 'todo')
	FROM documents d LEFT JOIN statuses st ON st.doc = d.id AND st.annotator = ?1 ORDER BY d.position`, annotator)
}

// SpanCountsByAnnotator counts the spans on each of the documents ids by
// annotator: counts[doc][annotator]. The document list shows one's own
// count and everyone's on hover, for the rows in view, in one query over the
// (doc, annotator) index; a document without spans, or unknown, has an
// empty map.
func (s *Store) SpanCountsByAnnotator(ctx context.Context, ids []string) (_ map[string]map[string]int, err error) {
	defer s.failed(&err)
	out := make(map[string]map[string]int, len(ids))
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, len(ids))
	marks := make([]string, len(ids))
	for i, id := range ids {
		out[id] = map[string]int{}
		args[i] = id
		marks[i] = "?"
	}
	type count struct {
		doc, annotator string
		n              int
	}
	counts, err := queryAll(ctx, s.db, "count spans", func(r scanner) (count, error) {
		var c count
		return c, r.Scan(&c.doc, &c.annotator, &c.n)
	}, `SELECT doc, annotator, count(*) FROM spans WHERE doc IN (`+strings.Join(marks, ",")+`)
	GROUP BY doc, annotator`, args...)
	if err != nil {
		return nil, err
	}
	for _, c := range counts {
		out[c.doc][c.annotator] = c.n
	}
	return out, nil
}

// Annotators names everyone with a span, relation, document label or status
// in the project, sorted: the window offers them when one switches annotator.
func (s *Store) Annotators(ctx context.Context) (_ []string, err error) {
	defer s.failed(&err)
	return queryAll(ctx, s.db, "list annotators", func(r scanner) (string, error) {
		var name string
		return name, r.Scan(&name)
	}, `SELECT annotator FROM spans WHERE annotator <> '' UNION SELECT annotator FROM relations WHERE annotator <> ''
	UNION SELECT annotator FROM doc_labels UNION SELECT annotator FROM statuses ORDER BY 1`)
}

func (s *Store) summaries(ctx context.Context, query string, args ...any) ([]annotate.DocSummary, error) {
	return queryAll(ctx, s.db, "list documents", func(r scanner) (annotate.DocSummary, error) {
		var d annotate.DocSummary
		return d, r.Scan(&d.ID, &d.Title, &d.Status, &d.Spans)
	}, query, args...)
}

// SearchDocuments lists, in import order, the documents whose title or text
// match query. Plain words match as word prefixes ("clim" finds "climate");
// a query using FTS5 syntax (quotes, AND/OR/NOT, *, column filters) is passed
// on as such. A query FTS5 cannot parse, or that finds nothing, falls back to
// a substring match: whatever a user types gives an answer rather than an
// error, and words inside CJK runs (which FTS5 sees as one token) are found.
func (s *Store) SearchDocuments(ctx context.Context, query, annotator string) (_ []annotate.DocSummary, err error) {
	defer s.failed(&err)
	if strings.TrimSpace(query) == "" {
		return s.Documents(ctx, annotator)
	}
	match := query
	if !looksLikeFTS(query) {
		match = prefixTerms(query)
	}
	out, err := s.summaries(ctx, summarySQL+` WHERE d.position IN
		(SELECT rowid FROM documents_fts WHERE documents_fts MATCH ?2) ORDER BY d.position`, annotator, match)
	if err == nil && len(out) > 0 {
		return out, nil
	}
	out, err = s.summaries(ctx, summarySQL+` WHERE d.title LIKE ?2 ESCAPE '\' OR d.text LIKE ?2 ESCAPE '\'
		ORDER BY d.position`, annotator, "%"+escapeLike(query)+"%")
	if err != nil {
		return nil, fmt.Errorf("search documents for %q: %w", query, err)
	}
	return out, nil
}

// looksLikeFTS reports whether the user wrote FTS5 syntax on purpose.
func looksLikeFTS(q string) bool {
	if strings.ContainsAny(q, "\"*():^+") {
		return true
	}
	for _, w := range strings.Fields(q) {
		switch w {
		case "AND", "OR", "NOT", "NEAR":
			return true
		}
	}
	return false
}

// prefixTerms turns plain words into quoted FTS5 prefix terms, all required.
func prefixTerms(q string) string {
	var terms []string
	for _, w := range strings.FieldsFunc(q, func(r rune) bool { return unicode.IsSpace(r) }) {
		terms = append(terms, `"`+strings.ReplaceAll(w, `"`, `""`)+`"*`)
	}
	return strings.Join(terms, " ")
}

func escapeLike(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// documentColumns is the column list every document query reads, in
// scanDocument's order.
const documentColumns = `position, id, title, text, source, url, published, language, extra, sha256`

const insertDocumentSQL = `INSERT INTO documents (` + documentColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// documentArgs are insertDocumentSQL's arguments.
func documentArgs(position int64, d annotate.Document, hash string) ([]any, error) {
	var extra any
	if len(d.Meta.Extra) > 0 {
		b, err := json.Marshal(d.Meta.Extra)
		if err != nil {
			return nil, fmt.Errorf("encode metadata: %w", err)
		}
		extra = string(b)
	}
	return []any{position, d.ID, d.Title, d.Text, d.Meta.Source, d.Meta.URL, d.Meta.Published, d.Meta.Language, extra, hash}, nil
}

func scanDocument(r scanner) (int64, annotate.Document, error) {
	var pos int64
	var d annotate.Document
	var extra sql.NullString
	if err := r.Scan(&pos, &d.ID, &d.Title, &d.Text, &d.Meta.Source, &d.Meta.URL, &d.Meta.Published, &d.Meta.Language,
		&extra, &d.SHA256); err != nil {
		return 0, d, err
	}
	if extra.Valid {
		if err := json.Unmarshal([]byte(extra.String), &d.Meta.Extra); err != nil {
			return 0, d, fmt.Errorf("document %q: stored metadata: %w", d.ID, err)
		}
	}
	return pos, d, nil
}

// Document returns one document, its text exactly as imported.
func (s *Store) Document(ctx context.Context, id string) (_ annotate.Document, err error) {
	defer s.failed(&err)
	return loadDocument(ctx, s.db, id)
}

func loadDocument(ctx context.Context, q querier, id string) (annotate.Document, error) {
	_, d, err := scanDocument(q.QueryRowContext(ctx, `SELECT `+documentColumns+` FROM documents WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return d, notFoundf("document %q", id)
	}
	if err != nil {
		return d, fmt.Errorf("load document %q: %w", id, err)
	}
	return d, nil
}

// docTextLen is the length in code points of a document's text; what spans
// are checked against.
// textLenCache keeps documents' lengths in code points: every new span's
// rule checks its offsets against its document's length, and counting a
// 100,000-word text read whole was most of an edit's time there (9 ms).
// A document's text never changes, and its sha256 names it: the hash is
// read each time (a document deleted and imported again with the same id
// is another text), the text only the first time.
type textLenCache struct {
	mu    sync.Mutex
	bySum map[string]int
}

func (c *textLenCache) get(ctx context.Context, q querier, id string) (int, error) {
	var sum string
	err := q.QueryRowContext(ctx, `SELECT sha256 FROM documents WHERE id = ?`, id).Scan(&sum)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, notFoundf("document %q", id)
	}
	if err != nil {
		return 0, fmt.Errorf("load document %q: %w", id, err)
	}
	c.mu.Lock()
	n, ok := c.bySum[sum]
	c.mu.Unlock()
	if ok {
		return n, nil
	}
	var text string
	if err := q.QueryRowContext(ctx, `SELECT text FROM documents WHERE id = ?`, id).Scan(&text); err != nil {
		return 0, fmt.Errorf("load document %q: %w", id, err)
	}
	n = annotate.CodePointLen(text)
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.bySum == nil {
		c.bySum = map[string]int{}
	}
	c.bySum[sum] = n
	return n, nil
}

// Annotations returns a document with everything recorded on it: labels,
// spans (annotate.SortSpans order), relations and statuses. Read in one
// transaction, so the parts agree with each other.
func (s *Store) Annotations(ctx context.Context, docID string) (_ annotate.AnnotatedDoc, err error) {
	defer s.failed(&err)
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return annotate.AnnotatedDoc{}, fmt.Errorf("annotations of %q: %w", docID, err)
	}
	defer tx.Rollback()
	return loadAnnotated(ctx, tx, docID)
}

func loadAnnotated(ctx context.Context, q querier, docID string) (annotate.AnnotatedDoc, error) {
	var ad annotate.AnnotatedDoc
	var err error
	if ad.Document, err = loadDocument(ctx, q, docID); err != nil {
		return ad, err
	}
	labels, err := docLabelsWhere(ctx, q, `doc = ?`, docID)
	if err != nil {
		return ad, fmt.Errorf("document %q: %w", docID, err)
	}
	for _, l := range labels {
		ad.Labels = append(ad.Labels, l.DocLabel)
	}
	if ad.Spans, err = spansWhere(ctx, q, `doc = ?`, docID); err != nil {
		return ad, fmt.Errorf("document %q: %w", docID, err)
	}
	if ad.Relations, err = relationsWhere(ctx, q, `doc = ?`, docID); err != nil {
		return ad, fmt.Errorf("document %q: %w", docID, err)
	}
	statuses, err := queryAll(ctx, q, "statuses", scanPair, `SELECT annotator, status FROM statuses WHERE doc = ?`, docID)
	if err != nil {
		return ad, fmt.Errorf("document %q: %w", docID, err)
	}
	for _, p := range statuses {
		if ad.Status == nil {
			ad.Status = map[string]annotate.Status{}
		}
		ad.Status[p[0]] = annotate.Status(p[1])
	}
	return ad, nil
}
