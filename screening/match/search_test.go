package match

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"unicode/utf8"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

var (
	ixOnce sync.Once
	ixDef  *Index
)

func defaultIndex(t testing.TB) *Index {
	t.Helper()
	entries := testEntries(t)
	ixOnce.Do(func() { ixDef = NewIndex(entries) })
	return ixDef
}

func TestSearchBadInput(t *testing.T) {
	ix := defaultIndex(t)
	ctx := context.Background()
	for _, name := range []string{"", "   ", "!!!...,,,", "\x00\x01\x02", "\xff\xfe\xfd", "CORP", "LLC", "Co., Ltd.", "ООО", "有限公司",
		strings.Repeat("a", MaxNameLen), strings.Repeat("ab ", MaxNameLen/3)} {
		ms, err := ix.Search(ctx, Query{Name: name})
		if err != nil {
			t.Errorf("%q: %v", name[:min(len(name), 20)], err)
		}
		if len(ms) != 0 {
			t.Errorf("%q: got %d matches, want none", name[:min(len(name), 20)], len(ms))
		}
	}
	_, err := ix.Search(ctx, Query{Name: strings.Repeat("x", 1<<20)})
	if !errors.Is(err, ErrNameTooLong) {
		t.Errorf("1 MB name: err = %v, want ErrNameTooLong", err)
	}
	if _, err := ix.Search(ctx, Query{Name: "Rosoboronexport", Threshold: 1.5}); !errors.Is(err, ErrBadThreshold) {
		t.Errorf("threshold 1.5: err = %v, want ErrBadThreshold", err)
	}
	cctx, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := ix.Search(cctx, Query{Name: "Rosoboronexport"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: err = %v", err)
	}
	// Normalize copes with 1 MB of anything
	big := strings.Repeat("Ж\xff\u200b", 1<<18)
	if out := Normalize(big); !utf8.ValidString(out) {
		t.Error("Normalize(1 MB) is not valid UTF-8")
	}
}

func TestSearchCorroboration(t *testing.T) {
	ix := defaultIndex(t)
	ctx := context.Background()
	// An individual with a date of birth, nationality and document on the list.
	var person *lists.Entry
	for _, e := range testEntries(t) {
		if e.Source == lists.SourceSDN && e.Type == lists.TypeIndividual && len(e.DatesOfBirth) > 0 &&
			len(e.IDs) > 0 && len(e.Addresses) > 0 && e.Addresses[0].Country.IsValid() && len(normID(e.IDs[0].Value)) >= 6 {
			person = e
			break
		}
	}
	if person == nil {
		t.Fatal("no SDN individual with date of birth, document and address country")
	}
	country := person.Addresses[0].Country
	year := year(person.DatesOfBirth[0])
	other, _ := rules.ParseCountry("IS")
	if other == country {
		other, _ = rules.ParseCountry("NZ")
	}
	tests := []struct {
		name string
		q    Query
		want []string
	}{
		{"country match", Query{Name: person.Name, Country: country}, []string{"country_match"}},
		{"country mismatch", Query{Name: person.Name, Country: other}, []string{"country_mismatch"}},
		{"dob match", Query{Name: person.Name, DateOfBirth: year}, []string{"dob_match"}},
		{"dob mismatch", Query{Name: person.Name, DateOfBirth: "1801"}, []string{"dob_mismatch"}},
		{"id match", Query{Name: person.Name, IDs: []lists.Identifier{{Value: person.IDs[0].Value}}}, []string{"id_match"}},
		{"type mismatch", Query{Name: person.Name, Type: lists.TypeEntity}, []string{"type_mismatch"}},
	}
	for _, tt := range tests {
		tt.q.Threshold = 0.5
		ms, err := ix.Search(ctx, tt.q)
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(ms, func(m Match) bool { return m.Entry == person })
		if i < 0 {
			t.Errorf("%s: %s not found", tt.name, person.Key())
			continue
		}
		var kinds []string
		sum := ms[i].NameScore
		for _, a := range ms[i].Adjustments {
			kinds = append(kinds, a.Kind)
			sum += a.Delta
		}
		for _, k := range tt.want {
			if !slices.Contains(kinds, k) {
				t.Errorf("%s: adjustments %v lack %s", tt.name, kinds, k)
			}
		}
		if want := max(0, min(1, sum)); abs(ms[i].Score-want) > 0.001 {
			t.Errorf("%s: score %v, name score plus adjustments %v", tt.name, ms[i].Score, want)
		}
	}
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// TestSearchConcurrent runs searches from several goroutines (go test -race).
func TestSearchConcurrent(t *testing.T) {
	ix := defaultIndex(t)
	names := []string{"Rosoboronexport", "HIKVISION", "Владимир Путин", "中国航天科工集团", "Sukhoi Company JSC", "Kim Jong Un"}
	var wg sync.WaitGroup
	want := make([]int, len(names))
	for i, n := range names {
		ms, _ := ix.Search(context.Background(), Query{Name: n})
		want[i] = len(ms)
	}
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for k := 0; k < 50; k++ {
				i := (g + k) % len(names)
				ms, err := ix.Search(context.Background(), Query{Name: names[i]})
				if err != nil || len(ms) != want[i] {
					t.Errorf("%q: %d matches, %v; want %d", names[i], len(ms), err, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
}

// TestCrossScriptPairs checks the romanisation of the watchman cross-script
// pairs (testdata/eval/sources): the native-script name, indexed alone, must
// find the Latin one, for the scripts Normalize romanises.
func TestCrossScriptPairs(t *testing.T) {
	pairs := [][2]string{
		{"Владимир Путин", "Vladimir Putin"}, {"Иван Иванов", "Ivan Ivanov"},
		{"Александр Петров", "Alexander Petrov"}, {"Дмитрий Медведев", "Dmitry Medvedev"},
		{"李明", "Li Ming"}, {"习近平", "Xi Jinping"}, {"王伟", "Wang Wei"},
		{"김정은", "Kim Jong Un"}, {"박지성", "Park Ji Sung"}, {"이민호", "Lee Min Ho"},
		{"Νικόλαος", "Nikolaos"}, {"Αλέξανδρος", "Alexander"},
		{"محمد علي", "Mohamed Ali"}, {"أحمد حسن", "Ahmed Hassan"},
	}
	var entries []*lists.Entry
	for i, p := range pairs {
		entries = append(entries, &lists.Entry{Source: lists.SourceInternal, ID: string(rune('a' + i)), Type: lists.TypeIndividual, Name: p[1]})
	}
	ix := NewIndex(entries)
	for i, p := range pairs {
		ms, err := ix.Search(context.Background(), Query{Name: p[0], Threshold: 0.6})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry != entries[i] {
			t.Errorf("%q (%q) did not find %q first: %v", p[0], Normalize(p[0]), p[1], names(ms))
		}
	}
}

// FuzzSearch checks that any name returns promptly with sorted matches above
// the threshold, or a typed error.
func FuzzSearch(f *testing.F) {
	for _, s := range []string{"HANGZHOU HIKVISION DIGITAL TECHNOLOGY CO., LTD.", "Hik Vision", "杭州海康威视", "Владимир Путин",
		"김정은", "محمد علي", "Plant No. 5", "CORP", "", "\xff\x00", "a b c d e f g h i j k l m n o p q r s t u v w x y z",
		"Abdelmajid al-Zindani", "Abdul", "Najmuddin", "SAULENKO, Alexander Fedorovich", "Zhongguo Jingmi Jixie Jinchukou Zonggongsi",
		"140th Repair Plant", "Colonel Innocent Kaina", "Peking Institute"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		ix := defaultIndex(t)
		ms, err := ix.Search(context.Background(), Query{Name: s})
		if err != nil {
			if !errors.Is(err, ErrNameTooLong) {
				t.Fatalf("%q: %v", s, err)
			}
			return
		}
		for i, m := range ms {
			if m.Score < DefaultThreshold || i > 0 && m.Score > ms[i-1].Score || len(m.Tokens) == 0 {
				t.Fatalf("%q: bad match %d: %+v", s, i, m)
			}
		}
	})
}

// TestOneLetterNameMatchesNothing: a single letter is not a name to screen;
// "x" once matched the UN alias "E. X. Co." with score 1.
func TestOneLetterNameMatchesNothing(t *testing.T) {
	ix := defaultIndex(t)
	for _, q := range []string{"x", "X.", " x ", "Ｘ"} {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil || len(ms) != 0 {
			t.Errorf("Search(%q) = %d matches, %v; want none", q, len(ms), err)
		}
	}
}

// TestWithMaxCandidates: the option bounds how many candidate names are
// scored in full, so it bounds the matches too (the query is no listed
// name's words: those names are scored past the bound, keepSameWords).
func TestWithMaxCandidates(t *testing.T) {
	ctx := context.Background()
	q := Query{Name: "Hangzhou Hikvision Digital Technologies Co., Ltd."}
	all, err := defaultIndex(t).Search(ctx, q)
	if err != nil || len(all) < 2 {
		t.Fatalf("default index: %d matches, %v; want the EL and CMIC entries", len(all), err)
	}
	one := NewIndex(testEntries(t), WithMaxCandidates(1))
	ms, err := one.Search(ctx, q)
	if err != nil || len(ms) != 1 || ms[0].Score != all[0].Score {
		t.Fatalf("WithMaxCandidates(1): %d matches, %v", len(ms), err)
	}
}

// TestDescriptorTranslationIsGeneric checks that a listed name whose only
// words are organisation descriptors in another language ("BANK TORGOVY
// KAPITAL", SDN) is not matched by another name made of the English
// generic words they translate ("Capital Trade B.V."), while the listed
// spelling itself still matches in full.
func TestDescriptorTranslationIsGeneric(t *testing.T) {
	ix := defaultIndex(t)
	ctx := context.Background()
	ms, err := ix.Search(ctx, Query{Name: "Capital Trade B.V."})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Name == "BANK TORGOVY KAPITAL" {
			t.Errorf("Capital Trade B.V. matched %q at %.4f", m.Name, m.Score)
		}
	}
	ms, err = ix.Search(ctx, Query{Name: "Bank Torgovy Kapital"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Name != "BANK TORGOVY KAPITAL" || ms[0].Score != 1 {
		t.Fatalf("got %+v, want BANK TORGOVY KAPITAL with score 1", ms)
	}
}

// TestPersonPartOfName checks that a query holding three words of a
// listed person's name of six ("Abdul Ghani Baradar" for UN TAi.024 ABDUL
// GHANI BARADAR ABDUL AHMAD TURK, which the UN lists as his name in full)
// is found as a partial match: at the threshold or above, below 1.
func TestPersonPartOfName(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceUN, ID: "TAi.024", Type: lists.TypeIndividual, Name: "ABDUL GHANI BARADAR ABDUL AHMAD TURK"},
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "NASIR ALI KHAN"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "Abdul Ghani Baradar", Threshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Entry.ID != "TAi.024" || ms[0].Score < DefaultThreshold || ms[0].Score >= 1 {
		t.Fatalf("got %+v, want TAi.024 as a partial match between %.2f and 1", ms, DefaultThreshold)
	}
}

// TestLeftoverPair checks that when every word of two person names but one
// on each side aligns, the one left over is compared directly: a respelling
// the fuzzy keys do not reach matches, another name does not.
func TestLeftoverPair(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceInternal, ID: "1", Type: lists.TypeIndividual, Name: "QURAISHI, Omar Farouk Abdallah"},
		{Source: lists.SourceInternal, ID: "2", Type: lists.TypeIndividual, Name: "MOHAMMED, Ali Hassan Karim"},
	})
	for _, c := range []struct {
		query, want string
	}{
		{"Omar Farouk Abdallah Kouraichi", "1"}, // French-style respelling of the surname
		{"Omar Farouk Abdallah Ghoreishi", "1"}, // Persian form, beyond the fuzzy keys
		{"Ali Hassan Karim Mahmoud", ""},        // another name, not a respelling
	} {
		checkTopMatch(t, ix, c.query, c.want)
	}
}

// testTok returns the query token and the indexed token of a normalised
// word, as prepareQuery and the index would make them.
func testTok(s string) (qtok, tokInfo) {
	q := qtok{s: s, skel: skeleton(s), cons: string(appendConsonants(nil, s)), variantInfo: variantInfoOf(s)}
	return q, tokInfo{s: s, skel: q.skel, cons: q.cons, variantInfo: q.variantInfo}
}

// TestTokSimOneSkeletonEdit checks that the bonus for skeletons one edit
// apart goes to words one edit apart, not to unrelated words.
func TestTokSimOneSkeletonEdit(t *testing.T) {
	ix := NewIndex(nil)
	for _, c := range []struct {
		a, b     string
		atLeast  float32
		lessThan float32
	}{
		{"cassidy", "twehway", 0, minTokSim}, // nothing in common
		{"kowalski", "kovalsky", 0.85, 1.01},
	} {
		q, _ := testTok(c.a)
		_, t2 := testTok(c.b)
		if s := ix.tokSim(&q, &t2); s < c.atLeast || s >= c.lessThan {
			t.Errorf("tokSim(%q, %q) = %.3f, want in [%.2f, %.2f)", c.a, c.b, s, c.atLeast, c.lessThan)
		}
	}
}

// TestPartialPersonFalsePositives checks two people the partial-name rules
// must keep apart, on the embedded snapshot (found by replaying the SDN
// history): a short listed name of two common words inside another
// person's longer name, and a listed person who shares the given name and
// patronymic but not the surname.
func TestPartialPersonFalsePositives(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the embedded snapshot")
	}
	ix := NewIndex(testEntries(t))
	for _, c := range []struct{ query, notName string }{
		{"FAIZULLAHI, Ali Ahmad", "'ALI, Ahmad"},
		{"NAAJI, Ali Ahmed", "'ALI, Ahmad"},
		{"KOLBIN, Sergey Nikolayevich", "KOTKIN, Sergey Nikolayevich"},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Entry.Name == c.notName {
				t.Errorf("%q matched %q at %.3f (%+v)", c.query, m.Entry.Name, m.Score, m.Tokens)
			}
		}
	}
}

