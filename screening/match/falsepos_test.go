package match

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestLegalFormTypeMismatch checks that a query whose name carries a legal
// form is taken for an organisation: against a listed vessel or person whose
// name has no legal form it costs type_mismatch, as Query.Type would, and
// once only when the query also states its type. The listed names are
// OFAC's (SDN vessels SOLAN and GLAUCUS) and the UN's (HITTA, Sidan Ag); the
// queries are the names of SEC issuers.
func TestLegalFormTypeMismatch(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeVessel, Name: "SOLAN"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeVessel, Name: "GLAUCUS"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "HITTA, Sidan Ag"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "SOLAN TRADING"},
	})
	for _, c := range []struct {
		query    string
		typ      lists.EntryType
		want     string // entry ID of the best match
		mismatch int    // type_mismatch adjustments it carries
	}{
		{"Solana Co", "", "1", 1},
		{"GLAUKOS Corp", "", "2", 1},
		{"GLAUKOS Corp", lists.TypeEntity, "2", 1}, // stated and said by the legal form: counted once
		{"Solan", "", "1", 0},                      // no legal form: nothing said of its kind
		{"HITTA, Siddan Ag", "", "3", 0},           // the listed name has the same word: AG says nothing
		{"SOLAN TRADING LTD", "", "4", 0},          // an organisation against an organisation
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Type: c.typ, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.want {
			t.Errorf("%q: got %+v, want entry %s first", c.query, ms, c.want)
			continue
		}
		n := 0
		for _, a := range ms[0].Adjustments {
			if a.Kind == "type_mismatch" {
				n++
				if a.Delta != deltaTypeMismatch {
					t.Errorf("%q: type_mismatch %v, want %v", c.query, a.Delta, deltaTypeMismatch)
				}
			}
		}
		if n != c.mismatch {
			t.Errorf("%q: %d type_mismatch adjustments (%+v), want %d", c.query, n, ms[0].Adjustments, c.mismatch)
		}
	}
	// at the default threshold the company finds no vessel
	for _, q := range []string{"Solana Co", "GLAUKOS Corp"} {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 0 {
			t.Errorf("%q: got %s %.3f, want no match", q, ms[0].Name, ms[0].Score)
		}
	}
}

// TestIncorporatedName checks the last-word test of respelledCorporation.
func TestIncorporatedName(t *testing.T) {
	for name, want := range map[string]bool{
		"Lazard, Inc.": true, "SYSCO CORP": true, "Nuvve Holding Corp.": true, "Acme Incorporated": true,
		"acme inc": true, "MEDI Group Ltd": false, "NEVSKIY ZAVOD CLOSED COMPANY": false,
		"HERZALLA EXCHANGE CO.": false, "Zinc": false, "Corporation": false, "": false, "...": false, "Инк.": false,
	} {
		if got := incorporatedName(name); got != want {
			t.Errorf("incorporatedName(%q) = %v, want %v", name, got, want)
		}
	}
}

// TestRespelledCorporation checks that an incorporated company's name
// respelled in a listed organisation's name costs respelled_corporation,
// and that the same words as written, a listed corporation, or a query
// whose legal form only translates another (Company, Co.) do not. The
// listed names are OFAC's (SDN); the queries are SEC issuers and an alias
// OFAC publishes.
func TestRespelledCorporation(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU MARKUS"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "JOINT STOCK COMPANY NEVSKY ZAVOD"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "MARKUS INC."},
	})
	for _, c := range []struct {
		query string
		want  string // entry ID of the best match
		adj   bool   // whether it carries respelled_corporation
	}{
		{"MARCUS CORP", "1", true},
		{"MARKUS CORP", "1", false},                  // as written
		{"NEVSKIY ZAVOD CLOSED COMPANY", "2", false}, // Company translates ZAO
		{"MARCUS LLC", "1", false},                   // not incorporated
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		var m *Match
		for i := range ms {
			if ms[i].Entry.ID == c.want {
				m = &ms[i]
				break
			}
		}
		if m == nil {
			t.Errorf("%q: got %+v, want entry %s", c.query, ms, c.want)
			continue
		}
		got := false
		for _, a := range m.Adjustments {
			if a.Kind == "respelled_corporation" {
				got = a.Delta == deltaRespelledCorporation
			}
		}
		if got != c.adj {
			t.Errorf("%q: adjustments %+v, want respelled_corporation %v", c.query, m.Adjustments, c.adj)
		}
	}
	// a listed corporation: the legal forms agree, the rule stays out
	ms, _ := ix.Search(context.Background(), Query{Name: "MARCUS CORP", Threshold: 0.3})
	found := false
	for _, m := range ms {
		if m.Entry.ID != "3" {
			continue
		}
		found = true
		for _, a := range m.Adjustments {
			if a.Kind == "respelled_corporation" {
				t.Errorf("MARCUS CORP against MARKUS INC.: %+v", m.Adjustments)
			}
		}
	}
	if !found {
		t.Errorf("MARCUS CORP: got %+v, want MARKUS INC. among the matches", ms)
	}
}

