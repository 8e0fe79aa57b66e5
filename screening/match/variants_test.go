package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

func TestVariantTable(t *testing.T) {
	seen := map[string]int{}
	for i, g := range variantGroups {
		// a group of one word is a name's form in another language,
		// linked to its other groups, a title or a Chinese place of
		// one spelling
		if len(g.words) < 2 && g.kind != variantTitle && g.kind != variantChinesePlace && (g.cognate == 0 || len(cognateGroups[g.cognate]) < 2) {
			t.Errorf("group %d %q has %d words", i, g.name, len(g.words))
		}
		for _, w := range g.words {
			if j, ok := seen[w]; ok {
				t.Errorf("%q is in groups %d and %d", w, j, i)
			}
			seen[w] = i
			if Normalize(w) != w {
				t.Errorf("%q is not normalised", w)
			}
		}
	}
	for _, c := range []struct {
		a, b string
		same bool
	}{
		{"aleksandr", "oleksandr", true}, {"alexander", "aliaksandr", true}, {"siarhei", "sergey", true},
		{"husayn", "hussein", true}, {"mohammed", "muhammad", true}, {"zavod", "plant", true},
		{"peking", "beijing", true}, {"amoy", "xiamen", true}, {"ri", "lee", true}, {"pak", "park", true},
		{"aleksandr", "aleksey", false}, {"hasan", "husayn", false}, {"kim", "lee", false},
	} {
		ga, gb := variantGroupOf(c.a), variantGroupOf(c.b)
		if (ga != 0 && ga == gb) != c.same {
			t.Errorf("%q (group %d) and %q (group %d): same = %v, want %v", c.a, ga, c.b, gb, !c.same, c.same)
		}
	}
	// one name in languages that share it: groups of one cognate set
	for _, c := range []struct {
		a, b    string
		cognate bool
	}{
		{"daoud", "david", true}, {"yusuf", "joseph", true}, {"iosif", "youssef", true}, {"maryam", "mary", true},
		{"maryam", "maria", true}, {"butrus", "peter", true}, {"ibrahim", "abraham", true},
		{"daoud", "joseph", false}, {"yusuf", "yousef", false}, {"ibrahim", "ismail", false}, {"anna", "john", false},
	} {
		ga, gb := variantGroupOf(c.a), variantGroupOf(c.b)
		if ga == 0 || gb == 0 || cognates(ga, gb) != c.cognate {
			t.Errorf("%q (group %d) and %q (group %d): cognates = %v, want %v", c.a, ga, c.b, gb, !c.cognate, c.cognate)
		}
	}
}

func TestPatronymicStem(t *testing.T) {
	for _, c := range []struct {
		w, stem string
		ok      bool
	}{
		{"aleksandrovich", "aleksandr", true}, {"oleksandrovych", "oleksandr", true},
		{"aliaksandravich", "aliaksandr", true}, {"yevgenyevich", "yevgen", true},
		{"vladimirovna", "vladimir", true}, {"volodymyrivna", "volodymyr", true},
		{"ryhoravitj", "ryhor", true}, {"ivanov", "", false}, {"rabinovich", "rabin", true},
	} {
		stem, ok := patronymicStem(c.w)
		if stem != c.stem || ok != c.ok {
			t.Errorf("patronymicStem(%q) = %q, %v; want %q, %v", c.w, stem, ok, c.stem, c.ok)
		}
	}
	if stemGroup("aliaksandr") != variantGroupOf("aleksandr") || stemGroup("yevgen") != variantGroupOf("yevgeny") {
		t.Error("stemGroup does not reach the given-name group")
	}
}

