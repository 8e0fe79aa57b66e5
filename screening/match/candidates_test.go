package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestRespelledListedWord checks that a query word that is itself a word of
// another listed name still reaches the respelling it stands for:
// "Mohamed" is listed (FUAD MOHAMED KHALAF, UN SOi.005), and OFAC lists
// "AKBAR, Mohamed" as an alias of "AKBAR, Mohamad" (SDN 39578).
func TestRespelledListedWord(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceUN, ID: "SOi.005", Type: lists.TypeIndividual, Name: "FUAD MOHAMED KHALAF"},
		{Source: lists.SourceSDN, ID: "39578", Type: lists.TypeIndividual, Name: "AKBAR, Mohamad"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "AKBAR, Mohamed"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Entry.ID != "39578" {
		t.Fatalf("got %+v, want only SDN 39578", ms)
	}
	found := false
	for _, tm := range ms[0].Tokens {
		if tm.Query == "mohamed" && tm.Candidate == "mohamad" {
			found = true
		}
	}
	if !found || ms[0].Score < 0.85 {
		t.Errorf("score %.4f, tokens %+v: want mohamed aligned with mohamad and a score of 0.85 or more", ms[0].Score, ms[0].Tokens)
	}
}

// TestCommonWordRespellings checks that the rare respellings of a common
// query word ("technologii", "institut") do not crowd the name that has
// the word itself out of the candidates: the Entity List's "Beijing
// Institute of Technology", searched as listed, is found with score 1.
func TestCommonWordRespellings(t *testing.T) {
	ms, err := defaultIndex(t).Search(context.Background(), Query{Name: "Beijing Institute of Technology"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Name != "Beijing Institute of Technology" || ms[0].Score != 1 {
		t.Fatalf("got %+v, want Beijing Institute of Technology with score 1", ms)
	}
}

// TestRareWordBesideCommonWord checks that a short rare word next to a
// common one ("FJ TECHNOLOGY", Entity List) is not crowded out of the
// candidates by the many names holding a respelling of the common word
// ("teknologii", "tekhnologii").
func TestRareWordBesideCommonWord(t *testing.T) {
	ms, err := defaultIndex(t).Search(context.Background(), Query{Name: "fj technology"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Name != "FJ TECHNOLOGY" || ms[0].Score != 1 {
		t.Fatalf("got %+v, want FJ TECHNOLOGY with score 1", ms)
	}
}

// TestQueryNumberMissing checks that a number in the query that the listed
// name lacks ("JOINT STOCK COMPANY 56 ARSENAL" against SDN "Arsenal") costs
// enough to keep an otherwise exact one-word match below the threshold.
func TestQueryNumberMissing(t *testing.T) {
	ix := NewIndex([]*lists.Entry{{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "Arsenal"}})
	ms, err := ix.Search(context.Background(), Query{Name: "JOINT STOCK COMPANY 56 ARSENAL", Threshold: 0.5})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Score != 1+deltaNumberMissing || len(ms[0].Adjustments) != 1 || ms[0].Adjustments[0].Kind != "number_missing" {
		t.Fatalf("got %+v, want Arsenal at %.2f with one number_missing adjustment", ms, 1+deltaNumberMissing)
	}
	if ms[0].Score >= DefaultThreshold {
		t.Errorf("score %.4f reaches the threshold %.2f", ms[0].Score, DefaultThreshold)
	}
}

// TestSplitElsewhere checks that two query words split at another place
// than the listed two ("Ura lTrast" for URAL TRAST, "YKA KD" for the
// registration YK-AKD) meet them written together, and that two query
// words split as listed are not looked up so.
func TestSplitElsewhere(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "OOO Ural-Trast"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeVessel, Name: "YK-AKD"},
	})
	for _, c := range []struct{ q, id, qt, ct string }{
		{"OOO Ura-lTrast", "1", "ura ltrast", "ural trast"},
		{"YKA-KD", "2", "yka kd", "yk akd"},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Entry.ID != c.id || ms[0].Score != 1 {
			t.Fatalf("%q: got %+v, want entry %s at 1", c.q, ms, c.id)
		}
		if tm := ms[0].Tokens; len(tm) != 1 || tm[0].Query != c.qt || tm[0].Candidate != c.ct {
			t.Errorf("%q: tokens %+v, want %q against %q", c.q, tm, c.qt, c.ct)
		}
	}
	sc := ix.pool.Get().(*scratch)
	defer ix.pool.Put(sc)
	ix.scoreNames(sc, Query{Name: "Ural Trast"}, DefaultThreshold)
	if len(sc.joins) != 0 {
		t.Errorf("Ural Trast: %d join hits, want none (both words are listed)", len(sc.joins))
	}
}

// TestTypoKeysFirst checks that a query word with a letter left out
// ("Hssein" for Hossein) is found through the typo keys of the raw word
// before the deletions of its short skeleton ("xsin": "sin", "xin", keys
// of many listed words) use up the words compared: "PARVAR Hssein" finds
// the listed PARVAR, Hossein.
func TestTypoKeysFirst(t *testing.T) {
	ms, err := defaultIndex(t).Search(context.Background(), Query{Name: "PARVAR Hssein"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) == 0 || ms[0].Name != "PARVAR, Hossein" || ms[0].Score < DefaultThreshold {
		t.Fatalf("got %+v, want PARVAR, Hossein first, at the threshold or more", ms)
	}
	for _, tm := range ms[0].Tokens {
		if tm.Query == "hssein" && tm.Candidate != "hossein" {
			t.Errorf("hssein aligned with %q, want hossein", tm.Candidate)
		}
	}
}

// TestSplitRespelling checks that a listed word written as two query words
// in another romanisation ("KOOCHAK ZAIE" for KOUCHAKZAEI, one skeleton)
// aligns with it as a respelling, and that a query word of three letters
// does not join its neighbour so ("Mike Lee" is not MEKELE).
func TestSplitRespelling(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "KOUCHAKZAEI, Ebrahim"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeVessel, Name: "MEKELE"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "KOOCHAK ZAIE, Ebrahim"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Entry.ID != "1" || ms[0].Score < DefaultThreshold {
		t.Fatalf("got %+v, want KOUCHAKZAEI, Ebrahim at the threshold or more", ms)
	}
	if ms, _ := ix.Search(context.Background(), Query{Name: "Mike Lee", Threshold: 0.5}); len(ms) != 0 {
		t.Errorf("Mike Lee: got %+v, want nothing", ms)
	}
}

// TestTypoJoin checks that a query word that is two adjacent listed words
// written together with a letter added or replaced ("ALiADL" for AL-ADL,
// "JAZEERATHALMALDIFI" for JAZEERAT ALMALDIFI) aligns with the pair.
func TestTypoJoin(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "AL-ADL, Sayf"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "JAZEERAT ALMALDIFI"},
	})
	for _, c := range []struct{ q, id, qt, ct string }{
		{"ALiADL Sayf", "1", "aliadl", "al adl"},
		{"JAZEERATHALMALDIFI", "2", "jazeerathalmaldifi", "jazeerat almaldifi"},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Entry.ID != c.id || ms[0].Score < DefaultThreshold {
			t.Fatalf("%q: got %+v, want entry %s at the threshold or more", c.q, ms, c.id)
		}
		found := false
		for _, tm := range ms[0].Tokens {
			found = found || tm.Query == c.qt && tm.Candidate == c.ct
		}
		if !found {
			t.Errorf("%q: tokens %+v, want %q against %q", c.q, ms[0].Tokens, c.qt, c.ct)
		}
	}
}

// TestSplitRespelledRun checks that two query words that are one listed
// word split and respelled, with the same consonants and other vowels
// ("MONTAZERUL MAHDI" for MONTAZEROLMEHDI; "KAFAK ENTER PRISES" for
// KAFAK ENTERPRISES), align with it, and that words that found listed
// words of their own are not run together so.
func TestSplitRespelledRun(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "MONTAZEROLMEHDI, Saeed"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "SANATORIUM"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "SANATORI IM"},
	})
	ms, err := ix.Search(context.Background(), Query{Name: "MONTAZERUL-MAHDI, Saeed"})
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Entry.ID != "1" || ms[0].Score < DefaultThreshold {
		t.Fatalf("got %+v, want MONTAZEROLMEHDI, Saeed at the threshold or more", ms)
	}
	sc := ix.pool.Get().(*scratch)
	defer ix.pool.Put(sc)
	ix.scoreNames(sc, Query{Name: "SANATORI IM"}, DefaultThreshold)
	for _, h := range sc.hits {
		if h.qlo != h.qhi {
			t.Errorf("SANATORI IM: hit of the run %d-%d against %q", h.qlo, h.qhi, ix.toks[h.tok].s)
		}
	}
}
