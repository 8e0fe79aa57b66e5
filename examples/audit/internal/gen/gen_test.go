package gen

import (
	"bytes"
	"encoding/csv"
	"os"
	"strings"
	"testing"
)

func TestWrite(t *testing.T) {
	f, err := os.Open("../../../../testdata/orders/sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	book, err := Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, rows := range []int{0, 1, 96, 97, 98, 1000} {
		var buf bytes.Buffer
		reqs, err := book.Write(&buf, rows)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(&buf).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(recs)-1 != rows {
			t.Errorf("rows=%d: wrote %d rows", rows, len(recs)-1)
		}
		// Ids are fresh per copy and the rows of one request are contiguous.
		seen := map[string]bool{}
		prev, n := "", 0
		for _, r := range recs[1:] {
			if r[0] != prev {
				if seen[r[0]] {
					t.Fatalf("rows=%d: id %s not contiguous", rows, r[0])
				}
				seen[r[0]] = true
				prev = r[0]
				n++
			}
			if !strings.Contains(r[0], "~") {
				t.Fatalf("id %q without copy suffix", r[0])
			}
		}
		if n != reqs {
			t.Errorf("rows=%d: %d requests in the output; Write said %d", rows, n, reqs)
		}
	}
}

func Example() {
	book, _ := Parse(strings.NewReader("id,name\nA,Acme Widgets Inc\nA,Example GmbH\nB,Other\n"))
	book.Write(os.Stdout, 5)
	// Output:
	// id,name
	// A~0,Acme Widgets Inc
	// A~0,Example GmbH
	// B~0,Other
	// A~1,Acme Widgets Inc
	// A~1,Example GmbH
}
