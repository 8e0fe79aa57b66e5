package screening

import (
	"crypto/ed25519"
	"log/slog"
	"time"

	"github.com/exportguard/exportguard/geoloc"
	"github.com/exportguard/exportguard/geoloc/verify"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/ownership"
)

// Option configures a Screener (New) or the data swapped in by Reload.
type Option func(*config)

type config struct {
	policy     *rules.Policy
	itemRules  *rules.ItemRules
	lists      *lists.Snapshot
	listsSet   bool // WithLists was given, possibly with nil
	maxShrink  *float64
	locator    *geoloc.Locator
	noLocator  bool
	store      SuppressionStore
	logger     *slog.Logger
	now        func() time.Time
	threshold  float64
	asOf       time.Time
	owners     *ownership.Graph
	locRegions []*verify.Region
	nameCache  *int // WithNameCache; nil keeps the size in use
	// locVerifiers are the trusted signers of location verdict records.
	locVerifiers map[string]ed25519.PublicKey
}

// WithPolicy sets the policy. Without it the embedded rules.Default() is used.
func WithPolicy(p *rules.Policy) Option { return func(c *config) { c.policy = p } }

// WithItemRules sets the AI-chip rule data, overriding the policy's
// item_rules file and the embedded default.
func WithItemRules(r *rules.ItemRules) Option { return func(c *config) { c.itemRules = r } }

// WithLists sets the restricted-party list snapshot. Without it the embedded
// evaluation snapshot (lists.Default) is used, and every decision says so.
// A nil snapshot (what a rejected first lists.Updater.Update returns) means
// no lists: every decision is held for review with data.missing. It never
// falls back to the evaluation snapshot.
func WithLists(s *lists.Snapshot) Option { return func(c *config) { c.lists, c.listsSet = s, true } }

// WithMaxListShrink makes Reload refuse lists (WithLists) that lose more
// than the fraction f of any source in use, or drop a source, compared
// with the lists in use (lists.CheckShrink; the embedded evaluation data
// is not compared). The error wraps lists.ErrShrink and nothing changes.
// Give it with each Reload that should be gated; New ignores it.
func WithMaxListShrink(f float64) Option { return func(c *config) { c.maxShrink = &f } }

// WithLocator sets the IP geolocation databases. Without it the embedded
// country database (geoloc.Default) is used, and every decision says so.
// The Screener does not close l; its owner does, after the Screener stops
// using it.
func WithLocator(l *geoloc.Locator) Option {
	return func(c *config) { c.locator, c.noLocator = l, false }
}

// WithoutLocator runs without any geolocation database: a request that
// carries an IP then gets a data.missing reason (fail closed).
func WithoutLocator() Option { return func(c *config) { c.locator, c.noLocator = nil, true } }

// WithSuppressions sets where reviewer records are kept. Without it an
// in-memory store is used.
func WithSuppressions(s SuppressionStore) Option { return func(c *config) { c.store = s } }

// WithLogger sets the logger (default slog.Default()).
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithClock sets the clock used for ScreenedAt, data ages and suppression
// expiry (default time.Now).
func WithClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// WithThreshold overrides the policy's name-match threshold, in (0, 1].
func WithThreshold(t float64) Option { return func(c *config) { c.threshold = t } }

// WithAsOf sets the as-of date for requests that carry none (default: the
// screening day).
func WithAsOf(date time.Time) Option { return func(c *config) { c.asOf = date } }

// WithNameCache sets how many prepared name searches the Screener keeps
// (default DefaultNameCacheSize; 0 keeps none). Order books repeat their
// parties, and a repeated name (with the same threshold and the same kinds
// of details given) is then not searched again: the cache keeps the
// index's first stage (match.Prepared) and applies each call's type,
// country, date of birth and identifiers to it. List dates, reviewers'
// records and match strength are judged on every call, so decisions are
// the same with and without it. The entries belong to one list snapshot,
// policy threshold and index: a Reload starts an empty cache. An entry
// takes about 1.3 KB (DefaultNameCacheSize says what was measured). Given
// to Reload, it sets the size of the new cache; a negative size is an error.
func WithNameCache(entries int) Option { return func(c *config) { c.nameCache = &entries } }
