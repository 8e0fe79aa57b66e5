package main

import (
	"context"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSDNJoin checks the join of the 2024-05 sdn.csv with the 2025-12 and
// 2021-07 side files on the real files in testdata/lists.
func TestSDNJoin(t *testing.T) {
	j := sdnJoin{primary: "ofac/sdn-2024-05/sdn.csv", sides: []string{"ofac/sdn-2025-12-partial", "ofac/sdn-2021-07"}}
	entries, rep, st, err := j.load(context.Background(), "../../../../testdata/lists")
	if err != nil {
		t.Fatal(err)
	}
	if rep.Failed != 0 {
		t.Fatalf("%d rows failed: %v", rep.Failed, rep.Err())
	}
	want := sdnJoinStats{Entries: 14965, FromSide: []int{14241, 613}, Neither: 111, CommentsJoined: 17, CommentsDropped: 5}
	if st.Entries != want.Entries || st.FromSide[0] != want.FromSide[0] || st.FromSide[1] != want.FromSide[1] ||
		st.Neither != want.Neither || st.CommentsJoined != want.CommentsJoined || st.CommentsDropped != want.CommentsDropped {
		t.Errorf("stats = %+v, want %+v", st, want)
	}
	if len(entries) != 14965 {
		t.Fatalf("%d entries, want 14965", len(entries))
	}
	byID := map[string]*lists.Entry{}
	for _, e := range entries {
		byID[e.ID] = e
	}
	aliases := func(e *lists.Entry) string {
		var s []string
		for _, a := range e.Aliases {
			if !a.Weak {
				s = append(s, a.Name)
			}
		}
		return strings.Join(s, "; ")
	}
	for _, c := range []struct {
		id, name, aliases, street string
	}{
		// Designated 2022: aliases from the 2025-12 alt.csv.
		{"35096", "PUTIN, Vladimir Vladimirovich", "PUTIN, Vladimir", "Kremlin"},
		{"34741", "JOINT STOCK COMPANY SOVCOMFLOT", "PAO SOVCOMFLOT; PUBLICHNOE AKTSIONERNOE OBSCHESTVO SOVREMENNYY KOMMERCHESKIY FLOT; JSC SOVCOMFLOT; PUBLIC JOINT STOCK COMPANY MODERN COMMERCIAL FLEET", "Ul. Gasheka D. 6"},
		// Delisted by 2025-12: aliases and addresses from the 2021-07 files.
		{"7836", "JARRAYA, Mounir Ben Habib", "JARRAYA, Mounir Ben Habib Ben Al-Taher", "Via Mirasole n.11"},
		// Designated after 2021-07 and delisted by 2025-12: nothing to join.
		{"18293", "PROMINVESTBANK", "", ""},
	} {
		e := byID[c.id]
		if e == nil {
			t.Errorf("%s missing", c.id)
			continue
		}
		street := ""
		if len(e.Addresses) > 0 {
			street = e.Addresses[0].Street
		}
		if e.Name != c.name || aliases(e) != c.aliases || street != c.street {
			t.Errorf("%s = %q aliases %q street %q, want %q %q %q", c.id, e.Name, aliases(e), street, c.name, c.aliases, c.street)
		}
	}
	// Cut remarks continue with the 2025-12 comments row (LAZARUS GROUP's
	// weak aliases straddle the cut); remarks shorter than the column do
	// not take a continuation written for a longer, later text.
	if r := byID["27307"].Remarks; len(r) <= ofacRemarksWidth || !strings.Contains(r, "a.k.a. 'WHOIS HACKING TEAM'") {
		t.Errorf("27307 remarks not continued: %d bytes, …%q", len(r), r[max(0, len(r)-80):])
	}
	if r := byID["34741"].Remarks; !strings.HasSuffix(r, "a.k.a. 'SCF GROUP'; a.k.a. 'SCF'.") {
		t.Errorf("34741 remarks = …%q, want the 2024-05 text unchanged", r[max(0, len(r)-80):])
	}
	if got := j.note([]string{"2024-05-03", "2025-12-24", "2021-07-07"}, st); got != "ofac/sdn-2024-05/sdn.csv (2024-05-03) joined by ent_num with add.csv, alt.csv and sdn_comments.csv of 2025-12-24 (14241 entries), else of 2021-07-07 (613 entries); 111 entries in neither have no aliases or addresses" {
		t.Errorf("note = %q", got)
	}
}
