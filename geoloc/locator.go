package geoloc

import (
	"errors"
	"fmt"
	"log/slog"
	"net/netip"
	"slices"
	"sync"
	"sync/atomic"
)

// Locator answers Locate from a set of MaxMind databases. It is safe for
// concurrent use; Reload swaps the set atomically while lookups run.
type Locator struct {
	cur atomic.Pointer[snapshot]

	mu  sync.Mutex // serialises Reload and Close; guards cfg and gen
	cfg config
	gen uint64       // generation of the current snapshot
	log *slog.Logger // fixed at New
}

// Option configures New and Reload.
type Option func(*config)

type config struct {
	sources    []source
	noEmbedded bool
	skipVerify bool
	logger     *slog.Logger
}

// WithFile adds the MaxMind DB file at path. The type (City, Country,
// Enterprise, Anonymous IP, Anonymous Plus or a country-code database) is
// read from the file's metadata. The file is checked with the MaxMind DB
// verifier before use.
func WithFile(path string) Option {
	return func(c *config) { c.sources = append(c.sources, source{path: path}) }
}

// WithBytes adds a MaxMind DB held in memory under the given name, which
// FieldSource and DBInfo report. The slice must not be modified afterwards.
func WithBytes(name string, b []byte) Option {
	return func(c *config) { c.sources = append(c.sources, source{name: name, bytes: b}) }
}

// WithoutEmbedded keeps the embedded default country database out even
// when no geographic database is configured.
func WithoutEmbedded() Option {
	return func(c *config) { c.noEmbedded = true }
}

// WithoutVerify skips the full-file verification of WithFile and WithBytes
// databases (opening still checks the metadata). Verification walks the
// whole search tree, which takes seconds on multi-gigabyte databases.
func WithoutVerify() Option {
	return func(c *config) { c.skipVerify = true }
}

// WithLogger sets the logger for reloads and for closing old databases.
// The default is slog.Default().
func WithLogger(l *slog.Logger) Option {
	return func(c *config) { c.logger = l }
}

// New opens the configured databases. Without any geographic database
// (City, Country, Enterprise or country-code) it adds the embedded default
// country database unless WithoutEmbedded is given; with no database at all
// it returns ErrNoDatabase. More than 15 databases is an error.
func New(opts ...Option) (*Locator, error) {
	var cfg config
	for _, o := range opts {
		o(&cfg)
	}
	s, err := cfg.build()
	if err != nil {
		return nil, err
	}
	l := &Locator{cfg: cfg, log: cfg.log(), gen: 1}
	s.gen = 1
	l.cur.Store(s)
	return l, nil
}

// Default returns a new Locator on the embedded default country database.
// The embedded file is decompressed once per process; each Locator reads
// the same immutable bytes.
func Default() (*Locator, error) {
	return New()
}

func (c *config) log() *slog.Logger {
	if c.logger != nil {
		return c.logger
	}
	return slog.Default()
}

// build opens every configured database and returns a snapshot holding one
// reference (the Locator's).
func (c *config) build() (*snapshot, error) {
	var dbs []*database
	fail := func(err error) (*snapshot, error) {
		for _, d := range dbs {
			_ = d.file.close()
		}
		return nil, err
	}
	for _, src := range c.sources {
		d, err := src.open(c.skipVerify)
		if err != nil {
			return fail(err)
		}
		dbs = append(dbs, d)
	}
	hasGeo := slices.ContainsFunc(dbs, func(d *database) bool { return !isAnonymizerType(d.info.Type) })
	if !hasGeo && !c.noEmbedded {
		b, err := embeddedBytes()
		if err != nil {
			return fail(err)
		}
		// The embedded file is checked by the package's tests, not at
		// every start.
		d, err := source{name: EmbeddedName, bytes: b, embedded: true}.open(true)
		if err != nil {
			return fail(err)
		}
		dbs = append(dbs, d)
	}
	if len(dbs) == 0 {
		return nil, ErrNoDatabase
	}
	if len(dbs) > maxDatabases {
		return fail(fmt.Errorf("geoloc: %d databases configured, at most %d", len(dbs), maxDatabases))
	}
	s := newSnapshot(dbs)
	s.log = c.log()
	return s, nil
}

