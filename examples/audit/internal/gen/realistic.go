package gen

import (
	"bufio"
	"compress/gzip"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/netip"
	"os"
	"slices"
	"strings"
)

// Realistic is the material of a realistic order book: one party name, one
// client IP and one request a row, and an AI chip on a share of the rows.
// Every value comes from a real file: names from the matching evaluation
// set (testdata/eval, real listed-name variants and real non-listed names),
// addresses from the IP-to-country ranges the embedded country database is
// built from (testdata/ipcountry), chip figures from the template book's
// datasheet rows. The book is synthetic in one respect only: each party is
// placed, shipped to and headquartered in the country of its IP.
type Realistic struct {
	Listed   []string  // variants of listed names (testdata/eval/positives.csv)
	Unlisted []string  // real names of parties that are not listed (negatives.csv)
	Ranges   []IPRange // IPv4 ranges with a country
	Chips    []Chip    // chip columns of the template's AI-chip rows
}

// IPRange is an inclusive IPv4 range and the country it is registered in.
type IPRange struct {
	First, Last netip.Addr
	Country     string
}

// Chip is the item columns of one AI-chip row, by header name.
type Chip map[string]string

// chipCols are the item columns a chip row carries over from the template.
var chipCols = []string{"eccn", "tpp", "die_area_mm2", "datacenter", "hbm_bandwidth_density", "dram_bandwidth"}

// realisticHeader is the audit's CSV header (docs/audit.md).
var realisticHeader = []string{"id", "role", "name", "country", "destination", "ip", "hq_country",
	"eccn", "tpp", "die_area_mm2", "datacenter", "hbm_bandwidth_density", "dram_bandwidth"}

