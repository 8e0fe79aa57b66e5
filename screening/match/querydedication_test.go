package match

import "testing"

// TestQueryDedication checks that the person an organisation is named
// after, said by the query after imeni or named after on top of a listed
// name that leaves it out, counts as a listed dedication left out does,
// and that the same words without the marker, on top of a name of
// ordinary words only, or of a word several parties hold, do not.
func TestQueryDedication(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	ix := realAliasIndex(t)
	checkMatches(t, ix, []personCase{
		{"URALVAGONZAVOD IMENI F E DZERZHINSKOGO", "URALVAGONZAVOD", true},
		{"NAUCHNO-PROIZVODSTVENNAYA KORPORATSIYA URALVAGONZAVOD NAMED AFTER F. E. DZERZHINSKY", "URALVAGONZAVOD", true},
		// no marker: the words are the query's own
		{"URALVAGONZAVOD F E DZERZHINSKOGO", "URALVAGONZAVOD", false},
		// a name of generic words only is told from another of its kind
		// by whom it is named after
		{"CENTRAL REPUBLIC BANK IMENI LENINA", "CENTRAL REPUBLIC BANK", false},
		// a word of several parties: the dedication tells which it is
		{"AVANGARD IMENI KIROVA", "JOINT STOCK COMPANY AVANGARD", false},
	})
}

// TestQueryDedicationWords checks which query words queryDedication reads
// as the dedication.
func TestQueryDedicationWords(t *testing.T) {
	for _, c := range []struct {
		words []string
		want  uint64
	}{
		{[]string{"uralvagonzavod", "imeni", "f", "dzerzhinskogo"}, 0b1110},
		{[]string{"plant", "named", "after", "kirov"}, 0b1110},
		{[]string{"imeni", "kirova"}, 0},         // never the first word
		{[]string{"plant", "imeni"}, 0},          // no name after it
		{[]string{"plant", "named", "after"}, 0}, // no name after it
		{[]string{"plant", "named", "kirov"}, 0}, // named alone
	} {
		qs := make([]qtok, len(c.words))
		for i, w := range c.words {
			qs[i].s = w
		}
		if got := queryDedication(qs); got != c.want {
			t.Errorf("%v: %b, want %b", c.words, got, c.want)
		}
	}
}
