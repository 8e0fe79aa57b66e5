package lists

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"time"
)

// The entry codec is a compact, versioned binary form of an Entry, used for
// Entry.Hash and for the embedded and persisted snapshot files. Strings are
// uvarint-length-prefixed; resolved countries are not stored (they are
// derived from CountryText when decoding).

type encoder struct{ b []byte }

func (w *encoder) uvarint(v uint64) { w.b = binary.AppendUvarint(w.b, v) }
func (w *encoder) str(s string)     { w.uvarint(uint64(len(s))); w.b = append(w.b, s...) }
func (w *encoder) strs(ss []string) {
	w.uvarint(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}
func (w *encoder) time(t time.Time) {
	if t.IsZero() {
		w.b = append(w.b, 0)
		return
	}
	w.b = append(w.b, 1)
	w.b = binary.AppendVarint(w.b, t.Unix())
}

// entry writes every content field of e except Links.
func (w *encoder) entry(e *Entry) {
	w.str(string(e.Source))
	w.str(e.ID)
	w.str(string(e.Type))
	w.str(e.Name)
	w.str(e.Title)
	w.uvarint(uint64(len(e.Aliases)))
	for _, a := range e.Aliases {
		w.str(a.Name)
		w.str(string(a.Kind))
		if a.Weak {
			w.b = append(w.b, 1)
		} else {
			w.b = append(w.b, 0)
		}
	}
	w.uvarint(uint64(len(e.Addresses)))
	for _, a := range e.Addresses {
		w.str(a.Street)
		w.str(a.City)
		w.str(a.State)
		w.str(a.PostalCode)
		w.str(a.CountryText)
	}
	w.uvarint(uint64(len(e.IDs)))
	for _, id := range e.IDs {
		w.str(id.Type)
		w.str(id.Value)
		w.str(id.Country)
	}
	w.strs(e.Programs)
	w.strs(e.DatesOfBirth)
	w.strs(e.Nationalities)
	w.strs(e.Citizenships)
	w.strs(e.PlacesOfBirth)
	w.time(e.ListedOn)
	w.time(e.EndDate)
	w.str(e.ListedOnRaw)
	w.str(e.EndDateRaw)
	w.str(e.FederalRegister)
	w.str(e.LicenseRequirement)
	w.str(e.LicensePolicy)
	w.strs(e.Footnotes)
	w.str(e.Remarks)
	w.str(e.SourceURL)
}

// Hash returns a stable content hash of the entry (hex SHA-256 of its
// canonical encoding). It changes when any published field changes (names,
// aliases, addresses, identifiers, programs, dates, remarks…) and ignores
// Links and address country codes, which are derived. Use it to notice
// that an entry a decision or a suppression refers to has changed.
// Nationalities, citizenships and document countries are stored as ISO
// codes where they resolve, so a resolver that resolves more text changes
// the hash of those entries: the safe direction (a suppression lapses and
// is reviewed again).
func (e *Entry) Hash() string {
	var w encoder
	w.b = make([]byte, 0, 512)
	w.str("exportguard/lists entry v1")
	w.entry(e)
	h := sha256.Sum256(w.b)
	return hex.EncodeToString(h[:])
}

var errCorrupt = errors.New("corrupt snapshot data")

// decoder reads from one string so that decoded strings share its memory.
type decoder struct {
	s   string
	i   int
	err error
	// slab, if set, is where the slices of decoded entries are carved
	// from, instead of one allocation each.
	slab *slab
}

// slab hands out slices of larger arrays, so that decoding a snapshot
// allocates a few hundred times instead of once per alias, address,
// identifier and string list. Each slice is capped at its length, so an
// append to it copies instead of writing into its neighbour.
type slab struct {
	aliases []Alias
	addrs   []Address
	ids     []Identifier
	strs    []string
}

const slabLen = 4096

func carve[T any](pool *[]T, n int) []T {
	if n > len(*pool) {
		*pool = make([]T, max(n, slabLen))
	}
	s := (*pool)[:n:n]
	*pool = (*pool)[n:]
	return s
}

func (d *decoder) aliases(n int) []Alias {
	if d.slab == nil {
		return make([]Alias, n)
	}
	return carve(&d.slab.aliases, n)
}

func (d *decoder) addrs(n int) []Address {
	if d.slab == nil {
		return make([]Address, n)
	}
	return carve(&d.slab.addrs, n)
}

func (d *decoder) idents(n int) []Identifier {
	if d.slab == nil {
		return make([]Identifier, n)
	}
	return carve(&d.slab.ids, n)
}

func (d *decoder) fail() {
	if d.err == nil {
		d.err = fmt.Errorf("%w at byte %d", errCorrupt, d.i)
	}
	d.i = len(d.s)
}

func (d *decoder) uvarint() uint64 {
	var v uint64
	var shift uint
	for {
		if d.i >= len(d.s) || shift > 63 {
			d.fail()
			return 0
		}
		b := d.s[d.i]
		d.i++
		v |= uint64(b&0x7f) << shift
		if b < 0x80 {
			return v
		}
		shift += 7
	}
}

func (d *decoder) count() int {
	n := d.uvarint()
	if n > uint64(len(d.s)-d.i) { // every element needs at least one byte
		d.fail()
		return 0
	}
	return int(n)
}

func (d *decoder) str() string {
	n := d.uvarint()
	if n > uint64(len(d.s)-d.i) {
		d.fail()
		return ""
	}
	s := d.s[d.i : d.i+int(n)]
	d.i += int(n)
	return s
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	var out []string
	if d.slab == nil {
		out = make([]string, n)
	} else {
		out = carve(&d.slab.strs, n)
	}
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) byte() byte {
	if d.i >= len(d.s) {
		d.fail()
		return 0
	}
	b := d.s[d.i]
	d.i++
	return b
}

func (d *decoder) time() time.Time {
	if d.byte() == 0 {
		return time.Time{}
	}
	u := d.uvarint()
	v := int64(u >> 1)
	if u&1 != 0 {
		v = ^v
	}
	return time.Unix(v, 0).UTC()
}

func (d *decoder) entry(e *Entry) {
	e.Source = Source(d.str())
	e.ID = d.str()
	e.Type = EntryType(d.str())
	e.Name = d.str()
	e.Title = d.str()
	if n := d.count(); n > 0 {
		e.Aliases = d.aliases(n)
		for i := range e.Aliases {
			e.Aliases[i] = Alias{Name: d.str(), Kind: AliasKind(d.str()), Weak: d.byte() == 1}
		}
	}
	if n := d.count(); n > 0 {
		e.Addresses = d.addrs(n)
		for i := range e.Addresses {
			a := &e.Addresses[i]
			a.Street, a.City, a.State, a.PostalCode, a.CountryText = d.str(), d.str(), d.str(), d.str(), d.str()
			if dst, ok := resolveCountry(a.CountryText); ok {
				a.Country, a.Region = dst.Country, dst.Region
			}
		}
	}
	if n := d.count(); n > 0 {
		e.IDs = d.idents(n)
		for i := range e.IDs {
			e.IDs[i] = Identifier{Type: d.str(), Value: d.str(), Country: d.str()}
		}
	}
	e.Programs = d.strs()
	e.DatesOfBirth = d.strs()
	e.Nationalities = d.strs()
	e.Citizenships = d.strs()
	e.PlacesOfBirth = d.strs()
	e.ListedOn = d.time()
	e.EndDate = d.time()
	e.ListedOnRaw = d.str()
	e.EndDateRaw = d.str()
	e.FederalRegister = d.str()
	e.LicenseRequirement = d.str()
	e.LicensePolicy = d.str()
	e.Footnotes = d.strs()
	e.Remarks = d.str()
	e.SourceURL = d.str()
}
