package screening

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/geoloc/verify"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
	"github.com/exportguard/exportguard/screening/ownership"
	"github.com/exportguard/exportguard/screening/partykey"
)

// Screener screens transactions. It holds one immutable world (policy, list
// snapshot and index, item rules, geolocation databases) and swaps it
// atomically on Reload, so a Screen in flight sees one consistent world. It
// is safe for concurrent use.
type Screener struct {
	world    atomic.Pointer[world]
	store    SuppressionStore
	logger   *slog.Logger
	now      func() time.Time
	asOf     time.Time
	reloadMu sync.Mutex
}

// world is everything one screening reads. It is never modified after build.
type world struct {
	policy     *rules.Policy
	itemRules  *rules.ItemRules
	lists      *lists.Snapshot
	index      *match.Index
	geo        *geoloc.Locator
	owners     *ownership.Graph
	locRegions []*verify.Region
	ownCache   *ownershipCache
	threshold  float64
	// locVerifiers are the trusted signers of location verdict records.
	locVerifiers map[string]ed25519.PublicKey
	// band is the policy's match-strength rules, read once per world.
	band strengthRules
	// thresholdSet records an explicit WithThreshold, kept across reloads.
	thresholdSet bool
	versions     Versions
	// evaluation names the embedded evaluation data in use (list sources
	// and geo databases), with their dates; empty when none.
	evaluation []string
	// staleness inputs
	listSources []lists.SourceInfo
	geoDBs      []geoloc.DBInfo
	// geoGen is the generation of geo's databases that geoDBs, versions
	// and evaluation describe (see Screener.current).
	geoGen uint64
	// entryIDs caches the facts of the entries of lists that Screen has
	// matched (see world.entryFacts); it is replaced with the lists.
	entryIDs *sync.Map
	// places caches the policy's answers for places (see placeCache).
	places *placeCache
	// licenses caches license determinations (see licenseCache).
	licenses *licenseCache
	// names caches name-search results (see name_cache.go); nil for none.
	names     *nameCache
	namesSize int
}

// New builds a Screener. With no options it runs on the embedded defaults:
// rules.Default(), the embedded evaluation list snapshot and the embedded
// country database. It logs once when it runs on evaluation data.
func New(ctx context.Context, opts ...Option) (*Screener, error) {
	var c config
	for _, o := range opts {
		o(&c)
	}
	s := &Screener{store: c.store, logger: c.logger, now: c.now, asOf: c.asOf}
	if s.store == nil {
		s.store = NewMemoryStore()
	}
	if s.logger == nil {
		s.logger = slog.Default()
	}
	if s.now == nil {
		s.now = time.Now
	}
	w, err := buildWorld(ctx, nil, &c)
	if err != nil {
		return nil, err
	}
	s.world.Store(w)
	if len(w.evaluation) > 0 {
		s.logger.Warn("exportguard runs on embedded evaluation data; load current lists and geolocation databases for production use",
			"evaluation_data", w.evaluation)
	}
	return s, nil
}

// Reload swaps in new data: only what the options name changes, the rest is
// kept. The new world is built completely (including the name index) before
// the swap; screenings in flight finish on the old one. On error nothing
// changes. Reload applies the data options (WithPolicy, WithItemRules,
// WithLists, WithLocator, WithoutLocator, WithOwnership,
// WithLocationRegions, WithThreshold); WithSuppressions, WithLogger,
// WithClock and WithAsOf are fixed by New and ignored here.
func (s *Screener) Reload(ctx context.Context, opts ...Option) error {
	s.reloadMu.Lock()
	defer s.reloadMu.Unlock()
	var c config
	for _, o := range opts {
		o(&c)
	}
	w, err := buildWorld(ctx, s.world.Load(), &c)
	if err != nil {
		return err
	}
	s.world.Store(w)
	return nil
}

// Versions returns the versions of the data in use now.
func (s *Screener) Versions() Versions {
	w, view := s.current()
	if view != nil {
		view.Close()
	}
	return w.versions
}

