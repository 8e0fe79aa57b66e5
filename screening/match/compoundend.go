package match

// A compound given name and its last element. Arabic and Persian double
// given names are written as one word (Mustafamunir, Mohammadreza,
// Aliakbar, Amirhossein) and shortened to their last element, the name
// said alone (Munir, Reza, Akbar, Hossein): the first element is often a
// name of the Prophet or of his family, given before the name proper. A
// listed compound's start already meets a query word (compoundOf); its
// end is read here, among the given names of two names written surname
// first, once the surnames agree.

// minCompoundEnd is the fewest letters of the query word compoundEnd
// reads as a compound's last element.
const minCompoundEnd = 5

// minCompoundEndStart is the fewest letters of the compound's start.
const minCompoundEndStart = 4

// compoundEnd reports whether listed word t is a compound given name
// whose last element is query word q: t ends with q, and the rest of t,
// minCompoundEndStart letters or more, is an Arabic or Persian given name
// of the variant tables, not a particle of nasabParticles, and q is no
// suffix that makes a family name or the name of God (nameSuffixes).
func compoundEnd(q, t string) bool {
	n := len(t) - len(q)
	if len(q) < minCompoundEnd || n < minCompoundEndStart || t[n:] != q || nameSuffixes[q] {
		return false
	}
	g := variantGroupOf(t[:n])
	if g == 0 || variantGroups[g-1].kind != variantArabic {
		return false
	}
	name := variantGroups[g-1].name
	return !nasabParticles[name] && name != "din" // not abu, bin, al (Aboubakar)
}

// nameSuffixes are the Persian suffixes that make a family name of a given
// name (Hosseinzadeh, Mostafanejad, Azizabadi, Mohammadkhani) and the name
// of God that ends a theophoric name (Azizullah, Aminollah): the end of
// such a word is no name said alone.
var nameSuffixes = map[string]bool{
	"zadeh": true, "zadegan": true, "nejad": true, "nezhad": true, "nejhad": true, "najad": true,
	"abadi": true, "khani": true, "tabar": true, "manesh": true,
	"ullah": true, "ollah": true, "allah": true, "illah": true, "ellah": true,
}

// alignCompoundEndGiven adds to al an edge, at compoundSim, of a query's
// given name left unaligned and a listed given name, left unaligned, that
// is a compound of which it is the last element (compoundEnd), when both
// names are written surname first with a comma, every word of both
// surnames aligned, another given name aligned besides, and every aligned
// word close (closeMinSim): BASRAI, Murtuza Munir for BASRAI, Murtuza
// Mustafamunir. A compound surname (Amirhosseini) is not read so.
func (ix *Index) alignCompoundEndGiven(sc *scratch, rec *nameRec, ctoks []int32, start int, al *alignment) {
	nq, nc := len(sc.qs), len(ctoks)
	if !rec.individual || nq < 3 || nc < 3 || nq > 64 || nc > 64 || len(sc.edgeStore)-start < 2 {
		return
	}
	// a query word and a listed word it ends, before anything costlier
	i, j := -1, -1
	for k := 1; k < nq && j < 0; k++ {
		q := &sc.qs[k]
		if al.qm&bit(k) != 0 || len(q.s) < minCompoundEnd || q.patronymic || q.title {
			continue
		}
		for l := 1; l < nc; l++ {
			t := &ix.toks[ctoks[l]]
			if al.cm&bit(l) == 0 && len(t.s) >= len(q.s)+minCompoundEndStart && !t.patronymic && compoundEnd(q.s, t.s) {
				i, j = k, l
				break
			}
		}
	}
	if j < 0 {
		return
	}
	qs, cs, ok := ix.surnamesAligned(sc, rec, start, i, al) // clippedgiven.go
	if !ok || j < cs {
		return
	}
	// a given name aligned besides the surnames
	if len(sc.edgeStore)-start <= qs {
		return
	}
	al.take(sc, edge{int8(i), int8(i), int8(j), int8(j), compoundSim, ix.toks[ctoks[j]].w})
}