// Locate returns what the databases say about addr.
//
// IPv4-mapped IPv6 addresses are unmapped and zones dropped. Addresses in
// the well-known NAT64 prefix 64:ff9b::/96 are looked up as the IPv4
// address they embed. Addresses not on the public internet are not looked
// up: the Location has NotRoutable set and Found false, and the error is
// nil. An invalid addr gives an error matching ErrInvalidAddress; a
// database read failure gives a *DatabaseError.
func (l *Locator) Locate(addr netip.Addr) (Location, error) {
	addr, nr, err := prepare(addr)
	if err != nil {
		return Location{}, err
	}
	if nr != "" {
		return Location{IP: addr, NotRoutable: nr}, nil
	}
	s := l.acquire()
	if s == nil {
		return Location{IP: addr}, ErrClosed
	}
	loc, err := s.locate(addr)
	s.release()
	return loc, err
}

// prepare canonicalises addr for a lookup and returns the reason it is
// not routable ("" if it is) or an error for the zero Addr.
func prepare(addr netip.Addr) (netip.Addr, string, error) {
	if !addr.IsValid() {
		return addr, "", &AddressError{Err: errorString("the zero netip.Addr")}
	}
	addr = canonical(addr)
	if addr.Is6() && nat64WellKnown.Contains(addr) {
		addr = nat64Embedded(addr)
	}
	return addr, NotRoutableReason(addr), nil
}

// Databases describes the databases in use, geographic ones first in the
// order they are consulted, then anonymizer databases.
func (l *Locator) Databases() []DBInfo {
	s := l.acquire()
	if s == nil {
		return nil
	}
	defer s.release()
	return s.infos()
}

func (s *snapshot) infos() []DBInfo {
	out := make([]DBInfo, len(s.dbs))
	for i, d := range s.dbs {
		out[i] = d.info
	}
	return out
}

// Reload builds a new database set and swaps it in atomically. With no
// options it reopens the current configuration (re-reading its files);
// otherwise the options replace the configuration, as for New. Every new
// database is opened and verified first; on any error the old set stays in
// use and the error is returned. Old readers are closed once the last
// lookup using them has finished.
func (l *Locator) Reload(opts ...Option) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.cur.Load() == nil {
		return ErrClosed
	}
	cfg := l.cfg
	if len(opts) > 0 {
		cfg = config{logger: l.cfg.logger}
		for _, o := range opts {
			o(&cfg)
		}
	}
	s, err := cfg.build()
	if err != nil {
		cfg.log().Warn("geoloc: reload failed, keeping current databases", "err", err)
		return fmt.Errorf("geoloc: reload: %w", err)
	}
	l.cfg = cfg
	l.gen++
	s.gen = l.gen
	old := l.cur.Swap(s)
	cfg.log().Info("geoloc: databases reloaded", "databases", s.names())
	old.release()
	return nil
}

// Close stops the Locator: later calls return ErrClosed. Databases are
// closed once the lookups in flight have finished.
func (l *Locator) Close() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	old := l.cur.Swap(nil)
	if old == nil {
		return nil
	}
	old.release()
	return nil
}

func (l *Locator) logger() *slog.Logger { return l.log }

// acquire returns the current snapshot with a reference taken, or nil if
// the Locator is closed. A snapshot whose count reached zero is never
// revived: the CAS only increments a positive count, and a snapshot is
// swapped out before its Locator reference is dropped, so the retry loads
// the newer one.
func (l *Locator) acquire() *snapshot {
	for {
		s := l.cur.Load()
		if s == nil {
			return nil
		}
		n := s.refs.Load()
		if n > 0 && s.refs.CompareAndSwap(n, n+1) {
			return s
		}
	}
}

