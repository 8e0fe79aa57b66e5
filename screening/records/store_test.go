package records_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/records"
)

var testNow = time.Date(2026, 11, 30, 12, 0, 0, 0, time.UTC)

func fixedClock() time.Time { return testNow }

// screener screens with the embedded evaluation data and, if store is not
// nil, the store's suppressions.
func screener(t *testing.T, opts ...screening.Option) *screening.Screener {
	t.Helper()
	s, err := screening.New(context.Background(), append([]screening.Option{screening.WithClock(fixedClock),
		screening.WithoutLocator(), screening.WithLogger(discard())}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The Entity List entry of the embedded evaluation snapshot (EL); a
// purchaser of that name gets license_required.
var listed = screening.Request{ID: "order-el", Destination: "US", Parties: []screening.Party{
	{Role: screening.RolePurchaser, Name: "Hangzhou Hikvision Digital Technology Co. Ltd", Country: "US"}}}

var clean = screening.Request{ID: "order-clean", Destination: "DE", Parties: []screening.Party{
	{Role: screening.RolePurchaser, Name: "Acme Widgets Inc", Country: "DE"}}}

func screen(t *testing.T, s *screening.Screener, req screening.Request) screening.Decision {
	t.Helper()
	d, err := s.Screen(context.Background(), req)
	if err != nil {
		t.Fatalf("screening %s: %v", req.ID, err)
	}
	return d
}

func reasonCodes(d screening.Decision) []string {
	var out []string
	for _, r := range d.Reasons {
		out = append(out, r.Code+"="+r.Outcome)
	}
	return out
}

func TestAppendChainsAndVerifies(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := open(t, dsn, records.WithClock(fixedClock))
		sc := screener(t)
		var hashes []string
		for i, req := range []screening.Request{clean, listed, clean} {
			d := screen(t, sc, req)
			r, err := st.Append(ctx, records.Entry{Source: "test", Request: req, Decision: d})
			if err != nil {
				t.Fatal(err)
			}
			if r.Seq != int64(i+1) {
				t.Errorf("record %d: seq %d", i, r.Seq)
			}
			if i > 0 && r.PrevHash != hashes[i-1] {
				t.Errorf("record %d: prev_hash %s, want %s", r.Seq, r.PrevHash, hashes[i-1])
			}
			hashes = append(hashes, r.Hash)
		}
		v, err := st.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		want := records.Verification{Records: 3, FirstSeq: 1, LastSeq: 3, HeadHash: hashes[2], Problems: []string{}}
		if diff := cmp.Diff(want, v); diff != "" {
			t.Errorf("verification (-want +got):\n%s", diff)
		}
		got, err := st.Get(ctx, 2)
		if err != nil {
			t.Fatal(err)
		}
		d, err := got.DecodeDecision()
		if err != nil {
			t.Fatal(err)
		}
		if d.ID != "order-el" || d.Outcome != "license_required" || got.Outcome != "license_required" || got.Source != "test" {
			t.Errorf("record 2: %s %s (stored outcome %s, source %s)", d.ID, d.Outcome, got.Outcome, got.Source)
		}
		if !got.RecordedAt.Equal(testNow) {
			t.Errorf("recorded_at %v, want %v", got.RecordedAt, testNow)
		}
		if _, err := st.Get(ctx, 99); !errors.Is(err, records.ErrNotFound) {
			t.Errorf("Get(99) = %v, want ErrNotFound", err)
		}
	})
}

func TestVerifyFindsTampering(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := open(t, dsn, records.WithClock(fixedClock))
		sc := screener(t)
		for _, req := range []screening.Request{clean, listed, clean} {
			if _, err := st.Append(ctx, records.Entry{Source: "test", Request: req, Decision: screen(t, sc, req)}); err != nil {
				t.Fatal(err)
			}
		}
		r2, _ := st.Get(ctx, 2)
		// Someone with database access turns the license_required record into allow.
		forged := bytes.Replace(r2.Decision, []byte(`"outcome":"license_required"`), []byte(`"outcome":"allow"`), 1)
		q := "UPDATE records SET decision = ? WHERE seq = 2"
		if isPostgres(dsn) {
			q = "UPDATE records SET decision = $1 WHERE seq = 2"
		}
		if _, err := st.DB().Exec(q, forged); err != nil {
			t.Fatal(err)
		}
		v, err := st.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v.OK() || len(v.Problems) != 1 || !strings.HasPrefix(v.Problems[0], "record 2: content does not match its hash "+r2.Hash[:12]) {
			t.Fatalf("problems %q, want one naming record 2", v.Problems)
		}
		// Deleting a record breaks the links.
		for _, table := range []string{"record_parties", "record_entries", "record_reasons", "records"} {
			if _, err := st.DB().Exec("DELETE FROM " + table + " WHERE seq = 3"); err != nil {
				t.Fatal(err)
			}
		}
		v, _ = st.Verify(ctx)
		want := fmt.Sprintf("chain head is record 3 (%s), but the last record is 2 (%s)", v.HeadHash[:12], r2.Hash[:12])
		if len(v.Problems) != 2 || v.Problems[1] != want {
			t.Errorf("problems %q, want the second to be %q", v.Problems, want)
		}
	})
}

