package match

import (
	"strings"

	"github.com/exportguard/exportguard/screening/lists"
)

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
// ㅢ (Lee, Hee), you for ㅕ and ㅠ (Young, You), oi for ㅚ (Choi), eui for ㅢ.
var korVowels = []korPart{
	{"a", korA}, {"ae", korAE}, {"ya", korYA}, {"yae", korYAE},
	{"eo", korEO}, {"o", korEO | korO}, {"u", korEO | korU | korEU}, {"eu", korEU}, {"oo", korU},
	{"e", korE},
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

// korSyl is a reading of a word as one Hangul syllable: the jamo its
// initial, vowel and final can stand for.
type korSyl struct{ ini, vow, fin uint32 }

// maxKorLen is the longest word read as a Korean syllable (chh, weo, ng:
// seven letters at most; eight leaves room for none more).
const maxKorLen = 7

// maxKorReadings is the most readings of one word kept.
const maxKorReadings = 4

// korReadings reads the word w as one romanised Hangul syllable in every
// way the tables allow, into out; it returns how many (0: no syllable).
func korReadings(w string, out *[maxKorReadings]korSyl) int {
	if len(w) == 0 || len(w) > maxKorLen {
		return 0
	}
	n := 0
	for _, in := range korInitials {
		if !strings.HasPrefix(w, in.s) {
			continue
		}
		rest := w[len(in.s):]
		for _, v := range korVowels {
			if !strings.HasPrefix(rest, v.s) {
				continue
			}
			end := rest[len(v.s):]
			for _, f := range korFinals {
				if f.s != end {
					continue
				}
				if n < maxKorReadings {
					out[n] = korSyl{in.m, v.m, f.m}
					n++
				}
			}
		}
	}
	return n
}

// koreanSameSyllable reports whether the words a and b, not equal, can
// both spell one Hangul syllable, each in some system of korInitials,
// korVowels and korFinals: Seung and Sung (승), Sub and Sop (섭), Phil and
// Pil (필). Gi and Gil, Yongsu and Yongsun stay apart.
func koreanSameSyllable(a, b string) bool {
	if a == b || len(a) > maxKorLen || len(b) > maxKorLen {
		return false
	}
	var ra, rb [maxKorReadings]korSyl
	na := korReadings(a, &ra)
	if na == 0 {
		return false
	}
	nb := korReadings(b, &rb)
	for i := 0; i < na; i++ {
		for j := 0; j < nb; j++ {
			if ra[i].ini&rb[j].ini != 0 && ra[i].vow&rb[j].vow != 0 && ra[i].fin&rb[j].fin != 0 {
				return true
			}
		}
	}
	return false
}

// koreanSylSim is the similarity of two spellings of one Hangul syllable
// in a Korean person's name: below two spellings of one variant group
// (variantSim), as the reading is of the letters alone.
const koreanSylSim = 0.9

// koreaCountries are the countries whose people's names are Korean, and
// chinaCountries those whose are Chinese: a name of either is read so.
var (
	koreaCountries = [...]string{"KP", "KR"}
	chinaCountries = [...]string{"CN", "HK", "MO", "TW"}
)

// entryCountryIn reports whether a listed entry has a nationality,
// citizenship, address or document of one of the countries cs.
func entryCountryIn(e *lists.Entry, cs []string) bool {
	for _, set := range [2][]string{e.Nationalities, e.Citizenships} {
		for _, s := range set {
			for _, c := range cs {
				if strings.EqualFold(s, c) {
					return true
				}
			}
		}
	}
	for _, a := range e.Addresses {
		if !a.Country.IsValid() {
			continue
		}
		for _, c := range cs {
			if strings.EqualFold(a.Country.String(), c) {
				return true
			}
		}
	}
	for _, id := range e.IDs {
		for _, c := range cs {
			if strings.EqualFold(id.Country, c) {
				return true
			}
		}
	}
	return false
}

// koreanName reports whether the listed person's name rec (words ctoks)
// is Korean: the entry is of North or South Korea; or of neither China nor
// Korea, and the name is two to four words, the first a Korean family name
// (korean-names.txt, or the customary spellings of hangulSurname), each
// word one romanised Hangul syllable (korReadings).
func (ix *Index) koreanName(rec *nameRec, ctoks []int32) bool {
	e := ix.entries[rec.entry]
	if entryCountryIn(e, koreaCountries[:]) {
		return true
	}
	if len(ctoks) < 2 || len(ctoks) > 4 || entryCountryIn(e, chinaCountries[:]) {
		return false
	}
	first := &ix.toks[ctoks[0]]
	if !(first.group != 0 && variantGroups[first.group-1].kind == variantKorean) && !koreanFamilyNames()[first.s] {
		return false
	}
	var r [maxKorReadings]korSyl
	for _, ct := range ctoks {
		if korReadings(ix.toks[ct].s, &r) == 0 {
			return false
		}
	}
	return true
}

// koreanFamilyNames is the set of the customary spellings of Korean family
// names (hangulSurname).
var koreanFamilyNames = func() func() map[string]bool {
	m := make(map[string]bool, len(hangulSurname))
	for _, s := range hangulSurname {
		m[s] = true
	}
	return func() map[string]bool { return m }
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
func (ix *Index) koreanPair(sc *scratch, k int32, j int, t *tokInfo, rec *nameRec, ctoks []int32, kor *int8) bool {
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
	if *kor < 0 {
		*kor = 0
		if ix.koreanName(rec, ctoks) {
			*kor = 1
		}
	}
	return *kor == 1
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
	var rs [4][maxKorReadings]korSyl
	var ns [4]int
	for i := range sc.qs {
		if ns[i] = korReadings(sc.qs[i].s, &rs[i]); ns[i] == 0 {
			return
		}
	}
	sc.qKorean = true
	var buf [3 * maxKorLen]byte
	for i := range sc.qs {
		q := &sc.qs[i]
		looked := 0
		for _, r := range rs[i][:ns[i]] {
			for _, in := range korInitials {
				if in.m&r.ini == 0 {
					continue
				}
				for _, v := range korVowels {
					if v.m&r.vow == 0 {
						continue
					}
					for _, f := range korFinals {
						if f.m&r.fin == 0 || looked >= maxKorLookups {
							continue
						}
						b := append(append(append(buf[:0], in.s...), v.s...), f.s...)
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
}
