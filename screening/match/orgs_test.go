package match

import (
	"context"
	"math"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestOrgDescriptorForms checks the organisation descriptors of
// internal/variants/org-descriptors.txt: Turkish, Persian, Arabic and
// South Slavic descriptors, Chinese business terms in pinyin, Arabic
// words for groups (harakat, jabhat), Persian company-name words
// (pajouhesh, sanat), the East Slavic "foreign" and the English
// abbreviations
// of business words share a group with their English word, and different
// descriptors do not.
func TestOrgDescriptorForms(t *testing.T) {
	checkDescriptorPairs(t, []descriptorPair{
		{"ithalat", "import", true}, {"ihracat", "export", true}, {"nakliyat", "transport", true},
		{"dis", "foreign", true}, {"vneshniy", "foreign", true}, {"sherkat", "company", true},
		{"gen", "general", true}, {"trad", "trading", true}, {"cont", "contracting", true},
		{"muqawalat", "contracting", true}, {"tejarat", "trade", true}, {"kardesler", "brothers", true},
		{"preduzece", "enterprise", true}, {"trgovinu", "trade", true}, {"proizvodnju", "production", true},
		{"usluge", "service", true}, {"nekretnine", "property", true},
		{"keji", "technology", true}, {"maoyi", "trading", true}, {"jituan", "group", true}, {"haiyun", "shipping", true},
		{"harakat", "movement", true}, {"mujaahidiin", "mujahideen", true}, {"jabhat", "front", true}, {"hizb", "party", true},
		{"harakat", "front", false},
		{"pajouhesh", "research", true}, {"sanat", "industry", true}, {"fanavari", "technology", true}, {"kashtirani", "shipping", true},
		{"sanat", "technology", false},
		{"akb", "bank", true}, {"advisory", "advisers", true}, {"semi", "semiconductor", true}, {"proektirovaniyu", "design", true},
		{"gorno", "mining", true}, {"obogatitelny", "processing", true}, {"yuridicheskaya", "legal", true}, {"legal", "mining", false},
		{"plastik", "plastics", true}, {"geologorazvedka", "geology", true}, {"elektroniki", "electronic", true}, {"radio", "geology", false},
		{"ithalat", "export", false}, {"foreign", "trade", false}, {"gen", "contracting", false},
		{"trgovinu", "production", false},
		{"airways", "airlines", true}, {"air", "airline", true}, {"changers", "exchange", true}, {"telecom", "telecommunications", true},
		{"charitable", "charity", true}, {"seaport", "port", true}, {"telecom", "airline", false}, {"eng", "engineering", true},
		{"npo", "npp", true}, {"nii", "institute", true}, {"nii", "npp", false},
		{"foundation", "institution", true}, {"establishment", "organization", true}, {"foundation", "association", false},
	})
}

// TestTranslatedDescriptors checks that a company name with its
// descriptors in Turkish, or with English business words abbreviated,
// finds the English listed name, each descriptor aligned with the word it
// translates or shortens. The listed names are OFAC's (SDN); the queries
// are the forms companies register in Turkey and the Gulf.
func TestTranslatedDescriptors(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "ALPHA VISIT SHOP FOREIGN TRADE LIMITED COMPANY"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "ORCHIDIA REGIONAL FOR GENERAL TRADING AND CONTRACTING COMPANY"},
	})
	for _, c := range []struct {
		query, want string
		pairs       [][2]string
	}{
		{"ALPHA VISIT SHOP DIS TICARET LIMITED SIRKETI", "1", [][2]string{{"dis", "foreign"}, {"ticaret", "trade"}}},
		{"ORCHIDIA REGIONAL GEN. TRAD. & CONT. CO.", "2", [][2]string{{"gen", "general"}, {"trad", "trading"}, {"cont", "contracting"}}},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Entry.ID != c.want || ms[0].Score < 0.95 {
			t.Errorf("%q: got %+v, want entry %s alone at 0.95 or more", c.query, ms, c.want)
			continue
		}
		for _, p := range c.pairs {
			found := false
			for _, tm := range ms[0].Tokens {
				found = found || tm.Query == p[0] && tm.Candidate == p[1] && tm.Similarity == variantSim
			}
			if !found {
				t.Errorf("%q: tokens %+v, want %s aligned with %s at %.2f", c.query, ms[0].Tokens, p[0], p[1], variantSim)
			}
		}
	}
}

