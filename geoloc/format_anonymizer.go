package geoloc

// anonymizerFormat reads the GeoIP2 Anonymous IP and GeoIP Anonymous Plus
// schemas.
type anonymizerFormat struct{}

func (anonymizerFormat) name() string { return "GeoIP2 anonymizer" }

func (anonymizerFormat) classify(dbType string) (string, bool) {
	switch dbType {
	case "GeoIP2-Anonymous-IP":
		return TypeAnonymousIP, true
	case "GeoIP-Anonymous-Plus":
		return TypeAnonymousPlus, true
	}
	return "", false
}

func (anonymizerFormat) geo(record, *geoResult) error { return errWrongFormat }

func (anonymizerFormat) anonymizer(rec record, a *anonymizerRecord) error { return rec.decode(a) }

type anonymizerRecord struct {
	ProviderName         string `maxminddb:"provider_name"`
	AnonymizerConfidence uint16 `maxminddb:"anonymizer_confidence"`
	IsAnonymous          bool   `maxminddb:"is_anonymous"`
	IsAnonymousVPN       bool   `maxminddb:"is_anonymous_vpn"`
	IsHostingProvider    bool   `maxminddb:"is_hosting_provider"`
	IsPublicProxy        bool   `maxminddb:"is_public_proxy"`
	IsResidentialProxy   bool   `maxminddb:"is_residential_proxy"`
	IsTorExitNode        bool   `maxminddb:"is_tor_exit_node"`
}

func (r *anonymizerRecord) signal() bool {
	return r.IsAnonymous || r.IsAnonymousVPN || r.IsTorExitNode || r.IsHostingProvider ||
		r.IsPublicProxy || r.IsResidentialProxy || r.AnonymizerConfidence != 0 || r.ProviderName != ""
}
