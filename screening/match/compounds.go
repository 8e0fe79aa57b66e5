package match

// Compounds with a descriptor. Russian names glue a word and the word for
// what the business is into one (RADIOZAVOD, "radio plant"; AVTOZAVOD,
// "car plant"), and English ones do too (RADIOWORKS, SHIPYARD); a
// translation renders the descriptor and keeps or splits the rest, so
// RADIOZAVOD stands against RADIO PLANT and against RADIOWORKS. A word is
// such a compound when it ends in an organisation descriptor of the
// variant tables (zavod, works, plant, bank, export …) after a head of
// compHeadMin letters or more.
//
// A compound aligns, in an organisation's name:
//   - with its head followed by a word of its descriptor's group, as two
//     words of the listed name (RADIOZAVOD / RADIO PLANT);
//   - with a compound of the same head and a descriptor of the same group
//     (RADIOZAVOD / RADIOWORKS).
//
// The head must be written alike (a distinctive word, which the descriptor
// does not replace); the descriptor is the translation the groups hold.

const (
	compHeadMin = 4    // least letters of a compound's head
	compTailMin = 4    // least letters of its descriptor
	compSim     = 0.93 // a compound against its head and descriptor
)

// compSplit is a query word that is a compound: its head's length and its
// descriptor's variant group.
type compSplit struct {
	q     int8
	head  int8
	group uint16
}

// descriptorTail returns the length of the head of w and the group of its
// descriptor when w is a word glued to an organisation descriptor, the
// longest descriptor first.
func descriptorTail(w string) (int, uint16) {
	if len(w) < compHeadMin+compTailMin {
		return 0, 0
	}
	n := len(w)
	lens := descriptorEnds[endKey(w[n-3:])]
	if lens == 0 {
		return 0, 0 // no descriptor ends so
	}
	for p := compHeadMin; p+compTailMin <= n; p++ {
		if l := n - p; l < 32 && lens&(1<<l) != 0 {
			if g := variantGroupOf(w[p:]); g != 0 && isOrgDescriptor(g) {
				return p, g
			}
		}
	}
	return 0, 0
}

// endKey is the slot in descriptorEnds of a word's last three letters.
func endKey(e string) int {
	k := 0
	for i := 0; i < 3; i++ {
		c := int(e[i]) - 'a'
		if c < 0 || c >= 26 {
			return 0
		}
		k = k*26 + c
	}
	return k + 1
}

// descriptorEnds holds, by their last three letters, the lengths (a bit
// each) of the organisation descriptors of compTailMin letters or more:
// a word with no such ending is no compound, without a look-up.
var descriptorEnds = func() []uint32 {
	t := make([]uint32, 26*26*26+1)
	for w, g := range variantOf {
		if len(w) >= compTailMin && len(w) < 32 && isOrgDescriptor(g) {
			if k := endKey(w[len(w)-3:]); k != 0 {
				t[k] |= 1 << len(w)
			}
		}
	}
	t[0] = 0
	return t
}()

// findCompounds keeps in sc.comps the query words that are compounds: not
// a word of a variant group themselves (international is no inter and
// national).
func (ix *Index) findCompounds(sc *scratch) {
	sc.comps = sc.comps[:0]
	for i := range sc.qs {
		q := &sc.qs[i]
		if i >= 64 || q.vowelless || q.group != 0 || len(q.s) < compHeadMin+compTailMin {
			continue
		}
		if p, g := descriptorTail(q.s); p > 0 {
			sc.comps = append(sc.comps, compSplit{int8(i), int8(p), g})
			if !q.known && descriptorHead(q.s[:p]) {
				// two descriptors in one word (vneshneekonomicheskoye,
				// "foreign economic"): a descriptor, of its last one's group
				q.group = g
			}
		}
	}
}

// descriptorHead reports whether the head of a compound is an organisation
// descriptor itself, as written or in the linking form of a Russian
// compound adjective (vneshne-, nauchno-: the neuter form less its final
// e).
func descriptorHead(h string) bool {
	if g := variantGroupOf(h); g != 0 && isOrgDescriptor(g) {
		return true
	}
	if c := h[len(h)-1]; c == 'o' || c == 'e' {
		var b [64]byte
		if len(h) < len(b) {
			e := append(append(b[:0], h...), 'e')
			g := variantOf[string(e)] // no copy: a map index
			return g != 0 && isOrgDescriptor(g)
		}
	}
	return false
}

