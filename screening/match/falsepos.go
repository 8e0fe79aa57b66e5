package match

import "github.com/exportguard/exportguard/screening/lists"

// Rules that keep names that are spelled alike but name other parties from
// matching.

// legalFormTypeMismatch adds to r the type_mismatch adjustment when the
// query, of no stated type, carries a legal form (legal) and the listed
// entry is of a type that has none (typeWithoutLegalForm) under a name with
// none (rec): "Solana Co" is a company, not the vessel SOLAN, "GLAUKOS
// Corp" is not the vessel GLAUCUS and "FULLER H B CO" is not the person
// KOLLER, Bruno. A legal form is the query saying what kind of party it
// names, as Query.Type would. A listed name that has a legal form word of
// its own (the Tuareg name element Ag, also the German AG) is left alone:
// the word may be a name there.
func legalFormTypeMismatch(legal LegalClass, r *result, rec *nameRec, t lists.EntryType, q Query) {
	if legal == LegalNone || rec.legal != LegalNone || q.Type != lists.TypeUnknown || !typeWithoutLegalForm(t) {
		return
	}
	r.add(Adjustment{"type_mismatch", deltaTypeMismatch, "query has a legal form (" + legal.String() + "), entry is " + string(t)})
}

// typeWithoutLegalForm reports whether parties of type t are never
// registered under a legal form: vessels, aircraft and people.
func typeWithoutLegalForm(t lists.EntryType) bool {
	return t == lists.TypeVessel || t == lists.TypeAircraft || t == lists.TypeIndividual
}
