package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/exportguard/exportguard/screening"
)

// realApp runs the audit on the real Screener (embedded defaults unless the
// flags say otherwise), built once per configuration.
func realApp(t *testing.T) app {
	t.Helper()
	var mu sync.Mutex
	built := map[string]screener{}
	return app{
		newScreener: func(ctx context.Context, c config) (screener, error) {
			mu.Lock()
			defer mu.Unlock()
			key := strings.Join(c.geoip, ",") + "|" + c.ownership
			if s, ok := built[key]; ok {
				return s, nil
			}
			c.logger = discardLogger()
			s, err := newScreener(ctx, c)
			if err == nil {
				built[key] = s
			}
			return s, err
		},
		now: time.Now,
	}
}

func screenFile(t *testing.T, a app, args ...string) map[string]screening.Decision {
	t.Helper()
	out := filepath.Join(t.TempDir(), "out.jsonl")
	res := runApp(t, a, "", append([]string{"-out", out}, args...)...)
	if res.code != exitOK {
		t.Fatalf("exit %d: %s", res.code, res.stderr)
	}
	got := map[string]screening.Decision{}
	for _, l := range strings.Split(strings.TrimSpace(mustRead(t, out)), "\n") {
		var d screening.Decision
		if err := json.Unmarshal([]byte(l), &d); err != nil {
			t.Fatal(err)
		}
		got[d.ID] = d
	}
	return got
}

type wantDecision struct {
	id      string
	outcome string
	codes   []string // reason codes that must be present
	list    string   // a match on this list ...
	entry   string   // ... of this entry (entry_name) ...
	alias   string   // ... through this name or alias ("" = any)
}

func checkDecisions(t *testing.T, got map[string]screening.Decision, want []wantDecision) {
	t.Helper()
	for _, w := range want {
		d, ok := got[w.id]
		if !ok {
			t.Errorf("%s: no decision", w.id)
			continue
		}
		if d.Outcome != w.outcome {
			t.Errorf("%s: outcome %s; want %s (reasons %v)", w.id, d.Outcome, w.outcome, codes(d))
		}
		for _, c := range w.codes {
			if !slices.Contains(codes(d), c) {
				t.Errorf("%s: no reason %s in %v", w.id, c, codes(d))
			}
		}
		if w.list != "" && !slices.ContainsFunc(d.Matches, func(m screening.MatchRecord) bool {
			return m.List == w.list && m.EntryName == w.entry && (w.alias == "" || m.MatchedName == w.alias)
		}) {
			t.Errorf("%s: no %s match of %q via %q; matches %+v", w.id, w.list, w.entry, w.alias, d.Matches)
		}
	}
}

func codes(d screening.Decision) []string {
	var c []string
	for _, r := range d.Reasons {
		c = append(c, r.Code)
	}
	return c
}

