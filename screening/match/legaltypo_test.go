package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

func TestLegalSlips(t *testing.T) {
	for _, c := range []struct {
		in, want string
	}{
		{"sral", "sarl"}, // two letters swapped
		{"salr", "sarl"},
		{"oepn", "open"},
		{"jiont", "joint"},
		{"joitn", "joint"},
		{"stokc", "stock"},
		{"gmhb", "gmbh"},
		{"joinnt", "joint"}, // a letter written twice
		{"stockk", "stock"},
		{"joit", "joint"}, // a letter dropped
		{"stck", "stock"},
		{"sock", ""},     // an English word
		{"yuen", ""},     // a romanised form's letter dropped (YUGEN): a name's syllable
		{"opan", "open"}, // a vowel for another
		{"pablic", "public"},
		{"clased", "closed"},
		{"sorl", "sarl"},
		{"stack", ""},  // an English word
		{"sarla", ""},  // a letter added: none of the three slips
		{"jointa", ""}, // nor the last letter a vowel for another
		// none
		{"sarl", ""},   // the form itself
		{"open", ""},   // the form itself, and an English word
		{"ldt", "ltd"}, // the two commonest English forms swapped (shortFormSlips)
		{"lcc", "llc"},
		{"tld", ""},   // other three letters: as often initials
		{"slr", ""},   // (SLR for SRL)
		{"seo", ""},   // or a Korean syllable (Seo for SOE)
		{"rupp", ""},  // a form of four letters doubled: a surname
		{"pratt", ""}, // (Pratt for PrAT)
		{"part", ""},  // an English word
		{"tsock", ""}, // the first letter is never swapped
		{"jo1nt", ""},
		{"companyy", ""}, // longer: canonLegal's
	} {
		got, ok := legalSlips().of(c.in)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("legalSlips().of(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

// TestMendLegalTypos checks that a mistyped legal form of a query is read as
// the form, at the ends of the name only and not when a listed name has the
// word, and that the name then finds its listed party.
func TestMendLegalTypos(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "OPEN JOINT STOCK COMPANY KORVELAN SYSTEMS"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "MEAMAR SARL"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "SALR TRADING FZE"},
	})
	for _, c := range []struct {
		in, want string
		mended   bool
	}{
		{"open joitn stock company korvelan systems", "open joint stock company korvelan systems", true},
		{"oepn jiont stock company korvelan systems", "open joint stock company korvelan systems", true},
		{"meamar sral", "meamar sarl", true},
		{"meamar salr", "meamar salr", false}, // salr is a listed word
		{"meamar sorl", "meamar sarl", true},
		{"meamar ldt", "meamar ltd", true},
		{"open joit stock company korvelan systems", "open joint stock company korvelan systems", true},
		{"open joint sock company korvelan systems", "open joint stock company korvelan systems", true}, // an English word inside a form
		{"join stock company korvelan systems", "joint stock company korvelan systems", true},
		{"korvelan sock company", "korvelan sock company", false}, // no form of three words
		// not where forms are read (the first and last six words)
		{"alpha beta gamma delta epsilon zeta jiont stock eta theta iota kappa lambda mu", "alpha beta gamma delta epsilon zeta jiont stock eta theta iota kappa lambda mu", false},
		{"alpha beta gamma delta epsilon zeta eta theta iota kappa lambda jiont stock", "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda joint stock", true},
		// nor where no form would stand: a form by itself not at an end,
		// a word of a phrase with no legal word beside it
		{"korvelan sral systems", "korvelan sral systems", false},
		{"opan trading", "opan trading", false},
		{"korvelan jiont", "korvelan jiont", false},
		{"meamar", "meamar", false},
	} {
		got, ok := ix.mendLegalTypos(c.in)
		if got != c.want || ok != c.mended {
			t.Errorf("mendLegalTypos(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.mended)
		}
	}
	for _, c := range []struct{ q, id string }{
		{"Open Joitn Stock Company Korvelan Systems", "1"},
		{"OEPN JOINT STOCK COMPANY KORVELAN SYSTEMS", "1"},
		{"Meamar Sral", "2"},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.id || ms[0].Score < 0.95 {
			t.Errorf("%s: got %+v, want entry %s at 0.95 or more", c.q, ms, c.id)
		}
	}
}
