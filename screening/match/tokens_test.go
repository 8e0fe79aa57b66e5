package match

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

func TestNameElements(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"abdelmajid", []string{"abd", "al", "majid"}},
		{"abdulsalam", []string{"abd", "al", "salam"}},
		{"abdurrahman", []string{"abd", "al", "rahman"}},
		{"abdurahman", []string{"abd", "al", "rahman"}},
		{"abdirahman", []string{"abd", "al", "rahman"}},
		{"abduwahab", []string{"abd", "al", "wahab"}},
		{"abdikadir", []string{"abd", "al", "kadir"}},
		{"abdasalam", []string{"abd", "al", "salam"}},
		{"abdakarim", []string{"abdakarim"}},
		{"abdul", []string{"abd", "al"}},
		{"abdulkadir", []string{"abd", "al", "kadir"}},
		{"abdollahpour", []string{"abdollahpour"}},
		{"abdiasjerd", []string{"abdiasjerd"}},
		{"abdullah", []string{"abdullah"}},
		{"abdallah", []string{"abdallah"}},
		{"najmuddin", []string{"najm", "al", "din"}},
		{"noureddine", []string{"nour", "al", "din"}},
		{"abdo", []string{"abdo"}},
		// the linking u written ou (French) or oe (Dutch)
		{"abdoul", []string{"abd", "al"}},
		{"abdoulkarim", []string{"abd", "al", "karim"}},
		{"abdourrahmane", []string{"abd", "al", "rahmane"}},
		{"abdoel", []string{"abd", "al"}},
		{"abdoullah", []string{"abdoullah"}}, // abd + allah stays one name
		{"abdoulaye", []string{"abdoulaye"}}, // so in West Africa
		{"abdulaye", []string{"abdulaye"}},
		{"abdoush", []string{"abdoush"}}, // no split: as written
		{"abdou", []string{"abdou"}},
		{"eddine", []string{"eddine"}},
	} {
		if got := appendNameElements(nil, c.in); !slices.Equal(got, c.want) {
			t.Errorf("appendNameElements(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestTrimOrdinal(t *testing.T) {
	for in, want := range map[string]string{"140th": "140", "61st": "61", "2nd": "2", "3rd": "3", "5": "5", "n488rc": "n488rc", "x1st": "x1", "th": "th"} {
		if got := trimOrdinal(in); got != want {
			t.Errorf("trimOrdinal(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestRigourLegalForms checks legal forms that come from rigour's
// org_types table, not from the curated one: Serbian and Belarusian forms
// of a limited company.
func TestRigourLegalForms(t *testing.T) {
	for _, c := range []struct {
		name  string
		words []string
		class LegalClass
	}{
		{"DRUSTVO SA OGRANICENOM ODGOVORNOSCU RAD ZVECAN", []string{"rad", "zvecan"}, LegalLimited},
		{"TAVARYSTVA Z ABMEZHAVANAY ADKAZNASTSYU SOKHRA", []string{"sokhra"}, LegalLimited},
	} {
		var nt nameTokens
		analyze(Normalize(c.name), nil, &nt, nil)
		if !slices.Equal(nt.words, c.words) || nt.legal != c.class {
			t.Errorf("%q: words %q, class %v; want %q, %v", c.name, nt.words, nt.legal, c.words, c.class)
		}
	}
}

// FuzzNameElements: splitting a word into Arabic name elements gives the
// word itself, or three non-empty words with the article in the middle.
func FuzzNameElements(f *testing.F) {
	for _, s := range []string{"abdelmajid", "abdul", "abdurrahman", "najmuddin", "abdallah", "abd", "uddin", "x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, w string) {
		got := appendNameElements(nil, w)
		switch {
		case len(got) == 1 && got[0] == w:
		case len(got) == 2 && got[0] == "abd" && got[1] == "al" && abdLinks[w]:
		case len(got) == 3 && got[1] == "al" && got[0] != "" && got[2] != "":
		default:
			t.Fatalf("appendNameElements(%q) = %q", w, got)
		}
	})
}

// TestLegalFormSplitOrGlued checks that a legal form is recognised when one
// of its words is split in two or two of its words are written as one, as
// in the spellings of the generated evaluation's join/split category.
func TestLegalFormSplitOrGlued(t *testing.T) {
	for _, c := range []struct {
		in    string
		words []string
		legal LegalClass
	}{
		{"LIMITED LIAB ILITY COMPANY SBERBANK FACTORING", []string{"sberbank", "factoring"}, LegalLimited},
		{"STERLING SHIPPING INCORP ORATED", []string{"sterling", "shipping"}, LegalCorporation},
		{"LIMITEDLIABILITY COMPANY TUBOR", []string{"tubor"}, LegalLimited},
		{"OPENJOINT STOCK COMPANY DOLTA", []string{"dolta"}, LegalJointStock},
		{"AKTSIONERNOEOBSHCHESTVO MOSINZHPROEKT", []string{"mosinzhproekt"}, LegalJointStock},
		{"OBSHCHESTVO S OGRANICHENNOIOTVETSTVENNOSTYU SIGNUM", []string{"signum"}, LegalLimited},
		// names that are not legal forms stay as they are
		{"LIMITED LIABILITY COMPANY SBERBANK FACTORING", []string{"sberbank", "factoring"}, LegalLimited},
		{"COMPANYONE", []string{"companyone"}, LegalNone},
	} {
		var nt nameTokens
		analyze(Normalize(c.in), nil, &nt, nil)
		if !slices.Equal(nt.words, c.words) || nt.legal != c.legal {
			t.Errorf("%q: words %q legal %v, want %q %v", c.in, nt.words, nt.legal, c.words, c.legal)
		}
	}
}

// TestWordsEndingInCo checks that a word ending in "co" keeps it: "Co"
// glued to a name is rare, words ending in it are not (Tobacco, Morocco,
// Franco), and splitting them left "tobac" that a respelling ("Tobakko")
// could not reach.
func TestWordsEndingInCo(t *testing.T) {
	checkWords(t, []wordsCase{
		{"LIMITED LIABILITY COMPANY INTER TOBACCO", "inter tobacco"},
		{"Morocco Trading", "morocco trading"},
		{"Tardigrade Co", "tardigrade"},
	})
}

// TestShortLegalForms checks that the Latin abbreviations of shortLegalForms
// are recognised at either end of a name, and SRL at the start.
func TestShortLegalForms(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		class    LegalClass
	}{
		{"TAA Vostok Grupp", "vostok grupp", LegalLimited},
		{"AAT Polesye", "polesye", LegalJointStock},
		{"Ala Too Servis OSOO", "ala too servis", LegalLimited},
		{"ZAT Atlant", "atlant", LegalJointStock},
		{"Cedar Exchange S.A.L.", "cedar exchange", LegalJointStock},
		{"Pirineus Trading SAU", "pirineus trading", LegalJointStock},
		{"Tallinn Crypto OU", "tallinn crypto", LegalLimited},
		{"SRL Carpati Trading", "carpati trading", LegalLimited},
		{"Eurofootball OOD", "eurofootball", LegalLimited},
		{"ML Build EAD", "ml build", LegalJointStock},
		{"Future Bank B.S.C.", "future bank", LegalJointStock},
		{"Deep Offshore Technology", "deep offshore technology", LegalNone},
	} {
		checkLegal(t, tc.in, tc.want, tc.class)
	}
}

// TestVariantLegalWords checks that a legal-form word of the wider table
// written in yet another romanisation is brought to its curated spelling,
// so that the phrase around it is recognised.
func TestVariantLegalWords(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		class    LegalClass
	}{
		{"OBSCHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU VOSTOK", "vostok", LegalLimited},
		{"NEPUBLICHNOE AKTSIONERNOE OBSCHCHESTVO VOSTOK", "vostok", LegalJointStock},
	} {
		checkLegal(t, tc.in, tc.want, tc.class)
	}
}

// checkLegal analyses name and fails unless its words are want and its
// legal form is of class.
func checkLegal(t *testing.T, name, want string, class LegalClass) {
	t.Helper()
	var nt nameTokens
	analyze(Normalize(name), nil, &nt, nil)
	if got := strings.Join(nt.words, " "); got != want || nt.legal != class {
		t.Errorf("%q: words %q, legal %v; want %q, %v", name, got, nt.legal, want, class)
	}
}

// TestSplitDigits checks that a word and its number written together are
// split, in either order, and that codes, ordinals and short letter runs
// stay whole.
func TestSplitDigits(t *testing.T) {
	for _, c := range []struct {
		in        string
		word, num string
		ok        bool
	}{
		{"damour850", "damour", "850", true},
		{"308arz", "arz", "308", true},
		{"dna1953", "dna", "1953", true},
		{"101days", "days", "101", true},
		{"n488rc", "", "", false},
		{"140th", "", "", false},
		{"yv1850", "", "", false},
		{"t72", "", "", false},
		{"skai1", "", "", false},
		{"1abc", "", "", false},
		{"12ab3", "", "", false},
	} {
		w, n, ok := splitDigits(c.in)
		if w != c.word || n != c.num || ok != c.ok {
			t.Errorf("splitDigits(%q) = %q, %q, %v; want %q, %q, %v", c.in, w, n, ok, c.word, c.num, c.ok)
		}
	}
	var nt nameTokens
	analyze(Normalize("DAMOUR850 SAL"), nil, &nt, nil)
	if !slices.Equal(nt.words, []string{"damour"}) || !slices.Equal(nt.nums, []string{"850"}) || nt.codes {
		t.Errorf("DAMOUR850 SAL: words %q, numbers %q, codes %v; want [damour], [850], false", nt.words, nt.nums, nt.codes)
	}
}

// TestUnglueLegal checks that a legal-form word written against a listed
// word of the query ("EVERFITCOMPANY", "LLCCENTER" with the listed
// EVERFIT, CENTER) is taken off, and that it is not when the rest is no
// listed word, is short, or the legal word is a syllable of a Chinese form
// ("NOVOSRO": the rest is four letters; "DELICHAN").
func TestUnglueLegal(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "EVERFIT COMPANY LIMITED"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "CENTER LLC"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "NOVO DELIC"},
	})
	for _, c := range []struct {
		in    []string
		want  []string
		legal LegalClass
	}{
		{[]string{"everfitcompany"}, []string{"everfit"}, LegalCorporation},
		{[]string{"llccenter"}, []string{"center"}, LegalLimited},
		{[]string{"novosro"}, []string{"novosro"}, LegalNone},
		{[]string{"delichan"}, []string{"delichan"}, LegalNone},
		{[]string{"everfit"}, []string{"everfit"}, LegalNone},
		{[]string{"everfitood"}, []string{"everfit"}, LegalLimited},
	} {
		words := slices.Clone(c.in)
		if legal := ix.unglueLegal(words, LegalNone); !slices.Equal(words, c.want) || legal != c.legal {
			t.Errorf("unglueLegal(%q) = %q, %v; want %q, %v", c.in, words, legal, c.want, c.legal)
		}
	}
	ms, err := ix.Search(context.Background(), Query{Name: "EVERFITCOMPANY LIMITED"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Entry.ID != "1" || ms[0].Score < DefaultThreshold {
		t.Errorf("EVERFITCOMPANY LIMITED: got %+v, want EVERFIT COMPANY LIMITED", ms)
	}
}

// TestAssimilatedArticles checks that the Arabic article written
// assimilated, as a word of its own, reads as al, and that words that only
// look like it do not.
func TestAssimilatedArticles(t *testing.T) {
	checkWords(t, []wordsCase{
		{"AR-RAHMAN TRUST", "al rahman trust"},
		{"ASH SHABAAB", "al shabaab"},
		{"AD-DAWA", "al dawa"},
		{"AR TRADING", "ar trading"},
		{"AS SALAM", "al salam"},
		{"ASH RAHMAN", "ash rahman"},
	})
}

// TestConnectives checks that the "and" of Persian, Arabic and Turkish
// company names is left out as the English one is.
func TestConnectives(t *testing.T) {
	checkWords(t, []wordsCase{
		{"MOHANDESI TARH VA TOSEH", "mohandesi tarh toseh"},
		{"AL BIRR WA AL IHSAN", "al birr al ihsan"},
		{"VANESSA IMEX SANAYI VE TICARET", "vanessa imex sanayi ticaret"},
	})
}

// wordsCase is a name and the words analyze leaves of it, joined by spaces.
type wordsCase struct{ in, want string }

// checkWords analyses each case's name and fails unless its words are want.
func checkWords(t *testing.T, cases []wordsCase) {
	t.Helper()
	for _, c := range cases {
		var nt nameTokens
		analyze(Normalize(c.in), nil, &nt, nil)
		if got := strings.Join(nt.words, " "); got != c.want {
			t.Errorf("%q: words %q, want %q", c.in, got, c.want)
		}
	}
}

// TestDinTail checks that dinTail lets through every word that ends in a
// spelling of al-din that appendNameElements or dinLinkedHead takes off
// (that spelling and three letters before it at least), and that it is no
// filter at all on the spellings' last letters alone.
func TestDinTail(t *testing.T) {
	for _, suf := range slices.Concat(dinSuffixes, dinLinkedSuffixes) {
		for _, head := range []string{"nur", "abcd", "tajdidn"} {
			if w := head + suf; !dinTail(w) {
				t.Errorf("dinTail(%q) = false; %q ends in %q", w, w, suf)
			}
		}
	}
	for _, w := range []string{"ivanovich", "hassan", "korean", "martine", "dinner", "abdin"} {
		if dinTail(w) {
			t.Errorf("dinTail(%q) = true", w)
		}
	}
}

// TestGluedEndsFilter checks the filter unglueLegal asks before
// gluedLegal: every word gluedLegal reports (the words of the wider
// table, and others) has its first and last three bytes in gluedStarts
// and gluedEnds; and unglueLegal answers as it does without the filter on
// listed words glued to every word of the table, at either end.
func TestGluedEndsFilter(t *testing.T) {
	words := []string{"ood", "ead", "everfit", "center", "company", "xyz"}
	for w := range legalWords {
		words = append(words, w)
	}
	for _, w := range words {
		if n := len(w); n >= 3 && gluedLegal(w) && (!gluedStarts.has(w[0], w[1], w[2]) || !gluedEnds.has(w[n-3], w[n-2], w[n-1])) {
			t.Fatalf("gluedLegal(%q) but its ends are not in the filter", w)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "EVERFIT COMPANY LIMITED"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "CENTER LLC"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "NOVO DELIC TRADING"},
	})
	want := func(words []string, legal LegalClass) LegalClass {
		for i, w := range words {
			if len(w) < minGluedRest+3 {
				continue
			}
			for k := 3; k <= len(w)-3; k++ {
				a, b := w[:k], w[k:]
				var rest, form string
				switch {
				case len(a) >= minGluedRest && gluedLegal(b):
					rest, form = a, b
				case gluedLegal(a) && len(b) >= minGluedRest:
					rest, form = b, a
				default:
					continue
				}
				if _, ok := ix.tokenID(rest); !ok {
					continue
				}
				if _, ok := ix.tokenID(w); ok {
					break
				}
				words[i] = rest
				if c, ok := legalForms[form]; ok && legal == LegalNone {
					legal = c
				}
				break
			}
		}
		return legal
	}
	found := 0
	for _, f := range words {
		for _, l := range []string{"everfit", "center", "trading", "delic", "novo"} {
			for _, w := range []string{l + f, f + l} {
				got, exp := []string{w}, []string{w}
				gl, wl := ix.unglueLegal(got, LegalNone), want(exp, LegalNone)
				if got[0] != exp[0] || gl != wl {
					t.Fatalf("unglueLegal(%q) = %q, %v; without the filter %q, %v", w, got[0], gl, exp[0], wl)
				}
				if got[0] != w {
					found++
				}
			}
		}
	}
	if found < 100 {
		t.Errorf("only %d words unglued", found)
	}
}

// TestAbbreviatedForms checks that a form that writes company, limited or
// corporation is read with Co., Ltd. or Corp. for them too
// (withAbbreviatedForms), at either end of a name.
func TestAbbreviatedForms(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		class    LegalClass
	}{
		{"Open Joint Stock Co. Korvelan Systems", "korvelan systems", LegalJointStock},
		{"Closed Joint Stock Co Korvelan", "korvelan", LegalJointStock},
		{"Korvelan Systems Open Joint Stock Co.", "korvelan systems", LegalJointStock},
		{"Open Joint Stock Company Korvelan", "korvelan", LegalJointStock},
		{"Coco Co", "coco", LegalCorporation},
		{"Ltd Liability Partnership Korvelan Group 22", "korvelan group", LegalPartnership},
		{"Korvelan Public Ltd Co", "korvelan", LegalJointStock}, // as PLC
	} {
		checkLegal(t, tc.in, tc.want, tc.class)
	}
}

// TestArticleBeforeForm checks that the English article before a legal
// form said first does not hide the form, and that a name of the article
// and one word keeps its word.
func TestArticleBeforeForm(t *testing.T) {
	for _, tc := range []struct {
		in, want string
		class    LegalClass
	}{
		{"The Joint Stock Company Korvelan", "korvelan", LegalJointStock},
		{"THE OOO ZORVATEK", "zorvatek", LegalLimited},
		{"The Open Joint Stock Company Korvelan Systems", "korvelan systems", LegalJointStock},
		{"The Eagles L.L.C.", "eagles", LegalLimited},
		{"The Korvelan", "korvelan", LegalNone},
	} {
		checkLegal(t, tc.in, tc.want, tc.class)
	}
}
