package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestDescriptorWeights checks that a query's descriptor spelt as the
// list rarely or never spells it (the Russian genitive elektroniki, the
// abbreviation nii) weighs as its group's commonest listed word when it is
// left over: the long Russian name of a research institute and plant
// around a registered company's coined name finds the company, and scores
// as the same name with the descriptors in English does. The candidate
// estimate keeps the word's own weight.
func TestDescriptorWeights(t *testing.T) {
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "JOINT STOCK COMPANY ZORVATEK"},
	}
	// other names, so that the English descriptors weigh as common words do
	es = append(es, numberedEntities(60, "ELECTRONICS RESEARCH INSTITUTE PLANT")...)
	es = append(es, &lists.Entry{Source: lists.SourceSDN, ID: "n", Type: lists.TypeEntity, Name: "NII KVANT"})
	ix := NewIndex(es)
	score := func(q string) float64 {
		t.Helper()
		ms, err := ix.Search(t.Context(), Query{Name: q, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.Entry.ID == "1" {
				return m.Score
			}
		}
		return 0
	}
	ru := score("NII ELEKTRONIKI I ZAVOD ZORVATEK PAO")
	en := score("INSTITUTE ELECTRONICS AND PLANT ZORVATEK PAO")
	if ru < DefaultThreshold {
		t.Errorf("NII ELEKTRONIKI I ZAVOD ZORVATEK PAO: %.3f, want at least %.2f", ru, DefaultThreshold)
	}
	if d := ru - en; d > 0.001 || d < -0.001 {
		t.Errorf("Russian descriptors %.3f, English %.3f: want the same score", ru, en)
	}
}
