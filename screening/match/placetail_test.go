package match

import (
	"context"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestCutSaidPlace checks that a country or a city said after an
// organisation's legal form is found, and that a place after a name with
// no form before it, a person's given name after a comma, a form alone, a
// number and a code of two letters are not.
func TestCutSaidPlace(t *testing.T) {
	city := func(w string) bool { return w == "tehran" || w == "samara" || w == "branch" }
	for _, c := range []struct{ in, want string }{
		{"NAGHMEH FZE UNITED ARAB EMIRATES", "NAGHMEH FZE"},
		{"Deltramox Co Ltd, Tehran", "Deltramox Co Ltd"},
		{"First Oil JV Co Ltd, Pyongyang", ""}, // a city of no listed address
		{"Korvelan Trading Co., Ltd., Hong Kong", "Korvelan Trading Co., Ltd."},
		{"PAEKMA SHIPPING CO DEMOCRATIC PEOPLE'S REPUBLIC OF KOREA", "PAEKMA SHIPPING CO"},
		{"Marine Information Company Tehran", "Marine Information Company"},
		{"VMK OOO SAMARA", "VMK OOO"},
		{"Korvelan LLC USA", "Korvelan LLC"},
		{"Korvelan Trading Jordan", ""},          // no form before the place
		{"SMITH, Jordan", ""},                    // a given name after a comma
		{"JSC RUSSIA", ""},                       // a form alone before it
		{"LIMITED LIABILITY COMPANY RUSSIA", ""}, // the same, of three words
		{"Korvelan Ltd 643", ""},                 // a number
		{"LIMITED LIABILTIY COMPANY DM", ""},     // a code of two letters
		{"Korvelan Ltd Branch", ""},              // an English word
		{"Korvelan Trading Ltd - Tehran", "Korvelan Trading Ltd"},
		{"Korvelan Trading - Tehran", ""}, // a dash alone: a branch or a unit is named so
		{"Korvelan Ltd", ""},
		{"", ""},
	} {
		got, ok := cutSaidPlace(c.in, city)
		if want := c.want != ""; ok != want || ok && got != c.want {
			t.Errorf("cutSaidPlace(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, want)
		}
	}
}

// TestSaidPlaceMatches checks that an organisation's name with a country
// or the city of a listed address said after its legal form finds the
// listed name as the name alone does (0.95 or more), and a listed name
// that says its seat is found with it and without it.
func TestSaidPlaceMatches(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "KORVELAN TRADING FZE"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "ZORVATEK OOO SAMARA",
			Addresses: []lists.Address{{City: "Samara", CountryText: "Russia"}}},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "DELTRAMOX LLC",
			Addresses: []lists.Address{{City: "Tehran", CountryText: "Iran"}}},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "OPEN JOINT-STOCK OIL AND GAS COMPANY KORVASK",
			Addresses: []lists.Address{{City: "Korvask", CountryText: "Russia"}}},
	})
	checkTopAt(t, ix, 0.95, map[string]string{
		"Korvelan Trading FZE United Arab Emirates":           "1",
		"Korvelan Trading FZE, Russia":                        "1",
		"Korvelan Trading FZE Tehran":                         "1",
		"Zorvatek OOO Samara":                                 "2",
		"Zorvatek OOO":                                        "2",
		"Deltramox LLC, Tehran":                               "3",
		"Deltramox LLC Democratic People's Republic of Korea": "3",
		"Korvelan Trading FZE - Tehran Branch":                "1",
		"Korvelan Trading FZE Representative Office":          "1",
		"Deltramox LLC (Branch)":                              "3",
	})
	// a listed name of generic words before its seat is not indexed
	// without it: its name is the seat's
	ms, err := ix.Search(context.Background(), Query{Name: "Open Joint-Stock Oil and Gas Company"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) > 0 {
		t.Errorf("Open Joint-Stock Oil and Gas Company: %+v, want no match", ms)
	}
}

// TestBranchWords checks which words branchWords reads as a branch or an
// office said at the end of a query.
func TestBranchWords(t *testing.T) {
	ix := NewIndex([]*lists.Entry{{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "DELTRAMOX LLC",
		Addresses: []lists.Address{{City: "Tehran", CountryText: "Iran"}}}})
	for _, c := range []struct {
		q    string
		want uint64
	}{
		{"korvelan trading branch", 0b100},
		{"korvelan trading tehran branch", 0b1100},
		{"korvelan trading iran branch", 0b1100},
		{"korvelan representative office", 0b110},
		{"korvelan branch office", 0b110},
		{"korvelan office", 0},         // an office alone is no branch's
		{"korvelan branch trading", 0}, // not at the end
		{"tehran branch", 0},           // nothing before it
		{"branch", 0},
	} {
		var qs []qtok
		for _, w := range strings.Fields(c.q) {
			qs = append(qs, qtok{s: w})
		}
		if got := ix.branchWords(qs); got != c.want {
			t.Errorf("branchWords(%q) = %b, want %b", c.q, got, c.want)
		}
	}
}

// checkTopAt searches each query of want and checks that its first match
// is the entry of the ID it maps to, at min or more.
func checkTopAt(t *testing.T, ix *Index, min float64, want map[string]string) {
	t.Helper()
	for q, id := range want {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != id || ms[0].Score < min {
			t.Errorf("%s: %+v, want entry %s at %.2f or more", q, ms, id, min)
		}
	}
}

// FuzzCutSaidPlace checks that the name cutSaidPlace keeps is the name's
// start, shorter than it, and not empty.
func FuzzCutSaidPlace(f *testing.F) {
	for _, s := range []string{"NAGHMEH FZE UNITED ARAB EMIRATES", "A Ltd, Tehran", "LTD RUSSIA", "  ltd  iran ", "Ä LLC Ü", "x co korea, north"} {
		f.Add(s)
	}
	city := func(w string) bool { return w == "tehran" }
	f.Fuzz(func(t *testing.T, s string) {
		head, ok := cutSaidPlace(s, city)
		if !ok {
			if head != s {
				t.Fatalf("cutSaidPlace(%q) = %q, false: the name changed", s, head)
			}
			return
		}
		if head == "" || len(head) >= len(s) || !strings.HasPrefix(s, head) {
			t.Fatalf("cutSaidPlace(%q) = %q: not a shorter start of the name", s, head)
		}
	})
}
