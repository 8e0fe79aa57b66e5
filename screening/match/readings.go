package match

import "slices"

// The readings of a word in another romanisation that gatherEdges applies
// to the hits of a listed person's name: one Hangul syllable in two
// systems (korean.go), the Romanian c before e and i (romanian.go), the
// Spanish j for kh (spanish.go), the Somali x and c (somali.go), the
// Tajik o for the Persian long a (tajik.go), an Armenian family name in
// its Russian form (armenian.go), a Slavic -ov read back from Arabic
// script (arabicslav.go), the Khmer r after a stop left out (khmer.go).
// The query words each can apply to are known once a search
// (sc.qReadings), so that the hits of the other words cost one test.

// readingName is what the readings ask of one listed name, worked out on
// first use: 0 unknown, 1 yes, 2 no.
type readingName struct {
	kor  int8 // a Korean name (koreanName)
	slav int8 // a name with an East Slavic patronymic (slavicPatronymicName)
	som  int8 // a person of a Somali-speaking country (somaliName)
	taj  int8 // a person of a country of the Tajik o (tajikName)
	khm  int8 // a person of Cambodia (khmerName)
}

// maxReadingSim is the similarity of a pair up to which the readings are
// tried: none raises a pair above it.
const maxReadingSim = 0.93

// readingWords returns the query words (as bits) a reading can apply to.
func readingWords(sc *scratch) uint64 {
	m := sc.qCWords | sc.qJWords | sc.qSomWords | sc.qTajWords | sc.qArmWords | sc.qArabSlavWords | sc.qKhmWords
	if sc.qKorean {
		m |= 1<<min(len(sc.qs), 63) - 1
	}
	return m
}

// readingSim returns the similarity sim of hit k (a query word alone)
// against word j of the listed person's name ctoks (rec), raised by the
// readings that apply, or -1 if only a reading that does not apply to the
// name found the pair.
func (ix *Index) readingSim(sc *scratch, k int32, j int, ctoks []int32, rec *nameRec, rn *readingName, sim float32) float32 {
	h := &sc.hits[k]
	q, t := &sc.qs[h.qlo], &ix.toks[ctoks[j]]
	if sc.qKorean && sim < koreanSylSim && ix.koreanPair(sc, k, j, t, rec, ctoks, rn) {
		sim = koreanSylSim // one Hangul syllable in two systems
	}
	bq := bit(int(h.qlo))
	if sim < romanianCMaxSim && sc.qCWords&bq != 0 {
		sim = max(sim, romanianCSim(q, t)) // Copcin, Copchin
	}
	if sim < spanishJMaxSim && sc.qJWords&bq != 0 && ix.slavicPatronymicName(ctoks, rn) {
		sim = max(sim, spanishJSim(q, t)) // Kajaver, Kakhaber
	}
	if sc.qSomWords&bq != 0 {
		if ix.somaliName(rec, rn) {
			if sim < somaliMaxSim {
				sim = max(sim, somaliSim(q, t)) // Baynax, Baynah (somali.go)
			}
		} else if slices.Contains(sc.somNew, k) {
			return -1 // a pair of the Somali reading alone
		}
	}
	if sc.qTajWords&bq != 0 {
		if ix.tajikName(rec, rn) {
			sim = max(sim, tajikOSim(q, t)) // Jon, Jan (tajik.go)
		} else if slices.Contains(sc.tajNew, k) {
			return -1 // a pair of the Tajik o alone
		}
	}
	if sc.qKhmWords&bq != 0 && sim < vowelShapeSim && khmerRSim(q, t) > 0 {
		if !ix.khmerName(rec, rn) {
			if slices.Contains(sc.khmNew, k) {
				return -1 // a pair of the Khmer r alone
			}
		} else {
			sim = vowelShapeSim // Thy, Try (khmer.go)
		}
	}
	if sim < armenianSim && sc.qArmWords&bq != 0 {
		sim = max(sim, armenianPairSim(q, t)) // Torosyan, Torosov (armenian.go)
	}
	if sim < arabicSlavSim && sc.qArabSlavWords&bq != 0 {
		sim = max(sim, arabicSlavPairSim(q, t)) // Adnuf, Adanov (arabicslav.go)
	}
	return sim
}
