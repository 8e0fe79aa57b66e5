package main

import (
	"cmp"
	"fmt"
	"html/template"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening"
)

// outcomeOrder lists the outcomes from most to least severe; error records
// sit between review and allow.
var outcomeOrder = []string{"deny", "license_required", "review", outcomeError, "allow"}

var outcomeColor = map[string]string{
	"deny": "#b3261e", "license_required": "#d56b00", "review": "#c99400", outcomeError: "#6d6d6d", "allow": "#2e7d32",
}

func outcomeRank(o string) int {
	if i := slices.Index(outcomeOrder, o); i >= 0 {
		return i
	}
	return len(outcomeOrder)
}

// maxReportRows bounds the decisions the HTML table lists, and so the memory
// a run keeps for its report.
const maxReportRows = 10000

// stats accumulates what the summary and the report show, one decision at a
// time, in memory bounded by the number of distinct outcomes, reason codes
// and destinations (plus at most maxReportRows table rows).
type stats struct {
	requests int
	problems int // decisions (not error records) with fields the Screener could not read
	outcomes map[string]int
	reasons  map[string]int            // reason code -> requests with it
	hits     map[string]int            // list hits by strength ("confirmed", "potential") or "cleared"
	dests    map[string]map[string]int // destination -> outcome -> requests
	rows     []reportRow               // non-allow decisions, for the table
	omitted  int                       // non-allow decisions beyond maxReportRows
}

type reportRow struct {
	ID, Outcome, Destination, Reasons, Match, Detail string
	Score                                            float64
	Rank                                             int
}

func newStats() *stats {
	return &stats{outcomes: map[string]int{}, reasons: map[string]int{}, hits: map[string]int{}, dests: map[string]map[string]int{}}
}

// destinationKey is the destination of a request as an ISO code, or the text
// given when it does not resolve, or "(none)".
func destinationKey(text string) string {
	if text == "" {
		return "(none)"
	}
	if d, err := rules.ResolveDestination(text); err == nil {
		return d.String()
	}
	return text
}

func (s *stats) add(r *request, d *screening.Decision) {
	s.requests++
	s.outcomes[d.Outcome]++
	if d.Error != "" && d.Outcome != outcomeError {
		s.problems++
	}
	for _, m := range d.Matches {
		switch {
		case m.Suppressed != nil && m.Suppressed.Kind != screening.Confirmed:
			s.hits["cleared"]++
		case m.Strength != "":
			s.hits[m.Strength]++
		}
	}
	var codes []string
	for _, rs := range d.Reasons {
		if !slices.Contains(codes, rs.Code) {
			codes = append(codes, rs.Code)
			s.reasons[rs.Code]++
		}
	}
	dest := destinationKey(r.req.Destination)
	if s.dests[dest] == nil {
		s.dests[dest] = map[string]int{}
	}
	s.dests[dest][d.Outcome]++
	if d.Outcome == "allow" {
		return
	}
	if len(s.rows) >= maxReportRows {
		s.omitted++
		return
	}
	row := reportRow{ID: d.ID, Outcome: d.Outcome, Destination: dest, Reasons: strings.Join(codes, " "), Rank: outcomeRank(d.Outcome)}
	var best *screening.MatchRecord
	for i := range d.Matches {
		m := &d.Matches[i]
		if cleared := m.Suppressed != nil && m.Suppressed.Kind != screening.Confirmed; !cleared && (best == nil || m.Score > best.Score) {
			best = m
		}
	}
	if best != nil {
		row.Match = fmt.Sprintf("%s → %s [%s %s] %s", best.Party, best.EntryName, best.List, best.EntryID, best.Strength)
		row.Score = best.Score
	}
	switch {
	case d.Error != "":
		row.Detail = d.Error
	case len(d.Reasons) > 0:
		// The reason that set the outcome, else the first.
		row.Detail = d.Reasons[0].Message
		for _, rs := range d.Reasons {
			if rs.Outcome == d.Outcome {
				row.Detail = rs.Message
				break
			}
		}
	}
	s.rows = append(s.rows, row)
}

