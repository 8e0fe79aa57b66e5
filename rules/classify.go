package rules

import (
	"fmt"
	"math"
	"slices"
	"time"
)

// Classification is the result of classifying an Item against the
// advanced-computing entries of the Commerce Control List.
type Classification struct {
	// ECCN is the classification: 3A090.a, 4A090.b, 5A992.z, a declared ECCN,
	// or the zero ECCN when the item meets no advanced-computing parameters
	// and no ECCN was declared (it then still needs classifying elsewhere).
	ECCN ECCN `json:"eccn,omitzero"`
	// Paragraph is ECCN's paragraph ("a", "b", "c", "z"), or "".
	Paragraph string `json:"paragraph,omitempty"`
	// Meets is the 3A090/4A090 paragraph whose parameters the item meets:
	// the same as ECCN for 3A090/4A090 items, 3A090.a for a 5A992.z item
	// containing a 3A090.a chip, zero when none.
	Meets ECCN `json:"meets,omitzero"`
	// TPP is the total processing performance used, PerformanceDensity is
	// TPP per mm² of applicable die area (0 when no die area was given), and
	// MemoryBandwidthDensity is an HBM item's GB/s per mm².
	TPP                    float64 `json:"tpp,omitempty"`
	PerformanceDensity     float64 `json:"performance_density,omitempty"`
	MemoryBandwidthDensity float64 `json:"memory_bandwidth_density,omitempty"`
	// Datacenter is the item's "designed or marketed for use in a datacenter"
	// attribute as given (nil: unknown, treated as true).
	Datacenter *bool `json:"datacenter,omitempty"`
	// Notes explain how the result was reached: conversions, Note 2,
	// conflicts with a declared ECCN.
	Notes []string `json:"notes,omitempty"`
	// Citations are the regulations the result rests on.
	Citations []string `json:"citations,omitempty"`
}

// AdvancedComputing reports whether the item is a 3A090, 4A090 or .z item.
func (c Classification) AdvancedComputing() bool { return c.Meets.IsValid() }

// datacenter reports the fail-closed datacenter attribute.
func (c Classification) datacenter() bool { return c.Datacenter == nil || *c.Datacenter }

// ClassifyItem classifies it with the default rule data as of the data's
// AsOf date (so the result does not depend on the clock). Use
// (*ItemRules).Classify to classify as of another date.
func ClassifyItem(it Item) (Classification, error) {
	r := DefaultItemRules()
	return r.Classify(it, r.AsOf())
}

var (
	eccn3A090 = MustParseECCN("3A090")
	eccn4A090 = MustParseECCN("4A090")
)

// rank orders advanced-computing paragraphs by how much they control.
func rank(e ECCN) int {
	if e.Base() != eccn3A090 && e.Base() != eccn4A090 {
		return 0
	}
	switch e.Paragraph() {
	case "a":
		return 3
	case "b":
		return 2
	case "c":
		return 1
	}
	return 0
}

// paragraph returns the paragraph rule for e, if the data defines one.
func (r *ItemRules) paragraph(e ECCN) (*paragraphRule, bool) {
	for i := range r.paragraphs {
		if r.paragraphs[i].eccn == e {
			return &r.paragraphs[i], true
		}
	}
	return nil, false
}

// Classify classifies it under the rules in force on date.
//
// Chip parameters decide 3A090.a/.b (TPP and performance density, with Note
// 2 for parts not designed or marketed for datacenters), 3A090.c (HBM
// memory bandwidth density), and 4A090 for computers. A declared ECCN of one
// of the .z-capable entries becomes its .z paragraph when the parameters are
// met. A declared advanced-computing ECCN that controls more than the
// parameters show is kept (fail closed) with a note. Invalid or missing
// parameters give an *ItemError naming the field.
func (r *ItemRules) Classify(it Item, date time.Time) (Classification, error) {
	t, err := r.checkDate(date)
	if err != nil {
		return Classification{}, err
	}
	var c Classification
	if it.Chip == nil && !it.ECCN.IsValid() {
		return c, &ItemError{it.ID, "Chip", "", "need chip parameters or a declared ECCN"}
	}
	if err := r.checkDeclared(it, t); err != nil {
		return c, err
	}
	var meets ECCN
	if it.Chip != nil {
		if meets, err = r.measure(it, t, &c); err != nil {
			return Classification{}, err
		}
	}
	d := it.ECCN
	if (d.Base() == eccn3A090 || d.Base() == eccn4A090) && d.Paragraph() == "" && !meets.IsValid() {
		// A bare "3A090" the parameters do not confirm: keep it as its most
		// controlled paragraph rather than drop it (fail closed).
		d, _ = d.WithParagraph("a")
		c.Notes = append(c.Notes, fmt.Sprintf("declared %s without a paragraph and the parameters meet none; treated as %s (fail closed)", it.ECCN, d))
	}
	r.settle(it, d, meets, t, &c)
	c.Paragraph = c.ECCN.Paragraph()
	return c, nil
}

