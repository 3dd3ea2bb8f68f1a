package sqlite

import (
	"context"
	"fmt"

	"frametag/annotate"
)

const relationColumns = `id, doc, type, from_span, to_span, annotator, created, provenance`

func scanRelation(r scanner) (annotate.Relation, error) {
	var rel annotate.Relation
	var created string
	if err := r.Scan(&rel.ID, &rel.DocID, &rel.Type, &rel.From, &rel.To, &rel.Annotator, &created, &rel.Provenance); err != nil {
		return rel, err
	}
	t, err := parseTime(created)
	if err != nil {
		return rel, fmt.Errorf("relation %s: %w", rel.ID, err)
	}
	rel.Created = t
	return rel, nil
}

// relationsWhere returns the relations a WHERE clause selects, in the order
// they were made (creation time, then id), which undo and redo preserve.
func relationsWhere(ctx context.Context, q querier, where string, args ...any) ([]annotate.Relation, error) {
	return queryAll(ctx, q, "load relations", scanRelation,
		`SELECT `+relationColumns+` FROM relations WHERE `+where+` ORDER BY created, id`, args...)
}

const insertRelationSQL = `INSERT INTO relations (` + relationColumns + `) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

func relationArgs(r annotate.Relation) []any {
	return []any{r.ID, r.DocID, r.Type, r.From, r.To, r.Annotator, formatTime(r.Created), r.Provenance}
}

func insertRelation(ctx context.Context, q querier, r annotate.Relation) error {
	if _, err := q.ExecContext(ctx, insertRelationSQL, relationArgs(r)...); err != nil {
		return fmt.Errorf("relation %s: %w", r.ID, err)
	}
	return nil
}
