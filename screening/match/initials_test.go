package match

import (
	"context"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSpaceInitials checks that initials glued by their full stops are
// written apart, and nothing else is.
func TestSpaceInitials(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"SMOLIN O.N.", "SMOLIN O. N."},
		{"BADER M.M.Y.", "BADER M. M. Y."},
		{"O.N. SMOLIN", "O. N. SMOLIN"},
		{"SMOLIN O.N., Moscow", "SMOLIN O. N., Moscow"},
		{"SMOLIN O. N.", "SMOLIN O. N."},           // apart already
		{"SMOLIN O.", "SMOLIN O."},                 // one initial
		{"SMOLIN O.N", "SMOLIN O.N"},               // not each followed by a stop
		{"SMOLIN A.B.C.D.E.", "SMOLIN A.B.C.D.E."}, // more than maxGluedInitials
		{"SMOLIN Ö.N.", "SMOLIN Ö.N."},             // letters of ASCII only
		{"SMOLIN", "SMOLIN"},
	} {
		got, ok := spaceInitials(c.in)
		if got != c.want || ok != (c.in != c.want) {
			t.Errorf("spaceInitials(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}

// TestGluedInitialsMatch checks that a person's surname with the given
// names' initials glued finds the listed person as the initials apart do,
// with a type or without, and that an organisation's dotted acronym is
// still read as one word.
func TestGluedInitialsMatch(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "KORVELANOV, Zorvat Deltramovich"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "KSP BRAVELOX CO."},
	})
	for _, c := range []struct {
		q    string
		typ  lists.EntryType
		want string
	}{
		{"KORVELANOV Z.D.", lists.TypeIndividual, "1"},
		{"Z.D. Korvelanov", lists.TypeIndividual, "1"},
		{"KORVELANOV Z.D.", "", "1"}, // no type: a person's name written so
		{"K.S.P. BRAVELOX CO.", lists.TypeEntity, "2"},
		{"K.S.P. BRAVELOX CO.", "", "2"},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.q, Type: c.typ})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) == 0 || ms[0].Entry.ID != c.want || ms[0].Score < DefaultThreshold {
			t.Errorf("%s (%s): %+v, want entry %s at the threshold or more", c.q, c.typ, ms, c.want)
		}
	}
}

// TestInitialsBesideName checks which names of a query that gives no type
// are read as a person's with glued initials.
func TestInitialsBesideName(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"SMOLIN O.N.", true},
		{"O.N. SMOLIN", true},
		{"IVANOV IVAN I.I.", true},
		{"AL-ZOMOR A.L.", true},
		{"M.S.P. TRADING", false},       // a generic word
		{"P.A.D. LTD", false},           // a legal form
		{"EX-CLE C.A.", false},          // C.A., the compañía anónima
		{"BRAVELOX S.A.", false},        // S.A.
		{"ZARNIK ZAVOD A.B.", false},    // a descriptor
		{"A B C D E.F.", false},         // more than three other words
		{"SMOLIN O.", false},            // no glued initials
		{"A.B.", false},                 // initials only
		{"ROSTOV DON NEFT O.N.", false}, // four other words
		{"SMOLIN O.N., IVANOV", true},   // a comma
	} {
		if got := initialsBesideName(c.in); got != c.want {
			t.Errorf("initialsBesideName(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// FuzzSpaceInitials checks that spaceInitials changes only the spaces
// between the name's characters.
func FuzzSpaceInitials(f *testing.F) {
	for _, s := range []string{"SMOLIN O.N.", "A.B., C.D.", "..", "a.b.c.d.e.", "Ö.N. x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, _ := spaceInitials(s)
		if strings.Join(strings.Fields(got), "") != strings.Join(strings.Fields(s), "") {
			t.Fatalf("spaceInitials(%q) = %q: more than spaces changed", s, got)
		}
	})
}
