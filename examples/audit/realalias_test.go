package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

// The real-alias evaluation through the audit binary: the index of
// primary names only that screening/match measures in
// TestRealAliasEvaluation (realeval_test.go) is written out as list files
// that -lists reads (a CSL CSV for the sources the CSL carries, the UN XML
// for the UN list), its queries as an order book with the party's name
// alone, and the decisions of the audit's own run are compared, query by
// query, with match.Index.Search on the same entries at DefaultThreshold.

const realEvalDir = "../../testdata/eval/real/"

// realAliasEntries returns the entries of the real-alias evaluation as
// screening/match builds them: the embedded snapshot's entries with their
// aliases removed, then the SDN primaries of primaries.csv the snapshot
// lacks.
func realAliasEntries(t testing.TB) []*lists.Entry {
	t.Helper()
	s, err := lists.Default()
	if err != nil {
		t.Fatal(err)
	}
	var out []*lists.Entry
	keys := map[string]bool{}
	for _, e := range s.Entries() {
		c := *e
		c.Aliases = nil
		out = append(out, &c)
		keys[e.Key()] = true
	}
	for i, r := range readCSV(t, realEvalDir+"primaries.csv") {
		if len(r) < 3 {
			t.Fatalf("primaries.csv:%d: %d fields, want 4", i+2, len(r))
		}
		if keys[r[0]] {
			continue
		}
		src, id, _ := strings.Cut(r[0], ":")
		out = append(out, &lists.Entry{Source: lists.Source(src), ID: id, Type: lists.EntryType(r[1]), Name: r[2]})
	}
	return out
}

// readCSV returns the records of a CSV file after its header.
func readCSV(t testing.TB, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows[1:]
}

// cslJSONAddress and cslJSONID are an address and an identifier of a
// record of trade.gov's consolidated.json.
type cslJSONAddress struct {
	Address    string `json:"address"`
	City       string `json:"city"`
	State      string `json:"state"`
	PostalCode string `json:"postal_code"`
	Country    string `json:"country"`
}

type cslJSONID struct {
	Type    string `json:"type"`
	Number  string `json:"number"`
	Country string `json:"country"`
}

// cslJSONRecord is one record of trade.gov's consolidated.json, with the
// fields the list files of the evaluation fill.
type cslJSONRecord struct {
	ID            string           `json:"id"`
	Source        string           `json:"source"`
	Type          string           `json:"type"`
	Name          string           `json:"name"`
	Addresses     []cslJSONAddress `json:"addresses"`
	StartDate     string           `json:"start_date"`
	Nationalities []string         `json:"nationalities"`
	Citizenships  []string         `json:"citizenships"`
	IDs           []cslJSONID      `json:"ids"`
}

