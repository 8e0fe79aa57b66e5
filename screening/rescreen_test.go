package screening

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/screening/lists"
)

func TestRescreenAfterListChange(t *testing.T) {
	ctx := context.Background()
	mk := func(es ...*lists.Entry) *lists.Snapshot {
		s, err := lists.NewSnapshot(lists.SourceSet{Source: lists.SourceInternal, AsOf: testNow, Checksum: "sha256:" + es[0].Name, Entries: es})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	zephyr := &lists.Entry{Source: lists.SourceInternal, ID: "1", Type: lists.TypeEntity, Name: "Zephyr Quantum Logistics"}
	orchid := &lists.Entry{Source: lists.SourceInternal, ID: "2", Type: lists.TypeEntity, Name: "Orchid Lattice Semiconductor"}
	old := mk(zephyr)
	s, err := New(ctx, WithLists(old), WithoutLocator(), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	var records []Record
	for _, req := range []Request{
		{ID: "a", Parties: []Party{{Name: "Zephyr Quantum Logistics"}}},
		{ID: "b", Parties: []Party{{Name: "Orchid Lattice Semiconductor"}}},
		{ID: "c", Parties: []Party{{Name: "Acme Widgets"}}},
	} {
		d, err := s.Screen(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		records = append(records, Record{Request: req, Decision: d})
	}
	// Zephyr is delisted; Orchid is listed.
	neu := mk(orchid)
	diff := lists.Diff(old, neu)
	if err := s.Reload(ctx, WithLists(neu)); err != nil {
		t.Fatal(err)
	}
	got, err := s.Rescreen(ctx, diff, records)
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		ID, Old, New string
		Changed      bool
		Why          []string
	}
	var rows []row
	for _, r := range got {
		rows = append(rows, row{r.Record.Request.ID, r.Record.Decision.Outcome, r.New.Outcome, r.Changed, r.Why})
	}
	want := []row{
		{"a", "deny", "allow", true, []string{`matched entry INTERNAL:1 "Zephyr Quantum Logistics", since removed`}},
		{"b", "allow", "deny", true, []string{`name "Orchid Lattice Semiconductor" matches entry INTERNAL:2 "Orchid Lattice Semiconductor", added`}},
	}
	if diff := cmp.Diff(want, rows); diff != "" {
		t.Errorf("re-screened (-want +got):\n%s", diff)
	}
}
