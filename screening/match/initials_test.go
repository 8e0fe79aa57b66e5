package match

import (
	"context"
	"slices"
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

// TestCutInitials checks that a name's initials written apart are taken out
// of it, in order, and whether they came first.
func TestCutInitials(t *testing.T) {
	for _, c := range []struct {
		in, rest, initials string
		first              bool
	}{
		{"TSYDENOV A. S.", "TSYDENOV", "as", false},
		{"A. S. TSYDENOV", "TSYDENOV", "as", true},
		{"SMOLIN O. N., Moscow", "SMOLIN Moscow", "on", false},
		{"SMOLIN", "SMOLIN", "", false},
		{"A. S.", "A. S.", "", false}, // initials only
	} {
		rest, initials, first := cutInitials(c.in)
		if rest != c.rest || initials != c.initials || first != c.first {
			t.Errorf("cutInitials(%q) = %q, %q, %v; want %q, %q, %v", c.in, rest, initials, first, c.rest, c.initials, c.first)
		}
	}
}

// TestInitialsInOrder checks, on the index of the lists' primary names,
// that a person's glued initials that are a stop word or a legal form
// when analysed with the name (A., A.S.) still stand for the given names,
// that they pair with the listed given names in their order only, and
// that an initial that stands for no listed name counts against it.
func TestInitialsInOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the lists' primary names")
	}
	ix := realAliasIndex(t)
	for _, c := range []struct {
		query, name string
		match       bool
	}{
		{"TSYDENOV A.S.", "TSYDENOV, Aleksey Sambuyevich", true},
		{"A.S. TSYDENOV", "TSYDENOV, Aleksey Sambuyevich", true},
		{"TSYDENOV A. S.", "TSYDENOV, Aleksey Sambuyevich", true}, // written apart already
		{"OREKHOV Y.Y.", "OREKHOV, Yury Yuryevich", true},
		{"PETROV V.A.", "PETROV, Vyacheslav Anatolyevich", true},
		{"PETROV A.V.", "PETROV, Vyacheslav Anatolyevich", false}, // the names the other way round
		{"PETROV A.V.", "PETROV, Sergey Valeriyevich", false},     // S. is no initial of the query's
		{"KIM H.C.", "KIM, Chol", false},                          // H. stands for no listed name
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Type: lists.TypeIndividual})
		if err != nil {
			t.Fatal(err)
		}
		found := slices.ContainsFunc(ms, func(m Match) bool { return m.Name == c.name })
		if found != c.match {
			t.Errorf("%q against %q: found = %v, want %v (%+v)", c.query, c.name, found, c.match, ms)
		}
	}
}

// FuzzCutInitials checks that cutInitials takes out of a name only words
// of one ASCII letter and a full stop, as many as the initials it returns,
// in lower case.
func FuzzCutInitials(f *testing.F) {
	for _, s := range []string{"TSYDENOV A. S.", "A. S. TSYDENOV", "SMOLIN O. N., Moscow", "A. B.", "x. Ö. y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rest, initials, _ := cutInitials(s)
		if initials == "" {
			if rest != s {
				t.Fatalf("cutInitials(%q) = %q with no initials", s, rest)
			}
			return
		}
		for i := 0; i < len(initials); i++ {
			if initials[i] < 'a' || initials[i] > 'z' {
				t.Fatalf("cutInitials(%q): initial %q", s, initials[i])
			}
		}
		if got, want := len(strings.Fields(rest))+len(initials), len(strings.Fields(s)); got != want {
			t.Fatalf("cutInitials(%q) = %q, %q: %d words, want %d", s, rest, initials, got, want)
		}
	})
}

// TestInitialsAtEdge checks which names written with their initials apart
// are read as a person's surname and initials.
func TestInitialsAtEdge(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"TSYDENOV A. S.", true},
		{"A. S. TSYDENOV", true},
		{"TSYDENOV, A. S.", true},
		{"SMOLIN O.", false},     // one initial
		{"JOHN A. SMITH", false}, // between two names
		{"A. TSYDENOV S.", false},
		{"A. S.", false}, // initials only
		{"TSYDENOV", false},
		{"DR. SMITH", false}, // two letters
	} {
		if got := initialsAtEdge(c.in); got != c.want {
			t.Errorf("initialsAtEdge(%q) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestCutNickname checks that a person's nickname in quotes or parentheses
// is cut, and that names that keep too little, or quote more, are not.
func TestCutNickname(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{`Aleksey "Lesha" Tsydenov`, "Aleksey Tsydenov"},
		{"Joaquin Guzman «El Chapo»", "Joaquin Guzman"},
		{"Aleksey (Lesha) Tsydenov", "Aleksey (Lesha) Tsydenov"},     // parentheses: Jin Tiesan (金铁三)
		{`Tsydenov "Lesha"`, `Tsydenov "Lesha"`},                     // one word left
		{"'ABD AL-'AZIZ, Sa'd", "'ABD AL-'AZIZ, Sa'd"},               // apostrophes
		{`Aleksey "a b c d" Tsydenov`, `Aleksey "a b c d" Tsydenov`}, // four words
		{`"Lesha" Aleksey Tsydenov`, `"Lesha" Aleksey Tsydenov`},     // first
	} {
		got, ok := cutNickname(c.in)
		if got != c.want || ok != (c.in != c.want) {
			t.Errorf("cutNickname(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
	if testing.Short() {
		return // the search builds the index of the lists' primary names
	}
	ms, err := realAliasIndex(t).Search(context.Background(), Query{Name: `Aleksey "Lesha" Tsydenov`, Type: lists.TypeIndividual})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(ms, func(m Match) bool { return m.Name == "TSYDENOV, Aleksey Sambuyevich" }) {
		t.Errorf("Aleksey \"Lesha\" Tsydenov did not find TSYDENOV, Aleksey Sambuyevich: %+v", ms)
	}
}

// FuzzCutNickname checks that cutNickname only takes text out of a name:
// what it returns is the name's words less some, in order.
func FuzzCutNickname(f *testing.F) {
	for _, s := range []string{`A "b" C`, "A «b c» D", `"" x y`, `a "b`, "x “y” z"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := cutNickname(s)
		if !ok {
			if got != s {
				t.Fatalf("cutNickname(%q) = %q, false", s, got)
			}
			return
		}
		if len(got) >= len(s) || len(strings.Fields(Normalize(got))) < 2 {
			t.Fatalf("cutNickname(%q) = %q", s, got)
		}
	})
}
