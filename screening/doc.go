// Package screening answers, in one call, whether a transaction may go ahead:
// these items, these parties, this destination, this client IP, this date —
// and if not, exactly why. It joins restricted-party screening (package
// lists and match), destination and item rules (package rules) and IP
// geolocation (package geoloc) into one explainable, reproducible Decision.
package screening
