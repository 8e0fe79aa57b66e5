package main

import (
	"errors"
	"io"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening"
	"github.com/google/go-cmp/cmp"
)

// readAll reads every request of one input.
func readAll(t *testing.T, in string) []*request {
	t.Helper()
	src, err := newSource(strings.NewReader(in), "", newIDSet())
	if err != nil {
		t.Fatalf("newSource: %v", err)
	}
	var out []*request
	for {
		r, err := src.Next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatalf("Next: %v", err)
		}
		out = append(out, r)
	}
}

func ptr[T any](v T) *T { return &v }

func TestCSVContract(t *testing.T) {
	// The same two requests in three layouts: contract column order, shuffled
	// columns with mixed-case headers, and only the columns used.
	want := []screening.Request{
		{ID: "ORD-2001", Date: "2026-11-02", Destination: "HK",
			Parties: []screening.Party{
				{Role: screening.RolePurchaser, Name: "Super Micro Computer, Inc.", Country: "US"},
				{Role: screening.RoleIntermediateConsignee, Name: "Detail Technology (HK) Ltd", Country: "HK"},
				{Role: screening.RoleEndUser, Name: "Beijing Biren Technology Development Co Ltd", Country: "CN"},
			},
			Items: []screening.Item{
				{TPP: 4992, DieAreaMM2: 826, Datacenter: ptr(true)},
				{HBMBandwidthDensity: 2.6},
			}},
		{ID: "ORD-2003", IPs: []string{"8.8.8.8", "94.100.180.1"},
			Parties: []screening.Party{{Role: screening.RoleAccountHolder, Name: "Snowflake Inc.", Country: "US"}}},
	}
	tests := []struct {
		name, in string
	}{
		{"contract order", "" +
			"id,role,name,address,country,destination,ip,hq_country,parent_name,parent_country,dob,eccn,tpp,die_area_mm2,datacenter,hbm_bandwidth_density,dram_bandwidth,end_use,date\n" +
			"ORD-2001,purchaser,\"Super Micro Computer, Inc.\",,US,HK,,,,,,,4992,826,true,,,,2026-11-02\n" +
			"ORD-2001,intermediate_consignee,Detail Technology (HK) Ltd,,HK,,,,,,,,,,,2.6,,,\n" +
			"ORD-2001,end_user,Beijing Biren Technology Development Co Ltd,,CN,,,,,,,,,,,,,,\n" +
			"ORD-2003,account_holder,Snowflake Inc.,,US,,8.8.8.8,,,,,,,,,,,,\n" +
			"ORD-2003,,,,,,94.100.180.1,,,,,,,,,,,,\n"},
		{"shuffled columns, header case, BOM, CRLF", "\ufeff" +
			"Date,TPP,Name,ID,Country,IP,Role,Destination,Die_Area_MM2,DataCenter,HBM_Bandwidth_Density\r\n" +
			"2026-11-02,4992,\"Super Micro Computer, Inc.\",ORD-2001,US,,Purchaser,HK,826,TRUE,\r\n" +
			",,Detail Technology (HK) Ltd,ORD-2001,HK,,intermediate_consignee,,,,2.6\r\n" +
			",,Beijing Biren Technology Development Co Ltd,ORD-2001,CN,,end_user,,,,\r\n" +
			",,Snowflake Inc.,ORD-2003,US,8.8.8.8,account_holder,,,,\r\n" +
			",,,ORD-2003,,94.100.180.1,,,,,\r\n"},
		{"two IPs in one cell", "" +
			"id,name,role,country,destination,date,tpp,die_area_mm2,datacenter,hbm_bandwidth_density,ip\n" +
			"ORD-2001,\"Super Micro Computer, Inc.\",purchaser,US,HK,2026-11-02,4992,826,yes,,\n" +
			"ORD-2001,Detail Technology (HK) Ltd,intermediate_consignee,HK,,,,,,2.6,\n" +
			"ORD-2001,Beijing Biren Technology Development Co Ltd,end_user,CN,,,,,,,\n" +
			"ORD-2003,Snowflake Inc.,account_holder,US,,,,,,,8.8.8.8; 94.100.180.1\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := readAll(t, tc.in)
			var reqs []screening.Request
			for _, r := range got {
				if r.err != nil {
					t.Fatalf("request %q: unexpected error %v", r.req.ID, r.err)
				}
				reqs = append(reqs, r.req)
			}
			if d := cmp.Diff(want, reqs); d != "" {
				t.Errorf("requests (-want +got):\n%s", d)
			}
			if got[0].line != 2 || got[1].line != 5 {
				t.Errorf("first lines = %d, %d; want 2, 5", got[0].line, got[1].line)
			}
			if d := cmp.Diff([]int{2, 3, 4}, got[0].partyLines); d != "" {
				t.Errorf("party lines (-want +got):\n%s", d)
			}
		})
	}
}

