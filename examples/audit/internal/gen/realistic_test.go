package gen

import (
	"bytes"
	"encoding/csv"
	"net/netip"
	"os"
	"slices"
	"testing"
)

func TestRealistic(t *testing.T) {
	f, err := os.Open("../../../../testdata/orders/sample.csv")
	if err != nil {
		t.Fatal(err)
	}
	book, err := Parse(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	r, err := LoadRealistic("../../../..", book)
	if err != nil {
		t.Fatal(err)
	}
	// The sample's datasheet rows: A100-, H100-, H20-class, two consumer
	// cards, a 3A090.b.1-range part (testdata/orders/README.md).
	if len(r.Chips) < 5 {
		t.Fatalf("%d chips from the sample; want its datasheet rows", len(r.Chips))
	}
	const rows = 5000
	var buf bytes.Buffer
	if err := r.Write(&buf, rows, 0.1, 0.2, 1); err != nil {
		t.Fatal(err)
	}
	again := new(bytes.Buffer)
	if err := r.Write(again, rows, 0.1, 0.2, 1); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Error("the same seed wrote two different books")
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != rows {
		t.Fatalf("%d rows; want %d", len(recs)-1, rows)
	}
	ids := map[string]bool{}
	chips, listed := 0, 0
	for i, rec := range recs[1:] {
		if ids[rec[0]] {
			t.Fatalf("row %d: id %s repeated; want one request a row", i+1, rec[0])
		}
		ids[rec[0]] = true
		if slices.Contains(r.Listed, rec[2]) {
			listed++
		} else if !slices.Contains(r.Unlisted, rec[2]) {
			t.Fatalf("row %d: name %q is in neither evaluation file", i+1, rec[2])
		}
		ip := netip.MustParseAddr(rec[5])
		j, _ := slices.BinarySearchFunc(r.Ranges, ip, func(r IPRange, ip netip.Addr) int { return r.First.Compare(ip) })
		if j == len(r.Ranges) || r.Ranges[j].First != ip {
			j--
		}
		if j < 0 || ip.Compare(r.Ranges[j].Last) > 0 || r.Ranges[j].Country != rec[3] || rec[4] != rec[3] {
			t.Fatalf("row %d: IP %s with country %s, destination %s is not in a range of that country", i+1, ip, rec[3], rec[4])
		}
		if rec[8] != "" {
			chips++
		}
	}
	// Binomial(5000, p): within 5 standard deviations of the share asked.
	if chips < 850 || chips > 1150 {
		t.Errorf("%d of %d rows with a chip; want about 20%%", chips, rows)
	}
	if listed < 390 || listed > 610 {
		t.Errorf("%d of %d names listed variants; want about 10%%", listed, rows)
	}
}
