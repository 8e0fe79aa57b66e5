package lists

import (
	"context"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
)

// internalN is a snapshot of an internal list of n made-up parties.
func internalN(t *testing.T, n int) *Snapshot {
	t.Helper()
	var b strings.Builder
	b.WriteString("name,id\n")
	for i := range n {
		b.WriteString("Party " + string(rune('A'+i%26)) + strings.Repeat("x", i/26) + ",P" + strconv.Itoa(i) + "\n")
	}
	es, rep, err := LoadInternalCSV(context.Background(), strings.NewReader(b.String()), "internal.csv")
	if err != nil || rep.Failed > 0 {
		t.Fatal(err, rep.Errors)
	}
	s, err := NewSnapshot(SplitBySource(es, rep, []string{"internal.csv"}, "")...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// TestCheckShrink: the gate a reload passes (an internal list cut from 301
// entries to 1 used to be accepted by /v1/reload).
func TestCheckShrink(t *testing.T) {
	s301, s1, s280 := internalN(t, 301), internalN(t, 1), internalN(t, 280)
	empty, _ := NewSnapshot()
	tests := []struct {
		name     string
		old, new *Snapshot
		max      float64
		want     string
	}{
		{"cut to 1", s301, s1, 0.10, "source INTERNAL shrank from 301 to 1 entries (more than 10%)"},
		{"7% less, limit 10%", s301, s280, 0.10, ""},
		{"7% less, limit 5%", s301, s280, 0.05, "source INTERNAL shrank from 301 to 280 entries (more than 5%)"},
		{"NaN limit is 0", s301, s280, math.NaN(), "source INTERNAL shrank from 301 to 280 entries (more than 0%)"},
		{"limit 1 allows any loss", s301, s1, 1, ""},
		{"gone", s301, empty, 1, "source INTERNAL disappeared (had 301 entries)"},
		{"nil new is gone too", s301, nil, 0.10, "source INTERNAL disappeared (had 301 entries)"},
		{"growth", s1, s301, 0, ""},
		{"no baseline", nil, s1, 0.10, ""},
	}
	for _, tt := range tests {
		err := CheckShrink(tt.old, tt.new, tt.max)
		if tt.want == "" {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		var se *ShrinkError
		if !errors.Is(err, ErrShrink) || !errors.As(err, &se) || err.Error() != tt.want {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.want)
		}
	}
	// Evaluation data is no baseline: replacing it by a user's list passes.
	def, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckShrink(def, s1, 0.10); err != nil {
		t.Errorf("evaluation snapshot as baseline: %v", err)
	}
}
