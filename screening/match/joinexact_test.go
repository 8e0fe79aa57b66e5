package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSwappedJoinExact checks that a compound surname written apart, its
// last element before the comma and its first among the given names,
// scores as the listed word when its letters are the listed word's, as
// the name said in order does, and stays a respelling's otherwise.
func TestSwappedJoinExact(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "ABEDSHAHI, Omid"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "MOSTAFANEJAD, Vali"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "KARIMI, Hassan"},
	})
	for _, c := range []struct {
		q        string
		id       string
		min, max float64
	}{
		{"SHAHI, Omid Abed", "1", 1, 1},
		{"Omid Abed Shahi", "1", 1, 1}, // the name said in order
		{"NEJAD, Vali Mostafa", "2", 1, 1},
		{"NEJAD, Vali Mustafa", "2", 0.8, 0.95}, // respelt: splitSim
		{"SHAHI, Omid Abded Abed", "1", 0.85, 0.95},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.q, Threshold: 0.5})
		if err != nil {
			t.Fatal(err)
		}
		var got float64
		for _, m := range ms {
			if m.Entry.ID == c.id {
				got = m.Score
			}
		}
		if got < c.min || got > c.max {
			t.Errorf("%s: entry %s scores %.3f, want %.2f to %.2f", c.q, c.id, got, c.min, c.max)
		}
	}
	// the surname's last element alone is not the compound
	checkSoleEntry(t, ix, DefaultThreshold, map[string]string{"NEJAD, Vali": ""})
}
