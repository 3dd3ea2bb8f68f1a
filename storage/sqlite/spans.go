package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"frametag/annotate"
)

// spanColumns is the column list every span query reads, in scanSpan's order.
const spanColumns = `id, doc, layer, label, fragments, attrs, note, annotator, created, updated, provenance, actor`

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

// decodeFragments reads what encodeFragments wrote, by hand since it is on
// the export's hot path, and any other JSON spelling of the same pairs
// (`[[0, 5]]` with spaces, as another tool or a hand edit writes) through
// encoding/json.
func decodeFragments(s string) ([]annotate.Fragment, error) {
	if frags, err := decodeCompactFragments(s); err == nil {
		return frags, nil
	}
	bad := func() ([]annotate.Fragment, error) { return nil, fmt.Errorf("stored fragments %q: malformed", s) }
	var pairs [][]int
	if err := json.Unmarshal([]byte(s), &pairs); err != nil || pairs == nil {
		return bad()
	}
	frags := make([]annotate.Fragment, len(pairs))
	for i, p := range pairs {
		if len(p) != 2 || p[0] < 0 || p[1] < 0 {
			return bad()
		}
		frags[i] = annotate.Fragment{Start: p[0], End: p[1]}
	}
	return frags, nil
}

// decodeCompactFragments reads encodeFragments' own spelling, without
// reflection.
func decodeCompactFragments(s string) ([]annotate.Fragment, error) {
	bad := func() ([]annotate.Fragment, error) { return nil, fmt.Errorf("stored fragments %q: malformed", s) }
	if s == "[]" {
		return []annotate.Fragment{}, nil
	}
	frags := make([]annotate.Fragment, 0, 1+strings.Count(s, "],["))
	i := 0
	expect := func(c byte) bool {
		if i < len(s) && s[i] == c {
			i++
			return true
		}
		return false
	}
	number := func() (int, bool) {
		j := i
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			j++
		}
		n, err := strconv.Atoi(s[i:j])
		i = j
		return n, err == nil
	}
	if !expect('[') {
		return bad()
	}
	for {
		if !expect('[') {
			return bad()
		}
		start, ok := number()
		if !ok || !expect(',') {
			return bad()
		}
		end, ok := number()
		if !ok || !expect(']') {
			return bad()
		}
		frags = append(frags, annotate.Fragment{Start: start, End: end})
		if expect(']') {
			break
		}
		if !expect(',') {
			return bad()
		}
	}
	if i != len(s) {
		return bad()
	}
	return frags, nil
}

// encodeAttrs stores no attributes as NULL.
func encodeAttrs(a annotate.Attrs) (any, error) {
	if len(a) == 0 {
		return nil, nil
	}
	if s, ok := encodeSimpleAttrs(a); ok {
		return s, nil
	}
	b, err := json.Marshal(a)
	if err != nil {
		return nil, fmt.Errorf("encode attributes: %w", err)
	}
	return string(b), nil
}

// encodeSimpleAttrs writes what json.Marshal would (keys sorted, no spaces)
// for the common case: strings needing no escapes, booleans and lists of
// such strings. It reports false for anything else.
func encodeSimpleAttrs(a annotate.Attrs) (string, bool) {
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b := make([]byte, 0, 64)
	str := func(s string) bool {
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c < 0x20, c == '"', c == '\\', c == '<', c == '>', c == '&', c >= 0x80:
				return false // escapes, or UTF-8 json.Marshal might rewrite
			}
		}
		b = append(b, '"')
		b = append(b, s...)
		b = append(b, '"')
		return true
	}
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		if !str(k) {
			return "", false
		}
		b = append(b, ':')
		switch v := a[k].(type) {
		case string:
			if !str(v) {
				return "", false
			}
		case bool:
			b = strconv.AppendBool(b, v)
		case []string:
			b = append(b, '[')
			for j, x := range v {
				if j > 0 {
					b = append(b, ',')
				}
				if !str(x) {
					return "", false
				}
			}
			b = append(b, ']')
		default:
			return "", false
		}
	}
	return string(append(b, '}')), true
}

func decodeAttrs(s sql.NullString) (annotate.Attrs, error) {
	if !s.Valid || s.String == "" {
		return nil, nil
	}
	if a, ok := decodeSimpleAttrs(s.String); ok {
		return a, nil
	}
	var raw annotate.Attrs
	if err := json.Unmarshal([]byte(s.String), &raw); err != nil {
		return nil, fmt.Errorf("stored attributes %q: %w", s.String, err)
	}
	return raw.Normalize()
}

