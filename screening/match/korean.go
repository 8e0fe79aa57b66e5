package match

// A Korean name is written in Latin letters in several systems at once:
// the Revised Romanization (RR, South Korea since 2000), McCune–Reischauer
// (MR, with its apostrophes and breves dropped as the lists drop them), the
// North Korean system of 1992 and the customary spellings people use for
// themselves. One Hangul syllable is so written several ways: 성 is seong
// (RR), song (MR sŏng) and sung (customary); 섭 is seop, sop and sub; 필 is
// pil (RR and MR p'il) and phil (the North Korean aspirate ph). The letters
// of these spellings differ by more than the skeletons merge (eo, o and u;
// a final p and b; p and ph), and a one-letter difference between short
// syllables is, in general, another name (syllables.go). Here a romanised
// word is read back into the Hangul letters (jamo) it can stand for in
// any of these systems: two words that can spell one Hangul syllable are
// the same syllable in two systems (koreanSameSyllable), which a listed
// person whose name is Korean (koreanName) is scored by.
//
// The tables are general knowledge of the three systems and of customary
// practice (see internal/variants/PROVENANCE.md, korean.go); no spelling is
// taken from a list entry.

// korPart is one spelling of a part of a syllable (its initial consonant,
// its vowel or its final consonant) and the jamo it can stand for, as bits.
type korPart struct {
	s string
	m uint32
}

// Initial consonants (choseong), as bits of korPart.m.
const (
	korG    = 1 << iota // ㄱ
	korKK               // ㄲ
	korN                // ㄴ
	korD                // ㄷ
	korTT               // ㄸ
	korR                // ㄹ
	korM                // ㅁ
	korB                // ㅂ
	korPP               // ㅃ
	korS                // ㅅ
	korSS               // ㅆ
	korNull             // ㅇ, written as nothing
	korJ                // ㅈ
	korJJ               // ㅉ
	korCh               // ㅊ
	korK                // ㅋ
	korT                // ㅌ
	korP                // ㅍ
	korH                // ㅎ
)

// korInitials are the spellings of the initial consonants: RR g, d, b, j
// for the plain stops, which MR writes k, t, p, ch (as it writes the
// aspirates k', t', p', ch' once the apostrophe is dropped); the North
// Korean kh, th, ph for the aspirates (and the older chh); the doubled
// letters of the tense consonants (MR tch for ㅉ); r and the customary l
// for ㄹ; sh, as MR writes ㅅ before i and customary spellings elsewhere
// (Shin).
var korInitials = []korPart{
	{"", korNull},
	{"g", korG}, {"k", korG | korK}, {"kk", korKK}, {"gg", korKK}, {"kh", korK},
	{"n", korN},
	{"d", korD}, {"t", korD | korT}, {"tt", korTT}, {"dd", korTT}, {"th", korT},
	{"r", korR}, {"l", korR},
	{"m", korM},
	{"b", korB}, {"p", korB | korP}, {"pp", korPP}, {"bb", korPP}, {"ph", korP},
	{"s", korS}, {"sh", korS}, {"ss", korSS},
	{"j", korJ}, {"ch", korJ | korCh}, {"jj", korJJ}, {"tch", korJJ}, {"chh", korCh},
	{"h", korH},
}

// Vowels (jungseong), as bits of korPart.m.
const (
	korA   = 1 << iota // ㅏ
	korAE              // ㅐ
	korYA              // ㅑ
	korYAE             // ㅒ
	korEO              // ㅓ
	korE               // ㅔ
	korYEO             // ㅕ
	korYE              // ㅖ
	korO               // ㅗ
	korWA              // ㅘ
	korWAE             // ㅙ
	korOE              // ㅚ
	korYO              // ㅛ
	korU               // ㅜ
	korWO              // ㅝ
	korWE              // ㅞ
	korWI              // ㅟ
	korYU              // ㅠ
	korEU              // ㅡ
	korUI              // ㅢ
	korI               // ㅣ
)

// korVowels are the spellings of the vowels: RR eo and eu, which MR writes
// ŏ and ŭ (o and u once the breve is dropped); the customary u for ㅓ and
// yu for ㅕ (Sung, Jung, Hyun, Kyung), oo for ㅜ (Soo, Koo), ee for ㅣ and
// ㅢ (Lee, Hee), you for ㅕ and ㅠ (Young, You), oi for ㅚ (Choi), eui for ㅢ;
// and the letters of a name that came through Russian (the Kontsevich
// system and Russian practice): e for ㅕ after a consonant (Пхеньян,
// Phenyan, for Pyongyang; Хек for 혁) and for ㅐ (э), y for ㅡ (ы).
var korVowels = []korPart{
	{"a", korA}, {"ae", korAE}, {"ya", korYA}, {"yae", korYAE},
	{"eo", korEO}, {"o", korEO | korO}, {"u", korEO | korU | korEU}, {"eu", korEU}, {"oo", korU},
	{"e", korE | korYEO | korAE}, {"y", korEU},
	{"yeo", korYEO}, {"yo", korYEO | korYO}, {"yu", korYEO | korYU}, {"you", korYEO | korYU}, {"yoo", korYU},
	{"ye", korYE},
	{"wa", korWA}, {"wae", korWAE}, {"oe", korOE}, {"oi", korOE},
	{"wo", korWO}, {"weo", korWO}, {"we", korWE}, {"wi", korWI},
	{"ui", korUI}, {"eui", korUI},
	{"i", korI}, {"ee", korI | korUI},
}

