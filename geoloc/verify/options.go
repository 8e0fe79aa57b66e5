package verify

import (
	"fmt"
	"math"
)

// Physical constants.
const (
	// SpeedOfLightKMPerMS is c in vacuum, in km per millisecond: the default
	// propagation speed, which makes every exclusion sound.
	SpeedOfLightKMPerMS = 299.792458
	// FibreSpeedKMPerMS is about 2/3 c, the speed of light in optical fibre.
	// Use it with [WithLikelySpeed] for an estimate, never for exclusions.
	FibreSpeedKMPerMS = SpeedOfLightKMPerMS * 2 / 3
	// EarthRadiusKM is the mean Earth radius of the spherical model.
	EarthRadiusKM = 6371.01
	// ellipsoidFactor bounds how much longer a great-circle distance on the
	// sphere of radius EarthRadiusKM can be than the WGS84 geodesic between
	// the same coordinates (about 0.56 % along meridians near the equator).
	ellipsoidFactor = 1.006
	// padKM absorbs floating-point and cell-geometry error.
	padKM = 0.5
)

// Defaults of the evidence thresholds.
const (
	DefaultMinLandmarks = 2
	DefaultMaxDiscKM    = 2500
)

type config struct {
	speed        float64
	likelySpeed  float64
	processingMS float64
	regions      map[string]*Region
	noEmbedded   bool
	minLandmarks int
	maxDiscKM    float64
	acceptUnsign bool
	maxCells     int
	err          error
}

// Option configures [Verify].
type Option func(*config)

func defaultConfig() config {
	return config{speed: SpeedOfLightKMPerMS, minLandmarks: DefaultMinLandmarks, maxDiscKM: DefaultMaxDiscKM, maxCells: 2048}
}

func (c *config) fail(format string, args ...any) {
	if c.err == nil {
		c.err = &InputError{Field: "option", Reason: fmt.Sprintf(format, args...)}
	}
}

// WithSpeed sets the one-way propagation speed in km per ms used for the
// verdict. The default is [SpeedOfLightKMPerMS]; a lower speed makes the
// discs smaller and exclusions unsound for any path faster than it (for
// example microwave links at nearly c).
func WithSpeed(kmPerMS float64) Option {
	return func(c *config) { c.setSpeed(&c.speed, "speed", kmPerMS) }
}

// WithLikelySpeed also computes a "likely region" at a calibrated lower
// speed (for example [FibreSpeedKMPerMS] or a fitted figure) and reports it
// in [RegionResult.Likely] and [Result.LikelyAreaKM2]. It never changes the
// verdict.
func WithLikelySpeed(kmPerMS float64) Option {
	return func(c *config) { c.setSpeed(&c.likelySpeed, "likely speed", kmPerMS) }
}

// setSpeed sets *dst to kmPerMS, which must be in (0, c]; what names the
// option in the error.
func (c *config) setSpeed(dst *float64, what string, kmPerMS float64) {
	if !(kmPerMS > 0) || kmPerMS > SpeedOfLightKMPerMS { // also rejects NaN and ±Inf
		c.fail("%s %v km/ms: must be in (0, %v]", what, kmPerMS, SpeedOfLightKMPerMS)
		return
	}
	*dst = kmPerMS
}

// WithProcessingDelay subtracts ms from every minimum RTT before it is
// turned into a distance. Supply it only when it is a proven lower bound on
// the device's processing time (for example the measured time to sign a
// challenge); otherwise exclusions may be wrong.
func WithProcessingDelay(ms float64) Option {
	return func(c *config) {
		if !(ms >= 0) || math.IsInf(ms, 0) {
			c.fail("processing delay %v ms: must be a finite value >= 0", ms)
			return
		}
		c.processingMS = ms
	}
}

// WithRegions adds regions (typically parsed with [ParseRegions]) keyed by
// their codes. They take precedence over the embedded countries with the
// same code.
func WithRegions(regions ...*Region) Option {
	return func(c *config) {
		if c.regions == nil {
			c.regions = map[string]*Region{}
		}
		for _, r := range regions {
			if r == nil {
				c.fail("nil region")
				return
			}
			c.regions[r.code] = r
		}
	}
}

// WithoutEmbeddedCountries judges only the regions given with
// [WithRegions]; countries without one are reported as not judged.
func WithoutEmbeddedCountries() Option {
	return func(c *config) { c.noEmbedded = true }
}

// WithMinLandmarks sets how many usable landmarks a verdict other than
// insufficient evidence (or contradictory) needs; the default is
// [DefaultMinLandmarks]. Region results are computed in any case.
func WithMinLandmarks(n int) Option {
	return func(c *config) {
		if n < 1 {
			c.fail("min landmarks %d: must be >= 1", n)
			return
		}
		c.minLandmarks = n
	}
}

// WithMaxDiscKM sets the radius above which even the smallest disc is too
// large to say anything: a country of concern that is merely possible then
// gives insufficient evidence rather than a concern. The default is
// [DefaultMaxDiscKM].
func WithMaxDiscKM(km float64) Option {
	return func(c *config) {
		if !(km > 0) {
			c.fail("max disc %v km: must be > 0", km)
			return
		}
		c.maxDiscKM = km
	}
}

// WithUnsignedAccepted treats unsigned replies as coming from the device.
// Use it only when the caller controls the path to the device (for example
// its own server on a known link); otherwise an unsigned reply locates some
// network endpoint, which may be a relay.
func WithUnsignedAccepted() Option {
	return func(c *config) { c.acceptUnsign = true }
}

// WithMaxCells bounds the number of s2 cells describing the feasible region
// (default 2048). More cells give tighter judgements near borders and cost
// time; verdicts stay sound at any setting.
func WithMaxCells(n int) Option {
	return func(c *config) {
		if n < 8 {
			c.fail("max cells %d: must be >= 8", n)
			return
		}
		c.maxCells = n
	}
}
