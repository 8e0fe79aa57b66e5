package match

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/bits"
	"sync/atomic"
	"unsafe"

	"github.com/exportguard/exportguard/screening/lists"
)

// LoadIndex loads an index that AppendBinary wrote for exactly these
// entries. It fails with ErrCorruptIndex if data is damaged or truncated
// and with ErrIndexMismatch if it was made from other entries, by another
// format version or for another memory layout; the caller then builds the
// index with NewIndex. data is copied once; entries are referenced, as by
// NewIndex. Options set what they set for NewIndex.
func LoadIndex(data []byte, entries []*lists.Entry, opts ...IndexOption) (*Index, error) {
	// An aligned private copy, so that records can be read in place.
	buf := make([]uint64, (len(data)+7)/8)
	b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(buf))), len(buf)*8)[:len(data)]
	copy(b, data)
	return loadIndex(unsafe.String(unsafe.SliceData(b), len(b)), entries, newIndexOptions(opts))
}

// loadIndex reads an index file held in data, which must stay unmodified
// for as long as the index is used (its records and strings are read in
// place where data is 8-byte aligned).
func loadIndex(data string, entries []*lists.Entry, o indexOptions) (*Index, error) {
	if err := checkIndexHeader(data, entries); err != nil {
		return nil, err
	}
	if uintptr(unsafe.Pointer(unsafe.StringData(data)))%8 != 0 {
		buf := make([]uint64, (len(data)+7)/8)
		b := unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(buf))), len(buf)*8)[:len(data)]
		copy(b, data)
		data = unsafe.String(unsafe.SliceData(b), len(b))
	}
	ix, err := decodeIndex(data, len(entries))
	if err != nil {
		return nil, err
	}
	ix.entries = entries
	ix.opts = o
	ix.indexNumbers()
	ix.orgOwn = ix.ownOfNames()
	ix.nameW = nameWeights(ix.names)
	ix.tokCountry = make([]atomic.Uint32, (len(ix.toks)+15)/16)
	ix.pool.New = func() any { return newScratch(len(ix.names)) }
	return ix, nil
}

// checkIndexHeader checks the magic, version, layout, the entries'
// checksum and the file's CRC.
func checkIndexHeader(data string, entries []*lists.Entry) error {
	if len(data) < indexHeaderLen || data[:len(indexMagic)] != indexMagic {
		return fmt.Errorf("%w: no index header", ErrCorruptIndex)
	}
	if v := le32(data[24:]); v != indexFormatVersion {
		return fmt.Errorf("%w: format version %d, this build reads %d", ErrIndexMismatch, v, indexFormatVersion)
	}
	if le64(data[32:]) != currentLayout {
		return fmt.Errorf("%w: made for another memory layout", ErrIndexMismatch)
	}
	if n := le64(data[72:]); n != uint64(len(entries)) {
		return fmt.Errorf("%w: made from %d entries, given %d", ErrIndexMismatch, n, len(entries))
	}
	if sum := entriesSum(entries); string(sum[:]) != data[40:72] {
		return fmt.Errorf("%w: made from other entries", ErrIndexMismatch)
	}
	// Last, as it reads the whole file: other lists are told apart
	// without it.
	if got, want := crc32.Update(0, castagnoli, unsafe.Slice(unsafe.StringData(data[32:]), len(data)-32)), le32(data[28:]); got != want {
		return fmt.Errorf("%w: checksum %08x, header says %08x (%d bytes)", ErrCorruptIndex, got, want, len(data))
	}
	return nil
}

func le32(s string) uint32 { return binary.LittleEndian.Uint32(unsafe.Slice(unsafe.StringData(s), 4)) }
func le64(s string) uint64 { return binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s), 8)) }

// indexReader reads the sections of an index file.
type indexReader struct {
	s   string
	i   int
	err error
}

func (r *indexReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s (section at byte %d)", ErrCorruptIndex, what, r.i)
	}
	r.i = len(r.s)
}

// section returns the next section's bytes.
func (r *indexReader) section() string {
	if r.err != nil {
		return ""
	}
	if len(r.s)-r.i < 8 {
		r.fail("truncated")
		return ""
	}
	n := le64(r.s[r.i:])
	r.i += 8
	if n > uint64(len(r.s)-r.i) {
		r.fail("section longer than the file")
		return ""
	}
	p := r.s[r.i : r.i+int(n)]
	r.i += (int(n) + 7) &^ 7
	r.i = min(r.i, len(r.s))
	return p
}

// view returns the next section as a []T read in place; it must not be
// modified.
func view[T any](r *indexReader) []T {
	p := r.section()
	size := int(unsafe.Sizeof(*new(T)))
	if len(p)%size != 0 {
		r.fail(fmt.Sprintf("%d bytes is no whole number of %d-byte records", len(p), size))
		return nil
	}
	if len(p) == 0 {
		return nil
	}
	return unsafe.Slice((*T)(unsafe.Pointer(unsafe.StringData(p))), len(p)/size)
}

