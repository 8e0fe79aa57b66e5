package match

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"log/slog"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestPrebuiltIndexUpToDate rebuilds the index of the embedded snapshot
// and checks that it is, byte for byte, the prebuilt index embedded with
// it: a change to how the index is built that was not followed by
// `go generate ./screening/lists/` fails here.
func TestPrebuiltIndexUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("rebuilds the index")
	}
	ix := NewIndex(testEntries(t), WithoutPrebuiltIndex())
	b, err := ix.AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(b, []byte(defaultIndexFile)) {
		t.Fatalf("default_index.bin (%d bytes) is not the index of the embedded snapshot (%d bytes): run go generate ./screening/lists/", len(defaultIndexFile), len(b))
	}
}

// indexFields says, for every field of Index, how a loaded index gets it.
// A new field fails TestIndexFieldsSerialised until it is added here and
// to the file format (AppendBinary, decodeIndex) or derived on load.
var indexFields = map[string]string{
	"entries":     "given to LoadIndex, checked against the file's entries checksum",
	"names":       "serialised",
	"nameW":       "derived from names (nameWeights)",
	"nameTok":     "serialised",
	"nameNum":     "serialised",
	"vocabTab":    "serialised",
	"toks":        "serialised per field (tokInfoFields)",
	"postOff":     "serialised",
	"postIdx":     "serialised",
	"joinKeys":    "serialised",
	"joinKeyOff":  "serialised",
	"joinOff":     "serialised",
	"joinRefs":    "serialised",
	"joinTab":     "serialised",
	"fuzzy":       "serialised",
	"fuzzyDir":    "serialised",
	"fuzzyShift":  "serialised",
	"opts":        "given to LoadIndex",
	"pool":        "derived: scratch space for searches",
	"entryIDs":    "serialised",
	"groupToks":   "serialised",
	"patToks":     "serialised",
	"neigh":       "derived: nil, neighOff is used",
	"neighOff":    "serialised (found for every token by AppendBinary)",
	"neighFlat":   "serialised (found for every token by AppendBinary)",
	"numPost":     "derived from names and nameNum (indexNumbers)",
	"orgOwn":      "derived: filled on first use (orgOwnOf)",
	"places":      "derived: filled on first use (placeWord)",
	"cutWords":    "derived: built on first use (cutHits)",
	"tokCountry":  "derived: filled on first use (countryToken)",
	"countryRuns": "derived: filled on first use (placeOfToks)",
	"groupW":      "derived: filled on first use (groupMinWeights)",
	"sameWords":   "derived: filled on first use (keepSameWords)",
	"quoted":      "derived: filled on first use (quotedAligned)",
	"knownH":      "derived: filled on first use (knownHitsOf)",
}

// tokInfoFields are the fields of tokInfo (and its embedded variantInfo),
// which the file stores one array per field.
var tokInfoFields = []string{"s", "skel", "cons", "w", "df", "generic", "vowelless", "common", "av", "variantInfo", "group", "patGroup", "patronymic", "title"}

// TestIndexFieldsSerialised checks that every field of Index and tokInfo
// is stored in the prebuilt index file or derived on load, and that an
// index loaded from the file equals the built one in each of them.
func TestIndexFieldsSerialised(t *testing.T) {
	for _, f := range reflect.VisibleFields(reflect.TypeFor[Index]()) {
		if _, ok := indexFields[f.Name]; !ok {
			t.Errorf("Index.%s is neither serialised in the prebuilt index nor derived on load: add it to AppendBinary and decodeIndex, and to indexFields", f.Name)
		}
	}
	var got []string
	for _, f := range reflect.VisibleFields(reflect.TypeFor[tokInfo]()) {
		got = append(got, f.Name)
	}
	if !slices.Equal(got, tokInfoFields) {
		t.Errorf("tokInfo fields %v, the file stores %v: update AppendBinary, decodeIndex and tokInfoFields", got, tokInfoFields)
	}
	if testing.Short() {
		return
	}
	entries := testEntries(t)
	built := NewIndex(entries, WithoutPrebuiltIndex())
	loaded, err := loadIndex(defaultIndexFile, entries, newIndexOptions(nil))
	if err != nil {
		t.Fatal(err)
	}
	bv, lv := reflect.ValueOf(built).Elem(), reflect.ValueOf(loaded).Elem()
	exported := cmp.Exporter(func(reflect.Type) bool { return true })
	for _, name := range []string{"names", "nameTok", "nameNum", "vocabTab", "toks", "postOff", "postIdx", "joinKeys", "joinKeyOff", "joinOff", "joinRefs", "joinTab", "fuzzy", "fuzzyDir", "fuzzyShift", "entryIDs", "groupToks", "patToks"} {
		b, l := bv.FieldByName(name), lv.FieldByName(name)
		b, l = reflect.NewAt(b.Type(), b.Addr().UnsafePointer()).Elem(), reflect.NewAt(l.Type(), l.Addr().UnsafePointer()).Elem()
		if reflect.DeepEqual(b.Interface(), l.Interface()) {
			continue
		}
		if d := cmp.Diff(b.Interface(), l.Interface(), exported, cmpEmpty); d != "" {
			t.Errorf("loaded Index.%s differs from the built one (-built +loaded):\n%.2000s", name, d)
		}
	}
	for nid, rec := range built.names {
		ctoks := built.nameTok[rec.tokOff : rec.tokOff+int32(rec.tokLen)]
		if b, l := built.orgOwnOf(int32(nid), ctoks), loaded.orgOwnOf(int32(nid), ctoks); b != l {
			t.Fatalf("name %d: own words %b built, %b loaded", nid, b, l)
		}
	}
	for tok := range built.toks {
		if b, l := built.neighbours(int32(tok)), loaded.neighbours(int32(tok)); !slices.Equal(b, l) {
			t.Fatalf("neighbours of %q: built %v, loaded %v", built.toks[tok].s, b, l)
		}
	}
}