// TestCodeDigitsDiffer checks that a code respelled with another number of
// as many digits is another code, and that a digit more or less is still a
// typo of it. The listed names are OFAC's (SDN: BEST2PAY LIMITED and the
// aircraft YV2911).
func TestCodeDigitsDiffer(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "BEST2PAY LIMITED"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeAircraft, Name: "YV2911"},
	})
	for _, c := range []struct {
		query    string
		want     string // entry ID of the best match at threshold 0.3
		mismatch bool   // whether it carries number_mismatch
	}{
		{"BEST5PAY LIMITED", "1", true},
		{"BESTPAY2 LIMITED", "1", false}, // the same digit elsewhere
		{"YV291", "2", false},            // a digit dropped: a typo
		{"YV2911", "2", false},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.want {
			t.Errorf("%q: got %+v, want entry %s", c.query, ms, c.want)
			continue
		}
		got := false
		for _, a := range ms[0].Adjustments {
			got = got || a.Kind == "number_mismatch" && a.Delta == deltaNumberMismatch
		}
		if got != c.mismatch {
			t.Errorf("%q: adjustments %+v, want number_mismatch %v", c.query, ms[0].Adjustments, c.mismatch)
		}
	}
	for _, c := range []struct {
		a, b string
		same bool
	}{{"best5pay", "best2pay", false}, {"best2pay", "bestpay2", true}, {"a12", "b21", false}, {"x", "y", true}, {"1a", "a", false}} {
		if got := sameDigits(c.a, c.b); got != c.same {
			t.Errorf("sameDigits(%q, %q) = %v, want %v", c.a, c.b, got, c.same)
		}
	}
}

// FuzzFalsePosWords checks incorporatedName and sameDigits against
// second implementations built from the standard library.
func FuzzFalsePosWords(f *testing.F) {
	for _, s := range []string{"Lazard, Inc.", "SYSCO CORP", "best5pay", "YV2911", "", "Инк.", "inc\x00"} {
		f.Add(s, "best2pay")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		words := strings.FieldsFunc(a, func(r rune) bool { return r >= utf8.RuneSelf || !isASCIILetter(byte(r)) })
		want := false
		if len(words) > 0 {
			// the last run of ASCII letters, if nothing but non-letters follows it
			last := words[len(words)-1]
			tail := a[strings.LastIndex(a, last)+len(last):]
			onlyOther := strings.IndexFunc(tail, func(r rune) bool { return r < utf8.RuneSelf && isASCIILetter(byte(r)) }) < 0
			w := strings.ToLower(last)
			want = onlyOther && (w == "inc" || w == "corp" || w == "incorporated")
		}
		if got := incorporatedName(a); got != want {
			t.Errorf("incorporatedName(%q) = %v, want %v", a, got, want)
		}
		digits := func(s string) string {
			return strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, s)
		}
		if got, want := sameDigits(a, b), digits(a) == digits(b); got != want {
			t.Errorf("sameDigits(%q, %q) = %v, want %v", a, b, got, want)
		}
		if got, want := digitCount(a), len(digits(a)); got != want {
			t.Errorf("digitCount(%q) = %d, want %d", a, got, want)
		}
	})
}
