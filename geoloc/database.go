package geoloc

import (
	"fmt"
	"net/netip"
	"path/filepath"
	"sync/atomic"
)

// database is one opened database: a MaxMind DB file read in one format.
type database struct {
	info   DBInfo
	file   *mmdbFile
	format format
	idx    uint64 // 1 + position in its snapshot, for FieldSource keys

	// Decoded records by data-section offset. Records are deduplicated in
	// a MaxMind DB, so a few hundred offsets cover most lookups (the
	// embedded database has 6,425 distinct records, but all except a few
	// hundred are disputed country pairs, each covering little address
	// space); a slot holds one record and is overwritten on collision.
	geoCache  [geoCacheSlots]atomic.Pointer[geoResult]
	anonCache [anonCacheSlots]atomic.Pointer[anonResult]
}

const (
	geoCacheBits   = 10
	geoCacheSlots  = 1 << geoCacheBits
	anonCacheBits  = 10
	anonCacheSlots = 1 << anonCacheBits
)

// cacheSlot hashes a record offset to one of 1<<bits slots.
func cacheSlot(off uintptr, bits uint) uintptr {
	return uintptr(uint64(off) * 0x9E3779B97F4A7C15 >> (64 - bits))
}

func (d *database) lookupError(addr netip.Addr, err error) error {
	return &DatabaseError{Name: d.info.Name, Path: d.info.Path, Op: "lookup", Err: fmt.Errorf("%s: %w", addr, err)}
}

// find looks addr up in d, narrowing *network to the most specific network
// a lookup has returned so far, and reports whether d has a record for addr.
func (d *database) find(addr netip.Addr, network *netip.Prefix) (record, bool, error) {
	rec, p, found, err := d.file.lookup(addr)
	if err != nil {
		return rec, false, d.lookupError(addr, err)
	}
	if p.IsValid() && (!network.IsValid() || p.Bits() > network.Bits()) {
		*network = p
	}
	return rec, found, nil
}

// geo returns the decoded geographic record of a found lookup.
func (d *database) geo(rec record) (*geoResult, error) {
	off := rec.offset()
	slot := &d.geoCache[cacheSlot(off, geoCacheBits)]
	if g := slot.Load(); g != nil && g.off == off {
		return g, nil
	}
	g := &geoResult{off: off}
	if err := d.format.geo(rec, g); err != nil {
		return nil, err
	}
	slot.Store(g)
	return g, nil
}

// anonymizer returns the decoded anonymizer record of a found lookup.
func (d *database) anonymizer(rec record) (*anonResult, error) {
	off := rec.offset()
	slot := &d.anonCache[cacheSlot(off, anonCacheBits)]
	if a := slot.Load(); a != nil && a.off == off {
		return a, nil
	}
	a := &anonResult{off: off}
	if err := d.format.anonymizer(rec, &a.anonymizerRecord); err != nil {
		return nil, err
	}
	slot.Store(a)
	return a, nil
}

// source is a database to open: a file or bytes.
type source struct {
	name     string
	path     string
	bytes    []byte
	embedded bool
}

func (s source) String() string {
	if s.path != "" {
		return s.path
	}
	return s.name
}

// open opens, classifies and (unless skipVerify) verifies a database.
func (s source) open(skipVerify bool) (*database, error) {
	name := s.name
	if s.path != "" && name == "" {
		name = filepath.Base(s.path)
	}
	f, err := openMMDB(s.path, s.bytes)
	if err != nil {
		return nil, &DatabaseError{Name: name, Path: s.path, Op: "open", Err: fmt.Errorf("%w: %w", ErrInvalidDatabase, err)}
	}
	format, typ, ok := classify(f.databaseType())
	if !ok {
		_ = f.close()
		return nil, &DatabaseError{Name: name, Path: s.path, Op: "open",
			Err: fmt.Errorf("%w %q", ErrUnknownDatabaseType, f.databaseType())}
	}
	if !skipVerify {
		if err := f.verify(); err != nil {
			_ = f.close()
			return nil, &DatabaseError{Name: name, Path: s.path, Op: "verify", Err: fmt.Errorf("%w: %w", ErrInvalidDatabase, err)}
		}
	}
	return &database{
		info: DBInfo{
			Name:         name,
			Type:         typ,
			DatabaseType: f.databaseType(),
			Path:         s.path,
			BuildTime:    f.buildTime(),
			Embedded:     s.embedded,
		},
		file:   f,
		format: format,
	}, nil
}

// rank orders geographic databases: the most detailed answers first.
func rank(typ string) int {
	switch typ {
	case TypeEnterprise:
		return 0
	case TypeCity:
		return 1
	case TypeCountry:
		return 2
	case TypeCountryCode:
		return 3
	case TypeAnonymousPlus:
		return 10
	case TypeAnonymousIP:
		return 11
	}
	return 100
}

func isAnonymizerType(typ string) bool {
	return typ == TypeAnonymousIP || typ == TypeAnonymousPlus
}