func TestCSVOnlyID(t *testing.T) {
	got := readAll(t, "id\nA\nB\nB\n")
	if len(got) != 2 || got[0].req.ID != "A" || got[1].req.ID != "B" || got[0].err != nil || got[1].err != nil {
		t.Fatalf("got %+v", got)
	}
	if got[1].req.Parties != nil || got[1].req.Items != nil {
		t.Errorf("an id-only row must add no party or item: %+v", got[1].req)
	}
}

func TestCSVBadHeader(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"name,country\nAcme,US\n", "line 1: no id column"},
		{"id,name,destinaton\nA,Acme,US\n", `line 1: unknown column "destinaton"`},
		{"id,Name,NAME\nA,x,y\n", `line 1: column "NAME" appears twice`},
	} {
		_, err := newSource(strings.NewReader(tc.in), "", newIDSet())
		if !errors.Is(err, ErrBadHeader) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: err = %v; want ErrBadHeader saying %q", tc.in, err, tc.want)
		}
	}
}

// TestCSVMalformedRows checks that each kind of bad row gives an error
// record naming the line and the field, and taints only its own request.
func TestCSVMalformedRows(t *testing.T) {
	const head = "id,role,name,country,destination,ip,dob,eccn,tpp,die_area_mm2,datacenter,date\n"
	tests := []struct {
		name, row, want string
	}{
		{"bad IP", "bad,purchaser,Acme Widgets Inc,US,US,not-an-ip,,,,,,", `line 3: field ip: invalid IP "not-an-ip"`},
		{"bad IP in a list", "bad,purchaser,Acme Widgets Inc,US,US,8.8.8.8;300.1.1.1,,,,,,", `line 3: field ip: invalid IP "300.1.1.1"`},
		{"unknown country", "bad,purchaser,Acme Widgets Inc,Narnia,US,,,,,,,", `line 3: field country: unknown country or region "Narnia"`},
		{"unknown destination", "bad,purchaser,Acme Widgets Inc,US,XX,,,,,,,", `line 3: field destination: unknown country or region "XX"`},
		{"bad date", "bad,purchaser,Acme Widgets Inc,US,US,,,,,,,2026-02-30", `line 3: field date: invalid date (want YYYY-MM-DD) "2026-02-30"`},
		{"bad dob", "bad,purchaser,Acme Widgets Inc,US,US,,13 Apr 1964,,,,,", `line 3: field dob: invalid date of birth (want YYYY, YYYY-MM or YYYY-MM-DD) "13 Apr 1964"`},
		{"number", "bad,purchaser,Acme Widgets Inc,US,US,,,,4992 TPP,,,", `line 3: field tpp: not a number "4992 TPP"`},
		{"negative", "bad,purchaser,Acme Widgets Inc,US,US,,,,,-826,,", `line 3: field die_area_mm2: negative number "-826"`},
		{"NaN", "bad,purchaser,Acme Widgets Inc,US,US,,,,NaN,,,", `line 3: field tpp: not a number "NaN"`},
		{"bool", "bad,purchaser,Acme Widgets Inc,US,US,,,,,,maybe,", `line 3: field datacenter: not a boolean (want true or false) "maybe"`},
		{"eccn", "bad,purchaser,Acme Widgets Inc,US,US,,,3A09O,,,,", `line 3: field eccn: invalid ECCN (want e.g. 3A090, 3A090.a, 4A090 or EAR99) "3A09O"`},
		{"eccn paragraph", "bad,purchaser,Acme Widgets Inc,US,US,,,3A090.ab,,,,", `line 3: field eccn: invalid ECCN (want e.g. 3A090, 3A090.a, 4A090 or EAR99) "3A090.ab"`},
		{"role", "bad,buyer,Acme Widgets Inc,US,US,,,,,,,", `line 3: field role: unknown role`},
		{"ragged short", "bad,purchaser,Acme Widgets Inc", "line 3: row has 3 fields, header has 12"},
		{"ragged long", "bad,purchaser,Acme Widgets Inc,US,US,,,,,,,,extra", "line 3: row has 13 fields, header has 12"},
		{"invalid UTF-8", "bad,purchaser,Acme \xff Widgets,US,US,,,,,,,", "line 3: field name: invalid UTF-8"},
		{"bare quote", `bad,purchaser,Acme "Widgets" Inc,US,US,,,,,,,`, "line 3: malformed CSV: bare \" in non-quoted-field"},
		{"missing id", ",purchaser,Acme Widgets Inc,US,US,,,,,,,", "line 3: field id: missing"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			in := head + "ok1,purchaser,Acme Widgets Inc,US,US,,,,,,,\n" + tc.row + "\nok2,purchaser,Acme Widgets Inc,US,DE,,,,,,,\n"
			got := readAll(t, in)
			if len(got) != 3 {
				t.Fatalf("got %d requests; want 3", len(got))
			}
			if got[0].err != nil || got[2].err != nil {
				t.Errorf("neighbours tainted: %v / %v", got[0].err, got[2].err)
			}
			if got[1].err == nil || !strings.HasPrefix(got[1].err.Error(), tc.want) {
				t.Errorf("error = %v; want prefix %q", got[1].err, tc.want)
			}
			var ie *InputError
			if !errors.As(got[1].err, &ie) || ie.Line != 3 {
				t.Errorf("error %v is not an *InputError on line 3", got[1].err)
			}
		})
	}
}

