package rules

//go:generate go run ./internal/gen/names -iso ../testdata/iso3166 -aliases internal/gen/names/aliases.txt -o names_gen.go
