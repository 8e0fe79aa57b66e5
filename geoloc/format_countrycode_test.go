package geoloc

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDisputedClaims(t *testing.T) {
	gw, ia := "geo-whois-asn-country", "iptoasn-country"
	for _, tt := range []struct {
		name    string
		country string
		claims  []claimRecord
		want    []CountryClaim
	}{
		{"disagree", "RU", []claimRecord{{gw, "RU"}, {ia, "RS"}}, []CountryClaim{{gw, "RU"}, {ia, "RS"}}},
		{"the chosen country first", "CN", []claimRecord{{gw, "SG"}, {ia, "CN"}}, []CountryClaim{{ia, "CN"}, {gw, "SG"}}},
		{"agree", "US", []claimRecord{{gw, "US"}, {ia, "US"}}, nil},
		{"a pseudo-code is no claim", "CN", []claimRecord{{gw, "CN"}, {ia, "AP"}}, nil},
		{"one claim", "DE", []claimRecord{{gw, "DE"}}, nil},
		{"no claims", "DE", nil, nil},
		{"no country", "", []claimRecord{{gw, "RU"}, {ia, "RS"}}, nil},
	} {
		if diff := cmp.Diff(tt.want, disputedClaims(tt.country, tt.claims)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tt.name, diff)
		}
	}
}
