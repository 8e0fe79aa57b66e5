package match

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/exportguard/exportguard/namekey"
	"golang.org/x/text/unicode/norm"
)

func TestNormalize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", "hangzhou hikvision digital technology co ltd"},
		{"杭州海康威视数字技术股份有限公司", "hang zhou hai kang wei shi shu zi ji shu gu fen you xian gong si"},
		{"Владимир Путин", "vladimir putin"},
		{"ООО «Ромашка»", "ooo romashka"},
		{"Олександр Іваненко", "oleksandr ivanenko"}, // Ukrainian: г and и differ from Russian
		{"김정은", "kim jeong eun"},
		{"محمد علي", "mhmd li"},
		{"Αλέξανδρος", "alexandros"},
		{"Sp. z o.o.", "sp z oo"},
		{"Müller GmbH", "muller gmbh"},
		{"ＡＢＣ　Ｃｏ．", "abc co"},
		{"O'Brien", "obrien"},
		{"Ch’ing-hua", "ching hua"},
		{"STRAßE", "strasse"},
		{"\xff\x00abc", "abc"},
		{"  ...  ", ""},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalizeSteps(t *testing.T) {
	steps := []struct {
		name     string
		fn       func(string) string
		in, want string
	}{
		{"nfkc", nfkc, "ﬁrm ①", "firm 1"},
		{"foldWidth", foldWidth, "ＡＢＣ", "ABC"},
		{"foldCase", foldCase, "ΣΊΣΥΦΟΣ Straße", "σίσυφοσ strasse"},
		{"transliterate", transliterate, "щука хлеб", "shchuka khleb"},
		{"transliterate", transliterate, "有限公司", " you  xian  gong  si "},
		{"stripMarks", stripMarks, "Société Générale", "Societe Generale"},
		{"cleanPunct", cleanPunct, "S.A. & Co.,Ltd.", "sa co ltd"},
	}
	for _, s := range steps {
		if got := s.fn(s.in); got != s.want {
			t.Errorf("%s(%q) = %q, want %q", s.name, s.in, got, s.want)
		}
	}
}

func TestSkeleton(t *testing.T) {
	pairs := [][2]string{{"aleksandr", "aleksandr"}, {"yuriy", "iurii"}, {"khodorkovsky", "hodorkovsky"}, {"shcherbakov", "scherbakov"}}
	for _, p := range pairs {
		if a, b := skeleton(p[0]), skeleton(p[1]); a != b {
			t.Errorf("skeleton(%q)=%q, skeleton(%q)=%q; want equal", p[0], a, p[1], b)
		}
	}
}

func TestStripLegal(t *testing.T) {
	tests := []struct {
		in    string
		want  string
		class LegalClass
	}{
		{"hangzhou hikvision digital technology co ltd", "hangzhou hikvision digital technology", LegalLimited},
		{"ooo romashka", "romashka", LegalLimited},
		{"open joint stock company sukhoi", "sukhoi", LegalJointStock},
		{"hang zhou hai kang wei shi gu fen you xian gong si", "hang zhou hai kang wei shi", LegalJointStock},
		{"siemens ag", "siemens", LegalJointStock},
		{"ltd", "ltd", LegalNone},
	}
	for _, tt := range tests {
		got, c := stripLegal(strings.Fields(tt.in), nil)
		if strings.Join(got, " ") != tt.want || c != tt.class {
			t.Errorf("stripLegal(%q) = %q, %v; want %q, %v", tt.in, got, c, tt.want, tt.class)
		}
	}
}

func FuzzNormalize(f *testing.F) {
	for _, s := range []string{"HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", "杭州海康威视", "Владимир Путин", "김정은", "محمد", "S.A.", "\xff\xfe", "a.b.c.", "ＡＢＣ", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Normalize(s)
		if !utf8.ValidString(got) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, got)
		}
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Normalize(%q) = %q: bad spacing", s, got)
		}
		if again := Normalize(got); again != got {
			t.Fatalf("Normalize not idempotent: %q -> %q -> %q", s, got, again)
		}
		if namekey.IsASCII(s) {
			slow := cleanPunct(stripMarks(transliterate(foldCase(foldWidth(nfkc(sanitize(s)))))))
			if slow != got {
				t.Fatalf("fast path %q != chain %q for %q", got, slow, s)
			}
		}
	})
}

func TestNormalizedEqual(t *testing.T) {
	for _, s := range []string{"", "BANCO NACIONAL DE CUBA", "Hangzhou Hikvision Digital Technology Co., Ltd.", "Ромашка ООО", "杭州海康威视", strings.Repeat("Long Name ", 30)} {
		n := Normalize(s)
		if !NormalizedEqual(n, s) {
			t.Errorf("NormalizedEqual(Normalize(%q), %q) = false", s, s)
		}
		if NormalizedEqual(n+"x", s) {
			t.Errorf("NormalizedEqual(%q, %q) = true", n+"x", s)
		}
	}
}

