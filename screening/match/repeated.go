package match

// A name part written twice in a query: an Arabic chain of names repeats
// a name when a son is named after his grandfather or a family name is
// also a forebear's given name, and a romanisation may give the family
// name both before the comma and among the given names (LON RAOUF, Wasim
// Raouf for LOAN, Waseem Rauf; ZGHAIR, Waleed Talib Zghair for AL-RAWI,
// Walid Talib Zughayr). The second writing says nothing the first has not
// said: left unaligned beside its aligned twin in a listed person's name,
// one before the query's comma and one after, it is not a word of another
// name. A name repeated without a comma (Ali Ali Hassan, Mohammed Ali
// Mohammed) is a chain of fathers, another name than the listed one
// without the repeat, and keeps its weight. The twin may be respelled by
// one letter (ROTENBERG, Liliia Rotenberh for ROTENBERG, Liliya
// Arkadievna: the Russian and the Ukrainian spelling of one surname).
//
// A repeated family name, of no group of the variant tables (Zghair,
// Rotenberg), counts so when three words or more agree, or two and the
// listed words left out are patronymics: the query then scores as it
// would without the repeat. With two words and other listed words left
// out it keeps its weight, so that a repeated surname does not make two
// common words a shortened form of longer names (LOPEZ, Jose Lopez for
// LOPEZ GOMEZ, Roberto Jose). A repeated given name (Hassan, Raouf)
// counts so only when three words or more agree and no listed word is
// left out: a repeated common given name would otherwise make two or
// three common words a shortened form of every longer listed name that
// holds them (HASSAN, Ali Hassan for KHALIL, Ali Hassan; AHMED, Mohamed
// Ahmed for AW-MOHAMED, Ahmed Abdi).

// repeatedWords returns the query words (qs) written as another query word
// is, of three letters or more and neither an article nor a particle of a
// chain of names (abd, abu, bin, ibn), which romanisations repeat without
// repeating a name.
func repeatedWords(qs []qtok) uint64 {
	var m uint64
	for i := 1; i < len(qs) && i < 64; i++ {
		s := qs[i].s
		if len(s) < 3 || isArticle(s) || chainParticle(s) {
			continue
		}
		for j := 0; j < i; j++ {
			if nameTwins(qs[j].s, s) {
				m |= bit(i) | bit(j)
			}
		}
	}
	return m
}

// repeatedLeftOut returns missQ, the weight of the query words a listed
// person's name leaves unaligned (aligned words qm), less the words of
// sc.qRepeat left unaligned while a twin on the other side of the query's
// comma is aligned; a given name (not familyWord) only with three words
// or more aligned besides the article (the edges from sc.edgeStore[start])
// and no listed word left out (missC), a family
// name with three words or more aligned or with two and only patronymics
// of the listed name (ctoks, aligned words cm) left out.
func (ix *Index) repeatedLeftOut(sc *scratch, ctoks []int32, qm, cm uint64, missQ, missC float32, start int) float32 {
	left := sc.qRepeat &^ qm
	if left == 0 || sc.qRepeat&qm == 0 {
		return missQ
	}
	aligned := sc.alignedWords(start)
	if sc.qSurname < 0 {
		sc.qSurname = sc.surnameWords(sc.qName)
	}
	qs := sc.qSurname
	if qs == 0 {
		return missQ
	}
	for i := range sc.qs {
		if i >= 64 || left&bit(i) == 0 {
			continue
		}
		for j := range sc.qs {
			if j < 64 && qm&bit(j) != 0 && sc.qRepeat&bit(j) != 0 && (i < qs) != (j < qs) && nameTwins(sc.qs[j].s, sc.qs[i].s) {
				if !familyWord(&sc.qs[i]) || !familyWord(&sc.qs[j]) {
					if missC > 0 || aligned < 3 {
						continue
					}
				} else if aligned < 3 && missC > 0 && !ix.patronymicsLeftOut(ctoks, cm) {
					continue
				}
				missQ -= sc.qs[i].w * sc.qs[i].variantInfo.missFactor(true, false)
				break
			}
		}
	}
	return max(missQ, 0)
}

// nameTwins reports whether two query words are one name part: the same
// word, or a word of five letters or more and the same with one letter
// replaced (Rotenberg, Rotenberh: the Russian and the Ukrainian spelling
// of one surname). A letter added or dropped is not so: Mohammadi is
// another name than Mohammed.
func nameTwins(a, b string) bool {
	if a == b {
		return true
	}
	if len(a) != len(b) || len(a) < 5 || a[0] != b[0] {
		return false
	}
	diff := 0
	for k := 1; k < len(a); k++ {
		if a[k] != b[k] {
			diff++
		}
	}
	return diff == 1
}

// familyWord reports whether a query word may be a family name: four
// letters or more, of no group of the variant tables (not a given name,
// title, particle or patronymic of the tables).
func familyWord(q *qtok) bool {
	return q.group == 0 && !q.patronymic && len(q.s) >= 4
}

// patronymicsLeftOut reports whether every word of a listed name (ctoks)
// left unaligned (aligned words cm) is a patronymic or the article.
func (ix *Index) patronymicsLeftOut(ctoks []int32, cm uint64) bool {
	for j, ct := range ctoks {
		if j < 64 && cm&bit(j) == 0 && !ix.toks[ct].patronymic && !isArticle(ix.toks[ct].s) {
			return false
		}
	}
	return true
}

// alignedWords is the number of edges from sc.edgeStore[start] on, less
// those of the query's article alone.
func (sc *scratch) alignedWords(start int) int {
	n := 0
	for _, e := range sc.edgeStore[start:] {
		if e.qlo != e.qhi || !isArticle(sc.qs[e.qlo].s) {
			n++
		}
	}
	return n
}