// settle decides c's ECCN from the declared ECCN d (its paragraph made
// explicit) and the paragraph meets that the parameters meet, with the
// notes and citations that say why.
func (r *ItemRules) settle(it Item, d, meets ECCN, t time.Time, c *Classification) {
	switch {
	case d.IsValid() && r.zCapable(d.Base(), t):
		r.settleZ(it, d, meets, c)
	case d.IsValid() && rank(d) > 0:
		switch {
		case it.Chip == nil:
			c.ECCN, c.Meets = d, d
			c.Notes = append(c.Notes, "classification taken from the declared ECCN; no parameters given")
		case rank(d) > rank(meets):
			c.ECCN, c.Meets = d, d
			got := "no 3A090/4A090 paragraph"
			if meets.IsValid() {
				got = meets.String()
			}
			c.Notes = append(c.Notes, fmt.Sprintf("declared %s but the parameters give %s; keeping the declared, more controlled classification (fail closed)", d, got))
		default:
			c.ECCN, c.Meets = meets, meets
			if d != meets {
				c.Notes = append(c.Notes, fmt.Sprintf("declared %s; the parameters give %s", d, meets))
			}
		}
		if p, ok := r.paragraph(c.ECCN); ok && !slices.Contains(c.Citations, p.citation) {
			c.Citations = append(c.Citations, p.citation)
		}
	case meets.IsValid():
		c.ECCN, c.Meets = meets, meets
		if d.IsValid() {
			c.Notes = append(c.Notes, fmt.Sprintf("declared %s, but the parameters meet %s, which takes precedence", d, meets))
		}
	case d.IsValid():
		c.ECCN = d
		if p, ok := r.paragraph(d); ok {
			c.Citations = append(c.Citations, p.citation)
			if ok, why := p.status(t); !ok {
				c.Notes = append(c.Notes, fmt.Sprintf("%s: %s", d, why))
			}
		}
	default:
		c.Notes = append(c.Notes, "meets no 3A090/4A090 parameters; classify it under another ECCN or EAR99 before relying on this result")
	}
}

// settleZ classifies an item declared under an entry with a .z paragraph
// in force: .z when the parameters meet 3A090/4A090, the declared ECCN
// otherwise (a declared .z treated as meeting 3A090.a or 4A090.a).
func (r *ItemRules) settleZ(it Item, d, meets ECCN, c *Classification) {
	if meets.IsValid() {
		c.ECCN, _ = d.WithParagraph("z")
		c.Meets = meets
		if d != c.ECCN {
			c.Notes = append(c.Notes, fmt.Sprintf("declared %s; the item meets the %s parameters, so it is %s", d, meets, c.ECCN))
		}
		c.Citations = append(c.Citations, r.z.citation)
		return
	}
	c.ECCN = d
	if d.IsZ() {
		c.Meets = MustParseECCN("3A090.a")
		if it.Computer {
			c.Meets = MustParseECCN("4A090.a")
		}
		if it.Chip != nil {
			c.Notes = append(c.Notes, fmt.Sprintf("declared %s but the parameters given meet no 3A090/4A090 paragraph; keeping the declared .z classification and treating it as meeting %s (fail closed)", d, c.Meets))
		} else {
			c.Notes = append(c.Notes, fmt.Sprintf("declared %s without parameters; treated as meeting %s (fail closed)", d, c.Meets))
		}
		c.Citations = append(c.Citations, r.z.citation)
	}
}

// zCapable reports whether base has a .z paragraph on day t.
func (r *ItemRules) zCapable(base ECCN, t time.Time) bool {
	ok := r.z.inForce(t)
	return ok && slices.Contains(r.z.eccns, base)
}

