package lists

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func loadOFACDir(t testing.TB, rel string) ([]*Entry, LoadReport) {
	t.Helper()
	return memo(t, "ofac:"+rel, func(t testing.TB) ([]*Entry, LoadReport) { return loadOFACDirUncached(t, rel) })
}

func loadOFACDirUncached(t testing.TB, rel string) ([]*Entry, LoadReport) {
	t.Helper()
	es, rep, err := LoadOFACDir(context.Background(), filepath.Join(td, rel))
	if err != nil {
		t.Fatalf("LoadOFACDir(%s): %v", rel, err)
	}
	return es, rep
}

func TestLoadOFACRealFiles(t *testing.T) {
	tests := []struct {
		dir      string
		format   string
		rows     int
		failed   int
		bySource map[Source]int
		errs     []string
	}{
		// 8,976 entries; every add/alt/comments row joins (SOURCES.md).
		{"ofac/sdn-2021-07", FormatOFACSDN, 34728, 0, map[Source]int{SourceSDN: 8976}, nil},
		// 442 entries; the list each belongs to comes from its programs.
		{"ofac/nonsdn-2025-12", FormatOFACCons, 2099, 0, map[Source]int{SourceSSI: 286, SourcePLC: 78, SourceCMIC: 68, SourceMBS: 9, SourceCAP: 1}, nil},
		// The 2025-05 fixture is not referentially closed: 4 add and 5 alt rows
		// name entries that are not in its sdn.csv, and each is reported.
		{"ofac/sample-2025-05", FormatOFACSDN, 64, 9, map[Source]int{SourceSDN: 17}, []string{
			`add.csv:12: field ent_num: refers to an entry not in the primary file "12562"`,
			`add.csv:17: field ent_num: refers to an entry not in the primary file "21765"`,
			`add.csv:24: field ent_num: refers to an entry not in the primary file "33723"`,
			`add.csv:26: field ent_num: refers to an entry not in the primary file "33997"`,
			`alt.csv:1: field ent_num: refers to an entry not in the primary file "10416"`,
			`alt.csv:6: field ent_num: refers to an entry not in the primary file "11935"`,
			`alt.csv:10: field ent_num: refers to an entry not in the primary file "18820"`,
			`alt.csv:11: field ent_num: refers to an entry not in the primary file "30221"`,
			`alt.csv:15: field ent_num: refers to an entry not in the primary file "29445"`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.dir, func(t *testing.T) {
			es, rep := loadOFACDir(t, tt.dir)
			if rep.Format != tt.format || rep.Rows != tt.rows || rep.Failed != tt.failed || rep.Rows != rep.Loaded+rep.Failed {
				t.Errorf("report = %s rows %d loaded %d failed %d, want %s rows %d failed %d", rep.Format, rep.Rows, rep.Loaded, rep.Failed, tt.format, tt.rows, tt.failed)
			}
			if diff := cmp.Diff(tt.bySource, countBySource(es)); diff != "" {
				t.Errorf("entries per source (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.errs, errStrings(rep.Errors)); diff != "" {
				t.Errorf("errors (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadOFACRealEntries(t *testing.T) {
	sdn := byKey(must(loadOFACDir(t, "ofac/sdn-2021-07")))
	cons := byKey(must(loadOFACDir(t, "ofac/nonsdn-2025-12")))
	tests := []struct {
		key  string
		want *Entry
	}{
		{"SDN:306", &Entry{Source: SourceSDN, ID: "306", Type: TypeEntity, Name: "BANCO NACIONAL DE CUBA",
			// "NATIONAL BANK OF CUBA" is in alt.csv; 'BNC' only in the remarks, which is where OFAC's legacy files put weak aliases.
			Aliases: []Alias{{Name: "NATIONAL BANK OF CUBA", Kind: AliasAKA}, {Name: "BNC", Kind: AliasAKA, Weak: true}},
			Addresses: []Address{
				{Street: "Zweierstrasse 35", City: "Zurich CH-8022", CountryText: "Switzerland", Country: mustCountry("CH")},
				{Street: "Avenida de Concha Espina 8", City: "Madrid E-28036", CountryText: "Spain", Country: mustCountry("ES")},
				{Street: "Dai-Ichi Bldg. 6th Floor, 10-2 Nihombashi, 2-chome, Chuo-ku", City: "Tokyo 103", CountryText: "Japan", Country: mustCountry("JP")},
				{Street: "Federico Boyd Avenue & 51 Street", City: "Panama City", CountryText: "Panama", Country: mustCountry("PA")},
			},
			Programs: []string{"CUBA"}, Remarks: "a.k.a. 'BNC'."}},
		{"SDN:4307", &Entry{Source: SourceSDN, ID: "4307", Type: TypeIndividual, Name: "ABRIL CORTEZ, Oliverio",
			Aliases: []Alias{{Name: "CORTEZ, Oliverio Abril", Kind: AliasFKA}, {Name: "ABRIL CORTES, Oliverio", Kind: AliasAKA}},
			Addresses: []Address{
				{Street: "c/o INVERSIONES EL PENON S.A.", City: "Cali", CountryText: "Colombia", Country: mustCountry("CO")},
				{Street: "c/o CONSTRUCTORA DIMISA LTDA.", City: "Cali", CountryText: "Colombia", Country: mustCountry("CO")},
				{Street: "c/o AGROPECUARIA BETANIA LTDA.", City: "Cali", CountryText: "Colombia", Country: mustCountry("CO")},
				{Street: "c/o VALLADARES LTDA.", City: "Cali", CountryText: "Colombia", Country: mustCountry("CO")},
				{Street: "c/o INVERSIONES GEMINIS S.A.", City: "Cali", CountryText: "Colombia", Country: mustCountry("CO")},
				{Street: "c/o W. HERRERA Y CIA. S. EN C.", City: "Cali", CountryText: "Colombia", Country: mustCountry("CO")},
				{Street: "Calle 18A No. 8A-20", City: "Jamundi", CountryText: "Colombia", Country: mustCountry("CO")},
				{Street: "c/o INVERSIONES EL GRAN CRISOL LTDA.", City: "Cali", CountryText: "Colombia", Country: mustCountry("CO")},
			},
			IDs:          []Identifier{{Type: "Cedula No.", Value: "3002003", Country: "CO"}, {Type: "Passport", Value: "AF368431", Country: "CO"}},
			Programs:     []string{"SDNT"},
			DatesOfBirth: []string{"1956-08-20"},
			Remarks:      "DOB 20 Aug 1956; Cedula No. 3002003 (Colombia); Passport AF368431 (Colombia)."}},
		{"SDN:7150", &Entry{Source: SourceSDN, ID: "7150", Type: TypeIndividual, Name: "AL-LIBI, Abd al-Muhsin",
			// Strong aliases from alt.csv, then the weak ones from the remarks.
			Aliases: []Alias{{Name: "ABU BAKR, Ibrahim Ali Muhammad", Kind: AliasAKA}, {Name: "SABRI, Abdel Ilah", Kind: AliasAKA},
				{Name: "TANTOUSH, Ibrahim Ali Abu Bakr", Kind: AliasAKA}, {Name: "TANTOUCHE, Ibrahim Abubaker", Kind: AliasAKA},
				{Name: "TANTOUSH, Ibrahim Abubaker", Kind: AliasAKA},
				{Name: "ABU ANAS", Kind: AliasAKA, Weak: true}, {Name: "'ABD AL-MUHSI", Kind: AliasAKA, Weak: true}, {Name: "'ABD AL-RAHMAN", Kind: AliasAKA, Weak: true}},
			// add.csv has the city in its Address column: kept as published.
			Addresses: []Address{{Street: "Johannesburg", CountryText: "South Africa", Country: mustCountry("ZA")}},
			IDs:       []Identifier{{Type: "Passport", Value: "203037", Country: "LY"}}, Programs: []string{"SDGT"},
			DatesOfBirth: []string{"1966", "1969-10-27"}, Nationalities: []string{"LY"},
			Remarks: "DOB 1966; alt. DOB 27 Oct 1969; nationality Libya; Passport 203037 (Libya); a.k.a. 'ABU ANAS'; a.k.a. ''ABD AL-MUHSI'; a.k.a. ''ABD AL-RAHMAN'."}},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, sdn[tt.key], cmpOpts); diff != "" {
				t.Errorf("(-want +got):\n%s", diff)
			}
		})
	}
	t.Run("SDN nka aliases", func(t *testing.T) {
		e := sdn["SDN:8244"]
		if e.Name != "AERO CONTINENTE S.A" || len(e.Addresses) != 47 || e.Aliases[2] != (Alias{Name: "NUEVO CONTINENTE S.A.", Kind: AliasNKA}) {
			t.Errorf("got %q, %d addresses, aliases %v", e.Name, len(e.Addresses), e.Aliases)
		}
	})
	t.Run("non-SDN PLC individual", func(t *testing.T) {
		e := cons["PLC:9639"]
		want := &Entry{Source: SourcePLC, ID: "9639", Type: TypeIndividual, Name: "HANIYA, Ismail Abdul Salah",
			Aliases:  []Alias{{Name: "HANIYA, Ismail", Kind: AliasAKA}, {Name: "HANIYYA, Ismaeel", Kind: AliasAKA}},
			Programs: []string{"NS-PLC"}, DatesOfBirth: []string{"1962"}, PlacesOfBirth: []string{"Shati"}, Remarks: "DOB 1962; POB Shati."}
		if diff := cmp.Diff(want, e, cmpOpts); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("non-SDN remarks continued in cons_comments", func(t *testing.T) {
		e := cons["SSI:17016"]
		if e.Name != "GAZPROMBANK JOINT STOCK COMPANY" || !strings.HasSuffix(e.Remarks, "ukraine-russia-related-sanctions#directives.") ||
			!strings.Contains(e.Remarks, "Tax ID No. 7744001497 (Russia)") {
			t.Errorf("remarks = %q", e.Remarks)
		}
		if e.Aliases[0] != (Alias{Name: "GAZPROMBANK OPEN JOINT STOCK COMPANY", Kind: AliasFKA}) {
			t.Errorf("aliases = %v", e.Aliases)
		}
	})
}

func TestNonSDNSource(t *testing.T) {
	tests := []struct {
		programs []string
		want     Source
	}{
		{[]string{"UKRAINE-EO13662", "RUSSIA-EO14024"}, SourceSSI},
		{[]string{"SDGT", "NS-PLC"}, SourcePLC},
		{[]string{"CMIC-EO13959"}, SourceCMIC},
		{[]string{"561-Related"}, SourceCAP},
		{[]string{"FSE-IR"}, SourceFSE},
		{[]string{"CAATSA - RUSSIA"}, SourceMBS},
		{[]string{"RUSSIA-EO14024"}, SourceMBS},
	}
	for _, tt := range tests {
		if got := NonSDNSource(tt.programs); got != tt.want {
			t.Errorf("NonSDNSource(%q) = %s, want %s", tt.programs, got, tt.want)
		}
	}
}

// Real rows from sdn-2021-07 used as bases for malformed variants.
const (
	sdnRow306 = "306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,\"a.k.a. 'BNC'.\"\r\n"
	sdnRow36  = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
	altRow36  = "36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n"
)

func TestLoadOFACMalformed(t *testing.T) {
	tests := []struct {
		name            string
		sdn, alt, add   string
		err             string
		wantErr         error
		errs, warns     []string
		entries         int
		checkFirstName  string
		checkFirstAlias string
	}{
		{name: "trailing 0x1A line", sdn: sdnRow36 + sdnRow306 + "\x1a", alt: altRow36 + "\x1a", entries: 2, checkFirstAlias: "AERO-CARIBBEAN"},
		{name: "empty primary", sdn: "", err: "sdn.csv: empty file", wantErr: ErrEmptyFile},
		{name: "wrong file: alt.csv as sdn.csv", sdn: altRow36,
			err: `sdn.csv: wrong file format: not a OFAC CSV file: first row has 5 fields starting "36"; this file wants 12 fields starting with a numeric ent_num`, wantErr: ErrWrongFormat},
		{name: "wrong file: CSL CSV as sdn.csv", sdn: cslHeader + cslUVLRow,
			err: `sdn.csv: wrong file format: not a OFAC CSV file: first row has 29 fields starting "_id"; this file wants 12 fields starting with a numeric ent_num`, wantErr: ErrWrongFormat},
		{name: "wrong column count", sdn: sdnRow36 + "306,\"BANCO NACIONAL DE CUBA\",-0- ,\"CUBA\"\r\n", entries: 1,
			errs: []string{`sdn.csv:2: wrong number of fields "4 fields, want 12"`}, wantErr: ErrColumnCount},
		{name: "truncated quote", sdn: sdnRow36 + "306,\"BANCO NACIONAL DE CUBA,-0- ", entries: 1,
			errs: []string{`sdn.csv:2: syntax error: extraneous or missing " in quoted-field`}, wantErr: ErrSyntax},
		{name: "non-numeric ent_num", sdn: sdnRow36 + strings.Replace(sdnRow306, "306", "30x", 1), entries: 1,
			errs: []string{`sdn.csv:2: field ent_num: syntax error: not a number "30x"`}, wantErr: ErrSyntax},
		{name: "duplicate ent_num", sdn: sdnRow36 + sdnRow36, entries: 1,
			errs: []string{`sdn.csv:2: field ent_num: duplicate id "36"`}, wantErr: ErrDuplicate},
		{name: "orphan alias", sdn: sdnRow306, alt: altRow36, entries: 1,
			errs: []string{`alt.csv:1: field ent_num: refers to an entry not in the primary file "36"`}, wantErr: ErrOrphan},
		{name: "Latin-1 name", sdn: strings.Replace(sdnRow36, "AEROCARIBBEAN", "A\xc9ROCARIBBEAN", 1), entries: 1,
			warns: []string{"sdn.csv:1: field SDN_Name: invalid UTF-8, decoded as Windows-1252 \"A\ufffdROCARIBBEAN AIRLINES\""}, checkFirstName: "AÉROCARIBBEAN AIRLINES"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			set := OFACFiles{Primary: strings.NewReader(tt.sdn)}
			if tt.alt != "" {
				set.Aliases = strings.NewReader(tt.alt)
			}
			if tt.add != "" {
				set.Addresses = strings.NewReader(tt.add)
			}
			es, rep, err := LoadOFAC(context.Background(), set)
			if !checkMalformed(t, rep, err, tt.err, tt.wantErr, tt.errs, tt.warns) {
				return
			}
			if len(es) != tt.entries || rep.Rows != rep.Loaded+rep.Failed {
				t.Errorf("%d entries, want %d; report %+v", len(es), tt.entries, rep)
			}
			if tt.checkFirstName != "" && es[0].Name != tt.checkFirstName {
				t.Errorf("name = %q, want %q", es[0].Name, tt.checkFirstName)
			}
			if tt.checkFirstAlias != "" && (len(es[0].Aliases) == 0 || es[0].Aliases[0].Name != tt.checkFirstAlias) {
				t.Errorf("aliases = %v, want %q first", es[0].Aliases, tt.checkFirstAlias)
			}
		})
	}
}

// TestOFACListingDate checks that the non-SDN "Listing Date (PROGRAM)"
// remark becomes ListedOn, so screening as of an earlier date does not
// count the entry.
func TestOFACListingDate(t *testing.T) {
	cons := byKey(must(loadOFACDir(t, "ofac/nonsdn-2025-12")))
	e := cons["CMIC:30946"]
	if e == nil {
		t.Fatal("CMIC:30946 (Hangzhou Hikvision) not loaded")
	}
	if want := time.Date(2021, 6, 3, 0, 0, 0, 0, time.UTC); !e.ListedOn.Equal(want) {
		t.Errorf("ListedOn = %v, want %v (remark %q)", e.ListedOn, want, e.Remarks)
	}
}
