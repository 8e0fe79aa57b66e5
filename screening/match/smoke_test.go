package match

import (
	"context"
	"testing"
)

func TestSearchExplains(t *testing.T) {
	ix := NewIndex(testEntries(t))
	ctx := context.Background()
	tests := []struct {
		query, wantName string
	}{
		{"China Aerospace Science and Industry Corp Ltd", "CHINA AEROSPACE SCIENCE AND INDUSTRY CORPORATION LIMITED"},
		{"Chinaaerospace Science Industry", "CHINA AEROSPACE SCIENCE AND INDUSTRY CORPORATION LIMITED"},
		{"china communications construction company ltd", "CHINA COMMUNICATIONS CONSTRUCTION COMPANY LIMITED"},
		{"CASIC", "CASIC"},
	}
	for _, tt := range tests {
		ms, err := ix.Search(ctx, Query{Name: tt.query})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Name != tt.wantName {
			t.Errorf("%q: got %v, want first %q", tt.query, names(ms), tt.wantName)
			continue
		}
		if len(ms[0].Tokens) == 0 || ms[0].Score < DefaultThreshold {
			t.Errorf("%q: no explanation or low score: %+v", tt.query, ms[0])
		}
	}
	for _, q := range []string{"", "CORP", "LLC", "Co., Ltd.", "!!!", "Trading Co Ltd"} {
		ms, err := ix.Search(ctx, Query{Name: q})
		if err != nil || len(ms) != 0 {
			t.Errorf("%q: got %v, %v; want no match", q, names(ms), err)
		}
	}
}

func names(ms []Match) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Name)
	}
	return out
}
