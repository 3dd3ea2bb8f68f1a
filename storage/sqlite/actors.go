package sqlite

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"frametag/annotate"
)

// The actor registry (format 5): the actors table, and spans.actor linking
// a mention to its entry.

const actorColumns = `id, name, kind, aliases, description, external_id`

func scanActor(r scanner) (annotate.ActorEntry, error) {
	var a annotate.ActorEntry
	var aliases sql.NullString
	if err := r.Scan(&a.ID, &a.Name, &a.Kind, &aliases, &a.Description, &a.ExternalID); err != nil {
		return a, err
	}
	if aliases.Valid && aliases.String != "" {
		if err := json.Unmarshal([]byte(aliases.String), &a.Aliases); err != nil {
			return a, fmt.Errorf("actor %s: stored aliases %q: %w", a.ID, aliases.String, err)
		}
	}
	return a, nil
}

func actorsWhere(ctx context.Context, q querier, where string, args ...any) ([]annotate.ActorEntry, error) {
	return queryAll(ctx, q, "load actors", scanActor, `SELECT `+actorColumns+` FROM actors WHERE `+where+` ORDER BY name_key, id`, args...)
}

func oneActor(ctx context.Context, q querier, where string, args ...any) (annotate.ActorEntry, bool, error) {
	as, err := actorsWhere(ctx, q, where, args...)
	if err != nil || len(as) == 0 {
		return annotate.ActorEntry{}, false, err
	}
	return as[0], true, nil
}

func putActor(ctx context.Context, q querier, a annotate.ActorEntry) error {
	var aliases any
	if len(a.Aliases) > 0 {
		b, err := json.Marshal(a.Aliases)
		if err != nil {
			return fmt.Errorf("actor %s: %w", a.ID, err)
		}
		aliases = string(b)
	}
	_, err := q.ExecContext(ctx, `INSERT INTO actors (id, name, name_key, kind, aliases, description, external_id)
		VALUES (?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (id) DO UPDATE SET name = excluded.name, name_key = excluded.name_key, kind = excluded.kind,
			aliases = excluded.aliases, description = excluded.description, external_id = excluded.external_id`,
		a.ID, a.Name, annotate.ActorKey(a.Name), a.Kind, aliases, a.Description, a.ExternalID)
	if isUnique(err) {
		return annotate.Errorf(annotate.EConflict, "actor %q: the registry already has that name", a.Name)
	}
	if err != nil {
		return fmt.Errorf("store actor %s: %w", a.ID, err)
	}
	return nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}

func (s txState) Actor(ctx context.Context, id string) (annotate.ActorEntry, bool, error) {
	return oneActor(ctx, s.tx, `id = ?`, id)
}

func (s txState) ActorNamed(ctx context.Context, key string) (annotate.ActorEntry, bool, error) {
	return oneActor(ctx, s.tx, `name_key = ?`, key)
}

func (s txState) PutActor(ctx context.Context, a annotate.ActorEntry) error {
	return putActor(ctx, s.tx, a)
}

func (s txState) DeleteActor(ctx context.Context, id string) error {
	if _, err := s.tx.ExecContext(ctx, `DELETE FROM actors WHERE id = ?`, id); err != nil {
		return fmt.Errorf("delete actor %s: %w", id, err)
	}
	return nil
}

func (s txState) ActorSpans(ctx context.Context, id string) ([]annotate.SpanRef, error) {
	return actorMentions(ctx, s.tx, id)
}

func actorMentions(ctx context.Context, q querier, id string) ([]annotate.SpanRef, error) {
	return queryAll(ctx, q, "load an actor's mentions", func(r scanner) (annotate.SpanRef, error) {
		var ref annotate.SpanRef
		return ref, r.Scan(&ref.Doc, &ref.Span)
	}, `SELECT doc, id FROM spans WHERE actor = ? ORDER BY doc_pos, start, "end" DESC, id`, id)
}

func (s txState) SetSpanActor(ctx context.Context, doc, span, actor string) error {
	if _, err := s.tx.ExecContext(ctx, `UPDATE spans SET actor = ? WHERE id = ? AND doc = ?`, nullIfEmpty(actor), span, doc); err != nil {
		return fmt.Errorf("link span %s: %w", span, err)
	}
	return nil
}

// Actors lists the registry's entries by name.
func (s *Store) Actors(ctx context.Context) (_ []annotate.ActorEntry, err error) {
	defer s.failed(&err)
	return actorsWhere(ctx, s.db, `1`)
}

// ActorUse counts each entry's mentions and the documents they are in.
func (s *Store) ActorUse(ctx context.Context) (_ map[string]annotate.ActorUse, err error) {
	defer s.failed(&err)
	rows, err := queryAll(ctx, s.db, "count actor mentions", func(r scanner) (annotate.ActorUse, error) {
		var u annotate.ActorUse
		return u, r.Scan(&u.ID, &u.Mentions, &u.Documents)
	}, `SELECT actor, count(*), count(DISTINCT doc_pos) FROM spans WHERE actor IS NOT NULL GROUP BY actor`)
	if err != nil {
		return nil, err
	}
	out := make(map[string]annotate.ActorUse, len(rows))
	for _, u := range rows {
		out[u.ID] = u
	}
	return out, nil
}

