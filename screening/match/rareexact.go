package match

// A listed name that holds the query's rarest word exactly can lose its
// place among the candidates: the estimate that picks them divides by the
// length of both names, so a long name ("BEIJING XINGHUA HENGCHENG
// TECHNOLOGY DEVELOPMENT COMPANY LIMITED" for "XINGHUA CO. LTD.") ranks
// below shorter names that hold respellings of the word. The names of a
// query word that is a listed word of very few names are kept as
// candidates whatever their estimate, in a few places past the others.

// rareExactMaxDF is the most listed names a query word may be a word of for
// its names to keep a place, rareExactMax the most names kept so, and
// rareExactMinLen the shortest such word. A word of two or three letters
// counts: it weighs little in the estimate however rare it is (2 for two
// letters), so a generic word beside it picks the candidates among the
// names that write that word as the query does (FJ TECHNOLOGIES filled the
// 32 places with names that say technologies, and FJ TECHNOLOGY was not
// scored).
const (
	rareExactMaxDF  = 3
	rareExactMax    = 2
	rareExactMinLen = 2
)

// keepRareExact appends to sc.cands the names, not among them, of the
// rarest query word that is itself a listed word of at most rareExactMaxDF
// names, not generic, of rareExactMinLen letters or more. It runs only when
// the candidates are full: otherwise every touched name is one. The names
// added rank last (no estimate), after every other candidate.
func (ix *Index) keepRareExact(sc *scratch) {
	if len(sc.cands) < ix.opts.maxCandidates {
		return
	}
	best, bestDF := -1, int32(rareExactMaxDF+1)
	for i := range sc.qs {
		q := &sc.qs[i]
		if !q.known || len(q.s) < rareExactMinLen {
			continue
		}
		if t := &ix.toks[q.id]; t.df < bestDF && !t.generic {
			best, bestDF = i, t.df
		}
	}
	if best < 0 {
		return
	}
	added := 0
next:
	for _, n := range ix.postings(sc.qs[best].id) {
		for _, c := range sc.cands {
			if c.name == n {
				continue next
			}
		}
		sc.cands = append(sc.cands, cand{name: n})
		if added++; added == rareExactMax {
			return
		}
	}
}