type count struct {
	Key string
	N   int
}

// sortedCounts returns m's entries by count, then key.
func sortedCounts(m map[string]int) []count {
	out := make([]count, 0, len(m))
	for k, n := range m {
		out = append(out, count{k, n})
	}
	slices.SortFunc(out, func(a, b count) int {
		return cmp.Or(cmp.Compare(b.N, a.N), cmp.Compare(a.Key, b.Key))
	})
	return out
}

// outcomeCounts returns the outcome counts in severity order, zeros left out.
func (s *stats) outcomeCounts() []count {
	var out []count
	for _, o := range outcomeOrder {
		if n := s.outcomes[o]; n > 0 {
			out = append(out, count{o, n})
		}
	}
	for _, c := range sortedCounts(s.outcomes) {
		if !slices.Contains(outcomeOrder, c.Key) {
			out = append(out, c)
		}
	}
	return out
}

// writeSummary prints the counts by outcome and by reason code.
func (s *stats) writeSummary(w io.Writer, elapsed time.Duration) {
	rate := 0.0
	if elapsed > 0 {
		rate = float64(s.requests) / elapsed.Seconds()
	}
	fmt.Fprintf(w, "screened %d requests in %s (%.0f requests/s)\n\n", s.requests, elapsed.Round(time.Millisecond), rate)
	fmt.Fprintf(w, "%-40s %9s\n", "outcome", "requests")
	for _, c := range s.outcomeCounts() {
		fmt.Fprintf(w, "%-40s %9d\n", c.Key, c.N)
	}
	if len(s.hits) > 0 {
		fmt.Fprintf(w, "\nlist hits: %d confirmed, %d potential (a reviewer decides), %d cleared by a reviewer\n",
			s.hits[screening.StrengthConfirmed], s.hits[screening.StrengthPotential], s.hits["cleared"])
	}
	if len(s.reasons) > 0 {
		fmt.Fprintf(w, "\n%-40s %9s\n", "reason code", "requests")
		for _, c := range sortedCounts(s.reasons) {
			fmt.Fprintf(w, "%-40s %9d\n", c.Key, c.N)
		}
	}
}

// Chart geometry.
const (
	chartLabelW = 260
	chartBarW   = 420
	chartRowH   = 22
	chartTop    = 6
	maxChartRow = 15
)

type bar struct {
	Label, Title string
	Y, TextY     int
	Segs         []seg
	N            int
	NX           int
}

type seg struct {
	X, W  float64
	Color string
	Title string
}

type chart struct {
	ID, Title string
	Height    int
	Bars      []bar
	More      int  // entries left out
	Legend    bool // show the outcome colours under the chart
}

func barChart(id, title string, counts []count, color func(string) string) chart {
	c := chart{ID: id, Title: title}
	if len(counts) > maxChartRow {
		c.More = len(counts) - maxChartRow
		counts = counts[:maxChartRow]
	}
	top := 1
	for _, x := range counts {
		top = max(top, x.N)
	}
	for i, x := range counts {
		w := float64(chartBarW) * float64(x.N) / float64(top)
		y := chartTop + i*chartRowH
		c.Bars = append(c.Bars, bar{Label: x.Key, Y: y, TextY: y + 15, N: x.N, NX: chartLabelW + int(w) + 6,
			Segs: []seg{{X: chartLabelW, W: w, Color: color(x.Key), Title: fmt.Sprintf("%s: %d", x.Key, x.N)}}})
	}
	c.Height = chartTop*2 + len(c.Bars)*chartRowH
	return c
}

