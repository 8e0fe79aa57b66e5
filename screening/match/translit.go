package match

import (
	"strings"
	"unicode/utf8"

	"github.com/exportguard/exportguard/namekey"
	"golang.org/x/text/unicode/norm"
)

// transliterate romanises Cyrillic, Greek, Han, Hangul and Arabic/Persian
// letters in a case-folded string and leaves everything else unchanged. It
// runs in-process from tables in this package and go-pinyin's dictionary.
//
// Cyrillic follows the BGN/PCGN-style practice used on the US and UN lists
// (х kh, ц ts, ч ch, ш sh, щ shch, ю yu, я ya, й y); a string with letters only
// Ukrainian or Belarusian uses (і ї є ґ ў) is romanised with those languages'
// values (г h, и y). Han characters become toneless pinyin syllables, one
// token each; Hangul syllables follow the Revised Romanization, with the
// usual spellings of common family names (김 Kim, 이 Lee, 박 Park). Arabic
// and Persian letters map to consonants as a best effort, since short vowels
// are not written.
func transliterate(s string) string {
	if namekey.IsASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	ukr := hasEastSlavicMarkers(s)
	prevHangul := false
	hangulPos := 0
	skipLam := false
	for i, r := range s {
		isH := r >= 0xAC00 && r <= 0xD7A3
		if !isH {
			prevHangul = false
		}
		switch {
		case r >= 0x0400 && r <= 0x04FF:
			b.WriteString(cyrillic(r, ukr))
		case r >= 0x0370 && r <= 0x03FF || r >= 0x1F00 && r <= 0x1FFF:
			b.WriteString(greek(r))
		case isHan(r):
			b.WriteByte(' ')
			b.WriteString(hanPinyin(r))
			b.WriteByte(' ')
		case isH:
			if !prevHangul {
				hangulPos = 0
			}
			b.WriteByte(' ')
			b.WriteString(hangul(r, hangulPos == 0 && hangulRunLen(s[i:]) >= 2))
			b.WriteByte(' ')
			prevHangul = true
			hangulPos++
		case r >= 0x0600 && r <= 0x06FF:
			skipLam = writeArabic(&b, s, i, r, skipLam)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// writeArabic writes the romanisation of the Arabic-script letter r at
// s[i]: the article al- as its own word (its lam then skipped, skipLam),
// waw and ya inside a word as the long vowels u and i, any other letter by
// its table. It returns whether the next lam is to be skipped.
func writeArabic(b *strings.Builder, s string, i int, r rune, skipLam bool) bool {
	switch {
	case r == 'ا' && strings.HasPrefix(s[i+len("ا"):], "ل") && (i == 0 || !isArabicLetter(prevRune(s, i))):
		// the article al- written as its own word
		b.WriteString("al ")
		return true
	case r == 'ل' && skipLam:
		return false
	}
	// waw and ya inside a word are long vowels
	if (r == 'و' || r == 'ي' || r == 'ی') && i > 0 && isArabicLetter(prevRune(s, i)) {
		if r == 'و' {
			b.WriteByte('u')
		} else {
			b.WriteByte('i')
		}
		return skipLam
	}
	b.WriteString(arabic(r))
	return skipLam
}

func isHan(r rune) bool {
	return r >= 0x4E00 && r <= 0x9FFF || r >= 0x3400 && r <= 0x4DBF || r >= 0xF900 && r <= 0xFAFF
}

func hangulRunLen(s string) int {
	n := 0
	for _, r := range s {
		if r < 0xAC00 || r > 0xD7A3 {
			break
		}
		n++
	}
	return n
}

// hasEastSlavicMarkers reports whether s contains a letter used in Ukrainian
// or Belarusian but not in Russian.
func hasEastSlavicMarkers(s string) bool {
	// a switch on each rune: strings.ContainsAny with these non-ASCII
	// letters decodes every rune of s and searches the set with it
	for _, r := range s {
		switch r {
		case 'і', 'ї', 'є', 'ґ', 'ў', 'І', 'Ї', 'Є', 'Ґ', 'Ў':
			return true
		}
	}
	return false
}

var cyrillicRU = map[rune]string{
	'а': "a", 'б': "b", 'в': "v", 'г': "g", 'д': "d", 'е': "e", 'ё': "e", 'ж': "zh",
	'з': "z", 'и': "i", 'й': "y", 'к': "k", 'л': "l", 'м': "m", 'н': "n", 'о': "o",
	'п': "p", 'р': "r", 'с': "s", 'т': "t", 'у': "u", 'ф': "f", 'х': "kh", 'ц': "ts",
	'ч': "ch", 'ш': "sh", 'щ': "shch", 'ъ': "", 'ы': "y", 'ь': "", 'э': "e", 'ю': "yu",
	'я': "ya",
	// Ukrainian, Belarusian and other Cyrillic letters
	'і': "i", 'ї': "yi", 'є': "ye", 'ґ': "g", 'ў': "u", 'ђ': "dj", 'ј': "j", 'љ': "lj",
	'њ': "nj", 'ћ': "c", 'џ': "dz", 'ѓ': "gj", 'ќ': "kj", 'ѕ': "dz", 'қ': "k", 'ғ': "gh",
	'ү': "u", 'ұ': "u", 'һ': "h", 'ә': "a", 'ө': "o", 'ң': "ng",
}

// cyrillicTab is cyrillicRU for the Cyrillic block (U+0400 to U+04FF),
// indexed by the letter less U+0400: an array read where the map was
// looked up for each letter of a Cyrillic name.
var cyrillicTab = func() (t [0x100]struct {
	s  string
	ok bool
}) {
	for r, s := range cyrillicRU {
		if r >= 0x0400 && r <= 0x04FF {
			t[r-0x0400].s, t[r-0x0400].ok = s, true
		}
	}
	return t
}()

func cyrillic(r rune, eastSlavic bool) string {
	if eastSlavic {
		switch r {
		case 'г':
			return "h"
		case 'и':
			return "y"
		}
	}
	if r >= 0x0400 && r <= 0x04FF {
		if t := cyrillicTab[r-0x0400]; t.ok {
			return t.s
		}
	} else if t, ok := cyrillicRU[r]; ok {
		return t
	}
	// a letter with a diacritic (ѐ, ӣ): romanise its base letter
	if d := norm.NFD.String(string(r)); d != string(r) {
		if base, _ := utf8.DecodeRuneInString(d); base != r {
			return cyrillic(base, eastSlavic) + d[utf8.RuneLen(base):]
		}
	}
	return string(r)
}

var greekTab = map[rune]string{
	'α': "a", 'ά': "a", 'β': "v", 'γ': "g", 'δ': "d", 'ε': "e", 'έ': "e", 'ζ': "z",
	'η': "i", 'ή': "i", 'θ': "th", 'ι': "i", 'ί': "i", 'ϊ': "i", 'ΐ': "i", 'κ': "k",
	'λ': "l", 'μ': "m", 'ν': "n", 'ξ': "x", 'ο': "o", 'ό': "o", 'π': "p", 'ρ': "r",
	'σ': "s", 'ς': "s", 'τ': "t", 'υ': "y", 'ύ': "y", 'ϋ': "y", 'ΰ': "y", 'φ': "f",
	'χ': "ch", 'ψ': "ps", 'ω': "o", 'ώ': "o",
}

func greek(r rune) string {
	if t, ok := greekTab[r]; ok {
		return t
	}
	// polytonic and accented letters (ᾧ, ὧ): romanise the base letter
	if d := norm.NFD.String(string(r)); d != string(r) {
		if base, _ := utf8.DecodeRuneInString(d); base != r {
			return greek(base) + d[utf8.RuneLen(base):]
		}
	}
	return string(r)
}

var arabicTab = map[rune]string{
	'ا': "a", 'أ': "a", 'إ': "i", 'آ': "a", 'ٱ': "a", 'ب': "b", 'ت': "t", 'ث': "th",
	'ج': "j", 'ح': "h", 'خ': "kh", 'د': "d", 'ذ': "dh", 'ر': "r", 'ز': "z", 'س': "s",
	'ش': "sh", 'ص': "s", 'ض': "d", 'ط': "t", 'ظ': "z", 'ع': "", 'غ': "gh", 'ف': "f",
	'ق': "q", 'ك': "k", 'ل': "l", 'م': "m", 'ن': "n", 'ه': "h", 'و': "w", 'ي': "y",
	'ى': "a", 'ة': "a", 'ء': "", 'ئ': "", 'ؤ': "",
	// Persian and Urdu
	'پ': "p", 'چ': "ch", 'ژ': "zh", 'گ': "g", 'ک': "k", 'ی': "y", 'ۀ': "h", 'ہ': "h",
	'ھ': "h", 'ے': "e",
	// Arabic-Indic digits
	'٠': "0", '١': "1", '٢': "2", '٣': "3", '٤': "4", '٥': "5", '٦': "6", '٧': "7", '٨': "8", '٩': "9",
	'۰': "0", '۱': "1", '۲': "2", '۳': "3", '۴': "4", '۵': "5", '۶': "6", '۷': "7", '۸': "8", '۹': "9",
}

func arabic(r rune) string {
	if t, ok := arabicTab[r]; ok {
		return t
	}
	if r >= 0x064B && r <= 0x065F || r == 0x0670 || r == 0x0640 {
		return "" // harakat, superscript alef, tatweel
	}
	return " "
}

// Hangul Revised Romanization tables: initial, medial, final jamo.
var (
	hangulL = [...]string{"g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"}
	hangulV = [...]string{"a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"}
	hangulT = [...]string{"", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"}
)

// hangulSurname holds the usual spellings of common Korean family names,
// which differ from their Revised Romanization.
var hangulSurname = map[rune]string{
	'김': "kim", '이': "lee", '박': "park", '최': "choi", '정': "jung", '강': "kang", '조': "cho",
	'윤': "yoon", '장': "jang", '임': "lim", '한': "han", '오': "oh", '서': "seo", '신': "shin",
	'권': "kwon", '황': "hwang", '안': "ahn", '송': "song", '류': "ryu", '전': "jeon", '홍': "hong",
	'고': "ko", '문': "moon", '양': "yang", '손': "son", '배': "bae", '백': "baek", '허': "heo",
	'유': "yoo", '남': "nam", '심': "shim", '노': "noh", '하': "ha", '곽': "kwak", '성': "sung",
	'차': "cha", '주': "joo", '우': "woo", '구': "koo", '민': "min", '진': "jin", '지': "ji",
	'엄': "eom", '채': "chae", '원': "won", '천': "cheon", '방': "bang", '공': "kong", '현': "hyun",
	'함': "ham", '변': "byun", '염': "yeom", '여': "yeo", '추': "choo", '도': "do", '소': "so",
	'석': "seok", '선': "sun", '설': "seol", '마': "ma", '길': "gil", '연': "yeon", '위': "wi",
	'표': "pyo", '명': "myung", '기': "ki", '반': "ban", '라': "ra", '왕': "wang", '금': "keum",
	'리': "ri", '려': "ryo", '로': "ro",
}

func hangul(r rune, surname bool) string {
	if surname {
		if s, ok := hangulSurname[r]; ok {
			return s
		}
	}
	n := int(r - 0xAC00)
	l, v, t := n/588, (n%588)/28, n%28
	return hangulL[l] + hangulV[v] + hangulT[t]
}

// hanPinyin returns the toneless pinyin of the first reading of a Han
// character, or the character itself if the dictionary has none.
func hanPinyin(r rune) string {
	p, ok := pinyinDict[int(r)]
	if !ok {
		return string(r)
	}
	if i := strings.IndexByte(p, ','); i >= 0 {
		p = p[:i]
	}
	return stripTone(p)
}

var toneless = map[rune]byte{
	'ā': 'a', 'á': 'a', 'ǎ': 'a', 'à': 'a', 'ē': 'e', 'é': 'e', 'ě': 'e', 'è': 'e',
	'ī': 'i', 'í': 'i', 'ǐ': 'i', 'ì': 'i', 'ō': 'o', 'ó': 'o', 'ǒ': 'o', 'ò': 'o',
	'ū': 'u', 'ú': 'u', 'ǔ': 'u', 'ù': 'u', 'ü': 'u', 'ǖ': 'u', 'ǘ': 'u', 'ǚ': 'u', 'ǜ': 'u',
	'ń': 'n', 'ň': 'n', 'ǹ': 'n', 'ḿ': 'm', 'ê': 'e',
}

func stripTone(p string) string {
	if namekey.IsASCII(p) {
		return p
	}
	b := make([]byte, 0, len(p))
	for _, r := range p {
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
		} else if c, ok := toneless[r]; ok {
			b = append(b, c)
		}
	}
	return string(b)
}

func prevRune(s string, i int) rune {
	r, _ := utf8.DecodeLastRuneInString(s[:i])
	return r
}

func isArabicLetter(r rune) bool { return r >= 0x0620 && r <= 0x064A || r >= 0x0671 && r <= 0x06D3 }
