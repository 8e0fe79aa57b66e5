package countrydb

import (
	"encoding/binary"
	"fmt"
	"io"
	"net/netip"
	"slices"
)

// Agreement counts IPv4 addresses by how the two sources answer for them.
type Agreement struct {
	// Both: addresses both sources name a country for; Disagree: those of
	// Both whose countries differ.
	Both, Disagree uint64
	// OnlyFirst and OnlySecond: addresses only one source names a country
	// for (Sources order).
	OnlyFirst, OnlySecond uint64
	// ByCountry: for each country, addresses of Both that either source
	// places there, and how many of those the sources disagree on.
	ByCountry map[string]*CountryAgreement
	// OnlyFirstByCountry: addresses only the first source covers, by its
	// country.
	OnlyFirstByCountry map[string]uint64
	// Pairs: disputed addresses by (first, second) answer.
	Pairs map[[2]string]uint64
}

// CountryAgreement is one country's line of Agreement.ByCountry.
type CountryAgreement struct {
	Either, Disagree uint64
}

// Measure computes the agreement of merged IPv4 ranges.
func Measure(ms []Merged) Agreement {
	ag := Agreement{ByCountry: map[string]*CountryAgreement{}, OnlyFirstByCountry: map[string]uint64{}, Pairs: map[[2]string]uint64{}}
	count := func(c string) *CountryAgreement {
		ca := ag.ByCountry[c]
		if ca == nil {
			ca = &CountryAgreement{}
			ag.ByCountry[c] = ca
		}
		return ca
	}
	for _, m := range ms {
		if !m.Start.Is4() {
			continue
		}
		n := size4(m.Start, m.End)
		a, b := IsCountry(m.Claims[0]), IsCountry(m.Claims[1])
		switch {
		case a && b:
			ag.Both += n
			count(m.Claims[0]).Either += n
			if m.Claims[0] != m.Claims[1] {
				ag.Disagree += n
				count(m.Claims[0]).Disagree += n
				count(m.Claims[1]).Either += n
				count(m.Claims[1]).Disagree += n
				ag.Pairs[m.Claims] += n
			}
		case a:
			ag.OnlyFirst += n
			ag.OnlyFirstByCountry[m.Claims[0]] += n
		case b:
			ag.OnlySecond += n
		}
	}
	return ag
}

func size4(start, end netip.Addr) uint64 {
	s, e := start.As4(), end.As4()
	return uint64(binary.BigEndian.Uint32(e[:])) - uint64(binary.BigEndian.Uint32(s[:])) + 1
}

// Report writes ag as Markdown tables: the totals, the given countries
// (most disputed first) and the top disputed pairs.
func (ag Agreement) Report(w io.Writer, countries []string, pairs int) {
	pct := func(a, b uint64) string {
		if b == 0 {
			return "–"
		}
		return fmt.Sprintf("%.1f %%", 100*float64(a)/float64(b))
	}
	fmt.Fprintf(w, "| IPv4 addresses | count |\n|---|---:|\n")
	fmt.Fprintf(w, "| both sources name a country | %d |\n", ag.Both)
	fmt.Fprintf(w, "| … and the countries differ | %d (%s) |\n", ag.Disagree, pct(ag.Disagree, ag.Both))
	fmt.Fprintf(w, "| only %s names a country | %d |\n", Sources[0].Name, ag.OnlyFirst)
	fmt.Fprintf(w, "| only %s names a country | %d |\n\n", Sources[1].Name, ag.OnlySecond)
	fmt.Fprintf(w, "| country | addresses either source places there | disputed | only %s |\n|---|---:|---:|---:|\n", Sources[0].Name)
	for _, c := range countries {
		ca := ag.ByCountry[c]
		if ca == nil {
			ca = &CountryAgreement{}
		}
		fmt.Fprintf(w, "| %s | %d | %d (%s) | %d |\n", c, ca.Either, ca.Disagree, pct(ca.Disagree, ca.Either), ag.OnlyFirstByCountry[c])
	}
	type pair struct {
		p [2]string
		n uint64
	}
	var ps []pair
	for p, n := range ag.Pairs {
		ps = append(ps, pair{p, n})
	}
	slices.SortFunc(ps, func(a, b pair) int {
		if a.n != b.n {
			if a.n > b.n {
				return -1
			}
			return 1
		}
		return slices.Compare(a.p[:], b.p[:])
	})
	fmt.Fprintf(w, "\n| %s | %s | disputed addresses |\n|---|---|---:|\n", Sources[0].Name, Sources[1].Name)
	for _, p := range ps[:min(pairs, len(ps))] {
		fmt.Fprintf(w, "| %s | %s | %d |\n", p.p[0], p.p[1], p.n)
	}
}
