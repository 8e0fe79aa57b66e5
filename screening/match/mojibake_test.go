package match

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// asMojibake writes s as a system that read its UTF-8 bytes as
// Windows-1252 writes it, the five bytes it leaves undefined as the C1
// controls of their value.
func asMojibake(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		r := charmap.Windows1252.DecodeByte(s[i])
		if r == utf8.RuneError {
			r = rune(s[i])
		}
		b.WriteRune(r)
	}
	return b.String()
}

// TestRepairMojibake checks names read back from mojibake, and names that
// are their own text.
func TestRepairMojibake(t *testing.T) {
	for _, s := range []string{"Société Générale", "Иван Петров", "O’BRIEN TRADING", "Mühendislik Müşavirlik", "杭州海康威视"} {
		m := asMojibake(s)
		if got, ok := repairMojibake(m); !ok || got != s {
			t.Errorf("repairMojibake(%q) = %q, %v; want %q", m, got, ok, s)
		}
	}
	for _, s := range []string{"MÜÑOZ", "Société Générale", "ACME LTD", "", "Ã", "ÂÃ© x", "Иван"} {
		if got, ok := repairMojibake(s); ok {
			t.Errorf("repairMojibake(%q) = %q, true; want the name as it is", s, got)
		}
	}
}

// TestMojibakeSearch checks that a listed name written as mojibake finds
// the listed name as written does.
func TestMojibakeSearch(t *testing.T) {
	ix := NewIndex(testEntries(t))
	const listed = "UMS Ankara Kalibrasyon Mühendislik Müşavirlik Mümessillik Sanayi Ve Ticaret Limited Şirketi"
	q := asMojibake(listed)
	ms, err := ix.Search(context.Background(), Query{Name: q})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Name != listed || ms[0].Score != 1 {
		t.Errorf("%q: %+v, want %q at 1", q, ms, listed)
	}
}

// FuzzRepairMojibake checks that a name read back is valid UTF-8 whose
// mojibake is the name given, when the name's runes are all of
// Windows-1252.
func FuzzRepairMojibake(f *testing.F) {
	for _, s := range []string{"SociÃ©tÃ©", "Ð˜Ð²Ð°Ð½", "MÜÑOZ", "Oâ€™BRIEN", "Ã\u0081"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := repairMojibake(s)
		if !ok {
			if got != s {
				t.Fatalf("repairMojibake(%q) = %q, false", s, got)
			}
			return
		}
		if !utf8.ValidString(got) || got == s {
			t.Fatalf("repairMojibake(%q) = %q", s, got)
		}
		if _, err := charmap.Windows1252.NewEncoder().String(s); err == nil && asMojibake(got) != s {
			t.Fatalf("repairMojibake(%q) = %q, whose mojibake is %q", s, got, asMojibake(got))
		}
	})
}

// TestReadText checks HTML character references and mojibake read back,
// and names that hold none.
func TestReadText(t *testing.T) {
	for in, want := range map[string]string{
		"SMITH &amp; SONS":              "SMITH & SONS",
		"O&#39;BRIEN TRADING":           "O'BRIEN TRADING",
		"SOCI&Eacute;T&Eacute; A&amp;B": "SOCIÉTÉ A&B",
		"Soci&eacute;t&#xE9;":           "Société",
		asMojibake("Société"):           "Société",
		"AT&T; X":                       "",
		"SMITH & SONS":                  "",
		"ACME LTD":                      "",
	} {
		got, ok := readText(in)
		if ok != (want != "") || ok && got != want {
			t.Errorf("readText(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
	ix := NewIndex(testEntries(t))
	const listed = "UMS Ankara Kalibrasyon Mühendislik Müşavirlik Mümessillik Sanayi Ve Ticaret Limited Şirketi"
	q := "UMS Ankara Kalibrasyon M&uuml;hendislik M&uuml;&#351;avirlik M&uuml;messillik Sanayi Ve Ticaret Limited &#350;irketi"
	ms, err := ix.Search(context.Background(), Query{Name: q})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Name != listed || ms[0].Score != 1 {
		t.Errorf("%q: %+v, want %q at 1", q, ms, listed)
	}
}

// FuzzReadText checks that readText reports a change exactly when it
// makes one, and gives valid UTF-8 for valid UTF-8.
func FuzzReadText(f *testing.F) {
	for _, s := range []string{"SMITH &amp; SONS", "O&#39;B", "&#0;", "&;", "SociÃ©tÃ©", "&#xD800;x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := readText(s)
		if ok == (got == s) {
			t.Fatalf("readText(%q) = %q, %v", s, got, ok)
		}
		if utf8.ValidString(s) && !utf8.ValidString(got) {
			t.Fatalf("readText(%q) = %q: not UTF-8", s, got)
		}
	})
}
