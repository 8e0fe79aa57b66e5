package records_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/records"
)

// Record the decisions a Screener makes, verify the chain, and work the
// review queue.
func Example() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "records-example")
	defer os.RemoveAll(dir)

	st, err := records.Open(ctx, "sqlite:"+filepath.Join(dir, "records.db"), records.WithLogger(discard()))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	// The store also holds the reviewers' suppressions.
	s, err := screening.New(ctx, screening.WithSuppressions(st), screening.WithoutLocator(), screening.WithLogger(discard()))
	if err != nil {
		fmt.Println(err)
		return
	}
	req := screening.Request{ID: "order-1", Destination: "US", Parties: []screening.Party{
		{Role: screening.RolePurchaser, Name: "Hangzhou Hikvision Digital Technology Co. Ltd", Country: "US"}}}
	d, _ := s.Screen(ctx, req)
	rec, err := st.Append(ctx, records.Entry{Source: "example", Request: req, Decision: d})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("record", rec.Seq, rec.Outcome)

	v, _ := st.Verify(ctx)
	fmt.Println("chain verifies:", v.OK(), "records:", v.Records)

	queue, _ := st.Cases(ctx, records.CaseFilter{Status: "queue"})
	fmt.Println("cases open:", len(queue), queue[0].Lists)
	c, _ := st.Dispose(ctx, queue[0].ID, records.DisposeRequest{
		Disposition: records.FalsePositive, Reviewer: "e.manager", Reason: "a US distributor, not the listed company"})
	fmt.Println("case", c.Status, c.Disposition)

	d, _ = s.Screen(ctx, req)
	fmt.Println("screened again:", d.Outcome)
	// Output:
	// record 1 license_required
	// chain verifies: true records: 1
	// cases open: 1 [CMIC EL]
	// case closed false_positive
	// screened again: allow
}

// Store a batch of decisions with keys, as a batch program that may be
// resumed does: storing the batch again adds nothing.
func ExampleStore_AppendAll() {
	ctx := context.Background()
	dir, _ := os.MkdirTemp("", "records-example")
	defer os.RemoveAll(dir)

	st, err := records.Open(ctx, "sqlite:"+filepath.Join(dir, "records.db"), records.WithLogger(discard()))
	if err != nil {
		fmt.Println(err)
		return
	}
	defer st.Close()
	s, err := screening.New(ctx, screening.WithoutLocator(), screening.WithLogger(discard()))
	if err != nil {
		fmt.Println(err)
		return
	}
	var batch []records.Entry
	for i, name := range []string{"Acme Widgets Inc", "Hangzhou Hikvision Digital Technology Co. Ltd"} {
		req := screening.Request{ID: fmt.Sprintf("row-%d", i+1), Destination: "US", Parties: []screening.Party{
			{Role: screening.RolePurchaser, Name: name, Country: "US"}}}
		d, _ := s.Screen(ctx, req)
		batch = append(batch, records.Entry{Source: "batch", Key: fmt.Sprintf("run-7:%d", i+1), Request: req, Decision: d})
	}
	added, err := st.AppendAll(ctx, batch)
	fmt.Println("added:", added, err)
	added, err = st.AppendAll(ctx, batch) // a resumed run storing the same rows
	fmt.Println("added again:", added, err)
	seq, _, _ := st.Head(ctx)
	fmt.Println("records:", seq)
	// Output:
	// added: 2 <nil>
	// added again: 0 <nil>
	// records: 2
}
