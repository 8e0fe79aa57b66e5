package rules

// userAssignedCountries are countries that have no ISO 3166-1 code but a
// user-assigned one that data sources use: XK for Kosovo, the code CLDR
// (region XK), MaxMind GeoIP2 and the European Commission use, with alpha-3
// XKX (World Bank). ISO 3166-1 reserves XA-XZ for user assignment, so no
// ISO country will ever take it. ParseCountry accepts these codes; no EAR
// country group or embargo names Kosovo.
var userAssignedCountries = []isoCountry{
	{alpha2: "XK", alpha3: "XKX", name: "Kosovo", official: "Republic of Kosovo"},
}

// countryRow returns the table row of an alpha-2 code, ISO or user-assigned.
func countryRow(alpha2 string) *isoCountry {
	if i := countryIndex(alpha2); i >= 0 {
		return &isoCountries[i]
	}
	for i := range userAssignedCountries {
		if userAssignedCountries[i].alpha2 == alpha2 {
			return &userAssignedCountries[i]
		}
	}
	return nil
}
