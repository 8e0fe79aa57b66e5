package match

import "strings"

// A person's given names are written as initials after the surname in
// many records (SMOLIN O.N., IVANOV I.I., BADER M.M.Y.), the initials
// glued by their full stops. Normalised, O.N. is one word ON, no initial:
// SMOLIN O.N. scored as SMOLIN alone (0.796 against SMOLIN, Oleg
// Nikolayevich), where SMOLIN O. N. pairs each initial with a given name
// (0.920). For a query of a person, spaceInitials writes glued initials
// apart before the name is normalised, and a listed person's name that
// glues them is indexed so too, beside the name as written (analyseEntry:
// ALSBHUA, Azam A.R.), which a query that gives no type finds. An
// organisation's dotted letters are its acronym or legal form (M.S.P.,
// S.A., L.L.C.) and stay as they are. A query that gives no type has its
// initials written apart when the rest of it is a person's name written
// so (initialsBesideName): one to three words, none of them a legal form,
// a generic word or a descriptor (SMOLIN O.N.; not M.S.P. TRADING, P.A.D.
// LTD).

// maxGluedInitials is the most initials spaceInitials reads in one word.
const maxGluedInitials = 4

// spaceInitials returns the raw name s with each word that is two to
// maxGluedInitials letters each followed by a full stop (O.N., A.J.M.)
// written as those initials apart (O. N.), and whether it changed s.
func spaceInitials(s string) (string, bool) {
	if strings.IndexByte(s, '.') < 0 {
		return s, false
	}
	// most names with a full stop have no glued initials (DR. SMITH,
	// JOHN A. SMITH): they are asked word by word, with nothing built,
	// as NameReading asks every cached screen's name
	glued := false
	for f := range strings.FieldsSeq(s) {
		if glued = gluedInitials(f) >= 2; glued {
			break
		}
	}
	if !glued {
		return s, false
	}
	fields := strings.Fields(s)
	changed := false
	for i, f := range fields {
		if n := gluedInitials(f); n >= 2 {
			var b strings.Builder
			for k := 0; k < n; k++ {
				if k > 0 {
					b.WriteByte(' ')
				}
				b.WriteString(f[2*k : 2*k+2])
			}
			b.WriteString(f[2*n:]) // a comma after the initials
			fields[i], changed = b.String(), true
		}
	}
	if !changed {
		return s, false
	}
	return strings.Join(fields, " "), true
}

// gluedInitials returns how many initials the raw word f is: letters of
// ASCII each followed by a full stop, two to maxGluedInitials of them,
// with at most a comma after; 0 if f is no such word.
func gluedInitials(f string) int {
	f = strings.TrimSuffix(f, ",")
	if len(f)%2 != 0 || len(f) < 4 || len(f) > 2*maxGluedInitials {
		return 0
	}
	for k := 0; k < len(f); k += 2 {
		c := f[k] | 0x20
		if c < 'a' || c > 'z' || f[k+1] != '.' {
			return 0
		}
	}
	return len(f) / 2
}

// maxNameBesideInitials is the most words besides glued initials that
// initialsBesideName reads as a person's name.
const maxNameBesideInitials = 3

// initialsBesideName reports whether the raw name s, of a query that gives
// no type, is a person's name with glued initials (gluedInitials): one to
// maxNameBesideInitials other words, each of two letters or more and none
// a legal form of one word, a generic word or a descriptor in any
// language, and initials that are no legal form.
// Asked of every cached screen's name (NameReading): a name without a
// full stop, or without glued initials, is answered without a word
// normalised.
func initialsBesideName(s string) bool {
	if strings.IndexByte(s, '.') < 0 {
		return false
	}
	initials, others := 0, 0
	for f := range strings.FieldsSeq(s) {
		if gluedInitials(f) >= 2 {
			if w := Normalize(f); oneWordForm(w) || w == "ca" {
				// a legal form (S.A., L.L.C.; C.A., the compañía
				// anónima, which the tables leave out: CA is as
				// often a word of a name)
				return false
			}
			initials++
			continue
		}
		others++
		if others > maxNameBesideInitials {
			return false
		}
	}
	if initials == 0 || others == 0 {
		return false
	}
	for f := range strings.FieldsSeq(s) {
		if gluedInitials(f) >= 2 {
			continue
		}
		for _, w := range strings.Fields(Normalize(f)) {
			if len(w) < 2 || oneWordForm(w) || isGenericWord(w) || isOrgDescriptor(variantGroupOf(w)) {
				return false
			}
		}
	}
	return true
}
