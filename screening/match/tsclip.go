package match

// A clipped word written with ц as c. Russian company names are clipped
// compounds (SPETSVOLTAZH, of spetsialny and voltazh), and a name
// romanised in the Czech, Polish or ISO 9 manner writes ц as c (SPECVOLT
// for SPETSVOLT-). The sound keys (slavic.go) pair a whole word so
// respelt, and the clip key (clipped.go) a clipping written as the listed
// word is; a clipping written with c meets neither. English writes c
// before a consonant only as k in a few clusters (ch, ck, cl, cr, ct,
// cc, cq, cs); a c before any other consonant is read as ts for the clip
// look-up, and the clipping must then be the listed word's beginning
// letter for letter, as clippedPair asks.

// tsClipC reports whether byte i of w is a c that English would not write
// there: before a consonant outside its clusters.
func tsClipC(w string, i int) bool {
	if w[i] != 'c' || i+1 >= len(w) {
		return false
	}
	switch c := w[i+1]; c {
	case 'b', 'd', 'f', 'g', 'j', 'm', 'n', 'p', 'v', 'w', 'x', 'z':
		return true
	}
	return false
}

// tsClipHits adds, for query word i (q, no listed word), the listed
// words that its spelling with each such c read as ts (tsClipC) is a
// clipping of (clippedPair's rule), at clipSim.
func (ix *Index) tsClipHits(sc *scratch, q *qtok, i int8) {
	n := 0
	for k := 0; k < len(q.s); k++ {
		if tsClipC(q.s, k) {
			n++
		}
	}
	if n == 0 || len(q.s)+n > 48 {
		return
	}
	var wb, sb [64]byte
	w := wb[:0]
	for k := 0; k < len(q.s); k++ {
		if tsClipC(q.s, k) {
			w = append(w, 't', 's')
			continue
		}
		w = append(w, q.s[k])
	}
	ws := bytesString(w)
	skel := bytesString(appendSkeleton(sb[:0], ws))
	if len(skel) < clipMinLen {
		return
	}
	a, b := ix.fuzzyRange(hashStr(seedClip, skel[:clipKeyLen]))
	if b-a > clipMaxChecks {
		b = a + clipMaxChecks
	}
	for ; a < b; a++ {
		tok := ix.fuzzyTok(a)
		t := &ix.toks[tok]
		if t.generic {
			continue
		}
		// clippedPair's rule; the word read with ts is no English word
		if sim, long, ok := clipOf(ws, skel, t); ok && (!long || !t.common) {
			sc.raiseHit(simHit{i, i, tok, sim})
		}
	}
}
