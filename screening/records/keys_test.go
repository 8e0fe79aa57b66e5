package records_test

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/records"
)

// TestAppendAllKeys checks that keyed entries are stored once: again in the
// same batch, in a later batch, or by Append, they find the stored record.
func TestAppendAllKeys(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := open(t, dsn, records.WithClock(fixedClock))
		sc := screener(t)
		dClean, dListed := screen(t, sc, clean), screen(t, sc, listed)
		e := func(key string, req screening.Request, d screening.Decision) records.Entry {
			return records.Entry{Source: "audit", Key: key, Request: req, Decision: d}
		}
		steps := []struct {
			name    string
			entries []records.Entry
			added   int
			head    int64
		}{
			{"first batch", []records.Entry{e("run1:1", clean, dClean), e("run1:2", listed, dListed)}, 2, 2},
			{"the same keys again", []records.Entry{e("run1:1", clean, dClean), e("run1:2", listed, dListed)}, 0, 2},
			{"one old, one new, one repeated in the batch", []records.Entry{e("run1:2", listed, dListed), e("run1:3", clean, dClean), e("run1:3", clean, dClean)}, 1, 3},
			{"no key: always stored", []records.Entry{e("", clean, dClean), e("", clean, dClean)}, 2, 5},
		}
		for _, s := range steps {
			added, err := st.AppendAll(ctx, s.entries)
			if err != nil {
				t.Fatalf("%s: %v", s.name, err)
			}
			head, _, err := st.Head(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if added != s.added || head != s.head {
				t.Errorf("%s: added %d, head %d; want %d, %d", s.name, added, head, s.added, s.head)
			}
		}
		// The same key under another source is another record.
		other := e("run1:1", clean, dClean)
		other.Source = "orderservice"
		if r, err := st.Append(ctx, other); err != nil || r.Seq != 6 {
			t.Errorf("other source: seq %d, %v; want 6", r.Seq, err)
		}
		// Append of a stored key returns the stored record.
		if r, err := st.Append(ctx, e("run1:2", listed, dListed)); err != nil || r.Seq != 2 || r.DecisionID != "order-el" {
			t.Errorf("Append of a stored key: seq %d %q, %v; want record 2 order-el", r.Seq, r.DecisionID, err)
		}
		// One case for the license_required decision, not one per attempt.
		cs, err := st.Cases(ctx, records.CaseFilter{})
		if err != nil {
			t.Fatal(err)
		}
		if len(cs) != 1 || cs[0].Seq != 2 {
			t.Errorf("cases %+v, want one for record 2", cs)
		}
		v, err := st.Verify(ctx)
		if err != nil || len(v.Problems) != 0 || v.Records != 6 {
			t.Errorf("verify: %+v, %v", v, err)
		}
	})
}