// TestSingleRespelling checks that a one-word organisation name in
// another romanisation (the same skeleton, starting alike) scores the
// similarity of its skeleton, not the weaker sim^1.5 of a single fuzzy
// word, while a word whose skeleton meets the listed one only with another
// first letter, or a listed person, keeps sim^1.5 and stays under the
// threshold. OOO SOKHRA is on OFAC's SDN list; OFAC also lists it as SOHRA
// LLC.
func TestSingleRespelling(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "OOO SOKHRA"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "MAYAK"},
	})
	for _, c := range []struct {
		query, id string
		score     float64 // the name score, 0 for no match at the threshold
	}{
		{"SOHRA LLC", "1", 0.85},
		{"Zohra LLC", "", 0},
		{"Maiak", "", 0},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		if c.id == "" {
			if len(ms) != 0 {
				t.Errorf("%q: got %+v, want no match", c.query, ms)
			}
			continue
		}
		if len(ms) != 1 || ms[0].Entry.ID != c.id || math.Abs(ms[0].NameScore-c.score) > 1e-6 {
			t.Errorf("%q: got %+v, want entry %s at %.2f", c.query, ms, c.id, c.score)
		}
	}
}

// TestOrgLeftOutWords checks how the words of a listed organisation's name
// that the query leaves out count, on an index of the lists' primary names
// (realAliasEntries): descriptors left out of a name that otherwise agrees
// on two words or more count little (OFAC lists AVIASTAR-SP for AVIASTAR-SP
// AIRCRAFT MANUFACTURING ENTERPRISE), while one word of a longer name is
// weak evidence of it (IBEX Ltd, a company on the SEC's list of issuers,
// is not the listed IBEX SHIPPING INC); descriptors a query adds to the
// whole of a listed name count little too (the UN lists AL-SHABAAB, which
// also calls itself AL-SHABAAB AL-ISLAMIYA).
func TestOrgLeftOutWords(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	ix := realAliasIndex(t)
	checkMatches(t, ix, []personCase{
		{"AVIASTAR-SP", "AVIASTAR-SP AIRCRAFT MANUFACTURING ENTERPRISE", true},
		{"IBEX Ltd", "IBEX SHIPPING INC", false},
		{"AL-SHABAAB AL-ISLAMIYA", "AL-SHABAAB", true},
	})
}

// TestSoleCoinedWord checks that a long coined word alone finds the listed
// organisation whose other words are generic, and that a shorter word does
// not. A coined word of one listed name finds it with a word left out
// that is not generic too (coinedAlone): KRASNODARENERGO for
// KRASNODARENERGO NOVOROSSIYSK, the company's own word and where it is.
func TestSoleCoinedWord(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "PUBLIC JOINT STOCK COMPANY TYAZHPRESSMASH CONSULTING"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "IBEX SHIPPING INC"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "KRASNODARENERGO NOVOROSSIYSK"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "SOME OTHER TRADING"},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "SOME CONSULTING"},
	})
	for _, c := range []struct {
		query, want string
		min, max    float64
	}{
		{"TYAZHPRESSMASH PAO", "1", 0.8, 1},
		{"IBEX Ltd", "2", 0, 0.75},
		{"KRASNODARENERGO", "3", 0.8, 1},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.want || ms[0].Score < c.min || ms[0].Score > c.max {
			t.Errorf("%q: got %+v, want entry %s at [%.2f, %.2f]", c.query, ms, c.want, c.min, c.max)
		}
	}
}

// TestRussianDescriptorsAndShortForms checks the third pass's descriptor
// data (Russian descriptors, Imp. and Exp., aviation and aircraft as one
// group, money transfer, publishing, armored) and the short legal forms
// FSUE, JSCo and the like.
func TestRussianDescriptorsAndShortForms(t *testing.T) {
	checkDescriptorPairs(t, []descriptorPair{
		{"imp", "import", true}, {"exp", "export", true}, {"aircraft", "aviation", true},
		{"predstavitelstvo", "predstavitelstva", true}, {"verf", "shipyard", true},
		{"opytnoe", "experimental", true}, {"konstruktorskoe", "design", true},
		{"spetsializirovannyy", "specialized", true}, {"zastroishchik", "developer", true},
		{"hawala", "money", true}, {"perevod", "transfer", true},
		{"publication", "publishing", true}, {"izdatelstvo", "publisher", true},
		{"armor", "armored", true}, {"bronetankovyy", "armoured", true}, {"armored", "vehicle", false},
		{"imp", "export", false}, {"verf", "aviation", false}, {"money", "transfer", false},
	})
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "FEDERAL STATE UNITARY ENTERPRISE ATOMFLOT"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "JOINT STOCK COMPANY MILITECH"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "ZHEJIANG WONDER IMP. AND EXP. CO., LTD."},
	})
	for _, c := range []struct{ query, want string }{
		{"FSUE ATOMFLOT", "1"},
		{"MILITECH JSCO", "2"},
		{"ZHEJIANG WONDER IMPORT AND EXPORT COMPANY LIMITED", "3"},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Entry.ID != c.want || ms[0].Score < 0.9 {
			t.Errorf("%q: got %+v, want entry %s alone at 0.9 or more", c.query, ms, c.want)
		}
	}
}

