package rules

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Item is a thing to be exported: a chip, a memory stack, a computer or board
// containing chips, or any other item with a declared ECCN.
type Item struct {
	ID          string `json:"id,omitempty"`
	Description string `json:"description,omitempty"`
	// ECCN is the classification the exporter declares, if any. It is needed
	// for items outside 3A090/4A090 (for example 5A992 to decide 5A992.z, or
	// 4E091 model weights); for chips the parameters decide.
	ECCN ECCN `json:"eccn,omitzero"`
	// Chip holds the datasheet parameters of the integrated circuit (for a
	// computer: of the most capable IC it contains).
	Chip *ChipSpec `json:"chip,omitempty"`
	// Computer is true for a computer, "electronic assembly" or "component"
	// containing the ICs described by Chip; it is classified under 4A090.
	Computer bool `json:"computer,omitempty"`
	// HTSCode is the item's Harmonized Tariff Schedule (HTS) or HS code,
	// 6 to 10 digits ("8471.50", "8542310000"). 15 CFR 746.8(a) requires a
	// license to Russia and Belarus for EAR99 items listed by HTS code in
	// Supplements No. 2 and 4 to 6 to Part 746 (and 746.10 for luxury
	// goods); without it such a determination is unresolved.
	HTSCode string `json:"hts_code,omitempty"`
}

// htsDigits returns the digits of an item's HTS code written with or without
// dots and spaces (6 to 10 digits: HS subheading to US statistical suffix),
// or an error naming the field.
func htsDigits(it Item) (string, error) {
	d, ok := htsOnlyDigits(it.HTSCode)
	if !ok || len(d) < 6 || len(d) > 10 {
		return "", &ItemError{it.ID, "HTSCode", it.HTSCode, "want 6 to 10 digits, optionally with dots (8471.50.0150)"}
	}
	return d, nil
}

// htsPrefix returns the digits of an HTS chapter, heading or code as a rule
// file lists it (2 to 10 digits, dots and spaces allowed).
func htsPrefix(s string) (string, bool) {
	d, ok := htsOnlyDigits(s)
	return d, ok && len(d) >= 2 && len(d) <= 10
}

// htsOnlyDigits drops dots and spaces and reports whether only digits
// remain.
func htsOnlyDigits(s string) (string, bool) {
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			b = append(b, c)
		case c == '.' || c == ' ':
		default:
			return "", false
		}
	}
	return string(b), true
}

// ChipSpec holds the parameters that decide ECCN 3A090 and the advanced
// computing license rules, as read from a datasheet.
type ChipSpec struct {
	// TPP is the total processing performance if the caller has computed it.
	// When Throughputs are given too, the higher of the two is used.
	TPP float64 `json:"tpp,omitempty"`
	// Throughputs are peak throughput figures per operation type of an IC
	// with one processing unit; TPP is the highest TOPS × BitLength over the
	// dense figures (sparse figures are halved first).
	Throughputs []Throughput `json:"throughputs,omitempty"`
	// ProcessingUnits describe an IC with several processing units (for
	// example an NPU and a GPU on one die). The 3A090 Technical Note
	// aggregates TPP over all processing units on the IC: each unit's TPP
	// is its highest TOPS × BitLength, and the chip's TPP is their sum.
	// Give either Throughputs or ProcessingUnits.
	ProcessingUnits []ProcessingUnit `json:"processing_units,omitempty"`
	// DieAreaMM2 is the "applicable die area": the summed area in mm² of all
	// logic dies made on a non-planar transistor process (memory stacks such
	// as HBM excluded). Needed when the TPP alone does not decide.
	DieAreaMM2 float64 `json:"die_area_mm2,omitempty"`
	// Datacenter reports whether the item is designed or marketed for use in
	// a datacenter; nil means unknown and is treated as true (fail closed).
	Datacenter *bool `json:"datacenter,omitempty"`
	// HBMBandwidthGBps and HBMPackageAreaMM2 describe a high-bandwidth memory
	// stack or package sold as an item (3A090.c); HBMDensity is their
	// quotient in GB/s per mm², given directly instead of or as well as them.
	HBMBandwidthGBps  float64 `json:"hbm_bandwidth_gbps,omitempty"`
	HBMPackageAreaMM2 float64 `json:"hbm_package_area_mm2,omitempty"`
	HBMDensity        float64 `json:"hbm_density,omitempty"`
	// DRAMBandwidthGBps is a processor's total DRAM (for example HBM)
	// bandwidth; it decides the 2026 China/Macau case-by-case review lane.
	DRAMBandwidthGBps float64 `json:"dram_bandwidth_gbps,omitempty"`
	// DesignerCountry is the headquarters country of the IC's designer; it
	// decides the General Prohibition 10 warning for PRC-designed chips.
	DesignerCountry Country `json:"designer_country,omitzero"`
	// Model is the product name, such as "NVIDIA A100 SXM4 80GB".
	Model string `json:"model,omitempty"`
}

