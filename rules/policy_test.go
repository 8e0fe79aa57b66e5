package rules

import (
	"testing"
)

func TestDefaultPolicy(t *testing.T) {
	p := Default()
	if p == nil || p != Default() {
		t.Fatal("Default not cached")
	}
	if p.Name() != "exportguard-default" || p.AsOf() != date("2026-11-28") {
		t.Errorf("name %q as-of %v", p.Name(), p.AsOf())
	}
	t.Log(p.Version())
	t.Log(string(p.Canonical()))
}
