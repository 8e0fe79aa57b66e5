package match

import (
	"testing"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// TestRussianDemonymsAndRUP checks that the Russian adjective of a former
// Soviet state is read as its English adjective, that РУП is read as a
// legal form at a name's start, and that together they find a Belarusian
// state enterprise said by its full Russian name; and that a word of the
// query's own in the adjective's place does not.
func TestRussianDemonymsAndRUP(t *testing.T) {
	for w, want := range map[string]bool{
		"belorussky": true, "belorusskiy": true, "belorusskaya": true, "rossiiskaya": true,
		"rossiyskoe": true, "ukrainskyi": true, "ukrainskaya": true, "kazakhstanskiy": true,
		"belorus": false, "russ": false, "rossiya": false,
	} {
		if got := demonymWord(w); got != want {
			t.Errorf("demonymWord(%q) = %v, want %v", w, got, want)
		}
	}
	if demonyms["belorussky"] != "BY" || demonyms["rossiiskii"] != "RU" {
		t.Errorf("belorussky %q, rossiiskii %q", demonyms["belorussky"], demonyms["rossiiskii"])
	}
	by, err := rules.ParseCountry("BY")
	if err != nil {
		t.Fatal(err)
	}
	// kombinat and a tyre word are words many listed names hold
	ix := NewIndex(append(numberedEntities(20, "TYRE KOMBINAT"), []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "BELSHINA OAO", Addresses: []lists.Address{{Country: by}}},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "GRODNO AZOT OAO", Addresses: []lists.Address{{Country: by}}},
	}...))
	checkEntryFound(t, ix, "SDN:1", "BELSHINA OAO", []foundCase{
		{"RUP BELORUSSKY SHINNY KOMBINAT BELSHINA", true},
		{"BELORUSSKY SHINNY KOMBINAT BELSHINA", true},
		{"RUP BELSHINA", true},
		// a word of the query's own, no country's adjective
		{"RUP BELOVSKY SHINNY KOMBINAT BELSHINA", false},
	})
}
