// Command genvariants writes variants_table.go of package match: groups of
// words that are the same name or descriptor in other languages and
// romanisations. Run by go generate in screening/match:
//
//	go run ./internal/genvariants -dir internal/variants -out variants_table.go
//
// Sources (see internal/variants/PROVENANCE.md):
//   - given-names.txt: Slavic and Arabic/Persian given-name forms, name
//     elements and titles, one group per line ("kind: form form ...");
//   - given-name-cognates.txt: the groups that are one name in several
//     languages (Dawud, David), one name a line; forms of no group make a
//     group of their own;
//   - slavic-diminutives.txt: the short forms of Russian, Ukrainian and
//     Belarusian given names (Nadya for Nadezhda), one name a line, linked
//     to the full name's group as a cognate set links its groups;
//   - korean-names.txt: Korean family names in their usual romanisations;
//   - chinese-places.txt: Chinese place names in pinyin and their postal or
//     Wade-Giles forms;
//   - wade-giles.txt: Wade-Giles syllables and their pinyin;
//   - country-adjectives.txt: a country's English short name and its
//     English adjectives (China, Chinese; Korea, Korean);
//   - rigour-symbols.yml: OpenSanctions rigour's organisation descriptors and
//     person symbols (MIT), without its groups that are names of particular
//     organisations and without its nicknames;
//   - org-merges.txt: rigour organisation groups that are one group here,
//     as one word of another language is translated into either;
//   - org-abbreviations.txt: English abbreviations of business words
//     (Mgmt., Svcs., Hldgs.), read as org-descriptors.txt;
//   - org-descriptors.txt: organisation descriptors rigour lacks (Turkish,
//     Persian, Arabic, East Slavic, English abbreviations), added to a rigour
//     group or as groups of their own.
//
// Every form is normalised with match.Normalize; forms of more than one word
// and forms already in an earlier group are left out (a word belongs to one
// group only). A form with the Turkish dotless ı, which Normalize keeps in
// lowercase text and writes i in capitals (havacılık, HAVACILIK), is also
// added with i.
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"log"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/exportguard/exportguard/screening/match"
)

// skipGroups are rigour groups that name particular organisations (their
// forms are the names of listed parties, which the matcher must find on its
// own) or hold nicknames.
var skipGroups = map[string]bool{
	"alqaeda": true, "hezbollah": true, "irgc": true, "cia": true, "ccp": true, "pla": true,
	"khuylo": true, "qdfi": true,
}

type group struct {
	kind, name string
	words      []string
	cognate    int      // the cognate set (given-name-cognates.txt line), 0 if none
	merged     []string // the names of the organisation groups merged into this one
}

