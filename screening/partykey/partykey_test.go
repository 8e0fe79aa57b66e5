package partykey

import (
	"context"
	"os"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

// A stored key re-keys from its own text only if the key function is
// idempotent (see namekey.Func). Version 1 is, on every name and alias of
// the real UN list.
func TestKeyIsIdempotentOnRealNames(t *testing.T) {
	f, err := os.Open("../../testdata/lists/un/UN_consolidated.xml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, _, err := lists.LoadUNXML(context.Background(), f, "UN_consolidated.xml")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Names()...)
	}
	if len(names) < 1000 {
		t.Fatalf("only %d names", len(names))
	}
	for _, n := range names {
		k := Text(n)
		if again := Text(k); again != k {
			t.Errorf("Text(%q) = %q, but Text(%q) = %q", n, k, k, again)
		}
		if k != match.Normalize(n) {
			t.Errorf("version 1 key of %q = %q, not match.Normalize", n, k)
		}
	}
	if k := Key("Banco Nacional de Cuba"); k.Version != 1 || k.Text != "banco nacional de cuba" {
		t.Errorf("Key = %+v", k)
	}
	if Scheme().Name() != "party" || Scheme().Current() != 1 {
		t.Errorf("Scheme = %q %s", Scheme().Name(), Scheme().Current())
	}
}
