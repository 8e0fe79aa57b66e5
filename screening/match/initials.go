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
// S.A., L.L.C.) and stay as they are, as they do when the query gives no
// type.

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
