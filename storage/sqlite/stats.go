package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"

	"frametag/annotate"
)

// Stats counts documents, statuses, annotations per layer and label, and
// each annotator's work, from one snapshot.
func (s *Store) Stats(ctx context.Context) (_ annotate.Stats, err error) {
	defer s.failed(&err)
	tx, err := s.db.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return annotate.Stats{}, fmt.Errorf("stats: %w", err)
	}
	defer tx.Rollback()
	var st annotate.Stats
	sc, err := loadSchema(ctx, tx)
	if err != nil {
		return st, err
	}
	if err := tx.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM relations)`).
		Scan(&st.Documents, &st.Relations); err != nil {
		return st, fmt.Errorf("stats: %w", err)
	}
	spanCounts, err := tripleCounts(ctx, tx, `SELECT layer, label, count(*) FROM spans GROUP BY layer, label`)
	if err != nil {
		return st, err
	}
	labelCounts, err := tripleCounts(ctx, tx, `SELECT layer, label, count(*) FROM doc_labels GROUP BY layer, label`)
	if err != nil {
		return st, err
	}
	st.Layers = layerStats(&sc, spanCounts, labelCounts)

	people := map[string]*annotate.AnnotatorStats{}
	person := func(name string) *annotate.AnnotatorStats {
		if p, ok := people[name]; ok {
			return p
		}
		p := &annotate.AnnotatorStats{Name: name, Statuses: map[annotate.Status]int{}}
		people[name] = p
		return p
	}
	perAnnotator := []struct {
		query string
		add   func(p *annotate.AnnotatorStats, key string, n int)
	}{
		{`SELECT annotator, '', count(*) FROM spans GROUP BY annotator`, func(p *annotate.AnnotatorStats, _ string, n int) { p.Spans = n }},
		{`SELECT annotator, '', count(*) FROM relations GROUP BY annotator`, func(p *annotate.AnnotatorStats, _ string, n int) { p.Relations = n }},
		{`SELECT annotator, '', count(*) FROM doc_labels GROUP BY annotator`, func(p *annotate.AnnotatorStats, _ string, n int) { p.DocLabels = n }},
		{`SELECT annotator, status, count(*) FROM statuses GROUP BY annotator, status`, func(p *annotate.AnnotatorStats, status string, n int) {
			p.Statuses[annotate.Status(status)] += n
		}},
	}
	for _, q := range perAnnotator {
		counts, err := tripleCounts(ctx, tx, q.query)
		if err != nil {
			return st, err
		}
		for _, c := range counts {
			q.add(person(c.a), c.b, c.n)
		}
	}
	for _, p := range people {
		recorded := 0
		for status, n := range p.Statuses {
			if status != annotate.StatusTodo {
				recorded += n
			}
		}
		p.Statuses[annotate.StatusTodo] = st.Documents - recorded
		st.Annotators = append(st.Annotators, *p)
	}
	sort.Slice(st.Annotators, func(i, j int) bool { return st.Annotators[i].Name < st.Annotators[j].Name })
	return st, nil
}

type triple struct {
	a, b string
	n    int
}

func tripleCounts(ctx context.Context, q querier, query string) ([]triple, error) {
	return queryAll(ctx, q, "stats", func(r scanner) (triple, error) {
		var t triple
		return t, r.Scan(&t.a, &t.b, &t.n)
	}, query)
}

func layerStats(sc *annotate.Schema, spanCounts, labelCounts []triple) []annotate.LayerStats {
	count := map[[2]string]int{}
	for _, t := range append(append([]triple(nil), spanCounts...), labelCounts...) {
		count[[2]string{t.a, t.b}] += t.n
	}
	seen := map[[2]string]bool{}
	var out []annotate.LayerStats
	for _, l := range sc.Layers {
		ls := annotate.LayerStats{Layer: l.Name, Kind: l.Kind}
		for _, lb := range l.Labels {
			key := [2]string{l.Name, lb.Name}
			seen[key] = true
			ls.Labels = append(ls.Labels, annotate.LabelCount{Label: lb.Name, Count: count[key]})
			ls.Count += count[key]
		}
		out = append(out, ls)
	}
	// Strays: annotations whose layer or label the schema lacks.
	for _, t := range append(append([]triple(nil), spanCounts...), labelCounts...) {
		key := [2]string{t.a, t.b}
		if seen[key] {
			continue
		}
		seen[key] = true
		i := 0
		for i < len(out) && out[i].Layer != t.a {
			i++
		}
		if i == len(out) {
			out = append(out, annotate.LayerStats{Layer: t.a})
		}
		out[i].Labels = append(out[i].Labels, annotate.LabelCount{Label: t.b, Count: count[key]})
		out[i].Count += count[key]
	}
	return out
}
