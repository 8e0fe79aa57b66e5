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

func TestLoadDPLRealFile(t *testing.T) {
	f, err := os.Open(filepath.Join(td, "csl/bis-dpl-2023-11.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	es, rep, err := LoadDPL(context.Background(), f, "dpl.txt")
	if err != nil {
		t.Fatal(err)
	}
	// 665 rows (one per name and address) are 577 denial orders.
	if rep.Rows != 665 || rep.Loaded != 665 || rep.Failed != 0 || len(es) != 577 {
		t.Errorf("rows %d loaded %d failed %d entries %d, want 665 665 0 577", rep.Rows, rep.Loaded, rep.Failed, len(es))
	}
	// The publisher's typos in Last_Update are flagged, not fatal.
	wantWarn := []string{`dpl.txt:26: field Last_Update: placeholder date "1023-11-01"`,
		`dpl.txt:218: field Last_Update: placeholder date "1023-11-01"`, `dpl.txt:316: field Last_Update: placeholder date "3033-09-30"`}
	if diff := cmp.Diff(wantWarn, errStrings(rep.Warnings)); diff != "" {
		t.Errorf("warnings (-want +got):\n%s", diff)
	}
	m := byKey(es)
	garcia := m["DPL:"+cslHashID("JOSE ERNESTO GARCIA", "87 F.R. 59396 9/30/2022")]
	want := &Entry{Source: SourceDPL, ID: cslHashID("JOSE ERNESTO GARCIA", "87 F.R. 59396 9/30/2022"), Name: "JOSE ERNESTO GARCIA",
		Addresses:       []Address{{Street: "1502 HOLBROOK ROAD, #20", City: "SAN ANTONIO", State: "TX", PostalCode: "78218"}},
		ListedOn:        time.Date(2022, 9, 26, 0, 0, 0, 0, time.UTC),
		EndDate:         time.Date(2030, 2, 3, 0, 0, 0, 0, time.UTC),
		FederalRegister: "87 F.R. 59396 9/30/2022", Remarks: "F.R. NOTICE ADDED",
		SourceURL: "https://www.bis.gov/licensing/guidance-on-end-user-and-end-use-controls-and-us-person-controls/denied-persons-list"}
	if diff := cmp.Diff(want, garcia, cmpOpts); diff != "" {
		t.Errorf("JOSE ERNESTO GARCIA (-want +got):\n%s", diff)
	}
	var cc []string
	for _, e := range es {
		if e.Name == "AL NASER AIRLINES" {
			for _, a := range e.Addresses {
				cc = append(cc, a.City+"/"+a.Country.String())
			}
		}
	}
	if diff := cmp.Diff([]string{"BAGHDAD/IQ", "BAGHDAD/IQ", "DUBAI/AE", "AMMAN/JO"}, cc); diff != "" {
		t.Errorf("AL NASER AIRLINES addresses (-want +got):\n%s", diff)
	}
	// Same orders, same ids as the CSL's DPL rows of the same day.
	csl := must(loadCSLFile(t, "csl/consolidated-2023-11-partial.csv"))
	cslDPL := map[string]bool{}
	for _, e := range csl {
		if e.Source == SourceDPL {
			cslDPL[e.ID] = true
		}
	}
	missing := 0
	for _, e := range es {
		if !cslDPL[e.ID] {
			missing++
		}
	}
	if missing != 0 || len(cslDPL) != len(es) {
		t.Errorf("%d dpl.txt orders not in the CSL (CSL has %d, dpl.txt %d)", missing, len(cslDPL), len(es))
	}
}

const dplHeader = "\"Name\"\t\"Street_Address\"\t\"City\"\t\"State\"\t\"Country\"\t\"Postal_Code\"\t\"Effective_Date\"\t\"Expiration_Date\"\t\"Standard_Order\"\t\"Last_Update\"\t\"Action\"\t\"FR_Citation\"\n"

// dplGarcia is line 316 of the real dpl.txt, with its Last_Update typo fixed.
const dplGarcia = "\"JOSE ERNESTO GARCIA\"\t\"1502 HOLBROOK ROAD, #20\"\t\"SAN ANTONIO\"\t\"TX\"\t\"\"\t\"78218\"\t\"09/26/2022\"\t\"02/03/2030\"\t\"Y\"\t\"2022-09-30\"\t\"F.R. NOTICE ADDED\"\t\"87 F.R. 59396 9/30/2022\"\n"

func TestLoadDPLMalformed(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		err     string
		wantErr error
		errs    []string
		warns   []string
		entries int
	}{
		{name: "empty file", in: "", err: "dpl.txt: empty file", wantErr: ErrEmptyFile},
		{name: "header only", in: dplHeader, err: "dpl.txt:1: empty file: header only, no records", wantErr: ErrEmptyFile},
		{name: "wrong file: CSL CSV", in: cslHeader + cslUVLRow, wantErr: ErrWrongFormat,
			err: `dpl.txt: wrong file format: not a BIS dpl.txt file: first line "_id,source,entity_number,type,programs,name,title,addresses,federal_register_not…" is not the dpl.txt header (Name, Street_Address, …, FR_Citation, tab-separated)`},
		{name: "bad date", in: dplHeader + strings.Replace(dplGarcia, "09/26/2022", "13/45/2020", 1), wantErr: ErrBadDate,
			errs: []string{`dpl.txt:2: field Effective_Date: bad date "13/45/2020"`}},
		{name: "placeholder expiration", in: dplHeader + strings.Replace(dplGarcia, "02/03/2030", "01/17/3033", 1), entries: 1,
			warns: []string{`dpl.txt:2: field Expiration_Date: placeholder date "01/17/3033"`}},
		{name: "wrong column count", in: dplHeader + "\"JOSE ERNESTO GARCIA\"\t\"1502 HOLBROOK ROAD, #20\"\n" + dplGarcia, entries: 1, wantErr: ErrColumnCount,
			errs: []string{`dpl.txt:2: wrong number of fields "2 fields, want 12"`}},
		{name: "truncated quote", in: dplHeader + dplGarcia + "\"JOSE ERNESTO GARCIA\t\"1502", entries: 1, wantErr: ErrSyntax,
			errs: []string{`dpl.txt:3: syntax error: extraneous or missing " in quoted-field`}},
		{name: "Latin-1 street", in: dplHeader + strings.Replace(dplGarcia, "HOLBROOK", "H\xd6LBROOK", 1), entries: 1,
			warns: []string{"dpl.txt:2: field Street_Address: invalid UTF-8, decoded as Windows-1252 \"1502 H\ufffdLBROOK ROAD, #20\""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, rep, err := LoadDPL(context.Background(), strings.NewReader(tt.in), "dpl.txt")
			if !checkMalformed(t, rep, err, tt.err, tt.wantErr, tt.errs, tt.warns) {
				return
			}
			if len(es) != tt.entries || rep.Rows != rep.Loaded+rep.Failed {
				t.Errorf("%d entries, want %d; report %+v", len(es), tt.entries, rep)
			}
		})
	}
}
