package main

import (
	"path/filepath"
	"strings"
	"unicode"

	pinyin "github.com/mozillazg/go-pinyin"

	"github.com/exportguard/exportguard/screening/match"
	"github.com/exportguard/exportguard/screening/match/internal/evalset"
)

// latinToCyr writes romanised Russian, and English words as Russian
// speakers transcribe them, in Cyrillic (longest match first; "c" before
// e, i, y is с, otherwise к).
var latinToCyr = []([2]string){
	{"shch", "щ"}, {"sch", "щ"}, {"zh", "ж"}, {"kh", "х"}, {"ts", "ц"}, {"ch", "ч"}, {"sh", "ш"},
	{"yu", "ю"}, {"ya", "я"}, {"yo", "ё"}, {"ye", "е"}, {"iy", "ий"}, {"yy", "ый"}, {"th", "т"},
	{"ph", "ф"}, {"oo", "у"}, {"ee", "и"}, {"ce", "се"}, {"ci", "си"}, {"cy", "си"}, {"ck", "к"},
	{"a", "а"}, {"b", "б"}, {"v", "в"}, {"g", "г"}, {"d", "д"}, {"e", "е"}, {"z", "з"},
	{"i", "и"}, {"k", "к"}, {"l", "л"}, {"m", "м"}, {"n", "н"}, {"o", "о"},
	{"p", "п"}, {"r", "р"}, {"s", "с"}, {"t", "т"}, {"u", "у"}, {"f", "ф"}, {"h", "х"},
	{"c", "к"}, {"w", "в"}, {"x", "кс"}, {"j", "дж"}, {"q", "к"},
}

// cyrLegal are the Russian abbreviations of legal forms.
var cyrLegal = [][2]string{
	{"limited liability company", "ООО"}, {"obshchestvo s ogranichennoi otvetstvennostyu", "ООО"},
	{"obshchestvo s ogranichennoy otvetstvennostyu", "ООО"},
	{"open joint stock company", "ОАО"}, {"closed joint stock company", "ЗАО"},
	{"public joint stock company", "ПАО"}, {"joint stock company", "АО"},
	{"otkrytoe aktsionernoe obshchestvo", "ОАО"}, {"zakrytoe aktsionernoe obshchestvo", "ЗАО"},
	{"publichnoe aktsionernoe obshchestvo", "ПАО"}, {"aktsionernoe obshchestvo", "АО"},
	{"ooo", "ООО"}, {"llc", "ООО"}, {"jsc", "АО"}, {"ao", "АО"}, {"oao", "ОАО"}, {"ojsc", "ОАО"},
	{"zao", "ЗАО"}, {"cjsc", "ЗАО"}, {"pao", "ПАО"}, {"pjsc", "ПАО"},
}

// toCyrillic writes a romanised Russian name back in Cyrillic (round trip).
func toCyrillic(name string) string {
	low := " " + match.Normalize(name) + " "
	for _, p := range cyrLegal {
		low = strings.Replace(low, " "+p[0]+" ", " "+p[1]+" ", 1)
	}
	var out []string
	for _, w := range strings.Fields(low) {
		if !isLatin(w) {
			out = append(out, w)
			continue
		}
		var b strings.Builder
		for i := 0; i < len(w); {
			done := false
			for _, p := range latinToCyr {
				if strings.HasPrefix(w[i:], p[0]) {
					b.WriteString(p[1])
					i += len(p[0])
					done = true
					break
				}
			}
			if !done {
				if w[i] == 'y' { // y alone: й after a vowel, else ы
					if i > 0 && strings.IndexByte("aeiou", w[i-1]) >= 0 {
						b.WriteString("й")
					} else {
						b.WriteString("ы")
					}
				} else {
					b.WriteByte(w[i])
				}
				i++
			}
		}
		out = append(out, b.String())
	}
	s := strings.Join(out, " ")
	if s == "" || !strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Cyrillic, r) }) {
		return ""
	}
	return s
}

var (
	hanOnce  map[string]rune // toneless syllable -> first character with that primary reading
	hanLegal = map[string]string{
		"co ltd": "有限公司", "company limited": "有限公司", "limited": "有限公司", "ltd": "有限公司",
		"co": "公司", "company": "公司", "corporation": "公司", "group": "集团",
	}
)

func hanTable() map[string]rune {
	if hanOnce != nil {
		return hanOnce
	}
	hanOnce = map[string]rune{}
	a := pinyin.NewArgs()
	// prefer characters used in Chinese personal names (faker zh_CN,
	// zh_TW), then any character by code point
	var faker map[string]map[string]any
	must(evalset.ReadJSON(filepath.Join(srcDir, "faker-person-names-by-locale.json"), &faker))
	for _, l := range []string{"zh_CN", "zh_TW"} {
		for _, part := range []string{"last_name", "first_name"} {
			for _, n := range evalset.Flatten(faker[l][part]) {
				for _, r := range n {
					if p := pinyin.SinglePinyin(r, a); len(p) > 0 {
						if _, ok := hanOnce[p[0]]; !ok {
							hanOnce[p[0]] = r
						}
					}
				}
			}
		}
	}
	for r := rune(0x4E00); r <= 0x9FFF; r++ {
		p := pinyin.SinglePinyin(r, a)
		if len(p) == 0 {
			continue
		}
		if _, ok := hanOnce[p[0]]; !ok {
			hanOnce[p[0]] = r
		}
	}
	return hanOnce
}

// toHan writes a pinyin name in Han characters (round trip): every word must
// split into pinyin syllables; a trailing legal form becomes 有限公司 or 公司.
func toHan(name string) string {
	tab := hanTable()
	low := match.Normalize(name)
	var tail string
	for k, v := range hanLegal {
		if strings.HasSuffix(low, " "+k) && len(k) > len(tail) {
			tail = k
			_ = v
		}
	}
	var legal string
	if tail != "" {
		legal = hanLegal[tail]
		low = strings.TrimSuffix(low, " "+tail)
	}
	var b strings.Builder
	for _, w := range strings.Fields(low) {
		syl, ok := segment(w, tab)
		if !ok {
			return ""
		}
		for _, s := range syl {
			b.WriteRune(tab[s])
		}
	}
	if b.Len() == 0 {
		return ""
	}
	return b.String() + legal
}

// segment splits a word into pinyin syllables, longest first.
func segment(w string, tab map[string]rune) ([]string, bool) {
	if w == "" {
		return nil, true
	}
	for n := min(6, len(w)); n >= 1; n-- {
		if _, ok := tab[w[:n]]; ok {
			if rest, ok := segment(w[n:], tab); ok {
				return append([]string{w[:n]}, rest...), true
			}
		}
	}
	return nil, false
}
