// Package match screens party names against restricted-party list entries:
// normalisation across scripts, legal-form handling, a candidate index built
// once, and an explained, calibrated score per match.
//
// Normalize turns a name in any script into lower-case tokens (Cyrillic,
// Greek, Han, Hangul and Arabic/Persian are romanised in-process). NewIndex
// builds an immutable index over list entries; Search finds the entries whose
// name or alias matches a query, scored in [0,1], each with the alias that
// matched, the aligned tokens and their similarities, and the adjustments
// made for country, date of birth, identifiers, entry type, weak aliases,
// legal forms and numbers.
//
// See docs/matching.md for the evaluation (recall and false-positive rate per
// category on testdata/eval) and the benchmark figures.
package match
