package match

import (
	"context"
	"testing"
)

// personCase is a query and a listed name it must or must not match.
type personCase struct {
	query, name string
	match       bool
}

// checkMatches searches each case's query on ix at the default threshold
// and fails when the listed name is matched and should not be, or the
// other way round.
func checkMatches(t *testing.T, ix *Index, cases []personCase) {
	t.Helper()
	for _, c := range cases {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		var got *Match
		for i := range ms {
			if ms[i].Name == c.name {
				got = &ms[i]
			}
		}
		switch {
		case got != nil && !c.match:
			t.Errorf("%q matched %q at %.3f (%+v)", c.query, c.name, got.Score, got.Tokens)
		case got == nil && c.match:
			t.Errorf("%q did not match %q (%d other matches)", c.query, c.name, len(ms))
		}
	}
}

// TestGivenSyllableLeftOut checks that the first syllable of a listed
// Chinese or Korean given name, without the second, is another person's
// name, and that the whole name, the name written as one given-name word
// and a name with its middle word dropped still match.
func TestGivenSyllableLeftOut(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the embedded snapshot")
	}
	checkMatches(t, NewIndex(testEntries(t)), []personCase{
		{"Young Kim", "KIM, Yong Su", false},    // Yong is not Yong Su (KP)
		{"Young Kim", "KIM, Young-Chol", false}, // Young: a Korean spelling of Yong
		{"Kim Yong", "KIM, Yong Chol", false},   // no country listed
		{"Kim Yong Su", "KIM, Yong Su", true},   // the whole name
		{"Kim Yongsu", "KIM, Yong Su", true},    // the given name as one word
		{"CHA Jun", "CHA, Sung Jun", true},      // a middle word dropped
		{"Kim Su Il", "KIM, Su Il", true},       // a North Korean passport, an address in Vietnam
	})
}

// TestPersonNameParts checks, on the index of the real-alias evaluation,
// the rules that read the parts of a person's name: more or fewer given
// names with the other words in their places (moreGivenNames), a name
// element joined and split differently (splitPair), the article left out
// (articlesLeftOut), and another family name or nisba of a lineage that
// agrees (lastElementPair).
func TestPersonNameParts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		// more given names, surname first
		{"TAHER, Ibrahim Amin Fadlallah", "TAHER, Ibrahim", true},
		{"TAHER AMIN, Ibrahim Fadlallah", "TAHER, Ibrahim", true},  // a second surname
		{"IBRAHIM, Taher Amin Fadlallah", "TAHER, Ibrahim", false}, // surname and given name swapped
		{"Ibrahim Amin Fadlallah Taher", "TAHER, Ibrahim", false},  // no comma: the order says nothing
		// fewer given names
		{"NASRALLAH, Muhammad", "'ABD-AL-DAYIM NASRALLAH, Muhammad Ahmad", true},
		{"MUHAMMAD, Nasrallah", "'ABD-AL-DAYIM NASRALLAH, Muhammad Ahmad", false},
		// joined and split, respelled
		{"GHOLIA ZADEH, Majid", "GHOLIZADEH, Majid", true},                      // split, a vowel more
		{"SEYED AL-SHOHADA, Ahmad Khadem", "SEYEDOSHOHADA, Ahmad Khadem", true}, // the article as a linking vowel
		{"MUHAMMAD, Surajo Abu Bakr", "MUHAMMAD, Surajo Abubakar", true},        // joined with a vowel
		{"RAHMANI, Mirahman", "RAHMANI, Mir Rahman", true},                      // joined, one r
		{"GUL ZADA, Majid", "GHOLIZADEH, Majid", false},                         // the consonants alone
		// the article left out
		{"HASAN, Kamal 'Ali", "AL-HASSAN, Kamal", true},
		{"HASAN, Ali", "AL-HASSAN, Kamal", false}, // another given name
		// another family name or nisba
		{"Bashar Sabawi Ibrahim Hasan Al-Bayjat", "BASHAR SABAWI IBRAHIM HASAN AL-TIKRITI", true},   // tribe for town
		{"AL-MITIWITI, Arkan Ahmad 'Abbas", "AL-MATUTI, Arkan Ahmad 'Abbas", true},                  // surname first
		{"Mahmud Sabawi Ibrahim Hasan Al-Tikriti", "BASHAR SABAWI IBRAHIM HASAN AL-TIKRITI", false}, // a brother
		{"Bashar Ibrahim Hasan Al-Bayjat", "BASHAR SABAWI IBRAHIM HASAN AL-TIKRITI", false},         // too little agrees
		{"ATOON, Ahmed Muhamad Ahmed", "ALI, Ahmed Mohammed Hamed", false},                          // Ahmed is not Hamed
	})
}