// checkDeclared rejects declared ECCNs that name advanced-computing
// paragraphs which do not exist (3A090.d, 4A090.c, 3A002.z) or did not exist
// on day t.
func (r *ItemRules) checkDeclared(it Item, t time.Time) error {
	d := it.ECCN
	if !d.IsValid() {
		return nil
	}
	if d.IsZ() {
		if !slices.Contains(r.z.eccns, d.Base()) {
			return &ItemError{it.ID, "ECCN", d.String(), fmt.Sprintf("no .z paragraph exists for %s (only for %v)", d.Base(), eccnList(r.z.eccns))}
		}
		if ok, why := r.z.status(t); !ok {
			return &ItemError{it.ID, "ECCN", d.String(), ".z paragraphs " + why}
		}
		return nil
	}
	p, known := r.paragraph(d)
	if d.Base() == eccn3A090 || d.Base() == eccn4A090 {
		if d.Paragraph() == "" {
			if it.Chip == nil {
				return &ItemError{it.ID, "ECCN", d.String(), "declare the paragraph (for example " + d.String() + ".a) or give chip parameters"}
			}
			return nil
		}
		if !known {
			return &ItemError{it.ID, "ECCN", d.String(), "unknown paragraph of " + d.Base().String()}
		}
	}
	if known {
		if !p.effective.IsZero() && t.Before(p.effective) {
			return &ItemError{it.ID, "ECCN", d.String(), "not in effect on " + ymd(t) + " (effective " + ymd(p.effective) + ")"}
		}
	}
	return nil
}

func eccnList(es []ECCN) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.String()
	}
	return out
}

// measure validates the chip parameters, fills TPP and densities into c, and
// returns the 3A090/4A090 paragraph the parameters meet on day t (zero if
// none).
func (r *ItemRules) measure(it Item, t time.Time, c *Classification) (ECCN, error) {
	chip := it.Chip
	if err := chip.validate(it.ID); err != nil {
		return ECCN{}, err
	}
	if !chip.hasCompute() && !chip.hasHBM() {
		return ECCN{}, &ItemError{it.ID, "Chip", "", "no parameters: give Throughputs or TPP for a processor, HBM bandwidth and area (or HBMDensity) for a memory stack"}
	}
	c.Datacenter = chip.Datacenter
	var meets ECCN
	var err error
	if chip.hasCompute() {
		meets, err = r.measureCompute(it, t, c)
	} else {
		meets, err = r.measureHBM(it, t, c)
	}
	if err != nil {
		return ECCN{}, err
	}
	if it.Computer && meets.IsValid() {
		meets = r.computerOf(meets, t, c)
	}
	return meets, nil
}

// measureCompute fills TPP and performance density into c and returns the
// 3A090 paragraph a processor meets on day t (zero if none).
func (r *ItemRules) measureCompute(it Item, t time.Time, c *Classification) (ECCN, error) {
	chip := it.Chip
	var meets ECCN
	tpp, notes := chip.tpp()
	c.TPP = tpp
	c.Notes = append(c.Notes, notes...)
	if math.IsInf(tpp, 0) || math.IsNaN(tpp) {
		return ECCN{}, &ItemError{it.ID, "Chip.Throughputs", "", "TPP out of range (TOPS × BitLength overflows)"}
	}
	if chip.DieAreaMM2 > 0 {
		c.PerformanceDensity = round6(tpp / chip.DieAreaMM2)
		if math.IsInf(c.PerformanceDensity, 0) || math.IsNaN(c.PerformanceDensity) {
			return ECCN{}, &ItemError{it.ID, "Chip.DieAreaMM2", fmtFloat(chip.DieAreaMM2), "performance density out of range"}
		}
	}
	if chip.Datacenter == nil {
		c.Notes = append(c.Notes, "datacenter design/marketing not stated; treated as designed for datacenters (fail closed)")
	}
	note2 := r.note2.inForce(t)
	if note2 && !c.datacenter() && tpp < r.note2.tppBelow {
		c.Notes = append(c.Notes, fmt.Sprintf("Note 2 to 3A090: not designed or marketed for datacenters and TPP %s < %s, so outside 3A090", fmtFloat(tpp), fmtFloat(r.note2.tppBelow)))
		c.Citations = append(c.Citations, r.note2.citation)
	} else {
		m, err := r.matchIC(it, t, c)
		if err != nil {
			return ECCN{}, err
		}
		meets = m
	}
	if chip.hasHBM() {
		c.Notes = append(c.Notes, "HBM parameters describe a memory item; a processor is classified by its processing parameters (3A090.c applies to the memory stack itself)")
	}
	return meets, nil
}

