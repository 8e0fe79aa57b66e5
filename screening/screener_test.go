package screening

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// testNow is the fixed screening time of these tests.
var testNow = time.Date(2026, 11, 28, 12, 0, 0, 0, time.UTC)

func fixedClock() time.Time { return testNow }

var (
	defaultOnce     sync.Once
	defaultScreener *Screener
	defaultErr      error
)

// embedded returns a Screener on the embedded defaults, built once.
func embedded(t testing.TB) *Screener {
	t.Helper()
	defaultOnce.Do(func() {
		defaultScreener, defaultErr = New(context.Background(), WithClock(fixedClock), WithLogger(discardLogger()))
	})
	if defaultErr != nil {
		t.Fatal(defaultErr)
	}
	return defaultScreener
}

func mmdb(name string) string { return filepath.Join("..", "testdata", "mmdb", name) }

// maxmindLocator opens MaxMind's official test databases (fictional data).
func maxmindLocator(t testing.TB) *geoloc.Locator {
	t.Helper()
	l, err := geoloc.New(geoloc.WithoutEmbedded(),
		geoloc.WithFile(mmdb("GeoIP2-Enterprise-Test.mmdb")),
		geoloc.WithFile(mmdb("GeoIP2-City-Test.mmdb")),
		geoloc.WithFile(mmdb("GeoIP2-Anonymous-IP-Test.mmdb")))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return l
}

