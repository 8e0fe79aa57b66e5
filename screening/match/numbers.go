package match

// numberHitW is what a number of the query that a candidate name also
// holds adds to the name's estimate (see collectCandidates): about a tenth
// of a rare word's weight, enough to rank first, among names whose words
// agree alike, those whose number agrees too.
const numberHitW = 1

// indexNumbers lists, for every number of a listed name, the names that
// hold it (numPost). Numbers are not matched fuzzily and are not words of
// the candidate look-up; without them, a query for one of a fleet of
// vessels or aircraft that share their words ("FU YUAN YU 8696",
// "RA-85155") could leave its own name out of the candidates, all of which
// agree on the words alone.
func (ix *Index) indexNumbers() {
	ix.numPost = make(map[string][]int32)
	for n := range ix.names {
		r := &ix.names[n]
		for _, num := range ix.nameNum[r.numOff : r.numOff+int32(r.numLen)] {
			if p := ix.numPost[num]; len(p) == 0 || p[len(p)-1] != int32(n) {
				ix.numPost[num] = append(p, int32(n))
			}
		}
	}
}

// numberHits adds numberHitW to the estimate of every name that a query
// word found (sc.acc set) and that holds a number of the query. A number
// shared by more than commonDF names is skipped, as a common word is; a
// name that shares only a number is not made a candidate.
func (ix *Index) numberHits(sc *scratch) {
	for _, num := range sc.nt.nums {
		p := ix.numPost[num]
		if len(p) > ix.opts.commonDF {
			continue
		}
		for _, n := range p {
			if sc.acc[n] != 0 {
				sc.acc[n] += numberHitW
			}
		}
	}
}
