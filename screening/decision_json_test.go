package screening

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/rules"
)

// stdJSON is what the audit wrote before AppendJSON: encoding/json with
// HTML escaping off, without the trailing newline.
func stdJSON(t testing.TB, v any) ([]byte, error) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}

// sameAsStd checks that AppendJSON and a DecisionEncoder (twice, so that
// the second call takes the cached versions block) write exactly what
// encoding/json writes.
func sameAsStd(t testing.TB, enc *DecisionEncoder, d *Decision) {
	t.Helper()
	want, err := stdJSON(t, d)
	if err != nil {
		t.Fatalf("encoding/json: %v", err)
	}
	got, err := d.AppendJSON([]byte("prefix"))
	if err != nil {
		t.Fatalf("AppendJSON(%q): %v", d.ID, err)
	}
	if !bytes.Equal(got[len("prefix"):], want) {
		t.Fatalf("AppendJSON(%q) differs from encoding/json:\n got %s\nwant %s", d.ID, got[len("prefix"):], want)
	}
	for range 2 {
		got, err := enc.Append(nil, d)
		if err != nil {
			t.Fatalf("DecisionEncoder.Append(%q): %v", d.ID, err)
		}
		if !bytes.Equal(got, want) {
			t.Fatalf("DecisionEncoder.Append(%q) differs from encoding/json:\n got %s\nwant %s", d.ID, got, want)
		}
	}
}

// jsonRequests are requests whose decisions carry every kind of record:
// list hits in both bands, embargoed and concern destinations, items
// classified and not, IPs located, private and invalid, input errors.
var jsonRequests = []Request{
	benchRequest,
	benchNames,
	{ID: "el", Destination: "CN", Parties: []Party{
		{Role: RolePurchaser, Name: "Hangzhou Hikvision Digital Technology Co Ltd", Country: "CN", Address: "No. 555 Qianmo Road"}}},
	{ID: "el-2019", Date: "2019-01-15", Parties: []Party{{Role: RolePurchaser, Name: "HIKVISION", Country: "CN"}}},
	{ID: "ir", Destination: "Iran, Islamic Republic of"},
	{ID: "crimea", Destination: "Crimea (occupied)"},
	{ID: "mo", Destination: "Macao SAR"},
	{ID: "chip-cn", Destination: "China", Parties: []Party{{Role: RoleEndUser, Name: "Example Compute GmbH", Country: "CN"}},
		Items: []Item{{ID: "a100", TPP: 4992, DieAreaMM2: 826, Datacenter: yes()}, {ID: "eccn", ECCN: "5A992"}}},
	{ID: "hq", Destination: "DE", Parties: []Party{{Role: RolePurchaser, Name: "Example Compute GmbH", Country: "DE", HQCountry: "CN"}},
		Items: []Item{{TPP: 15832, DieAreaMM2: 814, Datacenter: yes()}}},
	{ID: "parent", Destination: "DE", Parties: []Party{
		{Role: RolePurchaser, Name: "JYM Technology Co., Ltd.", Country: "CN", ParentName: "Yangtze Memory Technologies Co., Ltd.", ParentCountry: "CN"}}},
	{ID: "ips", Parties: []Party{{Role: RoleAccountHolder, Name: "Example Compute GmbH", Country: "DE"}},
		IPs: []string{"10.1.2.3", "5.160.0.1", "2a02:6b8::1", "8.8.8.8"}},
	{ID: "bad", Date: "28/11/2026", Destination: "Atlantis", IPs: []string{"not-an-ip"}},
	{ID: "names", Parties: []Party{{Role: RolePurchaser, Name: "朝鲜联合机械贸易会社"}, {Role: RoleEndUser, Name: "Умаров Доку Хаматович", Type: "individual"},
		{Role: "buyer", Name: "A \"quoted\" <name> & co\u2028\t"}}},
}

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	ctx := context.Background()
	var enc DecisionEncoder
	for _, req := range jsonRequests {
		d, err := embedded(t).Screen(ctx, req)
		if err != nil {
			t.Fatalf("Screen(%q): %v", req.ID, err)
		}
		sameAsStd(t, &enc, &d)
	}
}

