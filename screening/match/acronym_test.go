package match

import (
	"context"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestOwnAcronym checks which words are the abbreviation of their own
// name's words.
func TestOwnAcronym(t *testing.T) {
	for _, c := range []struct {
		name string
		k    int
		want bool
	}{
		{"klimovsk specialized ammunition plant ksap", 4, true},
		{"khatiba imam al bukhari kib", 4, true}, // the article has no initial
		{"ttp tehrik taliban pakistan", 0, true},
		{"klimovsk specialized ammunition plant ksa", 4, true},   // a run of the words
		{"klimovsk specialized ammunition ksap plant", 3, false}, // neither first nor last
		{"sak klimovsk specialized ammunition plant", 0, false},
		{"abc plant", 0, false},                                           // fewer words than letters
		{"alpha beta ab", 2, false},                                       // two letters
		{"alpha bravo charlie delta echo foxtrot golf abcdefg", 7, false}, // seven letters
	} {
		w := strings.Fields(c.name)
		if got := ownAcronym(len(w), func(i int) string { return w[i] }, c.k); got != c.want {
			t.Errorf("%q word %d: got %v, want %v", c.name, c.k, got, c.want)
		}
	}
}

// TestOwnAcronymLeftOver checks that an organisation's own abbreviation,
// added by the query or left out of it, is not a word left over, and that
// another short word still is.
func TestOwnAcronymLeftOver(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "KHATIBA IMAM AL-BUKHARI (KIB)"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "CLOSED JOINT STOCK COMPANY KLIMOVSKIY SPECIALIZED AMMUNITION PLANT"},
	})
	for _, c := range []struct {
		query, want string
		min, max    float64
	}{
		{"Khatiba Imam al-Bukhari", "1", 0.99, 1},
		{"KLIMOVSKIY SPECIALIZED AMMUNITION PLANT KSAP", "2", 0.99, 1},
		{"KLIMOVSKIY SPECIALIZED AMMUNITION PLANT KSAR", "2", 0, 0.95},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Threshold: 0.5})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.want || ms[0].NameScore < c.min || ms[0].NameScore > c.max {
			t.Errorf("%q: got %+v, want entry %s with a name score in [%.2f, %.2f]", c.query, ms, c.want, c.min, c.max)
		}
	}
}
