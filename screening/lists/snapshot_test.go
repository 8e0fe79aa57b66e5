package lists

import (
	"bytes"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/exportguard/exportguard/namekey"
	"github.com/google/go-cmp/cmp"
)

func TestNewSnapshotErrors(t *testing.T) {
	e1 := &Entry{Source: SourceEL, ID: "1", Name: "A"}
	e2 := &Entry{Source: SourceEL, ID: "1", Name: "B"}
	sdn := &Entry{Source: SourceSDN, ID: "1", Name: "C"}
	tests := []struct {
		name string
		sets []SourceSet
		err  string
	}{
		{"same source twice", []SourceSet{{Source: SourceEL, Entries: []*Entry{e1}}, {Source: SourceEL}}, "lists: source EL given twice"},
		{"entry of another source", []SourceSet{{Source: SourceEL, Entries: []*Entry{sdn}}}, "lists: entry SDN:1 in the source set of EL"},
		{"duplicate key", []SourceSet{{Source: SourceEL, Entries: []*Entry{e1, e2}}}, "lists: duplicate id: EL:1"},
		{"no source", []SourceSet{{}}, "lists: source set 0 has no Source"},
	}
	for _, tt := range tests {
		_, err := NewSnapshot(tt.sets...)
		if err == nil || err.Error() != tt.err {
			t.Errorf("%s: err = %v, want %s", tt.name, err, tt.err)
		}
	}
}

func TestSnapshotIsImmutableAndLinked(t *testing.T) {
	// Real entries: UN CDi.008 and SDN 15527 are the same person, listed by
	// both (UN alias "SULTANI MAKENGA" = the SDN's strong alias).
	d, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	un, _ := d.Get("UN:CDi.008")
	if !slices.Contains(un.Links, "SDN:15527") {
		t.Errorf("UN:CDi.008 links = %v, want SDN:15527", un.Links)
	}
	sdn, _ := d.Get("SDN:15527")
	if !slices.Contains(sdn.Links, "UN:CDi.008") {
		t.Errorf("SDN:15527 links = %v", sdn.Links)
	}
	// NewSnapshot copies entries: changing the input does not change it.
	in := &Entry{Source: SourceEL, ID: "x", Name: "Huawei Technologies Co., Ltd.", Links: []string{"bogus"}}
	s, err := NewSnapshot(SourceSet{Source: SourceEL, Entries: []*Entry{in}, AsOf: time.Date(2025, 10, 9, 0, 0, 0, 0, time.UTC), Files: []string{"entity_list.csv"}})
	if err != nil {
		t.Fatal(err)
	}
	in.Name = "changed"
	got, _ := s.Get("EL:x")
	if got.Name != "Huawei Technologies Co., Ltd." || got.Links != nil {
		t.Errorf("snapshot entry = %+v", got)
	}
	si := s.Sources()
	si[0].Files[0] = "changed"
	if si2, _ := s.Source(SourceEL); si2.Files[0] != "entity_list.csv" {
		t.Error("Sources() shares Files with the snapshot")
	}
	if _, ok := s.Source(SourceSDN); ok {
		t.Error("Source(SDN) found in an EL-only snapshot")
	}
}

