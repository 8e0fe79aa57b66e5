package match

// A coined name with a generic word glued after it: MAXTECHSOLUTIONS for
// LIMITED LIABILITY COMPANY MAXTECH, as MAXTECH SOLUTIONS written apart.
// Company names in Latin letters are often written as one word, what the
// business is glued to its brand; the rule for a coined whole name with
// words on top (soleCoinedEdge) reads the words apart, and the glued-word
// rule (glued.go) reads only the name's own words glued.
//
// A query word that begins with a coined word of the listed name
// (coinedWord: five letters or more, no English, generic or descriptor
// word) and goes on with a generic word or a descriptor (a listed word
// counted generic, or a word of an organisation descriptor group), of
// gluedGenericMin letters or more, aligns with the coined word at
// closeMinSim: a close word, so that the rules for a coined name with
// words on top apply as to the words written apart. Another word glued in
// the generic word's place (MAXTECHOKTANTA) is not read.

// gluedGenericMin is the least letters of the generic word glued after a
// coined word.
const gluedGenericMin = 4

// gluedGenericEdge adds to sc.edges the query word i that is the coined
// listed word ctoks[j] (a) with the rest of it, rest, a generic word or a
// descriptor glued after it; the next word of the name is not rest (the
// name's own words glued are gluedEdges').
func (ix *Index) gluedGenericEdge(sc *scratch, i int8, j int, ctoks []int32, a *tokInfo, rest string) {
	if len(rest) < gluedGenericMin || !coinedWord(a) || j+1 < len(ctoks) && ix.toks[ctoks[j+1]].s == rest {
		return
	}
	if id, ok := ix.tokenID(rest); ok {
		if t := &ix.toks[id]; !t.orgGeneric() {
			return
		}
	} else if !isOrgDescriptor(variantGroupOf(rest)) {
		return
	}
	sc.edges = append(sc.edges, edge{i, i, int8(j), int8(j), closeMinSim, a.w})
}
