package match

// Name structures of persons that the general person rules leave out.
//
// A clipped given name in a name taken from later words. Central Asian
// (Kyrgyz, Kazakh, Uzbek, Tajik) names are compounds of a name and an
// element (-bek, -bai, -jan, -khan) that speakers clip (Kamchi for
// Kamchybek), and a Kyrgyz or Kazakh person may be named by the father's
// name instead of a Russian-style surname (ASANBEK, Kamchi for KOLBAYEV,
// Kamchybek Asanbekovich). surnameFromLater asks every word that agrees to
// be close (a vowel respelling or closer); the clipped start of a
// compound given name is the name as it is said (compoundSim), and counts
// as close there too.

// clippedCloseEdges reports whether the edges from sc.edgeStore[start] of
// a listed person's name (ctoks) are two or more, each close
// (partialMinSim) or a query word that is the clipped start of a listed
// compound (compoundOf), with at least one close edge that is not.
func (ix *Index) clippedCloseEdges(sc *scratch, ctoks []int32, start int) bool {
	es := sc.edgeStore[start:]
	if len(es) < 2 {
		return false
	}
	close := false
	for _, e := range es {
		if e.sim >= partialMinSim {
			close = true
			continue
		}
		if e.sim != compoundSim || e.qlo != e.qhi || e.clo != e.chi {
			return false
		}
		q, t := &sc.qs[e.qlo], &ix.toks[ctoks[e.clo]]
		if q.patronymic || t.patronymic || !compoundOf(t.s, q.s) {
			return false
		}
	}
	return close
}

// clippedFromLater reports whether the edges from sc.edgeStore[start]
// align a query that is a listed person's name (rec, ctoks) shortened,
// with as many words as partialPerson asks for extra listed words, when a
// given name is clipped (clippedCloseEdges) and the surname is taken from
// a later word (surnameFromLater): Kamchi, named by the father's name
// Asanbek, for Kamchybek Asanbekovich. Only names partialPerson turns
// down come here.
func (ix *Index) clippedFromLater(sc *scratch, rec *nameRec, ctoks []int32, start, extra int) bool {
	return float32(len(sc.edgeStore)-start) >= partialMinShare*float32(extra) && ix.surnameFromLater(sc, rec, ctoks, start)
}

// A diphthong at the start of a name. The Arabic diphthong aw (Awf, Awn,
// Awda) is written aw and au in English and German spelling and ou in
// French (Ouf, Oun, Ouda; Aoun keeps the a), and the skeletons of the
// spellings then start with different letters (a, u), where respellings
// keep the first letter. reachPairs compares such a pair of a person's
// name all the same: diphthongSim reads both as o.

// initialDiphthongs reports whether words a and b start with a
// diphthong (aw, au, ow, ou before a consonant) spelt two ways.
func initialDiphthongs(a, b string) bool {
	return len(a) >= 3 && len(b) >= 3 && a[0] != b[0] && startsDiphthong(a) && startsDiphthong(b)
}

// startsDiphthong reports whether w starts with aw, au, ow or ou before a
// consonant.
func startsDiphthong(w string) bool {
	return (w[0] == 'a' || w[0] == 'o') && (w[1] == 'w' || w[1] == 'u') && !isVowelByte(w[2])
}

// Two family names written as one. Persian double family names (Hashemi
// Rafsanjani, Moradi Choghamarani, Hosseini Khamenei) are two nisbas, each
// a name with the adjective ending -i, that a romanisation may write as
// one word. A query word that is a listed nisba followed by another nisba
// of minJoinedSurname letters or more is the listed family name with a
// second one, not the new family name that Persian makes by adding a
// suffix to a name (Ahmadinejad, Ahmadipour, Ahmadizadeh, Mohammadikhani).
// personClipSim compares a listed word that begins a query word by the
// words' letters, so a long second family name lost the pair that a short
// suffix kept (MORADIKHANI met MORADI as a compound's start, 0.8;
// MORADICHOGHAMARANI did not); such a word now scores as a compound and
// its start.

// minJoinedSurname is the fewest letters of the second family name
// joinedSurnames reads in a word: the suffixes that make a family name of
// another (-nejad, -zadeh, -khani, -pour) are shorter.
const minJoinedSurname = 7

// joinedSurnames reports whether word q is word t, a nisba (ending in i,
// five letters or more), with another nisba of minJoinedSurname letters
// or more written after it.
func joinedSurnames(q, t string) bool {
	n := len(t)
	return n >= 5 && len(q)-n >= minJoinedSurname && t[n-1] == 'i' && q[len(q)-1] == 'i' && q[:n] == t && !isVowelByte(q[n])
}

// joinedSurnameSim is the similarity of a word that is two family names
// written as one (joinedSurnames) and the first of them: that of a
// compound and its start, not the word's own letters, which the second
// name outweighs.
const joinedSurnameSim = compoundSim

// abd joined to the next name without a linking vowel. Central Asian
// spellings (Abdrakhmanov, Abdrashitov) and some Arabic ones (Abdrabah,
// Abdrabbuh) write abd and the name the article is assimilated to
// without the vowel between (abd ar-rahman, abd rabbih), where others
// write Abdurakhmanov or Abd-Rabbuh; appendNameElements splits them as it
// splits the spellings with the vowel: abd, the article, the name.

// abdSunJoined reports whether w is abd followed by a sun letter
// (sunLetters) other than d and a vowel, with five letters or more after
// abd: no word of English or of other names starts so. A d after abd is
// its own d doubled (Abddulilah, a typo of Abdulilah).
func abdSunJoined(w string) bool {
	return len(w) >= 8 && w[:3] == "abd" && w[3] != 'd' && sunLetters[w[3]] && isVowelByte(w[4])
}