// ProcessingUnit is one processing unit of an IC (a GPU, an NPU, a CPU
// cluster, a DSP) with its peak throughput figures.
type ProcessingUnit struct {
	Name        string       `json:"name,omitempty"`
	Throughputs []Throughput `json:"throughputs"`
}

// Throughput is one peak throughput figure of a chip, as a datasheet states
// it: tera operations per second (a multiply-accumulate counts as two
// operations, as vendors count TFLOPS and TOPS) at a bit length.
type Throughput struct {
	TOPS      float64 `json:"tops"`
	BitLength int     `json:"bit_length"`
	// Sparse marks a figure quoted with structured sparsity. Sparse figures
	// do not count towards TPP; they are halved to their dense equivalent
	// (the 2:1 structured-sparsity convention vendors use) and the
	// classification notes that it did so.
	Sparse bool `json:"sparse,omitempty"`
}

// ErrInvalidItem is wrapped by every *ItemError, so callers can test with
// errors.Is.
var ErrInvalidItem = errors.New("invalid item")

// An ItemError reports an item parameter that is invalid or missing, naming
// the field (for example "Chip.DieAreaMM2" or "Chip.Throughputs[1].BitLength").
type ItemError struct {
	Item  string // Item.ID, if any
	Field string // the field at fault
	Value string // its value as given, or "" when missing
	Msg   string // what is wrong
}

func (e *ItemError) Error() string {
	where := e.Field
	if e.Item != "" {
		where = fmt.Sprintf("item %q: %s", e.Item, e.Field)
	}
	if e.Value == "" {
		return fmt.Sprintf("%s: %s", where, e.Msg)
	}
	return fmt.Sprintf("%s = %s: %s", where, e.Value, e.Msg)
}

// Unwrap lets errors.Is(err, ErrInvalidItem) succeed.
func (e *ItemError) Unwrap() error { return ErrInvalidItem }

func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// checkMeasure rejects NaN, infinities and negative values.
func checkMeasure(id, field string, v float64) error {
	switch {
	case math.IsNaN(v):
		return &ItemError{id, field, "NaN", "not a number"}
	case math.IsInf(v, 0):
		return &ItemError{id, field, fmtFloat(v), "must be finite"}
	case v < 0:
		return &ItemError{id, field, fmtFloat(v), "must not be negative"}
	}
	return nil
}

// validate checks every numeric field of c.
func (c *ChipSpec) validate(id string) error {
	for _, f := range []struct {
		name string
		v    float64
	}{
		{"Chip.TPP", c.TPP},
		{"Chip.DieAreaMM2", c.DieAreaMM2},
		{"Chip.HBMBandwidthGBps", c.HBMBandwidthGBps},
		{"Chip.HBMPackageAreaMM2", c.HBMPackageAreaMM2},
		{"Chip.HBMDensity", c.HBMDensity},
		{"Chip.DRAMBandwidthGBps", c.DRAMBandwidthGBps},
	} {
		if err := checkMeasure(id, f.name, f.v); err != nil {
			return err
		}
	}
	if len(c.Throughputs) > 0 && len(c.ProcessingUnits) > 0 {
		return &ItemError{id, "Chip.ProcessingUnits", "", "give either Throughputs (one processing unit) or ProcessingUnits, not both"}
	}
	if err := validThroughputs(id, "Chip.Throughputs", c.Throughputs); err != nil {
		return err
	}
	for i, u := range c.ProcessingUnits {
		field := fmt.Sprintf("Chip.ProcessingUnits[%d]", i)
		if len(u.Throughputs) == 0 {
			return &ItemError{id, field + ".Throughputs", "", "a processing unit needs at least one throughput figure"}
		}
		if err := validThroughputs(id, field+".Throughputs", u.Throughputs); err != nil {
			return err
		}
	}
	if (c.HBMBandwidthGBps > 0) != (c.HBMPackageAreaMM2 > 0) {
		if c.HBMBandwidthGBps > 0 {
			return &ItemError{id, "Chip.HBMPackageAreaMM2", "", "needed with Chip.HBMBandwidthGBps to compute memory bandwidth density"}
		}
		return &ItemError{id, "Chip.HBMBandwidthGBps", "", "needed with Chip.HBMPackageAreaMM2 to compute memory bandwidth density"}
	}
	return nil
}

