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
// without the repeat, and keeps its weight. Three words or more must
// agree besides: a repeated common given name would otherwise make two
// common words a shortened form of every longer listed name that holds
// them (HASSAN, Ali Hassan for KHALIL, Ali Hassan; AHMED, Mohamed Ahmed
// for AW-MOHAMED, Ahmed Abdi). With listed words left out as well, the
// repeated word must be a family name, of no group of the variant tables
// (Zghair), not a given name (Hassan, Raouf): the query is then the
// listed name shortened, which for common given names it must not be.

// repeatedWords returns the query words (qs) written as another query word
// is, of three letters or more and neither an article nor a particle of a
// chain of names (abd, abu, bin, ibn), which romanisations repeat without
// repeating a name.
func repeatedWords(qs []qtok) uint64 {
	var m uint64
	for i := 1; i < len(qs) && i < 64; i++ {
		s := qs[i].s
		if len(s) < 3 || isArticle(s) || isSonOf(s) || s == "abd" || s == "abu" {
			continue
		}
		for j := 0; j < i; j++ {
			if qs[j].s == s {
				m |= bit(i) | bit(j)
			}
		}
	}
	return m
}

// repeatedLeftOut returns missQ, the weight of the query words a listed
// person's name leaves unaligned (aligned words qm), less the words of
// sc.qRepeat left unaligned while a twin on the other side of the query's
// comma is aligned; with listed words left out (missC), only words of no
// variant group count so.
func (sc *scratch) repeatedLeftOut(qm uint64, missQ, missC float32) float32 {
	left := sc.qRepeat &^ qm
	if left == 0 || sc.qRepeat&qm == 0 {
		return missQ
	}
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
		if q := &sc.qs[i]; missC > 0 && (q.group != 0 || q.patronymic || len(q.s) < 4) {
			continue
		}
		for j := range sc.qs {
			if j < 64 && qm&bit(j) != 0 && sc.qRepeat&bit(j) != 0 && (i < qs) != (j < qs) && sc.qs[j].s == sc.qs[i].s {
				missQ -= sc.qs[i].w * sc.qs[i].variantInfo.missFactor(true, false)
				break
			}
		}
	}
	return max(missQ, 0)
}
