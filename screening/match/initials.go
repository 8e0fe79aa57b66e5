package match

import (
	"math/bits"
	"strings"
)

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

// cutInitials returns the name s, whose glued initials spaceInitials wrote
// apart (SMOLIN O. N.), without its initials, the initials' letters in
// lower case and whether they came before the other words. The initials
// are a person's given names: analysed with the name, A. S. would be the
// legal form A/S, S. A. the form S.A., and A., E. and Y. stop words
// (TSYDENOV A.S. read as TSYDENOV alone, 0.775 against TSYDENOV, Aleksey
// Sambuyevich). A name with no initials is returned as it is.
func cutInitials(s string) (rest, initials string, first bool) {
	var r strings.Builder
	var in []byte
	words := 0
	for f := range strings.FieldsSeq(s) {
		if spacedInitial(f) {
			if words == 0 {
				first = true
			}
			in = append(in, f[0]|0x20)
			continue
		}
		if r.Len() > 0 {
			r.WriteByte(' ')
		}
		r.WriteString(f)
		words++
	}
	if len(in) == 0 || words == 0 {
		return s, "", false
	}
	return r.String(), string(in), first
}

// withInitials appends to dst the query's words and each letter of
// initials as a word of one letter, before the words when first, else
// after them.
func withInitials(dst, words []string, initials string, first bool) []string {
	if !first {
		dst = append(dst, words...)
	}
	for i := 0; i < len(initials); i++ {
		dst = append(dst, oneLetter(initials[i]))
	}
	if first {
		dst = append(dst, words...)
	}
	return dst
}

// oneLetter returns the lower-case ASCII letter c as a string, without
// an allocation.
func oneLetter(c byte) string {
	const letters = "abcdefghijklmnopqrstuvwxyz"
	return letters[c-'a' : c-'a'+1]
}

// initialWeight is the weight of a query word that is one of a person's
// glued initials, as an indexed word of one letter weighs: A, E and Y,
// stop words elsewhere, are initials here.
const initialWeight = 2

// initialMissWeight is what a query's glued initial that stands for no
// word of the listed name counts for, left unmatched: a given name the
// listed person lacks (KIM H.C. against KIM, Chol; ALI A.I. against 'ALI,
// Ahmad), as much as a given name of middling rarity weighs, where the
// initial's own weight (initialWeight) would leave the name whole.
const initialMissWeight = 6

// markInitials returns the mask of the query words qs that are the n
// initials withInitials put first (first) or last, and gives them
// initialWeight.
func markInitials(qs []qtok, n int, first bool) uint64 {
	lo := len(qs) - n
	if first {
		lo = 0
	}
	var m uint64
	for i := lo; i < lo+n && i < len(qs) && i < 64; i++ {
		if i >= 0 && len(qs[i].s) == 1 {
			qs[i].w = initialWeight
			m |= bit(i)
		}
	}
	return m
}

// initialsInOrder adds to sc.edges the pairs of the query's glued
// initials (sc.qInitials) with the words of the listed person's name
// ctoks that they stand for: in order, each initial with the next listed
// word after the last one paired that starts with its letter, the words
// that a longer query word agrees with closely left out (the surname).
// PETROV A.V. is A. then V.: not PETROV, Vyacheslav Anatolyevich, whose
// names are V. then A., nor PETROV, Sergey Valeriyevich, whose S. no
// initial stands for.
func (ix *Index) initialsInOrder(sc *scratch, ctoks []int32) {
	if len(ctoks) > 64 {
		return
	}
	var taken uint64
	for _, e := range sc.edges {
		if e.sim >= closeMinSim && sc.qInitials&spanMask(e.qlo, e.qhi) == 0 {
			taken |= spanMask(e.clo, e.chi)
		}
	}
	next := 0
	for m := sc.qInitials; m != 0; m &= m - 1 {
		i := bits.TrailingZeros64(m)
		c := sc.qs[i].s[0]
		for j := next; j < len(ctoks); j++ {
			t := &ix.toks[ctoks[j]]
			if taken&bit(j) != 0 || len(t.s) < 2 || t.s[0] != c {
				continue
			}
			sc.edges = append(sc.edges, edge{int8(i), int8(i), int8(j), int8(j), initialSim, min(t.w, 3)})
			next = j + 1
			break
		}
	}
}

// initialsAtEdge reports whether the raw name s has initials written apart
// (A. S.: a letter of ASCII and a full stop, a comma after at most), two
// or more, all of them in a row at its start or its end, and another
// word: a person's name written SURNAME A. S. or A. S. SURNAME, as glued
// initials are read. An initial between two names (JOHN A. SMITH), or
// alone (A. KABIR, HE, Daniel Y.), is read where it stands, as the lists'
// names that write it so are indexed.
func initialsAtEdge(s string) bool {
	if strings.IndexByte(s, '.') < 0 {
		return false
	}
	n, count, first, last := 0, 0, -1, -1
	for f := range strings.FieldsSeq(s) {
		if spacedInitial(f) {
			if first < 0 {
				first = n
			}
			last = n
			count++
		}
		n++
	}
	return count >= 2 && count < n && last-first+1 == count && (first == 0 || last == n-1)
}

// maxNicknameWords is the most words of a nickname cutNickname cuts.
const maxNicknameWords = 3

// cutNickname returns the raw name s of a person without the nickname it
// quotes after a word of the name (Aleksey "Lesha" Tsydenov, Joaquin
// Guzman «El Chapo»): one to maxNicknameWords words, the name keeping two
// words or more. Parentheses are left alone: the lists put a name's
// original script (Jin Tiesan (金铁三)) or what a name is ((birth name))
// there, and index it so. Searched with the name, a nickname weighed as a
// given name the listed person lacks (0.676 against TSYDENOV, Aleksey
// Sambuyevich; 0.970 without). Only a person's: in an organisation's name
// the quoted word is its own name (quotedword.go). Single quotes are left
// alone too: Arabic names written with the ʿayn as an apostrophe ('ABD
// AL-'AZIZ) hold several.
func cutNickname(s string) (string, bool) {
	for _, q := range [...][2]string{{"\"", "\""}, {"“", "”"}, {"«", "»"}} {
		i := strings.Index(s, q[0])
		if i <= 0 {
			continue
		}
		j := strings.Index(s[i+len(q[0]):], q[1])
		if j < 0 {
			continue
		}
		inner := s[i+len(q[0]) : i+len(q[0])+j]
		if n := len(strings.Fields(inner)); n == 0 || n > maxNicknameWords {
			continue
		}
		rest := strings.TrimSpace(s[:i]) + " " + strings.TrimSpace(s[i+len(q[0])+j+len(q[1]):])
		if rest = strings.TrimSpace(rest); len(strings.Fields(Normalize(rest))) < 2 {
			continue
		}
		return rest, true
	}
	return s, false
}

// spacedInitial reports whether the raw word f is an initial written
// apart: a letter of ASCII and a full stop, a comma after at most.
func spacedInitial(f string) bool {
	c := strings.TrimSuffix(f, ",")
	return len(c) == 2 && asciiLetter(c[0]) && c[1] == '.'
}
