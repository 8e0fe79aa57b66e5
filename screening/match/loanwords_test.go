package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestLoanReading checks the loan reading of words: the Russian spellings
// of English words, in any of the romanisations, read as the English
// word, alone or glued to other words; common English words and words
// without a loan spelling are not read.
func TestLoanReading(t *testing.T) {
	for _, c := range []struct {
		w, want string
	}{
		{"biznespromesteit", "businesspromestate"},
		{"bisnespromestejt", "businesspromestate"},
		{"tekhnolodzhis", "technologies"},
		{"technolodjis", "technologies"},
		{"menedzhmentkonsalting", "managementconsulting"},
		{"treiding", "trading"},
		{"rusgidro", "rushydro"}, // гидро, the Greek hydro-
		{"properties", ""},
		{"business", ""},
		{"promstroi", ""},
		{"serv", ""},
	} {
		var buf [loanReadingCap]byte
		r, ok := appendLoanReading(buf[:0], c.w)
		if got := string(r); ok != (c.want != "") || got != c.want {
			t.Errorf("appendLoanReading(%q) = %q, %v; want %q", c.w, got, ok, c.want)
		}
	}
}

// TestLoanwordsGlued checks that a name of English words spelt as Russian
// says them, glued, meets the listed name in English, and the other way
// round; another word glued in its place does not.
func TestLoanwordsGlued(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "LIMITED LIABILITY COMPANY BUSINESSPROMESTATE"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "OOO TEKHNOLODZHISTROI"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"BIZNESPROMESTEIT", "1"},
		{"OOO BIZNESPROMESTEYT", "1"},
		{"TECHNOLOGIESSTROI", "2"},
		{"BIZNESPROMSERVIS", ""},
	})
}

// TestHydroThroughRussian checks the Greek hydro- as Russian spells it
// (гидро-, gidro) glued to a name, against the listed name in English, on
// the index of the real-alias evaluation.
func TestHydroThroughRussian(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkEntryFound(t, realAliasIndex(t), "MBS:34578", "RUSHYDRO", []foundCase{
		{"RUSGIDRO, PAO", true}, // 0.784 without
		{"RUSGIDRA, PAO", false},
	})
}
