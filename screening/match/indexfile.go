package match

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math/bits"
	"reflect"
	"strings"
	"unsafe"

	"github.com/exportguard/exportguard/screening/lists"
)

// The prebuilt index file is the Index as flat arrays that load without
// rebuilding anything: fixed-size records (names, fuzzy keys, join
// references, neighbours, postings) are stored in the in-memory layout of
// this build's Go types, little-endian, each array 8-byte aligned, so that
// a loaded index reads them in place; strings are stored once in a blob
// with offsets; the tables that find words and joined pairs are hash
// tables of uint32 slots, read in place too. Only the token table and
// the identifier lists are made on load, over strings that point into the
// file.
//
//	header (80 bytes):
//	  magic      [24]byte "exportguard match index\n"
//	  version    uint32   indexFormatVersion
//	  crc        uint32   CRC-32C of bytes 32..end
//	  layout     uint64   hash of the record types' field layout
//	  entries    [32]byte SHA-256 of what the index reads from the entries (entriesSum)
//	  nEntries   uint64
//	sections, in the order of appendIndex: uint64 byte length, the bytes,
//	zero padding to a multiple of 8.
const (
	indexMagic         = "exportguard match index\n"
	indexFormatVersion = 1
	indexHeaderLen     = 80
)

var (
	// ErrIndexMismatch means a prebuilt index was made from other entries,
	// by another version of the index format, or for another memory
	// layout than the one loading it.
	ErrIndexMismatch = errors.New("match: prebuilt index does not fit")
	// ErrCorruptIndex means a prebuilt index file is damaged or truncated.
	ErrCorruptIndex = errors.New("match: corrupt prebuilt index")
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// AppendBinary appends the index in the prebuilt index format that
// LoadIndex reads. The similar words of every listed word are found first
// (about 0.3 s of CPU), so that an index loaded from the file needs no
// first-use work. It implements encoding.BinaryAppender.
func (ix *Index) AppendBinary(b []byte) ([]byte, error) {
	if len(ix.names) > math32 || len(ix.toks) > math32 || len(ix.fuzzy) > math32 || len(ix.nameTok) > math32 {
		return nil, fmt.Errorf("match: index too large for the prebuilt format")
	}
	start := len(b)
	b = append(b, indexMagic...)
	b = binary.LittleEndian.AppendUint32(b, indexFormatVersion)
	b = binary.LittleEndian.AppendUint32(b, 0) // CRC, set below
	b = binary.LittleEndian.AppendUint64(b, layoutHash())
	sum := entriesSum(ix.entries)
	b = append(b, sum[:]...)
	b = binary.LittleEndian.AppendUint64(b, uint64(len(ix.entries)))
	w := indexWriter{b: b}
	w.raw(rawBytes(ix.names))
	w.raw(rawBytes(ix.nameTok))
	w.strs(ix.nameNum)
	// tokens: strings, then one array per field
	toks := ix.toks
	w.strs(project(toks, func(t *tokInfo) string { return t.s }))
	w.strs(project(toks, func(t *tokInfo) string { return t.skel }))
	w.strs(project(toks, func(t *tokInfo) string { return t.cons }))
	w.raw(rawBytes(project(toks, func(t *tokInfo) float32 { return t.w })))
	w.raw(rawBytes(project(toks, func(t *tokInfo) int32 { return t.df })))
	w.raw(rawBytes(project(toks, func(t *tokInfo) uint16 { return t.group })))
	w.raw(rawBytes(project(toks, func(t *tokInfo) uint16 { return t.patGroup })))
	w.raw(rawBytes(project(toks, tokFlags)))
	w.raw(rawBytes(ix.postOff))
	w.raw(rawBytes(ix.postIdx))
	w.raw(rawBytes(ix.vocabTab))
	w.raw([]byte(ix.joinKeys))
	w.raw(rawBytes(ix.joinKeyOff))
	w.raw(rawBytes(ix.joinOff))
	w.raw(rawBytes(ix.joinRefs))
	w.raw(rawBytes(ix.joinTab))
	w.raw(rawBytes(ix.fuzzy))
	w.raw(rawBytes(ix.fuzzyDir))
	w.raw(binary.LittleEndian.AppendUint64(nil, ix.fuzzyShift))
	w.strLists(ix.entryIDs)
	w.int32Lists(ix.groupToks)
	w.int32Lists(ix.patToks)
	noff := make([]uint32, 1, len(toks)+1)
	var flat []neighbour
	for t := range toks {
		flat = append(flat, ix.neighbours(int32(t))...)
		noff = append(noff, uint32(len(flat)))
	}
	w.raw(rawBytes(noff))
	w.raw(rawBytes(flat))
	b = w.b
	binary.LittleEndian.PutUint32(b[start+28:], crc32.Checksum(b[start+32:], castagnoli))
	return b, nil
}

const math32 = 1<<31 - 1

func project[T, U any](s []T, f func(*T) U) []U {
	out := make([]U, len(s))
	for i := range s {
		out[i] = f(&s[i])
	}
	return out
}

const (
	flagGeneric = 1 << iota
	flagVowelless
	flagPatronymic
	flagTitle
)

func tokFlags(t *tokInfo) uint8 {
	var f uint8
	for _, x := range [...]struct {
		on   bool
		flag uint8
	}{{t.generic, flagGeneric}, {t.vowelless, flagVowelless}, {t.patronymic, flagPatronymic}, {t.title, flagTitle}} {
		if x.on {
			f |= x.flag
		}
	}
	return f
}

type indexWriter struct{ b []byte }

// raw appends one section.
func (w *indexWriter) raw(p []byte) {
	w.b = binary.LittleEndian.AppendUint64(w.b, uint64(len(p)))
	w.b = append(w.b, p...)
	for len(w.b)%8 != 0 {
		w.b = append(w.b, 0)
	}
}

// strs appends a string table: offsets (n+1 uint32) and the blob.
func (w *indexWriter) strs(ss []string) {
	off := make([]uint32, 1, len(ss)+1)
	var blob []byte
	for _, s := range ss {
		blob = append(blob, s...)
		off = append(off, uint32(len(blob)))
	}
	w.raw(rawBytes(off))
	w.raw(blob)
}

// strLists appends a list of string lists: per list the offset of its
// first string in one string table.
func (w *indexWriter) strLists(ls [][]string) {
	off, all := flatten(ls)
	w.raw(rawBytes(off))
	w.strs(all)
}

// int32Lists appends a list of int32 lists: offsets and one array.
func (w *indexWriter) int32Lists(ls [][]int32) {
	off, all := flatten(ls)
	w.raw(rawBytes(off))
	w.raw(rawBytes(all))
}

// flatten concatenates ls and returns where each list starts in the
// result, and where the last ends.
func flatten[T any](ls [][]T) ([]uint32, []T) {
	off := make([]uint32, 1, len(ls)+1)
	var all []T
	for _, l := range ls {
		all = append(all, l...)
		off = append(off, uint32(len(all)))
	}
	return off, all
}

// rawBytes returns the memory image of s with every padding byte zero, so
// that the file is the same for the same index.
func rawBytes[T any](s []T) []byte {
	size := int(unsafe.Sizeof(*new(T)))
	out := make([]byte, len(s)*size)
	if len(s) == 0 {
		return out
	}
	t := reflect.TypeFor[T]()
	if t.Kind() != reflect.Struct {
		copy(out, unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(s))), len(out)))
		return out
	}
	dst := unsafe.Slice((*T)(unsafe.Pointer(unsafe.SliceData(out))), len(s))
	for i := range s {
		dv, sv := reflect.ValueOf(&dst[i]).Elem(), reflect.ValueOf(&s[i]).Elem()
		for f := range t.NumField() {
			// unexported fields: write through their address
			df, sf := dv.Field(f), sv.Field(f)
			n := int(df.Type().Size())
			copy(unsafe.Slice((*byte)(unsafe.Pointer(df.UnsafeAddr())), n), unsafe.Slice((*byte)(unsafe.Pointer(sf.UnsafeAddr())), n))
		}
	}
	return out
}

