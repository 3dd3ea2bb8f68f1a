package sqlite

import (
	"context"
	"fmt"

	"frametag/annotate"
)

// Search finds text or spans across the project (annotate.SearchService):
// the filters in SQL, the text by annotate.Matcher over each document's
// text, read one document at a time.
func (s *Store) Search(ctx context.Context, q annotate.SearchQuery) (_ []annotate.SearchHit, more bool, err error) {
	defer s.failed(&err)
	if q.Empty() {
		return nil, false, nil
	}
	var m *annotate.Matcher
	if q.Text != "" {
		if m, err = annotate.NewMatcher(q.Text, q.Regexp); err != nil {
			return nil, false, err
		}
	}
	docs := &docCache{s: s}
	if q.Spans() {
		return s.searchSpans(ctx, q, m, docs)
	}
	return s.searchText(ctx, q, m)
}

// statusFilter is the SQL condition (on a document id column col) and its
// arguments that keep the documents with q's status.
func statusFilter(q annotate.SearchQuery, col string) (string, []any) {
	switch {
	case q.Status == "":
		return "1", nil
	case q.Status == annotate.StatusTodo && q.Annotator != "":
		return col + ` NOT IN (SELECT doc FROM statuses WHERE annotator = ? AND status != 'todo')`, []any{q.Annotator}
	case q.Status == annotate.StatusTodo:
		return col + ` NOT IN (SELECT doc FROM statuses WHERE status != 'todo')`, nil
	case q.Annotator != "":
		return col + ` IN (SELECT doc FROM statuses WHERE annotator = ? AND status = ?)`, []any{q.Annotator, string(q.Status)}
	default:
		return col + ` IN (SELECT doc FROM statuses WHERE status = ?)`, []any{string(q.Status)}
	}
}

func (s *Store) searchSpans(ctx context.Context, q annotate.SearchQuery, m *annotate.Matcher, docs *docCache) ([]annotate.SearchHit, bool, error) {
	cond, args := statusFilter(q, "doc")
	spans, err := queryAll(ctx, s.db, "search spans", scanSpan, `SELECT `+spanColumns+` FROM spans
		WHERE (?1 = '' OR layer = ?1) AND (?2 = '' OR label = ?2) AND (?3 = '' OR annotator = ?3) AND `+
		renumber(cond, 4)+` ORDER BY doc_pos, start, "end", id`, append([]any{q.Layer, q.Label, q.Annotator}, args...)...)
	if err != nil {
		return nil, false, err
	}
	var hits []annotate.SearchHit
	for _, sp := range spans {
		if q.Bare && m == nil {
			if len(hits) == q.Max() {
				return hits, true, nil
			}
			hits = append(hits, annotate.SearchHit{DocID: sp.DocID, At: annotate.Fragment{Start: sp.Start(), End: sp.End()},
				SpanID: sp.ID, Layer: sp.Layer, Label: sp.Label, Annotator: sp.Annotator})
			continue
		}
		d, err := docs.get(ctx, sp.DocID)
		if err != nil {
			return nil, false, err
		}
		if m != nil {
			t, err := d.ix.SpanText(sp.Fragments)
			if err != nil || !m.Matches(t) {
				continue
			}
		}
		if len(hits) == q.Max() {
			return hits, true, nil
		}
		at := annotate.Fragment{Start: sp.Start(), End: sp.End()}
		h := annotate.SearchHit{DocID: sp.DocID, Title: d.title, At: at, SpanID: sp.ID, Layer: sp.Layer, Label: sp.Label, Annotator: sp.Annotator}
		h.Before, h.Text, h.After = annotate.InContext(d.ix, at)
		hits = append(hits, h)
	}
	return hits, false, nil
}

func (s *Store) searchText(ctx context.Context, q annotate.SearchQuery, m *annotate.Matcher) ([]annotate.SearchHit, bool, error) {
	cond, args := statusFilter(q, "id")
	like := "%"
	if lit := m.Literal(); lit != "" && isASCII(lit) {
		// SQLite's LIKE folds ASCII case only: a prefilter for plain ASCII
		// words, which Matcher checks again
		like = "%" + escapeLike(lit) + "%"
	}
	rows, err := s.db.QueryContext(ctx, `SELECT id, title, text FROM documents WHERE text LIKE ?1 ESCAPE '\' AND `+
		renumber(cond, 2)+` ORDER BY position`, append([]any{like}, args...)...)
	if err != nil {
		return nil, false, fmt.Errorf("search documents: %w", err)
	}
	defer rows.Close()
	var hits []annotate.SearchHit
	for rows.Next() {
		var id, title, text string
		if err := rows.Scan(&id, &title, &text); err != nil {
			return nil, false, fmt.Errorf("search documents: %w", err)
		}
		found := m.Find(text, q.Max()-len(hits)+1)
		if len(found) == 0 {
			continue
		}
		ix := annotate.NewTextIndex(text)
		for _, f := range found {
			if len(hits) == q.Max() {
				return hits, true, nil
			}
			h := annotate.SearchHit{DocID: id, Title: title, At: f}
			h.Before, h.Text, h.After = annotate.InContext(ix, f)
			hits = append(hits, h)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, false, fmt.Errorf("search documents: %w", err)
	}
	return hits, false, nil
}

// renumber turns the ? of an SQL condition into numbered parameters from
// ?n on, so that it can follow numbered ones.
func renumber(cond string, n int) string {
	out := make([]byte, 0, len(cond)+8)
	for i := 0; i < len(cond); i++ {
		if cond[i] == '?' {
			out = append(out, fmt.Sprintf("?%d", n)...)
			n++
			continue
		}
		out = append(out, cond[i])
	}
	return string(out)
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// docCache holds the last document a span search read.
type docCache struct {
	s     *Store
	id    string
	title string
	ix    *annotate.TextIndex
}

func (c *docCache) get(ctx context.Context, id string) (*docCache, error) {
	if c.id == id && c.ix != nil {
		return c, nil
	}
	d, err := loadDocument(ctx, c.s.db, id)
	if err != nil {
		return nil, err
	}
	c.id, c.title, c.ix = id, d.Title, annotate.NewTextIndex(d.Text)
	return c, nil
}
