package match

import "testing"

// TestLegalDelShapes checks the filter canonLegalWord asks before its map
// look-ups: every key of legalDel has its shape bit, so the filter never
// hides a legal-form word; and it does skip most words, or it buys nothing.
func TestLegalDelShapes(t *testing.T) {
	for k := range legalDel {
		if !hasDelShape([]byte(k)) {
			t.Fatalf("legalDel key %q has no shape bit", k)
		}
	}
	var buf []byte
	skipped := 0
	words := []string{"hangzhou", "hikvision", "technology", "example", "compute", "international", "corporation", "obschestvo"}
	for _, w := range words {
		if !hasDelShape(appendSkeleton(buf[:0], w)) {
			skipped++
		}
	}
	if skipped < len(words)/2 {
		t.Errorf("the shape filter skips %d of %d words", skipped, len(words))
	}
	for _, c := range []struct{ in, want string }{
		{"coreoration", "corporation"}, {"obshchestvo", "obschestvo"}, {"compani", "company"}, {"hikvision", ""},
	} {
		got, ok := canonLegalWord(c.in, buf)
		if got != c.want || ok != (c.want != "") {
			t.Errorf("canonLegalWord(%q) = %q, %v; want %q", c.in, got, ok, c.want)
		}
	}
}
