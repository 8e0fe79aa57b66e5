package screening

import (
	"math"
	"slices"
	"time"

	"github.com/exportguard/exportguard/rules"
)

// licenseCache remembers license determinations, and the parts of an item
// record made from them, for items described by single values (an ECCN,
// a TPP, a die area, a datacenter flag: every item of a CSV book). A batch
// ships the same few chips to the same few places on one date over and
// over; a determination depends only on the query, the item rules and the
// policy's country groups, which a world never changes (a reload builds a
// new world and a new cache). At most maxLicenses answers are kept; past
// that the rules are asked every time. Items with throughput or
// processing-unit lists, and parties in more than maxKeyHQ headquarters
// countries, are never cached.
type licenseCache struct {
	boundedCache[licenseKey, *licenseAnswer]
}

// maxLicenses bounds a licenseCache: an answer holds its steps twice (as
// the rules give them and as record texts), one to two KB, so a full cache
// is at most about 2 MB.
const maxLicenses = 1024

// maxKeyHQ bounds the headquarters countries a licenseKey holds.
const maxKeyHQ = 4

// licenseKey is everything a determination reads of a query whose item has
// single-valued parameters. Numbers are kept as their bits, so that -0 and
// 0, which a finding writes differently, are different keys.
type licenseKey struct {
	eccn                rules.ECCN
	chip, computer      bool
	datacenter          int8 // 0 not given, 1 false, 2 true
	tpp, die, hbm, dram uint64
	hbmBW, hbmArea      uint64
	designer            rules.Country
	model, hts          string
	dest                rules.Destination
	hq, behalf          [maxKeyHQ]rules.Country
	endUse              rules.EndUse
	dateSec, dateNsec   int64
	exportFrom          rules.Country
}

// licenseAnswer is a determination and the item record's parts made from
// it. Everything in it is shared by the decisions that use it: they take
// copies of its slices (see itemRecord).
type licenseAnswer struct {
	det rules.Determination
	// steps are det's steps as "rule: finding"; cites the citations of the
	// classification and the steps, each once; exceptions the names of the
	// eligible license exceptions.
	steps, cites, exceptions []string
}

// keyOf returns q's cache key, and false when q cannot be cached.
func keyOf(q *rules.LicenseQuery) (licenseKey, bool) {
	it := q.Item
	// The rules read the date's day in its own location: a key holds the
	// instant, so only UTC dates (every screening date) are cached.
	if len(q.PartyHQ) > maxKeyHQ || len(q.OnBehalfOfHQ) > maxKeyHQ || q.Date.Location() != time.UTC {
		return licenseKey{}, false
	}
	k := licenseKey{eccn: it.ECCN, computer: it.Computer, hts: it.HTSCode, dest: q.Destination, endUse: q.EndUse,
		dateSec: q.Date.Unix(), dateNsec: int64(q.Date.Nanosecond()), exportFrom: q.ExportFrom}
	copy(k.hq[:], q.PartyHQ)
	copy(k.behalf[:], q.OnBehalfOfHQ)
	if c := it.Chip; c != nil {
		if len(c.Throughputs) > 0 || len(c.ProcessingUnits) > 0 {
			return licenseKey{}, false
		}
		k.chip = true
		k.tpp, k.die, k.hbm, k.dram = math.Float64bits(c.TPP), math.Float64bits(c.DieAreaMM2), math.Float64bits(c.HBMDensity), math.Float64bits(c.DRAMBandwidthGBps)
		k.hbmBW, k.hbmArea = math.Float64bits(c.HBMBandwidthGBps), math.Float64bits(c.HBMPackageAreaMM2)
		k.designer, k.model = c.DesignerCountry, c.Model
		if c.Datacenter != nil {
			k.datacenter = 1
			if *c.Datacenter {
				k.datacenter = 2
			}
		}
	}
	return k, true
}

// determine returns the determination of q under rules ir and the groups
// of p, from the cache when q was answered before. Errors are not cached.
func (c *licenseCache) determine(ir *rules.ItemRules, p *rules.Policy, q rules.LicenseQuery) (*licenseAnswer, error) {
	k, ok := keyOf(&q)
	if c == nil || !ok {
		return newLicenseAnswer(ir, p, q)
	}
	if a, ok := c.load(k); ok {
		return a, nil
	}
	a, err := newLicenseAnswer(ir, p, q)
	if err != nil {
		return nil, err
	}
	c.store(k, a, maxLicenses)
	return a, nil
}

// newLicenseAnswer determines q.
func newLicenseAnswer(ir *rules.ItemRules, p *rules.Policy, q rules.LicenseQuery) (*licenseAnswer, error) {
	det, err := rules.DetermineLicense(ir, p, q)
	if err != nil {
		return nil, err
	}
	// The classification points at the request's datacenter flag: an
	// answer kept for later requests holds a copy of its own.
	if dc := det.Classification.Datacenter; dc != nil {
		v := *dc
		det.Classification.Datacenter = &v
	}
	a := &licenseAnswer{det: det, steps: stepTexts(det.Steps)}
	c := det.Classification
	cites := append(make([]string, 0, len(c.Citations)+len(det.Steps)), c.Citations...)
	for _, st := range det.Steps {
		cites = append(cites, st.Citation)
	}
	a.cites = dedupeOwn(cites)
	for _, e := range det.Exceptions {
		if e.Eligible {
			a.exceptions = append(a.exceptions, e.Name)
		}
	}
	return a, nil
}

// cloneOrEmpty returns a copy of s for a decision to own; an empty,
// non-nil slice for none.
func cloneOrEmpty(s []string) []string {
	if len(s) == 0 {
		return []string{}
	}
	return slices.Clone(s)
}
