package sqlite

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"

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
	return s.schemas.load(ctx, s.db)
}

func loadSchema(ctx context.Context, q querier) (annotate.Schema, error) {
	var c schemaCache
	return c.load(ctx, q)
}

// schemaCache keeps the schema last decoded: every edit's rules read the
// schema, and decoding its JSON was a sixth of an edit's work. The row is
// still read each time (another process may have changed it) and decoded
// again only when its text differs.
type schemaCache struct {
	mu      sync.Mutex
	body    string
	version int
	sc      annotate.Schema
}

func (c *schemaCache) load(ctx context.Context, q querier) (annotate.Schema, error) {
	var body string
	var version int
	if err := q.QueryRowContext(ctx, `SELECT version, body FROM schema WHERE id = 1`).Scan(&version, &body); err != nil {
		return annotate.Schema{}, fmt.Errorf("load schema: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if body != c.body || version != c.version || c.body == "" {
		var sc annotate.Schema
		if err := json.Unmarshal([]byte(body), &sc); err != nil {
			return annotate.Schema{}, fmt.Errorf("load schema: %w", err)
		}
		sc.Version = version
		c.body, c.version, c.sc = body, version, sc
	}
	// a copy: callers may change what they are given
	return c.sc.Clone(), nil
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
