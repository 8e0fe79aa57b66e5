// Package partykey is the key of a party's name: the one function that keys
// reviewer suppressions (screening.PartyKey) and the ownership graph
// (ownership.Key). It is a versioned namekey.Scheme, so that a change to
// the name normaliser re-keys the suppressions reviewers stored under the
// old key (screening's stores call Rekey as they load) instead of silently
// voiding them.
//
// Version 1 is match.Normalize: NFKC, width and case folding,
// transliteration to Latin, diacritics and punctuation removed, tokens
// joined by single spaces. To change the key, add a version to the scheme
// below whose function refines the ones before it (namekey.Func); the tests
// check that on real list names.
package partykey

import (
	"github.com/exportguard/exportguard/namekey"
	"github.com/exportguard/exportguard/screening/match"
)

var scheme = namekey.MustScheme("party",
	namekey.Func{Version: 1, Key: match.Normalize},
)

// Scheme returns the party-name key scheme: every version, the last current.
func Scheme() *namekey.Scheme { return scheme }

// Key returns the current key of a party's name.
func Key(name string) namekey.Key { return scheme.Key(name) }

// Text returns the text of the current key of a party's name.
func Text(name string) string { return scheme.Key(name).Text }
