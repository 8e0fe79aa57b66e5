package screening

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/exportguard/exportguard/rules"
)

// itemChecks is the items step: it classifies each item and determines
// whether a license is required for the destination (dest, or failing
// that a party's country), the parties' headquarters (hqs, and behalf for
// the parties the end use is performed for) and the end use.
func (sc *screening) itemChecks(dest rules.Destination, hqs, behalf []rules.Country) {
	if len(sc.req.Items) == 0 {
		return
	}
	endUse, err := rules.ParseEndUse(sc.req.EndUse)
	if err != nil {
		sc.invalid("end_use", sc.req.EndUse, "unknown end use")
	}
	sc.items = slices.Grow(sc.items, len(sc.req.Items))
	dest = sc.itemDestination(dest)
	if !dest.IsValid() {
		sc.invalid("destination", sc.req.Destination, "a destination (or a party country) is needed to determine the license requirement for items")
	}
	for i, it := range sc.req.Items {
		field := itemFieldName(i)
		ri, ok := sc.rulesItem(field, it)
		if !ok {
			sc.items = append(sc.items, ItemRecord{ID: it.ID, ECCN: it.ECCN, LicenseExceptions: []string{}, Error: "item could not be read"})
			continue
		}
		if !dest.IsValid() {
			sc.items = append(sc.items, ItemRecord{ID: it.ID, ECCN: it.ECCN, LicenseExceptions: []string{}, Error: "no destination"})
			continue
		}
		ans, err := sc.w.licenses.determine(sc.w.itemRules, sc.w.policy, rules.LicenseQuery{
			Item: ri, Destination: dest, PartyHQ: hqs, OnBehalfOfHQ: behalf, EndUse: endUse, Date: sc.date,
		})
		if err != nil {
			var ie *rules.ItemError
			if errors.As(err, &ie) {
				sc.invalid(itemField(field, ie.Field), ie.Value, ie.Msg)
			} else {
				sc.invalid(field, it.ID, err.Error())
			}
			sc.items = append(sc.items, ItemRecord{ID: it.ID, ECCN: it.ECCN, LicenseExceptions: []string{}, Error: err.Error()})
			continue
		}
		det := &ans.det
		rec := itemRecord(it.ID, ans, ri.Chip != nil)
		sc.items = append(sc.items, rec)
		if det.License == rules.LicenseRequired || det.License == rules.LicenseUnresolved || det.GP10 {
			sc.itemReasons(i, it, dest, det, &rec)
		}
	}
}

// itemReasons raises the reasons for item it, the request's items[i],
// whose determination for dest is det and record rec: a license required,
// an unresolved determination, General Prohibition 10. A license
// requirement and GP10 share one evidence map.
func (sc *screening) itemReasons(i int, it Item, dest rules.Destination, det *rules.Determination, rec *ItemRecord) {
	label := it.ID
	if label == "" {
		label = fmt.Sprintf("#%d", i+1)
	}
	if it.Model != "" {
		label += " (" + it.Model + ")"
	}
	ev := map[string]any{"item": it.ID, "eccn": rec.ECCN, "classification": rec.Classification, "destination": dest.String()}
	if rec.TPP > 0 {
		ev["tpp"] = rec.TPP
	}
	if rec.PerformanceDensity > 0 {
		ev["performance_density"] = rec.PerformanceDensity
	}
	if det.License == rules.LicenseRequired {
		ev["review_policy"] = rec.ReviewPolicy
		ev["license_exceptions"] = rec.LicenseExceptions
		ev["steps"] = rec.Steps
		why := strings.Join(det.Reasons, "; ")
		if why == "" {
			why = "see steps"
		}
		sc.add(rules.ReasonItemLicenseRequired,
			fmt.Sprintf("Item %s, classified %s, requires a license for %s: %s.", label, rec.Classification, placeName(dest), why),
			strings.Join(rec.Citations, "; "), ev)
	}
	if det.License == rules.LicenseUnresolved {
		uev := map[string]any{"item": it.ID, "classification": rec.Classification, "destination": dest.String(),
			"unresolved": slices.Clone(det.Unresolved), "needs": slices.Clone(det.Needs)}
		sc.add(rules.ReasonItemUnresolved,
			fmt.Sprintf("Item %s, classified %s, cannot be cleared for %s: %s. It needs %s.", label, rec.Classification, placeName(dest), strings.Join(det.Unresolved, "; "), strings.Join(det.Needs, "; ")),
			strings.Join(rec.Citations, "; "), uev)
	}
	if det.GP10 {
		sc.addCited(rules.ReasonItemGP10,
			fmt.Sprintf("Item %s looks like a PRC-designed advanced-computing chip; dealing in it may breach General Prohibition 10.", label),
			ev)
	}
}

