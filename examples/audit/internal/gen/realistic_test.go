package gen

import (
	"bytes"
	"encoding/csv"
	"io"
	"maps"
	"math/rand/v2"
	"net/netip"
	"os"
	"slices"
	"strings"
	"testing"
)

func TestRealistic(t *testing.T) {
	r := loadRealistic(t)
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

func TestParseRangesErrors(t *testing.T) {
	for in, want := range map[string]string{
		"1.0.0.0,1.0.0.255,US\n1.0.1.0,x,AU\n": `r.csv:2: ParseAddr("x"): unable to parse IP`,
		"1.0.0.9,1.0.0.1,US\n":                 `r.csv:1: "1.0.0.9"-"1.0.0.1" is not an IPv4 range`,
		"::1,::2,US\n":                         `r.csv:1: "::1"-"::2" is not an IPv4 range`,
		"1.0.0.0,1.0.0.255,usa\n":              `r.csv:1: country "usa" is not two capital letters`,
		"1.0.0.0,1.0.0.255,AP\n":               `r.csv: no ranges`,
		"1.0.0.0,1.0.0.255\n":                  `r.csv: record on line 1: wrong number of fields`,
	} {
		_, err := ParseRanges(strings.NewReader(in), "r.csv")
		if err == nil || err.Error() != want {
			t.Errorf("ParseRanges(%q) error = %v; want %s", in, err, want)
		}
	}
}

func FuzzParseRanges(f *testing.F) {
	f.Add("1.0.0.0,1.0.0.255,US\n1.0.4.0,1.0.7.255,AU\n")
	f.Add("1.0.0.0,1.0.0.255,AP\n")
	f.Add("\"1.0.0.0\",1.0.0.0,ZZ")
	f.Fuzz(func(t *testing.T, in string) {
		rs, err := ParseRanges(strings.NewReader(in), "f.csv")
		if err != nil {
			if len(rs) != 0 || !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("error %v with %d ranges; want none, and the input named", err, len(rs))
			}
			return
		}
		rng := rand.New(rand.NewPCG(1, 2))
		for _, r := range rs {
			if !r.First.Is4() || r.Last.Less(r.First) || len(r.Country) != 2 {
				t.Fatalf("accepted %+v", r)
			}
			if a := randomAddr(rng, r); a.Less(r.First) || r.Last.Less(a) {
				t.Fatalf("randomAddr(%+v) = %v, outside the range", r, a)
			}
		}
	})
}

// TestRealisticOneLine checks that a name with a line break (three
// evaluation names hold one: variants of UN-listed names that their source
// wraps) is written on one line, as an order book has it.
func TestRealisticOneLine(t *testing.T) {
	r := &Realistic{Listed: []string{"حركة التوحيد\n غرب إفريقيا"}, Unlisted: []string{"Acme\r\nWidgets Inc"},
		Ranges: []IPRange{{First: netip.MustParseAddr("5.160.0.0"), Last: netip.MustParseAddr("5.160.0.255"), Country: "IR"}}}
	var buf bytes.Buffer
	if err := r.Write(&buf, 50, 0.5, 0, 7); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(buf.String(), "\n"); got != 51 {
		t.Errorf("%d lines for 50 rows and a header; want 51", got)
	}
	names := map[string]bool{}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs[1:] {
		names[rec[2]] = true
	}
	for _, want := range []string{"حركة التوحيد  غرب إفريقيا", "Acme Widgets Inc"} {
		if !names[want] {
			t.Errorf("names written %q; want %q among them", slices.Collect(maps.Keys(names)), want)
		}
	}
	if got := oneLine("plain name"); got != "plain name" {
		t.Errorf("oneLine(plain name) = %q", got)
	}
}

// TestRealisticDistinct: the distinct book never repeats a name (case and
// spacing aside), and says so when the evaluation set runs out of names.
func TestRealisticDistinct(t *testing.T) {
	r := loadRealistic(t)
	const rows = 5000
	var buf bytes.Buffer
	if err := r.WriteDistinct(&buf, rows, 0.1, 0.2, 1); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs)-1 != rows {
		t.Fatalf("%d rows; want %d", len(recs)-1, rows)
	}
	seen := map[string]int{}
	listed := 0
	for i, rec := range recs[1:] {
		k := strings.ToLower(strings.Join(strings.Fields(rec[2]), " "))
		if j, ok := seen[k]; ok {
			t.Fatalf("row %d: name %q already on row %d", i+1, rec[2], j)
		}
		seen[k] = i + 1
		if slices.Contains(r.Listed, rec[2]) {
			listed++
		}
	}
	if listed < 390 || listed > 610 {
		t.Errorf("%d of %d names listed variants; want about 10%%", listed, rows)
	}
	err = r.WriteDistinct(io.Discard, 20000, 0.1, 0.2, 1)
	if err == nil || !strings.Contains(err.Error(), "distinct non-listed names to draw from") {
		t.Errorf("20,000 distinct rows: error %v; want the pool named as run out", err)
	}
}

// loadRealistic is the material of the repository's realistic book, with
// the bundled sample as template.
func loadRealistic(t *testing.T) *Realistic {
	t.Helper()
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
	return r
}
