package report

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"frametag/annotate/findings"
)

// maxHTMLRows bounds each table in index.html, so that the page opens
// quickly on a large project; the CSV files hold every row.
const maxHTMLRows = 1000

// Page is what index.html shows.
type Page struct {
	Title    string
	Subtitle string
	Findings findings.Findings
	Charts   []Chart
	// SVG holds each chart's SVG by chart name.
	SVG map[string][]byte
}

type htmlTable struct {
	Name, Title, File string
	Header            []string
	Rows              [][]string
	Numeric           int // columns from this index on are counts
	Shown, Total      int
	Charts            []htmlChart
}

type htmlChart struct {
	Name, Title, Note string
	SVG               template.HTML
}

// HTML renders index.html: one self-contained page (no scripts, no
// external files) with every table and every chart as inline SVG.
func HTML(p Page) ([]byte, error) {
	charts := map[string]htmlChart{}
	for _, c := range p.Charts {
		svg := string(p.SVG[c.Name])
		if i := strings.Index(svg, "<svg"); i >= 0 {
			svg = svg[i:]
		}
		charts[c.Name] = htmlChart{Name: c.Name, Title: c.Title, Note: c.Note, SVG: template.HTML(svg)}
	}
	var tables []htmlTable
	for _, t := range p.Findings.Tables() {
		ht := htmlTable{Name: t.Name, Title: t.Title, File: t.Name + ".csv", Header: t.Header, Rows: t.Rows,
			Shown: len(t.Rows), Total: len(t.Rows), Numeric: 1}
		switch t.Name {
		case "who-claims-what":
			ht.Numeric = len(t.Header)
		case "labels":
			ht.Numeric = 3
		}
		if len(ht.Rows) > maxHTMLRows {
			ht.Rows, ht.Shown = ht.Rows[:maxHTMLRows], maxHTMLRows
		}
		if c, ok := charts[t.Name]; ok {
			ht.Charts = append(ht.Charts, c)
		}
		if t.Name == "labels" {
			for _, c := range p.Charts {
				if strings.HasPrefix(c.Name, "labels-") {
					ht.Charts = append(ht.Charts, charts[c.Name])
				}
			}
		}
		tables = append(tables, ht)
	}
	var buf bytes.Buffer
	err := page.Execute(&buf, struct {
		Title, Subtitle string
		Tables          []htmlTable
	}{p.Title, p.Subtitle, tables})
	return buf.Bytes(), err
}

var page = template.Must(template.New("index").Funcs(template.FuncMap{
	"num":  func(i, from int) bool { return i >= from },
	"zero": func(s string) bool { return s == "0" },
	"count": func(n int) string {
		s := fmt.Sprint(n)
		for i := len(s) - 3; i > 0; i -= 3 {
			s = s[:i] + "," + s[i:]
		}
		return s
	},
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{.Title}}</title>
<style>
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2em auto; max-width: 80em; padding: 0 1em; color: #1e1e1e; background: #fff; line-height: 1.4; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.25em; margin-top: 2.2em; border-bottom: 1px solid #ccc; }
.sub, .note { color: #555; }
nav li { margin: .15em 0; }
figure { margin: 1em 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #555; font-size: .9em; }
.scroll { overflow-x: auto; max-height: 40em; overflow-y: auto; border: 1px solid #ddd; }
table { border-collapse: collapse; font-size: .85em; }
th, td { padding: .25em .5em; border-bottom: 1px solid #eee; text-align: left; vertical-align: top; }
th { position: sticky; top: 0; background: #f4f4f4; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
td.z { color: #bbb; }
@media print { .scroll { max-height: none; overflow: visible; border: none; } th { position: static; } }
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<p class="sub">{{.Subtitle}}</p>
<nav><ul>{{range .Tables}}<li><a href="#{{.Name}}">{{.Title}}</a> ({{.File}})</li>{{end}}</ul></nav>
{{range .Tables}}
<section id="{{.Name}}">
<h2>{{.Title}}</h2>
<p class="note">{{count .Total}} rows{{if lt .Shown .Total}}; the first {{count .Shown}} are shown here{{end}}. Every row is in <a href="{{.File}}">{{.File}}</a>.</p>
{{range .Charts}}<figure id="chart-{{.Name}}">{{.SVG}}<figcaption>{{.Title}}{{if .Note}} ({{.Note}}){{end}}. Also {{.Name}}.png and {{.Name}}.svg.</figcaption></figure>
{{end}}{{$from := .Numeric}}
<div class="scroll"><table>
<thead><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr></thead>
<tbody>
{{range .Rows}}<tr>{{range $i, $c := .}}{{if num $i $from}}<td class="n{{if zero $c}} z{{end}}">{{$c}}</td>{{else}}<td>{{$c}}</td>{{end}}{{end}}</tr>
{{end}}</tbody>
</table></div>
</section>
{{end}}
</body>
</html>
`))
