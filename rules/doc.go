// Package rules holds exportguard's policy: countries and ISO 3166 regions,
// EAR country groups as dated data, countries-of-concern profiles, sanctioned
// regions, item rules (ECCNs and AI-chip classification), license
// determination, and policy files with an embedded default.
//
// Every value is immutable once built; every rule knows the dates it applies.
package rules