// TestClampedScoreBestName checks that when two names of an entry both
// reach a score of 1 after adjustments, the one whose names agree better
// is reported.
func TestClampedScoreBestName(t *testing.T) {
	ix := NewIndex([]*lists.Entry{{
		Source: lists.SourceInternal, ID: "1", Type: lists.TypeIndividual,
		Name:          "PETROV, Ivan Sergeyevich",
		Aliases:       []lists.Alias{{Name: "PETROV, Ivan"}},
		Nationalities: []string{"RU"},
		DatesOfBirth:  []string{"1960"},
	}})
	ms, err := ix.Search(context.Background(), Query{Name: "Ivan Petrov", Country: rules.MustParseCountry("RU"), DateOfBirth: "1960"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Name != "PETROV, Ivan" || ms[0].Score != 1 {
		t.Fatalf("matches %+v, want one through %q at 1", ms, "PETROV, Ivan")
	}
}

// TestOrgExtraDescriptors checks that a query holding the whole listed
// name of an organisation plus words that only say what the business is or
// does scores as the listed name with generic words left out, that an
// extra word that is not such a descriptor counts missAddedWordOrg of its
// weight (the whole listed name and a word on top, a review) unless a
// descriptor that is no generic word says what kind of body a name listed
// bare is (kindBesideBareName: Karaman Exchange; not Karaman Trading), and
// that a short name without the person the organisation is named after
// matches the full one.
func TestOrgExtraDescriptors(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	ix := realAliasIndex(t)
	for _, c := range []struct {
		query, name string
		score       float64
		match       bool
	}{
		{"Selselat al Thahab For Money Exchange", "SELSELAT AL THAHAB", 0.9548, true},
		{"Selselat al Thahab Karaman Exchange", "SELSELAT AL THAHAB", 0.9449, true},
		{"Selselat al Thahab Karaman Trading", "SELSELAT AL THAHAB", 0.8641, true},
		{"FARS NEWS AGENCY CULTURAL INSTITUTE", "FARS NEWS AGENCY", 0.9606, true},
		{"RESEARCH AND PRODUCTION CORPORATION ISTOK", "PUBLIC JOINT STOCK COMPANY RESEARCH & PRODUCTION CORPORATION ISTOK NAMED AFTER AI SHOKIN", 0.8963, true},
		{"ALMAZ SCIENTIFIC PRODUCTION ASSOCIATION", "PUBLIC JOINT STOCK COMPANY SCIENTIFIC AND PRODUCTION ASSOCIATION ALMAZ NAMED AFTER ACADEMICIAN A.A. RASPLETIN", 0.8673, true},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Threshold: 0.6})
		if err != nil {
			t.Fatal(err)
		}
		got := -1.0
		for _, m := range ms {
			if m.Name == c.name {
				got = m.Score
				break
			}
		}
		if got != c.score || (got >= DefaultThreshold) != c.match {
			t.Errorf("%q against %q: score %.4f, want %.4f (match %v)", c.query, c.name, got, c.score, c.match)
		}
	}
}

