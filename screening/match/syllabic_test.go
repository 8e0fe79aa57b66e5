package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestSyllabicAbbreviation checks that a query word made of the first
// syllables of two adjacent words of an organisation's name meets the
// name, the second word whole or clipped, and that a word that goes on
// past the second, a clip of three letters, or a person's name does not.
func TestSyllabicAbbreviation(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "PETROVAX TECHNOLOGIES JSC"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "MERIDIANA CAPRI S.A."},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeIndividual, Name: "LOMBARDINI, Severino"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"PETROTECH JSC", "1"},
		{"MERCAPRI", "2"},
		{"PETROTEC JSC", ""},
		{"PETROTEXTILE", ""},
		{"MERCAPRIS", ""},
		{"LOMSEVERINO", ""},
	})
}

// TestSyllabicName checks that a listed organisation's syllabic name is met
// by the words it abbreviates, the first clipped where the listed word
// leaves it, and that words that spell it otherwise do not meet it.
func TestSyllabicName(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "VOLGOTRANS LLC"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "TAVRIKOMAG OAO"},
	})
	checkOnlyMatches(t, ix, []onlyMatch{
		{"VOLGOGRAD TRANSPORT LLC", "1"},
		{"TAVRICHESKII KOMMERCHESKII AGENTSTVO OAO", "2"},
		{"VOLGA TRANSPORT LLC", ""},
		{"VOLGOGRAD TRADING LLC", ""},
		{"TAVRICHESKII KOMMERCHESKII", ""},
	})
	for _, c := range []struct {
		l    string
		q    []string
		want int
	}{
		{"uralsib", []string{"uralo", "sibirskiy", "bank"}, 1},
		{"kriogenmash", []string{"kriogennogo", "mashinostroyenia"}, 1},
		{"castro", []string{"castro", "ronaldo"}, -1},
		{"uralsib", []string{"ural", "sib"}, -1}, // written whole: a joined pair
		{"tavrikomag", []string{"tavricheskii", "kommercheskii", "agentstvo"}, 2},
	} {
		qs := make([]qtok, len(c.q))
		for i, w := range c.q {
			qs[i].s = w
		}
		if got := sylParts(c.l, qs, 0); got != c.want {
			t.Errorf("sylParts(%q, %q) = %d, want %d", c.l, c.q, got, c.want)
		}
	}
}

// TestSylRevKey checks that the key written out is hashStr's.
func TestSylRevKey(t *testing.T) {
	if got, want := sylRevKey("uralo", "sibirskiy"), hashStr(seedSylRev, "urasi"); got != want {
		t.Errorf("sylRevKey = %x, want %x", got, want)
	}
}