// decodeSimpleAttrs reads the common case of stored attributes without
// reflection: an object of strings, booleans and lists of strings, with no
// escapes and no spaces (as json.Marshal writes them). It reports false for
// anything else, which encoding/json then reads.
func decodeSimpleAttrs(s string) (annotate.Attrs, bool) {
	i := 0
	str := func() (string, bool) {
		if i >= len(s) || s[i] != '"' {
			return "", false
		}
		j := i + 1
		for j < len(s) && s[j] != '"' {
			if s[j] == '\\' {
				return "", false
			}
			j++
		}
		if j == len(s) {
			return "", false
		}
		v := s[i+1 : j]
		i = j + 1
		return v, true
	}
	next := func(c byte) bool {
		if i < len(s) && s[i] == c {
			i++
			return true
		}
		return false
	}
	if !next('{') {
		return nil, false
	}
	a := annotate.Attrs{}
	if next('}') {
		return a, i == len(s)
	}
	for {
		k, ok := str()
		if !ok || !next(':') {
			return nil, false
		}
		switch {
		case strings.HasPrefix(s[i:], "true"):
			a[k], i = true, i+4
		case strings.HasPrefix(s[i:], "false"):
			a[k], i = false, i+5
		case next('['):
			list := []string{}
			for !next(']') {
				if len(list) > 0 && !next(',') {
					return nil, false
				}
				v, ok := str()
				if !ok {
					return nil, false
				}
				list = append(list, v)
			}
			a[k] = list
		default:
			v, ok := str()
			if !ok {
				return nil, false
			}
			a[k] = v
		}
		if next('}') {
			return a, i == len(s)
		}
		if !next(',') {
			return nil, false
		}
	}
}

// scanner is a *sql.Row or *sql.Rows.
func scanSpan(r scanner) (annotate.Span, error) {
	var sp annotate.Span
	var frags, created, updated string
	var attrs, actor sql.NullString
	if err := r.Scan(&sp.ID, &sp.DocID, &sp.Layer, &sp.Label, &frags, &attrs, &sp.Note, &sp.Annotator, &created, &updated, &sp.Provenance, &actor); err != nil {
		return sp, err
	}
	sp.Actor = actor.String
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

// spansWhere returns the spans a WHERE clause selects, in annotate.SortSpans
// order.
func spansWhere(ctx context.Context, q querier, where string, args ...any) ([]annotate.Span, error) {
	out, err := queryAll(ctx, q, "load spans", scanSpan, `SELECT `+spanColumns+` FROM spans WHERE `+where, args...)
	if err != nil {
		return nil, err
	}
	annotate.SortSpans(out)
	return out, nil
}

// insertSpanSQL looks up the document's position for the clustering key.
const insertSpanSQL = `INSERT INTO spans (` + spanColumns + `, start, "end", doc_pos)
	VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, (SELECT position FROM documents WHERE id = ?2))`

// spanArgs are insertSpanSQL's arguments for sp.
func spanArgs(sp annotate.Span) ([]any, error) {
	attrs, err := encodeAttrs(sp.Attrs)
	if err != nil {
		return nil, fmt.Errorf("span %s: %w", sp.ID, err)
	}
	return []any{sp.ID, sp.DocID, sp.Layer, sp.Label, encodeFragments(sp.Fragments), attrs, sp.Note,
		sp.Annotator, formatTime(sp.Created), formatTime(sp.Updated), sp.Provenance, nullIfEmpty(sp.Actor), sp.Start(), sp.End()}, nil
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

// updateSpanRow rewrites a span in place; it reports false when the
// document holds no span with the id.
func updateSpanRow(ctx context.Context, q querier, sp annotate.Span) (bool, error) {
	attrs, err := encodeAttrs(sp.Attrs)
	if err != nil {
		return false, fmt.Errorf("span %s: %w", sp.ID, err)
	}
	res, err := q.ExecContext(ctx, `UPDATE spans SET layer = ?, label = ?, fragments = ?, attrs = ?, note = ?,
		annotator = ?, created = ?, updated = ?, provenance = ?, actor = ?, start = ?, "end" = ? WHERE id = ? AND doc = ?`,
		sp.Layer, sp.Label, encodeFragments(sp.Fragments), attrs, sp.Note, sp.Annotator,
		formatTime(sp.Created), formatTime(sp.Updated), sp.Provenance, nullIfEmpty(sp.Actor), sp.Start(), sp.End(), sp.ID, sp.DocID)
	if err != nil {
		return false, fmt.Errorf("span %s: %w", sp.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("span %s: %w", sp.ID, err)
	}
	return n > 0, nil
}

// SpanCountByLabel is how many spans, of any annotator, carry label in layer:
// what deleting the label would remove.
func (s *Store) SpanCountByLabel(ctx context.Context, layer, label string) (_ int, err error) {
	defer s.failed(&err)
	var n int
	err = s.db.QueryRowContext(ctx, `SELECT count(*) FROM spans WHERE layer = ? AND label = ?`, layer, label).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count spans of %s/%s: %w", layer, label, err)
	}
	return n, nil
}

// SpanCountByLayer is how many spans, of any annotator, a layer holds.
func (s *Store) SpanCountByLayer(ctx context.Context, layer string) (_ int, err error) {
	defer s.failed(&err)
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM spans WHERE layer = ?`, layer).Scan(&n); err != nil {
		return 0, fmt.Errorf("count spans of %s: %w", layer, err)
	}
	return n, nil
}