func TestEntryHash(t *testing.T) {
	d, _ := Default()
	e, _ := d.Get("SDN:306")
	h := e.Hash()
	if len(h) != 64 {
		t.Fatalf("Hash = %q", h)
	}
	c := *e
	c.Links = []string{"UN:x"}
	c.Addresses = slices.Clone(e.Addresses)
	c.Addresses[0].Country = mustCountry("US") // derived fields do not count
	if c.Hash() != h {
		t.Error("Hash changed with derived fields")
	}
	c.Aliases = append(slices.Clone(e.Aliases), Alias{Name: "BNC", Kind: AliasFKA, Weak: true})
	if c.Hash() == h {
		t.Error("Hash did not change with a new alias")
	}
	c2 := *e
	c2.Aliases = slices.Clone(e.Aliases)
	c2.Aliases[1].Weak = false
	if c2.Hash() == h {
		t.Error("Hash did not change when an alias became strong")
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	// Every real entry of the embedded snapshot in full runs; the OFAC
	// non-SDN set (442 entries) under -short, where -race makes
	// compressing 10 MB slow.
	d, _ := Default()
	if testing.Short() {
		var err error
		d, err = NewSnapshot(SplitBySource(must(loadOFACDir(t, "ofac/nonsdn-2025-12")), LoadReport{}, []string{"cons_prim.csv"}, "")...)
		if err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := WriteSnapshot(&buf, d, "test"); err != nil {
		t.Fatal(err)
	}
	r, err := ReadSnapshot(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d.Sources(), r.Sources()); diff != "" {
		t.Errorf("sources (-want +got):\n%s", diff)
	}
	if !Diff(d, r).Empty() || r.Len() != d.Len() {
		t.Errorf("round trip changed entries: %s", Diff(d, r))
	}
	// Byte-for-byte reproducible: go generate gives the same file.
	var buf2 bytes.Buffer
	WriteSnapshot(&buf2, r, "test")
	if !bytes.Equal(buf.Bytes(), buf2.Bytes()) {
		t.Error("WriteSnapshot is not deterministic")
	}
	for _, tt := range []struct {
		name string
		in   []byte
		err  string
	}{
		{"not gzip", []byte("hello"), "lists: reading snapshot: unexpected EOF"},
		{"truncated", buf.Bytes()[:len(buf.Bytes())/2], "lists: reading snapshot: unexpected EOF"},
		{"bad magic", gz(t, "not a snapshot"), "lists: reading snapshot: corrupt snapshot data: bad magic"},
		{"no entries", gz(t, snapMagic), "lists: reading snapshot metadata: corrupt snapshot data"},
	} {
		_, err := ReadSnapshot(bytes.NewReader(tt.in))
		if err == nil || err.Error() != tt.err {
			t.Errorf("%s: err = %v, want %s", tt.name, err, tt.err)
		}
	}
	_, err = ReadSnapshot(bytes.NewReader(gz(t, snapMagic+"\x02{}\x05")))
	if !errors.Is(err, errCorrupt) || err.Error() != "lists: reading snapshot: entry count: corrupt snapshot data at byte 34" {
		t.Errorf("entries missing: err = %v", err)
	}
}

func gz(t testing.TB, s string) []byte {
	var b bytes.Buffer
	w := gzipWriter(&b)
	w.Write([]byte(s))
	w.Close()
	return b.Bytes()
}

func TestNormalizeName(t *testing.T) {
	for in, want := range map[string]string{
		"Huawei Technologies Co., Ltd.": "HUAWEI TECHNOLOGIES CO LTD",
		"MAKENGA, Sultani":              "MAKENGA SULTANI",
		"Forces Démocratiques Alliées":  "FORCES DEMOCRATIQUES ALLIEES",
		"O'NEILL":                       "ONEILL",
		"ＡＢＣ":                           "ABC",
		"  ":                            "",
		// namekey.Fold's case folding: "ß" is "ss" on every list.
		"Straße 5": "STRASSE 5",
		// namekey.Fold strips Arabic harakat...
		"مُحَمَّد": "محمد",
		// ...but keeps Devanagari vowel signs and viramas, letters in all
		// but name, inside the word.
		"हिन्दी": "हिन्दी",
	} {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestNormalizeNameFoldsWithNamekey checks that the link key takes its
// Unicode fold from namekey, the module's one fold, and nothing else: for
// every name and alias of the embedded snapshot, folding with namekey.Fold
// first changes no key. A normaliser of its own (as NormalizeName once
// was) fails here on "ß", where namekey.Fold gives "ss".
func TestNormalizeNameFoldsWithNamekey(t *testing.T) {
	snap, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Straße", "ＡＢＣ Ｌｔｄ", "TÜRKİYE", "ᏣᎳᎩ ꮳꮃꭹ"}
	for _, e := range snap.Entries() {
		names = append(names, e.Name)
		for _, a := range e.Aliases {
			names = append(names, a.Name)
		}
	}
	bad := 0
	for _, s := range names {
		if got, want := NormalizeName(namekey.Fold(s)), NormalizeName(s); got != want {
			if bad++; bad <= 10 {
				t.Errorf("NormalizeName(namekey.Fold(%q)) = %q, but NormalizeName(%[1]q) = %q", s, got, want)
			}
		}
	}
}