// current returns the world to screen on and a View pinning its
// geolocation databases (nil without a Locator, or if it was closed). The
// Locator can be reloaded on its own (geoloc.Locator.Reload, as a sign-up
// gate sharing it does); when its generation has moved on, the world's
// description of the databases (versions, evaluation notice, staleness
// inputs) is rebuilt from the View, so a decision names the databases its
// locations came from, and the updated world is stored for the next call.
func (s *Screener) current() (*world, *geoloc.View) {
	w := s.world.Load()
	if w.geo == nil {
		return w, nil
	}
	view, err := w.geo.View()
	if err != nil {
		return w, nil
	}
	if view.Generation() == w.geoGen {
		return w, view
	}
	nw := *w
	nw.describeWith(view)
	s.world.CompareAndSwap(w, &nw)
	return &nw, view
}

// Policy returns the policy in use now.
func (s *Screener) Policy() *rules.Policy { return s.world.Load().policy }

// Lists returns the list snapshot in use now.
func (s *Screener) Lists() *lists.Snapshot { return s.world.Load().lists }

// Suppress records a reviewer's decision about a match in a Decision, so the
// same party is not flagged for the same, unchanged entry again.
func (s *Screener) Suppress(ctx context.Context, m MatchRecord, kind, reason, reviewer string, expires time.Time) error {
	sup := Suppression{
		Party: PartyKey(m.Party), PartyName: m.Party, EntryKey: m.EntryKey().String(), EntryHash: m.EntryHash,
		Kind: kind, Reason: reason, Reviewer: reviewer, Created: s.now().UTC(), Expires: expires,
	}
	return s.store.Add(ctx, sup)
}

// PartyKey is the key of a party's name that keys suppressions: the
// current version of partykey.Scheme (see Suppression for versions).
func PartyKey(name string) string { return partykey.Text(name) }

// buildWorld makes the world that c describes. With old nil it starts from
// the embedded defaults; otherwise it starts from old (a Reload) and
// replaces only what c sets. Every world gets its own caches.
func buildWorld(ctx context.Context, old *world, c *config) (*world, error) {
	w := &world{}
	if old != nil {
		*w = *old
	}
	if err := w.setRules(ctx, old, c); err != nil {
		return nil, err
	}
	// The embedded country database is decompressed while the lists and
	// their index load: on two cores the embedded screener is ready in
	// the time of the longer of the two.
	var embeddedGeo func() (*geoloc.Locator, error)
	if old == nil && !c.noLocator && c.locator == nil {
		embeddedGeo = sync.OnceValues(geoloc.Default)
		go embeddedGeo()
	}
	rebuildIndex, err := w.setLists(old, c)
	if err != nil {
		return nil, err
	}
	if rebuildIndex {
		if err := w.buildIndex(ctx, c); err != nil {
			return nil, err
		}
	}
	if err := w.setLocator(old, c, embeddedGeo); err != nil {
		return nil, err
	}
	if c.owners != nil {
		w.owners = c.owners
	}
	if c.locRegions != nil {
		w.locRegions = c.locRegions
	}
	if c.locVerifiers != nil {
		w.locVerifiers = c.locVerifiers
	}
	// Place answers depend on the policy; ownership results on the lists,
	// the threshold and the policy: every world gets its own caches.
	w.places = &placeCache{}
	w.licenses = &licenseCache{}
	if err := w.startNameCache(old == nil, c.nameCache); err != nil {
		return nil, err
	}
	w.ownCache = &ownershipCache{by: map[time.Time]*ownership.Result{}}
	if err := w.setThreshold(c); err != nil {
		return nil, err
	}
	w.band = newStrengthRules(w.policy.MatchStrength())
	w.describe()
	return w, nil
}

// setRules sets the policy and its item rules: c's, or the embedded
// defaults for a new world. A new policy without explicit item rules
// brings the item rules it names.
func (w *world) setRules(ctx context.Context, old *world, c *config) error {
	switch {
	case c.policy != nil:
		w.policy = c.policy
	case old == nil:
		w.policy = rules.Default()
	}
	switch {
	case c.itemRules != nil:
		w.itemRules = c.itemRules
	case c.policy != nil || old == nil:
		ir, err := itemRulesFor(ctx, w.policy)
		if err != nil {
			return err
		}
		w.itemRules = ir
	}
	return nil
}

