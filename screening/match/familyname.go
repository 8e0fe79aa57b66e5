package match

// A listed person's given names that a query leaves out in place count
// alphaFewerGivenNames of their weight (moreGivenNames, namePartRun,
// surnameFromLater). With every word that agrees respelled from Arabic
// script (Joumaa / Jomaa 0.85, Ayman / Aymen 0.82), a quarter of one given
// name left out keeps the same person below the threshold (JOMAA, Aymen for
// JOUMAA, Ayman Saied, 0.780). A lower share for every such name let two
// common given names match every longer name that holds them ("Ali Ahmad":
// HAJI, Ali Ahmed; CHEHADE, Ali Ahmad), and was taken back. A family name
// is other evidence: when a word that agrees is a word no group of the
// variant tables holds (not a given name, title, particle or
// patronymic of the tables: Joumaa, Faqih, Hamudat), the given names left
// out count down to alphaLeftOutBesideFamily of their weight, but never
// so little that the name scores more than its words written alike would
// at alphaFewerGivenNames (familyShare): a name that agrees on exact words
// (GARCIA, Jose for GIL GARCIA, Jose Alejandro, 0.865) keeps its score,
// and a respelled one rises to the threshold, not past the exact one. The
// test reads the tables, not the words' frequencies, so that it decides
// alike in the index of the whole list and in that of a few changed
// entries.

// alphaLeftOutBesideFamily is the share of their weight that a listed
// person's given names left out in place count for beside a family name
// that agrees.
const alphaLeftOutBesideFamily = 0.14

// familyNameAligned reports whether an aligned word of a listed person's
// name (the edges from sc.edgeStore[start]) is a family name that agrees:
// a single word of four letters or more, of no variant group, aligned at
// vowelShapeSim or more.
func (ix *Index) familyNameAligned(sc *scratch, ctoks []int32, start int) bool {
	for _, e := range sc.edgeStore[start:] {
		if e.clo != e.chi || e.sim < vowelShapeSim {
			continue
		}
		if t := &ix.toks[ctoks[e.clo]]; t.group == 0 && !t.patronymic && len(t.s) >= 4 && !nasabParticles[t.s] {
			return true
		}
	}
	return false
}

// familyShare is the share of their weight that the listed words missC
// left out in place count for beside a family name that agrees, for the
// alignment al: alphaLeftOutBesideFamily, or more where that would score
// the name above the same words written alike at alphaFewerGivenNames
// (al.matchedW / (al.matchedW + alphaFewerGivenNames*missC)).
func familyShare(al *alignment, missC float32) float32 {
	if missC <= 0 || al.matchedW <= 0 {
		return alphaFewerGivenNames
	}
	alike := (al.num*(al.matchedW+alphaFewerGivenNames*missC)/al.matchedW - al.matchedW) / missC
	return min(max(alphaLeftOutBesideFamily, alike), alphaFewerGivenNames)
}

// particlesLeftOut is how many of the listed words of a person's name ctoks
// that the mask cm leaves out are particles (nasabParticles: the article,
// son of, father of, servant of): they make no name of their own, so a
// shortened name is not held to align with half of them. AL-ZOMOR, Abboud
// Abdul Latif Hassan left out the article, abd and al beside the names
// Latif and Hassan; ZUMAR, Abbud, two close words, is that name shortened
// as AL-ZUMAR, Abbud, whose article aligned, already was.
func (ix *Index) particlesLeftOut(ctoks []int32, cm uint64) int {
	n := 0
	for j, ct := range ctoks {
		if j < 64 && cm&bit(j) == 0 && nasabParticles[ix.toks[ct].s] {
			n++
		}
	}
	return n
}

// partialExtra is the number of the listed words ctoks left out (cm the
// words aligned) that partialPerson weighs, less the particles left out
// (particlesLeftOut); these are counted only when the share of words
// that agree (from sc.edgeStore[start]) falls short without them.
func (ix *Index) partialExtra(sc *scratch, ctoks []int32, cm uint64, start int) int {
	extra := extraWords(cm, len(ctoks))
	if float32(len(sc.edgeStore)-start) < partialMinShare*float32(extra) {
		extra -= ix.particlesLeftOut(ctoks, cm)
	}
	return extra
}