// firstItemFields are the field names of the first items ("items[0]"),
// made once so that a request does not format them anew.
var firstItemFields = func() (t [16]string) {
	for i := range t {
		t[i] = "items[" + strconv.Itoa(i) + "]"
	}
	return t
}()

// itemFieldName is the request field name of item i.
func itemFieldName(i int) string {
	if i < len(firstItemFields) {
		return firstItemFields[i]
	}
	return "items[" + strconv.Itoa(i) + "]"
}

// itemDestination is where the items go: dest, the request's destination,
// or failing that the country of the end user, the ultimate consignee, the
// purchaser or the account holder, in that order.
func (sc *screening) itemDestination(dest rules.Destination) rules.Destination {
	if dest.IsValid() {
		return dest
	}
	for _, role := range []Role{RoleEndUser, RoleUltimateConsignee, RolePurchaser, RoleAccountHolder} {
		for _, p := range sc.req.Parties {
			if p.Role != role || p.Country == "" {
				continue
			}
			if d, err := rules.ResolveDestination(p.Country); err == nil {
				return d
			}
		}
	}
	return rules.Destination{}
}

// requestItemFields names the fields of a rules.Item, as a *rules.ItemError
// reports them, by the Item's JSON names, so that an error points at the
// field the caller sent ("items[0].die_area_mm2", not
// "items[0].Chip.DieAreaMM2"). "Chip" is the item as a whole.
var requestItemFields = map[string]string{
	"ECCN": "eccn", "Chip": "", "Chip.TPP": "tpp", "Chip.DieAreaMM2": "die_area_mm2",
	"Chip.HBMDensity": "hbm_bandwidth_density", "Chip.DRAMBandwidthGBps": "dram_bandwidth",
	"Chip.Throughputs": "throughputs", "Chip.ProcessingUnits": "processing_units", "HTSCode": "hts_code",
}

// throughputFields renames "Chip.Throughputs[i].TOPS" and ".BitLength".
var throughputFields = strings.NewReplacer("Chip.ProcessingUnits", "processing_units", ".Throughputs", ".throughputs", "Chip.Throughputs", "throughputs", ".TOPS", ".tops", ".BitLength", ".bit_length")

// itemField is the request field path of rules field f of the item at path
// item ("items[0]"). A field the request has no name for keeps its rules
// name.
func itemField(item, f string) string {
	name, ok := requestItemFields[f]
	switch {
	case ok && name == "":
		return item
	case ok:
		return item + "." + name
	case strings.HasPrefix(f, "Chip.Throughputs["), strings.HasPrefix(f, "Chip.ProcessingUnits["):
		return item + "." + throughputFields.Replace(f)
	}
	return item + "." + f
}

