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
	return s.kept.schema.load(ctx, s.db)
}

// loadSchema reads and decodes the schema row.
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

// schemaCache keeps the schema last decoded: every edit's rules read the
// schema, and reading and decoding its 16 KB of JSON was a sixth of an
// edit's work. Only the version is read each time (another process may
// have changed the schema): every change of it is a schema edit, which
// raises the version (annotate.SetSchemaEdit), so the same version is the
// same schema.
type schemaCache struct {
	mu      sync.Mutex
	version int
	sc      *annotate.Schema
}

func (c *schemaCache) load(ctx context.Context, q querier) (annotate.Schema, error) {
	var version int
	if err := q.QueryRowContext(ctx, `SELECT version FROM schema WHERE id = 1`).Scan(&version); err != nil {
		return annotate.Schema{}, fmt.Errorf("load schema: %w", err)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.sc == nil || version != c.version {
		sc, err := loadSchema(ctx, q)
		if err != nil {
			return annotate.Schema{}, err
		}
		c.version, c.sc = sc.Version, &sc
	}
	// a copy: callers may change what they are given
	return c.sc.Clone(), nil
}

// forget drops the schema kept: a transaction that wrote a schema was
// rolled back, and a version it read may come again with another schema.
func (c *schemaCache) forget() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sc = nil
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
