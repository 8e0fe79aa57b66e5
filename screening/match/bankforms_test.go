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
