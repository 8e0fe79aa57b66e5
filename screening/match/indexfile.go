package match

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
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
	indexFormatVersion = 3
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
	flagCommon
	flagAv
)

func tokFlags(t *tokInfo) uint8 {
	var f uint8
	for _, x := range [...]struct {
		on   bool
		flag uint8
	}{{t.generic, flagGeneric}, {t.vowelless, flagVowelless}, {t.patronymic, flagPatronymic}, {t.title, flagTitle}, {t.common, flagCommon}, {t.av, flagAv}} {
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
	for _, t := range []reflect.Type{reflect.TypeFor[nameRec](), reflect.TypeFor[joinRef](), reflect.TypeFor[neighbour]()} {
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
