package rules

//go:generate go run ./internal/gen/iso ../testdata/iso3166
