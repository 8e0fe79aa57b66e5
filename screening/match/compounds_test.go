package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestCompoundDescriptor checks that a word glued to an organisation
// descriptor meets its head and a translation of the descriptor, split or
// glued, and that a word of a variant group is not taken apart.
func TestCompoundDescriptor(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "VERKHNEKAMSK RADIO PLANT LLC"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "JSC TUMANSK RADIOWORKS"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "OOO PERVOUSK RADIOTEKHNIKA"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"VERKHNEKAMSK RADIOZAVOD OOO", "1"},
		{"AO TUMANSK RADIOZAVOD", "2"},
		{"VERKHNEKAMSK RADIOSTANTSIYA", ""},
	})
	for _, c := range []struct {
		w    string
		head int
	}{{"radiozavod", 5}, {"radioworks", 5}, {"avtozavod", 4}, {"zavod", 0}, {"radiotekhnika", 5}} {
		if p, _ := descriptorTail(c.w); p != c.head {
			t.Errorf("descriptorTail(%q) = %d, want %d", c.w, p, c.head)
		}
	}
}

// TestClippedJoin checks that query words meet the listed word that glues
// them with the first clipped, and that a clip of four letters, or words
// other than the ones glued, do not.
func TestClippedJoin(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "JSC INVESTGRAINBANK"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "TECHNOPORT KAMSK LLC"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"INVESTMENT GRAIN BANK JSC", "1"},
		{"TECHNOLOGY PORT KAMSK LLC", "2"},
		{"INVESTMENT GRAIN TRUST JSC", ""},
	})
}

// TestDescriptorHead checks the heads of compounds that are descriptors
// themselves, as written or in a Russian adjective's linking form.
func TestDescriptorHead(t *testing.T) {
	for _, c := range []struct {
		h  string
		ok bool
	}{{"vneshne", true}, {"nauchno", true}, {"radio", false}, {"botlikh", false}} {
		if got := descriptorHead(c.h); got != c.ok {
			t.Errorf("descriptorHead(%q) = %v, want %v", c.h, got, c.ok)
		}
	}
}

// TestLinkedCompound checks that a Russian compound adjective meets its
// first part and its descriptor written apart, over a stop word, and that
// a first part written otherwise does not.
func TestLinkedCompound(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "KORVA METAL AND CERAMIC PLANT JSC"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"AO KORVA ZAVOD METALLOKERAMICHESKIKH", "1"},
	})
	for _, c := range []struct{ head, stem string }{{"metallo", "metall"}, {"elektro", "elektr"}, {"radio", ""}, {"vneshne", "vneshn"}} {
		if got := linkedStem(c.head); got != c.stem {
			t.Errorf("linkedStem(%q) = %q, want %q", c.head, got, c.stem)
		}
	}
}