// snapshot is an immutable set of open databases with a reference count.
type snapshot struct {
	gen  uint64      // the Locator's generation counter when it was swapped in
	dbs  []*database // geo (by rank, then configuration order), then anonymizers
	geo  []*database
	anon []*database
	refs atomic.Int64
	log  *slog.Logger

	srcMu   sync.Mutex
	sources atomic.Pointer[map[sourceKey][]FieldSource]
}

func newSnapshot(dbs []*database) *snapshot {
	slices.SortStableFunc(dbs, func(a, b *database) int { return rank(a.info.Type) - rank(b.info.Type) })
	s := &snapshot{dbs: dbs}
	for i, d := range dbs {
		d.idx = uint64(i + 1)
		if isAnonymizerType(d.info.Type) {
			s.anon = append(s.anon, d)
		} else {
			s.geo = append(s.geo, d)
		}
	}
	s.refs.Store(1)
	m := map[sourceKey][]FieldSource{}
	s.sources.Store(&m)
	return s
}

func (s *snapshot) names() []string {
	out := make([]string, len(s.dbs))
	for i, d := range s.dbs {
		out[i] = d.info.Name
	}
	return out
}

func (s *snapshot) release() {
	if s.refs.Add(-1) != 0 {
		return
	}
	var errs []error
	for _, d := range s.dbs {
		if err := d.file.close(); err != nil {
			errs = append(errs, fmt.Errorf("close %s: %w", d.info.Name, err))
		}
	}
	if err := errors.Join(errs...); err != nil {
		s.log.Warn("geoloc: closing old databases", "err", err)
	}
}

// field slots for the source index, 4 bits each in a uint64 key.
const (
	slotCountry = iota
	slotRegistered
	slotRepresented
	slotSubdivisions
	slotCity
	slotAccuracy
	slotAnonymizer
	numSlots
)

var slotFields = [numSlots]string{
	FieldCountry, FieldRegisteredCountry, FieldRepresentedCountry, FieldSubdivisions,
	FieldCity, FieldAccuracyRadius, FieldAnonymizer,
}

// sourcesFor returns the shared, read-only Sources slice for key. The few
// distinct keys are built once.
func (s *snapshot) sourcesFor(key sourceKey) []FieldSource {
	if key == 0 {
		return nil
	}
	if v, ok := (*s.sources.Load())[key]; ok {
		return v
	}
	s.srcMu.Lock()
	defer s.srcMu.Unlock()
	old := *s.sources.Load()
	if v, ok := old[key]; ok {
		return v
	}
	var v []FieldSource
	for slot := range numSlots {
		idx := key.db(slot)
		if idx == 0 {
			continue
		}
		d := s.dbs[idx-1]
		v = append(v, FieldSource{Field: slotFields[slot], Database: d.info.Name, BuildTime: d.info.BuildTime})
	}
	v = slices.Clip(v)
	m := make(map[sourceKey][]FieldSource, len(old)+1)
	for k, x := range old {
		m[k] = x
	}
	m[key] = v
	s.sources.Store(&m)
	return v
}

// locate looks addr up in every database of the snapshot: the geolocation
// databases first, then the anonymizer ones, and names the database that
// answered each field. A database that cannot be read fails the lookup.
func (s *snapshot) locate(addr netip.Addr) (Location, error) {
	loc := Location{IP: addr}
	var key sourceKey
	if err := s.locateGeo(addr, &loc, &key); err != nil {
		return Location{IP: addr}, err
	}
	if err := s.locateAnonymizer(addr, &loc, &key); err != nil {
		return Location{IP: addr}, err
	}
	loc.Sources = s.sourcesFor(key)
	return loc, nil
}

