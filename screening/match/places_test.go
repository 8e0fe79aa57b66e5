package match

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// placeIndex is a small list of organisations with addresses, and names of
// generic words around them so that generic words weigh as little as in
// the whole list.
func placeIndex() *Index {
	type ent struct {
		name, city, country, street string
	}
	ents := []ent{
		{"STEP A.S.", "Istanbul", "TR", ""},
		{"LIMITED LIABILITY COMPANY VMK", "Samara", "RU", ""},
		{"SYRISS", "Guangzhou", "CN", ""},
		{"ZARINAK", "Tehran", "IR", ""},
		{"HORIZON TRADING", "", "", ""},
		{"ZARAFSHAN", "Damascus", "SY", "Damascus Duty Free, Airport Road"},
		{"SHIPPING AND TRADING", "", "", ""},
		{"LOGISTICS AND ENGINEERING", "", "", ""},
		{"GENERAL SERVICES COMPANY", "", "", ""},
		{"INDUSTRIES AND HOLDINGS", "", "", ""},
		{"HALAB COTTON GINNING", "Aleppo", "SY", ""},
	}
	es := make([]*lists.Entry, len(ents))
	for i, x := range ents {
		e := &lists.Entry{Source: lists.SourceSDN, ID: strconv.Itoa(i + 1), Type: lists.TypeEntity, Name: x.name}
		if x.country != "" {
			e.Addresses = []lists.Address{{Street: x.street, City: x.city, Country: rules.MustParseCountry(x.country)}}
		}
		es[i] = e
	}
	return NewIndex(es)
}

// TestPlaceOnTop checks that the city or country of a listed
// organisation's own address said on top of its whole name counts as a
// descriptor, beside forms, generic words and descriptors, as two words
// in a row of its street do, and that another place, another word, one
// word of the street, or a listed word replaced keeps the general rule.
func TestPlaceOnTop(t *testing.T) {
	ix := placeIndex()
	for _, c := range []struct {
		query, want string
		found       bool
	}{
		{"STEP ISTANBUL", "1", true},
		{"STEP ANKARA", "1", false},
		{"STEP FORWARD", "1", false},
		{"VMK OOO SAMARA", "2", true},
		{"VMK OOO KAZAN", "2", false},
		{"GUANGZHOU SYRISS LOGISTICS & SERVICES", "3", true},
		{"SHANGHAI SYRISS LOGISTICS & SERVICES", "3", false},
		{"ZARINAK IRANIAN", "4", true},
		{"ZARINAK SYRIAN", "4", false},
		{"HORIZON TEHRAN", "5", false},
		{"ZARAFSHAN DUTY FREE", "6", true},
		{"ZARAFSHAN ROAD", "6", false},
		{"ZARAFSHAN TAX FREE", "6", false},
	} {
		checkShortName(t, ix, c.query, c.want, c.found)
	}
}

// TestCountryLongForm checks the words that write a country by its
// official long name beside its short name or adjective.
func TestCountryLongForm(t *testing.T) {
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"national development fund of islamic republic of iran", []string{"islamic", "republic"}},
		{"central election commission of the republic of belarus", []string{"republic"}},
		{"bank of the russian federation", []string{"federation"}},
		{"syrian arab republic trading", []string{"arab", "republic"}},
		{"islamic republic broadcasting", nil},
		{"republic bank of iran", nil},
		{"central republic bank", nil},
	} {
		qs := make([]qtok, 0, 8)
		for _, w := range strings.Fields(c.query) {
			if !isStopWord(w) {
				qs = append(qs, qtok{s: w})
			}
		}
		m := countryLongForm(qs)
		var got []string
		for i := range qs {
			if m&bit(i) != 0 {
				got = append(got, qs[i].s)
			}
		}
		if !slices.Equal(got, c.want) {
			t.Errorf("%q: long-form words %q, want %q", c.query, got, c.want)
		}
	}
}

// TestSeatSaidLast checks that the entry's own place said last, after
// other words on top that name where it is, counts nothing, and that
// another town there (Aleppo, a town of another listed address) keeps the
// general rule: it is no word of the body's kind (kindPhrase).
func TestSeatSaidLast(t *testing.T) {
	ix := placeIndex()
	for _, c := range []struct {
		query, want string
		found       bool
	}{
		{"ZARAFSHAN DUTY FREE SHOPS DAMASCUS", "6", true},
		{"ZARAFSHAN DUTY FREE SHOPS ALEPPO", "6", false},
		{"SYRISS LOGISTICS & SERVICES COMPANY GUANGZHOU", "3", true},
	} {
		checkShortName(t, ix, c.query, c.want, c.found)
	}
}

