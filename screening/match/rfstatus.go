package match

import "math/bits"

// A Russian research institute or enterprise may hold the status of a
// state research centre of the Russian Federation (государственный научный
// центр Российской Федерации, ГНЦ РФ), and its official name then says so
// after or before its own: STATE RESEARCH INSTITUTE OF AVIATION SYSTEMS
// STATE RESEARCH CENTER OF THE RUSSIAN FEDERATION. The status is written or
// left out at will; its words are the name's own and not left over
// (ownWords), as a state institution's form in front is.

// rfStatuses are the status's words, normalised, stop words left out: in
// English with research or scientific and center or centre, and romanised.
var rfStatuses = func() [][]string {
	var out [][]string
	for _, r := range []string{"research", "scientific"} {
		for _, c := range []string{"center", "centre"} {
			out = append(out, []string{"state", r, c, "russian", "federation"})
		}
	}
	for _, g := range []string{"gosudarstvennyi", "gosudarstvennyy", "gosudarstvenny"} {
		for _, n := range []string{"nauchnyi", "nauchnyy", "nauchny"} {
			for _, r := range []string{"rossiiskoi", "rossiyskoy", "rossiiskoy", "rossiyskoi"} {
				out = append(out, []string{g, n, "tsentr", r, "federatsii"})
			}
		}
	}
	return out
}()

// rfStatusWords is the number of words of each status of rfStatuses.
const rfStatusWords = 5

// minRFStatusRest is the least number of words a name holds besides the
// status: the institution's own name.
const minRFStatusRest = 2

// rfStatusLen returns the number of words of the status that the n words
// of a name (word returns each) end with (atEnd) or start with, when at
// least minRFStatusRest words are left; 0 otherwise.
func rfStatusLen(n int, word func(int) string, atEnd bool) int {
	if n < rfStatusWords+minRFStatusRest {
		return 0
	}
	s := 0
	if atEnd {
		s = n - rfStatusWords
	}
	if w := word(s); w != "state" && w[0] != 'g' {
		return 0 // most names: one compare
	}
next:
	for _, st := range rfStatuses {
		for k, w := range st {
			if word(s+k) != w {
				continue next
			}
		}
		return len(st)
	}
	return 0
}

// rfStatusMask returns, a bit per word, the words of the status that the
// organisation name ctoks ends or starts with (rfStatusLen); 0 if none.
// When a query holds every other word of the name (rfStatusLeftOnly),
// they are the name's own and not left over (unmatchedWeights); a query
// that agrees on them (GOVERNMENT OF THE RUSSIAN FEDERATION) or on a part
// of the rest keeps the general rule: NATIONAL RESEARCH CENTER KURCHATOV
// INSTITUTE is not ALL-RUSSIAN SCIENTIFIC RESEARCH INSTITUTE OF AVIATION
// MATERIALS OF THE NATIONAL RESEARCH CENTER KURCHATOV INSTITUTE STATE
// RESEARCH CENTER OF THE RUSSIAN FEDERATION.
func (ix *Index) rfStatusMask(ctoks []int32) uint64 {
	n := len(ctoks)
	if n > 64 || n < rfStatusWords+minRFStatusRest {
		return 0
	}
	word := func(j int) string { return ix.toks[ctoks[j]].s }
	if k := rfStatusLen(n, word, true); k > 0 {
		return spanMask(int8(n-k), int8(n-1))
	}
	if k := rfStatusLen(n, word, false); k > 0 {
		return spanMask(0, int8(k-1))
	}
	return 0
}

// rfStatusLeft is rfStatusLeftOnly for a name that leaves out as many
// words as a status has, asked after that count, which most names fail.
func (ix *Index) rfStatusLeft(ctoks []int32, cm uint64) bool {
	return len(ctoks)-bits.OnesCount64(cm) == rfStatusWords && ix.rfStatusLeftOnly(ctoks, cm)
}

// rfStatusLeftOnly reports whether the words of the organisation name
// ctoks that the mask cm leaves out are the status's alone: a name of
// generic words held whole but for its status.
func (ix *Index) rfStatusLeftOnly(ctoks []int32, cm uint64) bool {
	m := ix.rfStatusMask(ctoks)
	return m != 0 && cm&m == 0 && cm|m == spanMask(0, int8(len(ctoks)-1))
}
