package match

import (
	"context"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// TestDemonymCodes checks that every country code of the demonym table is
// one rules knows.
func TestDemonymCodes(t *testing.T) {
	for w, codes := range demonyms {
		for _, c := range strings.Fields(codes) {
			if _, err := rules.ParseCountry(c); err != nil {
				t.Errorf("%s: %s: %v", w, c, err)
			}
		}
		if !demonymWord(w) && len(w) >= 4 {
			t.Errorf("%s not read as a demonym", w)
		}
	}
}

// TestCountryAdjectivesFile checks internal/variants/country-adjectives.txt
// against demonyms: every adjective of a line is a demonym of the country
// its first word names (rules.ResolveDestination, or both codes of an
// ambiguous name: Korea, Congo), and every word of a line is in the one
// variant group of kind variantCountry that go generate made of it.
func TestCountryAdjectivesFile(t *testing.T) {
	f, err := os.ReadFile("internal/variants/country-adjectives.txt")
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for i, line := range strings.Split(string(f), "\n") {
		line, _, _ = strings.Cut(line, "#")
		kind, forms, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		lines++
		ws := strings.Fields(forms)
		if strings.TrimSpace(kind) != "country" || len(ws) < 2 {
			t.Errorf("line %d: %q: want \"country: name adjective ...\"", i+1, line)
			continue
		}
		var names []string // the names' codes
		for _, w := range ws {
			if demonyms[w] != "" {
				if !slices.ContainsFunc(names, func(c string) bool { return strings.Contains(demonyms[w], c) }) {
					t.Errorf("line %d: %s is the adjective of %s, not of %q", i+1, w, demonyms[w], names)
				}
				continue
			}
			d, err := rules.ResolveDestination(w)
			var amb *rules.ResolveError
			switch {
			case errors.As(err, &amb) && len(amb.Candidates) > 0:
				names = append(names, amb.Candidates...)
			case err != nil:
				t.Errorf("line %d: %s is neither a country's name nor an adjective (%v)", i+1, w, err)
			default:
				names = append(names, d.Country.String())
			}
		}
		g := variantGroupOf(ws[0])
		for _, w := range ws {
			if h := variantGroupOf(w); h == 0 || h != g || variantGroups[h-1].kind != variantCountry {
				t.Errorf("line %d: %s in group %d, %s in group %d: want one country group", i+1, ws[0], g, w, h)
			}
		}
	}
	if lines < 150 {
		t.Errorf("%d countries, want 150 or more", lines)
	}
}

// TestCountryAdjectiveAligns checks that a country's name and its
// adjective align as forms of one word in an organisation's name, either
// way.
func TestCountryAdjectiveAligns(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "KOREA KORVELAN TRADING CORPORATION"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "CHINESE ZORVATEK SHIPPING CO., LTD."},
	})
	for _, c := range []struct{ q, id string }{
		{"Korean Korvelan Trading Corporation", "1"},
		{"China Zorvatek Shipping Co., Ltd.", "2"},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.id || ms[0].Score < 0.95 {
			t.Errorf("%s: got %+v, want entry %s at 0.95 or more", c.q, ms, c.id)
		}
	}
}