// destinationChart stacks each destination's bar by outcome.
func (s *stats) destinationChart() chart {
	totals := map[string]int{}
	for d, m := range s.dests {
		for _, n := range m {
			totals[d] += n
		}
	}
	c := barChart("chart-destinations", "Requests by destination and outcome", sortedCounts(totals), func(string) string { return "" })
	c.Legend = true
	top := 1
	for _, b := range c.Bars {
		top = max(top, b.N)
	}
	for i := range c.Bars {
		b := &c.Bars[i]
		b.Segs = nil
		x := float64(chartLabelW)
		for _, o := range outcomeOrder {
			n := s.dests[b.Label][o]
			if n == 0 {
				continue
			}
			w := float64(chartBarW) * float64(n) / float64(top)
			b.Segs = append(b.Segs, seg{X: x, W: w, Color: outcomeColor[o], Title: fmt.Sprintf("%s %s: %d", b.Label, o, n)})
			x += w
		}
	}
	return c
}

type reportData struct {
	Title     string
	Generated string
	Inputs    string
	Requests  int
	Outcomes  []count
	Colors    map[string]string
	Charts    []chart
	Rows      []reportRow
	Omitted   int
	Versions  screening.Versions
	Legend    []legendEntry
}

type legendEntry struct{ Outcome, Color string }

// writeReport writes the HTML report: a self-contained page (inline CSS,
// SVG and a few lines of JavaScript, nothing fetched) with the charts and a
// sortable table of every decision that is not "allow".
func (s *stats) writeReport(w io.Writer, inputs []string, v screening.Versions, now time.Time) error {
	data := reportData{
		Title:     "exportguard audit",
		Generated: now.UTC().Format(time.RFC3339),
		Inputs:    strings.Join(inputs, ", "),
		Requests:  s.requests,
		Outcomes:  s.outcomeCounts(),
		Colors:    outcomeColor,
		Rows:      s.rows,
		Omitted:   s.omitted,
		Versions:  v,
	}
	for _, o := range outcomeOrder {
		data.Legend = append(data.Legend, legendEntry{o, outcomeColor[o]})
	}
	data.Charts = []chart{
		barChart("chart-outcomes", "Requests by outcome", data.Outcomes, func(o string) string { return outcomeColor[o] }),
		barChart("chart-reasons", "Top reason codes (requests)", sortedCounts(s.reasons), func(string) string { return "#3f51b5" }),
		s.destinationChart(),
	}
	return reportTemplate.Execute(w, data)
}

