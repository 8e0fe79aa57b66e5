package namekey_test

import (
	"fmt"
	"strings"

	"github.com/exportguard/exportguard/namekey"
)

// A key stored under version 1 of a scheme is brought up to date when the
// normaliser gains a step, instead of no longer matching.
func ExampleScheme_Rekey() {
	v1 := strings.ToLower
	v2 := func(s string) string { return strings.ReplaceAll(strings.ToLower(s), "&", "and") }
	s := namekey.MustScheme("company", namekey.Func{Version: 1, Key: v1}, namekey.Func{Version: 2, Key: v2})

	stored := namekey.Key{Version: 1, Text: v1("Smith & Sons")}
	now, err := s.Rekey(stored, "")
	fmt.Println(stored.Text, "->", now.Text, now.Version, err)
	fmt.Println(s.Key("SMITH & SONS") == now)
	// Output:
	// smith & sons -> smith and sons v2 <nil>
	// true
}

func ExamplePlace() {
	fmt.Println(namekey.Place("Côte d'Ivoire"), namekey.Place("The Bahamas"))
	// Output: cotedivoire bahamas
}