// layoutHash describes the memory layout of the record types stored in
// place (sizes, field offsets and kinds) and the byte order, so that a file
// is only read in place by a build that lays them out the same way.
func layoutHash() uint64 {
	var sb strings.Builder
	var x uint16 = 1
	fmt.Fprintf(&sb, "le=%v;", *(*byte)(unsafe.Pointer(&x)) == 1)
	for _, t := range []reflect.Type{reflect.TypeFor[nameRec](), reflect.TypeFor[fuzzyKey](), reflect.TypeFor[joinRef](), reflect.TypeFor[neighbour]()} {
		fmt.Fprintf(&sb, "%s:%d{", t.Name(), t.Size())
		for i := range t.NumField() {
			f := t.Field(i)
			fmt.Fprintf(&sb, "%s@%d:%s;", f.Name, f.Offset, f.Type.Kind())
		}
		sb.WriteString("}")
	}
	return hashStr(0, sb.String())
}

var currentLayout = layoutHash()

// entriesSum is the SHA-256 of everything an index reads from entries:
// their number and order, and of each its type, name, aliases (name and
// weak flag) and identifier values. Two entry lists with the same sum get
// the same index.
func entriesSum(entries []*lists.Entry) [32]byte {
	h := sha256.New()
	buf := make([]byte, 0, 64<<10)
	str := func(s string) {
		buf = binary.AppendUvarint(buf, uint64(len(s)))
		buf = append(buf, s...)
	}
	buf = append(buf, "exportguard match index entries v1\n"...)
	buf = binary.AppendUvarint(buf, uint64(len(entries)))
	for _, e := range entries {
		if len(buf) > 60<<10 {
			h.Write(buf)
			buf = buf[:0]
		}
		if e == nil {
			buf = append(buf, 0)
			continue
		}
		buf = append(buf, 1)
		str(string(e.Type))
		str(e.Name)
		buf = binary.AppendUvarint(buf, uint64(len(e.Aliases)))
		for _, a := range e.Aliases {
			str(a.Name)
			if a.Weak {
				buf = append(buf, 1)
			} else {
				buf = append(buf, 0)
			}
		}
		buf = binary.AppendUvarint(buf, uint64(len(e.IDs)))
		for _, id := range e.IDs {
			str(id.Value)
		}
	}
	h.Write(buf)
	var sum [32]byte
	h.Sum(sum[:0])
	return sum
}

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
	ix.fuzzy = view[fuzzyKey](r)
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
	for i := range ix.names {
		n := &ix.names[i]
		if n.entry < 0 || int(n.entry) >= nEntries || n.tokOff < 0 || n.tokLen < 0 || int(n.tokOff)+int(n.tokLen) > len(ix.nameTok) ||
			n.numOff < 0 || n.numLen < 0 || int(n.numOff)+int(n.numLen) > len(ix.nameNum) {
			return corrupt(fmt.Sprintf("name %d out of range", i))
		}
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
	for _, f := range ix.fuzzy {
		if f.tok < 0 || int(f.tok) >= nt {
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
			generic: f&flagGeneric != 0, vowelless: f&flagVowelless != 0,
			variantInfo: variantInfo{group: d.group[t], patGroup: d.patGroup[t], patronymic: f&flagPatronymic != 0, title: f&flagTitle != 0}}
	}
	return toks, nil
}

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
