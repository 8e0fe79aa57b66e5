package match

import (
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// testEntries returns the entries of the embedded evaluation snapshot.
func testEntries(t testing.TB) []*lists.Entry {
	t.Helper()
	s, err := lists.Default()
	if err != nil {
		t.Fatalf("lists.Default: %v", err)
	}
	return s.Entries()
}