// Chips returns the distinct AI-chip items of the template: the rows with a
// TPP figure (the datasheet figures of testdata/orders/README.md).
func (b *Book) Chips() []Chip {
	col := map[string]int{}
	for i, h := range b.header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	tpp, ok := col["tpp"]
	if !ok {
		return nil
	}
	var out []Chip
	seen := map[string]bool{}
	for _, req := range b.reqs {
		for _, row := range req {
			if row[tpp] == "" {
				continue
			}
			c := Chip{}
			var key strings.Builder
			for _, name := range chipCols {
				if i, ok := col[name]; ok {
					c[name] = row[i]
					key.WriteString(row[i] + "|")
				}
			}
			if !seen[key.String()] {
				seen[key.String()] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// ReadNames reads the "query" column of an evaluation CSV.
func ReadNames(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(recs) < 2 {
		return nil, fmt.Errorf("%s: no rows", path)
	}
	q := -1
	for i, h := range recs[0] {
		if h == "query" {
			q = i
		}
	}
	if q < 0 {
		return nil, fmt.Errorf("%s: no query column", path)
	}
	out := make([]string, 0, len(recs)-1)
	for _, r := range recs[1:] {
		out = append(out, r[q])
	}
	return out, nil
}

// ReadRanges reads a gzipped start,end,CC IPv4 range file. Ranges whose
// code is not a country (AP, EU) are skipped.
func ReadRanges(path string) ([]IPRange, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	zr, err := gzip.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return ParseRanges(zr, path)
}

// ParseRanges reads start,end,CC IPv4 ranges (name is the input's name in
// errors). Ranges whose code is not a country (AP, EU) are skipped.
func ParseRanges(r io.Reader, name string) ([]IPRange, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = 3
	var out []IPRange
	for line := 1; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		first, err1 := netip.ParseAddr(rec[0])
		last, err2 := netip.ParseAddr(rec[1])
		if err := errors.Join(err1, err2); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, line, err)
		}
		if !first.Is4() || !last.Is4() || last.Less(first) {
			return nil, fmt.Errorf("%s:%d: %q-%q is not an IPv4 range", name, line, rec[0], rec[1])
		}
		if len(rec[2]) != 2 || rec[2][0] < 'A' || rec[2][0] > 'Z' || rec[2][1] < 'A' || rec[2][1] > 'Z' {
			return nil, fmt.Errorf("%s:%d: country %q is not two capital letters", name, line, rec[2])
		}
		if rec[2] == "AP" || rec[2] == "EU" {
			continue
		}
		out = append(out, IPRange{First: first, Last: last, Country: rec[2]})
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no ranges", name)
	}
	return out, nil
}

// Write writes the header and rows requests of one row each. The share
// listed of the names are listed-name variants, the share chips of the rows
// carry a chip. seed makes the book reproducible.
func (r *Realistic) Write(w io.Writer, rows int, listed, chips float64, seed uint64) error {
	return r.write(w, rows, listed, chips, seed, false)
}

// WriteDistinct is Write with every name different (ignoring case and
// spacing): a book in which no party comes back, to measure what screening
// costs when nothing repeats. The evaluation set holds some 5,600
// non-listed names, so at the default 10% listed share it writes at most
// about 6,200 rows; asked for more, it fails.
func (r *Realistic) WriteDistinct(w io.Writer, rows int, listed, chips float64, seed uint64) error {
	return r.write(w, rows, listed, chips, seed, true)
}

// namePool draws names from one list, at random or, distinct, each at most
// once.
type namePool struct {
	names    []string
	distinct bool
	next     int
	seen     map[string]bool
	what     string
}

func (p *namePool) draw(rng *rand.Rand) (string, error) {
	if !p.distinct {
		return oneLine(p.names[rng.IntN(len(p.names))]), nil
	}
	for p.next < len(p.names) {
		name := oneLine(p.names[p.next])
		p.next++
		k := strings.ToLower(strings.Join(strings.Fields(name), " "))
		if !p.seen[k] {
			p.seen[k] = true
			return name, nil
		}
	}
	return "", fmt.Errorf("realistic book: only %d distinct %s names to draw from", len(p.seen), p.what)
}

func (r *Realistic) write(w io.Writer, rows int, listed, chips float64, seed uint64, distinct bool) error {
	if len(r.Unlisted) == 0 || len(r.Ranges) == 0 || (listed > 0 && len(r.Listed) == 0) || (chips > 0 && len(r.Chips) == 0) {
		return errors.New("realistic book: no names, ranges or chips to draw from")
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	seen := map[string]bool{}
	lp := &namePool{names: r.Listed, distinct: distinct, seen: seen, what: "listed-variant"}
	up := &namePool{names: r.Unlisted, distinct: distinct, seen: seen, what: "non-listed"}
	if distinct {
		lp.names, up.names = slices.Clone(r.Listed), slices.Clone(r.Unlisted)
		rng.Shuffle(len(lp.names), func(i, j int) { lp.names[i], lp.names[j] = lp.names[j], lp.names[i] })
		rng.Shuffle(len(up.names), func(i, j int) { up.names[i], up.names[j] = up.names[j], up.names[i] })
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(realisticHeader); err != nil {
		return err
	}
	rec := make([]string, len(realisticHeader))
	for i := range rows {
		clear(rec)
		rec[0] = fmt.Sprintf("R-%07d", i+1)
		rec[1] = "purchaser"
		pool := up
		if rng.Float64() < listed {
			pool = lp
		}
		name, err := pool.draw(rng)
		if err != nil {
			return fmt.Errorf("%w (row %d)", err, i+1)
		}
		rec[2] = name
		ipr := r.Ranges[rng.IntN(len(r.Ranges))]
		rec[3], rec[4], rec[5] = ipr.Country, ipr.Country, randomAddr(rng, ipr).String()
		if rng.Float64() < chips {
			c := r.Chips[rng.IntN(len(r.Chips))]
			rec[6] = ipr.Country
			for j, name := range realisticHeader[7:] {
				rec[7+j] = c[name]
			}
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// oneLine puts a name on one line. A few evaluation names hold a line break
// (variants of listed names that their source list wraps); an order book
// has each row on one line, and the audit rejects a quoted field with a
// line break as an unclosed quote.
func oneLine(name string) string {
	if !strings.ContainsAny(name, "\r\n") {
		return name
	}
	return strings.Join(strings.FieldsFunc(name, func(r rune) bool { return r == '\r' || r == '\n' }), " ")
}

// randomAddr draws an address of r uniformly.
func randomAddr(rng *rand.Rand, r IPRange) netip.Addr {
	f, l := r.First.As4(), r.Last.As4()
	lo := uint64(f[0])<<24 | uint64(f[1])<<16 | uint64(f[2])<<8 | uint64(f[3])
	hi := uint64(l[0])<<24 | uint64(l[1])<<16 | uint64(l[2])<<8 | uint64(l[3])
	v := lo + rng.Uint64N(hi-lo+1)
	return netip.AddrFrom4([4]byte{byte(v >> 24), byte(v >> 16), byte(v >> 8), byte(v)})
}

// LoadRealistic reads the realistic book's material from a repository
// checkout rooted at root.
func LoadRealistic(root string, template *Book) (*Realistic, error) {
	var r Realistic
	var err error
	if r.Listed, err = ReadNames(root + "/testdata/eval/positives.csv"); err != nil {
		return nil, err
	}
	if r.Unlisted, err = ReadNames(root + "/testdata/eval/negatives.csv"); err != nil {
		return nil, err
	}
	if r.Ranges, err = ReadRanges(root + "/testdata/ipcountry/iptoasn-country-ipv4.csv.gz"); err != nil {
		return nil, err
	}
	r.Chips = template.Chips()
	return &r, nil
}