func validThroughputs(id, field string, ts []Throughput) error {
	for i, t := range ts {
		if math.IsNaN(t.TOPS) || math.IsInf(t.TOPS, 0) || t.TOPS < 0 {
			return checkMeasure(id, fmt.Sprintf("%s[%d].TOPS", field, i), t.TOPS)
		}
		if t.BitLength <= 0 || t.BitLength > 256 {
			return &ItemError{id, fmt.Sprintf("%s[%d].BitLength", field, i), strconv.Itoa(t.BitLength), "want a bit length from 1 to 256"}
		}
	}
	return nil
}

// round6 rounds to six decimal places, so that a value a floating-point
// computation lands a hair beside a threshold (4799.999999999 for 4800)
// compares as the exact figure. Thresholds are compared after rounding.
func round6(v float64) float64 { return math.Round(v*1e6) / 1e6 }

// tpp returns the chip's total processing performance and notes on how it was
// derived: per processing unit the highest TOPS × BitLength over its dense
// figures, summed over the units (3A090 Technical Note: "aggregated over all
// processing units on the integrated circuit").
func (c *ChipSpec) tpp() (float64, []string) {
	var notes []string
	units := c.ProcessingUnits
	if len(units) == 0 && len(c.Throughputs) > 0 {
		units = []ProcessingUnit{{Throughputs: c.Throughputs}}
	}
	best, fromSparse, sparse := 0.0, false, false
	parts := make([]string, 0, len(units))
	for i, u := range units {
		unit, unitSparse := 0.0, false
		for _, t := range u.Throughputs {
			v := t.TOPS * float64(t.BitLength)
			if t.Sparse {
				v /= 2
				sparse = true
			}
			if v > unit {
				unit, unitSparse = v, t.Sparse
			}
		}
		best += unit
		fromSparse = fromSparse || unitSparse
		name := u.Name
		if name == "" {
			name = fmt.Sprintf("unit %d", i+1)
		}
		parts = append(parts, fmt.Sprintf("%s %s", name, fmtFloat(round6(unit))))
	}
	if sparse {
		notes = append(notes, "sparse throughput figures were halved to their dense equivalent; TPP counts dense throughput only")
	}
	if fromSparse {
		notes = append(notes, "the highest TPP came from a halved sparse figure; confirm it against the datasheet's dense figure")
	}
	best = round6(best)
	if len(units) > 1 {
		notes = append(notes, fmt.Sprintf("TPP aggregated over %d processing units (%s) = %s, 3A090 Technical Note", len(units), strings.Join(parts, " + "), fmtFloat(best)))
	}
	declared := round6(c.TPP)
	switch {
	case len(units) == 0:
		return declared, notes
	case declared > best:
		notes = append(notes, fmt.Sprintf("declared TPP %s exceeds the TPP %s computed from throughputs; using the declared value", fmtFloat(declared), fmtFloat(best)))
		return declared, notes
	case declared > 0 && declared < best:
		notes = append(notes, fmt.Sprintf("declared TPP %s is below the TPP %s computed from throughputs; using the computed value", fmtFloat(declared), fmtFloat(best)))
	}
	return best, notes
}

// hasCompute reports whether c describes a processor.
func (c *ChipSpec) hasCompute() bool {
	return c.TPP > 0 || len(c.Throughputs) > 0 || len(c.ProcessingUnits) > 0
}

// hasHBM reports whether c describes a high-bandwidth memory item.
func (c *ChipSpec) hasHBM() bool { return c.HBMDensity > 0 || c.HBMBandwidthGBps > 0 }

// hbmDensity returns the memory bandwidth density in GB/s/mm².
func (c *ChipSpec) hbmDensity(id string) (float64, error) {
	if c.HBMBandwidthGBps == 0 {
		return round6(c.HBMDensity), nil
	}
	d := round6(c.HBMBandwidthGBps / c.HBMPackageAreaMM2)
	if c.HBMDensity > 0 && math.Abs(d-c.HBMDensity) > 0.005*d {
		return 0, &ItemError{id, "Chip.HBMDensity", fmtFloat(c.HBMDensity),
			fmt.Sprintf("disagrees with HBMBandwidthGBps/HBMPackageAreaMM2 = %s", fmtFloat(d))}
	}
	return d, nil
}