func TestCSVMultiRowTaint(t *testing.T) {
	in := "id,name,country,destination,ip,date\n" +
		"A,Acme Widgets Inc,US,DE,,\n" +
		"A,Example GmbH,DE,,not-an-ip,\n" +
		"A,Third,FR,,,\n" +
		"B,Acme Widgets Inc,US,DE,,2026-01-01\n" +
		"B,Example GmbH,DE,FR,,\n" +
		"C,Acme Widgets Inc,US,,,\n" +
		"D,x,US,,,\n" +
		"C,again,US,,,\n"
	got := readAll(t, in)
	var ids, errs []string
	for _, r := range got {
		ids = append(ids, r.req.ID)
		e := ""
		if r.err != nil {
			e = r.err.Error()
		}
		errs = append(errs, e)
	}
	if d := cmp.Diff([]string{"A", "B", "C", "D", "C"}, ids); d != "" {
		t.Fatalf("ids (-want +got):\n%s", d)
	}
	want := []string{
		`line 3: field ip: invalid IP "not-an-ip"`,
		`line 6: field destination: conflicts with "DE" given on an earlier row of request "B": "FR"`,
		"",
		"",
		`line 9: field id: id seen before: the rows of one request must be contiguous and an id names one request "C"`,
	}
	if d := cmp.Diff(want, errs); d != "" {
		t.Errorf("errors (-want +got):\n%s", d)
	}
}