// Final consonants (the seven sounds a syllable can end in, and none), as
// bits of korPart.m.
const (
	korFNone = 1 << iota
	korFK
	korFN
	korFT
	korFL
	korFM
	korFP
	korFNG
)

// korFinals are the spellings of the final consonants: RR and MR k, t, p,
// l, and the customary g, ck, b and ll (Hag, Ock, Sub, Ill).
var korFinals = []korPart{
	{"", korFNone},
	{"k", korFK}, {"g", korFK}, {"ck", korFK},
	{"n", korFN},
	{"t", korFT},
	{"l", korFL}, {"ll", korFL},
	{"m", korFM},
	{"p", korFP}, {"b", korFP},
	{"ng", korFNG},
}

// korSyl is the reading of a word as one Hangul syllable: the jamo its
// initial, vowel and final can stand for.
type korSyl struct{ ini, vow, fin uint32 }

// maxKorLen is the longest word read as a Korean syllable (tch, weo, ng:
// seven letters at most).
const maxKorLen = 7

// korVowelLetter reports whether c is a letter of the vowel spellings
// (korVowels): a, e, i, o, u, w, y.
func korVowelLetter(c byte) bool { return letterClass[c]&korVowel != 0 }

// korPartIndex is a table of korPart by the first letter of the spelling
// (27 for none), so that a look-up compares the few of that letter.
type korPartIndex [28][]korPart

func newKorPartIndex(ps []korPart) *korPartIndex {
	var x korPartIndex
	for _, p := range ps {
		k := 27
		if p.s != "" {
			k = int(p.s[0] - 'a')
		}
		x[k] = append(x[k], p)
	}
	return &x
}

// korIniIndex, korVowIndex and korFinIndex index korInitials, korVowels
// and korFinals.
var (
	korIniIndex = newKorPartIndex(korInitials)
	korVowIndex = newKorPartIndex(korVowels)
	korFinIndex = newKorPartIndex(korFinals)
)

// part returns the jamo of the spelling s, 0 if none.
func (x *korPartIndex) part(s string) uint32 {
	k := 27
	if s != "" {
		if s[0] < 'a' || s[0] > 'z' {
			return 0
		}
		k = int(s[0] - 'a')
	}
	for i := range x[k] {
		if x[k][i].s == s {
			return x[k][i].m
		}
	}
	return 0
}

// korReading reads the word w as one romanised Hangul syllable, and
// reports whether it is one. The initials and finals are written with
// consonants, the vowels with a, e, i, o, u, w and y, so a word splits in
// one way only: its leading consonants, its vowel letters, the rest.
func korReading(w string) (korSyl, bool) {
	if len(w) == 0 || len(w) > maxKorLen {
		return korSyl{}, false
	}
	i := 0
	for i < len(w) && !korVowelLetter(w[i]) {
		i++
	}
	j := i
	for j < len(w) && korVowelLetter(w[j]) {
		j++
	}
	// the longest spellings: tch; yae, yeo, you, yoo, wae, weo, eui; ng, ck, ll
	if j == i || i > 3 || j-i > 3 || len(w)-j > 2 {
		return korSyl{}, false
	}
	for k := j; k < len(w); k++ {
		if korVowelLetter(w[k]) {
			return korSyl{}, false // a second vowel: two syllables, or none
		}
	}
	// each part looked up only when the ones before it are spellings
	var r korSyl
	if r.ini = korIniIndex.part(w[:i]); r.ini == 0 {
		return korSyl{}, false
	}
	if r.vow = korVowIndex.part(w[i:j]); r.vow == 0 {
		return korSyl{}, false
	}
	if r.fin = korFinIndex.part(w[j:]); r.fin == 0 {
		return korSyl{}, false
	}
	return r, true
}

// koreanSameSyllable reports whether the words a and b, not equal, can
// both spell one Hangul syllable, each in some system of korInitials,
// korVowels and korFinals: Seung and Sung (승), Sub and Sop (섭), Phil and
// Pil (필). Gi and Gil, Yongsu and Yongsun stay apart.
func koreanSameSyllable(a, b string) bool {
	if a == b {
		return false
	}
	ra, ok := korReading(a)
	if !ok {
		return false
	}
	rb, ok := korReading(b)
	return ok && ra.ini&rb.ini != 0 && ra.vow&rb.vow != 0 && ra.fin&rb.fin != 0
}

