package match

import (
	"strings"
	"sync"

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
var syllables = sync.OnceValue(func() map[string]bool {
	m := make(map[string]bool, 4096)
	for _, readings := range pinyinDict {
		for _, p := range strings.Split(readings, ",") {
			if s := stripTone(p); s != "" && isASCII(s) {
				m[s] = true
			}
		}
	}
	for r := rune(0xAC00); r <= 0xD7A3; r++ {
		m[hangul(r, false)] = true
	}
	for _, s := range hangulSurname {
		m[s] = true
	}
	return m
})

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
	if set[w] {
		return 1
	}
	for k := 1; k < len(w); k++ {
		if set[w[:k]] && set[w[k:]] {
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
	if a == b || skelA == skelB || len(a)-len(b) > 1 || len(b)-len(a) > 1 {
		return false
	}
	n := max(len(a), len(b))
	if d := (1 - levSim(a, b)) * float64(n); d > 1.0001 {
		return false
	}
	c := syllableCount(a)
	return c > 0 && c == syllableCount(b)
}

// eastAsianCountries are the countries whose people's names are Chinese or
// Korean: China, Hong Kong, Macao, Taiwan, North and South Korea.
var eastAsianCountries = [...]string{"CN", "HK", "MO", "TW", "KP", "KR"}

// eastAsian reports whether a listed entry has a nationality, citizenship
// or address in a country of eastAsianCountries.
func eastAsian(e *lists.Entry) bool {
	is := func(s string) bool {
		for _, c := range eastAsianCountries {
			if strings.EqualFold(s, c) {
				return true
			}
		}
		return false
	}
	for _, set := range [][]string{e.Nationalities, e.Citizenships} {
		for _, s := range set {
			if is(s) {
				return true
			}
		}
	}
	for _, a := range e.Addresses {
		if a.Country.IsValid() && is(a.Country.String()) {
			return true
		}
	}
	return false
}