// TestSampleOnDefaults screens the bundled sample on the embedded defaults
// and checks the decisions the sample was built to show.
func TestSampleOnDefaults(t *testing.T) {
	got := screenFile(t, realApp(t), "-ownership", "../../testdata/orders/ownership.csv", "../../testdata/orders/sample.csv")
	if n := len(readAll(t, mustRead(t, "../../testdata/orders/sample.csv"))); len(got) != n {
		t.Errorf("%d decisions; want %d", len(got), n)
	}
	checkDecisions(t, got, []wantDecision{
		// Entity List, spelling variant of the listed name (suffix, punctuation).
		{id: "ORD-1001", outcome: "license_required", codes: []string{"party.listed"},
			list: "EL", entry: "Hangzhou Hikvision Digital Technology Co., Ltd."},
		// The listed alias with a Cyrillic "Со", as BIS publishes it.
		{id: "ORD-1019", outcome: "license_required", codes: []string{"party.listed"},
			list: "EL", entry: "Detail Technology (HK) Limited", alias: "Shenzhen Ditai Technology Со., Ltd."},
		// Entity List, word order changed.
		{id: "ORD-1010", outcome: "license_required", codes: []string{"party.listed", "item.license_required"},
			list: "EL", entry: "Inspur (Beijing) Electronic Information Industry Co., Ltd."},
		// SDN with an Iranian IP and destination.
		{id: "ORD-1030", outcome: "deny", codes: []string{"party.listed", "destination.embargoed", "ip.embargoed"},
			list: "SDN", entry: "MAHAN AIR"},
		// UN names in Chinese and Cyrillic script.
		{id: "ORD-1034", outcome: "review", codes: []string{"party.listed"},
			list: "UN", entry: "KOREA RYONHA MACHINERY JOINT VENTURE CORPORATION", alias: "朝鲜联合机械贸易会社"},
		// The Cyrillic name is the UN entry's; through transliteration it is also
		// the SDN entry "UMAROV, Doku" at a name score above thresholds.confirm,
		// and the date of birth and country agree: confirmed on both lists, deny.
		{id: "ORD-1035", outcome: "deny", codes: []string{"party.listed"}, list: "UN", entry: "DOKU KHAMATOVICH UMAROV"},
		// 2022 Russia designations, in the embedded SDN since it is the
		// 2024-05 file: word order, Cyrillic script, short names.
		// Sberbank: SSI since 2014, SDN since 2022 (the 2021 SDN did not have it).
		{id: "ORD-1040", outcome: "deny", codes: []string{"party.listed"}, list: "SDN", entry: "PUBLIC JOINT STOCK COMPANY SBERBANK OF RUSSIA"},
		// Given name and surname of the full listed name, date of birth agreeing.
		{id: "ORD-1042", outcome: "deny", codes: []string{"party.listed"}, list: "SDN", entry: "PUTIN, Vladimir Vladimirovich", alias: "PUTIN, Vladimir"},
		{id: "ORD-1043", outcome: "deny", codes: []string{"party.listed"}, list: "SDN", entry: "PUTIN, Vladimir Vladimirovich", alias: "PUTIN, Vladimir"},
		{id: "ORD-1044", outcome: "deny", codes: []string{"party.listed"}, list: "SDN", entry: "JOINT STOCK COMPANY SOVCOMFLOT"},
		{id: "ORD-1045", outcome: "deny", codes: []string{"party.listed"}, list: "SDN", entry: "GARANTEX EUROPE OU", alias: "GARANTEX"},
		{id: "ORD-1046", outcome: "deny", codes: []string{"party.listed"}, list: "SDN", entry: "PUBLIC JOINT STOCK COMPANY ALROSA"},
		// Embargoed destination and sanctioned region, clean parties.
		{id: "ORD-1050", outcome: "deny", codes: []string{"destination.embargoed"}},
		{id: "ORD-1057", outcome: "deny", codes: []string{"destination.region_embargoed"}},
		// A100-class chip to China; headquartered in China, shipped to Singapore.
		{id: "ORD-1053", outcome: "license_required", codes: []string{"item.license_required", "destination.country_of_concern"}},
		{id: "ORD-1059", outcome: "license_required", codes: []string{"item.license_required", "party.hq_country_of_concern"}},
		// Clean orders.
		{id: "ORD-1071", outcome: "allow"},
		{id: "ORD-1080", outcome: "allow"},
		// Multi-row: listed intermediate consignee among clean parties.
		{id: "ORD-2001", outcome: "license_required", codes: []string{"party.listed", "item.license_required"},
			list: "EL", entry: "Detail Technology (HK) Limited"},
		// Ownership (testdata/orders/ownership.csv): 50% through a blocked
		// intermediate owned by an SDN (OFAC 50% rule); 55% by Entity List
		// parties after and during the Affiliates rule's suspension.
		{id: "ORD-3001", outcome: "deny", codes: []string{"party.owned_by_listed"}},
		{id: "ORD-3002", outcome: "license_required", codes: []string{"party.owned_by_listed"}},
		{id: "ORD-3003", outcome: "review", codes: []string{"party.minority_owned_by_listed"}},
		// A US account seen from Russian IPs.
		{id: "ORD-2003", outcome: "review", codes: []string{"ip.country_mismatch", "ip.country_of_concern"}},
		// Yandex's 77.88.8.8: RU by geo-whois-asn-country, RS by iptoasn; a
		// disputed location of concern is reviewed, never denied.
		{id: "ORD-2010", outcome: "review", codes: []string{"ip.location_uncertain", "ip.country_mismatch"}},
	})
}