// ActorMentions are the spans linked to an entry, in document and reading
// order.
func (s *Store) ActorMentions(ctx context.Context, id string) (_ []annotate.SpanRef, err error) {
	defer s.failed(&err)
	return actorMentions(ctx, s.db, id)
}

// linkActorNames turns every actor span's canonical_name attribute into a
// link to the entry of that name (annotate.ActorKey), making the entries
// the registry lacks (annotate.ActorFromMention: the name, the label most
// of its mentions carry, their texts as aliases), and takes the attribute
// off. Migration 0005 runs it over the spans of format 4; an import and a
// merge over the spans they add (stored spans never hold the attribute).
func linkActorNames(ctx context.Context, tx *sql.Tx) error {
	type mention struct {
		doc, id, label, name, text string
		attrs                      annotate.Attrs
	}
	rows, err := queryAll(ctx, tx, "link actor names", func(r scanner) (mention, error) {
		var m mention
		var attrs sql.NullString
		var text sql.NullString
		if err := r.Scan(&m.doc, &m.id, &m.label, &attrs, &text); err != nil {
			return m, err
		}
		a, err := decodeAttrs(attrs)
		if err != nil {
			return m, err
		}
		m.attrs, m.text = a, text.String
		m.name, _ = a[annotate.ActorNameAttr].(string)
		return m, nil
	}, `SELECT s.doc, s.id, s.label, s.attrs,
			CASE WHEN s.fragments LIKE '[[%]]' AND s.fragments NOT LIKE '%],[%' THEN substr(d.text, s.start + 1, s."end" - s.start) END
		FROM spans s JOIN documents d ON d.id = s.doc
		WHERE s.layer = ? AND s.attrs LIKE '%"`+annotate.ActorNameAttr+`"%'
		ORDER BY s.doc_pos, s.start`, annotate.ActorLayer)
	if err != nil || len(rows) == 0 {
		return err
	}
	sc, err := loadSchema(ctx, tx)
	if err != nil {
		return err
	}
	kindAt := map[string]int{}
	if layer, ok := sc.Layer(annotate.ActorLayer); ok {
		for i, l := range layer.Labels {
			kindAt[l.Name] = i + 1
		}
	}
	rank := func(k string) int { return cmp.Or(kindAt[k], len(kindAt)+1) }
	type group struct {
		name         string
		kinds, texts map[string]int
		textOrder    []string
	}
	groups := map[string]*group{}
	var order []string
	for _, m := range rows {
		key := annotate.ActorKey(m.name)
		if key == "" {
			continue
		}
		g := groups[key]
		if g == nil {
			g = &group{name: m.name, kinds: map[string]int{}, texts: map[string]int{}}
			groups[key] = g
			order = append(order, key)
		}
		g.kinds[m.label]++
		if t := strings.Join(strings.Fields(m.text), " "); t != "" {
			if g.texts[t] == 0 {
				g.textOrder = append(g.textOrder, t)
			}
			g.texts[t]++
		}
	}
	ids := make(map[string]string, len(groups))
	for _, key := range order {
		g := groups[key]
		if a, ok, err := oneActor(ctx, tx, `name_key = ?`, key); err != nil {
			return err
		} else if ok {
			ids[key] = a.ID
			continue
		}
		kind := ""
		for k, n := range g.kinds {
			if best := g.kinds[kind]; kind == "" || n > best || (n == best && (rank(k) < rank(kind) || rank(k) == rank(kind) && k < kind)) {
				kind = k
			}
		}
		slices.SortStableFunc(g.textOrder, func(a, b string) int { return cmp.Compare(g.texts[b], g.texts[a]) })
		a := annotate.ActorFromMention(g.name, kind, "")
		seen := map[string]bool{key: true}
		for _, t := range g.textOrder {
			if k := annotate.ActorKey(t); !seen[k] && len(a.Aliases) < 20 {
				seen[k] = true
				a.Aliases = append(a.Aliases, t)
			}
		}
		a.ID = annotate.NewID("a")
		if err := putActor(ctx, tx, a); err != nil {
			return err
		}
		ids[key] = a.ID
	}
	stmt, err := tx.PrepareContext(ctx, `UPDATE spans SET actor = ?, attrs = ? WHERE id = ? AND doc = ?`)
	if err != nil {
		return fmt.Errorf("link actor names: %w", err)
	}
	defer stmt.Close()
	for _, m := range rows {
		delete(m.attrs, annotate.ActorNameAttr)
		attrs, err := encodeAttrs(m.attrs)
		if err != nil {
			return err
		}
		if _, err := stmt.ExecContext(ctx, nullIfEmpty(ids[annotate.ActorKey(m.name)]), attrs, m.id, m.doc); err != nil {
			return fmt.Errorf("link actor names: span %s: %w", m.id, err)
		}
	}
	return nil
}
