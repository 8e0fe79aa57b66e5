package match

import (
	"slices"
	"strings"
)

// rankResults keeps the best-scoring name of each entry in rs and orders
// the entries best first (ties by the order of the entries).
func (ix *Index) rankResults(rs []result) []result {
	// best name per entry, then order by score
	if len(rs) <= maxInsertionSort {
		// the insertion sort slices.SortFunc runs on so few, comparing
		// the results in place: its comparison copies both (some 250
		// bytes each)
		for i := 1; i < len(rs); i++ {
			for j := i; j > 0 && ix.entryOrder(&rs[j], &rs[j-1]) < 0; j-- {
				rs[j], rs[j-1] = rs[j-1], rs[j]
			}
		}
	} else {
		slices.SortFunc(rs, func(a, b result) int { return ix.entryOrder(&a, &b) })
	}
	k := 0
	for i := range rs {
		if i > 0 && ix.names[rs[i].name].entry == ix.names[rs[k-1].name].entry {
			continue
		}
		rs[k] = rs[i]
		k++
	}
	rs = rs[:k]
	if len(rs) <= maxInsertionSort {
		for i := 1; i < len(rs); i++ {
			for j := i; j > 0 && ix.scoreOrder(&rs[j], &rs[j-1]) < 0; j-- {
				rs[j], rs[j-1] = rs[j-1], rs[j]
			}
		}
	} else {
		slices.SortFunc(rs, func(a, b result) int { return ix.scoreOrder(&a, &b) })
	}
	return rs
}

// entryOrder orders results by entry, then best first (score, then name
// score, then name).
func (ix *Index) entryOrder(a, b *result) int {
	ea, eb := ix.names[a.name].entry, ix.names[b.name].entry
	if ea != eb {
		return int(ea - eb)
	}
	if a.score != b.score {
		if a.score > b.score {
			return -1
		}
		return 1
	}
	if a.nameScore != b.nameScore {
		// scores clamped at 1: the name that agrees better
		if a.nameScore > b.nameScore {
			return -1
		}
		return 1
	}
	return int(a.name - b.name)
}

// scoreOrder orders results best first, then by entry.
func (ix *Index) scoreOrder(a, b *result) int {
	if a.score != b.score {
		if a.score > b.score {
			return -1
		}
		return 1
	}
	return int(ix.names[a.name].entry - ix.names[b.name].entry)
}

// buildMatch turns a scored name into a Match: the entry, the name and the
// aligned words (qs are the query's), the adjustments, scores rounded to
// four decimals.
func (ix *Index) buildMatch(qs []qtok, r *result) Match {
	rec := &ix.names[r.name]
	e := ix.entries[rec.entry]
	name := e.Name
	if rec.alias >= 0 {
		name = e.Aliases[rec.alias].Name
	}
	ctoks := ix.nameToks(rec)
	m := Match{
		Entry: e, Name: name, Weak: rec.weak,
		Score: round4(float64(r.score)), NameScore: round4(float64(r.nameScore)),
		Tokens: make([]TokenMatch, len(r.edges)),
	}
	for i, ed := range r.edges {
		tm := TokenMatch{Similarity: round4(float64(ed.sim))}
		if ed.qlo == ed.qhi {
			tm.Query = qs[ed.qlo].s
		} else {
			parts := make([]string, 0, ed.qhi-ed.qlo+1)
			for k := ed.qlo; k <= ed.qhi; k++ {
				parts = append(parts, qs[k].s)
			}
			tm.Query = strings.Join(parts, " ")
		}
		if ed.clo == ed.chi {
			tm.Candidate = ix.toks[ctoks[ed.clo]].s
		} else {
			tm.Candidate = ix.toks[ctoks[ed.clo]].s + " " + ix.toks[ctoks[ed.chi]].s
		}
		m.Tokens[i] = tm
	}
	if ts := m.Tokens; len(ts) <= maxStableInsertion {
		// the insertion sort slices.SortStableFunc runs on so few, with
		// the comparison inlined
		for i := 1; i < len(ts); i++ {
			for j := i; j > 0 && ts[j].Query < ts[j-1].Query; j-- {
				ts[j], ts[j-1] = ts[j-1], ts[j]
			}
		}
	} else {
		slices.SortStableFunc(m.Tokens, func(a, b TokenMatch) int { return strings.Compare(a.Query, b.Query) })
	}
	if r.nadj > 0 {
		m.Adjustments = make([]Adjustment, r.nadj)
		copy(m.Adjustments, r.adj[:r.nadj])
	}
	return m
}

// maxStableInsertion is the length up to which slices.SortStableFunc
// sorts by insertion alone (its block size).
const maxStableInsertion = 20

// round4 rounds a non-negative f to four decimals.
func round4(f float64) float64 { return float64(int64(f*10000+0.5)) / 10000 }
