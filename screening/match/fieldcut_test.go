package match

import (
	"context"
	"math"
	"testing"

	"github.com/exportguard/exportguard/namekey"
	"github.com/exportguard/exportguard/screening/lists"
)

// TestFieldCut checks that a name a fixed-width field cut, inside a word
// or between two, finds the listed name it is the start of as a potential
// hit (fieldCutSim, the name_cut adjustment and no other: no number or
// legal form the cut left out counts against it), that a piece of a word
// no fuzzy key reaches finds the listed words it begins (cutHits), and
// that a name too short to be read as cut, one that is not the listed
// name's start and a name of generic words that ends between two words
// are scored as before.
func TestFieldCut(t *testing.T) {
	ix := realAliasIndex(t)
	for _, c := range []struct {
		query, listed string
		want          float64 // score of the listed name; 0: under the threshold
		cut           bool    // with the name_cut adjustment
	}{
		// between two words and inside one (0.653 and 0.821 as words)
		{"FUJIAN PROVINCIAL PINGTAN COUNTY OC", "FUJIAN PROVINCIAL PINGTAN COUNTY OCEAN FISHING GROUP CO., LTD.", fieldCutSim, true},
		{"FUJIAN PROVINCIAL PINGTAN CO", "FUJIAN PROVINCIAL PINGTAN COUNTY OCEAN FISHING GROUP CO., LTD.", fieldCutSim, true},
		// the listed KOMPANIYA, a legal form, is after the cut
		{"LIMITED LIABILITY COMPANY PYASINSKA", "LIMITED LIABILITY COMPANY PYASINSKAYA GORNAYA KOMPANIYA", fieldCutSim, true},
		// the number is before the cut, and equal (0.357 as words)
		{"JOINT STOCK COMPANY THE 224TH FLIGH", "JOINT STOCK COMPANY THE 224TH FLIGHT UNIT STATE AIRLINES", fieldCutSim, true},
		// a piece of a word that no fuzzy key reaches (cutHits): MUSH
		// for MUSHROOM; SBER, a listed word, for SBERBANK too
		{"LIMITED LIABILITY COMPANY MUSH", "LIMITED LIABILITY COMPANY MUSHROOM RAINBOW", fieldCutSim, true},
		{"LIMITED LIABILITY COMPANY SBER", "LIMITED LIABILITY COMPANY SBERBANK CAPITAL", fieldCutSim, true},
		// generic words, cut inside one: every institute of the group
		{"CHINA ELECTRONICS TECHNOLOGY GROUP CORP", "China Electronics Technology Group Corporation 14th Research Institute (CETC 14)", fieldCutSim, true},
		// a name that scores more as words is not lowered
		{"KOREA GENERAL CORPORATION FOR EXTER", "KOREA GENERAL CORPORATION FOR EXTERNAL CONSTRUCTION", 0.913, false},
		// 22 letters: a whole name that shares the start of a longer one
		{"FUJIAN PROVINCIAL PING", "FUJIAN PROVINCIAL PINGTAN COUNTY OCEAN FISHING GROUP CO., LTD.", 0, false},
		// not the start of the listed name
		{"PROVINCIAL PINGTAN COUNTY OCEAN FISH", "FUJIAN PROVINCIAL PINGTAN COUNTY OCEAN FISHING GROUP CO., LTD.", 0.847, false},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Limit: 40})
		if err != nil {
			t.Fatal(err)
		}
		var got *Match
		for i := range ms {
			if ms[i].Name == c.listed {
				got = &ms[i]
			}
		}
		switch {
		case c.want == 0 && got != nil:
			t.Errorf("%q: %q %.3f %v, want no match", c.query, c.listed, got.Score, got.Adjustments)
		case c.want == 0:
		case got == nil:
			t.Errorf("%q: %q not found, want %.3f", c.query, c.listed, c.want)
		case math.Abs(got.Score-c.want) > 0.0005:
			t.Errorf("%q: %q %.3f %v, want %.3f", c.query, c.listed, got.Score, got.Adjustments, c.want)
		case c.cut && (len(got.Adjustments) != 1 || got.Adjustments[0].Kind != "name_cut"):
			t.Errorf("%q: adjustments %v, want name_cut alone", c.query, got.Adjustments)
		case !c.cut && len(got.Adjustments) != 0:
			t.Errorf("%q: adjustments %v, want none", c.query, got.Adjustments)
		}
	}
}

