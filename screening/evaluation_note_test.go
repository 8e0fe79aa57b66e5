package screening

import (
	"context"
	"slices"
	"testing"
)

// TestEvaluationNoticeNamesTheSDNJoin checks that the evaluation-data
// notice says how the embedded SDN list was put together: a 2024-05
// sdn.csv joined with the aliases and addresses of other dates.
func TestEvaluationNoticeNamesTheSDNJoin(t *testing.T) {
	d, err := embedded(t).Screen(context.Background(), Request{ID: "n", Destination: "DE",
		Parties: []Party{{Role: RolePurchaser, Name: "Vladimir Putin", Country: "RU"}}})
	if err != nil {
		t.Fatal(err)
	}
	const want = "list SDN as of 2024-05-03 (ofac/sdn-2024-05/sdn.csv (2024-05-03) joined by ent_num with add.csv, alt.csv and sdn_comments.csv of 2025-12-24 (14241 entries), else of 2021-07-07 (613 entries); 111 entries in neither have no aliases or addresses)"
	i := slices.IndexFunc(d.Reasons, func(r Reason) bool { return r.Code == "data.evaluation_snapshot" })
	if i < 0 {
		t.Fatalf("no data.evaluation_snapshot reason in %+v", d.Reasons)
	}
	data, _ := d.Reasons[i].Evidence["data"].([]string)
	if !slices.Contains(data, want) {
		t.Errorf("evaluation data %q lacks %q", data, want)
	}
	if d.Outcome != "deny" || len(d.Matches) == 0 || d.Matches[0].EntryID != "35096" {
		t.Errorf("Vladimir Putin: %s, matches %+v; want deny on SDN 35096", d.Outcome, d.Matches)
	}
}