func TestCSVMultipleFilesName(t *testing.T) {
	src, err := newSource(strings.NewReader("id,ip\nA,1.2.3\n"), "b.csv", newIDSet())
	if err != nil {
		t.Fatal(err)
	}
	r, err := src.Next()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.err.Error(), `b.csv: line 2: field ip: invalid IP "1.2.3"`; got != want {
		t.Errorf("error = %q; want %q", got, want)
	}
}

func TestJSONL(t *testing.T) {
	in := `{"id":"J1","destination":"CN","parties":[{"role":"purchaser","name":"Hangzhou Hikvision Digital Technology Co., Ltd.","country":"CN"}],"items":[{"tpp":4992,"die_area_mm2":826,"datacenter":true}]}

{"id":"J2","ips":["8.8.8.8","not-an-ip"]}
{"id":"J3","parties":[{"name":"Acme","country":"Narnia"}]}
{"id":"J4","items":[{"tpp":"high"}]}
{"id":"J5","colour":"red"}
not json at all
{"id":"J1"}
{"id":"J6","date":"2026-13-01"}
{"id":"J7","parties":[{"name":"Acme ` + "\xff" + `"}]}
{"id":"J8","parties":[{"role":"buyer"}]}
{"id":"J9"} {"id":"J10"}
`
	got := readAll(t, in)
	type res struct{ ID, Err string }
	var rs []res
	for _, r := range got {
		e := ""
		if r.err != nil {
			e = r.err.Error()
		}
		rs = append(rs, res{r.req.ID, e})
	}
	want := []res{
		{"J1", ""},
		{"J2", `line 3: field ips[1]: invalid IP "not-an-ip"`},
		{"J3", `line 4: field parties[0].country: unknown country or region "Narnia"`},
		{"J4", `line 5: field items.tpp: want a JSON float64, got string`},
		{"J5", `line 6: not a JSON request: json: unknown field "colour"`},
		{"", `line 7: not a JSON request: invalid character 'o' in literal null (expecting 'u')`},
		{"J1", `line 8: field id: id seen before: an id names one request "J1"`},
		{"J6", `line 9: field date: invalid date (want YYYY-MM-DD) "2026-13-01"`},
		{"J7", `line 10: invalid UTF-8`},
		{"J8", `line 11: field parties[0].role: unknown role "buyer"`},
		{"J9", `line 12: more than one JSON value on the line`},
	}
	if d := cmp.Diff(want, rs); d != "" {
		t.Errorf("(-want +got):\n%s", d)
	}
	if d := cmp.Diff(screening.Request{ID: "J1", Destination: "CN",
		Parties: []screening.Party{{Role: "purchaser", Name: "Hangzhou Hikvision Digital Technology Co., Ltd.", Country: "CN"}},
		Items:   []screening.Item{{TPP: 4992, DieAreaMM2: 826, Datacenter: ptr(true)}}}, got[0].req); d != "" {
		t.Errorf("J1 (-want +got):\n%s", d)
	}
}

func TestDetectFormat(t *testing.T) {
	for in, want := range map[string]bool{
		"":                     false,
		"id,name\n":            false,
		"\n\n  {\"id\":1}":     true,
		"\ufeff{\"id\":\"a\"}": true,
		"\ufeffid\n":           false,
	} {
		if got := isJSONL(in); got != want {
			t.Errorf("%q: jsonl = %v; want %v", in, got, want)
		}
	}
}

func isJSONL(in string) bool {
	src, err := newSource(strings.NewReader(in), "", newIDSet())
	if err != nil {
		return false
	}
	_, ok := src.(*jsonlSource)
	return ok
}

func TestSampleParses(t *testing.T) {
	for _, f := range []string{"../../testdata/orders/sample.csv", "../../testdata/orders/sample-geo.csv"} {
		t.Run(f, func(t *testing.T) {
			data := mustRead(t, f)
			got := readAll(t, data)
			if len(got) == 0 {
				t.Fatal("no requests")
			}
			for _, r := range got {
				if r.err != nil {
					t.Errorf("%s: %v", r.req.ID, r.err)
				}
			}
		})
	}
}