// writeRealAliasLists writes entries to dir as list files: trade.gov's
// consolidated.json for every source but the UN, and the UN XML. Each
// entry keeps its source, ID, type, primary name, listing date and what
// the matcher reads of it: its addresses (street, city, region and
// country: the matcher reads an entry's places), nationalities,
// citizenships and the countries of its identifiers. The JSON keeps an
// address's parts apart, which the consolidated CSV flattens into one
// string.
func writeRealAliasLists(t *testing.T, dir string, entries []*lists.Entry) []string {
	t.Helper()
	cslPath, unPath := filepath.Join(dir, "consolidated.json"), filepath.Join(dir, "un.xml")
	type unAddr struct {
		Street  string `xml:"STREET,omitempty"`
		City    string `xml:"CITY,omitempty"`
		State   string `xml:"STATE_PROVINCE,omitempty"`
		Country string `xml:"COUNTRY,omitempty"`
	}
	type unDoc struct {
		Type    string `xml:"TYPE_OF_DOCUMENT"`
		Number  string `xml:"NUMBER"`
		Country string `xml:"ISSUING_COUNTRY,omitempty"`
	}
	type unRec struct {
		XMLName   xml.Name
		Ref       string   `xml:"REFERENCE_NUMBER"`
		First     string   `xml:"FIRST_NAME"`
		ListedOn  string   `xml:"LISTED_ON,omitempty"`
		Nat       []string `xml:"NATIONALITY>VALUE"`
		Addresses []unAddr `xml:"INDIVIDUAL_ADDRESS"`
		Documents []unDoc  `xml:"INDIVIDUAL_DOCUMENT"`
	}
	var un []unRec
	var csl []cslJSONRecord
	for _, e := range entries {
		listed := ""
		if !e.ListedOn.IsZero() {
			listed = e.ListedOn.Format(time.DateOnly)
		}
		if e.Source == lists.SourceUN {
			r := unRec{XMLName: xml.Name{Local: strings.ToUpper(string(e.Type))}, Ref: e.ID, First: e.Name, ListedOn: listed, Nat: e.Nationalities}
			for _, a := range e.Addresses {
				c := ""
				if a.Country.IsValid() {
					c = a.Country.String()
				}
				r.Addresses = append(r.Addresses, unAddr{a.Street, a.City, a.State, c})
			}
			for _, id := range e.IDs {
				r.Documents = append(r.Documents, unDoc{id.Type, id.Value, id.Country})
			}
			un = append(un, r)
			continue
		}
		info := e.Source.Info()
		rec := cslJSONRecord{
			ID: e.ID, Source: fmt.Sprintf("%s (%s) - %s", info.Name, e.Source, info.Publisher),
			Type: string(e.Type), Name: e.Name, StartDate: listed,
			Nationalities: e.Nationalities, Citizenships: e.Citizenships,
		}
		for _, a := range e.Addresses {
			c := ""
			if a.Country.IsValid() {
				c = a.Country.String()
			}
			rec.Addresses = append(rec.Addresses, cslJSONAddress{a.Street, a.City, a.State, a.PostalCode, c})
		}
		for _, id := range e.IDs {
			rec.IDs = append(rec.IDs, cslJSONID{id.Type, id.Value, id.Country})
		}
		csl = append(csl, rec)
	}
	j, err := json.Marshal(map[string]any{"results": csl})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cslPath, j, 0o644); err != nil {
		t.Fatal(err)
	}
	x, err := xml.MarshalIndent(un, "  ", " ")
	if err != nil {
		t.Fatal(err)
	}
	doc := `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<CONSOLIDATED_LIST dateGenerated="2025-12-01T00:00:00Z">` + "\n  " + string(x) + "\n</CONSOLIDATED_LIST>\n"
	if err := os.WriteFile(unPath, []byte(doc), 0o644); err != nil {
		t.Fatal(err)
	}
	return []string{cslPath, unPath}
}

// matcherView is what the matcher and the Screener read of an entry,
// aliases aside: its type, name, addresses (their places and country),
// countries and listing date.
func matcherView(e *lists.Entry) string {
	var addr, ids []string
	for _, a := range e.Addresses {
		// the places of an address (placesOnTop, placeWord) and its
		// country; an address with none of them says nothing
		if a.Street != "" || a.City != "" || a.State != "" || a.Country.IsValid() {
			addr = append(addr, fmt.Sprintf("%q/%q/%q/%s", a.Street, a.City, a.State, a.Country))
		}
	}
	for _, id := range e.IDs {
		// The matcher reads an identifier's country only as a code (a
		// document of an East Asian country); other text, such as the
		// city OFAC gives for a Colombian registration, is not read.
		if c := strings.ToUpper(id.Country); len(c) == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z' {
			ids = append(ids, c)
		}
	}
	return fmt.Sprintf("type %q name %q addresses %v nationalities %q citizenships %q id countries %q listed %s",
		e.Type, e.Name, addr, e.Nationalities, e.Citizenships, ids, e.ListedOn.Format(time.DateOnly))
}

// aliasQuery is one query of the evaluation.
type aliasQuery struct {
	id       string // the request id in the audit input
	set      string // "aliases" (positives.csv), "sdn-before-2021", "other-lists", "negatives"
	split    string
	kind     string
	name     string
	key      string   // the expected entry (positives)
	expected []string // the expected names, normalised (positives)
	country  string   // the expected entry's country, if any (positives)
}

