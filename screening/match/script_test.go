package match

import (
	"context"
	"slices"
	"testing"
	"unicode"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestOriginalScriptNames searches the original-script names that the UN
// list publishes (NAME_ORIGINAL_SCRIPT, loaded as aliases) against an index
// from which every non-Latin alias has been removed, so that only the
// romanised names can match: real Cyrillic and Arabic forms of listed names.
func TestOriginalScriptNames(t *testing.T) {
	type probe struct {
		script string
		name   string
		entry  *lists.Entry
	}
	var probes []probe
	var entries []*lists.Entry
	for _, e := range testEntries(t) {
		c := *e
		c.Aliases = nil
		for _, a := range e.Aliases {
			switch {
			case hasScript(a.Name, unicode.Latin):
				c.Aliases = append(c.Aliases, a) // e.g. "Abubakar (original script: Абубакар)"
			case hasScript(a.Name, unicode.Cyrillic):
				probes = append(probes, probe{"cyrillic", a.Name, e})
			case hasScript(a.Name, unicode.Arabic):
				probes = append(probes, probe{"arabic", a.Name, e})
			case hasScript(a.Name, unicode.Han), hasScript(a.Name, unicode.Hangul):
				probes = append(probes, probe{"cjk", a.Name, e})
			default:
				c.Aliases = append(c.Aliases, a)
			}
		}
		entries = append(entries, &c)
	}
	ix := NewIndex(entries)
	found := map[string][2]int{}
	for _, p := range probes {
		ms, err := ix.Search(context.Background(), Query{Name: p.name})
		if err != nil {
			t.Fatal(err)
		}
		hit := slices.ContainsFunc(ms, func(m Match) bool { return m.Entry.Key() == p.entry.Key() })
		f := found[p.script]
		f[1]++
		if hit {
			f[0]++
		} else if p.script != "arabic" {
			t.Logf("miss %s %q (%q) for %q", p.script, p.name, Normalize(p.name), p.entry.Name)
		}
		found[p.script] = f
	}
	for s, f := range found {
		t.Logf("%s: %d of %d original-script names found at the default threshold", s, f[0], f[1])
	}
	// Floors a little under what the matcher finds (10 of 11, 125 of 371,
	// 2 of 4), so that a regression in a script's romanisation fails.
	for _, fl := range []struct {
		script string
		min    float64
	}{{"cyrillic", 0.8}, {"arabic", 0.3}, {"cjk", 0.5}} {
		if f := found[fl.script]; f[1] == 0 || float64(f[0]) < fl.min*float64(f[1]) {
			t.Errorf("%s: %d of %d found, want at least %.0f%%", fl.script, f[0], f[1], 100*fl.min)
		}
	}
}

func hasScript(s string, tab *unicode.RangeTable) bool {
	for _, r := range s {
		if unicode.Is(tab, r) {
			return true
		}
	}
	return false
}