// TestStateInstitutionForms checks which names start with the form of a
// Russian federal state institution, in English or in BGN/PCGN
// romanisation, and that the institution's short name finds the full one
// with the form left out.
func TestStateInstitutionForms(t *testing.T) {
	for _, c := range []struct {
		name string
		n    int
	}{
		{"federal state budgetary educational institution higher education grozny state oil technical university", 7},
		{"federal state financed institution science physics technology institute", 5},
		{"federalnoe gosudarstvennoe byudzhetnoe uchrezhdenie nauki institut fiziki", 5},
		{"federal state budgetary institution", 0}, // the form alone: no name left
		{"federal state budgetary company", 0},
		{"grozny state oil technical university", 0},
	} {
		w := strings.Fields(c.name)
		if got := stateFormLen(len(w), func(i int) string { return w[i] }); got != c.n {
			t.Errorf("%q: form of %d words, want %d", c.name, got, c.n)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "FEDERAL STATE BUDGETARY EDUCATIONAL INSTITUTION OF HIGHER VOCATIONAL EDUCATION GUBKIN RUSSIAN STATE UNIVERSITY OF OIL AND GAS"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "FEDERAL STATE BUDGETARY EDUCATIONAL INSTITUTION OF HIGHER EDUCATION GROZNY STATE OIL TECHNICAL UNIVERSITY"},
	})
	for _, c := range []struct {
		query, want string
		min         float64
	}{
		{"GUBKIN RUSSIAN STATE UNIVERSITY OF OIL AND GAS", "1", 0.95},
		{"GROZNY STATE OIL TECHNICAL UNIVERSITY", "2", 0.95},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.want || ms[0].Score < c.min {
			t.Errorf("%q: got %+v, want entry %s at %.2f or more", c.query, ms, c.want, c.min)
		}
	}
}

// descriptorPair is two words and whether they are one organisation
// descriptor.
type descriptorPair struct {
	a, b string
	same bool
}

// checkDescriptorPairs reports every pair whose words are not in one
// descriptor group when they should be, or are when they should not.
func checkDescriptorPairs(t *testing.T, cases []descriptorPair) {
	t.Helper()
	for _, c := range cases {
		ga, gb := variantGroupOf(c.a), variantGroupOf(c.b)
		if (ga != 0 && ga == gb) != c.same {
			t.Errorf("%q (group %d) and %q (group %d): same = %v, want %v", c.a, ga, c.b, gb, !c.same, c.same)
		}
		if c.same && !isOrgDescriptor(ga) {
			t.Errorf("%q: group %d is not an organisation descriptor group", c.a, ga)
		}
	}
}

// TestCoinedWordAdded checks that a query holding the whole name of a
// registered company that is one coined word, with words of its own on
// top, finds it, and that a common English word and a query with the Corp.
// of English names do not. The index is the real-alias evaluation's (the
// whole list's primary names, for the weights of its words); the first
// two queries are aliases OFAC gives the listed names.
func TestCoinedWordAdded(t *testing.T) {
	ix := realAliasIndex(t)
	for _, c := range []struct {
		query, listed string
		found         bool
	}{
		{"MAXTECH IT SOLUTIONS", "LIMITED LIABILITY COMPANY MAXTECH", true},
		{"SIDAR INTERNATIONAL HOLDING COMPANY WLL", "SIDAR COMPANY", true},
		{"ELEMENT IT SOLUTIONS", "JOINT STOCK COMPANY ELEMENT", false},
		{"Karbon Capital Partners Corp.", "LIMITED LIABILITY COMPANY KARBON", false},
		{"MAXTECH IT SOLUTIONS CORP.", "LIMITED LIABILITY COMPANY MAXTECH", false},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range ms {
			found = found || m.Name == c.listed
		}
		if found != c.found {
			t.Errorf("%q: %q found %v, want %v (matches %v)", c.query, c.listed, found, c.found, ms)
		}
	}
	if !isEnglishWord("element") || isEnglishWord("maxtech") || !isEnglishWord("resource") {
		t.Errorf("isEnglishWord: element %v, maxtech %v, resource %v; want true, false, true",
			isEnglishWord("element"), isEnglishWord("maxtech"), isEnglishWord("resource"))
	}
}

