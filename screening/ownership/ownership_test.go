package ownership

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/google/go-cmp/cmp"
)

// fakeLister knows a few real list entries by name.
type fakeLister map[string]Listing

func (f fakeLister) ByName(_ context.Context, name, _ string) ([]Listing, error) {
	if x, ok := f[Key(name)]; ok {
		return []Listing{x}, nil
	}
	return nil, nil
}

// eval runs g.Evaluate, failing tb on an error.
func eval(tb testing.TB, g *Graph, l Lister, opt Options) *Result {
	tb.Helper()
	r, err := g.Evaluate(context.Background(), l, opt)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

func (f fakeLister) ByKey(key string) (Listing, bool) {
	for _, x := range f {
		if x.Key == key {
			return x, true
		}
	}
	return Listing{}, false
}

var lister = fakeLister{
	Key("BANCO NACIONAL DE CUBA"): {Key: "SDN:306", Source: "SDN", Name: "BANCO NACIONAL DE CUBA", Score: 1},
	Key("CUBAN AVIATION CO"):      {Key: "SDN:999", Source: "SDN", Name: "CUBAN AVIATION CO", Score: 1},
	Key("Beijing Institute of Technology"): {Key: "EL:97736f0b", Source: "EL", Name: "Beijing Institute of Technology",
		LicenseRequirement: "For all items subject to the EAR. (See § 744.11 of the EAR)", Score: 1},
	Key("Aviation Industry Corporation of China 612 Institute"): {Key: "EL:96c3faec", Source: "EL", Name: "Aviation Industry Corporation of China 612 Institute",
		LicenseRequirement: "For all items subject to the EAR.", Score: 1},
	// Spellings that match an entry only fuzzily, with nothing to confirm
	// them: potential listings.
	Key("Banco Nacional Cuba"): {Key: "SDN:306", Source: "SDN", Name: "BANCO NACIONAL DE CUBA", Score: 0.91, Potential: true,
		Why: "the name is not exactly a listed name; no identifier, date of birth or address country agrees"},
	Key("Beijing Inst of Technology"): {Key: "EL:97736f0b", Source: "EL", Name: "Beijing Institute of Technology",
		LicenseRequirement: "For all items subject to the EAR. (See § 744.11 of the EAR)", Score: 0.88, Potential: true},
}

func date(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }

func csvGraph(t *testing.T, body string) *Graph {
	t.Helper()
	g, err := ParseCSV("own.csv", strings.NewReader("owner,owner_country,owned,owned_country,percent,start_date,end_date\n"+body))
	if err != nil {
		t.Fatal(err)
	}
	return g
}

type brief struct {
	Rule    string
	Percent float64
	Entries []string
	// Potential are the keys of Finding.Potential.
	Potential []string
}

func briefs(fs []Finding) []brief {
	var out []brief
	for _, f := range fs {
		var pot []string
		for _, x := range f.Potential {
			pot = append(pot, x.Key)
		}
		out = append(out, brief{f.Rule, f.Percent, f.Entries, pot})
	}
	return out
}

func TestOwnershipRules(t *testing.T) {
	today := date("2026-11-28")
	tests := []struct {
		name   string
		edges  string
		date   time.Time
		after  string
		entity string
		want   []brief
	}{
		{"direct 50% by an SDN", "BANCO NACIONAL DE CUBA,CU,Havana Trading SA,CU,50,,\n", today, "", "Havana Trading SA",
			[]brief{{RuleOFAC50, 50, []string{"SDN:306"}, nil}}},
		{"49.9% is not blocked, but is a minority red flag", "BANCO NACIONAL DE CUBA,CU,Havana Trading SA,CU,49.9,,\n", today, "", "Havana Trading SA",
			[]brief{{RuleMinority, 49.9, []string{"SDN:306"}, nil}}},
		{"two SDNs at 25% each aggregate to 50%", "BANCO NACIONAL DE CUBA,CU,Havana Trading SA,CU,25,,\nCUBAN AVIATION CO,CU,Havana Trading SA,CU,25,,\n", today, "", "Havana Trading SA",
			[]brief{{RuleOFAC50, 50, []string{"SDN:306", "SDN:999"}, nil}}},
		{"indirect through a blocked intermediate", "BANCO NACIONAL DE CUBA,CU,Intermediate Holdings Ltd,PA,60,,\nIntermediate Holdings Ltd,PA,Caribe Shipping Ltd,PA,50,,\n", today, "", "Caribe Shipping Ltd",
			[]brief{{RuleOFAC50, 50, []string{"SDN:306"}, nil}}},
		{"an unblocked intermediate does not pass on its owner's stake", "BANCO NACIONAL DE CUBA,CU,Intermediate Holdings Ltd,PA,40,,\nIntermediate Holdings Ltd,PA,Caribe Shipping Ltd,PA,100,,\n", today, "", "Caribe Shipping Ltd",
			nil},
		{"a cycle terminates", "BANCO NACIONAL DE CUBA,CU,Alpha Ltd,,50,,\nAlpha Ltd,,Beta Ltd,,50,,\nBeta Ltd,,Alpha Ltd,,30,,\n", today, "", "Beta Ltd",
			[]brief{{RuleOFAC50, 50, []string{"SDN:306"}, nil}}},
		{"list reference by key", "list:SDN:306,,Havana Trading SA,CU,75,,\n", today, "", "Havana Trading SA",
			[]brief{{RuleOFAC50, 75, []string{"SDN:306"}, nil}}},
		{"Affiliates rule in force (Oct 2025)", "Beijing Institute of Technology,CN,BIT Optics GmbH,DE,60,,\n", date("2025-10-15"), "", "BIT Optics GmbH",
			[]brief{{RuleAffiliates, 60, []string{"EL:97736f0b"}, nil}}},
		{"Affiliates rule suspended (Dec 2025): still a red flag", "Beijing Institute of Technology,CN,BIT Optics GmbH,DE,60,,\n", date("2025-12-01"), "", "BIT Optics GmbH",
			[]brief{{RuleAffiliatesSuspended, 60, []string{"EL:97736f0b"}, nil}}},
		{"before the Affiliates rule took effect, a listed majority owner is a red flag", "Beijing Institute of Technology,CN,BIT Optics GmbH,DE,60,,\n", date("2025-09-28"), "", "BIT Optics GmbH",
			[]brief{{RuleMinority, 60, []string{"EL:97736f0b"}, nil}}},
		{"after the suspension, as the policy assumes (in force)", "Beijing Institute of Technology,CN,BIT Optics GmbH,DE,60,,\n", today, "in_force", "BIT Optics GmbH",
			[]brief{{RuleAffiliates, 60, []string{"EL:97736f0b"}, nil}}},
		{"after the suspension, policy says still suspended", "Beijing Institute of Technology,CN,BIT Optics GmbH,DE,60,,\n", today, "suspended", "BIT Optics GmbH",
			[]brief{{RuleAffiliatesSuspended, 60, []string{"EL:97736f0b"}, nil}}},
		{"a stake that ended before the date does not count", "BANCO NACIONAL DE CUBA,CU,Havana Trading SA,CU,80,2020-01-01,2024-06-30\n", today, "", "Havana Trading SA",
			nil},
		{"a stake inside its dates counts", "BANCO NACIONAL DE CUBA,CU,Havana Trading SA,CU,80,2020-01-01,2024-06-30\n", date("2023-03-01"), "", "Havana Trading SA",
			[]brief{{RuleOFAC50, 80, []string{"SDN:306"}, nil}}},
		{"small minority below the threshold", "BANCO NACIONAL DE CUBA,CU,Havana Trading SA,CU,10,,\n", today, "", "Havana Trading SA",
			nil},
		// Owners matched only as potential listings.
		{"a potential SDN owner of 60% gives a potential finding", "Banco Nacional Cuba,CU,Havana Trading SA,CU,60,,\n", today, "", "Havana Trading SA",
			[]brief{{RuleOFAC50, 60, []string{"SDN:306"}, []string{"SDN:306"}}}},
		{"the same owner by list reference is confirmed", "list:SDN:306,CU,Havana Trading SA,CU,60,,\n", today, "", "Havana Trading SA",
			[]brief{{RuleOFAC50, 60, []string{"SDN:306"}, nil}}},
		{"confirmed 30% and potential 30%: the 50% needs the potential one", "CUBAN AVIATION CO,CU,Havana Trading SA,CU,30,,\nBanco Nacional Cuba,CU,Havana Trading SA,CU,30,,\n", today, "", "Havana Trading SA",
			[]brief{{RuleOFAC50, 60, []string{"SDN:306", "SDN:999"}, []string{"SDN:306"}}}},
		{"confirmed 60% is enough: the potential 30% is not needed", "CUBAN AVIATION CO,CU,Havana Trading SA,CU,60,,\nBanco Nacional Cuba,CU,Havana Trading SA,CU,30,,\n", today, "", "Havana Trading SA",
			[]brief{{RuleOFAC50, 60, []string{"SDN:999"}, nil}}},
		{"a potential root makes the whole chain potential", "Banco Nacional Cuba,CU,Intermediate Holdings Ltd,PA,60,,\nIntermediate Holdings Ltd,PA,Caribe Shipping Ltd,PA,50,,\n", today, "", "Caribe Shipping Ltd",
			[]brief{{RuleOFAC50, 50, []string{"SDN:306"}, []string{"SDN:306"}}}},
		{"a potential Entity List owner under the Affiliates rule", "Beijing Inst of Technology,CN,BIT Optics GmbH,DE,60,,\n", date("2025-10-15"), "", "BIT Optics GmbH",
			[]brief{{RuleAffiliates, 60, []string{"EL:97736f0b"}, []string{"EL:97736f0b"}}}},
		{"a potential minority stake", "Banco Nacional Cuba,CU,Havana Trading SA,CU,30,,\n", today, "", "Havana Trading SA",
			[]brief{{RuleMinority, 30, []string{"SDN:306"}, []string{"SDN:306"}}}},
		{"a confirmed minority stake stands without the potential one", "CUBAN AVIATION CO,CU,Havana Trading SA,CU,25,,\nBanco Nacional Cuba,CU,Havana Trading SA,CU,20,,\n", today, "", "Havana Trading SA",
			[]brief{{RuleMinority, 25, []string{"SDN:999"}, nil}}},
		{"confirmed 20% and potential 10% reach the minority threshold only together", "CUBAN AVIATION CO,CU,Havana Trading SA,CU,20,,\nBanco Nacional Cuba,CU,Havana Trading SA,CU,10,,\n", today, "", "Havana Trading SA",
			[]brief{{RuleMinority, 30, []string{"SDN:306", "SDN:999"}, []string{"SDN:306"}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := csvGraph(t, tt.edges)
			res := eval(t, g, lister, Options{Date: tt.date, AffiliatesAfterSuspension: tt.after})
			if diff := cmp.Diff(tt.want, briefs(res.Findings(tt.entity))); diff != "" {
				t.Errorf("findings (-want +got):\n%s", diff)
			}
		})
	}
}

func TestChainExplainsIndirectOwnership(t *testing.T) {
	g := csvGraph(t, "BANCO NACIONAL DE CUBA,CU,Intermediate Holdings Ltd,PA,60,,\nIntermediate Holdings Ltd,PA,Caribe Shipping Ltd,PA,50,,\n")
	fs := eval(t, g, lister, Options{Date: date("2026-11-28")}).Findings("caribe shipping ltd.")
	if len(fs) != 1 {
		t.Fatalf("findings = %+v", fs)
	}
	want := []string{
		"Intermediate Holdings Ltd [caught through its own owners] owns 50% of Caribe Shipping Ltd (own.csv:3)",
		`  BANCO NACIONAL DE CUBA [listed: SDN:306 "BANCO NACIONAL DE CUBA"] owns 60% of Intermediate Holdings Ltd (own.csv:2)`,
	}
	if diff := cmp.Diff(want, fs[0].Chain); diff != "" {
		t.Errorf("chain (-want +got):\n%s", diff)
	}
	if fs[0].Citation != CiteOFAC50 {
		t.Errorf("citation = %q", fs[0].Citation)
	}
}

// TestMinorityFindingHasAChain: a minority finding's entity is caught by no
// rule, yet its chain explains it like any other.
func TestMinorityFindingHasAChain(t *testing.T) {
	g := csvGraph(t, "BANCO NACIONAL DE CUBA,CU,Havana Trading SA,CU,30,,\n")
	fs := eval(t, g, lister, Options{Date: date("2026-11-28")}).Findings("Havana Trading SA")
	if len(fs) != 1 || fs[0].Rule != RuleMinority {
		t.Fatalf("findings = %+v", fs)
	}
	want := []string{`BANCO NACIONAL DE CUBA [listed: SDN:306 "BANCO NACIONAL DE CUBA"] owns 30% of Havana Trading SA (own.csv:2)`}
	if diff := cmp.Diff(want, fs[0].Chain); diff != "" {
		t.Errorf("chain (-want +got):\n%s", diff)
	}
}

func TestChainMarksPotentialListings(t *testing.T) {
	g := csvGraph(t, "Banco Nacional Cuba,CU,Intermediate Holdings Ltd,PA,60,,\nIntermediate Holdings Ltd,PA,Caribe Shipping Ltd,PA,50,,\n")
	fs := eval(t, g, lister, Options{Date: date("2026-11-28")}).Findings("Caribe Shipping Ltd")
	if len(fs) != 1 {
		t.Fatalf("findings = %+v", fs)
	}
	want := []string{
		"Intermediate Holdings Ltd [caught through its own owners] owns 50% of Caribe Shipping Ltd (own.csv:3)",
		`  Banco Nacional Cuba [listed: SDN:306 "BANCO NACIONAL DE CUBA" (potential match, score 0.91)] owns 60% of Intermediate Holdings Ltd (own.csv:2)`,
	}
	if diff := cmp.Diff(want, fs[0].Chain); diff != "" {
		t.Errorf("chain (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]Listing{lister[Key("Banco Nacional Cuba")]}, fs[0].Potential); diff != "" {
		t.Errorf("potential (-want +got):\n%s", diff)
	}
}

func TestAffiliatesPassesTheMostRestrictiveRequirement(t *testing.T) {
	g := csvGraph(t, "Aviation Industry Corporation of China 612 Institute,CN,Joint Venture Co,CN,30,,\nBeijing Institute of Technology,CN,Joint Venture Co,CN,30,,\n")
	fs := eval(t, g, lister, Options{Date: date("2025-10-01")}).Findings("Joint Venture Co")
	if len(fs) != 1 || fs[0].Rule != RuleAffiliates {
		t.Fatalf("findings = %+v", fs)
	}
	if fs[0].LicenseRequirement != "For all items subject to the EAR. (See § 744.11 of the EAR)" {
		t.Errorf("license requirement = %q", fs[0].LicenseRequirement)
	}
}

func TestTotalsOverHundredAreFlagged(t *testing.T) {
	g := csvGraph(t, "A Corp,,Target Ltd,,70,,\nB Corp,,Target Ltd,,40,,\n")
	if diff := cmp.Diff([]string{`own.csv: stakes in "Target Ltd" add up to 110% with open dates`}, g.Warnings()); diff != "" {
		t.Error(diff)
	}
}

func TestBadOwnershipFiles(t *testing.T) {
	const header = "owner,owner_country,owned,owned_country,percent,start_date,end_date\n"
	tests := []struct {
		name, body, want string
	}{
		{"empty file", "", "own.csv:1: empty file: want a header with owner, owned, percent"},
		{"missing column", "owner,owned\nA,B\n", `own.csv:1: field header: missing required column percent "owner,owned"`},
		{"unknown column", "owner,owned,percent,share\n", `own.csv:1: field header: unknown column (want owner, owner_country, owned, owned_country, percent, start_date, end_date) "share"`},
		{"percent not a number", header + "A,,B,,half,,\n", `own.csv:2: field percent: not a number "half"`},
		{"percent over 100", header + "A,,B,,150,,\n", `own.csv:2: field percent: must be more than 0 and at most 100 "150"`},
		{"percent zero", header + "A,,B,,0,,\n", `own.csv:2: field percent: must be more than 0 and at most 100 "0"`},
		{"bad date", header + "A,,B,,50,2025-13-01,\n", `own.csv:2: field start_date: want a date as YYYY-MM-DD "2025-13-01"`},
		{"end before start", header + "A,,B,,50,2025-06-01,2025-01-01\n", `own.csv:2: field end_date: must be after start_date "2025-01-01"`},
		{"empty owner", header + ",,B,,50,,\n", `own.csv:2: field owner: is empty ""`},
		{"self ownership", header + "A Ltd,,A LTD.,,50,,\n", `own.csv:2: field owned: an entity cannot own itself "A LTD."`},
		{"ragged row", header + "A,,B,,50\n", "own.csv:2: 5 fields, header has 7"},
		{"bad list reference", header + "list:306,,B,,50,,\n", `own.csv:2: field owner: list reference must be "list:SOURCE:ID" "list:306"`},
		{"list reference to an unknown list", header + "list:XYZ:306,,B,,50,,\n", `own.csv:2: field owner: list reference must be "list:SOURCE:ID" "list:XYZ:306"`},
		{"unterminated quote", header + "\"A,,B,,50,,\n", "own.csv:2: extraneous or missing \" in quoted-field"},
		{"invalid UTF-8", header + "A\xff,,B,,50,,\n", "own.csv:2: field owner: invalid UTF-8 \"A\uFFFD\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, err := ParseCSV("own.csv", strings.NewReader(tt.body))
			if g != nil || err == nil {
				t.Fatalf("want an error and no graph, got %v, %v", g, err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("error does not wrap ErrInvalid: %v", err)
			}
			if err.Error() != tt.want {
				t.Errorf("error = %q\n want %q", err, tt.want)
			}
		})
	}
}

// TestParseCSVReadError checks that a reader failing mid-file ends the
// parse with that error (a reader may fail again on every call).
func TestParseCSVReadError(t *testing.T) {
	r := io.MultiReader(strings.NewReader("owner,owned,percent\nA,B,50\n"), iotest.ErrReader(errors.New("disk gone")))
	g, err := ParseCSV("own.csv", r)
	if g != nil || !errors.Is(err, ErrInvalid) || err.Error() != "own.csv: disk gone" {
		t.Fatalf("ParseCSV = %v, %v; want no graph and the error \"own.csv: disk gone\"", g, err)
	}
}

func TestParseJSON(t *testing.T) {
	g, err := ParseJSON("own.json", []byte(`[
  {"owner": "BANCO NACIONAL DE CUBA", "owned": "Havana Trading SA", "percent": 50},
  {"owner": "list:SDN:999", "owned": "Havana Trading SA", "percent": 10, "start_date": "2024-01-01"}
]`))
	if err != nil {
		t.Fatal(err)
	}
	if g.Len() != 2 || g.Edges()[1].Line != 3 || !g.Edges()[1].Start.Equal(date("2024-01-01")) {
		t.Fatalf("edges = %+v", g.Edges())
	}
	for _, tt := range []struct{ body, want string }{
		{`[{"owner": "A", "owned": "B", "percent": "50"}]`, `own.json:1: field percent: wrong type, want float64 "string"`},
		{"[\n {\"owner\": \"A\", \"owned\": \"B\", \"percent\": 50, \"share\": 1}]", `own.json:2: json: unknown field "share"`},
		{"[\n {\"owner\": \"A\", \"owned\": \"B\", \"percent\": 50, \"end_date\": \"tomorrow\"}]", `own.json:2: field end_date: want a date as YYYY-MM-DD "tomorrow"`},
		{`{"owner": "A"}`, "own.json:1: want a JSON array of ownership edges"},
		{"[\n {\"owner\": \"A\",", "own.json:2: unexpected end of JSON"},
	} {
		if _, err := ParseJSON("own.json", []byte(tt.body)); err == nil || err.Error() != tt.want {
			t.Errorf("ParseJSON(%q) error = %v\n want %s", tt.body, err, tt.want)
		}
	}
}

func FuzzParseCSV(f *testing.F) {
	f.Add("owner,owned,percent\nA,B,50\n")
	f.Add("owner,owner_country,owned,owned_country,percent,start_date,end_date\nlist:SDN:1,,B,CU,50%,2020-01-01,2021-01-01\nB,,A,,60,,\n")
	f.Add("owner,owned,percent\n\"A,B,50\n")
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseCSV("f.csv", strings.NewReader(s))
		if (g == nil) == (err == nil) {
			t.Fatalf("graph %v and error %v", g, err)
		}
		if g != nil {
			eval(t, g, lister, Options{Date: date("2026-01-01")})
		}
	})
}

func FuzzParseJSON(f *testing.F) {
	f.Add(`[{"owner":"A","owned":"B","percent":50}]`)
	f.Add(`[{"owner":"list:SDN:306","owned":"B","percent":100,"start_date":"2020-01-01"}]`)
	f.Add(`[`)
	f.Fuzz(func(t *testing.T, s string) {
		g, err := ParseJSON("f.json", []byte(s))
		if (g == nil) == (err == nil) {
			t.Fatalf("graph %v and error %v", g, err)
		}
	})
}

// BenchmarkEvaluateChain evaluates a chain of 5,000 entities, each owning
// 60% of the next, below an SDN entry: every entity is caught, and each
// finding's listed roots lie at the far end of the chain. With a potential
// root (an owner name that only fuzzily matches the entry) each rule is
// applied twice, on the confirmed listings and on all of them.
//
//	go test -run '^$' -bench EvaluateChain -benchtime 3x -cpu 1 ./screening/ownership/
func BenchmarkEvaluateChain(b *testing.B) {
	for _, root := range []struct{ name, owner string }{
		{"confirmed_root", "list:SDN:306"},
		{"potential_root", "Banco Nacional Cuba"},
	} {
		b.Run(root.name, func(b *testing.B) {
			edges := []Edge{{Owner: root.owner, Owned: "Holding Company Number 0 Ltd", Percent: 60}}
			for i := range 5000 {
				edges = append(edges, Edge{Owner: fmt.Sprintf("Holding Company Number %d Ltd", i), Owned: fmt.Sprintf("Holding Company Number %d Ltd", i+1), Percent: 60, Line: i + 2})
			}
			g, err := New("chain.csv", edges)
			if err != nil {
				b.Fatal(err)
			}
			for b.Loop() {
				if r := eval(b, g, lister, Options{Date: date("2026-01-01")}); len(r.Findings("Holding Company Number 5000 Ltd")) != 1 {
					b.Fatal("the end of the chain is not caught")
				}
			}
		})
	}
}