// setLists sets the list snapshot: c's, none for WithLists(nil), or the
// embedded snapshot for a new world. It refuses new lists that shrank more
// than WithMaxShrink allows, and reports whether the name index must be
// rebuilt.
func (w *world) setLists(old *world, c *config) (rebuildIndex bool, err error) {
	switch {
	case c.lists != nil:
		w.lists, rebuildIndex = c.lists, true
	case c.listsSet:
		// WithLists(nil): the caller has no lists. Screen with none, so
		// every decision says data.missing; never the evaluation data.
		empty, err := lists.NewSnapshot()
		if err != nil {
			return false, err
		}
		w.lists, rebuildIndex = empty, true
	case old == nil:
		snap, err := lists.Default()
		if err != nil {
			return false, fmt.Errorf("embedded list snapshot: %w", err)
		}
		w.lists, rebuildIndex = snap, true
	}
	if c.maxShrink != nil && old != nil && c.listsSet {
		if err := lists.CheckShrink(old.lists, w.lists, *c.maxShrink); err != nil {
			return false, fmt.Errorf("new lists refused: %w", err)
		}
	}
	return rebuildIndex, nil
}

// buildIndex builds the name index of w's lists and empties the entry
// key cache that belongs to them.
func (w *world) buildIndex(ctx context.Context, c *config) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	var iopts []match.IndexOption
	if c.logger != nil {
		iopts = append(iopts, match.WithIndexLogger(c.logger))
	}
	w.index = match.NewIndex(w.lists.Entries(), iopts...)
	w.entryIDs = &sync.Map{}
	return nil
}

// setLocator sets the geolocation locator: none for WithoutLocator, c's,
// or the embedded one (embeddedGeo, started earlier) for a new world.
func (w *world) setLocator(old *world, c *config, embeddedGeo func() (*geoloc.Locator, error)) error {
	switch {
	case c.noLocator:
		w.geo = nil
	case c.locator != nil:
		w.geo = c.locator
	case old == nil:
		l, err := embeddedGeo()
		if err != nil {
			return fmt.Errorf("embedded geolocation database: %w", err)
		}
		w.geo = l
	}
	return nil
}

// setThreshold sets the match threshold: an explicit WithThreshold (kept
// across reloads), else the policy's.
func (w *world) setThreshold(c *config) error {
	if c.threshold != 0 {
		if !(c.threshold > 0 && c.threshold <= 1) {
			return fmt.Errorf("match threshold %v: want a number in (0, 1]", c.threshold)
		}
		w.threshold, w.thresholdSet = c.threshold, true
	} else if !w.thresholdSet {
		w.threshold = w.policy.MatchThreshold()
	}
	return nil
}

// entryFacts is what the decisions say of a list entry that never
// changes: its key and content hash, its evidence values boxed once (an
// interface value of a string costs an allocation each time it is made),
// and its list's citation.
type entryFacts struct {
	key, hash string
	// id, name and source are the entry's ID, name and list as evidence
	// values; license, policy and register its license requirement,
	// license policy and Federal Register citation, nil when it has none.
	id, name, source          any
	license, policy, register any
	// listed counts the entry's listing facts the evidence of a hit holds
	// (see entryEvidence).
	listed int
	cite   string
	// norms are the entry's name and then each alias normalised
	// (match.Normalize), for the exact-name check of every hit.
	norms []string
}

// isNormalized reports whether name, the entry's name or an alias as a
// hit gives it, normalises to norm: match.NormalizedEqual, from the
// entry's normalised names when name is one of them.
func (f *entryFacts) isNormalized(e *lists.Entry, norm, name string) bool {
	if name == e.Name {
		return f.norms[0] == norm
	}
	for i, a := range e.Aliases {
		if a.Name == name {
			return f.norms[i+1] == norm
		}
	}
	return match.NormalizedEqual(norm, name)
}

// entryFacts returns e's facts, made once per entry of the world's lists:
// a hash encodes the whole entry and runs SHA-256, and the same entries
// match request after request.
func (w *world) entryFacts(e *lists.Entry) *entryFacts {
	if f, ok := w.entryIDs.Load(e); ok {
		return f.(*entryFacts)
	}
	f := &entryFacts{key: e.Key(), hash: e.Hash(), id: e.ID, name: e.Name, source: string(e.Source),
		cite: listCitation(string(e.Source))}
	box := func(s string) any {
		if s == "" {
			return nil
		}
		f.listed++
		return s
	}
	f.license, f.policy, f.register = box(e.LicenseRequirement), box(e.LicensePolicy), box(e.FederalRegister)
	if len(e.Footnotes) > 0 {
		f.listed++
	}
	f.norms = make([]string, 1+len(e.Aliases))
	f.norms[0] = match.Normalize(e.Name)
	for i, a := range e.Aliases {
		f.norms[i+1] = match.Normalize(a.Name)
	}
	w.entryIDs.Store(e, f)
	return f
}