// TestGivenNameForms checks that Russian, Ukrainian, Belarusian and English
// forms of one given name and patronymic score as the same name. The
// listed name is OFAC's (SDN 38818, "SAULENKO, Oleksandr Fedorovych"); the
// query is its Russian form, which OFAC also lists.
func TestGivenNameForms(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "38818", Type: lists.TypeIndividual, Name: "SAULENKO, Oleksandr Fedorovych"},
	})
	for _, q := range []string{"SAULENKO, Alexander Fedorovich", "SAULENKO, Aliaksandr", "Alexander Saulenko"} {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Score < 0.9 {
			t.Errorf("%q: %+v, want one match scoring 0.9 or more", q, ms)
		}
	}
}

// TestGivenNameCognates checks that a given name in the form of another
// language that shares it (Dawud for David, Boutros for Peter) finds the
// person when the surname agrees, below two spellings of one name, and that
// the given name alone does not match a one-word listed name.
func TestGivenNameCognates(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "HADDAD, David"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "KHOURY, Peter Elias"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeVessel, Name: "YUSUF"},
	})
	checkGivenNameForms(t, ix, []givenNameCase{
		{"Dawud Haddad", "1", "dawud"},
		{"HADDAD, Daoud", "1", "daoud"},
		{"KHOURY, Boutros Elias", "2", "boutros"},
		{"Joseph", "", ""},
	})
}

// givenNameCase is a query, the entry it must find first ("" for none)
// and its given name that must align at cognateSim.
type givenNameCase struct {
	q, id, given string
}

// checkGivenNameForms searches each case on ix and checks that it finds
// its entry first with its given name aligned at cognateSim, or nothing.
func checkGivenNameForms(t *testing.T, ix *Index, cases []givenNameCase) {
	t.Helper()
	for _, c := range cases {
		ms, err := ix.Search(context.Background(), Query{Name: c.q})
		if err != nil {
			t.Fatal(err)
		}
		if c.id == "" {
			if len(ms) != 0 {
				t.Errorf("%q: %+v, want no match", c.q, ms)
			}
			continue
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.id {
			t.Errorf("%q: %+v, want entry %s", c.q, ms, c.id)
			continue
		}
		for _, tm := range ms[0].Tokens {
			if tm.Query == c.given && float32(tm.Similarity) != cognateSim {
				t.Errorf("%q: %s aligned at %.3f, want %.2f", c.q, tm.Query, tm.Similarity, cognateSim)
			}
		}
	}
}

// TestPostalPlaceName checks that a Chinese place in its postal
// romanisation finds the pinyin form listed (BEIJING INSTITUTE OF
// TECHNOLOGY is on the Entity List).
func TestPostalPlaceName(t *testing.T) {
	ms, err := defaultIndex(t).Search(context.Background(), Query{Name: "Peking Institute of Technology"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || Normalize(ms[0].Name) != "beijing institute of technology" {
		t.Fatalf("got %+v, want BEIJING INSTITUTE OF TECHNOLOGY first", ms)
	}
	if ms[0].Score < 0.9 {
		t.Errorf("score %.4f, want 0.9 or more", ms[0].Score)
	}
}

// TestPinyinBusinessTerms checks that the pinyin of a Chinese company name
// finds its English listed name when its words are common business terms:
// CPMIEC, listed in English as "China Precision Machinery Import-Export
// Corp.", searched as "Zhongguo Jingmi Jixie Jinchukou Zonggongsi".
func TestPinyinBusinessTerms(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "cpmiec", Type: lists.TypeEntity, Name: "China Precision Machinery Import-Export Corp."},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "Zhongguo Jingmi Jixie Jinchukou Zonggongsi"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Score < 0.9 {
		t.Fatalf("got %+v, want the English name scoring 0.9 or more", ms)
	}
	var imp bool
	for _, tm := range ms[0].Tokens {
		imp = imp || tm.Query == "jinchukou" && tm.Candidate == "import export"
	}
	if !imp {
		t.Errorf("tokens %+v: want jinchukou aligned with import export", ms[0].Tokens)
	}
}

// TestWadeGiles checks the example: Cheng Yen-hsiung, the
// Wade-Giles form of the pinyin Zheng Yanxiong, written as OFAC writes
// people ("ZHENG, Yanxiong").
func TestWadeGiles(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "zyx", Type: lists.TypeIndividual, Name: "ZHENG, Yanxiong"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "Cheng Yen-hsiung"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Score < 0.85 {
		t.Fatalf("got %+v, want one match scoring 0.85 or more", ms)
	}
	if pinyinOf("hsiung") != "xiong" || pinyinOf("chien") != "chien" {
		t.Errorf("pinyinOf: hsiung -> %q, chien -> %q; want xiong, chien (ambiguous, left as is)", pinyinOf("hsiung"), pinyinOf("chien"))
	}
}

// TestSameLoanShape checks the key under which English words and their
// transcription through Russian meet, and that it keeps apart words that
// only share a vowel pattern and a few consonants.
func TestSameLoanShape(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"stereotek", "stereotech", true},
		{"printprodakt", "printproduct", true},
		{"tekhnolodzhis", "technologies", true},
		{"ekotekhplast", "ecotechplast", true},
		{"interpolitreid", "interpolytrade", true},
		{"southern", "saturn", false}, // four consonants: too few to tell
		{"gravity", "grawit", false},  // the same
		{"stereotek", "stereotype", false},
		{"tekhnolodzhis", "technologi", false}, // a consonant more
		{"a-b", "ab", false},                   // not a normalised word
	} {
		if got := sameLoanShape(c.a, c.b); got != c.want {
			ka, _ := appendLoanKey(nil, c.a)
			kb, _ := appendLoanKey(nil, c.b)
			t.Errorf("sameLoanShape(%q, %q) = %v, want %v (keys %q, %q)", c.a, c.b, got, c.want, ka, kb)
		}
	}
}

