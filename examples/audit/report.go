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
// a run keeps for its report; the page says how many more there were.
const maxReportRows = 10000

// stats accumulates what the summary and the report show, one decision at a
// time, in memory bounded by the number of distinct outcomes, reason codes
// and destinations (plus at most maxReportRows table rows).
type stats struct {
	requests   int
	problems   int // decisions (not error records) with fields the Screener could not read
	evaluation int // decisions made on embedded evaluation data
	outcomes   map[string]int
	reasons    map[string]int            // reason code -> requests with it
	dests      map[string]map[string]int // destination -> outcome -> requests
	lists      map[string]int            // list source -> requests with a hit on it
	strengths  map[string]int            // strength of the driving hit -> requests
	hits       map[string]int            // list hits by strength ("confirmed", "potential") or "cleared"
	rows       []reportRow               // every decision, for the table
	omitted    int                       // decisions beyond maxReportRows
}

// reportRow is one decision as the report's table shows it.
type reportRow struct {
	ID, Outcome, Destination string
	Codes                    []string // distinct reason codes, in the decision's order
	Lists                    []string // sources of the list hits
	Strength                 string   // of the driving hit: "confirmed", "potential" or ""
	Match                    *hitView // the hit that drove the outcome; nil when none
	Detail                   string   // the reason that set the outcome (or the error)
	Rank                     int
	Reasons                  []reasonView // the explanation
	Hits                     []hitView
}

// hitView is a list hit with a readable entry reference.
type hitView struct {
	Party, List, Ref, Name, Matched, Strength, Via string
	FullID                                         string // the entry id as the decision has it
	Score                                          float64
	Tokens                                         string // aligned tokens: "query~candidate 0.93, …"
	Suppressed                                     bool
}

// reasonView is one reason of the explanation.
type reasonView struct{ Outcome, Code, Message, Citation string }

func newStats() *stats {
	return &stats{outcomes: map[string]int{}, reasons: map[string]int{}, dests: map[string]map[string]int{},
		lists: map[string]int{}, strengths: map[string]int{}, hits: map[string]int{}}
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
	row := reportRow{ID: d.ID, Outcome: d.Outcome, Rank: outcomeRank(d.Outcome)}
	for _, rs := range d.Reasons {
		if !slices.Contains(row.Codes, rs.Code) {
			row.Codes = append(row.Codes, rs.Code)
			s.reasons[rs.Code]++
		}
	}
	if slices.Contains(row.Codes, "data.evaluation_snapshot") {
		s.evaluation++
	}
	dest := destinationKey(r.req.Destination)
	row.Destination = dest
	if s.dests[dest] == nil {
		s.dests[dest] = map[string]int{}
	}
	s.dests[dest][d.Outcome]++

	driver := drivingHit(d)
	for i := range d.Matches {
		m := &d.Matches[i]
		h := newHitView(m, d.Reasons)
		row.Hits = append(row.Hits, h)
		if m.Suppressed == nil && !slices.Contains(row.Lists, m.List) {
			row.Lists = append(row.Lists, m.List)
			s.lists[m.List]++
		}
		if m == driver {
			row.Match = &row.Hits[len(row.Hits)-1]
		}
	}
	if row.Match != nil {
		// Hits is not appended to again, so the pointer stays valid.
		row.Strength = row.Match.Strength
		s.strengths[row.Strength]++
	}
	for _, rs := range d.Reasons {
		row.Reasons = append(row.Reasons, reasonView{rs.Outcome, rs.Code, rs.Message, rs.Citation})
	}
	switch {
	case d.Error != "":
		row.Detail = d.Error
	case len(d.Reasons) > 0:
		row.Detail = outcomeReason(d).Message
	}
	if len(s.rows) >= maxReportRows {
		s.omitted++
		return
	}
	s.rows = append(s.rows, row)
}

// outcomeReason returns the reason that set the decision's outcome: the
// first with the decision's outcome, else the first.
func outcomeReason(d *screening.Decision) *screening.Reason {
	for i := range d.Reasons {
		if d.Reasons[i].Outcome == d.Outcome {
			return &d.Reasons[i]
		}
	}
	return &d.Reasons[0]
}

// drivingHit returns the list hit the outcome rests on: the hit named (by
// list and entry id) in the most severe reason that names one, else the
// best-scoring hit not cleared by a reviewer; nil when there is none.
func drivingHit(d *screening.Decision) *screening.MatchRecord {
	best, bestRank := (*screening.MatchRecord)(nil), len(outcomeOrder)+1
	for _, rs := range d.Reasons {
		list, _ := rs.Evidence["list"].(string)
		id, _ := rs.Evidence["entry_id"].(string)
		if list == "" || id == "" || outcomeRank(rs.Outcome) >= bestRank {
			continue
		}
		for i := range d.Matches {
			if m := &d.Matches[i]; m.List == list && m.EntryID == id && m.Suppressed == nil {
				best, bestRank = m, outcomeRank(rs.Outcome)
				break
			}
		}
	}
	if best != nil {
		return best
	}
	for i := range d.Matches {
		if m := &d.Matches[i]; m.Suppressed == nil && (best == nil || m.Score > best.Score) {
			best = m
		}
	}
	return best
}