// strs reads a string table; the strings point into the file.
func (r *indexReader) strs() []string {
	off := view[uint32](r)
	blob := r.section()
	if r.err != nil {
		return nil
	}
	if !offsetsOK(off, len(blob)) {
		r.fail("bad string offsets")
		return nil
	}
	out := make([]string, len(off)-1)
	for i := range out {
		out[i] = blob[off[i]:off[i+1]]
	}
	return out
}

// offsetsOK says whether off is a non-decreasing table of at least one
// offset from 0 to n.
func offsetsOK[T int32 | uint32](off []T, n int) bool {
	if len(off) == 0 || off[0] != 0 || int(off[len(off)-1]) != n {
		return false
	}
	for i := 1; i < len(off); i++ {
		if off[i] < off[i-1] {
			return false
		}
	}
	return true
}

// int32Lists reads what indexWriter.int32Lists wrote, as sub-slices of
// one array.
func (r *indexReader) int32Lists() [][]int32 {
	off := view[uint32](r)
	all := view[int32](r)
	if r.err != nil {
		return nil
	}
	if !offsetsOK(off, len(all)) {
		r.fail("bad list offsets")
		return nil
	}
	out := make([][]int32, len(off)-1)
	for i := range out {
		if off[i] < off[i+1] {
			out[i] = all[off[i]:off[i+1]:off[i+1]]
		}
	}
	return out
}

// decodeIndex reads the sections after the header and checks every
// number a search uses as an index, so that no file, however damaged,
// makes a search read out of bounds.
func decodeIndex(data string, nEntries int) (*Index, error) {
	r := &indexReader{s: data, i: indexHeaderLen}
	ix := &Index{}
	d := readSections(r, ix)
	if r.err != nil {
		return nil, r.err
	}
	if r.i != len(data) {
		return nil, fmt.Errorf("%w: %d bytes after the last section", ErrCorruptIndex, len(data)-r.i)
	}
	if err := d.checkShapes(ix, nEntries); err != nil {
		return nil, err
	}
	ix.fuzzyShift = d.shift[0]
	if err := d.checkReferences(ix, nEntries); err != nil {
		return nil, err
	}
	toks, err := d.tokens()
	if err != nil {
		return nil, err
	}
	ix.toks = toks
	ix.entryIDs = make([][]string, nEntries)
	for e := range ix.entryIDs {
		if d.idOff[e] < d.idOff[e+1] {
			ix.entryIDs[e] = d.ids[d.idOff[e]:d.idOff[e+1]:d.idOff[e+1]]
		}
	}
	return ix, nil
}

// decodedSections holds the sections of an index file that are not
// fields of Index as they are: the token columns, the fuzzy directory's
// shift and the identifiers of each entry.
type decodedSections struct {
	s, skel, cons   []string
	w               []float32
	df              []int32
	group, patGroup []uint16
	flags           []uint8
	shift           []uint64
	idOff           []uint32
	ids             []string
}

// readSections reads the sections in file order, those that are Index
// fields into ix; a read error stays in r.err.
func readSections(r *indexReader, ix *Index) decodedSections {
	var d decodedSections
	ix.names = view[nameRec](r)
	ix.nameTok = view[int32](r)
	ix.nameNum = r.strs()
	d.s, d.skel, d.cons = r.strs(), r.strs(), r.strs()
	d.w, d.df = view[float32](r), view[int32](r)
	d.group, d.patGroup = view[uint16](r), view[uint16](r)
	d.flags = view[uint8](r)
	ix.postOff, ix.postIdx = view[int32](r), view[int32](r)
	ix.vocabTab = view[uint32](r)
	ix.joinKeys = r.section()
	ix.joinKeyOff = view[uint32](r)
	ix.joinOff = view[uint32](r)
	ix.joinRefs = view[joinRef](r)
	ix.joinTab = view[uint32](r)
	ix.fuzzy = view[uint64](r)
	ix.fuzzyDir = view[uint32](r)
	d.shift = view[uint64](r)
	d.idOff = view[uint32](r)
	d.ids = r.strs()
	ix.groupToks = r.int32Lists()
	ix.patToks = r.int32Lists()
	ix.neighOff = view[uint32](r)
	ix.neighFlat = view[neighbour](r)
	return d
}

// corrupt is the error of a damaged index file, saying what is wrong.
func corrupt(what string) error { return fmt.Errorf("%w: %s", ErrCorruptIndex, what) }

