package records_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/records"
)

// The review loop on real data: a license_required decision opens a case;
// a false-positive disposition suppresses its hits in the same database,
// so the same party screened again comes back without them; a list update
// that changes one of the entries reopens the case, and the suppression
// lapses.
func TestFalsePositiveSuppressesAndListChangeReopens(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := open(t, dsn, records.WithClock(fixedClock))
		sc := screener(t, screening.WithSuppressions(st))

		d := screen(t, sc, listed)
		if _, err := st.Append(ctx, records.Entry{Source: "test", Request: listed, Decision: d}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Append(ctx, records.Entry{Source: "test", Request: clean, Decision: screen(t, sc, clean)}); err != nil {
			t.Fatal(err)
		}
		queue, err := st.Cases(ctx, records.CaseFilter{Status: "queue"})
		if err != nil {
			t.Fatal(err)
		}
		if len(queue) != 1 {
			t.Fatalf("%d cases in the queue, want 1 (the allow decision opens none)", len(queue))
		}
		c := queue[0]
		want := records.Case{ID: c.ID, Seq: 1, DecisionID: "order-el", Outcome: "license_required", Status: records.StatusOpen,
			OpenedAt: testNow, UpdatedAt: testNow, Reasons: []string{"data.evaluation_snapshot", "party.listed"}, Lists: []string{"CMIC", "EL"}}
		if diff := cmp.Diff(want, c); diff != "" {
			t.Errorf("case (-want +got):\n%s", diff)
		}
		for _, f := range []records.CaseFilter{{List: "EL"}, {Reason: "party.listed"}, {Outcome: "license_required"}} {
			if got, _ := st.Cases(ctx, f); len(got) != 1 {
				t.Errorf("filter %+v: %d cases, want 1", f, len(got))
			}
		}
		for _, f := range []records.CaseFilter{{List: "SDN"}, {Reason: "ip.embargoed"}, {Outcome: "review"}, {Status: records.StatusClosed}, {OlderThan: time.Hour}} {
			if got, _ := st.Cases(ctx, f); len(got) != 0 {
				t.Errorf("filter %+v: %d cases, want 0", f, len(got))
			}
		}
		if _, err := st.Cases(ctx, records.CaseFilter{Status: "pending"}); !errors.As(err, new(*records.InvalidError)) || err.Error() != `case status "pending": want open, escalated, closed or queue` {
			t.Errorf("unknown status: %v", err)
		}

		// Escalated keeps the case in the queue.
		if _, err := st.Dispose(ctx, c.ID, records.DisposeRequest{Disposition: records.Escalated, Reviewer: "a.analyst", Reason: "needs the export manager"}); err != nil {
			t.Fatal(err)
		}
		if n, _ := st.QueueSize(ctx); n != 1 {
			t.Errorf("queue size after escalation %d, want 1", n)
		}
		got, err := st.Dispose(ctx, c.ID, records.DisposeRequest{Disposition: records.FalsePositive, Reviewer: "e.manager",
			Reason: "our customer is a US distributor, registration 12-3456789"})
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != records.StatusClosed || got.Disposition != "false_positive" || len(got.Events) != 3 {
			t.Fatalf("after the disposition: %+v", got)
		}
		wantEvents := []records.Event{
			{At: testNow, Kind: "opened"},
			{At: testNow, Kind: "disposition", Disposition: "escalated", Reviewer: "a.analyst", Reason: "needs the export manager"},
			{At: testNow, Kind: "disposition", Disposition: "false_positive", Reviewer: "e.manager", Reason: "our customer is a US distributor, registration 12-3456789"},
		}
		if diff := cmp.Diff(wantEvents, got.Events); diff != "" {
			t.Errorf("events (-want +got):\n%s", diff)
		}
		if _, err := st.Dispose(ctx, c.ID, records.DisposeRequest{Disposition: records.ConfirmedMatch, Reviewer: "x", Reason: "y"}); !errors.Is(err, records.ErrCaseClosed) {
			t.Errorf("disposition of a closed case: %v, want ErrCaseClosed", err)
		}

		// Screened again: both hits carry the reviewer's record.
		again := screen(t, sc, listed)
		if again.Outcome != "allow" {
			t.Fatalf("after the false positive: outcome %s, reasons %v", again.Outcome, reasonCodes(again))
		}
		if diff := cmp.Diff([]string{"party.match_suppressed=allow", "party.match_suppressed=allow", "data.evaluation_snapshot=allow"}, reasonCodes(again)); diff != "" {
			t.Errorf("reasons (-want +got):\n%s", diff)
		}
		for _, m := range again.Matches {
			if m.Suppressed == nil || m.Suppressed.Reviewer != "e.manager" || m.Suppressed.Kind != screening.NotAMatch {
				t.Errorf("match %s:%s not suppressed by the review: %+v", m.List, m.EntryID, m.Suppressed)
			}
		}

		// The Entity List entry changes (a new alias): the case reopens and
		// the suppression of that entry lapses.
		old, err := lists.Default()
		if err != nil {
			t.Fatal(err)
		}
		var el *screening.MatchRecord
		for i := range d.Matches {
			if d.Matches[i].List == "EL" {
				el = &d.Matches[i]
			}
		}
		key := el.List + ":" + el.EntryID
		e, ok := old.Get(key)
		if !ok {
			t.Fatalf("entry %s not in the embedded snapshot", key)
		}
		changed := *e
		changed.Aliases = append(slices.Clone(e.Aliases), lists.Alias{Name: "Hikvision Digital (changed for this test)", Kind: lists.AliasAKA})
		updated := replaceEntry(t, old, &changed)
		reopened, err := st.Reopen(ctx, records.ChangedEntries(lists.Diff(old, updated)))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff([]int64{c.ID}, reopened); diff != "" {
			t.Errorf("reopened (-want +got):\n%s", diff)
		}
		rc, err := st.CaseByID(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		last := rc.Events[len(rc.Events)-1]
		if rc.Status != records.StatusOpen || last.Kind != "reopened" || last.Reason != "list entry "+key+" changed (Aliases)" {
			t.Errorf("after the list update: status %s, last event %+v", rc.Status, last)
		}
		if err := sc.Reload(ctx, screening.WithLists(updated)); err != nil {
			t.Fatal(err)
		}
		third := screen(t, sc, listed)
		if third.Outcome != "license_required" {
			t.Errorf("after the entry changed: outcome %s, reasons %v", third.Outcome, reasonCodes(third))
		}
		if diff := cmp.Diff([]string{"party.listed=license_required", "party.match_suppressed=allow", "data.evaluation_snapshot=allow"}, reasonCodes(third)); diff != "" {
			t.Errorf("reasons after the change (-want +got):\n%s", diff)
		}
	})
}

