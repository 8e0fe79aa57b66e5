package match

// Letters written as their names. A company named for a Latin letter (Z
// AXIS, X GROUP) is written in Russian with the letter's name (Зет Аксис)
// and read back into Latin letters as ZET AXIS; in English the letter may
// be spelt out too (Zed). letterNames maps the names of the Latin letters
// that are not words or names of their own, as Russian names them
// (romanised: zet, iks, igrek, dablyu) and as English does (zed, aitch),
// to the letter. The short names (es, em, en, el, ef, ka, pe, te, be,
// ve, de) are also words, syllables and initials, and are left out.
var letterNames = map[string]string{
	"zet": "z", "zed": "z", "iks": "x", "igrek": "y", "dablyu": "w", "aitch": "h",
}

// letterNameShapes holds the shapes (shapeSet) of letterNames's keys:
// letterHits asks them of a query word before the map.
var letterNameShapes = shapesOf(letterNames)

// letterNameSim is the similarity of a letter's name with the letter.
const letterNameSim = 0.9

// letterHits adds, for query word i that names a Latin letter, the listed
// one-letter word of that letter.
func (ix *Index) letterHits(sc *scratch, q *qtok, i int8) {
	if len(q.s) < 3 || len(q.s) > 6 || !letterNameShapes.has(q.s) {
		return
	}
	l, ok := letterNames[q.s]
	if !ok {
		return
	}
	if id, ok := ix.tokenID(l); ok {
		sc.addHit(simHit{i, i, id, letterNameSim})
	}
}
