package namekey

import (
	"testing"
	"unicode/utf8"

	"golang.org/x/text/transform"
)

func TestKey(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Côte d'Ivoire", "cotedivoire"},
		{"COTE D IVOIRE", "cotedivoire"},
		{"Cote dIvoire", "cotedivoire"},
		{"ＣＨＩＮＡ", "china"},
		{"TÜRKİYE", "turkiye"},
		{"The Netherlands", "netherlands"},
		{"Bahamas, The", "bahamas"},
		{"the", "the"},
		{"Region: Crimea", "crimea"},
		{"region: kafia kingi", "kafiakingi"},
		{"U.S.A.", "usa"},
		{"中华人民共和国", "中华人民共和国"},
		{"الصّين", "الصين"},
		{"Россия", "россия"},
		{"Straße", "strasse"},
		{"  ", ""},
		{"Iran (Islamic Republic of)", "iranislamicrepublicof"},
		{"Democratic People's Republic of Korea", "democraticpeoplesrepublicofkorea"},
	}
	for _, tt := range tests {
		if got := Place(tt.in); got != tt.want {
			t.Errorf("Place(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzKey checks the ASCII fast path against the Unicode chain and that a
// key is its own key.
func FuzzKey(f *testing.F) {
	for _, s := range []string{"China", "The Netherlands", "Region: Crimea", "U.S.A.", "Bahamas, The", "Côte d'Ivoire", "ᏣᎳᎩ", "ꮳꮃꭹ", "ＣＮ", "İstanbul", "\xff", "the the", "Region"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		k := Place(s)
		if IsASCII(s) {
			t2 := foldPool.Get().(transform.Transformer)
			slow, _, err := transform.String(t2, s)
			foldPool.Put(t2)
			if err == nil && slow != asciiLower(s) {
				t.Fatalf("fold(%q): fast path %q, Unicode chain %q", s, asciiLower(s), slow)
			}
		}
		if utf8.ValidString(s) {
			if k2 := Place(k); k2 != k {
				t.Fatalf("Place(%q) = %q, but Place(%q) = %q", s, k, k, k2)
			}
		}
	})
}

func TestSteps(t *testing.T) {
	if got := WidthFold("ＣＨＩＮＡ１５６"); got != "CHINA156" {
		t.Errorf("WidthFold = %q", got)
	}
	if got := CaseFold("TÜRKİYE Straße"); got != "türki̇ye strasse" {
		t.Errorf("CaseFold = %q", got)
	}
	if got := CaseFold("ᏣᎳᎩ ꮳꮃꭹ"); got != "ᏣᎳᎩ ᏣᎳᎩ" {
		t.Errorf("CaseFold(Cherokee) = %q", got)
	}
	if got := StripMarks("Türkiye الصّين Ελλάδα"); got != "Turkiye الصين Ελλαδα" {
		t.Errorf("StripMarks = %q", got)
	}
	if got := StripMarks("ジブチ हिन्दी"); got != "ジブチ हिन्दी" {
		t.Errorf("StripMarks must keep kana voicing and Indic signs, got %q", got)
	}
}
