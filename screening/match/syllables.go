package match

import (
	"strings"
	"sync"

	"github.com/exportguard/exportguard/namekey"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// Chinese and Korean given names are one or two syllables, each a word of
// its own language: Xiaoming and Xiaoping, Yongsu and Yongsun, Zhang and
// Zhong are different names, not a typo of each other, however close
// their letters are. Search keeps that apart for listed people of China
// or Korea (differentSyllabicName); respellings of the same syllable in
// another romanisation (Jeong, Jong, Chung) share a skeleton or a variant
// group and still match.

// syllables returns the set of toneless Hanyu Pinyin syllables (every
// reading of go-pinyin's dictionary) and of the Revised Romanization of
// every Hangul syllable (as hangul writes them, with the customary
// spellings of family names). It is built on first use.
var syllables = sync.OnceValue(func() *syllableSet {
	set := &syllableSet{m: make(map[string]uint8, 4096)}
	for _, readings := range pinyinDict {
		for _, p := range strings.Split(readings, ",") {
			if s := stripTone(p); s != "" && namekey.IsASCII(s) {
				set.add(s, pinyinSyllable)
			}
		}
	}
	for r := rune(0xAC00); r <= 0xD7A3; r++ {
		set.add(hangul(r, false), hangulSyllable)
	}
	for _, s := range hangulSurname {
		set.add(s, hangulSyllable)
	}
	return set
})

// syllableSet is a set of syllables with the length of the longest and the
// shapes (shapeSet) of all, which answer most look-ups of a word's parts
// before the map: a bit set by another syllable only lets the map answer.
type syllableSet struct {
	m      map[string]uint8 // pinyinSyllable, hangulSyllable or both
	shapes shapeSet
	maxLen int
}

// The systems a syllable of syllableSet is written in.
const (
	pinyinSyllable uint8 = 1 << iota
	hangulSyllable
)

func (set *syllableSet) add(s string, system uint8) {
	set.m[s] |= system
	set.shapes.add(s)
	set.maxLen = max(set.maxLen, len(s))
}

// has reports whether s is a syllable of the set.
func (set *syllableSet) has(s string) bool {
	return len(s) <= set.maxLen && set.shapes.has(s) && set.m[s] != 0
}

// hasPinyin reports whether s is a Pinyin syllable of the set.
func (set *syllableSet) hasPinyin(s string) bool {
	return len(s) <= set.maxLen && set.shapes.has(s) && set.m[s]&pinyinSyllable != 0
}

// maxSyllabicLen is the longest word that is taken for a name of one or two
// syllables.
const maxSyllabicLen = 12

// syllableCount returns 1 or 2 when the normalised word w is written as that
// many Pinyin or Hangul syllables, and 0 otherwise.
func syllableCount(w string) int {
	if len(w) == 0 || len(w) > maxSyllabicLen {
		return 0
	}
	set := syllables()
	if set.has(w) {
		return 1
	}
	for k := 1; k < len(w); k++ {
		if set.has(w[:k]) && set.has(w[k:]) {
			return 2
		}
	}
	return 0
}

// differentSyllabicName reports whether the words a and b, not equal,
// are names of the same number of Pinyin or Hangul syllables (one or two)
// that differ by one letter, added, dropped or changed, and do not share a
// romanisation skeleton: two different Chinese or Korean names.
func differentSyllabicName(a, b, skelA, skelB string) bool {
	if a == b || skelA == skelB || !oneEditApart(a, b) {
		return false
	}
	c := syllableCount(a)
	return c > 0 && c == syllableCount(b)
}

// oneEditApart reports whether a and b differ by exactly one letter added,
// dropped or changed.
func oneEditApart(a, b string) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 || a == b {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		return a[i+1:] == b[i+1:] // one letter changed
	}
	return a[i:] == b[i+1:] // one letter added to a
}

// Countries whose people's names are Chinese or Korean: China, Hong Kong,
// Macao, Taiwan; North and South Korea. A name of either is read so.
var (
	chinaCodes     = countryCodes("CN", "HK", "MO", "TW")
	koreaCodes     = countryCodes("KP", "KR")
	eastAsianCodes = append(append([]countryCode(nil), chinaCodes...), koreaCodes...)
)

// countryCode is a country as rules.Country and as its alpha-2 code.
type countryCode struct {
	c    rules.Country
	code string
}

func countryCodes(codes ...string) []countryCode {
	out := make([]countryCode, len(codes))
	for i, c := range codes {
		out[i] = countryCode{rules.MustParseCountry(c), c}
	}
	return out
}

// eastAsian reports whether a listed entry has a nationality, citizenship
// or address in a country of eastAsianCodes.
func eastAsian(e *lists.Entry) bool { return entryNationalIn(e, eastAsianCodes) }

// entryCountryIn reports whether a listed entry has a nationality,
// citizenship, address or document of one of the countries cs.
func entryCountryIn(e *lists.Entry, cs []countryCode) bool {
	return entryNationalIn(e, cs) || entryIDIn(e, cs)
}

// entryNationalIn reports whether a listed entry has a nationality,
// citizenship or address in one of the countries cs.
func entryNationalIn(e *lists.Entry, cs []countryCode) bool {
	for _, set := range [2][]string{e.Nationalities, e.Citizenships} {
		for _, s := range set {
			for _, c := range cs {
				if strings.EqualFold(s, c.code) {
					return true
				}
			}
		}
	}
	for _, a := range e.Addresses {
		for _, c := range cs {
			if a.Country == c.c {
				return true
			}
		}
	}
	return false
}

// entryIDIn reports whether a listed entry holds a document issued in one
// of the countries cs.
func entryIDIn(e *lists.Entry, cs []countryCode) bool {
	for _, id := range e.IDs {
		for _, c := range cs {
			if strings.EqualFold(id.Country, c.code) {
				return true
			}
		}
	}
	return false
}
