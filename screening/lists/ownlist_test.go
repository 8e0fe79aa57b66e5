package lists

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestLoadInternalCSV(t *testing.T) {
	// A company list naming two real Entity List parties the way a
	// compliance team would keep them.
	in := "name,type,country,aliases,id,remarks\n" +
		"Huawei Technologies Co. Ltd,entity,China,Huawei; Huawei Technology,CUST-0001,blocked by legal 2019-05\n" +
		"\"Sophgo Technologies Pte. Ltd.\",entity,SG,,,\n"
	es, rep, err := LoadInternalCSV(context.Background(), strings.NewReader(in), "deny.csv")
	if err != nil {
		t.Fatal(err)
	}
	want := []*Entry{
		{Source: SourceInternal, ID: "CUST-0001", Type: TypeEntity, Name: "Huawei Technologies Co. Ltd",
			Aliases:   []Alias{{Name: "Huawei", Kind: AliasAKA}, {Name: "Huawei Technology", Kind: AliasAKA}},
			Addresses: []Address{{CountryText: "China", Country: mustCountry("CN")}}, Remarks: "blocked by legal 2019-05"},
		{Source: SourceInternal, ID: cslHashID("Sophgo Technologies Pte. Ltd.", "SG")[:16], Type: TypeEntity, Name: "Sophgo Technologies Pte. Ltd.",
			Addresses: []Address{{CountryText: "SG", Country: mustCountry("SG")}}},
	}
	if diff := cmp.Diff(want, es, cmpOpts); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if rep.Rows != 2 || rep.Loaded != 2 || rep.Format != FormatInternalCSV {
		t.Errorf("report %+v", rep)
	}
}

func TestLoadInternalCSVMalformed(t *testing.T) {
	const h = "name,type,country,aliases,id,remarks\n"
	tests := []struct {
		name    string
		in      string
		err     string
		wantErr error
		errs    []string
		entries int
		unres   int
	}{
		{name: "empty file", in: "", err: "deny.csv: empty file", wantErr: ErrEmptyFile},
		{name: "unknown column", in: "name,typ\nX,entity\n", wantErr: ErrWrongFormat,
			err: `deny.csv: wrong file format: not a internal list CSV file: unknown column "typ" (columns are name, type, country, aliases, id, remarks)`},
		{name: "wrong file: CSL", in: cslHeader + cslUVLRow, wantErr: ErrWrongFormat,
			err: `deny.csv: wrong file format: not a internal list CSV file: unknown column "_id" (columns are name, type, country, aliases, id, remarks)`},
		{name: "bad type", in: h + "ACME,company,US,,,\n",
			errs: []string{`deny.csv:2: field type: not individual, entity, vessel or aircraft "company"`}},
		{name: "wrong column count", in: h + "ACME,entity\nBeta,entity,US,,,\n", entries: 1, wantErr: ErrColumnCount,
			errs: []string{`deny.csv:2: wrong number of fields "2 fields, want 6"`}},
		{name: "truncated quote", in: h + "Beta,entity,US,,,\n\"ACME,entity,US,,,\n", entries: 1, wantErr: ErrSyntax,
			errs: []string{`deny.csv:3: syntax error: extraneous or missing " in quoted-field`}},
		{name: "duplicate id", in: h + "ACME,entity,US,,A1,\nBeta,entity,US,,A1,\n", entries: 1, wantErr: ErrDuplicate,
			errs: []string{`deny.csv:3: field id: duplicate id "A1"`}},
		{name: "unresolved country is counted, not an error", in: h + "ACME,entity,Atlantis,,,\n", entries: 1, unres: 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			es, rep, err := LoadInternalCSV(context.Background(), strings.NewReader(tt.in), "deny.csv")
			if !checkMalformed(t, rep, err, tt.err, tt.wantErr, tt.errs, nil) {
				return
			}
			if len(es) != tt.entries || rep.UnresolvedCountries != tt.unres {
				t.Errorf("%d entries (want %d), %d unresolved (want %d)", len(es), tt.entries, rep.UnresolvedCountries, tt.unres)
			}
		})
	}
}
