package match

import (
	"strings"
	"testing"
)

// TestBankFormFirst checks which first words are read as a bank's form
// abbreviated: only before a name that names a bank.
func TestBankFormFirst(t *testing.T) {
	for name, want := range map[string]bool{
		"jsb sobinbank":     true,
		"akb rosbank":       true,
		"cb is bank":        true,
		"kb agrosoyuz bank": true,
		"ab volvo":          false, // a Swedish company's form
		"kb salyut":         false, // a design bureau
		"jsb":               false,
		"sobin jsb bank":    false, // not in front
		"banka jsb":         false,
	} {
		ws := strings.Fields(name)
		if got := bankFormFirst(len(ws), func(i int) string { return ws[i] }); got != want {
			t.Errorf("%q: %v, want %v", name, got, want)
		}
	}
}

// TestBankPhraseLen checks a bank's form written out in front of a bank's
// coined name, and that it stays part of other names.
func TestBankPhraseLen(t *testing.T) {
	for name, want := range map[string]int{
		"commercial bank agrosoyuz":                 2,
		"commercial joint stock bank verhnevolgsky": 4,
		"kommercheski bank sinkobank":               0, // a name that names a bank
		"joint stock bank agrosoyuz":                3,
		"commercial bank dubai":                     0, // a place
		"commercial bank international":             0, // an English word
		"commercial bank agrosoyuz moskva":          0, // more than one word after it
		"bank agrosoyuz":                            0, // bank alone says what the name is
		"commercial bank":                           0,
	} {
		ws := strings.Fields(name)
		if got := bankPhraseLen(len(ws), func(i int) string { return ws[i] }); got != want {
			t.Errorf("%q: %d, want %d", name, got, want)
		}
	}
}
