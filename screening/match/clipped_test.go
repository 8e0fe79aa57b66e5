package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestClipSim checks the similarity of a clipped word by the share of the
// listed word it keeps.
func TestClipSim(t *testing.T) {
	for _, c := range []struct {
		n, m int
		want float32
	}{
		{5, 10, 0.9}, {6, 18, 0.82 + 0.16*6.0/18}, {5, 22, 0.82 + 0.16*5.0/22}, {8, 11, 0.9},
	} {
		if got := clipSim(c.n, c.m); got != c.want {
			t.Errorf("clipSim(%d, %d) = %v, want %v", c.n, c.m, got, c.want)
		}
	}
}

// TestClippedCompounds checks that a name whose long word is shortened to
// its beginning finds the listed name, and that words that are not real
// clippings do not: a clip of fewer than five skeleton letters, a clip of
// a generic word, a clip that starts with another letter.
func TestClippedCompounds(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "JSC KRASNOGEOLOGIA"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "VNIIK TERMOELEKTROMASHINA JSC"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "SOLANTA LLC"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "ORBITA INTERNATIONAL LLC"},
		{Source: lists.SourceSDN, ID: "5", Type: lists.TypeEntity, Name: "KHIMPROMSTROY OOO"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"KRASNOGEO", "1"},
		{"KRASNOGEO AO", "1"},
		{"VNIIK TERMO", "2"},
		{"KRAS", ""}, // too short a clip
		// a generic word is no clip (no clip key reaches it), but beside a
		// distinctive word that agrees it is the word shortened
		// (abbrevwords.go)
		{"ORBITA INTERN", "4"},
		{"INTERN", ""},
		{"CHIMPROM", ""},
	})
	// the pairs themselves
	q := func(s string) *qtok { return &qtok{s: s, skel: skeleton(s)} }
	tk := func(s string) *tokInfo { return &tokInfo{s: s, skel: skeleton(s)} }
	for _, c := range []struct {
		q, t string
		ok   bool
	}{
		{"rosgeo", "rosgeologiya", true}, {"urangeo", "urangeologorazvedka", true},
		{"gidro", "gidroelektroavtomatika", true}, {"solan", "solana", false},
		{"mosk", "moskovskiy", false}, {"gidro", "kidroelektro", false},
		{"kontursystems", "kontur", true}, {"marketplace", "market", true},
		{"solana", "solan", false}, {"mosk", "mos", false},
		// a long clip of a coined word may leave out two letters; an
		// English word with two letters more is that word inflected
		{"nocturn", "nocturnum", true}, {"sentinel", "sentinelles", false},
		{"solanta", "solantas", false}, {"kontur", "konturom", false},
	} {
		if _, ok := clippedPair(q(c.q), tk(c.t)); ok != c.ok {
			t.Errorf("clippedPair(%q, %q) = %v, want %v", c.q, c.t, ok, c.ok)
		}
	}
}

// TestLoneClip checks, on the index of the generated evaluation, that a
// clipped word whose only company in the name is generic words counts as a
// single fuzzy word: a company whose name begins like a listed word is not
// that name for sharing a generic word with it.
func TestLoneClip(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the generated evaluation")
	}
	ix := NewIndex(testEntries(t))
	ms, err := ix.Search(context.Background(), Query{Name: "Recon Technologies Inc"})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range ms {
		if m.Name == "TECHNICAL RECONNAISSANCE BUREAU" {
			t.Errorf("matched %q at %.3f", m.Name, m.Score)
		}
	}
}

// TestReverseClip checks that a listed name whose word is the beginning
// of the query's word is found when another distinctive word agrees, and
// never on that word alone: a longer coined word that begins with a listed
// one is as often another company.
func TestReverseClip(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "ORLAN KONTUR"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "VISTAR LLC"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"ORLAN KONTURSERVICE", "1"},
		{"VISTARPRINT LLC", ""},
	})
	q := &qtok{s: "vistarprint", skel: skeleton("vistarprint")}
	if s, ok := clippedPair(q, &tokInfo{s: "vistar", skel: skeleton("vistar")}); !ok || s > reverseClipMaxSim {
		t.Errorf("clippedPair(vistarprint, vistar) = %v, %v; want a pair at %v or less", s, ok, reverseClipMaxSim)
	}
}

// TestPersonClip checks that a person's name element clipped in the query
// meets the listed name, and
// that a listed surname that is the beginning of the query's does not:
// Persian surnames are made by adding to a name.
func TestPersonClip(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "KARIMIMEHR, Davoud"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "NOURI, Davoud"},
	})
	for _, c := range []struct {
		query, want string
	}{
		{"KARIMI, Davoud", "1"},
		{"NOURIZADEH, Davoud", ""},
	} {
		ms, _ := ix.Search(context.Background(), Query{Name: c.query})
		got := ""
		if len(ms) > 0 {
			got = ms[0].Entry.ID
		}
		if got != c.want {
			t.Errorf("%q: got %v, want %q", c.query, ms, c.want)
		}
	}
}

// onlyMatch is a query and the ID of the one entry it must match ("" for
// none).
type onlyMatch struct{ query, want string }

// checkOnlyMatches searches each query at the default threshold and
// reports every query whose matches are not exactly the entry it wants.
func checkOnlyMatches(t *testing.T, ix *Index, cases []onlyMatch) {
	t.Helper()
	for _, c := range cases {
		ms, err := ix.Search(context.Background(), Query{Name: c.query})
		if err != nil {
			t.Fatal(err)
		}
		got := ""
		if len(ms) > 0 {
			got = ms[0].Entry.ID
		}
		if got != c.want || len(ms) > 1 {
			t.Errorf("%q: got %v, want %q", c.query, ms, c.want)
		}
	}
}