// TestGeoSampleOnTestDBs screens sample-geo.csv with MaxMind's test
// databases, which know Crimea and anonymizers.
func TestGeoSampleOnTestDBs(t *testing.T) {
	mmdb := "../../testdata/mmdb/"
	got := screenFile(t, realApp(t), "-geoip", mmdb+"GeoIP2-Enterprise-Test.mmdb", "-geoip", mmdb+"GeoIP2-City-Test.mmdb",
		"-geoip", mmdb+"GeoIP2-Anonymous-IP-Test.mmdb", "../../testdata/orders/sample-geo.csv")
	checkDecisions(t, got, []wantDecision{
		{id: "GEO-04", outcome: "deny", codes: []string{"ip.anonymizer", "ip.embargoed"}},
		{id: "GEO-05", outcome: "deny", codes: []string{"ip.region_embargoed"}},
		{id: "GEO-12", outcome: "review", codes: []string{"ip.unknown"}},
	})
	if loc := got["GEO-05"].Locations; len(loc) != 1 || !slices.Contains(loc[0].Subdivisions, "UA-43") {
		t.Errorf("GEO-05 locations %+v; want subdivision UA-43", loc)
	}
}

// TestDataFlags checks that -lists, -policy and -geoip replace the embedded
// data, and that unreadable data stops the run with exit 2 naming the file.
func TestDataFlags(t *testing.T) {
	dir := t.TempDir()
	in := writeFile(t, dir, "in.csv", "id,name,country,destination\n"+
		"A,Mahan Air,IR,AE\n"+
		"B,Hangzhou Hikvision Digital Technology Co Ltd,CN,CN\n")
	a := app{newScreener: newScreener, now: time.Now}

	// Only the Entity List: the SDN entry Mahan Air is not found.
	got := screenFile(t, a, "-lists", "../../testdata/lists/entity-list/entity_list.csv", in)
	if m := got["A"].Matches; len(m) != 0 {
		t.Errorf("A matched %+v with only the Entity List loaded", m)
	}
	checkDecisions(t, got, []wantDecision{{id: "B", outcome: "license_required", codes: []string{"party.listed"},
		list: "EL", entry: "Hangzhou Hikvision Digital Technology Co., Ltd."}})
	for _, v := range got {
		if len(v.Versions.Lists) != 1 || v.Versions.Lists[0].Source != "EL" {
			t.Errorf("%s: versions.lists %+v; want the Entity List only", v.ID, v.Versions.Lists)
		}
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-lists", filepath.Join(dir, "missing.csv")}, "audit: -lists: "},
		{[]string{"-policy", "../../testdata/policy/bad/affiliates.yaml"}, `affiliates.yaml:4:35: unknown Affiliates rule status "maybe"`},
		{[]string{"-geoip", "../../testdata/mmdb/GeoIP2-City-Test-Broken-Double-Format.mmdb"}, "audit: -geoip: "},
	} {
		res := runApp(t, a, "", append(tc.args, in)...)
		if res.code != exitUsage || !strings.Contains(res.stderr, tc.want) {
			t.Errorf("%v: exit %d, stderr %q; want 2 and %q", tc.args, res.code, res.stderr, tc.want)
		}
	}
}

func TestBadOwnershipFileIsAConfigurationError(t *testing.T) {
	dir := t.TempDir()
	bad := writeFile(t, dir, "owners.csv", "owner,owned,percent\nMAHAN AIR,Gulf Aero Parts Trading LLC,half\n")
	_, err := newScreener(context.Background(), config{ownership: bad, logger: discardLogger()})
	if err == nil || !strings.Contains(err.Error(), `-ownership: owners.csv:2: field percent: not a number "half"`) {
		t.Fatalf("error = %v", err)
	}
	res := runApp(t, realApp(t), "", "-ownership", bad, writeFile(t, dir, "in.csv", "id,name\nA,Acme Widgets Inc\n"))
	if res.code != exitUsage || !strings.Contains(res.stderr, `owners.csv:2: field percent: not a number "half"`) {
		t.Errorf("exit %d, stderr %q", res.code, res.stderr)
	}
}