// locateGeo fills the country, registered and represented country and the
// place details of loc from the geolocation databases, the first database
// with a value winning each field, and records it in key.
func (s *snapshot) locateGeo(addr netip.Addr, loc *Location, key *sourceKey) error {
	for _, d := range s.geo {
		res, ok, err := d.find(addr, &loc.Network)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		loc.Found = true
		r, err := d.geo(res)
		if err != nil {
			return d.lookupError(addr, err)
		}
		if fill(&loc.Country, r.country, key, d, slotCountry) {
			loc.CountryClaims = r.claims
		}
		fill(&loc.RegisteredCountry, r.registered, key, d, slotRegistered)
		if fill(&loc.RepresentedCountry, r.represented, key, d, slotRepresented) {
			loc.RepresentedType = r.repType
		}
		// Place details only from a record that agrees on the country,
		// so a Location never mixes one database's country with another's
		// region or city.
		if r.country == "" || r.country != loc.Country {
			continue
		}
		if loc.Subdivisions == nil && r.subdivisions != nil {
			loc.Subdivisions = r.subdivisions
			key.set(d, slotSubdivisions)
		}
		fill(&loc.City, r.city, key, d, slotCity)
		fill(&loc.AccuracyRadiusKM, r.accuracy, key, d, slotAccuracy)
	}
	return nil
}

// locateAnonymizer merges the anonymizer databases' records for addr into
// loc.Anonymizer: every flag any database sets, the first confidence and
// provider given. Any specific kind (VPN, Tor, hosting, proxy) makes the
// address anonymous.
func (s *snapshot) locateAnonymizer(addr netip.Addr, loc *Location, key *sourceKey) error {
	a := &loc.Anonymizer
	if len(s.anon) > 0 {
		a.Checked = true
	}
	for _, d := range s.anon {
		res, ok, err := d.find(addr, &loc.Network)
		if err != nil {
			return err
		}
		if !ok {
			continue
		}
		r, err := d.anonymizer(res)
		if err != nil {
			return d.lookupError(addr, err)
		}
		// A record without any signal (some databases cover the whole
		// address space with empty records) says nothing.
		if !r.signal() {
			continue
		}
		loc.Found = true
		if key.db(slotAnonymizer) == 0 {
			key.set(d, slotAnonymizer)
		}
		mergeAnonymizer(a, r)
	}
	if a.VPN || a.Tor || a.Hosting || a.PublicProxy || a.ResidentialProxy {
		a.Anonymous = true
	}
	return nil
}

// mergeAnonymizer adds the flags of r to a, and r's confidence and provider
// where a has none yet.
func mergeAnonymizer(a *Anonymizer, r *anonResult) {
	a.Anonymous = a.Anonymous || r.IsAnonymous
	a.VPN = a.VPN || r.IsAnonymousVPN
	a.Tor = a.Tor || r.IsTorExitNode
	a.Hosting = a.Hosting || r.IsHostingProvider
	a.PublicProxy = a.PublicProxy || r.IsPublicProxy
	a.ResidentialProxy = a.ResidentialProxy || r.IsResidentialProxy
	if a.Confidence == 0 {
		a.Confidence = int(r.AnonymizerConfidence)
	}
	if a.Provider == "" {
		a.Provider = r.ProviderName
	}
}

// A sourceKey records which database answered each field of a Location:
// its 4-bit slots hold 1 + the index in the snapshot of that database (0:
// no answer).
type sourceKey uint64

// maxDatabases is the most databases a Locator holds: a sourceKey slot
// numbers at most 15. A larger index would spill into the next slot and
// name the wrong database in Location.Sources.
const maxDatabases = 15

// db returns 1 + the snapshot index of the database that answered slot, or
// 0 when none did.
func (k sourceKey) db(slot int) int { return int(k >> (4 * slot) & 0xf) }

func (k *sourceKey) set(d *database, slot int) { *k |= sourceKey(d.idx) << (4 * slot) }

// fill sets an unset field of a Location to v, a value d answered, and
// records d as the field's source. It reports whether it set the field.
func fill[T comparable](field *T, v T, key *sourceKey, d *database, slot int) bool {
	var zero T
	if *field != zero || v == zero {
		return false
	}
	*field = v
	key.set(d, slot)
	return true
}