// TestPinyinListedName checks that a Chinese company listed under its name
// in pinyin (maoyi youxian gongsi) is found by its English rendering
// (trading co ltd), each business term aligned with its English word.
func TestPinyinListedName(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "DALIAN ZHENGHUA MAOYI YOUXIAN GONGSI"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "DALIAN SUN MOON STAR INTERNATIONAL LOGISTICS TRADING CO., LTD"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "DALIAN ZHENGHUA TRADING CO LTD"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Entry.ID != "1" || ms[0].Score < 0.95 {
		t.Fatalf("matches %+v, want entry 1 alone at 0.95 or more", ms)
	}
	found := false
	for _, tm := range ms[0].Tokens {
		found = found || tm.Query == "trading" && tm.Candidate == "maoyi"
	}
	if !found {
		t.Errorf("tokens %+v, want trading aligned with maoyi", ms[0].Tokens)
	}
}

// TestDescriptorsOnTop checks that a name made of generic words and
// descriptors only is found under another form of one of its words with
// generic words on top (each counting in full), and not with a
// distinctive word on top.
func TestDescriptorsOnTop(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	ix := realAliasIndex(t)
	const name = "IRAN COMMUNICATION INDUSTRIES"
	for _, c := range []struct {
		query    string
		min, max float64 // score range; 0, 0: not found
	}{
		{"IRAN COMMUNICATIONS INDUSTRIES GROUP", 0.85, 0.9},
		{"IRAN COMMUNICATIONS INDUSTRIES", 0.95, 1},
		{"IRAN COMMUNICATIONS INDUSTRIES CARLYLE", 0, 0},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		score := 0.0
		for _, m := range ms {
			if m.Name == name {
				score = m.Score
			}
		}
		if score < c.min || score > c.max {
			t.Errorf("%q: %s scores %.3f, want %.2f-%.2f (matches %+v)", c.query, name, score, c.min, c.max, ms)
		}
	}
}

// TestBareCoinedName checks that a long coined word listed alone, without
// a legal form, is found with descriptors said beside it, and not with a
// word of the query's own or when the word is short.
func TestBareCoinedName(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	ix := realAliasIndex(t)
	checkMatches(t, ix, []personCase{
		{"NAUCHNO-PROIZVODSTVENNAYA KORPORATSIYA URALVAGONZAVOD OAO", "URALVAGONZAVOD", true},
		{"OJSC RESEARCH AND PRODUCTION CORPORATION URALVAGONZAVOD", "URALVAGONZAVOD", true},
		{"OJSC KARAVELLA URALVAGONZAVOD", "URALVAGONZAVOD", false},
		{"DEVON ENERGY OOO", "DEVON", false},
		// a group's initials in front of the brand, but not a word or an
		// initialism with a vowel, nor initials in front of a short word
		{"NPK URALVAGONZAVOD", "URALVAGONZAVOD", true},
		{"ABC URALVAGONZAVOD", "URALVAGONZAVOD", false},
		{"BIG URALVAGONZAVOD", "URALVAGONZAVOD", false},
		{"KTB DEVON", "DEVON", false},
	})
}

// TestCountryAdded checks that a country said beside the whole of a listed
// organisation's name counts as a descriptor, and another word does not.
func TestCountryAdded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	ix := realAliasIndex(t)
	checkMatches(t, ix, []personCase{
		{"COCHAN ANGOLA", "COCHAN S.A.", true},
		{"COCHAN KARAVELLA", "COCHAN S.A.", false},
	})
}

// TestNumberedNameWithDescriptors checks that a listed name of a number
// and a word, held whole with descriptors beside it, is found when the
// numbers agree, and not with another number.
func TestNumberedNameWithDescriptors(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	ix := realAliasIndex(t)
	checkMatches(t, ix, []personCase{
		{"7TH OF TIR INDUSTRIES", "7TH OF TIR", true},
		{"8TH OF TIR INDUSTRIES", "7TH OF TIR", false},
	})
}

