package lists

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDefaultAsBuilt checks that the embedded snapshot, read with the
// links and order it stores, is what NewSnapshot makes of its entries:
// the same order, the same links.
func TestDefaultAsBuilt(t *testing.T) {
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	var sets []SourceSet
	for _, si := range d.Sources() {
		sets = append(sets, SourceSet{Source: si.Source, AsOf: si.AsOf, AsOfFrom: si.AsOfFrom, Checksum: si.Checksum, Files: si.Files,
			FetchedAt: si.FetchedAt, Evaluation: si.Evaluation, Note: si.Note, Entries: d.entriesOf(si.Source)})
	}
	built, err := NewSnapshot(sets...)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(built.Sources(), d.Sources()); diff != "" {
		t.Errorf("sources (-built +stored):\n%s", diff)
	}
	if len(built.Entries()) != len(d.Entries()) {
		t.Fatalf("%d entries built, %d stored", len(built.Entries()), len(d.Entries()))
	}
	links := 0
	for i, e := range d.Entries() {
		b := built.Entries()[i]
		if !reflect.DeepEqual(b, e) {
			t.Fatalf("entry %d (-built +stored):\n%s", i, cmp.Diff(b, e, cmp.Exporter(func(reflect.Type) bool { return true })))
		}
		links += len(e.Links)
	}
	if links == 0 {
		t.Error("no entry of the embedded snapshot has links")
	}
}

// TestSnapshotV2Errors checks what decodeSnapshotV2 refuses: entries out
// of source order, a key that is not the entry's, and a link to an entry
// that is not there.
func TestSnapshotV2Errors(t *testing.T) {
	el := &Entry{Source: SourceEL, ID: "1", Name: "Huawei Technologies Co., Ltd."}
	sdn := &Entry{Source: SourceSDN, ID: "2", Name: "Huawei Technologies Co., Ltd."}
	s, err := NewSnapshot(SourceSet{Source: SourceEL, Entries: []*Entry{el}}, SourceSet{Source: SourceSDN, Entries: []*Entry{sdn}})
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteSnapshot(&buf, s, "test"); err != nil {
		t.Fatal(err)
	}
	raw := string(gunzip(t, buf.Bytes()))
	if !strings.HasPrefix(raw, snapMagicV2) {
		t.Fatalf("WriteSnapshot wrote %q", raw[:30])
	}
	r, err := decodeSnapshot(raw)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := r.Get("EL:1"); !slices.Equal(got.Links, []string{"SDN:2"}) {
		t.Fatalf("EL:1 links %v", got.Links)
	}
	for _, c := range []struct {
		name, old, new, err string
	}{
		{"link to a missing entry", "\x05SDN:2", "\x05SDN:3", "lists: reading snapshot: EL:1 links to SDN:3, not an entry of another source: corrupt snapshot data"},
		{"key not the entry's", "\x04EL:1", "\x04EL:9", `lists: reading snapshot entry 0: key "EL:9" is not that of EL:1: corrupt snapshot data`},
	} {
		bad := strings.Replace(raw, c.old, c.new, 1)
		if _, err := decodeSnapshot(bad); err == nil || err.Error() != c.err || !errors.Is(err, errCorrupt) {
			t.Errorf("%s: err %v, want %s", c.name, err, c.err)
		}
	}
	// the two entries swapped: SDN before EL
	i, j := strings.Index(raw, "\x04EL:1"), strings.LastIndex(raw, "\x05SDN:2")
	swapped := raw[:i] + raw[j:] + raw[i:j]
	if _, err := decodeSnapshot(swapped); err == nil || !strings.Contains(err.Error(), "lists: reading snapshot: EL has 0 entries, metadata says 1") {
		t.Errorf("entries out of order: err %v", err)
	}
}