func TestAppendJSONMatchesEncodingJSONOnMaxMindTestDatabases(t *testing.T) {
	s := maxmindScreener(t)
	var enc DecisionEncoder
	// Crimea, an anonymous VPN and Tor exit in Iran, a city in China, a
	// represented country, an anycast network, no record.
	for _, ip := range []string{"1.231.232.1", "1.124.213.1", "175.16.199.1", "202.196.224.1", "81.2.69.142", "214.1.1.1", "1.1.1.1"} {
		d, err := s.Screen(context.Background(), Request{ID: ip, Parties: []Party{{Role: RoleAccountHolder, Name: "Example Compute GmbH", Country: "JP"}}, IPs: []string{ip}})
		if err != nil {
			t.Fatal(err)
		}
		sameAsStd(t, &enc, &d)
	}
}

// fullDecision sets every field, with the values that test the edges of
// encoding/json's rules: floats in exponent form, -0, strings to escape,
// nil and empty lists, evidence of types the fast path does not know.
func fullDecision() Decision {
	at := time.Date(2026, 11, 28, 9, 30, 0, 123456789, time.FixedZone("CET", 3600))
	type named string
	return Decision{
		ID: "full\x00\x1f\"\\\u2029\xff", Outcome: "deny",
		Reasons: []Reason{
			{Code: "a", Outcome: "deny", Message: "m<&>", Citation: "c"},
			{Code: "b", Evidence: map[string]any{}},
			{Code: "c", Evidence: map[string]any{
				"s": "x", "t": true, "f": 1e-7, "g": 1e21, "h": 0.1, "neg0": math.Copysign(0, -1), "f32": float32(3.4e38),
				"i": 42, "i64": int64(-7), "u": uint8(3), "ss": []string{"a"}, "nilss": []string(nil),
				"any": []any{nil, "x", 1.5, map[string]any{"z": 1, "a": 2}}, "maps": []map[string]any{{"k": "v"}, nil},
				"named": named("n"), "addr": netip.MustParseAddr("10.0.0.1"), "struct": struct{ A int }{1},
				"country": rules.MustParseCountry("CN"), "ptr": (*int)(nil), "dur": time.Second,
			}},
		},
		Matches: []MatchRecord{
			{Party: "p", PartyRole: "purchaser", List: "EL", EntryID: "1", EntryName: "E", MatchedName: "M", WeakAlias: true,
				Score: 0.9123456789, NameScore: 1, Tokens: []TokenRecord{{Query: "q", Candidate: "c", Similarity: 0.5}},
				Adjustments: []Adjustment{{Kind: "dob", Delta: -0.05, Detail: "d"}, {Kind: "x"}}, EntryHash: "h", Via: "parent", Strength: "potential",
				Suppressed: &Suppression{Party: "p", EntryKey: "EL:1", EntryHash: "h", Kind: NotAMatch, Reason: "r", Reviewer: "rv", Created: at, Expires: at.Add(time.Hour)}},
			{Tokens: []TokenRecord{}, Suppressed: &Suppression{Created: at}},
		},
		Locations: []LocationRecord{
			{IP: "1.2.3.4", Country: "UA", RegisteredCountry: "UA", RepresentedCountry: "US", Subdivisions: []string{"UA-43"}, City: "Dzhankoy",
				Network: "1.2.3.0/24", Anonymizer: AnonymizerFlags{true, true, true, true, true, true, true, 70, "prov"}, NotRoutable: "private", Found: true, Databases: []string{"a", "b"}},
			{Subdivisions: nil, Databases: []string{}},
		},
		Items: []ItemRecord{
			{ID: "i", ECCN: "3A090", Classification: "3A090.a", TPP: 4992, PerformanceDensity: 6.04, LicenseRequired: true, License: "required",
				ResolveWith: []string{"x"}, ReviewPolicy: "p", LicenseExceptions: []string{"NAC"}, GP10: true, Citations: []string{"c"}, Steps: []string{"s"}, Error: "e"},
			{LicenseExceptions: []string{}},
		},
		Versions: Versions{Library: Version, Policy: "sha256:x", PolicyAsOf: "2026-11-28",
			Lists:  []ListVersion{{Source: "EL", AsOf: "2025-10-09", AsOfFrom: "x", FetchedAt: "y", Checksum: "c", Entries: 3, Evaluation: true}, {}},
			GeoDBs: []GeoVersion{{Name: "n", Type: "t", BuildDate: "b", Embedded: true}, {}}},
		AsOf: "2026-11-28", ScreenedAt: at, Error: "line 3: bad",
	}
}

