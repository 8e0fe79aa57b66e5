package match

import (
	"context"
	"testing"
)

// TestGivenSyllableLeftOut checks that the first syllable of a listed
// Chinese or Korean given name, without the second, is another person's
// name, and that the whole name, the name written as one given-name word
// and a name with its middle word dropped still match.
func TestGivenSyllableLeftOut(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the embedded snapshot")
	}
	ix := NewIndex(testEntries(t))
	for _, c := range []struct {
		query, name string
		match       bool
	}{
		{"Young Kim", "KIM, Yong Su", false},    // Yong is not Yong Su (KP)
		{"Young Kim", "KIM, Young-Chol", false}, // Young: a Korean spelling of Yong
		{"Kim Yong", "KIM, Yong Chol", false},   // no country listed
		{"Kim Yong Su", "KIM, Yong Su", true},   // the whole name
		{"Kim Yongsu", "KIM, Yong Su", true},    // the given name as one word
		{"CHA Jun", "CHA, Sung Jun", true},      // a middle word dropped
		{"Kim Su Il", "KIM, Su Il", true},       // a North Korean passport, an address in Vietnam
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range ms {
			if m.Name == c.name {
				found = true
				if !c.match {
					t.Errorf("%q matched %q at %.3f (%+v)", c.query, m.Name, m.Score, m.Tokens)
				}
			}
		}
		if c.match && !found {
			t.Errorf("%q did not match %q", c.query, c.name)
		}
	}
}

// TestMoreGivenNames checks that a query written surname first with a
// comma, holding a listed person's surname and given name on the same
// sides of the comma plus more given names, matches, and that the same
// words in another order or without the comma do not.
func TestMoreGivenNames(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	ix := NewIndex(realAliasEntries(t))
	for _, c := range []struct {
		query string
		match bool
	}{
		{"TAHER, Ibrahim Amin Fadlallah", true},  // more given names
		{"TAHER AMIN, Ibrahim Fadlallah", true},  // a second surname
		{"IBRAHIM, Taher Amin Fadlallah", false}, // surname and given name swapped
		{"Ibrahim Amin Fadlallah Taher", false},  // no comma: the order says nothing
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range ms {
			found = found || m.Name == "TAHER, Ibrahim"
		}
		if found != c.match {
			t.Errorf("%q matches TAHER, Ibrahim: %t, want %t (%+v)", c.query, found, c.match, ms)
		}
	}
}

// TestSplitRespelled checks that a name element joined on one side and
// split on the other, respelled, aligns in a person's name otherwise
// agreeing, and that words whose consonants agree but whose letters do not
// stay apart.
func TestSplitRespelled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	ix := NewIndex(realAliasEntries(t))
	for _, c := range []struct {
		query, name string
		match       bool
	}{
		{"GHOLIA ZADEH, Majid", "GHOLIZADEH, Majid", true},                      // split, a vowel more
		{"SEYED AL-SHOHADA, Ahmad Khadem", "SEYEDOSHOHADA, Ahmad Khadem", true}, // the article as a linking vowel
		{"MUHAMMAD, Surajo Abu Bakr", "MUHAMMAD, Surajo Abubakar", true},        // joined with a vowel
		{"RAHMANI, Mirahman", "RAHMANI, Mir Rahman", true},                      // joined, one r
		{"GUL ZADA, Majid", "GHOLIZADEH, Majid", false},                         // the consonants alone
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range ms {
			found = found || m.Name == c.name
		}
		if found != c.match {
			t.Errorf("%q matches %q: %t, want %t (%+v)", c.query, c.name, found, c.match, ms)
		}
	}
}

// TestMiddleNamesAdded checks that words added between a listed person's
// first and last words, in a query without a comma, count less than the
// same words added at either end.
func TestMiddleNamesAdded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	ix := NewIndex(realAliasEntries(t))
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
	middle := score("Husayn Muhammad Husayn al-Juaythini")
	if middle < DefaultThreshold {
		t.Errorf("middle names added: %.3f, want at least %.2f", middle, DefaultThreshold)
	}
	for _, q := range []string{"Husayn al-Juaythini Muhammad Husayn", "Muhammad Husayn Husayn al-Juaythini"} {
		if s := score(q); s >= DefaultThreshold || s > middle-0.05 {
			t.Errorf("%q: %.3f, want below %.2f and %.3f", q, s, DefaultThreshold, middle-0.05)
		}
	}
}

// TestPersonRespelling checks the similarity of words of a person's name
// written with the same consonants and other vowels or doubled letters.
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

// TestFewerGivenNames checks that a query leaving out given names of a
// listed person, its words in their places, matches, and that the same
// words with surname and given name swapped do not.
func TestFewerGivenNames(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	ix := NewIndex(realAliasEntries(t))
	const name = "'ABD-AL-DAYIM NASRALLAH, Muhammad Ahmad"
	for _, c := range []struct {
		query string
		match bool
	}{
		{"NASRALLAH, Muhammad", true},  // a second surname and a given name left out
		{"MUHAMMAD, Nasrallah", false}, // surname and given name swapped
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range ms {
			found = found || m.Name == name
		}
		if found != c.match {
			t.Errorf("%q matches %q: %t, want %t (%+v)", c.query, name, found, c.match, ms)
		}
	}
}

// TestLastElementPair checks that a person whose own, father's and
// grandfather's names agree is found under another family name or
// nisba, and that a different first name (a brother) is not.
func TestLastElementPair(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	ix := NewIndex(realAliasEntries(t))
	for _, c := range []struct {
		query, name string
		match       bool
	}{
		{"Bashar Sabawi Ibrahim Hasan Al-Bayjat", "BASHAR SABAWI IBRAHIM HASAN AL-TIKRITI", true},   // tribe for town
		{"AL-MITIWITI, Arkan Ahmad 'Abbas", "AL-MATUTI, Arkan Ahmad 'Abbas", true},                  // surname first
		{"Mahmud Sabawi Ibrahim Hasan Al-Tikriti", "BASHAR SABAWI IBRAHIM HASAN AL-TIKRITI", false}, // a brother
		{"Bashar Ibrahim Hasan Al-Bayjat", "BASHAR SABAWI IBRAHIM HASAN AL-TIKRITI", false},         // too little agrees
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, m := range ms {
			found = found || m.Name == c.name
		}
		if found != c.match {
			t.Errorf("%q matches %q: %t, want %t (%+v)", c.query, c.name, found, c.match, ms)
		}
	}
}