func (sc *screening) rulesItem(field string, it Item) (rules.Item, bool) {
	ri := rules.Item{ID: it.ID, Description: it.Description, Computer: it.Computer, HTSCode: it.HTSCode}
	ok := true
	if strings.TrimSpace(it.ECCN) != "" {
		e, err := rules.ParseECCN(it.ECCN)
		if err != nil {
			sc.invalid(field+".eccn", it.ECCN, "not an ECCN")
			ok = false
		}
		ri.ECCN = e
	}
	if it.TPP != 0 || len(it.Throughputs) > 0 || len(it.ProcessingUnits) > 0 || it.DieAreaMM2 != 0 || it.Datacenter != nil || it.HBMBandwidthDensity != 0 ||
		it.DRAMBandwidthGBps != 0 || it.DesignerCountry != "" || it.Model != "" {
		cs := &rules.ChipSpec{
			TPP: it.TPP, DieAreaMM2: it.DieAreaMM2, Datacenter: it.Datacenter, HBMDensity: it.HBMBandwidthDensity,
			DRAMBandwidthGBps: it.DRAMBandwidthGBps, Model: it.Model,
		}
		for _, t := range it.Throughputs {
			cs.Throughputs = append(cs.Throughputs, rules.Throughput{TOPS: t.TOPS, BitLength: t.BitLength, Sparse: t.Sparse})
		}
		for _, u := range it.ProcessingUnits {
			ru := rules.ProcessingUnit{Name: u.Name}
			for _, t := range u.Throughputs {
				ru.Throughputs = append(ru.Throughputs, rules.Throughput{TOPS: t.TOPS, BitLength: t.BitLength, Sparse: t.Sparse})
			}
			cs.ProcessingUnits = append(cs.ProcessingUnits, ru)
		}
		if it.DesignerCountry != "" {
			if d, ok2 := sc.resolve(field+".designer_country", it.DesignerCountry); ok2 {
				cs.DesignerCountry = d.Country
			} else {
				ok = false
			}
		}
		ri.Chip = cs
	}
	if !ri.ECCN.IsValid() && ri.Chip == nil && !ri.Computer {
		sc.invalid(field, it.ID, "an item needs an ECCN or chip parameters")
		return ri, false
	}
	return ri, ok
}

// itemRecord is the decision's record of item id, determined as a (chip
// tells whether it was given chip parameters). The record owns its slices:
// a is shared with other decisions.
func itemRecord(id string, a *licenseAnswer, chip bool) ItemRecord {
	det := &a.det
	c := det.Classification
	eccn := c.ECCN.String()
	rec := ItemRecord{
		ID: id, ECCN: eccn, Classification: classificationLabel(c, chip, eccn), TPP: round4(c.TPP), PerformanceDensity: round4(c.PerformanceDensity),
		LicenseRequired: det.License == rules.LicenseRequired, License: det.License.String(), ResolveWith: slices.Clone(det.Needs), ReviewPolicy: det.ReviewPolicy, GP10: det.GP10,
		LicenseExceptions: cloneOrEmpty(a.exceptions),
	}
	if len(a.steps) > 0 {
		rec.Steps = slices.Clone(a.steps)
	}
	rec.Citations = slices.Clone(a.cites)
	return rec
}

// stepTexts returns each step as "rule: finding", nil for none. The texts
// are written back to back into one string and sliced from it: one
// allocation for them all.
func stepTexts(steps []rules.Step) []string {
	if len(steps) == 0 {
		return nil
	}
	n := 0
	for _, st := range steps {
		n += len(st.Rule) + 2 + len(st.Finding)
	}
	var b strings.Builder
	b.Grow(n)
	for _, st := range steps {
		b.WriteString(st.Rule)
		b.WriteString(": ")
		b.WriteString(st.Finding)
	}
	all := b.String()
	out := make([]string, len(steps))
	at := 0
	for i, st := range steps {
		end := at + len(st.Rule) + 2 + len(st.Finding)
		out[i] = all[at:end]
		at = end
	}
	return out
}

// classificationLabel names what the item was classified as (eccn is
// c.ECCN as text): the ECCN and
// paragraph ("3A090.a"); for chip parameters that meet no advanced-computing
// paragraph, "outside 3A090 (Note 2)" or "outside 3A090/4A090" (the item
// still needs its own ECCN or EAR99); otherwise "unclassified".
func classificationLabel(c rules.Classification, chip bool, eccn string) string {
	switch {
	case c.ECCN.IsValid():
		return eccn
	case !chip:
		return "unclassified"
	}
	for _, n := range c.Notes {
		if strings.HasPrefix(n, "Note 2 to 3A090") {
			return "outside 3A090 (Note 2)"
		}
	}
	return "outside 3A090/4A090"
}