// TestMuhammadAbbreviated checks that the abbreviations of Muhammad
// written in Malaysia, Singapore and Indonesia (Mohd, Muh) score as the
// name, and that another name does not.
func TestMuhammadAbbreviated(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "SHAH, Mohammad Yusuf"},
	})
	for _, c := range []struct {
		q     string
		found bool
	}{
		{"SHAH, Mohd Yusuf", true},
		{"Muh Yusuf Shah", true},
		{"SHAH, Mahmud Yusuf", false},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.q})
		if err != nil {
			t.Fatal(err)
		}
		if found := len(ms) == 1 && ms[0].Score >= 0.9; found != c.found {
			t.Errorf("%q: %+v, found (0.9 or more) = %v, want %v", c.q, ms, found, c.found)
		}
	}
}

// TestOrgDescriptorGroups checks isOrgDescriptor, read from a table,
// against the groups' kinds.
func TestOrgDescriptorGroups(t *testing.T) {
	if isOrgDescriptor(0) {
		t.Error("no group is a descriptor")
	}
	for i := range variantGroups {
		if got, want := isOrgDescriptor(uint16(i+1)), variantGroups[i].kind == variantOrg; got != want {
			t.Errorf("group %d (%s): isOrgDescriptor %v, kind says %v", i+1, variantGroups[i].name, got, want)
		}
	}
}

// TestFormOfAddress checks, on the index of the lists' primary names, that
// a form of address or a title before a person's shortened name (Mrs, Mr,
// Colonel) leaves it read as shortened: left over, a title counts nothing.
func TestFormOfAddress(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	for _, w := range []string{"mr", "mrs", "ms", "miss", "madame", "herr", "senora", "engr", "engineer"} {
		if !isTitle(variantGroupOf(w)) {
			t.Errorf("%q is no title", w)
		}
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"MRS. NATALYA KOSTENKO", "KOSTENKO, Natalya Vasilyevna", true},
		{"Mr Mohammad Barich", "BARICH, Mohammad Naim", true},
		{"COLONEL MOHAMMAD BARICH", "BARICH, Mohammad Naim", true},
		{"Engr. Mohammad Barich", "BARICH, Mohammad Naim", true},
	})
}