// TestInnerFormName checks that a listed name with a legal form of two
// words or more inside it, followed by what the company does, is also
// read as the name up to its form, and that a name of a country's or
// generic words before the form, or a form not followed by its business,
// is not.
func TestInnerFormName(t *testing.T) {
	for _, c := range []struct{ name, want string }{
		{"MERIDOLA DRUSTVO S OGRANICENOM ODGOVORNOSCU ZA TRGOVINU I USLUGE", "meridola drustvo s ogranicenom odgovornoscu"},
		{"MERIDOLA LIMITED LIABILITY COMPANY FOR TRADING", "meridola limited liability company"},
		{"SERBIAN LIMITED LIABILITY COMPANY FOR TRADING", ""},
		{"MERIDOLA LIMITED LIABILITY COMPANY TRADING", ""},
		{"MERIDOLA TRADING LIMITED LIABILITY COMPANY", ""},
	} {
		var nt nameTokens
		f := analyze(Normalize(c.name), nil, &nt, make([]byte, 0, 256))
		got := ""
		if nt.legal == LegalNone {
			got = innerFormName(f, make([]byte, 0, 256))
		}
		if got != c.want {
			t.Errorf("innerFormName(%q) = %q, want %q", c.name, got, c.want)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "MERIDOLA DRUSTVO S OGRANICENOM ODGOVORNOSCU ZA TRGOVINU I USLUGE"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"MERIDOLA D.O.O.", "1"},
		{"MERIDOLA DRUSTVO S OGRANICENOM ODGOVORNOSCU ZA TRGOVINU I USLUGE", "1"},
		{"MERIDOLA KASTEL D.O.O.", ""},
	})
}

// TestRespeltCloseWords checks that a distinctive word respelt by a
// romanisation (the same skeleton and first letter) counts as close beside
// a word that agrees, so that descriptors the query adds or leaves out
// count little (AFAK for AFAQ, MAROU for MARO), while an English word
// respelt (Alpha, ALFA) and a listed word too short to tell (BUUU, BU) do
// not, on an index of the lists' primary names (realAliasEntries).
func TestRespeltCloseWords(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	ix := realAliasIndex(t)
	checkMatches(t, ix, []personCase{
		{"AFAK DUBAI EXCHANGE COMPANY", "AFAQ DUBAI", true},
		{"MAROU SANAT ENGINEERING COMPANY", "MARO SANAT COMPANY", true},
		{"Alpha GENERAL TRADING L.L.C", "ALFA TRADING COMPANY", false},
		{"BUUU Group Ltd", "BU ALI GROUP", false},
	})
}

// TestVowelRespeltCloseWords checks that a word respelt with other vowels
// (the same consonants, vowels at the same places) counts as close beside
// a word that agrees, and an English word so respelt does not.
func TestVowelRespeltCloseWords(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "NOUMAYRIYE DUBAI"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "SATURN DUBAI"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "BANK MELLAT"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "GLOBAL TRADING COMPANY"},
	})
	checkTopEntry(t, ix, map[string]string{
		"NUMEIRIYA DUBAI EXCHANGE COMPANY": "1",
		"SOUTHERN DUBAI EXCHANGE COMPANY":  "",
	})
}

// TestRespeltEnglishBesideCoined checks that a word respelt that is also
// an English word (ARIA for ARYA) counts as close beside two coined words
// that agree exactly (twoCoinedExact), and not beside one.
func TestRespeltEnglishBesideCoined(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "ZORVATEK KELBURAN-E ARYA"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "QUENTRAVO ARYA"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "GLOBAL TRADING COMPANY"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "INTERNATIONAL TRANSPORTATION"},
	})
	checkTopEntry(t, ix, map[string]string{
		"ZORVATEK KELBURAN ARIA INTERNATIONAL TRANSPORTATION CO.": "1",
		"QUENTRAVO ARIA INTERNATIONAL TRANSPORTATION CO.":         "",
	})
}

// TestBetacism checks that a single word respelt b for v (Spanish says
// them alike) is the same name respelt, not weak evidence.
func TestBetacism(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"truvir", "trubir", true}, {"truvir", "truvir", false}, {"bavur", "vavur", false},
		{"nuba", "nuva", false}, {"trubir", "trudir", false},
	} {
		if got := betacism(c.a, c.b); got != c.want {
			t.Errorf("betacism(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "TROBER, S.A."},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "TROVER, S.A."})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || math.Abs(ms[0].NameScore-0.85) > 1e-6 {
		t.Errorf("TROVER, S.A.: got %+v, want TROBER, S.A. at 0.85", ms)
	}
}

// TestVowelRespeltWithNumber checks that one word respelt with other
// vowels, beside a number that agrees, is a listed organisation's name
// respelt (numbered Lebanese companies), and without the number, or with
// another one, it is not.
func TestVowelRespeltWithNumber(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "NOUMAYRIYE 1057 SAL"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "GLOBAL TRADING COMPANY"},
	})
	for _, c := range []struct {
		query string
		match bool
	}{
		{"NUMEIRIYA 1057 SAL", true},
		{"NUMEIRIYA SAL", false},
		{"NUMEIRIYA 1058 SAL", false},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(ms) > 0 && ms[0].Entry.ID == "1"; got != c.match {
			t.Errorf("%q: got %+v, want match %v", c.query, ms, c.match)
		}
	}
}