// measureHBM fills the memory bandwidth density into c and returns the
// 3A090.c paragraph a memory stack meets on day t (zero if none).
func (r *ItemRules) measureHBM(it Item, t time.Time, c *Classification) (ECCN, error) {
	chip := it.Chip
	var meets ECCN
	dens, err := chip.hbmDensity(it.ID)
	if err != nil {
		return ECCN{}, err
	}
	if math.IsInf(dens, 0) || math.IsNaN(dens) {
		return ECCN{}, &ItemError{it.ID, "Chip.HBMPackageAreaMM2", fmtFloat(chip.HBMPackageAreaMM2), "memory bandwidth density out of range"}
	}
	c.MemoryBandwidthDensity = dens
	for i := range r.paragraphs {
		p := &r.paragraphs[i]
		if p.kind != "hbm" {
			continue
		}
		if ok, why := p.status(t); !ok {
			c.Notes = append(c.Notes, fmt.Sprintf("%s %s", p.eccn, why))
			continue
		}
		if dens > p.hbmAbove {
			meets = p.eccn
			c.Citations = append(c.Citations, p.citation)
			c.Notes = append(c.Notes, fmt.Sprintf("memory bandwidth density %s GB/s/mm² > %s", fmtFloat(dens), fmtFloat(p.hbmAbove)))
			break
		}
		c.Notes = append(c.Notes, fmt.Sprintf("memory bandwidth density %s GB/s/mm² is not above %s: outside %s", fmtFloat(dens), fmtFloat(p.hbmAbove), p.eccn))
	}
	return meets, nil
}

// computerOf is the 4A090 paragraph of a computer containing items that
// meet meets, in force on day t (zero if none).
func (r *ItemRules) computerOf(meets ECCN, t time.Time, c *Classification) ECCN {
	var computer ECCN
	for i := range r.paragraphs {
		p := &r.paragraphs[i]
		if p.kind == "computer" && p.contains == meets {
			if p.inForce(t) {
				computer = p.eccn
				c.Citations = append(c.Citations, p.citation)
			}
		}
	}
	if !computer.IsValid() {
		c.Notes = append(c.Notes, fmt.Sprintf("a computer containing %s items is not a 4A090 item", meets))
	}
	return computer
}

// byRankDesc orders paragraph rules strongest first.
func byRankDesc(a, b *paragraphRule) int { return rank(b.eccn) - rank(a.eccn) }

// matchIC applies the 3A090 processor paragraphs in force on day t, strongest
// first. It needs the die area only when the TPP alone does not decide.
func (r *ItemRules) matchIC(it Item, t time.Time, c *Classification) (ECCN, error) {
	tpp := c.TPP
	var buf [8]*paragraphRule
	ics := buf[:0]
	for i := range r.paragraphs {
		if p := &r.paragraphs[i]; p.kind == "ic" {
			if p.inForce(t) {
				ics = append(ics, p)
			}
		}
	}
	slices.SortFunc(ics, byRankDesc)
	for _, p := range ics {
		for _, cl := range p.anyOf {
			if tpp < cl.tppMin || (cl.tppBelow > 0 && tpp >= cl.tppBelow) {
				continue
			}
			if cl.densityMin == 0 && cl.densityBelow == 0 {
				var nb [64]byte
				b := appendFloat(append(append(nb[:0], p.eccn.String()...), ": TPP "...), tpp)
				c.Notes = append(c.Notes, string(appendFloat(append(b, " ≥ "...), cl.tppMin)))
				c.Citations = append(c.Citations, p.citation)
				return p.eccn, nil
			}
			if it.Chip.DieAreaMM2 == 0 {
				return ECCN{}, &ItemError{it.ID, "Chip.DieAreaMM2", "", fmt.Sprintf("needed: with TPP %s the performance density decides %s", fmtFloat(tpp), p.eccn)}
			}
			pd := c.PerformanceDensity
			if pd < cl.densityMin || (cl.densityBelow > 0 && pd >= cl.densityBelow) {
				continue
			}
			c.Notes = append(c.Notes, fmt.Sprintf("%s: TPP %s and performance density %s", p.eccn, fmtFloat(tpp), fmtFloat(pd)))
			c.Citations = append(c.Citations, p.citation)
			return p.eccn, nil
		}
	}
	c.Notes = append(c.Notes, fmt.Sprintf("TPP %s and performance density %s meet no 3A090 paragraph", fmtFloat(tpp), fmtFloat(c.PerformanceDensity)))
	return ECCN{}, nil
}
