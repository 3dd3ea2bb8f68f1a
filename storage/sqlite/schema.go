package sqlite

import (
	"context"
	"encoding/json"
	"fmt"

	"frametag/annotate"
)

func encodeSchema(s annotate.Schema) (string, error) {
	b, err := json.Marshal(s)
	if err != nil {
		return "", fmt.Errorf("encode schema: %w", err)
	}
	return string(b), nil
}

// Schema returns the project's current schema.
func (s *Store) Schema(ctx context.Context) (_ annotate.Schema, err error) {
	defer s.failed(&err)
	return loadSchema(ctx, s.db)
}

func loadSchema(ctx context.Context, q querier) (annotate.Schema, error) {
	var body string
	var version int
	if err := q.QueryRowContext(ctx, `SELECT version, body FROM schema WHERE id = 1`).Scan(&version, &body); err != nil {
		return annotate.Schema{}, fmt.Errorf("load schema: %w", err)
	}
	var sc annotate.Schema
	if err := json.Unmarshal([]byte(body), &sc); err != nil {
		return annotate.Schema{}, fmt.Errorf("load schema: %w", err)
	}
	sc.Version = version
	return sc, nil
}

func saveSchema(ctx context.Context, q querier, sc annotate.Schema) error {
	body, err := encodeSchema(sc)
	if err != nil {
		return err
	}
	if _, err := q.ExecContext(ctx, `UPDATE schema SET version = ?, body = ? WHERE id = 1`, sc.Version, body); err != nil {
		return fmt.Errorf("save schema: %w", err)
	}
	return nil
}
