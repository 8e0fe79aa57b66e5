package match

import "strings"

//go:generate go run ./internal/genvariants -dir internal/variants -out variants_table.go -legal-out legalform_table.go

// variantKind says what a group of variant words is.
type variantKind uint8

const (
	variantOrg          variantKind = iota // an organisation descriptor (factory, zavod, gongchang)
	variantSlavic                          // a Slavic given name (Aleksandr, Oleksandr, Aliaksandr, Alexander)
	variantArabic                          // an Arabic or Persian given name or name element (Husayn, Hussein)
	variantTitle                           // a title or honorific before a name (Colonel, Shaykh)
	variantPersonSymbol                    // a person-name symbol (bin, abu, Jr)
	variantKorean                          // a Korean family name (Lee, Yi, Ri, Rhee)
	variantChinesePlace                    // a Chinese place name (Beijing, Peking)
	variantWadeGiles                       // a Chinese syllable in pinyin and Wade-Giles (xiong, hsiung)
	variantEuropean                        // the English or another European form of a name of an Arabic group (David, Moses)
	variantCountry                         // a country's name and its adjectives (China, Chinese; Iran, Iranian)
)

// variantGroup is one group of words that are the same name or descriptor
// in other languages or romanisations.
type variantGroup struct {
	kind  variantKind
	name  string
	words []string
	// cognate is the set of groups that are one name in other
	// languages (Dawud, David; Yusuf, Iosif, Joseph), 0 if none
	// (given-name-cognates.txt)
	cognate uint16
}

// variantSim is the similarity of two different words of one group.
const variantSim = 0.95

// cognateSim is the similarity of two words of groups of one cognate set:
// the same name in languages that share it (Dawud and David, Yusuf and
// Joseph, Maryam and Mary), which their bearers and the lists write either
// way.
const cognateSim = 0.85

// cognateGroups lists the groups of each cognate set (cognateGroups[c] for
// set c; 0 is no set). Built once from the generated table, read only.
var cognateGroups = func() [][]uint16 {
	var out [][]uint16
	for i, g := range variantGroups {
		if c := int(g.cognate); c != 0 {
			for len(out) <= c {
				out = append(out, nil)
			}
			out[c] = append(out[c], uint16(i+1))
		}
	}
	return out
}()

// cognates reports whether the groups g and h, both set, are different
// groups of one cognate set.
func cognates(g, h uint16) bool {
	c := variantGroups[g-1].cognate
	return c != 0 && g != h && c == variantGroups[h-1].cognate
}

// variantOf maps a normalised word to its group number (index in
// variantGroups plus one). Built once from the generated table, read only.
var variantOf = func() map[string]uint16 {
	m := make(map[string]uint16, 4096)
	for i, g := range variantGroups {
		for _, w := range g.words {
			if _, ok := m[w]; !ok {
				m[w] = uint16(i + 1)
			}
		}
	}
	return m
}()

// variantGroupOf returns the group number of a normalised word, 0 if none.
func variantGroupOf(w string) uint16 { return variantOf[w] }

// isTitle reports whether group g holds a title or honorific.
func isTitle(g uint16) bool {
	return g != 0 && (variantGroups[g-1].kind == variantTitle ||
		variantGroups[g-1].kind == variantPersonSymbol && titleSymbols[variantGroups[g-1].name])
}

// isOrgDescriptor reports whether group g holds an organisation descriptor
// ("resurs", "torgovy", "kapital"): a word that says what a business is or
// does in some language, no more distinctive than its English generic form.
func isOrgDescriptor(g uint16) bool { return orgDescriptorGroups[g] }

// orgDescriptorGroups[g] is isOrgDescriptor(g), 0 for no group: one load
// of a small table where the test of g and the read of the group's record
// (among some 60 bytes a group, at random) were a branch each.
var orgDescriptorGroups = func() (t [len(variantGroups) + 1]bool) {
	for i := range variantGroups {
		t[i+1] = variantGroups[i].kind == variantOrg
	}
	return t
}()

// titleSymbols are the rigour person symbols that are titles, not name
// parts.
var titleSymbols = map[string]bool{"dr": true, "prof": true, "sheikh": true, "haji": true, "esq": true, "jr": true, "sr": true, "md": true, "phd": true}

// patronymicSuffixes are the endings of East Slavic patronymics in the
// romanisations in use (Russian -ovich/-evich/-ovna/-evna, Ukrainian
// -ovych/-ivna, Belarusian -avich/-aunа, older -ovitch), longest first.
var patronymicSuffixes = []string{
	"ovitch", "evitch", "yevich", "iyevich", "ievich", "yovych", "iovych", "ovych", "evych",
	"ovich", "evich", "avich", "avitj", "ovitj", "ivich", "ovna", "evna", "yevna", "ievna", "ivna", "avna",
}

// patronymicStem returns the given name a patronymic is formed from (its
// stem: "aleksandr" for "aleksandrovich", "ihor" for "ihorovych") and
// whether w is one. Stems of fewer than three letters are not.
func patronymicStem(w string) (string, bool) {
	if len(w) < 7 {
		return "", false
	}
	for _, suf := range patronymicSuffixes {
		// the last byte first: a byte costs less than a string compare
		if w[len(w)-1] == suf[len(suf)-1] && strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			stem := w[:len(w)-len(suf)]
			// Yevgenyevich, Vasilyevich, Sergeyevich: a y or i before -evich
			// belongs to the suffix
			stem = strings.TrimRight(stem, "yi")
			if len(stem) >= 3 {
				return stem, true
			}
		}
	}
	return "", false
}

// stemGroup returns the variant group of a patronymic stem: the group of
// the stem itself, or of the stem with a final vowel or -iy/-y given name
// ending ("serge" -> "sergei", "vitali" -> "vitaliy").
func stemGroup(stem string) uint16 {
	if g := variantOf[stem]; g != 0 {
		return g
	}
	for _, end := range []string{"y", "i", "iy", "ii", "a", "o", "e", "ei", "ey"} {
		if g := variantOf[stem+end]; g != 0 {
			return g
		}
	}
	return 0
}

// Weights of a word left unmatched, relative to its weight: a title or a
// patronymic of a person is often added or left out.
const (
	missTitle      = 0.1
	missPatronymic = 0.3
	missGeneric    = 0.3 // see orgs.go
)

// missFactor is the share of a word's weight that counts when the other
// name lacks it. generic says whether the word counts as a generic
// company word there.
func (v variantInfo) missFactor(individual, generic bool) float32 {
	switch {
	case !individual && generic:
		// what a business does, added or left out ("Sidar International
		// Holding Company" for SIDAR COMPANY)
		return missGeneric
	case !individual:
		return 1
	case v.title:
		return missTitle
	case v.patronymic:
		return missPatronymic
	}
	return 1
}

// pinyinOf returns the pinyin of a Wade-Giles syllable of the variant
// table, or w itself.
func pinyinOf(w string) string {
	return pinyinOfGroup(w, variantOf[w])
}

// pinyinOfGroup is pinyinOf for a word w whose variant group g is known
// (a query word's, prepared with it): no look-up of w.
func pinyinOfGroup(w string, g uint16) string {
	if g != 0 && variantGroups[g-1].kind == variantWadeGiles {
		return variantGroups[g-1].words[0]
	}
	return w
}