var reportTemplate = template.Must(template.New("report").Funcs(template.FuncMap{
	"color": func(o string) string {
		if c, ok := outcomeColor[o]; ok {
			return c
		}
		return "#000"
	},
	"svgW": func() int { return chartLabelW + chartBarW + 60 },
	"lx":   func() int { return chartLabelW - 8 },
	"f2":   func(f float64) string { return fmt.Sprintf("%.2f", f) },
}).Parse(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{.Title}}</title>
<script>window.onerror = function (msg) { document.documentElement.setAttribute("data-script-error", String(msg)); };</script>
<style>
body{font:14px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#1f1f1f}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px}
.meta{color:#555;font-size:12px}
.tiles{display:flex;gap:12px;flex-wrap:wrap;margin:16px 0}
.tile{border-radius:6px;padding:8px 14px;color:#fff;min-width:110px}
.tile b{display:block;font-size:22px}
.charts{display:flex;flex-wrap:wrap;gap:24px}
figure{margin:0}figcaption{font-weight:600;margin-bottom:4px}
svg text{font-size:12px;fill:#1f1f1f}
table{border-collapse:collapse;width:100%;font-size:13px}
th,td{border-bottom:1px solid #ddd;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#f3f3f3;cursor:pointer;user-select:none;position:sticky;top:0}
th[aria-sort=ascending]::after{content:" ▲"}th[aria-sort=descending]::after{content:" ▼"}
.pill{color:#fff;border-radius:10px;padding:1px 8px;white-space:nowrap}
code{font-size:12px}
td:first-child{white-space:nowrap}
.legend span{display:inline-block;width:10px;height:10px;margin:0 4px 0 10px}
</style>
</head>
<body>
<h1>{{.Title}}</h1>
<div class="meta">Generated {{.Generated}} from {{.Inputs}} · library {{.Versions.Library}} · policy {{.Versions.Policy}}{{range .Versions.Lists}} · {{.Source}} {{.AsOf}} ({{.Entries}} entries){{end}}{{range .Versions.GeoDBs}} · {{.Name}} {{.BuildDate}}{{end}}</div>
<div class="tiles" id="tiles">
<div class="tile" style="background:#37474f"><b>{{.Requests}}</b>requests</div>
{{range .Outcomes}}<div class="tile" style="background:{{color .Key}}"><b>{{.N}}</b>{{.Key}}</div>
{{end}}</div>
<div class="charts">
{{range .Charts}}<figure>
<figcaption>{{.Title}}</figcaption>
<svg id="{{.ID}}" class="chart" xmlns="http://www.w3.org/2000/svg" width="{{svgW}}" height="{{.Height}}" role="img" aria-label="{{.Title}}">
{{range .Bars}}<g class="bar"><text x="{{lx}}" y="{{.TextY}}" text-anchor="end">{{.Label}}</text>{{$y := .Y}}{{range .Segs}}<rect x="{{f2 .X}}" y="{{$y}}" width="{{f2 .W}}" height="18" fill="{{.Color}}"><title>{{.Title}}</title></rect>{{end}}<text x="{{.NX}}" y="{{.TextY}}">{{.N}}</text></g>
{{end}}</svg>{{if .More}}<div class="meta">and {{.More}} more</div>{{end}}{{if .Legend}}<div class="meta legend">{{range $.Legend}}<span style="background:{{.Color}}"></span>{{.Outcome}}{{end}}</div>{{end}}
</figure>
{{end}}</div>
<h2>Decisions that are not "allow" ({{len .Rows}}{{if .Omitted}}, and {{.Omitted}} more not listed{{end}})</h2>
<table id="decisions">
<thead><tr><th data-type="text">ID</th><th data-type="num">Outcome</th><th data-type="text">Destination</th><th data-type="text">Reason codes</th><th data-type="text">Best match</th><th data-type="num">Score</th><th data-type="text">Detail</th></tr></thead>
<tbody>
{{range .Rows}}<tr><td>{{.ID}}</td><td data-sort="{{.Rank}}"><span class="pill" style="background:{{color .Outcome}}">{{.Outcome}}</span></td><td>{{.Destination}}</td><td><code>{{.Reasons}}</code></td><td>{{.Match}}</td><td data-sort="{{f2 .Score}}">{{if .Match}}{{f2 .Score}}{{end}}</td><td>{{.Detail}}</td></tr>
{{end}}</tbody>
</table>
<script>
(function () {
  var table = document.getElementById("decisions");
  var heads = table.tHead.rows[0].cells;
  function key(row, i, num) {
    var c = row.cells[i];
    var v = c.hasAttribute("data-sort") ? c.getAttribute("data-sort") : c.textContent;
    return num ? parseFloat(v) || 0 : v.toLowerCase();
  }
  function sortBy(i, asc) {
    var th = heads[i], num = th.getAttribute("data-type") === "num";
    Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", asc ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = key(a, i, num), y = key(b, i, num);
      return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
    });
    rows.forEach(function (r) { body.appendChild(r); });
  }
  Array.prototype.forEach.call(heads, function (th, i) {
    th.addEventListener("click", function () { sortBy(i, th.getAttribute("aria-sort") !== "ascending"); });
  });
  // #sort=N or #sort=N-desc in the address sorts by column N on load.
  var m = /^#sort=(\d+)(-desc)?$/.exec(location.hash);
  if (m && +m[1] < heads.length) { sortBy(+m[1], !m[2]); }
  document.body.setAttribute("data-ready", "1");
})();
</script>
</body>
</html>
`))
