package lists

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func loadUN(t testing.TB) ([]*Entry, LoadReport) {
	t.Helper()
	f, err := os.Open(filepath.Join(td, "un/UN_consolidated.xml"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, rep, err := LoadUNXML(context.Background(), f, "UN_consolidated.xml")
	if err != nil {
		t.Fatal(err)
	}
	return es, rep
}

func TestLoadUNXMLRealFile(t *testing.T) {
	es, rep := loadUN(t)
	types := map[EntryType]int{}
	for _, e := range es {
		types[e.Type]++
	}
	if rep.Rows != 1003 || rep.Loaded != 1003 || rep.Failed != 0 || types[TypeIndividual] != 730 || types[TypeEntity] != 273 {
		t.Errorf("rows %d loaded %d failed %d types %v, want 1003 1003 0 730/273", rep.Rows, rep.Loaded, rep.Failed, types)
	}
	if !rep.AsOf.Equal(time.Date(2026, 2, 27, 0, 0, 9, 554e6, time.UTC)) {
		t.Errorf("AsOf = %v", rep.AsOf)
	}
	m := byKey(es)
	t.Run("individual with a low-quality alias", func(t *testing.T) {
		want := &Entry{Source: SourceUN, ID: "CDi.003", Type: TypeIndividual, Name: "GASTON IYAMUREMYE",
			Title: "FDLR Interim President; FDLR-FOCA 1st Vice-President; FDLR-FOCA Major General",
			Aliases: []Alias{{Name: "Rumuli", Kind: AliasAKA, Weak: true}, {Name: "Byiringiro Victor Rumuli", Kind: AliasAKA},
				{Name: "Victor Rumuri", Kind: AliasAKA}, {Name: "Michel Byiringiro", Kind: AliasAKA}},
			Addresses:    []Address{{State: "North Kivu Province", CountryText: "Democratic Republic of the Congo"}},
			Programs:     []string{"DRC"},
			DatesOfBirth: []string{"1948"}, Nationalities: []string{"RW"},
			PlacesOfBirth: []string{"Musanze District, Northern Province, Rwanda", "Ruhengeri, Rwanda"},
			ListedOn:      time.Date(2010, 12, 1, 0, 0, 0, 0, time.UTC),
			Remarks:       "INTERPOL-UN Security Council Special Notice web link:https://www.interpol.int/en/How-we-work/Notices/View-UN-Notices-Individuals",
			SourceURL:     "https://main.un.org/securitycouncil/en/content/un-sc-consolidated-list"}
		got := m["UN:CDi.003"]
		// The country text resolves once the destination resolver knows
		// "Democratic Republic of the Congo"; compare the text only.
		if got != nil {
			for i := range got.Addresses {
				got := got.Addresses[i]
				want.Addresses[i].Country, want.Addresses[i].Region = got.Country, got.Region
			}
		}
		if diff := cmp.Diff(want, got, cmpOpts); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("entity with a.k.a. and f.k.a. aliases", func(t *testing.T) {
		e := m["UN:CDe.001"]
		want := []Alias{{Name: "Allied Democratic Forces", Kind: AliasAKA}, {Name: "Forces Démocratiques Alliées-Armée Nationale de Libération de l’Ouganda", Kind: AliasFKA},
			{Name: "ADF/NALU", Kind: AliasFKA}, {Name: "NALU", Kind: AliasFKA}}
		if e.Name != "ADF" || e.Type != TypeEntity || !cmp.Equal(want, e.Aliases[:4]) {
			t.Errorf("got %q %s %v", e.Name, e.Type, e.Aliases)
		}
	})
	t.Run("LISTED_ON with an xs:date zone", func(t *testing.T) {
		n := 0
		for _, e := range es {
			if e.ListedOn.IsZero() {
				n++
			}
		}
		if n != 0 {
			t.Errorf("%d entries without a listing date", n)
		}
	})
}

const unSample = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z"><INDIVIDUALS><INDIVIDUAL><DATAID>6907995</DATAID><FIRST_NAME>GASTON</FIRST_NAME><SECOND_NAME>IYAMUREMYE</SECOND_NAME><REFERENCE_NUMBER>CDi.003</REFERENCE_NUMBER><LISTED_ON>2010-12-01</LISTED_ON><INDIVIDUAL_ALIAS><QUALITY>Low</QUALITY><ALIAS_NAME>Rumuli</ALIAS_NAME></INDIVIDUAL_ALIAS></INDIVIDUAL>
<INDIVIDUAL><DATAID>6907993</DATAID><FIRST_NAME>ERIC</FIRST_NAME><SECOND_NAME>BADEGE</SECOND_NAME><REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER><LISTED_ON>2012-12-31</LISTED_ON></INDIVIDUAL>
</INDIVIDUALS><ENTITIES/></CONSOLIDATED_LIST>`

func TestLoadUNXMLMalformed(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		err     string
		wantErr error
		errs    []string
		entries int
	}{
		{name: "empty file", in: "", err: "un.xml: empty file", wantErr: ErrEmptyFile},
		{name: "wrong file: OFAC XML root", in: `<?xml version="1.0"?><sdnList><sdnEntry/></sdnList>`, wantErr: ErrWrongFormat,
			err: "un.xml: wrong file format: not a UN consolidated XML file: root element is <sdnList>, want <CONSOLIDATED_LIST>"},
		{name: "wrong file: CSV", in: cslHeader, wantErr: ErrWrongFormat,
			err: "un.xml: wrong file format: not a UN consolidated XML file: no <CONSOLIDATED_LIST> element (text, not XML)"},
		{name: "truncated", in: unSample[:strings.Index(unSample, "<SECOND_NAME>BADEGE")], entries: 1, wantErr: ErrSyntax,
			errs: []string{"un.xml:3: field INDIVIDUAL: syntax error: XML syntax error on line 3: unexpected EOF"}},
		{name: "bad date", in: strings.Replace(unSample, "2012-12-31", "2012-31-12", 1), entries: 1, wantErr: ErrBadDate,
			errs: []string{`un.xml:3: field LISTED_ON: bad date "2012-31-12"`}},
		{name: "missing reference", in: strings.Replace(strings.Replace(unSample, "<REFERENCE_NUMBER>CDi.001</REFERENCE_NUMBER>", "", 1), "<DATAID>6907993</DATAID>", "", 1),
			entries: 1, wantErr: ErrMissingField, errs: []string{"un.xml:3: field REFERENCE_NUMBER: missing required field"}},
		{name: "duplicate reference", in: strings.Replace(unSample, "CDi.001", "CDi.003", 1), entries: 1, wantErr: ErrDuplicate,
			errs: []string{`un.xml:3: field REFERENCE_NUMBER: duplicate id "CDi.003"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, rep, err := LoadUNXML(context.Background(), strings.NewReader(tt.in), "un.xml")
			if !checkMalformed(t, rep, err, tt.err, tt.wantErr, tt.errs, nil) {
				return
			}
			if len(es) != tt.entries || rep.Rows != rep.Loaded+rep.Failed {
				t.Errorf("%d entries, want %d; report %+v", len(es), tt.entries, rep)
			}
		})
	}
}