func readAliasQueries(t *testing.T, byKey map[string]*lists.Entry) []aliasQuery {
	t.Helper()
	var out []aliasQuery
	for _, s := range []struct{ set, file, prefix string }{
		{"aliases", "positives.csv", "A"}, {"sdn-before-2021", "positives-sdn-before-2021.csv", "S"},
		{"other-lists", "positives-other-lists.csv", "O"},
	} {
		for i, r := range readCSV(t, realEvalDir+s.file) {
			q := aliasQuery{id: fmt.Sprintf("%s%05d", s.prefix, i), set: s.set, split: r[0], kind: r[1], name: r[2], key: r[5]}
			for _, x := range strings.Split(r[4], "|") {
				q.expected = append(q.expected, match.Normalize(x))
			}
			e := byKey[q.key]
			if e == nil {
				t.Fatalf("%s line %d: the expected entry %s is not in the index", s.file, i+2, q.key)
			}
			q.country = entryCountry(e)
			out = append(out, q)
		}
	}
	for i, r := range readCSV(t, realEvalDir+"negatives.csv") {
		out = append(out, aliasQuery{id: fmt.Sprintf("N%05d", i), set: "negatives", split: r[0], kind: r[1], name: r[2]})
	}
	return out
}

// entryCountry returns the first country e names: an address country, else
// a nationality or citizenship that is a country code.
func entryCountry(e *lists.Entry) string {
	for _, a := range e.Addresses {
		if a.Country.IsValid() {
			return a.Country.String()
		}
	}
	for _, set := range [][]string{e.Nationalities, e.Citizenships} {
		for _, n := range set {
			if len(n) == 2 {
				return n
			}
		}
	}
	return ""
}

// outcome is one query's result on one path: whether the expected entry
// (by key, and by name as screening/match's evaluation counts it) is
// among the hits, with its score, and the best hit.
type outcome struct {
	keyHit, nameHit bool
	keyScore        float64 // the expected entry's score, 0 if not a hit
	hits            int
	top             string // the best hit, "KEY name score"
	topScore        float64
}

func (o outcome) found() bool { return o.keyHit }

// hitRecord is one hit of either path.
type hitRecord struct {
	key, name string
	names     []string     // the entry's names, normalised
	entry     *lists.Entry // Search's hits only
	score     float64
}

func tallyOutcome(q aliasQuery, hits []hitRecord) outcome {
	var o outcome
	o.hits = len(hits)
	for _, h := range hits {
		if h.score > o.topScore || o.top == "" {
			o.top, o.topScore = fmt.Sprintf("%s %q %.4f", h.key, h.name, h.score), h.score
		}
		if h.key == q.key {
			o.keyHit, o.keyScore = true, max(o.keyScore, h.score)
		}
		if slices.ContainsFunc(h.names, func(n string) bool { return slices.Contains(q.expected, n) }) {
			o.nameHit = true
		}
	}
	return o
}

// runAuditBook screens the queries through the audit's run with -lists
// and the threshold left at its default, and returns each request's hits
// (the decision's matches on the party's own name).
func runAuditBook(t *testing.T, dir, name string, listFiles []string, qs []aliasQuery, withCountry bool, snap *lists.Snapshot) map[string][]hitRecord {
	t.Helper()
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write([]string{"id", "name", "country"})
	for _, q := range qs {
		c := ""
		if withCountry {
			c = q.country
		}
		w.Write([]string{q.id, q.name, c})
	}
	w.Flush()
	in := writeFile(t, dir, name+".csv", b.String())
	out := filepath.Join(dir, name+".jsonl")
	args := []string{"-out", out}
	for _, f := range listFiles {
		args = append(args, "-lists", f)
	}
	var stdout, stderr strings.Builder
	code := run(context.Background(), append(args, in), strings.NewReader(""), &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("audit exit %d\nstderr: %s", code, stderr.String())
	}
	got := map[string][]hitRecord{}
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(mustRead(t, out)), "\n") {
		var d screening.Decision
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatal(err)
		}
		if d.Error != "" {
			t.Errorf("%s: error %q", d.ID, d.Error)
		}
		n++
		hs := []hitRecord{}
		for _, m := range d.Matches {
			if m.Via != "name" {
				continue
			}
			key := m.List + ":" + m.EntryID
			e, ok := snap.Get(key)
			if !ok {
				t.Fatalf("%s: a hit on %s, which the lists do not hold", d.ID, key)
			}
			hs = append(hs, hitRecord{key: key, name: m.MatchedName, names: normNames(e), score: m.Score})
		}
		got[d.ID] = hs
	}
	if n != len(qs) {
		t.Fatalf("%d decisions for %d requests", n, len(qs))
	}
	return got
}