func TestMiddleNamesAdded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	ix := realAliasIndex(t)
	score := func(q string) float64 {
		ms, err := ix.Search(context.Background(), Query{Name: q, Threshold: 0.5, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Name == "HUSAYN JUAYTHINI" {
				return m.Score
			}
		}
		return 0
	}
	middle := score("Husayn Muhammad Husayn Ali Juaythini")
	if middle < DefaultThreshold {
		t.Errorf("middle names added: %.3f, want at least %.2f", middle, DefaultThreshold)
	}
	for _, q := range []string{"Husayn Juaythini Muhammad Husayn Ali", "Muhammad Husayn Ali Husayn Juaythini"} {
		if s := score(q); s >= DefaultThreshold || s > middle-0.05 {
			t.Errorf("%q: %.3f, want below %.2f and %.3f", q, s, DefaultThreshold, middle-0.05)
		}
	}
}
func TestPersonRespelling(t *testing.T) {
	for _, c := range []struct {
		q, t string
		sim  float32
		want float32
	}{
		{"makled", "moukalled", 0.63, consEqualSim}, // four consonants, vowels and a doubled l apart
		{"makled", "moukalled", 0.9, 0.9},           // already closer
		{"jalhami", "jalahmah", 0.62, 0.62},         // three consonants: too few
		{"amkled", "makled", 0.7, 0.7},              // the same consonants, a vowel first
		{"mikhailov", "makled", 0.3, 0.3},           // other consonants
	} {
		var buf []byte
		q := qtok{s: c.q, skel: skeleton(c.q), cons: string(appendConsonants(buf, c.q))}
		tk := tokInfo{s: c.t, skel: skeleton(c.t), cons: string(appendConsonants(nil, c.t))}
		if got := personRespelling(&q, &tk, c.sim); got != c.want {
			t.Errorf("personRespelling(%q, %q, %v) = %v, want %v", c.q, c.t, c.sim, got, c.want)
		}
	}
}

// checkSoleEntry searches each query of want at the threshold th and checks
// that the one match is of the entry it maps to, or that there is none when
// it maps to "".
func checkSoleEntry(t *testing.T, ix *Index, th float64, want map[string]string) {
	t.Helper()
	for q, id := range want {
		ms, err := ix.Search(context.Background(), Query{Name: q, Threshold: th})
		if err != nil {
			t.Fatal(err)
		}
		if id == "" {
			if len(ms) != 0 {
				t.Errorf("%s: %+v, want no match", q, ms)
			}
			continue
		}
		if len(ms) != 1 || ms[0].Entry.ID != id {
			t.Errorf("%s: %+v, want entry %s alone", q, ms, id)
		}
	}
}

// checkTopEntry searches ix for each query of want and checks that the
// entry it names comes first at DefaultThreshold or more, or, for "", that
// nothing matches.
func checkTopEntry(t *testing.T, ix *Index, want map[string]string) {
	t.Helper()
	for q, id := range want {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if id == "" {
			if len(ms) != 0 {
				t.Errorf("%s: %+v, want no match", q, ms)
			}
			continue
		}
		if len(ms) == 0 || ms[0].Entry.ID != id {
			t.Errorf("%s: %+v, want entry %s", q, ms, id)
		}
	}
}