// samePointer compares entries by identity: both indexes hold the same ones.
var samePointer = cmp.Comparer(func(a, b *lists.Entry) bool { return a == b })

// cmpEmpty treats nil and empty slices alike.
var cmpEmpty = cmp.FilterValues(func(x, y any) bool {
	vx, vy := reflect.ValueOf(x), reflect.ValueOf(y)
	return vx.Kind() == reflect.Slice && vy.Kind() == reflect.Slice && vx.Len() == 0 && vy.Len() == 0
}, cmp.Comparer(func(_, _ any) bool { return true }))

// TestPrebuiltSearchesEqual searches every evaluation query on the built
// and on the loaded index: the results must be the same.
func TestPrebuiltSearchesEqual(t *testing.T) {
	if testing.Short() {
		t.Skip("searches the evaluation set twice")
	}
	entries := testEntries(t)
	built := NewIndex(entries, WithoutPrebuiltIndex())
	loaded := NewIndex(entries)
	if loaded.neighOff == nil {
		t.Fatal("NewIndex on the embedded snapshot's entries did not load the prebuilt index")
	}
	ctx := context.Background()
	n := 0
	for _, file := range []string{"positives.csv", "negatives.csv"} {
		for _, r := range readEval(t, file) {
			q := Query{Name: r.query, Threshold: sweepFloor}
			want, err1 := built.Search(ctx, q)
			got, err2 := loaded.Search(ctx, q)
			if err1 != nil || err2 != nil {
				t.Fatalf("%q: %v, %v", r.query, err1, err2)
			}
			if d := cmp.Diff(want, got, samePointer); d != "" {
				t.Fatalf("%q: prebuilt index differs (-built +loaded):\n%s", r.query, d)
			}
			n++
		}
	}
	t.Logf("%d queries, same results", n)
}

// smallEntries are a few real Entity List and SDN names.
func smallEntries() []*lists.Entry {
	return []*lists.Entry{
		{Source: lists.SourceEL, ID: "1", Type: lists.TypeEntity, Name: "Hangzhou Hikvision Digital Technology Co., Ltd.",
			Aliases: []lists.Alias{{Name: "Hikvision"}}, IDs: []lists.Identifier{{Type: "Registration", Value: "91330000733796106P"}}},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "Vladimir Vladimirovich Putin",
			Aliases: []lists.Alias{{Name: "Vladimir Putin", Weak: true}}},
		nil,
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "Rosoboronexport OAO", Aliases: []lists.Alias{{Name: "Rosoboroneksport"}}},
	}
}

