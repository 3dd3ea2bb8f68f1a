package findings

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
)

// Table is a table as written to CSV: a header row and rows of cells.
type Table struct {
	// Name is the file stem ("who-claims-what"); Title says what it holds.
	Name, Title string
	Header      []string
	Rows        [][]string
}

// WriteCSV writes t as CSV (encoding/csv: RFC 4180 quoting, UTF-8, a
// header row), which Python's csv module and pandas read unmodified.
func (t Table) WriteCSV(w io.Writer) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(t.Header); err != nil {
		return err
	}
	if err := cw.WriteAll(t.Rows); err != nil {
		return err
	}
	return cw.Error()
}

// ClaimsHeader is who-claims-what's header.
var ClaimsHeader = []string{"actor", "actor_kind", "claim", "document", "source", "published", "techniques", "checkworthy", "annotator", "span"}

// ClaimsTable is who-claims-what.csv.
func (f Findings) ClaimsTable() Table {
	t := Table{Name: "who-claims-what", Title: "Who claims what", Header: ClaimsHeader}
	for _, c := range f.Claims {
		t.Rows = append(t.Rows, []string{c.Actor, c.ActorKind, c.Text, c.Document, c.Source, c.Published,
			strings.Join(c.Techniques, ";"), c.Checkworthy, c.Annotator, c.Span})
	}
	return t
}

// Table is the cross table as CSV: the row name, the row's total, then one
// column per label.
func (c CrossTab) Table() Table {
	t := Table{Name: c.Name, Title: c.Title, Header: append([]string{c.RowName, c.TotalName}, c.Cols...)}
	for i, r := range c.Rows {
		cells := make([]string, 0, 2+len(c.Cols))
		cells = append(cells, r, strconv.Itoa(c.Totals[i]))
		for _, n := range c.Counts[i] {
			cells = append(cells, strconv.Itoa(n))
		}
		t.Rows = append(t.Rows, cells)
	}
	return t
}

// LabelsTable is labels.csv.
func (f Findings) LabelsTable() Table {
	t := Table{Name: "labels", Title: "Labels used, per layer",
		Header: []string{"layer", "kind", "label", "count", "documents", "annotators"}}
	for _, u := range f.Labels {
		t.Rows = append(t.Rows, []string{u.Layer, string(u.Kind), u.Label,
			strconv.Itoa(u.Count), strconv.Itoa(u.Documents), strconv.Itoa(u.Annotators)})
	}
	return t
}

// Tables are every table of the report, in report order.
func (f Findings) Tables() []Table {
	out := []Table{f.ClaimsTable()}
	for _, c := range f.CrossTabs() {
		out = append(out, c.Table())
	}
	return append(out, f.LabelsTable())
}