// checkShapes checks that the sections agree in length with each other,
// with this build's variant groups and with the nEntries entries, and that
// every offset array fits the array it points into.
func (d *decodedSections) checkShapes(ix *Index, nEntries int) error {
	nt := len(d.s)
	nGroups := len(variantGroups) + 1
	shift := d.shift
	switch {
	case len(d.skel) != nt || len(d.cons) != nt || len(d.w) != nt || len(d.df) != nt || len(d.group) != nt || len(d.patGroup) != nt || len(d.flags) != nt:
		return corrupt("token arrays of different lengths")
	case len(ix.groupToks) != nGroups || len(ix.patToks) != nGroups:
		// the variant tables changed since the file was made
		return fmt.Errorf("%w: %d variant groups, this build has %d", ErrIndexMismatch, len(ix.groupToks)-1, nGroups-1)
	case len(ix.postOff) != nt+1 || len(ix.neighOff) != nt+1:
		return corrupt("token offsets")
	case len(shift) != 1 || shift[0] < 34 || shift[0] > 63 || len(ix.fuzzyDir) != 1<<(64-shift[0])+1 || !offsetsOK(ix.fuzzyDir, len(ix.fuzzy)):
		return corrupt("fuzzy key directory")
	case len(d.idOff) != nEntries+1 || !offsetsOK(d.idOff, len(d.ids)):
		return corrupt("identifier offsets")
	case !offsetsOK(ix.joinKeyOff, len(ix.joinKeys)) || len(ix.joinOff) != len(ix.joinKeyOff) || !offsetsOK(ix.joinOff, len(ix.joinRefs)):
		return corrupt("join offsets")
	case !tableOK(ix.vocabTab, nt) || !tableOK(ix.joinTab, len(ix.joinOff)-1):
		return corrupt("word tables")
	case !offsetsOK(ix.neighOff, len(ix.neighFlat)):
		return corrupt("neighbour offsets")
	}
	return nil
}

// checkReferences checks that every name, token and entry number stored in
// ix is within range.
func (d *decodedSections) checkReferences(ix *Index, nEntries int) error {
	nt := len(d.s)
	if !offsetsOK(ix.postOff, len(ix.postIdx)) {
		return corrupt("posting offsets")
	}
	nn := int32(len(ix.names))
	if err := checkNames(ix, nEntries); err != nil {
		return err
	}
	if !allBelow(ix.nameTok, int32(nt)) || !allBelow(ix.postIdx, nn) {
		return corrupt("token or name number out of range")
	}
	for _, l := range [][][]int32{ix.groupToks, ix.patToks} {
		for _, g := range l {
			if !allBelow(g, int32(nt)) {
				return corrupt("variant group token out of range")
			}
		}
	}
	for _, j := range ix.joinRefs {
		if j.name < 0 || j.name >= nn || j.pos < 0 || int(j.pos)+1 >= int(ix.names[j.name].tokLen) {
			return corrupt("join reference out of range")
		}
	}
	mask := ix.fuzzyTokMask()
	for _, f := range ix.fuzzy {
		if f&mask >= uint64(nt) {
			return corrupt("fuzzy key token out of range")
		}
	}
	for _, n := range ix.neighFlat {
		if n.tok < 0 || int(n.tok) >= nt {
			return corrupt("neighbour out of range")
		}
	}
	return nil
}

// checkNames checks that every name record's entry, tokens and numbers are
// within range.
func checkNames(ix *Index, nEntries int) error {
	for i := range ix.names {
		n := &ix.names[i]
		if n.entry < 0 || int(n.entry) >= nEntries || n.tokOff < 0 || n.tokLen < 0 || int(n.tokOff)+int(n.tokLen) > len(ix.nameTok) ||
			n.numOff < 0 || n.numLen < 0 || int(n.numOff)+int(n.numLen) > len(ix.nameNum) {
			return corrupt(fmt.Sprintf("name %d out of range", i))
		}
	}
	return nil
}

// tokens assembles the tokens from their columns, checking their variant
// groups.
func (d *decodedSections) tokens() ([]tokInfo, error) {
	nGroups := len(variantGroups) + 1
	toks := make([]tokInfo, len(d.s))
	for t := range toks {
		if int(d.group[t]) >= nGroups || int(d.patGroup[t]) >= nGroups {
			return nil, corrupt("token variant group out of range")
		}
		f := d.flags[t]
		toks[t] = tokInfo{s: d.s[t], skel: d.skel[t], cons: d.cons[t], w: d.w[t], df: d.df[t],
			generic: f&flagGeneric != 0, vowelless: f&flagVowelless != 0, common: f&flagCommon != 0, av: f&flagAv != 0,
			variantInfo: variantInfo{group: d.group[t], patGroup: d.patGroup[t], patronymic: f&flagPatronymic != 0, title: f&flagTitle != 0}}
	}
	return toks, nil
}

// allBelow says whether every number in s is in [0, n).
func allBelow(s []int32, n int32) bool {
	for _, v := range s {
		if v < 0 || v >= n {
			return false
		}
	}
	return true
}

// tableOK says whether slots is a hash table newStrTable could have made
// for n strings: a power-of-two size, numbers up to n, and a free slot so
// that every probe ends.
func tableOK(slots []uint32, n int) bool {
	if len(slots) < 2 || bits.OnesCount(uint(len(slots))) != 1 {
		return false
	}
	free := false
	for _, v := range slots {
		if int(v) > n {
			return false
		}
		free = free || v == 0
	}
	return free
}