// compoundEdges adds to sc.edges, for the name ctoks of a listed
// organisation, the pairings of compounds with their head and descriptor.
func (ix *Index) compoundEdges(sc *scratch, ctoks []int32) {
	for _, c := range sc.comps {
		head := sc.qs[c.q].s[:c.head]
		stem := linkedStem(head)
		for j, ct := range ctoks {
			t := &ix.toks[ct]
			if stem != "" && (t.s == stem || stem[len(stem)-1] == stem[len(stem)-2] && t.s == stem[:len(stem)-1]) {
				// a compound adjective's first part, its linking vowel
				// (and a doubled last letter) left out, with the
				// descriptor next or after a stop word (metallo-
				// keramicheskikh: METAL AND CERAMIC)
				ix.linkedCompoundEdge(sc, ctoks, c, j)
				continue
			}
			if len(t.s) < len(head) || t.s[:len(head)] != head {
				continue
			}
			if len(t.s) == len(head) {
				if j+1 < len(ctoks) && ix.toks[ctoks[j+1]].group == c.group {
					sc.edges = append(sc.edges, edge{c.q, c.q, int8(j), int8(j + 1), compSim, t.w + ix.toks[ctoks[j+1]].w})
				}
				continue
			}
			if t.s != sc.qs[c.q].s && len(t.s) >= len(head)+compTailMin && variantGroupOf(t.s[len(head):]) == c.group {
				sc.edges = append(sc.edges, edge{c.q, c.q, int8(j), int8(j), compSim, t.w})
			}
		}
	}
}

// Clipped words glued. Russian names clip a word and glue the next ones
// onto it (INVESTTRADEBANK, "investment trade bank"; TECHNOPARK,
// "technology park"): a listed word that begins with the beginning of a
// query word, clipped (compHeadMin+1 letters kept, clipMinRest or more left
// out), and goes on with the next query word, or the next two, as written,
// stands for those words together. The clip keys of the listed words
// (seedClip) find it.

// clippedJoinSim is the similarity of query words with the listed word
// that glues them, the first clipped.
const clippedJoinSim = clipMaxSim

// clippedJoinable reports whether query word i may be clipped with the
// next words glued onto it (clippedJoinHits): it has a next word, not a
// stop word, and letters enough to keep compHeadMin+1 and leave
// clipMinRest.
func clippedJoinable(sc *scratch, q *qtok, i int8) bool {
	n := int(i)
	return n+1 < len(sc.qs) && len(q.s) >= compHeadMin+1+clipMinRest && len(q.skel) >= clipKeyLen && !q.vowelless &&
		len(sc.qs[n+1].s) >= 3 && !isStopWord(sc.qs[n+1].s)
}

// clippedJoinHits adds the listed words that are query word i clipped
// with the next query word, or the next two, written onto it: among the
// listed words fuzzy[a:z] of its clip key.
func (ix *Index) clippedJoinHits(sc *scratch, q *qtok, i int8, a, z int) {
	n := int(i)
	next := sc.qs[n+1].s
	// the lengths a listed word of the query word clipped and the next
	// words can have
	minLen, maxLen := compHeadMin+1+len(next), len(q.s)-clipMinRest+len(next)
	if n+2 < len(sc.qs) {
		maxLen += len(sc.qs[n+2].s)
	}
	for ; a < z; a++ {
		t := ix.fuzzyTok(a)
		s := ix.toks[t].s
		if len(s) < minLen || len(s) > maxLen {
			continue
		}
		k := 0
		for k < len(s) && k < len(q.s) && s[k] == q.s[k] {
			k++
		}
		if k <= compHeadMin || k > len(q.s)-clipMinRest || !hasPrefix(s[k:], next) {
			continue
		}
		switch rest := s[k+len(next):]; {
		case rest == "":
			sc.raiseHit(simHit{i, i + 1, t, clippedJoinSim})
		case n+2 < len(sc.qs) && rest == sc.qs[n+2].s:
			sc.raiseHit(simHit{i, i + 2, t, clippedJoinSim})
		}
	}
}

// linkedStem is the head of a Russian compound adjective without its
// linking vowel (metallo-, elektro-: metall, elektr; a doubled last letter
// of the stem is also read single: metall, metal), or "" when the head
// has no linking vowel after a consonant.
func linkedStem(head string) string {
	n := len(head)
	if n < compHeadMin+1 || head[n-1] != 'o' && head[n-1] != 'e' || isVowelByte(head[n-2]) {
		return ""
	}
	return head[:n-1]
}

// linkedCompoundEdge adds the edge of compound c against the listed word j
// (its first part) and the descriptor of its group that follows, next or
// after a stop word.
func (ix *Index) linkedCompoundEdge(sc *scratch, ctoks []int32, c compSplit, j int) {
	w := ix.toks[ctoks[j]].w
	for k := j + 1; k < len(ctoks) && k <= j+2; k++ {
		b := &ix.toks[ctoks[k]]
		w += b.w
		if b.group == c.group {
			sc.edges = append(sc.edges, edge{c.q, c.q, int8(j), int8(k), compSim, w})
			return
		}
		if !isStopWord(b.s) {
			return
		}
	}
}
