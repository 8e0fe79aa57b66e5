package match

import "strings"

// Names compounded with al-din ("of the faith": Nur al-Din, Taj al-Din,
// Salah al-Din, Kamal al-Din) are written in as many ways as the article
// and the long i can be: joined with the article assimilated and doubled
// (Nureddin, Nuruddin, Tajeddine, the forms dinSuffixes splits), with a
// linking vowel and one d (Nouradine, Zinedine, Salahudin, Tajideen), the
// Persian o (Zeinoddin, Emadoddin), ee for the long i (Salahudeen), and the
// article kept apart from the name before it (Kamal Eddin). The French ou
// (Jallalouddine) is left to the joined-and-split rule (sameJoined), which
// compares the whole compound: split, its head alone would stand against
// another head (Jamalouddine, Jalaluddin: Jamal and Jalal at 0.74).

// dinLinkedSuffixes are the further spellings of al-din joined to the name
// before it, the linking vowel taken with them: one d after a vowel, the
// Persian o, ee for the long i. The longer spellings of a shared ending
// come first (uddine before udine), so that the name keeps no letter of
// the link.
var dinLinkedSuffixes = []string{
	"oddine", "oddin", "uddine", "iddine", "eddeen", "iddeen", "eldine",
	"udeen", "udine", "udin", "ideen", "idine", "edine", "adine",
}

// dinLinkedHead returns the name before al-din in w written with one of
// dinLinkedSuffixes, three letters or more, or "" if w is no such
// compound. The Arabic plural in -in of a participle (mujahidin,
// mujahedeen; abidin, abideen, "worshippers", as in Zain al-Abidin) ends
// alike and is no compound.
func dinLinkedHead(w string) string {
	if !dinTail(w) {
		return "" // no suffix ends so (tokens.go)
	}
	for _, suf := range dinLinkedSuffixes {
		if len(w) >= len(suf)+3 && w[len(w)-len(suf):] == suf {
			head := w[:len(w)-len(suf)]
			if suf[0] == 'i' && (strings.Contains(head, "jah") || strings.HasSuffix(head, "ab")) {
				return "" // mujahid-, abid-: the participle's plural
			}
			if c := head[len(head)-1]; suf[0] == 'u' && (c == 'a' || c == 'e' || c == 'o') {
				return "" // the French au, eu (Claudine, Gaudin) and ou
			}
			return head
		}
	}
	return ""
}

// dinWords are the spellings of al-din written as a word of its own after
// the name it completes (Kamal Eddin, Nour Eddine, Siraj Uddin): the
// article, assimilated or not, joined to din.
var dinWords = map[string]bool{
	"eddin": true, "eddine": true, "eddeen": true, "uddin": true, "uddeen": true, "iddin": true,
	"addin": true, "aldin": true, "aldeen": true, "eldin": true, "eldeen": true, "eldine": true,
}

// dinArticles are the article's spellings before din written apart (al-Din,
// el-Din, ud-Din, ad-Din, ed-Din).
var dinArticles = map[string]bool{"al": true, "el": true, "ud": true, "ad": true, "ed": true, "ul": true}

// dinWordSim is the similarity of a word of dinWords with the article and
// din written apart: the same two elements.
const dinWordSim = 0.95

// dinGroup is the variant group of din (din, deen, dine).
var dinGroup = variantGroupOf("din")

// dinEdges adds to sc.edges, for a listed person's name ctoks, the
// pairings of a word of dinWords on one side with the article and din
// written apart on the other: Kamal Eddin / Kamal Al-Din. A standalone
// Eddin is not split into its elements when the names are read, as the
// joined compounds are (appendNameElements): a typo in it (Eddien) would
// then meet neither spelling.
//
// Its caller asks sc.qDinWords first: most queries have no such word.
func (ix *Index) dinEdges(sc *scratch, ctoks []int32) {
	for i := range sc.qs {
		q := &sc.qs[i]
		switch {
		case i > 0 && q.group == dinGroup && dinArticles[sc.qs[i-1].s]:
			// the query writes them apart: a listed word of dinWords
			for j, ct := range ctoks {
				if t := &ix.toks[ct]; isDinWord(t.s) {
					sc.edges = append(sc.edges, edge{int8(i - 1), int8(i), int8(j), int8(j), dinWordSim, t.w})
				}
			}
		case isDinWord(q.s):
			// the query writes one word: the listed article and din
			for j := 1; j < len(ctoks); j++ {
				a, d := &ix.toks[ctoks[j-1]], &ix.toks[ctoks[j]]
				if d.group == dinGroup && dinArticles[a.s] {
					sc.edges = append(sc.edges, edge{int8(i), int8(i), int8(j - 1), int8(j), dinWordSim, a.w + d.w})
				}
			}
		}
	}
}

// isDinWord reports whether w is a word of dinWords, its length and second
// letter tested first.
func isDinWord(w string) bool {
	return len(w) >= 5 && len(w) <= 6 && (w[1] == 'd' || w[1] == 'l') && dinWords[w]
}

// dinHeadsApart takes out of al (edges from sc.edgeStore[start]) the pair
// of two names proper of al-din compounds, each followed by al and din on
// its side, that agree less than a vowel respelling: the compound is the
// name, and its name proper another one letter off is another name (Jamal
// al-Din is not Jalal al-Din: Jamal, Jalal 0.74). Left in, the exact al
// and din beside it carried the name (Jamaluddin Haqani scored 0.890 for
// JALALUDDIN HAQQANI).
func (ix *Index) dinHeadsApart(sc *scratch, ctoks []int32, start int, al *alignment) {
	for k := start; k < len(sc.edgeStore); k++ {
		e := sc.edgeStore[k]
		if e.sim >= vowelShapeSim || e.qlo != e.qhi || e.clo != e.chi || !sc.qDinHead(int(e.qlo)) || !ix.cDinHead(ctoks, int(e.clo)) {
			continue
		}
		al.qm &^= bit(int(e.qlo))
		al.cm &^= bit(int(e.clo))
		al.num -= e.sim * 2 * e.w
		al.matchedW -= 2 * e.w
		sc.edgeStore = append(sc.edgeStore[:k], sc.edgeStore[k+1:]...)
		k--
	}
}

// qDinHead reports whether query word i is followed by al and din.
func (sc *scratch) qDinHead(i int) bool {
	return dinGroup != 0 && i+2 < len(sc.qs) && isArticle(sc.qs[i+1].s) && sc.qs[i+2].group == dinGroup
}

// cDinHead reports whether listed word j of ctoks is followed by al and
// din.
func (ix *Index) cDinHead(ctoks []int32, j int) bool {
	return dinGroup != 0 && j+2 < len(ctoks) && isArticle(ix.toks[ctoks[j+1]].s) && ix.toks[ctoks[j+2]].group == dinGroup
}

// dinQueryWords returns what the din rules ask of the query words qs,
// worked out once a search: whether a word is followed by al and din
// (dinHeadsApart), and whether a word is one dinEdges pairs (a word of
// dinWords, or din after the article). Most queries have neither.
func dinQueryWords(qs []qtok) (heads, words bool) {
	if dinGroup == 0 {
		return false, false
	}
	for i := range qs {
		q := &qs[i]
		heads = heads || i+2 < len(qs) && isArticle(qs[i+1].s) && qs[i+2].group == dinGroup
		words = words || i > 0 && q.group == dinGroup && dinArticles[qs[i-1].s] || isDinWord(q.s)
	}
	return heads, words
}
