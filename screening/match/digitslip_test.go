package match

import (
	"context"
	"strings"
	"testing"
)

// TestDigitSlip checks the words whose 0 and 1 are letters typed as
// digits, and the numbers and codes that are not.
func TestDigitSlip(t *testing.T) {
	for in, want := range map[string]string{
		"sinn0":       "sinno",
		"0mar":        "omar",
		"e1ectronics": "electronics",
		"k1m":         "", // two letters: a code as often
		"s1nno":       "sinno",
		"hashem1":     "hashemi", // a 1 after a consonant at the end
		"manue1":      "manuel",
		"1brahim":     "ibrahim",
		"1eung":       "leung",
		"g0ld0n":      "goldon",
		"1st":         "", // an ordinal
		"ab1":         "", // a 1 at the edge of a short word
		"10th":        "",
		"n488rc":      "",
		"t72":         "",
		"a10":         "",
		"5g":          "",
		"g00d":        "", // two digits side by side
		"b0e1n0g":     "", // three digits
		"ab0":         "",
		"kab0":        "kabo",
		"k1mura":      "kimura",
		"":            "",
	} {
		got, ok := digitSlip(in)
		if ok != (want != "") || ok && got != want {
			t.Errorf("digitSlip(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// TestDigitSlipSearch checks that a name typed with a digit for a letter
// finds the listed name, and that a listed name's own number or code
// (LIMITED 0DAY TECHNOLOGIES, AO EKOS1) is searched as written.
func TestDigitSlipSearch(t *testing.T) {
	ix := NewIndex(testEntries(t))
	for q, want := range map[string]string{
		"limited 0day technologies llc": "limited 0day technologies llc",
		"ao ekos1 llc":                  "ao ekos1 llc",
		"sinn0 e1ectronics co ltd":      "sinno electronics co ltd",
		"huawe1 technologies co ltd":    "huawei technologies co ltd", // the listed reading of a 1 after a vowel
		"no digit":                      "no digit",
	} {
		if got := ix.mendDigitSlips(q); got != want {
			t.Errorf("mendDigitSlips(%q) = %q, want %q", q, got, want)
		}
	}
	for q, word := range map[string]string{
		"SINN0 ELECTRONICS CO LTD":  "sinno",
		"LIMITED 0DAY TECHNOLOGIES": "0day",
		"AO EKOS1":                  "ekos1",
	} {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || !strings.Contains(Normalize(ms[0].Name), word) || ms[0].Score != 1 {
			t.Errorf("%q: %+v, want a listed name of %q at 1", q, ms, word)
		}
	}
}

// FuzzDigitSlip checks that digitSlip changes only a word's 0 and 1, each
// to a letter, and leaves no digit.
func FuzzDigitSlip(f *testing.F) {
	for _, s := range []string{"sinn0", "e1ectronics", "1brahim", "hashem1", "n488rc", "1st", "ab0"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		got, ok := digitSlip(w)
		if !ok {
			if got != w {
				t.Errorf("digitSlip(%q) = %q, false", w, got)
			}
			return
		}
		if len(got) != len(w) || hasDigit(got) {
			t.Fatalf("digitSlip(%q) = %q", w, got)
		}
		for i := range w {
			if w[i] != got[i] && !(w[i] == '0' && got[i] == 'o' || w[i] == '1' && (got[i] == 'i' || got[i] == 'l')) {
				t.Fatalf("digitSlip(%q) = %q: byte %d", w, got, i)
			}
		}
	})
}