func TestAppendJSONEveryField(t *testing.T) {
	var enc DecisionEncoder
	d := fullDecision()
	sameAsStd(t, &enc, &d)
	sameAsStd(t, &enc, &Decision{}) // null lists, null versions lists, zero time
	// A change of data version is not hidden by the cached block.
	d.Versions.Lists = append([]ListVersion(nil), d.Versions.Lists...)
	d.Versions.Lists[0].Checksum = "changed"
	sameAsStd(t, &enc, &d)
	d.Versions.Lists = []ListVersion{}
	sameAsStd(t, &enc, &d)
	d.Versions.Lists = nil
	sameAsStd(t, &enc, &d)
}

func TestAppendJSONErrors(t *testing.T) {
	for name, d := range map[string]Decision{
		"nan score":    {ID: "x", Matches: []MatchRecord{{Score: math.NaN()}}},
		"inf evidence": {ID: "x", Reasons: []Reason{{Evidence: map[string]any{"v": math.Inf(1)}}}},
		"year 10000":   {ID: "x", ScreenedAt: time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)},
		"channel":      {ID: "x", Reasons: []Reason{{Evidence: map[string]any{"c": make(chan int)}}}},
	} {
		if _, err := stdJSON(t, d); err == nil {
			t.Fatalf("%s: encoding/json accepts it; the case tests nothing", name)
		}
		var ue *json.UnsupportedValueError
		var me *json.MarshalerError
		var te *json.UnsupportedTypeError
		got, err := d.AppendJSON([]byte("keep"))
		if err == nil || !(errors.As(err, &ue) || errors.As(err, &me) || errors.As(err, &te)) || !strings.Contains(err.Error(), `"x"`) {
			t.Errorf("%s: AppendJSON error = %v; want encoding/json's error type, naming the decision", name, err)
		}
		if string(got) != "keep" {
			t.Errorf("%s: dst = %q after an error; want it unchanged", name, got)
		}
	}
}

func FuzzAppendJSON(f *testing.F) {
	f.Add("ORD-1", "Hangzhou Hikvision", "<&>\u2028", 0.92, 1e-7, int64(1764322200), 3)
	f.Add("\xff\xfe", "\x00\x7f", "\"\\", math.Copysign(0, -1), 1e21, int64(-62135596800), 0)
	f.Fuzz(func(t *testing.T, id, s1, s2 string, f1, f2 float64, sec int64, n int) {
		if math.IsNaN(f1) || math.IsInf(f1, 0) || math.IsNaN(f2) || math.IsInf(f2, 0) {
			return // both refuse; TestAppendJSONErrors checks that
		}
		at := time.Unix(sec%253402300799, int64(n)%1e9).In(time.FixedZone("z", (n%48)*1800))
		n = n % 4
		if n < 0 {
			n = -n
		}
		d := Decision{ID: id, Outcome: s1, AsOf: s2, ScreenedAt: at, Error: s2}
		for i := range n {
			d.Reasons = append(d.Reasons, Reason{Code: s1, Message: s2, Evidence: map[string]any{s1: f1, s2: []string{id}, id: map[string]any{s2: f2, "i": i}}})
			d.Matches = append(d.Matches, MatchRecord{Party: s1, Score: f1, NameScore: f2, Tokens: []TokenRecord{{Query: s2, Similarity: f2}}})
			d.Locations = append(d.Locations, LocationRecord{IP: s1, Subdivisions: []string{s2}[:i%2], Anonymizer: AnonymizerFlags{Confidence: i, Provider: s2}})
			d.Items = append(d.Items, ItemRecord{ID: s1, TPP: f1, PerformanceDensity: f2, Steps: []string{s2}})
			d.Versions.Lists = append(d.Versions.Lists, ListVersion{Source: s1, Checksum: s2, Entries: n})
		}
		want, err := stdJSON(t, &d)
		got, gerr := d.AppendJSON(nil)
		if (err == nil) != (gerr == nil) {
			t.Fatalf("encoding/json error %v, AppendJSON error %v", err, gerr)
		}
		if err == nil && !bytes.Equal(got, want) {
			t.Fatalf("differs from encoding/json:\n got %s\nwant %s", got, want)
		}
	})
}