// koreanSylSim is the similarity of two spellings of one Hangul syllable
// in a Korean person's name: below two spellings of one variant group
// (variantSim), as the reading is of the letters alone.
const koreanSylSim = 0.9

// koreanName reports whether the listed person's name rec (words ctoks)
// is Korean: the entry is of North or South Korea; or of neither China nor
// Korea, and the name is two to four words, the first a Korean family name
// (korean-names.txt, or the customary spellings of hangulSurname), each
// word one romanised Hangul syllable (korReading).
func (ix *Index) koreanName(rec *nameRec, ctoks []int32) bool {
	e := ix.entries[rec.entry]
	if entryCountryIn(e, koreaCodes) {
		return true
	}
	if len(ctoks) < 2 || len(ctoks) > 4 || entryCountryIn(e, chinaCodes) {
		return false
	}
	first := &ix.toks[ctoks[0]]
	if !(first.group != 0 && variantGroups[first.group-1].kind == variantKorean) && !koreanFamilyNames[first.s] {
		return false
	}
	for _, ct := range ctoks {
		if _, ok := korReading(ix.toks[ct].s); !ok {
			return false
		}
	}
	return true
}

// koreanFamilyNames is the set of the customary spellings of Korean family
// names (hangulSurname).
var koreanFamilyNames = func() map[string]bool {
	m := make(map[string]bool, len(hangulSurname))
	for _, s := range hangulSurname {
		m[s] = true
	}
	return m
}()

// koreanPair reports whether hit k's query word and listed word t spell
// one Hangul syllable (koreanSameSyllable) in the name rec (words ctoks)
// of a Korean person, the query being a Korean name too (every word one
// syllable: sc.qKorean) of as many syllables, the two words in the same
// place (word j of the name): a name respelled in another system keeps
// each syllable where it was. A query of another language with one word
// that reads as a syllable ("Jon Ossoff") is not read so, nor a name of
// another length (Kim Gyu Ri is not KIM, Kyu) or whose syllables align
// out of their order. kor caches the latter for one name (-1 unknown, 0
// no, 1 yes); the hit's memo the former (0 unknown, 1 yes, 2 no).
func (ix *Index) koreanPair(sc *scratch, k int32, j int, t *tokInfo, rec *nameRec, ctoks []int32, rn *readingName) bool {
	q := &sc.qs[sc.hits[k].qlo]
	if !sc.qKorean || int(sc.hits[k].qlo) != j || len(sc.qs) != len(ctoks) || len(t.s) > maxKorLen {
		return false
	}
	m := &sc.hitMemo[k].kor
	if *m == 0 {
		*m = 2
		if koreanSameSyllable(q.s, t.s) {
			*m = 1
		}
	}
	if *m != 1 {
		return false
	}
	if rn.kor == 0 {
		rn.kor = 2
		if ix.koreanName(rec, ctoks) {
			rn.kor = 1
		}
	}
	return rn.kor == 1
}

// maxKorLookups is the most spellings of one query word koreanHits looks
// up.
const maxKorLookups = 64

// koreanHits adds, when every word of the query is one romanised Hangul
// syllable (a Korean name, as the lists write it, a syllable a word), the
// listed words that spell one of the same syllables in another system
// (koreanSameSyllable): each spelling of the jamo each query word can
// stand for, looked up as a listed word. The hits count minTokSim until a
// Korean person's alignment raises them (koreanPair).
func (ix *Index) koreanHits(sc *scratch) {
	sc.qKorean = false
	if len(sc.qs) < 2 || len(sc.qs) > 4 {
		return
	}
	var rs [4]korSyl
	for i := range sc.qs {
		var ok bool
		if rs[i], ok = korReading(sc.qs[i].s); !ok {
			return
		}
	}
	sc.qKorean = true
	var buf [3 * maxKorLen]byte
	var ins, vs, fs [32]uint8 // the spellings of each part's jamo
	for i := range sc.qs {
		q, r := &sc.qs[i], rs[i]
		ni, nv, nf := korSpellings(korInitials, r.ini, &ins), korSpellings(korVowels, r.vow, &vs), korSpellings(korFinals, r.fin, &fs)
		looked := 0
		for _, a := range ins[:ni] {
			for _, v := range vs[:nv] {
				for _, f := range fs[:nf] {
					if looked >= maxKorLookups {
						break
					}
					b := append(append(append(buf[:0], korInitials[a].s...), korVowels[v].s...), korFinals[f].s...)
					if string(b) == q.s {
						continue
					}
					looked++
					if id, ok := ix.tokenID(bytesString(b)); ok {
						sc.addHit(simHit{int8(i), int8(i), id, minTokSim})
					}
				}
			}
		}
	}
}

// korSpellings writes into out the indices of the spellings of ps that
// stand for a jamo of m, and returns how many.
func korSpellings(ps []korPart, m uint32, out *[32]uint8) int {
	n := 0
	for i := range ps {
		if ps[i].m&m != 0 && n < len(out) {
			out[n] = uint8(i)
			n++
		}
	}
	return n
}