// TestEntryPlaceWordCountryCode checks that an address whose country is
// given only as a code, as trade.gov's consolidated files give it, places
// the entry in that country as the country's name does (RAMAK, of
// Damascus, SY).
func TestEntryPlaceWordCountryCode(t *testing.T) {
	sy := rules.MustParseCountry("SY")
	for _, c := range []struct {
		text, w string
		want    bool
	}{
		{"SY", "syria", true},
		{"SYR", "syria", true},
		{"", "syria", true},
		{"Syria", "syria", true},
		{"SY", "damascus", true}, // the city (addressPlaceWord)
		{"SY", "iraq", false},
		{"SY", "sy", false}, // too short: two letters are words and forms
	} {
		e := &lists.Entry{Addresses: []lists.Address{{City: "Damascus", CountryText: c.text, Country: sy}}}
		q := qtok{s: c.w, skel: skeleton(c.w)}
		if got := entryPlaceWord(e, &q); got != c.want {
			t.Errorf("%q in an address of country %q: %v, want %v", c.w, c.text, got, c.want)
		}
	}
}

// TestChineseSeatLeftOut checks that a Chinese company's registered name,
// its region first (chineseSeatFirst), is found by its trade name said
// without the region and the generic words of its trade, even when the
// trade name is common English words (tradeNameAfterSeat: TORCH ELECTRON,
// both words of other listed names too); not when the first word is no
// Chinese place, when a word left out after the trade name is not generic,
// when the query is the trade only or one word.
func TestChineseSeatLeftOut(t *testing.T) {
	cases := []struct {
		listed, query string
		found         bool
	}{
		{"FUJIAN TORCH ELECTRON TECHNOLOGY CO., LTD.", "TORCH ELECTRON", true},
		{"ZHEJIANG TORCH ELECTRON TECHNOLOGY CO., LTD.", "TORCH ELECTRON TECHNOLOGY", true},
		{"ARIZONA TORCH ELECTRON TECHNOLOGY CO., LTD.", "TORCH ELECTRON", false},     // no Chinese place
		{"FUJIAN TORCH ELECTRON ROCKET COMPANY LIMITED", "TORCH ELECTRON", false},    // ROCKET, left out, is more than the trade
		{"FUJIAN TORCH TECHNOLOGY CO., LTD.", "TORCH", false},                        // one word of a longer name
		{"FUJIAN TORCH ELECTRON TECHNOLOGY CO., LTD.", "ELECTRON TECHNOLOGY", false}, // the trade, no trade name
	}
	for i, c := range cases {
		// the listed names of the real-alias index (TORCH and ELECTRON
		// weigh what they weigh among them), and the invented one
		es := append(realAliasEntries(t), &lists.Entry{Source: lists.SourceSDN, ID: "seat" + strconv.Itoa(i), Type: lists.TypeEntity, Name: c.listed})
		ix := NewIndex(es)
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Threshold: 0.3, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var score float64
		for _, m := range ms {
			if m.Entry.ID == "seat"+strconv.Itoa(i) {
				score = m.Score
			}
		}
		if got := score >= DefaultThreshold; got != c.found {
			t.Errorf("%q for %q: score %.3f, found = %v, want %v", c.query, c.listed, score, got, c.found)
		}
	}
}

// TestOtherPlace checks, on the index of the lists' primary names, that a
// listed Chinese province, city or country written as another one of the
// place tables is another place (SHANGHAI for SHAANXI, HUNAN for HENAN),
// and that the place as listed, a letter doubled or written
// once (SHANXI for SHAANXI) and a slip elsewhere in the name still match.
func TestOtherPlace(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"SHANGHAI AEROSPACE SCIENCE AND TECHNOLOGY CO., LTD.", "Shaanxi Aerospace Science and Technology Co., Ltd.", false},
		{"HUNAN AEROSPACE PRECISION MACH", "Henan Aerospace Precision Mach", false},
		{"SHAANXI AEROSPACE SCIENCE & TECHNOLOGY CO", "Shaanxi Aerospace Science and Technology Co., Ltd.", true},
		{"SHANXI AEROSPACE SCIENCE AND TECHNOLOGY CO., LTD.", "Shaanxi Aerospace Science and Technology Co., Ltd.", true},
		{"HENAN AEROSPACE PRECISION MACHINRY", "Henan Aerospace Precision Mach", true},
	})
	for _, c := range []struct {
		a, b  string
		other bool
	}{
		{"shanghai", "shaanxi", true}, {"hunan", "henan", true}, {"austria", "australia", true},
		{"shanxi", "shaanxi", false}, {"peking", "beijing", false}, {"iran", "iranian", false},
		{"shanghai", "aerospace", false},
	} {
		q := qtok{s: c.a, variantInfo: variantInfoOf(c.a)}
		tk := tokInfo{s: c.b, variantInfo: variantInfoOf(c.b)}
		if got := otherPlace(&q, &tk); got != c.other {
			t.Errorf("otherPlace(%q, %q) = %v, want %v", c.a, c.b, got, c.other)
		}
	}
}
