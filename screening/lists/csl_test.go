package lists

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

func TestLoadCSLCSVRealFiles(t *testing.T) {
	tests := []struct {
		file     string
		format   string
		rows     int
		loaded   int
		failed   int
		bySource map[Source]int
	}{
		{"csl/consolidated-2023-11-partial.csv", FormatCSLCSV, 4226, 4226, 0, map[Source]int{
			SourceSDN: 1737, SourceEL: 919, SourceDPL: 577, SourceSSI: 288, SourceUVL: 186, SourceISN: 144,
			SourceDTC: 142, SourcePLC: 78, SourceMEU: 71, SourceCMIC: 68, SourceMBS: 14, SourceFSE: 1, SourceCAP: 1}},
		// 2019 layout: the four "Gunther Migeotte" EL rows (75 FR 36516) are
		// one listing with several addresses, merged into one entry.
		{"csl/consolidated-legacy-2019-12-sample.csv", FormatCSLCSVLegacy, 115, 115, 0, map[Source]int{
			SourceSDN: 28, SourceSSI: 26, SourceEL: 19, SourcePLC: 13, SourceDTC: 10, SourceDPL: 8, SourceUVL: 4, SourceISN: 3, SourceCAP: 1}},
		{"csl/consolidated-sample-2025-06.csv", FormatCSLCSV, 13, 13, 0, map[Source]int{
			SourceSSI: 3, SourcePLC: 2, SourceISN: 1, SourceUVL: 1, SourceMEU: 1, SourceSDN: 1, SourceDTC: 1, SourceDPL: 1, SourceFSE: 1, SourceEL: 1}},
		{"entity-list/entity_list.csv", FormatCSLCSV, 3265, 3265, 0, map[Source]int{SourceEL: 3265}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			es, rep := loadCSLFile(t, tt.file)
			if rep.Format != tt.format || rep.Rows != tt.rows || rep.Loaded != tt.loaded || rep.Failed != tt.failed {
				t.Errorf("report = %s rows %d loaded %d failed %d, want %s %d %d %d; errors %v",
					rep.Format, rep.Rows, rep.Loaded, rep.Failed, tt.format, tt.rows, tt.loaded, tt.failed, errStrings(rep.Errors))
			}
			if diff := cmp.Diff(tt.bySource, countBySource(es)); diff != "" {
				t.Errorf("entries per source (-want +got):\n%s", diff)
			}
		})
	}
}