// newHitView makes the readable form of a hit: the publisher's own id where
// the list has one (SDN and CMIC entity numbers, UN reference numbers),
// else the Federal Register notice the reason quotes, else a short form of
// the content hash the library keys the entry by.
func newHitView(m *screening.MatchRecord, reasons []screening.Reason) hitView {
	h := hitView{Party: m.Party, List: m.List, Name: m.EntryName, Matched: m.MatchedName, Via: m.Via,
		FullID: m.EntryID, Score: m.Score, Strength: hitStrength(m, reasons), Suppressed: m.Suppressed != nil && m.Suppressed.Kind != screening.Confirmed}
	switch {
	case !isHash(m.EntryID):
		h.Ref = m.EntryID
	default:
		for _, rs := range reasons {
			if rs.Evidence["entry_id"] == m.EntryID {
				if fr, _ := rs.Evidence["federal_register"].(string); fr != "" {
					h.Ref = fr
					break
				}
			}
		}
		if h.Ref == "" {
			h.Ref = "#" + m.EntryID[:8]
		}
	}
	var ts []string
	for _, t := range m.Tokens {
		ts = append(ts, fmt.Sprintf("%s~%s %.2f", dashIfEmpty(t.Query), dashIfEmpty(t.Candidate), t.Similarity))
	}
	h.Tokens = strings.Join(ts, ", ")
	return h
}

// hitStrength is the hit's strength as the decision states it; decisions
// that do not state one treat every hit a party reason rests on as
// confirmed, and so does this.
func hitStrength(m *screening.MatchRecord, reasons []screening.Reason) string {
	if m.Strength != "" {
		return m.Strength
	}
	for _, rs := range reasons {
		if rs.Evidence["entry_id"] == m.EntryID && rs.Evidence["list"] == m.List {
			if rs.Code == "party.potential_match" {
				return "potential"
			}
			return "confirmed"
		}
	}
	return "potential"
}

// isHash reports whether id is a content hash (long lowercase hex) rather
// than an id the publisher gave.
func isHash(id string) bool {
	return len(id) >= 32 && strings.Trim(id, "0123456789abcdef") == ""
}

func dashIfEmpty(s string) string {
	if s == "" {
		return "-"
	}
	return s
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
	Title      string
	Generated  string
	Inputs     string
	Requests   int
	Outcomes   []count
	Colors     map[string]string
	Charts     []chart
	Rows       []reportRow
	Omitted    int
	Versions   screening.Versions
	Legend     []legendEntry
	Evaluation int // decisions made on evaluation data
	// The values the filters offer.
	FilterOutcomes, FilterCodes, FilterLists, FilterDests, FilterStrengths []string
}

type legendEntry struct{ Outcome, Color string }

// keys returns the keys of m, sorted.
func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// writeReport writes the HTML report: one self-contained page (inline CSS,
// SVG and JavaScript, nothing fetched, so it works offline) with the data's
// as-of dates and the evaluation-data notice at the top, the charts, and a
// table of every decision with filters, a search box, an expandable
// explanation per decision, CSV export of what the filters show and a print
// stylesheet.
func (s *stats) writeReport(w io.Writer, inputs []string, v screening.Versions, now time.Time) error {
	data := reportData{
		Title:       "exportguard audit",
		Generated:   now.UTC().Format(time.RFC3339),
		Inputs:      strings.Join(inputs, ", "),
		Requests:    s.requests,
		Outcomes:    s.outcomeCounts(),
		Colors:      outcomeColor,
		Rows:        s.rows,
		Omitted:     s.omitted,
		Versions:    v,
		Evaluation:  s.evaluation,
		FilterCodes: keys(s.reasons), FilterLists: keys(s.lists), FilterDests: keys(s.dests),
	}
	for _, c := range data.Outcomes {
		data.FilterOutcomes = append(data.FilterOutcomes, c.Key)
	}
	for _, k := range keys(s.strengths) {
		if k != "" {
			data.FilterStrengths = append(data.FilterStrengths, k)
		}
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

// fontStack covers Latin, Cyrillic and Greek (the system UI fonts, Noto
// Sans, DejaVu Sans), CJK (Noto Sans CJK, which .ci/run installs from
// Debian's fonts-noto-cjk, and the fonts macOS and Windows ship) and Arabic
// (Noto Sans Arabic, DejaVu Sans, Segoe UI, Geeza Pro), so that no party
// name renders as empty boxes.
const fontStack = `system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans","Noto Sans CJK SC","Noto Sans CJK JP","Source Han Sans SC","PingFang SC","Hiragino Sans","Microsoft YaHei","Noto Sans Arabic","Geeza Pro",sans-serif`

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
	"join": strings.Join,
	"short": func(h string) string {
		if len(h) > 19 {
			return h[:19] + "…"
		}
		return h
	},
	"evalLists": func(v screening.Versions) bool {
		for _, l := range v.Lists {
			if l.Evaluation {
				return true
			}
		}
		return false
	},
	"fonts": func() template.CSS { return template.CSS(fontStack) },
}).Parse(reportHTML))
