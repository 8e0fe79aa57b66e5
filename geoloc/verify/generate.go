package verify

// The embedded admin-0 boundary table is generated from the Natural Earth
// TopoJSON copied into testdata/boundaries (see its PROVENANCE.md). The
// 5 km tolerance is 0.5 mm at 1:10,000,000, the scale of the source data.
//go:generate go run ./internal/boundarygen -in ../../testdata/boundaries/countries-10m.json -iso ../../testdata/iso3166/iso_3166-1.json -tolerance-m 5000 -source "Natural Earth 4.1.0 admin-0 1:10m (world-atlas@2.0.2 countries-10m.json)" -out ne10m_countries.bin -crimea-out ../../testdata/boundaries/crimea-ne10m.geojson