func TestLoadCSLCSVRealEntries(t *testing.T) {
	csl := byKey(must(loadCSLFile(t, "csl/consolidated-2023-11-partial.csv")))
	el := byKey(must(loadCSLFile(t, "entity-list/entity_list.csv")))
	legacy := must(loadCSLFile(t, "csl/consolidated-legacy-2019-12-sample.csv"))

	t.Run("EL Huawei: aliases, footnotes, FR citation", func(t *testing.T) {
		e := el["EL:665d4aa7d469282eb319107db9d412a218b1f4eec7b1144055c964fa"]
		if e == nil {
			t.Fatal("Huawei Technologies Co., Ltd. not loaded")
		}
		if e.Name != "Huawei Technologies Co., Ltd." || e.FederalRegister != "84 FR 22963" ||
			!e.ListedOn.Equal(time.Date(2019, 5, 21, 0, 0, 0, 0, time.UTC)) ||
			e.LicenseRequirement != "For all items subject to the EAR, see §§ 734.9(e) and 744.11 of the EAR" {
			t.Errorf("got %q %q %v %q", e.Name, e.FederalRegister, e.ListedOn, e.LicenseRequirement)
		}
		if diff := cmp.Diff([]string{"FN 1", "FN 2"}, e.Footnotes); diff != "" {
			t.Errorf("footnotes (-want +got):\n%s", diff)
		}
		wantAliases := []Alias{{"Shenzhen Huawei Technologies", AliasAKA, false}, {"Huawei Technology", AliasAKA, false},
			{"Beijing Huawei Longshine", AliasAKA, false}, {"Huawei Marine", AliasAKA, false},
			{"Shenzhen Huawei Agisson Electric Co., Ltd.", AliasAKA, false}}
		if diff := cmp.Diff(wantAliases, e.Aliases); diff != "" {
			t.Errorf("aliases (-want +got):\n%s", diff)
		}
		a := e.Addresses[1]
		if a.Street != "No. 1899 Xi Yuan Road, High-Tech West District, Chengdu, 611731" || a.CountryText != "CN" || a.Country.String() != "CN" {
			t.Errorf("address 1 = %+v", a)
		}
	})
	t.Run("EL Abdul Satar Ghoura: addresses in two countries", func(t *testing.T) {
		e := el["EL:d68df1bbb38130c1d04755cc39491ff41014745aa83b1d3ec4192239"]
		var cc []string
		for _, a := range e.Addresses {
			cc = append(cc, a.Country.String())
		}
		if diff := cmp.Diff([]string{"AF", "AF", "PK", "PK"}, cc); diff != "" {
			t.Errorf("countries (-want +got):\n%s", diff)
		}
		if e.LicensePolicy != "" || e.FederalRegister != "76 FR 71869" {
			t.Errorf("policy %q FR %q", e.LicensePolicy, e.FederalRegister)
		}
	})
	t.Run("CSL DPL row", func(t *testing.T) {
		e := csl["DPL:a482fdb2e04fb53317b06224e6d8ac56722a707bdaa6ad501a7b6e8c"]
		want := &Entry{Source: SourceDPL, ID: "a482fdb2e04fb53317b06224e6d8ac56722a707bdaa6ad501a7b6e8c",
			Name: "AARON ABRAHAM VILLA", Addresses: []Address{{Street: "3415 RIVERA AVENUE, EL PASO, TX, 79905"}},
			FederalRegister: "87 F.R. 52741 8/29/2022", ListedOn: time.Date(2022, 8, 24, 0, 0, 0, 0, time.UTC),
			EndDate: time.Date(2026, 1, 14, 0, 0, 0, 0, time.UTC), Remarks: "F.R. NOTICE ADDED",
			SourceURL: "https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/denied-persons-list"}
		if diff := cmp.Diff(want, e, cmpOpts); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("CSL SDN individual: DOB, nationality, place of birth", func(t *testing.T) {
		e := csl["SDN:2677"]
		if e.Type != TypeIndividual || e.Name != "AL-ZOMOR, Abboud Abdul Latif Hassan" ||
			!cmp.Equal(e.DatesOfBirth, []string{"1947-04-19"}) || !cmp.Equal(e.Nationalities, []string{"EG"}) ||
			!cmp.Equal(e.PlacesOfBirth, []string{"Nahia, Giza, Egypt"}) || len(e.Aliases) != 5 || e.Aliases[0].Name != "ZUMAR, Abbud" {
			t.Errorf("got %+v", e)
		}
	})
	t.Run("CSL CMIC identifiers", func(t *testing.T) {
		e := csl["CMIC:30882"]
		if e.IDs[0] != (Identifier{Type: "Unified Social Credit Code (USCC)", Value: "9111000071093019X7", Country: "CN"}) ||
			e.IDs[2] != (Identifier{Type: "Issuer Name", Value: "China Telecom Corp Ltd"}) {
			t.Errorf("ids = %+v", e.IDs[:3])
		}
	})
	t.Run("legacy layout: id hash, Windows-1252 mojibake repaired, rows merged", func(t *testing.T) {
		var leib, gunther *Entry
		for _, e := range legacy {
			switch e.Key() {
			case "EL:" + cslHashID("A. Leib Ltd.", "81 FR 40174"):
				leib = e
			case "EL:" + cslHashID("Gunther Migeotte", "75 FR 36516"):
				gunther = e
			}
		}
		if leib.Addresses[0].Street != "HA’Assif 19, Binyamina" {
			t.Errorf("A. Leib Ltd. = %+v", leib)
		}
		// Four rows of 75 FR 36516, one Norwegian address each.
		if len(gunther.Addresses) != 4 || gunther.Addresses[3].Street != "H Evjes vei 8A, Gressvik" || gunther.Addresses[3].Country.String() != "NO" || !gunther.ListedOn.Equal(time.Date(2010, 6, 28, 0, 0, 0, 0, time.UTC)) {
			t.Errorf("Gunther Migeotte: %d addresses, listed %v", len(gunther.Addresses), gunther.ListedOn)
		}
	})
}

func must[T any](v T, _ LoadReport) T { return v }

const cslHeader = "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,dates_of_birth,nationalities,places_of_birth,source_information_url,ids\n"

// A real CSL row (UVL, consolidated-2023-11-partial.csv) used as a base
// for malformed variants.
const cslUVLRow = `"1b5979e8fd3920a1a0985bf5088dad930a6a5562d1513f9e4b015e42","Unverified List (UVL) - Bureau of Industry and Security","","","","Atlas Sanatgaran","","Komitas 26/114, Yerevan, Armenia, AM","","","","","","","","","","","","","","https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/unverified-list","","","","","","https://www.bis.doc.gov/index.php/policy-guidance/lists-of-parties-of-concern/unverified-list",""` + "\n"

func TestLoadCSLCSVMalformed(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		err     string   // whole-file error, "" if none
		errs    []string // per-row errors
		warns   []string
		loaded  int
		wantErr error
	}{
		{name: "empty file", in: "", err: "x.csv: empty file", wantErr: ErrEmptyFile},
		{name: "header only", in: cslHeader, err: "x.csv:1: empty file: header only, no records", wantErr: ErrEmptyFile},
		{name: "wrong file: OFAC sdn.csv", in: "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n",
			err: `x.csv: wrong file format: not a CSL CSV file: header has no "source" column (first line "36,AEROCARIBBEAN AIRLINES,-0- ,CUBA,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ")`, wantErr: ErrWrongFormat},
		{name: "wrong column count", in: cslHeader + cslUVLRow + "\"a\",\"Unverified List (UVL) - Bureau of Industry and Security\",\"x\"\n",
			errs: []string{`x.csv:3: wrong number of fields "3 fields, want 29"`}, loaded: 1, wantErr: ErrColumnCount},
		{name: "truncated quote", in: cslHeader + cslUVLRow + `"abc","Unverified List (UVL) - Bureau of Industry and Security","","","","Atlas`,
			errs: []string{`x.csv:3: syntax error: extraneous or missing " in quoted-field`}, loaded: 1, wantErr: ErrSyntax},
		{name: "bad date", in: cslHeader + strings.Replace(cslUVLRow, `"Komitas 26/114, Yerevan, Armenia, AM","",""`, `"Komitas 26/114, Yerevan, Armenia, AM","","13/45/2020"`, 1),
			errs: []string{`x.csv:2: field start_date: bad date "13/45/2020"`}, wantErr: ErrBadDate},
		{name: "placeholder date kept raw", in: cslHeader + strings.Replace(cslUVLRow, `"Komitas 26/114, Yerevan, Armenia, AM","","",""`, `"Komitas 26/114, Yerevan, Armenia, AM","","","3033-01-17"`, 1),
			warns: []string{`x.csv:2: field end_date: placeholder date "3033-01-17"`}, loaded: 1},
		{name: "invalid UTF-8 is Windows-1252", in: cslHeader + strings.Replace(cslUVLRow, "Atlas Sanatgaran", "Atlas Sanatgaran S\xe9rvice", 1),
			warns: []string{"x.csv:2: field name: invalid UTF-8, decoded as Windows-1252 \"Atlas Sanatgaran S\ufffdrvice\""}, loaded: 1},
		{name: "unknown source", in: cslHeader + strings.Replace(cslUVLRow, "Unverified List (UVL)", "Unverified List (XYZ)", 1),
			errs: []string{`x.csv:2: field source: unknown source list "Unverified List (XYZ) - Bureau of Industry and Security"`}, wantErr: ErrUnknownSource},
		{name: "a source the CSL does not carry", in: cslHeader + strings.Replace(cslUVLRow, "Unverified List (UVL) - Bureau of Industry and Security", "United Nations Security Council Consolidated List (UN)", 1),
			errs:    []string{`x.csv:2: field source: unknown source list: UN is not on the Consolidated Screening List; read it from its own file (format un-xml) "United Nations Security Council Consolidated List (UN)"`},
			wantErr: ErrUnknownSource},
		{name: "missing name", in: cslHeader + strings.Replace(cslUVLRow, "Atlas Sanatgaran", "", 1),
			errs: []string{`x.csv:2: field name: missing required field`}, wantErr: ErrMissingField},
		{name: "exact duplicate skipped", in: cslHeader + cslUVLRow + cslUVLRow,
			warns: []string{`x.csv:3: field _id: duplicate id "1b5979e8fd3920a1a0985bf5088dad930a6a5562d1513f9e4b015e42"`}, loaded: 1},
		{name: "duplicate id, other content", in: cslHeader + cslUVLRow + strings.Replace(cslUVLRow, "Atlas Sanatgaran", "Atlas", 1),
			errs: []string{`x.csv:3: field _id: duplicate id with different content "1b5979e8fd3920a1a0985bf5088dad930a6a5562d1513f9e4b015e42"`}, loaded: 1, wantErr: ErrDuplicate},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, rep, err := LoadCSLCSV(context.Background(), strings.NewReader(tt.in), "x.csv")
			if !checkMalformed(t, rep, err, tt.err, tt.wantErr, tt.errs, tt.warns) {
				return
			}
			if len(es) != tt.loaded || rep.Failed != len(tt.errs) || rep.Rows != rep.Loaded+rep.Failed+rep.Skipped {
				t.Errorf("entries %d (want %d), report %+v", len(es), tt.loaded, rep)
			}
		})
	}
}
