package main

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A square split into two arcs, the second used reversed (~1 = -2), as
// TopoJSON stores shared borders once.
func TestStitch(t *testing.T) {
	arcs := [][][2]int64{
		{{0, 0}, {10, 0}, {10, 10}},
		{{0, 0}, {0, 10}, {10, 10}},
	}
	got, err := stitch(arcs, []int{0, ^1})
	if err != nil {
		t.Fatal(err)
	}
	want := ring{{0, 0}, {10, 0}, {10, 10}, {0, 10}}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("ring (-want +got):\n%s", d)
	}
	if _, err := stitch(arcs, []int{2}); err == nil {
		t.Error("arc 2 out of range: no error")
	}
	if _, err := stitch(arcs, []int{^5}); err == nil {
		t.Error("arc ~5 out of range: no error")
	}
}