// A batch writes its decisions with one DecisionEncoder: the versions block
// is encoded once per data version.
func ExampleDecisionEncoder() {
	var enc DecisionEncoder
	d := Decision{ID: "ORD-1", Outcome: "allow", Reasons: []Reason{}, Matches: []MatchRecord{}, Locations: []LocationRecord{}, Items: []ItemRecord{},
		Versions:   Versions{Library: Version, Policy: "sha256:0f1e", Lists: []ListVersion{{Source: "EL", AsOf: "2025-10-09", Checksum: "sha256:9a8b", Entries: 3}}, GeoDBs: []GeoVersion{}},
		AsOf:       "2026-11-28",
		ScreenedAt: time.Date(2026, 11, 28, 9, 30, 0, 0, time.UTC)}
	line, err := enc.Append(nil, &d)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(string(line))
	// Output:
	// {"id":"ORD-1","outcome":"allow","reasons":[],"matches":[],"locations":[],"items":[],"versions":{"library":"0.1.0","policy":"sha256:0f1e","lists":[{"source":"EL","as_of":"2025-10-09","checksum":"sha256:9a8b","entries":3}],"geo_dbs":[]},"as_of":"2026-11-28","screened_at":"2026-11-28T09:30:00Z"}
}

func TestDecisionEncoderDataReasons(t *testing.T) {
	var enc DecisionEncoder
	stale := func(days int, age float64, lists []string) Decision {
		return Decision{ID: "d", Reasons: []Reason{
			{Code: "party.listed", Evidence: map[string]any{"list": "EL"}},
			{Code: "data.stale", Outcome: "review", Message: "The EL list is old.", Citation: "policy",
				Evidence: map[string]any{"source": "EL", "max_age_days": days, "age": age, "lists": lists}},
			{Code: "data.evaluation_snapshot", Evidence: map[string]any{"data": []string{"list EL as of 2025-10-09"}}},
			{Code: "data.other", Evidence: map[string]any{"when": time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)}},
		}}
	}
	// Each change of a remembered reason's evidence shows in the output.
	for _, d := range []Decision{
		stale(7, 1.5, []string{"EL"}),
		stale(7, 1.5, []string{"EL"}),
		stale(8, 1.5, []string{"EL"}),
		stale(8, 0, []string{"EL"}),
		stale(8, math.Copysign(0, -1), []string{"EL"}),
		stale(8, math.Copysign(0, -1), []string{}),
		stale(8, math.Copysign(0, -1), nil),
		stale(8, math.Copysign(0, -1), []string{"SDN"}),
	} {
		sameAsStd(t, &enc, &d)
	}
	// A remembered reason is a copy: changing the decision's evidence
	// afterwards does not change what the encoder remembers.
	d := stale(9, 2, []string{"EL"})
	sameAsStd(t, &enc, &d)
	d.Reasons[1].Evidence["lists"].([]string)[0] = "UVL"
	sameAsStd(t, &enc, &d)
	// More codes than the encoder keeps.
	for i := range 2 * maxDataReasons {
		d := Decision{ID: "many", Reasons: []Reason{{Code: fmt.Sprint("data.k", i%(maxDataReasons+3)), Message: fmt.Sprint(i % 5)}}}
		sameAsStd(t, &enc, &d)
	}
}

// One DecisionEncoder shared by goroutines that write decisions of two data
// versions, interleaved: every line is still exactly encoding/json's.
func TestDecisionEncoderConcurrent(t *testing.T) {
	var enc DecisionEncoder
	a, b := fullDecision(), fullDecision()
	b.Versions.Lists = []ListVersion{{Source: "SDN", AsOf: "2024-05-03", Checksum: "other", Entries: 14965}}
	b.Reasons = append(b.Reasons, Reason{Code: "data.stale", Message: "old", Evidence: map[string]any{"source": "SDN"}})
	want := map[*Decision][]byte{}
	for _, d := range []*Decision{&a, &b} {
		w, err := stdJSON(t, d)
		if err != nil {
			t.Fatal(err)
		}
		want[d] = w
	}
	errs := make(chan error, 8)
	for g := range 8 {
		go func() {
			var err error
			for i := range 200 {
				d := &a
				if (i+g)%3 == 0 {
					d = &b
				}
				got, e := enc.Append(nil, d)
				if e == nil && !bytes.Equal(got, want[d]) {
					e = fmt.Errorf("goroutine %d, line %d differs from encoding/json:\n got %s\nwant %s", g, i, got, want[d])
				}
				if e != nil && err == nil {
					err = e
				}
			}
			errs <- err
		}()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
}