// TestGenericNameAddedWords checks that generic words on top of a listed
// name made of generic words and descriptors only count in full: BANCO
// NACIONAL DE CREDIT is not BANCO NACIONAL, an alias of BANCO NACIONAL DE
// CUBA on the embedded lists.
func TestGenericNameAddedWords(t *testing.T) {
	ix := NewIndex(testEntries(t))
	ms, err := ix.Search(context.Background(), Query{Name: "BANCO NACIONAL DE CREDIT"})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Name == "BANCO NACIONAL" {
			t.Errorf("BANCO NACIONAL DE CREDIT matches %q at %.4f", m.Name, m.Score)
		}
	}
}

// TestOrdinaryWordsAligned checks that a query agreeing with a listed
// organisation's name on common English and generic words only does not
// stand for the whole name: the listed words it leaves out count in full.
// The queries are an SEC issuer and a look-alike of the evaluation set.
func TestOrdinaryWordsAligned(t *testing.T) {
	ix := NewIndex(testEntries(t))
	for _, c := range [][2]string{
		{"Fang Holdings Ltd", "TIAN FANG HOLDINGS LIMITED"},
		{"Technology MIDDLE EAST CO.", "MIDDLE EAST BANK"},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c[0]})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Name == c[1] {
				t.Errorf("%q matches %q at %.4f", c[0], m.Name, m.Score)
			}
		}
	}
}