// TestFieldCutGenericWhole checks that a name of generic words only that
// ends between two words of a longer listed name is not read as cut (it
// may be a whole name), and that the same name cut inside the next word is.
func TestFieldCutGenericWhole(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "JOINT STOCK COMPANY SCIENTIFIC RESEARCH INSTITUTE OF ELECTRICAL CARBON PRODUCTS"},
	})
	for q, want := range map[string]int{
		"Joint Stock Company Scientific Research Institute":      0,
		"Joint Stock Company Scientific Research Institute of E": 1,
	} {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != want {
			t.Errorf("%q: %d matches %+v, want %d", q, len(ms), ms, want)
		}
	}
}

// TestFirstNormalizedByte checks the first byte of a name's normalised
// form, and 0 where only normalising tells.
func TestFirstNormalizedByte(t *testing.T) {
	for in, want := range map[string]byte{
		"Sberbank": 's', "'ABD AL": 'a', "(HK) Ltd": 'h', "  7th": '7', "Élan": 0, "": 0, "--": 0,
	} {
		if got := firstNormalizedByte(in); got != want {
			t.Errorf("firstNormalizedByte(%q) = %q, want %q", in, got, want)
		}
		if n := Normalize(in); want != 0 && n[0] != want {
			t.Errorf("Normalize(%q) = %q, first byte not %q", in, n, want)
		}
	}
}

// FuzzCleanASCIIHasPrefix checks cleanASCIIHasPrefix against Normalize of
// an ASCII name: the prefix one makes of the normalised name (a random
// length of it, the seed's k) and any other.
func FuzzCleanASCIIHasPrefix(f *testing.F) {
	for _, c := range []struct {
		s string
		k int
	}{
		{"FUJIAN PROVINCIAL PINGTAN COUNTY OCEAN FISHING GROUP CO., LTD.", 35},
		{"FUJIAN PROVINCIAL PINGTAN COUNTY OCEAN FISHING GROUP CO., LTD.", 32},
		{"  S.A. de C.V. --", 4}, {"AL-'ABD, Co.Ltd", 6}, {"O'BRIEN  & SONS", 7}, {"x", 1}, {"", 0},
	} {
		f.Add(c.s, c.k, "")
		f.Add(c.s, -1, "fujian provincial")
	}
	f.Fuzz(func(t *testing.T, s string, k int, other string) {
		if !namekey.IsASCII(s) {
			return
		}
		n := Normalize(s)
		p := other
		if k >= 0 {
			p = n[:min(k, len(n))]
		}
		wantOK := len(n) > len(p) && n[:len(p)] == p
		wantIn := wantOK && n[len(p)] != ' '
		if ok, in := cleanASCIIHasPrefix(s, p); ok != wantOK || in != wantIn {
			t.Errorf("cleanASCIIHasPrefix(%q, %q) = %v, %v; Normalize = %q, want %v, %v", s, p, ok, in, n, wantOK, wantIn)
		}
	})
}

// FuzzFirstNormalizedByte checks firstNormalizedByte against Normalize: a
// byte it gives is the normalised name's first.
func FuzzFirstNormalizedByte(f *testing.F) {
	for _, s := range []string{"Sberbank", "'ABD AL", "(HK) Ltd", "Élan", "S.A.", "", "  7th", "Ǆemal"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		c := firstNormalizedByte(s)
		if c == 0 {
			return
		}
		if n := Normalize(s); n == "" || n[0] != c {
			t.Errorf("firstNormalizedByte(%q) = %q, Normalize = %q", s, c, n)
		}
	})
}
