package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestEntryPlaceLeft checks that the entry's own town, said in its listed
// name as the Russian adjective of the address's city, counts as a generic
// word when a query holds the rest of the name; the same word for another
// entry's town, or a name whose aligned words are all ordinary words or
// descriptors, keeps the general rule.
func TestEntryPlaceLeft(t *testing.T) {
	at := func(city string) []lists.Address { return []lists.Address{{City: city, CountryText: "Russia"}} }
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "PUBLIC JOINT STOCK COMPANY KELBURNSKOE NAUCHNO PROIZVODSTVENNOE PREDPRIYATIE ZORVATEK-AVIA", Addresses: at("Kelburn")},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "PUBLIC JOINT STOCK COMPANY DORVINSKOE NAUCHNO PROIZVODSTVENNOE PREDPRIYATIE QUENTROL-AVIA", Addresses: at("Kelburn")},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "JOINT STOCK COMPANY MIRAVASKOE MACHINE BUILDING PLANT", Addresses: at("Miravas")},
	}
	// other names, so that the descriptors weigh as common words do
	es = append(es, numberedEntities(60, "NAUCHNO PROIZVODSTVENNOE PREDPRIYATIE AVIA MACHINE BUILDING PLANT")...)
	ix := NewIndex(es)
	checkOnlyMatches(t, ix, []onlyMatch{
		{"ZORVATEK-AVIA PAO", "1"},
		{"QUENTROL-AVIA PAO", ""},
		{"MACHINE BUILDING PLANT JSC", ""},
	})
	if !placeAdjective("Arzamas", "arzamasskoe") || !placeAdjective("Samara", "samarskii") || !placeAdjective("Irkutsk", "irkutskaya") || placeAdjective("Samara", "samarkand") {
		t.Error("placeAdjective: want Arzamas arzamasskoe, Samara samarskii, Irkutsk irkutskaya, and not Samara samarkand")
	}
}