func main() {
	dir := flag.String("dir", "internal/variants", "directory of the source files")
	out := flag.String("out", "variants_table.go", "Go file to write")
	legalOut := flag.String("legal-out", "legalform_table.go", "Go file to write the legal forms to")
	flag.Parse()
	if err := writeLegal(filepath.Join(*dir, "rigour-org_types.yml"), *legalOut); err != nil {
		log.Fatal(err)
	}
	var groups []group
	for _, f := range []string{"given-names.txt", "korean-names.txt", "chinese-places.txt", "wade-giles.txt", "country-adjectives.txt"} {
		gs, err := readNames(filepath.Join(*dir, f), "slavic", "arabic", "title", "korean", "chinese_place", "wade_giles", "country")
		if err != nil {
			log.Fatal(err)
		}
		groups = append(groups, gs...)
	}
	gs, err := readRigour(filepath.Join(*dir, "rigour-symbols.yml"))
	if err != nil {
		log.Fatal(err)
	}
	merges, err := readMerges(filepath.Join(*dir, "org-merges.txt"))
	if err != nil {
		log.Fatal(err)
	}
	if gs, err = mergeGroups(gs, merges); err != nil {
		log.Fatal(err)
	}
	descs, err := readNames(filepath.Join(*dir, "org-descriptors.txt"))
	if err != nil {
		log.Fatal(err)
	}
	abbrevs, err := readNames(filepath.Join(*dir, "org-abbreviations.txt"))
	if err != nil {
		log.Fatal(err)
	}
	descs = append(descs, abbrevs...)
	gs = addDescriptors(gs, descs)
	groups = append(groups, gs...)

	seen := map[string]bool{}
	var kept []group
	for _, g := range groups {
		var ws []string
		for _, f := range g.words {
			n := match.Normalize(f)
			// one letter is an initial, not a name, except a Korean
			// syllable written with a vowel alone (U for Woo, O for Oh)
			if n == "" || strings.Contains(n, " ") || seen[n] || len(n) < 2 && g.kind != "korean" || len(n) < 3 && g.kind == "org" && !twoLetterOrgForms[n] {
				continue
			}
			seen[n] = true
			ws = append(ws, n)
			// the Turkish dotless i: a word written in capitals
			// (HAVACILIK) normalises to i, the lowercase form
			// (havacılık) keeps ı; both are the word
			if d := strings.ReplaceAll(n, "ı", "i"); d != n && !seen[d] {
				seen[d] = true
				ws = append(ws, d)
			}
		}
		// a title of one spelling is a group too: its kind is what
		// counts (a title left out weighs little), not its other forms;
		// so is a Chinese place of one spelling: a place of the
		// table, which another place is not (otherPlaces)
		if len(ws) >= 2 || len(ws) == 1 && (g.kind == "title" || g.kind == "chinese_place") {
			g.words = ws
			kept = append(kept, g)
		}
	}
	if kept, err = addCognates(filepath.Join(*dir, "given-name-cognates.txt"), kept, seen); err != nil {
		log.Fatal(err)
	}
	if kept, err = addDiminutives(filepath.Join(*dir, "slavic-diminutives.txt"), kept, seen); err != nil {
		log.Fatal(err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by genvariants from internal/variants; DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "package match\n\n")
	fmt.Fprintf(&b, "// variantGroups are the groups of words that are the same name or\n// descriptor. Group i+1 is variantGroups[i]; see internal/variants/PROVENANCE.md.\n")
	fmt.Fprintf(&b, "var variantGroups = [...]variantGroup{\n")
	for _, g := range kept {
		fmt.Fprintf(&b, "\t{%s, %q, %#v, %d},\n", kindConst(g.kind), g.name, g.words, g.cognate)
	}
	fmt.Fprintf(&b, "}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		log.Fatal(err)
	}
	if err := os.WriteFile(*out, src, 0o644); err != nil {
		log.Fatal(err)
	}
	n := 0
	for _, g := range kept {
		n += len(g.words)
	}
	fmt.Printf("%d groups, %d words\n", len(kept), n)
}

func kindConst(k string) string {
	switch k {
	case "slavic":
		return "variantSlavic"
	case "arabic":
		return "variantArabic"
	case "title":
		return "variantTitle"
	case "person":
		return "variantPersonSymbol"
	case "korean":
		return "variantKorean"
	case "chinese_place":
		return "variantChinesePlace"
	case "wade_giles":
		return "variantWadeGiles"
	case "european":
		return "variantEuropean"
	case "country":
		return "variantCountry"
	}
	return "variantOrg"
}

// legalClasses maps rigour's generic organisation types to the legal-form
// classes of package match; other types (cooperatives, NGOs, funds, sole
// proprietors) are not legal forms the matcher removes.
var legalClasses = map[string]string{
	"LLC": "LegalLimited", "JSC": "LegalJointStock", "LP": "LegalPartnership", "GP": "LegalPartnership",
	"LLP": "LegalPartnership", "SOE": "LegalState",
}

// writeLegal writes the legal forms of rigour's org_types.yml whose generic
// type has a class: every alias, display and compare form, normalised, of
// at most six words. Single words of fewer than four letters ("in", "is",
// "at", "ad" are forms somewhere) and single words that the matcher treats
// as generic company words (bank, trading) are left out: removing them
// would change what a name says.
func writeLegal(path, out string) error {
	raw, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var doc struct {
		Types []struct {
			Display, Compare, Generic string
			Aliases                   []string
		}
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	forms := map[string]string{}
	for _, t := range doc.Types {
		class, ok := legalClasses[t.Generic]
		if !ok {
			continue
		}
		for _, a := range append([]string{t.Display, t.Compare}, t.Aliases...) {
			n := match.Normalize(a)
			ws := strings.Fields(n)
			if n == "" || len(ws) > 6 || len(ws) == 1 && (len(n) < 4 || match.IsGenericWord(n)) {
				continue
			}
			if _, dup := forms[n]; !dup {
				forms[n] = class
			}
		}
	}
	keys := make([]string, 0, len(forms))
	for k := range forms {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by genvariants from internal/variants/rigour-org_types.yml; DO NOT EDIT.\n\n")
	fmt.Fprintf(&b, "package match\n\n")
	fmt.Fprintf(&b, "// rigourLegalForms are the legal forms of OpenSanctions rigour's org_types.yml\n// (MIT), normalised, by class. See internal/variants/PROVENANCE.md.\n")
	fmt.Fprintf(&b, "var rigourLegalForms = map[string]LegalClass{\n")
	for _, k := range keys {
		fmt.Fprintf(&b, "\t%q: %s,\n", k, forms[k])
	}
	fmt.Fprintf(&b, "}\n")
	src, err := format.Source(b.Bytes())
	if err != nil {
		return err
	}
	fmt.Printf("%d legal forms\n", len(keys))
	return os.WriteFile(out, src, 0o644)
}

// addCognates reads given-name-cognates.txt: one given name a line, as the
// forms of the languages that share it (Dawud, David). A form that is a word
// of a Slavic or Arabic group stands for its group; the forms of no group
// make a group of their own ("european": English and other European forms,
// one word enough). The groups of a line are one cognate set, numbered from
// 1 in the order of the lines; a group belongs to one set.
func addCognates(path string, kept []group, seen map[string]bool) ([]group, error) {
	groupOf := groupIndex(kept)
	set := 0
	err := eachLine(path, func(line int, s string) error {
		forms := strings.Fields(s)
		set++
		var members []int
		var own []string
		for _, f := range forms {
			n := match.Normalize(f)
			if n == "" || strings.Contains(n, " ") || len(n) < 2 {
				return fmt.Errorf("%s:%d: %q is no single word", path, line, f)
			}
			if i, ok := groupOf[n]; ok {
				if k := kept[i].kind; k != "slavic" && k != "arabic" && k != "european" {
					return fmt.Errorf("%s:%d: %q is a word of a %s group", path, line, f, k)
				}
				if !slices.Contains(members, i) {
					members = append(members, i)
				}
				continue
			}
			// a word of no group kept (a group of one form is left out
			// above): a form of this line's own group
			if slices.Contains(own, n) {
				return fmt.Errorf("%s:%d: %q twice", path, line, f)
			}
			seen[n] = true
			own = append(own, n)
		}
		if len(own) > 0 {
			kept = append(kept, group{kind: "european", name: own[0], words: own})
			members = append(members, len(kept)-1)
			for _, w := range own {
				groupOf[w] = len(kept) - 1
			}
		}
		if len(members) < 2 {
			return fmt.Errorf("%s:%d: one group only", path, line)
		}
		for _, i := range members {
			if kept[i].cognate != 0 {
				return fmt.Errorf("%s:%d: the group of %q is already in cognate set %d", path, line, kept[i].name, kept[i].cognate)
			}
			kept[i].cognate = set
		}
		return nil
	})
	return kept, err
}

// addDiminutives reads slavic-diminutives.txt: one given name a line,
// "full: short short ...". full is a word of a Slavic group; the short
// forms make a Slavic group of their own, linked to full's group as the
// groups of a cognate set are: in full's set, or in a new one.
func addDiminutives(path string, kept []group, seen map[string]bool) ([]group, error) {
	groupOf := groupIndex(kept)
	sets := 0
	for _, g := range kept {
		sets = max(sets, g.cognate)
	}
	err := eachLine(path, func(line int, s string) error {
		full, rest, ok := strings.Cut(s, ":")
		if !ok {
			return fmt.Errorf("%s:%d: no colon", path, line)
		}
		nf := match.Normalize(full)
		i, ok := groupOf[nf]
		if !ok && nf != "" && !strings.Contains(nf, " ") {
			// a name of one spelling (Ivan), whose group of one form
			// was left out above: a group of its own
			kept = append(kept, group{kind: "slavic", name: nf, words: []string{nf}})
			i, ok = len(kept)-1, true
			groupOf[nf] = i
			seen[nf] = true
		}
		if !ok || kept[i].kind != "slavic" {
			return fmt.Errorf("%s:%d: %q is no word of a Slavic group", path, line, full)
		}
		var own []string
		for _, f := range strings.Fields(rest) {
			n := match.Normalize(f)
			if n == "" || strings.Contains(n, " ") || len(n) < 2 {
				return fmt.Errorf("%s:%d: %q is no single word", path, line, f)
			}
			if seen[n] {
				return fmt.Errorf("%s:%d: %q is a word of another group", path, line, f)
			}
			seen[n] = true
			own = append(own, n)
		}
		if len(own) == 0 {
			return fmt.Errorf("%s:%d: no short form", path, line)
		}
		set := kept[i].cognate
		if set == 0 {
			sets++
			set = sets
			kept[i].cognate = set
		}
		kept = append(kept, group{kind: "slavic", name: own[0], words: own, cognate: set})
		for _, w := range own {
			groupOf[w] = len(kept) - 1
		}
		return nil
	})
	return kept, err
}

// readNames reads "kind: form form ..." lines; # starts a comment. kinds
// are the kinds allowed; with none, the part before the colon is the name
// of an organisation group (org-descriptors.txt).
func readNames(path string, kinds ...string) ([]group, error) {
	var out []group
	err := eachLine(path, func(line int, s string) error {
		kind, forms, ok := strings.Cut(s, ":")
		kind = strings.TrimSpace(kind)
		if len(kinds) == 0 {
			if !ok || kind == "" || strings.Contains(kind, " ") {
				return fmt.Errorf("%s:%d: want \"group: form form ...\", got %q", path, line, s)
			}
		} else if !ok || !slices.Contains(kinds, kind) {
			return fmt.Errorf("%s:%d: want \"%s: form form ...\", got %q", path, line, strings.Join(kinds, "|"), s)
		}
		ws := strings.Fields(forms)
		if len(ws) == 0 {
			return fmt.Errorf("%s:%d: no forms", path, line)
		}
		if len(kinds) == 0 {
			out = append(out, group{kind: "org", name: kind, words: ws})
			return nil
		}
		out = append(out, group{kind: kind, name: ws[0], words: ws})
		return nil
	})
	return out, err
}

// readRigour reads the org_symbols, org_domains and person_symbols of
// rigour's symbols.yml, in file order.
// readMerges reads org-merges.txt: lines of rigour organisation groups
// that one word of another language stands for, so that they are one group
// ("scientific research": Russian nauchno- is rendered either way).
func readMerges(path string) ([][]string, error) {
	var out [][]string
	err := eachLine(path, func(line int, s string) error {
		ws := strings.Fields(s)
		if len(ws) == 1 {
			return fmt.Errorf("%s:%d: want two group names or more, got %q", path, line, ws[0])
		}
		out = append(out, ws)
		return nil
	})
	return out, err
}

// eachLine calls fn with each line of the file at path that holds more
// than a comment (# to the end of the line), the comment cut and the
// spaces around trimmed, and its line number; it stops at fn's first
// error.
func eachLine(path string, fn func(line int, s string) error) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for line := 1; sc.Scan(); line++ {
		s := sc.Text()
		if i := strings.IndexByte(s, '#'); i >= 0 {
			s = s[:i]
		}
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		if err := fn(line, s); err != nil {
			return err
		}
	}
	return sc.Err()
}

// groupIndex returns the index in kept of the group of each word.
func groupIndex(kept []group) map[string]int {
	at := map[string]int{}
	for i, g := range kept {
		for _, w := range g.words {
			at[w] = i
		}
	}
	return at
}

// twoLetterOrgForms are the organisation forms of two letters that are
// kept: abbreviations that stand for one business word wherever they are
// written and are no legal form, word or initials of their own (JV, joint
// venture). Other forms of two letters begin or abbreviate too much.
var twoLetterOrgForms = map[string]bool{"jv": true}

// addDescriptors adds each group of descs to the organisation group of gs
// of the same name, or of a group merged into it (org-merges.txt), or
// appends it as a group of its own.
func addDescriptors(gs, descs []group) []group {
	at := map[string]int{}
	for i, g := range gs {
		if g.kind == "org" {
			at[g.name] = i
			for _, n := range g.merged {
				at[n] = i
			}
		}
	}
	for _, d := range descs {
		if i, ok := at[d.name]; ok {
			gs[i].words = append(gs[i].words, d.words...)
			continue
		}
		at[d.name] = len(gs)
		gs = append(gs, d)
	}
	return gs
}

// mergeGroups joins the organisation groups each merge names into the
// first of them, in place of the others. A name that is no organisation
// group of gs is an error.
func mergeGroups(gs []group, merges [][]string) ([]group, error) {
	at := map[string]int{}
	for i, g := range gs {
		if g.kind == "org" {
			at[g.name] = i
		}
	}
	drop := map[int]bool{}
	for _, m := range merges {
		first, ok := at[m[0]]
		if !ok {
			return nil, fmt.Errorf("org-merges.txt: no organisation group %q in rigour-symbols.yml", m[0])
		}
		for _, n := range m[1:] {
			i, ok := at[n]
			if !ok {
				return nil, fmt.Errorf("org-merges.txt: no organisation group %q in rigour-symbols.yml", n)
			}
			gs[first].words = append(gs[first].words, gs[i].words...)
			gs[first].merged = append(gs[first].merged, n)
			drop[i] = true
		}
	}
	out := gs[:0]
	for i, g := range gs {
		if !drop[i] {
			out = append(out, g)
		}
	}
	return out, nil
}

func readRigour(path string) ([]group, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: not a mapping", path)
	}
	var out []group
	top := doc.Content[0].Content
	for i := 0; i+1 < len(top); i += 2 {
		sec := top[i].Value
		kind := "org"
		switch sec {
		case "org_symbols", "org_domains":
		case "person_symbols":
			kind = "person"
		default:
			continue
		}
		m := top[i+1]
		for j := 0; j+1 < len(m.Content); j += 2 {
			name := m.Content[j].Value
			if skipGroups[name] {
				continue
			}
			g := group{kind: kind, name: name}
			for _, v := range m.Content[j+1].Content {
				g.words = append(g.words, v.Value)
			}
			out = append(out, g)
		}
	}
	return out, nil
}