// Several stores on one database (as several processes would be) append
// concurrently; the chain stays linear and complete.
func TestConcurrentWritersKeepOneChain(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		a, b := open(t, dsn), open(t, dsn)
		d := screen(t, screener(t), clean)
		const per = 60
		var wg sync.WaitGroup
		errc := make(chan error, 8*per)
		for w := range 8 {
			st := a
			if w%2 == 1 {
				st = b
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range per {
					dd := d
					dd.ID = fmt.Sprintf("w%d-%d", w, i)
					if _, err := st.Append(ctx, records.Entry{Source: "test", Request: clean, Decision: dd}); err != nil {
						errc <- err
					}
				}
			}()
		}
		wg.Wait()
		close(errc)
		for err := range errc {
			t.Fatal(err)
		}
		v, err := a.Verify(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !v.OK() || v.Records != 8*per || v.LastSeq != 8*per {
			t.Fatalf("verification: %d records, last %d, problems %q", v.Records, v.LastSeq, v.Problems)
		}
		var distinct int
		if err := a.DB().QueryRow("SELECT COUNT(DISTINCT decision_id) FROM records").Scan(&distinct); err != nil {
			t.Fatal(err)
		}
		if distinct != 8*per {
			t.Errorf("%d distinct decisions stored, want %d", distinct, 8*per)
		}
	})
}

func TestQueryFilters(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		clock := testNow
		st := open(t, dsn, records.WithClock(func() time.Time { return clock }))
		sc := screener(t)
		for _, req := range []screening.Request{clean, listed, clean} {
			if _, err := st.Append(ctx, records.Entry{Source: "test", Request: req, Decision: screen(t, sc, req)}); err != nil {
				t.Fatal(err)
			}
			clock = clock.Add(time.Hour)
		}
		entry := screen(t, sc, listed).Matches[0]
		entryKey := entry.List + ":" + entry.EntryID
		for _, tc := range []struct {
			name string
			f    records.Filter
			want []int64
		}{
			{"all", records.Filter{}, []int64{1, 2, 3}},
			{"party substring, any case", records.Filter{Party: "hikvision"}, []int64{2}},
			{"party", records.Filter{Party: "Acme Widgets"}, []int64{1, 3}},
			{"entry", records.Filter{Entry: entryKey}, []int64{2}},
			{"outcome", records.Filter{Outcome: "license_required"}, []int64{2}},
			{"reason", records.Filter{Reason: "party.listed"}, []int64{2}},
			{"reason none", records.Filter{Reason: "ip.embargoed"}, nil},
			{"from", records.Filter{From: testNow.Add(time.Hour)}, []int64{2, 3}},
			{"to", records.Filter{To: testNow.Add(time.Hour)}, []int64{1}},
			{"page", records.Filter{AfterSeq: 1, Limit: 1}, []int64{2}},
		} {
			t.Run(tc.name, func(t *testing.T) {
				rs, err := st.Query(ctx, tc.f)
				if err != nil {
					t.Fatal(err)
				}
				var got []int64
				for _, r := range rs {
					got = append(got, r.Seq)
				}
				if diff := cmp.Diff(tc.want, got); diff != "" {
					t.Errorf("seqs (-want +got):\n%s", diff)
				}
			})
		}
	})
}