func TestLoadIndexErrors(t *testing.T) {
	entries := smallEntries()
	good, err := NewIndex(entries).AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := LoadIndex(good, entries); err != nil {
		t.Fatalf("LoadIndex of its own output: %v", err)
	}
	flipped := bytes.Clone(good)
	flipped[len(flipped)/2] ^= 0x40
	other := slices.Clone(entries)
	other[3] = &lists.Entry{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "Rosoboronexport JSC"}
	version := bytes.Clone(good)
	binary.LittleEndian.PutUint32(version[24:], indexFormatVersion+1)
	for _, c := range []struct {
		name    string
		data    []byte
		entries []*lists.Entry
		want    error
		msg     string
	}{
		{"flipped byte", flipped, entries, ErrCorruptIndex, "checksum"},
		{"truncated", good[:len(good)-8], entries, ErrCorruptIndex, "checksum"},
		{"header only", good[:indexHeaderLen-1], entries, ErrCorruptIndex, "no index header"},
		{"other entries", good, other, ErrIndexMismatch, "made from other entries"},
		{"fewer entries", good, entries[:3], ErrIndexMismatch, "made from 4 entries, given 3"},
		{"other version", version, entries, ErrIndexMismatch, fmt.Sprintf("format version %d", indexFormatVersion+1)},
	} {
		_, err := LoadIndex(c.data, c.entries)
		if !errors.Is(err, c.want) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: LoadIndex error %v, want %v saying %q", c.name, err, c.want, c.msg)
		}
	}
}

// TestEmptyIndex builds, writes and loads the index of no entries (the
// Screener's when it is given no lists), on one core and on several.
func TestEmptyIndex(t *testing.T) {
	for _, entries := range [][]*lists.Entry{nil, {nil}} {
		ix := NewIndex(entries)
		if ix.Len() != len(entries) {
			t.Errorf("Len = %d, want %d", ix.Len(), len(entries))
		}
		b, err := ix.AppendBinary(nil)
		if err != nil {
			t.Fatal(err)
		}
		loaded, err := LoadIndex(b, entries)
		if err != nil {
			t.Fatalf("LoadIndex of %d entries: %v", len(entries), err)
		}
		for _, x := range []*Index{ix, loaded} {
			if ms, err := x.Search(context.Background(), Query{Name: "Hikvision"}); err != nil || len(ms) != 0 {
				t.Errorf("Search on no entries: %v, %v", ms, err)
			}
		}
	}
}

// TestDamagedPrebuiltFallsBack checks that a damaged prebuilt file is
// logged and not used, and that a file made from other entries is
// silently not used.
func TestDamagedPrebuiltFallsBack(t *testing.T) {
	entries := smallEntries()
	good, err := NewIndex(entries).AppendBinary(nil)
	if err != nil {
		t.Fatal(err)
	}
	var log bytes.Buffer
	o := newIndexOptions([]IndexOption{WithIndexLogger(slog.New(slog.NewTextHandler(&log, nil)))})
	if loadPrebuilt(string(good), entries, o) == nil {
		t.Fatal("intact file not used")
	}
	bad := bytes.Clone(good)
	bad[len(bad)-3] ^= 1
	if loadPrebuilt(string(bad), entries, o) != nil {
		t.Fatal("damaged file used")
	}
	if !strings.Contains(log.String(), "level=WARN msg=\"match: the embedded prebuilt name index is damaged; building the index instead\"") ||
		!strings.Contains(log.String(), "corrupt prebuilt index: checksum") {
		t.Errorf("log %q, want a warning naming the checksum", log.String())
	}
	log.Reset()
	if loadPrebuilt(string(good), entries[:2], o) != nil || log.Len() != 0 {
		t.Errorf("file of other entries: used, or logged %q", log.String())
	}
	// NewIndex on other entries builds their own index
	ix := NewIndex(entries[:2])
	if ix.neighOff != nil || ix.Len() != 2 {
		t.Errorf("NewIndex on other entries: prebuilt %v, Len %d", ix.neighOff != nil, ix.Len())
	}
}

// FuzzLoadIndex feeds damaged index files to the decoder, with the header
// and checksum made to fit so that the sections are read: it must return
// an error or an index that searches without panicking.
func FuzzLoadIndex(f *testing.F) {
	entries := smallEntries()
	good, err := NewIndex(entries).AppendBinary(nil)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(good[indexHeaderLen:])
	f.Add(good[indexHeaderLen : len(good)/2])
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, body []byte) {
		data := append(bytes.Clone(good[:indexHeaderLen]), body...)
		binary.LittleEndian.PutUint32(data[28:], crc32.Checksum(data[32:], castagnoli))
		ix, err := LoadIndex(data, entries)
		if err != nil {
			if !errors.Is(err, ErrCorruptIndex) && !errors.Is(err, ErrIndexMismatch) {
				t.Fatalf("error %v wraps neither ErrCorruptIndex nor ErrIndexMismatch", err)
			}
			return
		}
		for _, q := range []string{"Hikvision Digital", "Putin Vladimir", "Rosoboroneksport", "91330000733796106P"} {
			if _, err := ix.Search(context.Background(), Query{Name: q, IDs: []lists.Identifier{{Value: "91330000733796106P"}}, Threshold: 0.1}); err != nil {
				t.Fatal(err)
			}
		}
	})
}