func normNames(e *lists.Entry) []string {
	var out []string
	for _, n := range e.Names() {
		out = append(out, match.Normalize(n))
	}
	return out
}

// searchHits returns the hits of match.Index.Search on the query's name
// (and country) at threshold, and on the names the screening searches
// beside it (match.NameVariants, a party of no type), each entry's best
// kept as the screening keeps it.
func searchHits(t *testing.T, ix *match.Index, q aliasQuery, withCountry bool, threshold float64) []hitRecord {
	t.Helper()
	mq := match.Query{Name: q.name, Threshold: threshold}
	if withCountry && q.country != "" {
		c, err := rules.ParseCountry(q.country)
		if err != nil {
			t.Fatal(err)
		}
		mq.Country = c
	}
	ms, err := ix.Search(context.Background(), mq)
	if err != nil {
		t.Fatalf("%q: %v", q.name, err)
	}
	for _, v := range match.NameVariants(q.name, lists.TypeUnknown) {
		vq := mq
		vq.Name = v
		vms, err := ix.Search(context.Background(), vq)
		if err != nil {
			t.Fatalf("%q: %v", v, err)
		}
		ms = match.MergeMatches(ms, vms)
	}
	hs := []hitRecord{}
	for _, m := range ms {
		hs = append(hs, hitRecord{key: m.Entry.Key(), name: m.Name, names: normNames(m.Entry), entry: m.Entry, score: m.Score})
	}
	return hs
}

// craftPenalty is what the Screener takes off a hit on a vessel or
// aircraft entry for a party not of that kind (screening's hitApplies; a
// party of the book has no type).
const craftPenalty = 0.25

// screenerRules applies to Search's hits what the Screener does after the
// search (screening's hitApplies, docs/design.md): a hit on an entry
// listed after the decision's date does not count, and one on a vessel or
// aircraft entry loses craftPenalty and counts only if it still reaches
// threshold. These are the documented reasons the audit's hits may differ
// from Search's.
func screenerRules(hs []hitRecord, date time.Time, threshold float64) []hitRecord {
	out := []hitRecord{}
	for _, h := range hs {
		e := h.entry
		if !e.ListedOn.IsZero() && e.ListedOn.After(date) {
			continue
		}
		if e.Type == lists.TypeVessel || e.Type == lists.TypeAircraft {
			if h.score -= craftPenalty; h.score < threshold {
				continue
			}
		}
		out = append(out, h)
	}
	return out
}

func hitKeys(hs []hitRecord) []string {
	out := make([]string, len(hs))
	for i, h := range hs {
		out[i] = h.key
	}
	return out
}

// evalTally counts, per "set/split/kind" and "set/split/all", the queries
// found (positives: the expected entry among the hits; negatives: any hit).
type evalTally map[string]*[2]int

func (ev evalTally) bump(q aliasQuery, hit bool) {
	keys := []string{q.set + "/" + q.split + "/" + q.kind}
	if q.set != "negatives" || q.kind != "hard_collision" { // listed names, legal form aside: reported, not counted
		keys = append(keys, q.set+"/"+q.split+"/all")
	}
	for _, k := range keys {
		c := ev[k]
		if c == nil {
			c = &[2]int{}
			ev[k] = c
		}
		c[0]++
		if hit {
			c[1]++
		}
	}
}

func (ev evalTally) rate(k string) float64 {
	c := ev[k]
	if c == nil || c[0] == 0 {
		return 0
	}
	return float64(c[1]) / float64(c[0])
}

