package match

import (
	"context"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestLetterNames checks that a company named for a Latin letter is found
// with the letter's name spelt out, in Russian or English, and that a
// person's initial still pairs as an initial (0.8), not as a letter's name.
func TestLetterNames(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "X VECTOR LLC"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "KORVALD, Z."},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"IKS VECTOR LLC", "1"},
		{"OOO IKS VEKTOR", "1"},
		{"ES VECTOR LLC", ""}, // another letter
	})
	ms, _ := ix.Search(context.Background(), Query{Name: "ZED KORVALD", Threshold: 0.5})
	if len(ms) != 1 || ms[0].Entry.ID != "2" {
		t.Fatalf("ZED KORVALD: got %v", ms)
	}
	for _, tm := range ms[0].Tokens {
		if tm.Query == "zed" && tm.Similarity != 0.8 {
			t.Errorf("zed against the initial Z: %v, want 0.8", tm.Similarity)
		}
	}
}

// TestLetterClass checks isVowelByte and korVowelLetter, read from a
// table, against the letters they stand for, for every byte.
func TestLetterClass(t *testing.T) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		if got, want := isVowelByte(b), strings.IndexByte("aeiouy", b) >= 0 && b != 0; got != want {
			t.Errorf("isVowelByte(%q) = %v", b, got)
		}
		if got, want := korVowelLetter(b), strings.IndexByte("aeiouwy", b) >= 0 && b != 0; got != want {
			t.Errorf("korVowelLetter(%q) = %v", b, got)
		}
		if got, want := isSkelVowel(b), strings.IndexByte("aiu", b) >= 0 && b != 0; got != want {
			t.Errorf("isSkelVowel(%q) = %v", b, got)
		}
	}
}
