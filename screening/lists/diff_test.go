package lists

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func ssiSnapshot(t *testing.T, es []*Entry) *Snapshot {
	t.Helper()
	var ssi []*Entry
	for _, e := range es {
		if e.Source == SourceSSI {
			ssi = append(ssi, e)
		}
	}
	s, err := NewSnapshot(SourceSet{Source: SourceSSI, Entries: ssi})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// The SSI list as the CSL carried it on 2023-11-28 against OFAC's own
// non-SDN file of 2025-12: both use OFAC ent_nums as ids.
func TestDiffRealSSI(t *testing.T) {
	old := ssiSnapshot(t, must(loadCSLFile(t, "csl/consolidated-2023-11-partial.csv")))
	new := ssiSnapshot(t, must(loadOFACDir(t, "ofac/nonsdn-2025-12")))
	d := Diff(old, new)
	if len(d.Sources) != 1 {
		t.Fatalf("sources %v", d.Sources)
	}
	sd := d.Sources[0]
	// Two SSI entries were delisted between the two dates; none was added.
	var removed []string
	for _, e := range sd.Removed {
		removed = append(removed, e.Key()+" "+e.Name)
	}
	if diff := cmp.Diff([]string{"SSI:18293 PROMINVESTBANK", "SSI:18717 SBERBANK (SWITZERLAND) AG"}, removed); diff != "" {
		t.Errorf("removed (-want +got):\n%s", diff)
	}
	if sd.OldCount != 288 || sd.NewCount != 286 || len(sd.Added) != 0 {
		t.Errorf("counts %d -> %d, %d added", sd.OldCount, sd.NewCount, len(sd.Added))
	}
	// The CSL flattens addresses and ids and rewrites remarks, so every
	// remaining entry differs in those fields; three were renamed.
	if len(sd.Changed) != 286 {
		t.Errorf("%d changed, want 286", len(sd.Changed))
	}
	var renamed []string
	for _, c := range sd.Changed {
		for _, f := range c.Fields {
			if f == "Name" {
				renamed = append(renamed, c.Key+": "+c.Old.Name+" -> "+c.New.Name)
			}
		}
	}
	want := []string{
		"SSI:18284: RN-KOMSOMOLSKY REFINERY LLC -> RN KOMSOMOLSKIY REFINERY LLC",
		"SSI:23562: NOVGORODNEFTEPRODUKT OOO -> NOVGORODNEFTEPRODUCT OOO",
		"SSI:23577: SNGB AO -> JOINT STOCK COMPANY SURGUTNEFTEGASBANK",
	}
	if diff := cmp.Diff(want, renamed); diff != "" {
		t.Errorf("renamed (-want +got):\n%s", diff)
	}
}

func TestDiffFields(t *testing.T) {
	base := &Entry{Source: SourceEL, ID: "x", Name: "Huawei Technologies Co., Ltd.", Aliases: []Alias{{Name: "Huawei Technology", Kind: AliasAKA}},
		Addresses: []Address{{Street: "Bantian Huawei Base", CountryText: "CN"}}}
	changed := *base
	changed.Aliases = append([]Alias{}, base.Aliases...)
	changed.Aliases = append(changed.Aliases, Alias{Name: "Huawei Marine", Kind: AliasAKA})
	changed.LicensePolicy = "Presumption of denial"
	added := &Entry{Source: SourceEL, ID: "y", Name: "Sophgo Technologies Ltd."}
	removed := &Entry{Source: SourceEL, ID: "z", Name: "Old Entry"}
	a, _ := NewSnapshot(SourceSet{Source: SourceEL, Entries: []*Entry{base, removed}})
	b, _ := NewSnapshot(SourceSet{Source: SourceEL, Entries: []*Entry{&changed, added}})
	d := Diff(a, b)
	sd := d.Sources[0]
	if len(sd.Added) != 1 || sd.Added[0].ID != "y" || len(sd.Removed) != 1 || sd.Removed[0].ID != "z" || len(sd.Changed) != 1 {
		t.Fatalf("diff = %+v", sd)
	}
	if diff := cmp.Diff([]string{"Aliases", "LicensePolicy"}, sd.Changed[0].Fields); diff != "" {
		t.Errorf("fields (-want +got):\n%s", diff)
	}
	if d.String() != "EL: 2 -> 2 entries, +1 -1 ~1\n" || d.Empty() {
		t.Errorf("String() = %q", d.String())
	}
	if !Diff(a, a).Empty() || Diff(a, a).String() != "no changes\n" {
		t.Errorf("a snapshot differs from itself")
	}
	if d := Diff(nil, a); len(d.Sources[0].Added) != 2 {
		t.Errorf("Diff(nil, a) = %+v", d)
	}
}
