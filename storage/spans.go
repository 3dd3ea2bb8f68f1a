package storage

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"

	"frametag/annotate"
)

// spanColumns is the column list every span query reads, in scanSpan's order.
const spanColumns = `id, doc, layer, label, fragments, attrs, note, annotator, created, updated`

// encodeFragments writes fragments as [[start,end],...]: compact, and quick to
// read back without reflection.
func encodeFragments(frags []annotate.Fragment) string {
	b := make([]byte, 0, 2+len(frags)*12)
	b = append(b, '[')
	for i, f := range frags {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = strconv.AppendInt(b, int64(f.Start), 10)
		b = append(b, ',')
		b = strconv.AppendInt(b, int64(f.End), 10)
		b = append(b, ']')
	}
	return string(append(b, ']'))
}

// decodeFragments reads what encodeFragments wrote.
func decodeFragments(s string) ([]annotate.Fragment, error) {
	var pairs [][2]int
	if err := json.Unmarshal([]byte(s), &pairs); err != nil {
		return nil, fmt.Errorf("stored fragments %q: %w", s, err)
	}
	frags := make([]annotate.Fragment, len(pairs))
	for i, p := range pairs {
		frags[i] = annotate.Fragment{Start: p[0], End: p[1]}
	}
	return frags, nil
}

// encodeAttrs stores no attributes as NULL.
func encodeAttrs(a annotate.Attrs) (any, error) {
	if len(a) == 0 {
		return nil, nil
	}
	b, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encode attributes: %w", err)
	}
	return string(b), nil
}

func decodeAttrs(s sql.NullString) (annotate.Attrs, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	var raw annotate.Attrs
	if err := json.Unmarshal([]byte(s.String), &raw); err != nil {
		return nil, fmt.Errorf("stored attributes %q: %w", s.String, err)
	}
	return raw.Normalize()
}

// scanner is a *sql.Row or *sql.Rows.
type scanner interface{ Scan(dest ...any) error }

func scanSpan(r scanner) (annotate.Span, error) {
	var sp annotate.Span
	var frags, created, updated string
	var attrs sql.NullString
	if err := r.Scan(&sp.ID, &sp.DocID, &sp.Layer, &sp.Label, &frags, &attrs, &sp.Note, &sp.Annotator, &created, &updated); err != nil {
		return sp, err
	}
	return finishSpan(sp, frags, attrs, created, updated)
}

func finishSpan(sp annotate.Span, frags string, attrs sql.NullString, created, updated string) (annotate.Span, error) {
	var err error
	if sp.Fragments, err = decodeFragments(frags); err != nil {
		return sp, fmt.Errorf("span %s: %w", sp.ID, err)
	}
	if sp.Attrs, err = decodeAttrs(attrs); err != nil {
		return sp, fmt.Errorf("span %s: %w", sp.ID, err)
	}
	if sp.Created, err = parseTime(created); err != nil {
		return sp, fmt.Errorf("span %s: %w", sp.ID, err)
	}
	if sp.Updated, err = parseTime(updated); err != nil {
		return sp, fmt.Errorf("span %s: %w", sp.ID, err)
	}
	return sp, nil
}

// errNotFound marks a lookup of something that is not there.
var errNotFound = errors.New("not found")

func getSpan(ctx context.Context, q querier, id string) (annotate.Span, error) {
	sp, err := scanSpan(q.QueryRowContext(ctx, `SELECT `+spanColumns+` FROM spans WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return sp, fmt.Errorf("span %s: %w", id, errNotFound)
	}
	if err != nil {
		return sp, fmt.Errorf("load span %s: %w", id, err)
	}
	return sp, nil
}

// spansWhere returns the spans a WHERE clause selects, in annotate.SortSpans
// order.
func spansWhere(ctx context.Context, q querier, where string, args ...any) ([]annotate.Span, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+spanColumns+` FROM spans WHERE `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("load spans: %w", err)
	}
	defer rows.Close()
	var out []annotate.Span
	for rows.Next() {
		sp, err := scanSpan(rows)
		if err != nil {
			return nil, fmt.Errorf("load spans: %w", err)
		}
		out = append(out, sp)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("load spans: %w", err)
	}
	annotate.SortSpans(out)
	return out, nil
}

const insertSpanSQL = `INSERT INTO spans (` + spanColumns + `, start, "end") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// spanArgs are insertSpanSQL's arguments for sp.
func spanArgs(sp annotate.Span) ([]any, error) {
	attrs, err := encodeAttrs(sp.Attrs)
	if err != nil {
		return nil, fmt.Errorf("span %s: %w", sp.ID, err)
	}
	return []any{sp.ID, sp.DocID, sp.Layer, sp.Label, encodeFragments(sp.Fragments), attrs, sp.Note,
		sp.Annotator, formatTime(sp.Created), formatTime(sp.Updated), sp.Start(), sp.End()}, nil
}

func insertSpan(ctx context.Context, q querier, sp annotate.Span) error {
	args, err := spanArgs(sp)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, insertSpanSQL, args...); err != nil {
		return fmt.Errorf("span %s: %w", sp.ID, err)
	}
	return nil
}

func updateSpanRow(ctx context.Context, q querier, sp annotate.Span) error {
	attrs, err := encodeAttrs(sp.Attrs)
	if err != nil {
		return fmt.Errorf("span %s: %w", sp.ID, err)
	}
	_, err = q.ExecContext(ctx, `UPDATE spans SET layer = ?, label = ?, fragments = ?, attrs = ?, note = ?,
		annotator = ?, created = ?, updated = ?, start = ?, "end" = ? WHERE id = ?`,
		sp.Layer, sp.Label, encodeFragments(sp.Fragments), attrs, sp.Note, sp.Annotator,
		formatTime(sp.Created), formatTime(sp.Updated), sp.Start(), sp.End(), sp.ID)
	if err != nil {
		return fmt.Errorf("span %s: %w", sp.ID, err)
	}
	return nil
}

// SpanCountByLabel is how many spans, of any annotator, carry label in layer:
// what deleting the label would remove.
func (s *Store) SpanCountByLabel(layer, label string) (int, error) {
	var n int
	err := s.db.QueryRow(`SELECT count(*) FROM spans WHERE layer = ? AND label = ?`, layer, label).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count spans of %s/%s: %w", layer, label, err)
	}
	return n, nil
}

// SpanCountByLayer is how many spans, of any annotator, a layer holds.
func (s *Store) SpanCountByLayer(layer string) (int, error) {
	var n int
	if err := s.db.QueryRow(`SELECT count(*) FROM spans WHERE layer = ?`, layer).Scan(&n); err != nil {
		return 0, fmt.Errorf("count spans of %s: %w", layer, err)
	}
	return n, nil
}