func BenchmarkNormalizedEqual(b *testing.B) {
	n := Normalize("Hangzhou Hikvision Digital Technology Co., Ltd.")
	b.ReportAllocs()
	for b.Loop() {
		if !NormalizedEqual(n, "HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.") {
			b.Fatal("not equal")
		}
	}
}

// TestSkeletonAppended checks that appendSkeleton after other bytes
// appends the word's skeleton alone: a first byte equal to the last byte
// before it is kept (the letters collapse within the skeleton only).
func TestSkeletonAppended(t *testing.T) {
	for _, c := range []struct{ dst, w, want string }{
		{"", "aleksandr", "alixandr"},
		{"a", "aab", "aab"},
		{"kk", "kkh", "kkkh"},
		{"x ", "shchukin", "x sukin"},
		{"i", "eee", "ii"},
	} {
		if got := string(appendSkeleton([]byte(c.dst), c.w)); got != c.want {
			t.Errorf("appendSkeleton(%q, %q) = %q, want %q", c.dst, c.w, got, c.want)
		}
	}
}

// TestCyrillicTable checks cyrillic, which reads cyrillicTab for the
// Cyrillic block, against the look-up of cyrillicRU for every letter of
// the block, and hasEastSlavicMarkers against strings.ContainsAny on names
// made of Cyrillic, Latin and the marker letters.
func TestCyrillicTable(t *testing.T) {
	var ref func(r rune, eastSlavic bool) string
	ref = func(r rune, eastSlavic bool) string {
		if eastSlavic && (r == 'г' || r == 'и') {
			return map[rune]string{'г': "h", 'и': "y"}[r]
		}
		if s, ok := cyrillicRU[r]; ok {
			return s
		}
		if d := norm.NFD.String(string(r)); d != string(r) {
			if base, _ := utf8.DecodeRuneInString(d); base != r {
				return ref(base, eastSlavic) + d[utf8.RuneLen(base):]
			}
		}
		return string(r)
	}
	for r := rune(0x0400); r <= 0x04FF; r++ {
		for _, east := range []bool{false, true} {
			if got, want := cyrillic(r, east), ref(r, east); got != want {
				t.Errorf("cyrillic(%q, %t) = %q, want %q", r, east, got, want)
			}
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	letters := []rune("іїєґўІЇЄҐЎабвгдеиклмнопрстуфхцчшщыэюяАБВГabc -\uFFFD")
	for range 100000 {
		var b strings.Builder
		for range rng.IntN(12) {
			b.WriteRune(letters[rng.IntN(len(letters))])
		}
		s := b.String()
		if got, want := hasEastSlavicMarkers(s), strings.ContainsAny(s, "іїєґўІЇЄҐЎ"); got != want {
			t.Fatalf("hasEastSlavicMarkers(%q) = %t, want %t", s, got, want)
		}
	}
}

// TestFoldCyrillic checks foldCyrillic against the passes it stands for,
// and Normalize against the composition of its steps, on names made of
// ASCII (control bytes too), every letter and mark of the Cyrillic block
// and a few other letters and marks that combine with them.
func TestFoldCyrillic(t *testing.T) {
	var runes []rune
	for r := rune(0); r < 0x80; r++ {
		runes = append(runes, r)
	}
	for r := rune(0x0400); r <= 0x04FF; r++ {
		runes = append(runes, r, r) // twice: most names are Cyrillic
	}
	runes = append(runes, 0x0300, 0x0306, 0x0308, 0x0483, 'é', 'ß', 'Ａ', 'ﬁ', 0x0085, 0x2028, utf8.RuneError)
	rng := rand.New(rand.NewPCG(7, 8))
	folded := 0
	for range 50000 {
		var b []byte
		for range rng.IntN(16) {
			b = utf8.AppendRune(b, runes[rng.IntN(len(runes))])
		}
		if rng.IntN(50) == 0 {
			b = append(b, 0xff) // invalid UTF-8
		}
		s := string(b)
		if got, ok := foldCyrillic(s); ok {
			folded++
			if want := foldCase(foldWidth(nfkc(sanitize(s)))); got != want {
				t.Fatalf("foldCyrillic(%q) = %q, want %q", s, got, want)
			}
		}
		if got, want := Normalize(s), cleanPunct(stripMarks(transliterate(foldCase(foldWidth(nfkc(sanitize(s))))))); got != want {
			t.Fatalf("Normalize(%q) = %q, want %q", s, got, want)
		}
	}
	if folded < 1000 {
		t.Errorf("foldCyrillic folded %d names of 50000", folded)
	}
}