func itemRulesFor(ctx context.Context, p *rules.Policy) (*rules.ItemRules, error) {
	path := p.ItemRulesFile()
	if path == "" {
		return rules.DefaultItemRules(), nil
	}
	ir, err := rules.LoadItemRules(ctx, path)
	if err != nil {
		return nil, fmt.Errorf("policy %s: %w", p.Name(), err)
	}
	return ir, nil
}

// describe fills the versions and the evaluation-data summary.
func (w *world) describe() {
	var view *geoloc.View
	if w.geo != nil {
		view, _ = w.geo.View() // nil if the Locator is closed
	}
	w.describeWith(view)
	if view != nil {
		view.Close()
	}
}

// describeWith fills the versions and the evaluation-data summary, taking
// the geolocation databases from view (none if nil).
func (w *world) describeWith(view *geoloc.View) {
	v := Versions{Library: Version, Policy: w.policy.Version(), Lists: []ListVersion{}, GeoDBs: []GeoVersion{}}
	if t := w.policy.AsOf(); !t.IsZero() {
		v.PolicyAsOf = t.Format(time.DateOnly)
	}
	w.evaluation = nil
	w.listSources = w.lists.Sources()
	for _, si := range w.listSources {
		v.Lists = append(v.Lists, ListVersion{
			Source: string(si.Source), AsOf: dateOrEmpty(si.AsOf), AsOfFrom: string(si.AsOfFrom), FetchedAt: dateOrEmpty(si.FetchedAt), Checksum: si.Checksum,
			Entries: si.Count, Evaluation: si.Evaluation,
		})
		if si.Evaluation {
			e := fmt.Sprintf("list %s as of %s", si.Source, dateOrEmpty(si.AsOf))
			if si.Note != "" {
				e += " (" + si.Note + ")"
			}
			w.evaluation = append(w.evaluation, e)
		}
	}
	w.geoDBs, w.geoGen = nil, 0
	if view != nil {
		w.geoDBs, w.geoGen = view.Databases(), view.Generation()
		for _, db := range w.geoDBs {
			v.GeoDBs = append(v.GeoDBs, GeoVersion{Name: db.Name, Type: db.Type, BuildDate: dateOrEmpty(db.BuildTime), Embedded: db.Embedded})
			if db.Embedded {
				w.evaluation = append(w.evaluation, fmt.Sprintf("geo database %s built %s", db.Name, dateOrEmpty(db.BuildTime)))
			}
		}
	}
	w.versions = v
}

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.DateOnly)
}

// RequestError is a request field that could not be read or is missing:
// one input.invalid reason of a Decision (see Decision.InputErrors).
type RequestError struct {
	Field string // e.g. "parties[1].country", "ips[0]", "date"; "request" for the request as a whole
	Value string
	Msg   string
}

func (e *RequestError) Error() string {
	return fmt.Sprintf("field %s: %s %q", e.Field, e.Msg, e.Value)
}

// Screen screens one request against the data in use now. The decision is
// deterministic: the same request on the same data gives the same bytes but
// for ScreenedAt.
//
// Screen returns an error only when it could not decide: the context was
// cancelled or its deadline passed. Bad or missing input is never an error:
// it is an input.invalid reason (outcome review at least, fail closed)
// inside the decision, one per field, which Decision.InputErrors lists.
// A request with nothing to screen (no party name, destination, IP or
// item) and a party without a name are such input.
func (s *Screener) Screen(ctx context.Context, req Request) (Decision, error) {
	if err := ctx.Err(); err != nil {
		return Decision{}, err
	}
	if s.world.Load() == nil {
		return Decision{}, errors.New("screening: Screener not built with New")
	}
	w, view := s.current()
	if view != nil {
		defer view.Close()
	}
	now := s.now()
	sc := newScreening(s, w, view, &req, now)
	defer sc.release()
	sc.run(ctx)
	if err := ctx.Err(); err != nil {
		return Decision{}, err
	}
	d := sc.decision()
	d.ScreenedAt = now.UTC()
	return d, nil
}
