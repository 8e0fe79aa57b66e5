package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/exportguard/exportguard/screening"
)

// writeDecision prints d for a person: the outcome, the reasons with their
// citations, the list hits with the aligned tokens, the locations, the item
// determinations and the data used.
func writeDecision(w io.Writer, d *screening.Decision) {
	fmt.Fprintf(w, "%s: %s", d.ID, strings.ToUpper(d.Outcome))
	if d.AsOf != "" {
		fmt.Fprintf(w, " (rules as of %s)", d.AsOf)
	}
	fmt.Fprintln(w)
	if d.Error != "" {
		fmt.Fprintf(w, "  input problem: %s\n", d.Error)
	}
	writeReasons(w, d.Reasons)
	writeMatches(w, d.Matches)
	writeLocations(w, d.Locations)
	writeItems(w, d.Items)
	writeVersions(w, &d.Versions)
}

// writeReasons prints the reasons, those that set the outcome first, each
// with its outcome, code, message and citation.
func writeReasons(w io.Writer, reasons []screening.Reason) {
	if len(reasons) == 0 {
		return
	}
	fmt.Fprintln(w, "\nreasons:")
	rs := slices.Clone(reasons)
	slices.SortStableFunc(rs, func(a, b screening.Reason) int {
		return outcomeRank(a.Outcome) - outcomeRank(b.Outcome)
	})
	for _, r := range rs {
		fmt.Fprintf(w, "  %-16s %s\n", r.Outcome, r.Code)
		fmt.Fprintf(w, "  %-16s %s\n", "", r.Message)
		if r.Citation != "" {
			fmt.Fprintf(w, "  %-16s [%s]\n", "", r.Citation)
		}
	}
}

// writeMatches prints the list hits.
func writeMatches(w io.Writer, matches []screening.MatchRecord) {
	if len(matches) == 0 {
		return
	}
	fmt.Fprintln(w, "\nlist matches:")
	for i := range matches {
		writeMatch(w, &matches[i])
	}
}

// writeMatch prints one list hit: party and entry, the scores and how the
// name matched, the aligned tokens, the score adjustments and a reviewer's
// clearance.
func writeMatch(w io.Writer, m *screening.MatchRecord) {
	role := ""
	if m.PartyRole != "" {
		role = " (" + m.PartyRole + ")"
	}
	fmt.Fprintf(w, "  %q%s → %s  [%s %s]\n", m.Party, role, m.EntryName, m.List, shortID(m.EntryID))
	fmt.Fprintf(w, "      score %.2f (name %.2f), via %s", m.Score, m.NameScore, m.Via)
	if m.Strength != "" {
		fmt.Fprintf(w, ", %s", m.Strength)
	}
	if m.MatchedName != "" && m.MatchedName != m.EntryName {
		fmt.Fprintf(w, ", matched the name %q", m.MatchedName)
	}
	if m.WeakAlias {
		fmt.Fprint(w, " (a weak alias)")
	}
	fmt.Fprintln(w)
	if len(m.Tokens) > 0 {
		var ts []string
		for _, t := range m.Tokens {
			ts = append(ts, fmt.Sprintf("%s~%s %.2f", orDash(t.Query), orDash(t.Candidate), t.Similarity))
		}
		fmt.Fprintf(w, "      tokens: %s\n", strings.Join(ts, ", "))
	}
	for _, a := range m.Adjustments {
		fmt.Fprintf(w, "      %+.2f %s %s\n", a.Delta, a.Kind, a.Detail)
	}
	if m.Suppressed != nil {
		fmt.Fprintf(w, "      cleared by a reviewer: %+v\n", *m.Suppressed)
	}
}

// writeLocations prints a table of the located IP addresses: where each
// is, its registered country, its anonymizer flags and its network.
func writeLocations(w io.Writer, locs []screening.LocationRecord) {
	if len(locs) == 0 {
		return
	}
	fmt.Fprintln(w, "\nlocations:")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range locs {
		where := l.Country
		switch {
		case l.NotRoutable != "":
			where = "not routable (" + l.NotRoutable + ")"
		case !l.Found:
			where = "not in the database"
		}
		if len(l.Subdivisions) > 0 {
			where += " " + strings.Join(l.Subdivisions, ",")
		}
		fmt.Fprintf(tw, "  %s\t%s\tregistered %s\t%s\t%s\n", l.IP, where, orDash(l.RegisteredCountry), strings.Join(anonymizerFlags(&l), ", "), l.Network)
	}
	tw.Flush()
}

// anonymizerFlags names the anonymizer kinds l is flagged as; "anonymous"
// only when no more specific kind (VPN, Tor) says why.
func anonymizerFlags(l *screening.LocationRecord) []string {
	var flags []string
	a := l.Anonymizer
	for _, f := range []struct {
		on   bool
		name string
	}{{a.VPN, "vpn"}, {a.Tor, "tor"}, {a.PublicProxy, "public proxy"}, {a.ResidentialProxy, "residential proxy"}, {a.Hosting, "hosting"}, {a.Anonymous && !a.VPN && !a.Tor, "anonymous"}} {
		if f.on {
			flags = append(flags, f.name)
		}
	}
	return flags
}

// writeItems prints each item's determination and the steps that led to it.
func writeItems(w io.Writer, items []screening.ItemRecord) {
	for i, it := range items {
		if i == 0 {
			fmt.Fprintln(w, "\nitems:")
		}
		cls := it.Classification
		if cls == "" {
			cls = "not classified"
		}
		lic := "no licence required"
		if it.LicenseRequired {
			lic = "licence required"
		}
		fmt.Fprintf(w, "  %s: %s, %s", orDash(it.ECCN), cls, lic)
		if len(it.LicenseExceptions) > 0 {
			fmt.Fprintf(w, " (exceptions that may apply: %s)", strings.Join(it.LicenseExceptions, ", "))
		}
		fmt.Fprintln(w)
		if it.Error != "" {
			fmt.Fprintf(w, "      problem: %s\n", it.Error)
		}
		for _, s := range it.Steps {
			fmt.Fprintf(w, "      - %s\n", s)
		}
	}
}

// writeVersions prints the data the decision used: library, policy, lists
// and geolocation databases.
func writeVersions(w io.Writer, v *screening.Versions) {
	fmt.Fprintf(w, "\ndata: library %s, policy %s", v.Library, v.Policy)
	if v.PolicyAsOf != "" {
		fmt.Fprintf(w, " (as of %s)", v.PolicyAsOf)
	}
	fmt.Fprintln(w)
	for _, l := range v.Lists {
		eval := ""
		if l.Evaluation {
			eval = ", evaluation data"
		}
		fmt.Fprintf(w, "  list %s as of %s, %d entries%s\n", l.Source, orDash(l.AsOf), l.Entries, eval)
	}
	for _, g := range v.GeoDBs {
		fmt.Fprintf(w, "  geo %s (%s) built %s\n", g.Name, g.Type, orDash(g.BuildDate))
	}
}

// shortID shortens a content-hash entry id (64 hex digits) for the screen;
// -json has it whole.
func shortID(id string) string {
	if len(id) > 16 && strings.Trim(id, "0123456789abcdef") == "" {
		return id[:12] + "…"
	}
	return id
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// outcomeRank orders outcomes from the most to the least severe.
func outcomeRank(o string) int {
	switch o {
	case "deny":
		return 0
	case "license_required":
		return 1
	case "review":
		return 2
	case "allow":
		return 3
	}
	return 4
}