// TestTokSimShortVowelAdded checks that a word of three letters and the
// same word with one vowel more are a vowel respelling, and that an acronym
// (no vowel) or a word with other consonants is not.
func TestTokSimShortVowelAdded(t *testing.T) {
	ix := NewIndex(nil)
	for _, c := range []struct {
		a, b string
		want float32
	}{
		{"amr", "amru", vowelShapeSim},
		{"rmr", "ramor", 0}, // an acronym
		{"clc", "click", 0},
		{"amr", "amir", vowelShapeSim},
		{"amr", "ambr", 0}, // a consonant more
		{"pak", "paek", 0}, // two Korean family names
	} {
		q, _ := testTok(c.a)
		_, t2 := testTok(c.b)
		if s := ix.tokSim(&q, &t2); s != c.want {
			t.Errorf("tokSim(%q, %q) = %.3f, want %.3f", c.a, c.b, s, c.want)
		}
	}
}

// TestMergedDescriptorGroups checks that the descriptor groups
// internal/variants/org-merges.txt joins are one group: research and
// scientific both render Russian nauchno-.
func TestMergedDescriptorGroups(t *testing.T) {
	for _, w := range []string{"scientific", "science", "nauchnyy", "issledovatelskiy"} {
		if g, r := variantGroupOf(w), variantGroupOf("research"); g == 0 || g != r || !isOrgDescriptor(g) {
			t.Errorf("group of %q = %d, of research %d: want one organisation descriptor group", w, g, r)
		}
	}
}