// TestRealAliasThroughAudit runs the real-alias evaluation of
// screening/match through the audit binary: list files holding the
// primary names only, an order book holding one party a line with its
// name alone, and the audit's run at its default threshold. A positive is
// found when its decision carries a hit on the expected entry (by list
// and entry id); a negative is a false positive when its decision carries
// any hit. It fails when a query is found by the audit and not by
// match.Index.Search on the same entries at DefaultThreshold, or the
// other way round, once the Screener's documented rules (screenerRules)
// are applied to Search's hits; when the decision states another score
// for the expected entry than Search gives it; and when Search on the
// list files' entries finds otherwise than on the evaluation's own. It
// logs the rates of both paths and the queries the Screener's rules
// decide.
func TestRealAliasThroughAudit(t *testing.T) {
	if testing.Short() {
		t.Skip("evaluation runs in the full test suite")
	}
	ctx := context.Background()
	dir := t.TempDir()
	entries := realAliasEntries(t)
	files := writeRealAliasLists(t, dir, entries)

	// The list files hold the evaluation's entries, as the matcher sees
	// them: no entry lost, added or changed by writing and loading.
	snap, err := lists.Load(ctx, files...)
	if err != nil {
		t.Fatal(err)
	}
	if snap.Len() != len(entries) {
		t.Errorf("the list files hold %d entries; want %d", snap.Len(), len(entries))
	}
	changed := 0
	for _, e := range entries {
		got, ok := snap.Get(e.Key())
		switch {
		case !ok:
			t.Errorf("%s is not in the list files", e.Key())
		case matcherView(got) != matcherView(e):
			if changed++; changed <= 10 {
				t.Errorf("%s loaded as\n\t%s\nwant\n\t%s", e.Key(), matcherView(got), matcherView(e))
			}
		}
	}
	if changed > 0 {
		t.Fatalf("%d entries changed by the list files", changed)
	}

	qs := readAliasQueries(t, func() map[string]*lists.Entry {
		m := map[string]*lists.Entry{}
		for _, e := range entries {
			m[e.Key()] = e
		}
		return m
	}())
	// The index of screening/match's evaluation (the entries in its
	// order), and the one of the loaded list files (in the snapshot's).
	evalIx := match.NewIndex(entries)
	fileIx := match.NewIndex(snap.Entries())
	// The audit screens the book as of the day of the run.
	y, m, d := time.Now().Date()
	today := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)

	for _, v := range []struct {
		name        string
		withCountry bool
	}{{"name", false}, {"name+country", true}} {
		t.Run(v.name, func(t *testing.T) {
			vqs := qs
			if v.withCountry {
				vqs = slices.DeleteFunc(slices.Clone(qs), func(q aliasQuery) bool { return q.set == "negatives" || q.country == "" })
			}
			audit := runAuditBook(t, dir, "book-"+v.name, files, vqs, v.withCountry, snap)
			// by key: the expected entry among the hits, as the evaluators
			// count; by name: an entry named like the expected one, as
			// screening/match's evaluation counts (the same party on
			// another list counts too).
			auditKey, fileKey, evalKey, auditName, evalName := evalTally{}, evalTally{}, evalTally{}, evalTally{}, evalTally{}
			var diffs, orderDiffs, scoreDiffs, hitDiffs, explained []string
			for _, q := range vqs {
				a := tallyOutcome(q, audit[q.id])
				fh := searchHits(t, fileIx, q, v.withCountry, match.DefaultThreshold)
				fr := screenerRules(fh, today, match.DefaultThreshold)
				f := tallyOutcome(q, fr)
				// Beyond the expected entry: the decision's hits are the
				// entries Search returns, in its order, no more, no fewer.
				if ak, sk := hitKeys(audit[q.id]), hitKeys(fr); !slices.Equal(ak, sk) {
					hitDiffs = append(hitDiffs, fmt.Sprintf("%s %q: audit hits %v, Search (with the Screener's rules) %v", q.id, q.name, ak, sk))
				}
				raw := tallyOutcome(q, fh)
				e := tallyOutcome(q, searchHits(t, evalIx, q, v.withCountry, match.DefaultThreshold))
				pos := q.set != "negatives"
				hitOf := func(o outcome) bool {
					if pos {
						return o.found()
					}
					return o.hits > 0
				}
				if hitOf(raw) != hitOf(f) {
					explained = append(explained, fmt.Sprintf("%s %q: Search found=%v top %s; after the Screener's rules found=%v", q.id, q.name, hitOf(raw), raw.top, hitOf(f)))
				}
				auditKey.bump(q, hitOf(a))
				fileKey.bump(q, hitOf(raw))
				evalKey.bump(q, hitOf(e))
				auditName.bump(q, hitOf(a) || pos && a.nameHit)
				evalName.bump(q, hitOf(e) || pos && e.nameHit)
				if hitOf(a) != hitOf(f) || (pos && a.nameHit != f.nameHit) {
					lo := tallyOutcome(q, searchHits(t, fileIx, q, v.withCountry, 0.5))
					diffs = append(diffs, fmt.Sprintf("%s %s/%s/%s %q want %s: audit found=%v (by name %v) score %.4f top %s; Search (with the Screener's rules) found=%v (by name %v) score %.4f top %s",
						q.id, q.set, q.split, q.kind, q.name, q.key, hitOf(a), a.nameHit, a.keyScore, a.top, hitOf(f), f.nameHit, lo.keyScore, lo.top))
				}
				// Where both find the expected entry, the decision states the
				// score Search gives it, to the four decimals it keeps.
				if pos && a.keyHit && f.keyHit && math.Abs(a.keyScore-f.keyScore) > 0.00005 {
					scoreDiffs = append(scoreDiffs, fmt.Sprintf("%s %q want %s: audit score %.4f, Search %.6f", q.id, q.name, q.key, a.keyScore, f.keyScore))
				}
				if hitOf(e) != hitOf(raw) || (pos && e.nameHit != raw.nameHit) {
					orderDiffs = append(orderDiffs, fmt.Sprintf("%s %q want %s: Search on the evaluation's entries found=%v top %s; on the list files' found=%v top %s",
						q.id, q.name, q.key, hitOf(e), e.top, hitOf(raw), raw.top))
				}
			}
			logAliasRates(t, auditKey, fileKey, evalKey, auditName, evalName)
			t.Logf("%d queries found otherwise by Search than after the Screener's rules (an entry listed later, a vessel or aircraft)", len(explained))
			for _, d := range explained {
				t.Log(d)
			}
			for i, d := range orderDiffs {
				if i == 20 {
					break
				}
				t.Errorf("entry order: %s", d)
			}
			if len(orderDiffs) > 0 {
				t.Errorf("%d queries found differently by Search on the same entries in another order", len(orderDiffs))
			}
			for i, d := range hitDiffs {
				if i == 20 {
					break
				}
				t.Errorf("hits: %s", d)
			}
			for i, d := range scoreDiffs {
				if i == 20 {
					break
				}
				t.Errorf("score: %s", d)
			}
			for i, d := range diffs {
				if i == 20 {
					break
				}
				t.Errorf("%s", d)
			}
			if len(diffs) > 0 {
				t.Errorf("%d of %d queries found by one path and not the other", len(diffs), len(vqs))
			}
		})
	}
}

// logAliasRates logs, by set, split and kind, the rates by key of the
// audit, of Search on the list files' entries and of Search on the
// evaluation's, and the rates by name of the audit and of Search on the
// evaluation's entries (screening/match's figures).
func logAliasRates(t *testing.T, auditKey, fileKey, evalKey, auditName, evalName evalTally) {
	t.Helper()
	keys := make([]string, 0, len(auditKey))
	for k := range auditKey {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("\n| set | split | kind | n | | audit by key | Search by key (list files) | Search by key (evaluation) | audit by name | Search by name (evaluation) |\n" +
		"|---|---|---|---:|---|---:|---:|---:|---:|---:|\n")
	for _, k := range keys {
		p := strings.SplitN(k, "/", 3)
		what := "recall"
		if p[0] == "negatives" {
			what = "FPR"
		}
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %s | %.4f | %.4f | %.4f | %.4f | %.4f |\n", p[0], p[1], p[2], auditKey[k][0], what,
			auditKey.rate(k), fileKey.rate(k), evalKey.rate(k), auditName.rate(k), evalName.rate(k))
	}
	t.Log(b.String())
}