// maxmindScreener screens with MaxMind's test databases. They were built
// months apart; its policy accepts them.
func maxmindScreener(t testing.TB) *Screener {
	t.Helper()
	p, err := rules.ParsePolicy("geo-test.yaml", []byte("version: 1\nname: geo-test\nas_of: 2026-11-28\ndata_freshness:\n  max_list_age: 7d\n  max_geodb_age: 366d\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(context.Background(), WithPolicy(p), WithLocator(maxmindLocator(t)), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// codes lists the reason codes of d, leaving out the evaluation notice.
func codes(d Decision) []string {
	var out []string
	for _, r := range d.Reasons {
		if r.Code != "data.evaluation_snapshot" {
			out = append(out, r.Code+"="+r.Outcome)
		}
	}
	return out
}

func reason(t *testing.T, d Decision, code string) Reason {
	t.Helper()
	for _, r := range d.Reasons {
		if r.Code == code {
			return r
		}
	}
	t.Fatalf("no reason %s in %v", code, codes(d))
	return Reason{}
}

func yes() *bool { b := true; return &b }
func no() *bool  { b := false; return &b }

func TestScreenReasons(t *testing.T) {
	s := embedded(t)
	ctx := context.Background()
	tests := []struct {
		name     string
		req      Request
		outcome  string
		codes    []string
		check    string // a reason code whose citation and evidence are checked
		citation string
		evidence map[string]any
	}{
		{
			name: "Entity List company, spelled a little differently",
			req: Request{ID: "el", Destination: "CN", Parties: []Party{
				{Role: RolePurchaser, Name: "Hangzhou Hikvision Digital Technology Co. Ltd", Country: "CN"}}},
			outcome: "license_required",
			codes:   []string{"party.listed=license_required", "destination.country_of_concern=review", "party.listed=review"},
			check:   "party.listed", citation: "15 CFR 744.11, 744.16; Supp. No. 4 to Part 744 (Entity List)",
			evidence: map[string]any{"list": "EL", "entry_name": "Hangzhou Hikvision Digital Technology Co., Ltd.",
				"license_requirement": "For all items subject to the EAR. (See § 744.11 of the EAR)"},
		},
		{
			name: "SDN entity → deny",
			req: Request{ID: "sdn", Destination: "Germany", Parties: []Party{
				{Role: RoleUltimateConsignee, Name: "Banco Nacional de Cuba", Country: "Cuba"}}},
			outcome: "deny",
			check:   "party.listed", citation: "31 CFR Chapter V; OFAC Specially Designated Nationals and Blocked Persons List",
			evidence: map[string]any{"list": "SDN", "entry_id": "306", "entry_name": "BANCO NACIONAL DE CUBA"},
		},
		{
			name: "as of a date before the Entity List entry was listed (2019-10-09)",
			req: Request{ID: "el-2019", Date: "2019-01-15", Parties: []Party{
				{Role: RolePurchaser, Name: "Hangzhou Hikvision Digital Technology Co. Ltd", Country: "CN"}}},
			outcome: "allow",
		},
		{
			name:    "embargoed destination",
			req:     Request{ID: "ir", Destination: "Iran, Islamic Republic of"},
			outcome: "deny",
			codes:   []string{"destination.embargoed=deny"},
			check:   "destination.embargoed", citation: "15 CFR 746.7 (Iran)",
			evidence: map[string]any{"destination": "IR", "as_given": "Iran, Islamic Republic of"},
		},
		{
			name:    "embargoed region, list-data spelling",
			req:     Request{ID: "crimea", Destination: "Crimea (occupied)"},
			outcome: "deny",
			codes:   []string{"destination.region_embargoed=deny"},
			check:   "destination.region_embargoed", citation: "15 CFR 746.6(a)(1); E.O. 13685 of 2014-12-19 (Crimea region)",
			evidence: map[string]any{"destination": "UA-43"},
		},
		{
			name:     "country of concern: Macau",
			req:      Request{ID: "mo", Destination: "Macao SAR"},
			outcome:  "review",
			codes:    []string{"destination.country_of_concern=review"},
			check:    "destination.country_of_concern",
			evidence: map[string]any{"destination": "MO"},
		},
		{
			name: "clean order to Germany",
			req: Request{ID: "clean", Destination: "DE", Parties: []Party{
				{Role: RolePurchaser, Name: "Acme Widgets Inc", Country: "US"}, {Role: RoleEndUser, Name: "Example Compute GmbH", Country: "DE"}}},
			outcome: "allow",
			codes:   nil,
		},
		{
			name: "German subsidiary of a China-headquartered company buying an A100-class part",
			req: Request{ID: "hq", Destination: "DE", Parties: []Party{
				{Role: RoleEndUser, Name: "Example Compute GmbH", Country: "DE", HQCountry: "PRC"}},
				Items: []Item{{ID: "gpu", TPP: 4992, DieAreaMM2: 826, Datacenter: yes()}}},
			outcome: "license_required",
			codes:   []string{"item.license_required=license_required", "party.hq_country_of_concern=review"},
			check:   "party.hq_country_of_concern", citation: citeHQ,
			evidence: map[string]any{"country": "CN", "field": "parties[0].hq_country"},
		},
		{
			name: "A100-class part to China",
			req: Request{ID: "chip-cn", Destination: "China", Parties: []Party{{Role: RoleEndUser, Name: "Example Compute GmbH", Country: "CN"}},
				Items: []Item{{ID: "gpu", TPP: 4992, DieAreaMM2: 826, Datacenter: yes()}}},
			outcome:  "license_required",
			codes:    []string{"item.license_required=license_required", "destination.country_of_concern=review"},
			check:    "item.license_required",
			evidence: map[string]any{"classification": "3A090.a", "destination": "CN", "review_policy": "presumption_of_denial", "tpp": 4992.0},
		},
		{
			name: "consumer GPU below Note 2 to Germany",
			req: Request{ID: "chip-de", Destination: "DE", Parties: []Party{{Role: RoleEndUser, Name: "Example Compute GmbH", Country: "DE"}},
				Items: []Item{{ID: "gpu", TPP: 4000, DieAreaMM2: 600, Datacenter: no()}}},
			outcome: "allow",
		},
		{
			name: "listed ultimate parent",
			req: Request{ID: "parent", Destination: "DE", Parties: []Party{
				{Role: RoleEndUser, Name: "Example Compute GmbH", Country: "DE", ParentName: "Beijing Institute of Technology", ParentCountry: "CN"}}},
			outcome: rules.Default().OutcomeFor("party.parent_listed").String(),
			check:   "party.parent_listed", citation: "15 CFR 744.11, 744.16; Supp. No. 4 to Part 744 (Entity List)",
			evidence: map[string]any{"list": "EL", "party": "Example Compute GmbH"},
		},
		{
			name:    "private and public IPs, declared Germany",
			req:     Request{ID: "ips", Parties: []Party{{Role: RoleAccountHolder, Name: "Example Compute GmbH", Country: "DE"}}, IPs: []string{"10.1.2.3", "5.160.0.1"}},
			outcome: "deny",
			codes:   []string{"ip.embargoed=deny", "ip.country_mismatch=review", "ip.not_routable=allow"},
			check:   "ip.embargoed", citation: "15 CFR 746.7 (Iran)",
			evidence: map[string]any{"ip": "5.160.0.1", "country": "IR", "network": "5.160.0.0/20"},
		},
		{
			name:    "unreadable fields → review, never allow",
			req:     Request{ID: "bad", Date: "28/11/2026", Destination: "Atlantis", IPs: []string{"not-an-ip"}},
			outcome: "review",
			codes:   []string{"input.invalid=review", "input.invalid=review", "input.invalid=review"},
			check:   "input.invalid", citation: citeInput,
			evidence: map[string]any{"field": "date", "value": "28/11/2026"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _ := s.Screen(ctx, tt.req)
			if d.Outcome != tt.outcome {
				t.Errorf("outcome = %s, want %s; reasons %v", d.Outcome, tt.outcome, codes(d))
			}
			if tt.codes != nil || tt.outcome == "allow" {
				if diff := cmp.Diff(tt.codes, codes(d)); diff != "" {
					t.Errorf("reason codes (-want +got):\n%s", diff)
				}
			}
			if tt.check == "" {
				return
			}
			r := reason(t, d, tt.check)
			if tt.citation != "" && r.Citation != tt.citation {
				t.Errorf("%s citation = %q, want %q", tt.check, r.Citation, tt.citation)
			}
			if r.Citation == "" || r.Message == "" {
				t.Errorf("%s has no citation or message: %+v", tt.check, r)
			}
			for k, v := range tt.evidence {
				if !cmp.Equal(r.Evidence[k], v) {
					t.Errorf("%s evidence[%s] = %#v, want %#v", tt.check, k, r.Evidence[k], v)
				}
			}
		})
	}
}

// TestScreenInvalidInput: fields that cannot be read are input.invalid
// reasons inside a review decision, listed by Decision.InputErrors, and
// never an error from Screen.
func TestScreenInvalidInput(t *testing.T) {
	d, err := embedded(t).Screen(context.Background(), Request{ID: "x", IPs: []string{"1.2.3"}, Parties: []Party{{Name: "A", Role: "buyer"}}})
	if err != nil {
		t.Fatalf("Screen returned an error for bad input: %v", err)
	}
	got := joinErrors(d.InputErrors())
	if want := `field parties[0].role: unknown role "buyer"; field ips[0]: not an IP address "1.2.3"`; got != want {
		t.Errorf("InputErrors = %q, want %q", got, want)
	}
	if d.Outcome != "review" {
		t.Errorf("outcome = %s, want review (fail closed)", d.Outcome)
	}
	d, err = embedded(t).Screen(context.Background(), Request{ID: "y", Parties: []Party{{Name: "A", Type: "trust"}}})
	if want := `field parties[0].type: want individual, entity, vessel or aircraft "trust"`; err != nil || joinErrors(d.InputErrors()) != want {
		t.Errorf("InputErrors = %q, %v; want %s", joinErrors(d.InputErrors()), err, want)
	}
	// The same list from the decision's JSON form.
	b, _ := json.Marshal(d)
	var back Decision
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(d.InputErrors(), back.InputErrors()); diff != "" {
		t.Errorf("InputErrors after JSON (-want +got):\n%s", diff)
	}
}

func joinErrors(es []*RequestError) string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.Error()
	}
	return strings.Join(s, "; ")
}

func TestScreenIPSignalsOnMaxMindTestDatabases(t *testing.T) {
	s := maxmindScreener(t)
	ctx := context.Background()

	// 1.231.232.1 is in Crimea (UA-43) in the Enterprise test database.
	d, _ := s.Screen(ctx, Request{ID: "crimea-ip", Date: "2026-07-01", Parties: []Party{{Role: RoleAccountHolder, Name: "Example Compute GmbH", Country: "UA"}}, IPs: []string{"1.231.232.1"}})
	if diff := cmp.Diff([]string{"ip.region_embargoed=deny"}, codes(d)); diff != "" {
		t.Errorf("Crimea IP reasons (-want +got):\n%s", diff)
	}
	r := reason(t, d, "ip.region_embargoed")
	if r.Evidence["subdivision"] != "UA-43" || r.Evidence["ip"] != "1.231.232.1" {
		t.Errorf("evidence = %v", r.Evidence)
	}
	if loc := d.Locations[0]; loc.Country != "UA" || !slices.Contains(loc.Subdivisions, "UA-43") {
		t.Errorf("location = %+v", loc)
	}

	// 1.124.213.1: Iran, and an anonymous VPN and Tor exit in the Anonymous IP test database.
	d, _ = s.Screen(ctx, Request{ID: "tor", Parties: []Party{{Role: RoleAccountHolder, Name: "Example Compute GmbH", Country: "IR"}}, IPs: []string{"1.124.213.1"}})
	if diff := cmp.Diff([]string{"ip.embargoed=deny", "ip.anonymizer=review"}, codes(d)); diff != "" {
		t.Errorf("Tor IP reasons (-want +got):\n%s", diff)
	}
	r = reason(t, d, "ip.anonymizer")
	if diff := cmp.Diff([]string{"vpn", "tor_exit", "anonymous"}, r.Evidence["signals"]); diff != "" {
		t.Errorf("anonymizer signals (-want +got):\n%s", diff)
	}

	// 175.16.199.1 is Changchun, China: a country of concern and not the declared country.
	d, _ = s.Screen(ctx, Request{ID: "cn", Parties: []Party{{Role: RoleAccountHolder, Name: "Example Compute GmbH", Country: "Japan"}}, IPs: []string{"175.16.199.1"}})
	if diff := cmp.Diff([]string{"ip.country_of_concern=review", "ip.country_mismatch=review"}, codes(d)); diff != "" {
		t.Errorf("China IP reasons (-want +got):\n%s", diff)
	}

	// 1.1.1.1 is in none of the test databases.
	d, _ = s.Screen(ctx, Request{ID: "unknown", IPs: []string{"1.1.1.1"}})
	if diff := cmp.Diff([]string{"ip.unknown=review"}, codes(d)); diff != "" {
		t.Errorf("unknown IP reasons (-want +got):\n%s", diff)
	}
}

func TestScreenFailsClosedOnStaleAndMissingData(t *testing.T) {
	ctx := context.Background()
	// Geolocation databases older than the policy allows.
	s, err := New(ctx, WithLocator(maxmindLocator(t)), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := s.Screen(ctx, Request{ID: "stale-geo", IPs: []string{"81.2.69.142"}, Parties: []Party{{Role: RoleAccountHolder, Country: "GB"}}})
	if d.Outcome != "review" {
		t.Errorf("outcome = %s, want review", d.Outcome)
	}
	r := reason(t, d, "data.stale")
	if r.Evidence["max_age_days"] != 45 {
		t.Errorf("data.stale evidence = %v", r.Evidence)
	}

	// No geolocation database at all, and an IP to locate.
	s, err = New(ctx, WithoutLocator(), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	d, _ = s.Screen(ctx, Request{ID: "no-geo", IPs: []string{"8.8.8.8"}})
	if diff := cmp.Diff([]string{"data.missing=review"}, codes(d)); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}

	// A list the user loaded, older than the policy's maximum age.
	entry := &lists.Entry{Source: lists.SourceInternal, ID: "1", Type: lists.TypeEntity, Name: "Zephyr Quantum Logistics"}
	snap, err := lists.NewSnapshot(lists.SourceSet{Source: lists.SourceInternal, AsOf: testNow.AddDate(0, 0, -30), Checksum: "sha256:x", Entries: []*lists.Entry{entry}})
	if err != nil {
		t.Fatal(err)
	}
	s, err = New(ctx, WithLists(snap), WithoutLocator(), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	d, _ = s.Screen(ctx, Request{ID: "stale-list", Parties: []Party{{Name: "Zephyr Quantum Logistics"}}})
	if diff := cmp.Diff([]string{"party.listed=deny", "data.stale=review"}, codes(d)); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	if r := reason(t, d, "data.stale"); r.Evidence["source"] != "INTERNAL" || r.Evidence["as_of"] != "2026-10-29" {
		t.Errorf("data.stale evidence = %v", r.Evidence)
	}
}

func TestScreenIsDeterministic(t *testing.T) {
	s := embedded(t)
	req := Request{ID: "det", Destination: "CN", IPs: []string{"5.160.0.1"}, Parties: []Party{
		{Role: RolePurchaser, Name: "Hangzhou Hikvision Digital Technology Co. Ltd", Country: "CN"},
		{Role: RoleEndUser, Name: "Beijing Institute of Technology", Country: "CN"}},
		Items: []Item{{ID: "gpu", TPP: 4992, DieAreaMM2: 826, Datacenter: yes()}}}
	var first []byte
	for i := range 5 {
		d, err := s.Screen(context.Background(), req)
		if err != nil {
			t.Fatal(err)
		}
		d.ScreenedAt = time.Time{}
		b, _ := json.Marshal(d)
		if i == 0 {
			first = b
		} else if !bytes.Equal(first, b) {
			t.Fatalf("screening %d differs:\n%s\n%s", i, first, b)
		}
	}
}

func TestSuppressionClearsAHitUntilTheEntryChanges(t *testing.T) {
	ctx := context.Background()
	entry := &lists.Entry{Source: lists.SourceInternal, ID: "7", Type: lists.TypeEntity, Name: "Northwind Photonics Trading",
		Addresses: []lists.Address{{City: "Shenzhen", Country: rules.MustParseCountry("CN")}}}
	snap := func(e *lists.Entry) *lists.Snapshot {
		s, err := lists.NewSnapshot(lists.SourceSet{Source: lists.SourceInternal, AsOf: testNow, Checksum: "sha256:y", Entries: []*lists.Entry{e}})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	store, err := OpenFileStore(filepath.Join(t.TempDir(), "suppressions.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	s, err := New(ctx, WithLists(snap(entry)), WithoutLocator(), WithSuppressions(store), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	req := Request{ID: "fp", Parties: []Party{{Role: RolePurchaser, Name: "Northwind Photonics Trading", Country: "US"}}}
	d, _ := s.Screen(ctx, req)
	if d.Outcome != "deny" || len(d.Matches) != 1 {
		t.Fatalf("before review: outcome %s, %d matches", d.Outcome, len(d.Matches))
	}
	if d.Matches[0].EntryHash != entry.Hash() {
		t.Errorf("entry_hash %s, want %s", d.Matches[0].EntryHash, entry.Hash())
	}
	if err := s.Suppress(ctx, d.Matches[0], NotAMatch, "US company, different registration", "j.doe", time.Time{}); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Screen(ctx, req)
	if d.Outcome != "allow" {
		t.Fatalf("after review: outcome %s, reasons %v", d.Outcome, codes(d))
	}
	if diff := cmp.Diff([]string{"party.match_suppressed=allow"}, codes(d)); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	if d.Matches[0].Suppressed == nil || d.Matches[0].Suppressed.Reviewer != "j.doe" {
		t.Errorf("match does not carry the review: %+v", d.Matches[0])
	}

	// The list entry changes (a new address): the hit comes back.
	changed := *entry
	changed.Addresses = append(slices.Clone(entry.Addresses), lists.Address{City: "Hong Kong", Country: rules.MustParseCountry("HK")})
	if err := s.Reload(ctx, WithLists(snap(&changed))); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Screen(ctx, req)
	if d.Outcome != "deny" {
		t.Fatalf("after the entry changed: outcome %s, reasons %v", d.Outcome, codes(d))
	}
	if d.Matches[0].EntryHash != changed.Hash() || changed.Hash() == entry.Hash() {
		t.Errorf("after the entry changed: entry_hash %s, want %s (was %s)", d.Matches[0].EntryHash, changed.Hash(), entry.Hash())
	}
}

func TestScreenHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := embedded(t).Screen(ctx, Request{ID: "c"}); !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

// TestCompanyNamedLikeASanctionedVessel: "Blackstone Inc." and "Dover Corp"
// share names with SDN tankers (SALINA, a.k.a. BLACKSTONE; DOVER). A party
// is not a vessel, so those hits fall below the threshold.
func TestCompanyNamedLikeASanctionedVessel(t *testing.T) {
	for _, name := range []string{"Blackstone Inc.", "Dover Corp"} {
		d, _ := embedded(t).Screen(context.Background(), Request{ID: "v", Parties: []Party{{Role: RolePurchaser, Name: name, Country: "US"}}})
		for _, m := range d.Matches {
			if m.List == "SDN" {
				t.Errorf("%s matched SDN %s %q (score %v)", name, m.EntryID, m.EntryName, m.Score)
			}
		}
	}
	// A party declared as a vessel is still screened against vessels.
	d, _ := embedded(t).Screen(context.Background(), Request{ID: "v", Parties: []Party{{Role: RoleOther, Name: "Dover", Type: "vessel"}}})
	if d.Outcome != "deny" || len(d.Matches) == 0 || d.Matches[0].EntryID != "15046" {
		t.Errorf("vessel DOVER: outcome %s, matches %+v", d.Outcome, d.Matches)
	}
}

// TestScreenItemErrorsNameRequestFields checks that an item the rules
// cannot use is reported under the request's own JSON field names.
func TestScreenItemErrorsNameRequestFields(t *testing.T) {
	tests := []struct {
		item        Item
		field, want string
	}{
		{Item{ID: "srv", ECCN: "4A090"}, "items[0].eccn", `field items[0].eccn: declare the paragraph (for example 4A090.a) or give chip parameters "4A090"`},
		{Item{ID: "gpu", TPP: -1}, "items[0].tpp", `field items[0].tpp: must not be negative "-1"`},
		{Item{ID: "gpu", Throughputs: []Throughput{{TOPS: 312, BitLength: 0}}}, "items[0].throughputs[0].bit_length",
			`field items[0].throughputs[0].bit_length: want a bit length from 1 to 256 "0"`},
	}
	for _, tt := range tests {
		t.Run(tt.field, func(t *testing.T) {
			d, err := embedded(t).Screen(context.Background(), Request{ID: "x", Date: "2026-11-28", Destination: "DE", Items: []Item{tt.item}})
			if err != nil {
				t.Fatal(err)
			}
			res := d.InputErrors()
			if len(res) != 1 || res[0].Field != tt.field || res[0].Error() != tt.want {
				t.Fatalf("InputErrors %q; want one on %q: %q", joinErrors(res), tt.field, tt.want)
			}
			if d.Outcome != "review" || reason(t, d, "input.invalid").Evidence["field"] != tt.field {
				t.Errorf("outcome %s, reasons %v; want review with input.invalid on %s", d.Outcome, codes(d), tt.field)
			}
		})
	}
}

// TestScreenItemsWithoutDestination checks that a request with items and
// no destination is reported once, not once per item.
func TestScreenItemsWithoutDestination(t *testing.T) {
	d, err := embedded(t).Screen(context.Background(), Request{ID: "x", Date: "2026-11-28",
		Items: []Item{{ID: "a", ECCN: "3A090.a"}, {ID: "b", TPP: 4992, DieAreaMM2: 826, Datacenter: yes()}}})
	if err != nil {
		t.Fatal(err)
	}
	if res := d.InputErrors(); len(res) != 1 || res[0].Field != "destination" {
		t.Fatalf("InputErrors %q; want one, on destination", joinErrors(res))
	}
	if want := []string{"input.invalid=review"}; !slices.Equal(codes(d), want) {
		t.Errorf("reasons %v, want %v", codes(d), want)
	}
	for i, it := range d.Items {
		if it.Error != "no destination" {
			t.Errorf("items[%d].error = %q, want \"no destination\"", i, it.Error)
		}
	}
	if len(d.Items) != 2 || d.Outcome != "review" {
		t.Errorf("%d items, outcome %s; want 2 items, review", len(d.Items), d.Outcome)
	}
}

// TestPolicyItemRulesFileErrors checks that an item rules file the policy
// names but that cannot be read or parsed stops New, naming the policy and
// the file.
func TestPolicyItemRulesFileErrors(t *testing.T) {
	dir := t.TempDir()
	ir := filepath.Join(dir, "ir.json")
	if err := os.WriteFile(ir, []byte("bogus\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	pf := filepath.Join(dir, "p.yaml")
	if err := os.WriteFile(pf, []byte("version: 1\nname: p\nas_of: 2026-11-28\nitem_rules_file: ir.json\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	p, err := rules.LoadPolicyFile(context.Background(), pf)
	if err != nil {
		t.Fatal(err)
	}
	_, err = New(context.Background(), WithPolicy(p), WithLogger(discardLogger()))
	if want := "policy p: " + ir + ":1: invalid character 'b' looking for beginning of value"; err == nil || err.Error() != want {
		t.Errorf("bad file: error %v, want %s", err, want)
	}
	if err := os.Remove(ir); err != nil {
		t.Fatal(err)
	}
	_, err = New(context.Background(), WithPolicy(p), WithLogger(discardLogger()))
	if want := "policy p: load item rules: open " + ir + ": no such file or directory"; err == nil || err.Error() != want {
		t.Errorf("missing file: error %v, want %s", err, want)
	}
}

// TestNilListsAreMissingNotEvaluationData: WithLists(nil), which is what a
// rejected first list update hands over, holds every decision for review
// with data.missing, in New and in Reload; it never screens on the
// embedded evaluation snapshot (which would answer allow for a clean party).
func TestNilListsAreMissingNotEvaluationData(t *testing.T) {
	ctx := context.Background()
	req := Request{ID: "clean", Parties: []Party{{Role: RoleUltimateConsignee, Name: "Zephyr Quantum Logistics", Country: "DE"}}}
	s, err := New(ctx, WithLists(nil), WithoutLocator(), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := s.Screen(ctx, req)
	if diff := cmp.Diff([]string{"data.missing=review"}, codes(d)); diff != "" {
		t.Errorf("New(WithLists(nil)) reasons (-want +got):\n%s", diff)
	}
	if d.Outcome != "review" || len(s.Versions().Lists) != 0 {
		t.Errorf("outcome %s, lists %v; want review and no lists", d.Outcome, s.Versions().Lists)
	}

	s, err = New(ctx, WithoutLocator(), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Reload(ctx, WithLists(nil)); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Screen(ctx, req)
	if diff := cmp.Diff([]string{"data.missing=review"}, codes(d)); diff != "" {
		t.Errorf("Reload(WithLists(nil)) reasons (-want +got):\n%s", diff)
	}
}

// TestUndatedListIsHeldForReview: the July 2021 SDN set states no date.
// Loaded from disk it used to be dated by its files' modification time, so
// a clean party was allowed with no data.stale. Undated, it is held for
// review with data.undated; once the user states its (old) date, it is
// stale; the lists.Updater path (fetch dates) is tested in lists.
func TestUndatedListIsHeldForReview(t *testing.T) {
	ctx := context.Background()
	snap, err := lists.Load(ctx, "../testdata/lists/ofac/sdn-2021-07")
	if err != nil {
		t.Fatal(err)
	}
	req := Request{ID: "clean", Parties: []Party{{Role: RoleUltimateConsignee, Name: "Zephyr Quantum Logistics", Country: "DE"}}}
	s, err := New(ctx, WithLists(snap), WithoutLocator(), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := s.Screen(ctx, req)
	if diff := cmp.Diff([]string{"data.undated=review"}, codes(d)); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	r := reason(t, d, "data.undated")
	if diff := cmp.Diff(map[string]any{"source": "SDN", "files": []string{"sdn.csv", "add.csv", "alt.csv", "sdn_comments.csv"}}, r.Evidence); diff != "" {
		t.Errorf("evidence (-want +got):\n%s", diff)
	}
	if r.Message != "The SDN list (sdn.csv, add.csv, alt.csv, sdn_comments.csv) has no date: its file states none and it was not downloaded by a list updater, so its age is unknown. State its date (a .asof file beside it) or fetch it." {
		t.Errorf("message %q", r.Message)
	}

	dated, err := snap.WithAsOf(lists.SourceSDN, time.Date(2021, 7, 7, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Reload(ctx, WithLists(dated)); err != nil {
		t.Fatal(err)
	}
	d, _ = s.Screen(ctx, req)
	if diff := cmp.Diff([]string{"data.stale=review"}, codes(d)); diff != "" {
		t.Errorf("stated 2021 date: reasons (-want +got):\n%s", diff)
	}
	if r := reason(t, d, "data.stale"); r.Evidence["as_of"] != "2021-07-07" || r.Evidence["as_of_from"] != "stated" {
		t.Errorf("data.stale evidence %v", r.Evidence)
	}
	if v := d.Versions.Lists; len(v) != 1 || v[0].AsOf != "2021-07-07" || v[0].AsOfFrom != "stated" || v[0].FetchedAt != "" {
		t.Errorf("decision versions %+v", v)
	}

	dated, _ = snap.WithAsOf(lists.SourceSDN, testNow.AddDate(0, 0, -1))
	s.Reload(ctx, WithLists(dated))
	if d, _ = s.Screen(ctx, req); d.Outcome != "allow" || len(d.Reasons) != 0 {
		t.Errorf("a list dated yesterday: %s %v", d.Outcome, codes(d))
	}
}

// TestListAgesFromTheLastConfirmation: a list whose server says it was
// last modified 30 days ago, confirmed current by a download (or a 304)
// yesterday, is not stale: data ages from the later of the two. Before,
// only the date counted, and a 304 did not make it younger.
func TestListAgesFromTheLastConfirmation(t *testing.T) {
	ctx := context.Background()
	entry := &lists.Entry{Source: lists.SourceDPL, ID: "1", Type: lists.TypeEntity, Name: "Zephyr Quantum Logistics"}
	set := lists.SourceSet{Source: lists.SourceDPL, AsOf: testNow.AddDate(0, 0, -30), AsOfFrom: lists.AsOfLastModified,
		Checksum: "x", Entries: []*lists.Entry{entry}}
	req := Request{ID: "clean", Parties: []Party{{Role: RoleUltimateConsignee, Name: "Acme Robotics Inc", Country: "DE"}}}
	for _, tc := range []struct {
		fetched time.Time
		want    []string
	}{
		{testNow.AddDate(0, 0, -1), nil},
		{testNow.AddDate(0, 0, -8), []string{"data.stale=review"}},
		{time.Time{}, []string{"data.stale=review"}},
	} {
		set.FetchedAt = tc.fetched
		snap, err := lists.NewSnapshot(set)
		if err != nil {
			t.Fatal(err)
		}
		s, err := New(ctx, WithLists(snap), WithoutLocator(), WithClock(fixedClock), WithLogger(discardLogger()))
		if err != nil {
			t.Fatal(err)
		}
		d, _ := s.Screen(ctx, req)
		if diff := cmp.Diff(tc.want, codes(d)); diff != "" {
			t.Errorf("fetched %v: reasons (-want +got):\n%s", tc.fetched, diff)
		}
	}
}