// replaceEntry returns old with e in place of the entry of the same key.
func replaceEntry(t *testing.T, old *lists.Snapshot, e *lists.Entry) *lists.Snapshot {
	t.Helper()
	var sets []lists.SourceSet
	for _, si := range old.Sources() {
		set := lists.SourceSet{Source: si.Source, AsOf: si.AsOf, Checksum: si.Checksum + "+test", Evaluation: si.Evaluation}
		for _, x := range old.Entries() {
			if x.Source != si.Source {
				continue
			}
			if x.Key() == e.Key() {
				x = e
			}
			set.Entries = append(set.Entries, x)
		}
		sets = append(sets, set)
	}
	s, err := lists.NewSnapshot(sets...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestDisposeValidates(t *testing.T) {
	ctx := context.Background()
	st := open(t, "sqlite:"+t.TempDir()+"/r.db")
	for _, tc := range []struct {
		r    records.DisposeRequest
		want string
	}{
		{records.DisposeRequest{Disposition: "cleared", Reviewer: "a", Reason: "b"}, `disposition "cleared": want confirmed_match, false_positive, escalated or license_obtained`},
		{records.DisposeRequest{Disposition: records.ConfirmedMatch, Reason: "b"}, "disposition: the reviewer is empty"},
		{records.DisposeRequest{Disposition: records.ConfirmedMatch, Reviewer: "a", Reason: " "}, "disposition: the reason is empty; say why"},
	} {
		if _, err := st.Dispose(ctx, 1, tc.r); err == nil || err.Error() != tc.want {
			t.Errorf("%+v: %v, want %q", tc.r, err, tc.want)
		}
	}
	if _, err := st.Dispose(ctx, 42, records.DisposeRequest{Disposition: records.ConfirmedMatch, Reviewer: "a", Reason: "b"}); !errors.Is(err, records.ErrNotFound) {
		t.Errorf("unknown case: %v, want ErrNotFound", err)
	}
}

// Add and Lookup as a screening.SuppressionStore: the newest record in
// force for the same entry content.
func TestSuppressionStore(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := open(t, dsn)
		s := screening.Suppression{Party: "ACME TRADING", EntryKey: "EL:123", EntryHash: "h1", Kind: screening.NotAMatch,
			Reason: "different company", Reviewer: "j.doe", Created: testNow, Expires: testNow.Add(30 * 24 * time.Hour)}
		if err := st.Add(ctx, s); err != nil {
			t.Fatal(err)
		}
		got, ok := st.Lookup("ACME TRADING", "EL:123", "h1", testNow)
		if !ok || !cmp.Equal(s, got) {
			t.Errorf("lookup: %v %+v", ok, got)
		}
		for _, tc := range []struct {
			party, key, hash string
			at               time.Time
		}{
			{"ACME TRADING", "EL:123", "h2", testNow},
			{"ACME TRADING", "EL:123", "h1", s.Expires},
			{"OTHER", "EL:123", "h1", testNow},
		} {
			if _, ok := st.Lookup(tc.party, tc.key, tc.hash, tc.at); ok {
				t.Errorf("lookup %+v: found, want none", tc)
			}
		}
		if err := st.Add(ctx, screening.Suppression{Kind: "maybe"}); err == nil {
			t.Error("an invalid suppression was stored")
		}
	})
}