func TestExport(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		st := open(t, dsn, records.WithClock(fixedClock))
		sc := screener(t)
		var stored []records.Record
		for _, req := range []screening.Request{clean, listed} {
			r, err := st.Append(ctx, records.Entry{Source: "orderservice", Request: req, Decision: screen(t, sc, req)})
			if err != nil {
				t.Fatal(err)
			}
			stored = append(stored, r)
		}
		var jl bytes.Buffer
		n, err := st.Export(ctx, &jl, records.JSONL, records.Filter{})
		if err != nil || n != 2 {
			t.Fatalf("JSONL export: %d records, %v", n, err)
		}
		lines := strings.Split(strings.TrimSpace(jl.String()), "\n")
		for i, line := range lines {
			var r records.Record
			if err := json.Unmarshal([]byte(line), &r); err != nil {
				t.Fatalf("line %d: %v", i+1, err)
			}
			if r.Hash != stored[i].Hash || r.PrevHash != stored[i].PrevHash || !bytes.Equal(r.Decision, stored[i].Decision) {
				t.Errorf("line %d: %+v, want %+v", i+1, r, stored[i])
			}
		}
		var cb bytes.Buffer
		if _, err := st.Export(ctx, &cb, records.CSV, records.Filter{Outcome: "license_required"}); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(&cb).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 2 {
			t.Fatalf("CSV: %d rows, want header + 1", len(rows))
		}
		if diff := cmp.Diff(records.CSVHeader(), rows[0]); diff != "" {
			t.Errorf("header (-want +got):\n%s", diff)
		}
		d, _ := stored[1].DecodeDecision()
		var entries []string
		for _, m := range d.Matches {
			entries = append(entries, m.List+":"+m.EntryID)
		}
		want := []string{"2", "2026-11-30T12:00:00Z", "orderservice", "order-el", "license_required", "party.listed party.listed data.evaluation_snapshot",
			"Hangzhou Hikvision Digital Technology Co. Ltd", strings.Join(entries, " "), "2026-11-30", stored[1].Hash, stored[1].PrevHash}
		if len(entries) != 2 || entries[0] != "CMIC:30946" {
			t.Errorf("matches %q, want the CMIC and EL entries of Hikvision", entries)
		}
		if diff := cmp.Diff(want, rows[1]); diff != "" {
			t.Errorf("row (-want +got):\n%s", diff)
		}
		if _, err := records.ParseFormat("xml"); err == nil || err.Error() != `export format "xml": want jsonl or csv` {
			t.Errorf("ParseFormat(xml) = %v", err)
		}
	})
}

func TestOpenRefusesShortRetentionAndUnknownSources(t *testing.T) {
	ctx := context.Background()
	_, err := records.Open(ctx, "sqlite:"+t.TempDir()+"/r.db", records.WithRetention(365*24*time.Hour))
	if err == nil || err.Error() != "records: retention 8760h0m0s is shorter than five years (15 CFR 762.6)" {
		t.Errorf("one-year retention: %v", err)
	}
	_, err = records.Open(ctx, "mysql://u:secret@host/db")
	if err == nil || err.Error() != `records: data source "mysql://u:***@host/db": want sqlite:PATH or postgres://…` {
		t.Errorf("mysql: %v", err)
	}
	_, err = records.Open(ctx, "sqlite:")
	if err == nil || err.Error() != `records: "sqlite:" names no file` {
		t.Errorf("sqlite without a file: %v", err)
	}
}

// Close commits what was handed to Append before it returns, and later
// appends get ErrClosed.
func TestCloseFlushesAndRefusesLaterAppends(t *testing.T) {
	dsn := "sqlite:" + t.TempDir() + "/r.db"
	ctx := context.Background()
	st, err := records.Open(ctx, dsn, records.WithLogger(discard()))
	if err != nil {
		t.Fatal(err)
	}
	d := screen(t, screener(t), clean)
	var wg sync.WaitGroup
	var mu sync.Mutex
	acked := 0
	for i := range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			dd := d
			dd.ID = fmt.Sprint("c", i)
			if _, err := st.Append(ctx, records.Entry{Source: "test", Request: clean, Decision: dd}); err == nil {
				mu.Lock()
				acked++
				mu.Unlock()
			} else if !errors.Is(err, records.ErrClosed) {
				t.Error(err)
			}
		}()
	}
	time.Sleep(5 * time.Millisecond)
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if _, err := st.Append(ctx, records.Entry{Source: "test", Request: clean, Decision: d}); !errors.Is(err, records.ErrClosed) {
		t.Errorf("append after close: %v, want ErrClosed", err)
	}
	st2 := open(t, dsn)
	v, err := st2.Verify(ctx)
	if err != nil || !v.OK() {
		t.Fatalf("verify: %v %q", err, v.Problems)
	}
	if v.Records != int64(acked) {
		t.Errorf("%d records stored, %d acknowledged", v.Records, acked)
	}
}
