package rules

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func cc(codes ...string) []Country {
	out := make([]Country, len(codes))
	for i, c := range codes {
		out[i] = MustParseCountry(c)
	}
	return out
}

func to(code string) Destination { return Destination{Country: MustParseCountry(code)} }

// Citations of the exceptions, as in rules/data/item_rules.json.
const (
	citeNAC1 = "15 CFR 740.8; ECCN 3A090 list-based exceptions, 88 FR 73458"
	citeNAC2 = "15 CFR 740.8; ECCN 3A090 list-based exceptions, 88 FR 73458; 89 FR 23876 (Apr. 4, 2024)"
	citeHBM  = "15 CFR 740.25; 89 FR 96790 (Dec. 5, 2024)"
	citeAIA  = "License Exception AIA, 90 FR 4544 (Jan. 15, 2025)"
	citeLPP  = "License Exception LPP, 90 FR 4544 (Jan. 15, 2025)"
	citeSPP  = "15 CFR 746.9 as amended 2025-09-02 (FR Doc 2025-16724)"

	whyDC       = "not available for items designed or marketed for datacenters that meet 3A090.a"
	whyNACOK    = "eligible: notify BIS before export (AES license code C67 with the BIS-issued NAC number); BIS may still require a license within its review period; at most six items, one ultimate consignee and one end user"
	whyACAOK    = "eligible: no notification to BIS needed"
	whyLPP      = "needs the aggregate TPP shipped to the ultimate consignee in the calendar year (at most 26,900,000) and a consignee certification, which the query does not carry"
	whyHBMOK    = "eligible: the other conditions of 740.25 are not encoded here; check them before relying on the exception"
	whyAIAOK    = "eligible: Tier 1 destination (Supp. No. 5 to Part 740, para. (a), 18 destinations including France)"
	whyOutScope = "and the parties' headquarters are outside the exception's scope"
)

func ex(name, cite, why string) ExceptionCheck {
	if strings.HasPrefix(why, "destination ") && !strings.Contains(why, " ") {
		why = "destination " + why
	}
	return ExceptionCheck{Name: name, Eligible: strings.HasPrefix(why, "eligible:"), Why: why, Citation: cite}
}

// ruleCites are the citations each rule's step must carry.
var ruleCites = map[string]string{
	"742.6(a)(6)-destination":       "15 CFR 742.6(a)(6); 88 FR 73458",
	"744.23(a)(3)-headquarters":     "15 CFR 744.23(a)(3); 15 CFR 742.6(a)(6)(iii)(A); BIS guidance 2026-05-31",
	"3A090.c-destination":           "15 CFR 742.6(a)(6); 89 FR 96790 (Dec. 5, 2024)",
	"3A090.c-headquarters":          "15 CFR 744.23(a)(3); 89 FR 96790 (Dec. 5, 2024)",
	"ai-diffusion-worldwide":        "15 CFR 742.6(a)(6) as amended by 90 FR 4544 (Jan. 15, 2025), RIN 0694-AJ90",
	"4E091-worldwide":               "ECCN 4E091; 90 FR 4544 (Jan. 15, 2025), RIN 0694-AJ90",
	"744.23(a)(1)-supercomputer":    "15 CFR 744.23(a)(1); 744.23(c) (no license exceptions)",
	"744.23(a)(2)-advanced-node-ic": "15 CFR 744.23(a)(2); 744.23(c) (no license exceptions)",
	"744.23(a)(4)-sme":              "15 CFR 744.23(a)(4); 89 FR 96790 (Dec. 5, 2024)",
	"ai-training-policy-2025":       "BIS policy statement 2025-05-13; 15 CFR 744.6, 744.22, 744.23",
	"744.21-military-end-use":       "15 CFR 744.21; 15 CFR 744.22",
	"gp10-prc-3a090":                "15 CFR 736.2(b)(10) (GP10); BIS guidance on PRC advanced computing ICs, 2025-05-13",
	"746.2-cuba":                    "15 CFR 746.2",
	"746.9-syria":                   "15 CFR 746.9",
	"746.9-syria-2025":              "15 CFR 746.9 as amended 2025-09-02 (FR Doc 2025-16724)",
	"746.6-crimea-dnr-lnr":          "15 CFR 746.6",
	"746.8-russia-belarus":          "15 CFR 746.8; 89 FR 51644 (June 2024 consolidation)",
	"746.8-russia-belarus-hts":      "15 CFR 746.8(a); 15 CFR 746.10; Supps. No. 2, 4, 5 and 6 to Part 746",
	"746.2-cuba review":             "15 CFR 746.2(b)(1): general policy of denial (the case-by-case and approval categories of 746.2(b)(2)-(4) are not encoded)",
	"746.7-iran review":             "15 CFR 746.7(b): applications are generally denied",
	"744.23(d)":                     "15 CFR 744.23(d) (as amended 89 FR 23886, Apr. 4, 2024)",
	"rlp-2026-china-case-by-case":   "91 FR 1684, FR Doc 2026-00789 (effective 2026-01-15), 15 CFR 744.23(d)",
}

type licenseWant struct {
	license    LicenseAnswer
	review     string
	applied    []string // rule ids of the steps that apply, in order (classification excluded)
	exceptions []ExceptionCheck
	gp10       bool
	unresolved []string // substrings, one per unresolved entry
	stepHas    string   // a substring some step's finding must contain
}

func TestDetermineLicense(t *testing.T) {
	const today = "2026-07-01"
	const beforeLane = "2026-01-14" // the day before the China/Macau lane (91 FR 1684)
	ascend := &ChipSpec{TPP: 5120, DieAreaMM2: 665, Datacenter: refOf(true), Model: "Huawei Ascend 910C"}
	prcChip := chipWith(a100, func(c *ChipSpec) { c.DesignerCountry = MustParseCountry("CN"); c.Model = "unnamed accelerator" })
	hkChip := chipWith(a100, func(c *ChipSpec) { c.DesignerCountry = MustParseCountry("HK"); c.Model = "unnamed accelerator" })
	hbm3 := Item{Chip: &ChipSpec{HBMBandwidthGBps: 819, HBMPackageAreaMM2: 110}}
	hbmLow := Item{Chip: &ChipSpec{HBMDensity: 3.29}}
	hbmEdge := Item{Chip: &ChipSpec{HBMBandwidthGBps: 330, HBMPackageAreaMM2: 100}}
	ear99 := Item{ECCN: MustParseECCN("EAR99"), Description: "office chairs"}
	encA100 := Item{ECCN: MustParseECCN("5A992.c"), Chip: &a100}
	enc4090 := Item{ECCN: MustParseECCN("5A992.c"), Chip: &rtx4090}
	lane := func(tpp, dram float64) Item {
		return Item{Chip: &ChipSpec{TPP: tpp, DRAMBandwidthGBps: dram, Datacenter: refOf(true)}}
	}
	noDRAM := Item{Chip: chipWith(h200, func(c *ChipSpec) { c.DRAMBandwidthGBps = 0 })}

	dest, hq, d744d := "742.6(a)(6)-destination", "744.23(a)(3)-headquarters", "744.23(d)"
	tests := []struct {
		name string
		q    LicenseQuery
		want licenseWant
	}{
		// The A100-class part to the destinations named in the issue.
		{"A100 to China, Chinese customer", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("CN"), PartyHQ: cc("CN"), Date: mustDay(beforeLane)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil,
				"rlp-2026-china-case-by-case: not applied: not yet in effect (effective 2026-01-15)"}},
		{"A100 to Hong Kong is China", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("HK"), PartyHQ: cc("HK"), Date: mustDay(beforeLane)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to HK (as CN) (D:5)")}, false, nil,
				"destination HK (as CN) is in D:1, D:4, D:5"}},
		{"A100 to Macau", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("MO"), PartyHQ: cc("MO"), Date: mustDay(beforeLane)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to MO (MO)")}, false, nil,
				"destination MO is in MO, D:1, D:4"}},
		{"A100 to the UAE", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("AE"), PartyHQ: cc("AE"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, "destination AE "+whyOutScope), ex("ACA", citeNAC2, whyDC)}, false, nil,
				"case-by-case: all other applications"}},
		{"A100 to Israel: A:6 excludes it", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("IL"), PartyHQ: cc("IL"), Date: mustDay(today)},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "destination IL is in D:4 but excluded as also in A:6"}},
		{"A100 to Germany", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay(today)},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "no party headquartered in Macau or D:5 (parties: DE)"}},
		{"A100 to India", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("IN"), PartyHQ: cc("IN"), Date: mustDay(today)},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "destination IN is outside the rule's scope"}},
		{"A100 to Vietnam (D:1 only)", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("VN"), PartyHQ: cc("VN"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, "destination VN "+whyOutScope), ex("ACA", citeNAC2, whyDC)}, false, nil, ""}},
		{"A100 to a German subsidiary of a China-headquartered company", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("DE"), PartyHQ: cc("DE", "CN"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{hq, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC)}, false, nil,
				"a party is headquartered in CN (D:5); destination DE"}},
		{"A100 to a Malaysian data centre of a Hong Kong-headquartered cloud", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("MY"), PartyHQ: cc("MY", "HK"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{hq, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC)}, false, nil, "headquartered in CN (D:5)"}},
		{"A100 to a Dutch university training AI for a China-headquartered lab", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("NL"), PartyHQ: cc("NL"), OnBehalfOfHQ: cc("CN"), EndUse: EndUseAITraining, Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{"ai-training-policy-2025"}, nil, false, nil,
				"end use ai_training; a party (or the party the end use serves) is headquartered in CN (D:5)"}},
		{"same Dutch training the day before the policy statement: AI Diffusion never bound (compliance date)", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("NL"), PartyHQ: cc("NL"), OnBehalfOfHQ: cc("CN"), EndUse: EndUseAITraining, Date: mustDay("2025-05-12")},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "ai-training-policy-2025: not applied: not yet in effect (effective 2025-05-13)"}},
		{"Dutch university training its own models", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("NL"), PartyHQ: cc("NL"), EndUse: EndUseAITraining, Date: mustDay(today)},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "neither the destination nor any party's headquarters is in the rule's scope"}},
		{"A100 to a Chinese subsidiary of a US company", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("CN"), PartyHQ: cc("US"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewApproval, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil,
				"presumption of approval: every party is headquartered in the US, A:5 or A:6 (US); it takes precedence over the denial for destination CN: 744.23(d) gives"}},
		{"A100 within the US", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("US"), PartyHQ: cc("US"), Date: mustDay(today)},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "destination is the United States: not an export"}},
		{"A100 to Germany, headquarters unknown", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("DE"), Date: mustDay(today)},
			licenseWant{LicenseUnresolved, "", nil, nil, false, []string{"party headquarters not given: 744.23(a)(3)-headquarters"}, ""}},
		{"A100 with unknown datacenter status to the UAE", LicenseQuery{Item: Item{Chip: chipWith(a100, func(c *ChipSpec) { c.Datacenter = nil })}, Destination: to("AE"), PartyHQ: cc("AE"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, "destination AE "+whyOutScope), ex("ACA", citeNAC2, "not available for datacenter items meeting 3A090.a; datacenter design/marketing unknown, treated as datacenter")}, false, nil, "treated as datacenter"}},
		// Consumer 3A090.a parts keep NAC/ACA.
		{"RTX 4090 to China", LicenseQuery{Item: Item{Chip: &rtx4090}, Destination: to("CN"), PartyHQ: cc("CN"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, hq, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyNACOK), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil,
				"case-by-case: 3A090.a is not a datacenter item meeting 3A090.a"}},
		{"RTX 4090 to a German subsidiary of a China-headquartered company", LicenseQuery{Item: Item{Chip: &rtx4090}, Destination: to("DE"), PartyHQ: cc("DE", "CN"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{hq, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyNACOK)}, false, nil, ""}},
		{"RTX 4090 to the UAE before the NAC/ACA split", LicenseQuery{Item: Item{Chip: &rtx4090}, Destination: to("AE"), PartyHQ: cc("AE"), Date: mustDay("2024-04-03")},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC1, whyNACOK), ex("ACA", citeNAC2, "not available: not yet in effect (effective 2024-04-04)")}, false, nil, ""}},
		{"RTX 4090 to the UAE after the NAC/ACA split", LicenseQuery{Item: Item{Chip: &rtx4090}, Destination: to("AE"), PartyHQ: cc("AE"), Date: mustDay("2024-04-04")},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, "destination AE "+whyOutScope), ex("ACA", citeNAC2, whyACAOK)}, false, nil, ""}},
		{"RTX 4090 to Cuba: the embargo has no NAC", LicenseQuery{Item: Item{Chip: &rtx4090}, Destination: to("CU"), PartyHQ: cc("CU"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, "746.2-cuba", d744d, "746.2-cuba review"}, []ExceptionCheck{ex("NAC", citeNAC2, "does not overcome 746.2-cuba (15 CFR 746.2)"), ex("ACA", citeNAC2, "not available to CU (D:5)")}, false, nil,
				"746.2-cuba review: presumption of denial for CU under 746.2-cuba"}},
		// Cambodia left D:5 on 2026-02-03.
		{"A100 to Cambodia while in D:5", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("KH"), PartyHQ: cc("KH"), Date: mustDay("2026-02-02")},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to KH (D:5)")}, false, nil, ""}},
		{"A100 to Cambodia after it left D:5", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("KH"), PartyHQ: cc("KH"), Date: mustDay("2026-02-03")},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, "destination KH "+whyOutScope), ex("ACA", citeNAC2, whyDC)}, false, nil, ""}},
		// The 2026 China/Macau case-by-case lane.
		{"H200 to China for a Malaysian-headquartered buyer, day before the lane", LicenseQuery{Item: Item{Chip: &h200}, Destination: to("CN"), PartyHQ: cc("MY"), Date: mustDay("2026-01-14")},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, "not applied: not yet in effect (effective 2026-01-15)"}},
		{"H200 to China for a Malaysian-headquartered buyer, lane open", LicenseQuery{Item: Item{Chip: &h200}, Destination: to("CN"), PartyHQ: cc("MY"), Date: mustDay("2026-01-15")},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, d744d, "rlp-2026-china-case-by-case"}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, "TPP 15832 < 21000, DRAM bandwidth 4800 < 6500 GB/s"}},
		{"H200 to Macau through the lane", LicenseQuery{Item: Item{Chip: &h200}, Destination: to("MO"), PartyHQ: cc("MY"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, d744d, "rlp-2026-china-case-by-case"}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to MO (MO)")}, false, nil, ""}},
		// Item 7 of the regulation review: the lane is for end users in China
		// and Macau, Chinese-headquartered ones included (data:
		// hq_in_lane_countries_allowed, [U]); other D:5 headquarters stay
		// at denial.
		{"H200 to a Chinese-headquartered buyer, day before the lane", LicenseQuery{Item: Item{Chip: &h200}, Destination: to("CN"), PartyHQ: cc("CN"), Date: mustDay(beforeLane)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, ""}},
		{"H200 to a Chinese-headquartered buyer through the lane", LicenseQuery{Item: Item{Chip: &h200}, Destination: to("CN"), PartyHQ: cc("CN"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, hq, d744d, "rlp-2026-china-case-by-case"}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil,
				"no party headquartered in D:5 or Macau outside CN, MO (parties headquartered there stay in the lane: hq_in_lane_countries_allowed [U])"}},
		{"H200 to China for a Russian-headquartered buyer stays denial", LicenseQuery{Item: Item{Chip: &h200}, Destination: to("CN"), PartyHQ: cc("RU"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, "not applied: a party is headquartered in RU (D:5)"}},
		{"H200 reexported from Singapore stays denial", LicenseQuery{Item: Item{Chip: &h200}, Destination: to("CN"), PartyHQ: cc("MY"), ExportFrom: MustParseCountry("SG"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, "export from SG, not from US (reexports and transfers stay presumption of denial)"}},
		{"B200 is outside the lane", LicenseQuery{Item: Item{Chip: &b200}, Destination: to("CN"), PartyHQ: cc("MY"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, "TPP 36000 is not below 21000"}},
		{"lane: TPP exactly 21000", LicenseQuery{Item: lane(21000, 4800), Destination: to("CN"), PartyHQ: cc("MY"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, "TPP 21000 is not below 21000"}},
		{"lane: TPP just under 21000", LicenseQuery{Item: lane(20999.9, 4800), Destination: to("CN"), PartyHQ: cc("MY"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, d744d, "rlp-2026-china-case-by-case"}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, ""}},
		{"lane: DRAM exactly 6500 GB/s", LicenseQuery{Item: lane(15832, 6500), Destination: to("CN"), PartyHQ: cc("MY"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, "DRAM bandwidth 6500 GB/s is not below 6500"}},
		{"lane: DRAM just under 6500 GB/s", LicenseQuery{Item: lane(15832, 6499.9), Destination: to("CN"), PartyHQ: cc("MY"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, d744d, "rlp-2026-china-case-by-case"}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, ""}},
		{"lane: DRAM bandwidth missing", LicenseQuery{Item: noDRAM, Destination: to("CN"), PartyHQ: cc("MY"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, "DRAM bandwidth not given (Chip.DRAMBandwidthGBps)"}},
		// The AI Diffusion rule: applied inside its window, not after.
		// 90 FR 4544 took effect 2025-01-13, compliance date 2025-05-15, not
		// enforced from 2025-05-13: its requirements never bound anyone.
		{"A100 to Israel in the AI Diffusion window: compliance not yet required", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("IL"), PartyHQ: cc("IL"), Date: mustDay("2025-03-01")},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil,
				"ai-diffusion-worldwide: not in force on 2025-03-01: effective 2025-01-13; compliance date 2025-05-15; not enforced since 2025-05-13"}},
		{"A100 to Germany on AI Diffusion's effective date", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay("2025-01-13")},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "ai-diffusion-worldwide: not in force on 2025-01-13"}},
		{"H100 to Germany in the AI Diffusion window", LicenseQuery{Item: Item{Chip: &h100}, Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay("2025-03-01")},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "ai-diffusion-worldwide: not in force on 2025-03-01"}},
		{"H100 to India in the AI Diffusion window", LicenseQuery{Item: Item{Chip: &h100}, Destination: to("IN"), PartyHQ: cc("IN"), Date: mustDay("2025-03-01")},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "ai-diffusion-worldwide: not in force on 2025-03-01"}},
		{"H100 to Malaysia in the AI Diffusion window", LicenseQuery{Item: Item{Chip: &h100}, Destination: to("MY"), PartyHQ: cc("MY"), Date: mustDay("2025-03-01")},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "ai-diffusion-worldwide: not in force on 2025-03-01"}},
		{"RTX 4090 to China in the AI Diffusion window keeps NAC", LicenseQuery{Item: Item{Chip: &rtx4090}, Destination: to("CN"), PartyHQ: cc("CN"), Date: mustDay("2025-03-01")},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, hq, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyNACOK), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, ""}},
		{"A100 to Germany the day AI Diffusion stopped being enforced", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay("2025-05-13")},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "not in force on 2025-05-13: effective 2025-01-13; compliance date 2025-05-15; not enforced since 2025-05-13"}},
		{"A100 to Germany the day before AI Diffusion", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay("2025-01-12")},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "not in force on 2025-01-12"}},
		{"4E091 weights to India in the AI Diffusion window", LicenseQuery{Item: Item{ECCN: MustParseECCN("4E091")}, Destination: to("IN"), PartyHQ: cc("IN"), Date: mustDay("2025-03-01")},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "4E091-worldwide: not in force on 2025-03-01"}},
		{"4E091 weights to India today", LicenseQuery{Item: Item{ECCN: MustParseECCN("4E091")}, Destination: to("IN"), PartyHQ: cc("IN"), Date: mustDay(today)},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "not enforced since 2025-05-13"}},
		// HBM, 3A090.c and License Exception HBM.
		{"HBM3 stacks to China", LicenseQuery{Item: hbm3, Destination: to("CN"), PartyHQ: cc("CN"), Date: mustDay("2025-01-10")},
			licenseWant{LicenseRequired, "", []string{"3A090.c-destination", "3A090.c-headquarters"}, []ExceptionCheck{ex("HBM", citeHBM, "memory bandwidth density 7.445455 GB/s/mm² is not below 3.3")}, false, nil, ""}},
		{"HBM3 stacks to China before 3A090.c", LicenseQuery{Item: hbm3, Destination: to("CN"), PartyHQ: cc("CN"), Date: mustDay("2024-12-01")},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "not an advanced-computing item"}},
		{"HBM at 3.29 GB/s/mm² to China: exception HBM", LicenseQuery{Item: hbmLow, Destination: to("CN"), PartyHQ: cc("CN"), Date: mustDay(today)},
			licenseWant{LicenseRequired, "", []string{"3A090.c-destination", "3A090.c-headquarters"}, []ExceptionCheck{ex("HBM", citeHBM, whyHBMOK)}, false, nil, ""}},
		{"HBM at exactly 3.3 GB/s/mm² to China", LicenseQuery{Item: hbmEdge, Destination: to("CN"), PartyHQ: cc("CN"), Date: mustDay(today)},
			licenseWant{LicenseRequired, "", []string{"3A090.c-destination", "3A090.c-headquarters"}, []ExceptionCheck{ex("HBM", citeHBM, "memory bandwidth density 3.3 GB/s/mm² is not below 3.3")}, false, nil, ""}},
		{"HBM3 stacks to Germany", LicenseQuery{Item: hbm3, Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay(today)},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, ""}},
		// General Prohibition 10.
		{"Huawei Ascend 910C in Germany after the guidance", LicenseQuery{Item: Item{Chip: ascend}, Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay("2025-06-01")},
			licenseWant{LicenseRequired, "", []string{"gp10-prc-3a090"}, nil, true, nil, "Huawei Ascend 910C is named in BIS's GP10 guidance (Ascend 910C)"}},
		{"Huawei Ascend 910C in Germany the day before the guidance", LicenseQuery{Item: Item{Chip: ascend}, Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay("2025-05-12")},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "gp10-prc-3a090: not applied: not yet in effect (effective 2025-05-13)"}},
		{"Huawei Ascend 910C in Germany before the AI Diffusion rule", LicenseQuery{Item: Item{Chip: ascend}, Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay("2024-12-01")},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "gp10-prc-3a090: not applied: not yet in effect (effective 2025-05-13)"}},
		{"unnamed PRC-designed 3A090.a chip in the US", LicenseQuery{Item: Item{Chip: prcChip}, Destination: to("US"), PartyHQ: cc("US"), Date: mustDay(today)},
			licenseWant{LicenseRequired, "", []string{"gp10-prc-3a090"}, nil, true, nil, "designed by a company headquartered in CN and meets 3A090.a"}},
		{"Hong Kong-designed 3A090.a chip", LicenseQuery{Item: Item{Chip: hkChip}, Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay(today)},
			licenseWant{LicenseRequired, "", []string{"gp10-prc-3a090"}, nil, true, nil, ""}},
		{"PRC-designed chip below 3A090 is not a GP10 case", LicenseQuery{Item: Item{Chip: chipWith(h20, func(c *ChipSpec) { c.DesignerCountry = MustParseCountry("CN") })}, Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay(today)},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, ""}},
		// Part 746 embargoes.
		{"EAR99 goods to Syria before the easing", LicenseQuery{Item: ear99, Destination: to("SY"), PartyHQ: cc("SY"), Date: mustDay("2025-09-01")},
			licenseWant{LicenseRequired, ReviewDenial, []string{"746.9-syria", "746.9-syria review"}, nil, false, nil, "presumption of denial for SY under 746.9-syria"}},
		{"EAR99 goods to Syria after the easing: SPP", LicenseQuery{Item: ear99, Destination: to("SY"), PartyHQ: cc("SY"), Date: mustDay("2025-09-02")},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{"746.9-syria-2025", "746.9-syria-2025 review"}, []ExceptionCheck{ex("SPP", citeSPP, "eligible: License Exception SPP for EAR99 items to Syria")}, false, nil, ""}},
		{"A100 to Syria after the easing", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("SY"), PartyHQ: cc("SY"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, "746.9-syria-2025", d744d, "746.9-syria-2025 review"}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to SY (D:5)"), ex("SPP", citeSPP, "not available for 3A090.a")}, false, nil, ""}},
		{"RTX 4090 to Syria before the easing: denial, not case-by-case", LicenseQuery{Item: Item{Chip: &rtx4090}, Destination: to("SY"), PartyHQ: cc("SY"), Date: mustDay("2025-09-01")},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, "746.9-syria", d744d, "746.9-syria review"}, []ExceptionCheck{ex("NAC", citeNAC2, "does not overcome 746.9-syria (15 CFR 746.9)"), ex("ACA", citeNAC2, "not available to SY (D:5)")}, false, nil, ""}},
		{"EAR99 goods to Iran", LicenseQuery{Item: ear99, Destination: to("IR"), PartyHQ: cc("IR"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{"746.7-iran", "746.7-iran review"}, nil, false, nil, "presumption of denial for IR under 746.7-iran"}},
		{"RTX 4090 to Iran: denial (746.7), not case-by-case", LicenseQuery{Item: Item{Chip: &rtx4090}, Destination: to("IR"), PartyHQ: cc("IR"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, "746.7-iran", d744d, "746.7-iran review"}, []ExceptionCheck{ex("NAC", citeNAC2, "does not overcome 746.7-iran (15 CFR 746.7)"), ex("ACA", citeNAC2, "not available to IR (D:5)")}, false, nil, ""}},
		{"EAR99 goods to North Korea", LicenseQuery{Item: ear99, Destination: to("KP"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{"746.4-north-korea", "746.4-north-korea review"}, nil, false, nil, ""}},
		{"EAR99 goods to Cuba", LicenseQuery{Item: ear99, Destination: to("CU"), Date: mustDay("2023-11-17")},
			licenseWant{LicenseRequired, ReviewDenial, []string{"746.2-cuba", "746.2-cuba review"}, nil, false, nil, ""}},
		{"A100 to Crimea", LicenseQuery{Item: Item{Chip: &a100}, Destination: Destination{Country: MustParseCountry("UA"), Region: MustParseRegion("UA-43")}, PartyHQ: cc("UA"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{"746.6-crimea-dnr-lnr", "746.6-crimea-dnr-lnr review"}, nil, false, nil, "destination UA-43 is outside the rule's scope"}},
		{"A100 to Kyiv", LicenseQuery{Item: Item{Chip: &a100}, Destination: Destination{Country: MustParseCountry("UA"), Region: MustParseRegion("UA-30")}, PartyHQ: cc("UA"), Date: mustDay(today)},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, ""}},
		{"encryption item (5A992.c) to Russia", LicenseQuery{Item: Item{ECCN: MustParseECCN("5A992.c")}, Destination: to("RU"), PartyHQ: cc("RU"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{"746.8-russia-belarus", "746.8-russia-belarus review"}, nil, false, nil, "presumption of denial for RU under 746.8-russia-belarus"}},
		{"RTX 4090 to Russia: denial (746.8(b)), not case-by-case", LicenseQuery{Item: Item{Chip: &rtx4090}, Destination: to("RU"), PartyHQ: cc("RU"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, "746.8-russia-belarus", d744d, "746.8-russia-belarus review"}, []ExceptionCheck{ex("NAC", citeNAC2, "does not overcome 746.8-russia-belarus (15 CFR 746.8; 89 FR 51644 (June 2024 consolidation))"), ex("ACA", citeNAC2, "not available to RU (D:5)")}, false, nil, ""}},
		{"3A090.b part to Russia: denial", LicenseQuery{Item: Item{ECCN: MustParseECCN("3A090.b")}, Destination: to("RU"), PartyHQ: cc("RU"), Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, "746.8-russia-belarus", d744d, "746.8-russia-belarus review"}, []ExceptionCheck{ex("NAC", citeNAC2, "does not overcome 746.8-russia-belarus (15 CFR 746.8; 89 FR 51644 (June 2024 consolidation))"), ex("ACA", citeNAC2, "not available to RU (D:5)")}, false, nil, ""}},
		{"EAR99 to Russia without an HTS code is unresolved (746.8(a), 746.10)", LicenseQuery{Item: ear99, Destination: to("RU"), PartyHQ: cc("RU"), Date: mustDay(today)},
			licenseWant{LicenseUnresolved, "", nil, nil, false, []string{"EAR99 to RU: the item's HTS code is needed to decide 746.8-russia-belarus-hts"}, "746.8-russia-belarus: destination RU is embargoed, but EAR99 is outside the rule's items"}},
		{"EAR99 to Belarus with an HTS code the data cannot check is unresolved", LicenseQuery{Item: Item{ECCN: MustParseECCN("EAR99"), HTSCode: "9401.31"}, Destination: to("BY"), PartyHQ: cc("BY"), Date: mustDay("2023-11-17")},
			licenseWant{LicenseUnresolved, "", nil, nil, false, []string{"HTS code 9401.31: the rule data does not hold the complete lists of 746.8-russia-belarus-hts"}, ""}},
		{"unclassified H20 to Belarus is unresolved", LicenseQuery{Item: Item{Chip: &h20}, Destination: to("BY"), PartyHQ: cc("BY"), Date: mustDay(today)},
			licenseWant{LicenseUnresolved, "", nil, nil, false, []string{"Russia and Belarus"}, ""}},
		// End uses.
		{"5A992.z server for a supercomputer in China", LicenseQuery{Item: enc4090, Destination: to("CN"), PartyHQ: cc("CN"), EndUse: EndUseSupercomputer, Date: mustDay(today)},
			licenseWant{LicenseRequired, ReviewCaseByCase, []string{dest, hq, "744.23(a)(1)-supercomputer", d744d}, []ExceptionCheck{ex("NAC", citeNAC2, "does not overcome 744.23(a)(1)-supercomputer (15 CFR 744.23(a)(1); 744.23(c) (no license exceptions))"), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, ""}},
		{"5A992.z datacenter item for a supercomputer in Germany", LicenseQuery{Item: encA100, Destination: to("DE"), PartyHQ: cc("DE"), EndUse: EndUseSupercomputer, Date: mustDay(today)},
			licenseWant{LicenseNotRequired, "", nil, nil, false, nil, "end use supercomputer, but neither the destination nor any party's headquarters is in the rule's scope"}},
		{"A100 (3A090) for a supercomputer: outside (a)(1)'s ECCN list", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("CN"), PartyHQ: cc("CN"), EndUse: EndUseSupercomputer, Date: mustDay(beforeLane)},
			licenseWant{LicenseRequired, ReviewDenial, []string{dest, hq, d744d}, []ExceptionCheck{ex("NAC", citeNAC2, whyDC), ex("ACA", citeNAC2, "not available to CN (D:5)")}, false, nil, "end use supercomputer, but 3A090.a is outside the rule's items"}},
		{"EAR99 goods for a Chinese fab", LicenseQuery{Item: ear99, Destination: to("CN"), PartyHQ: cc("CN"), EndUse: EndUseAdvancedIC, Date: mustDay(today)},
			licenseWant{LicenseRequired, "", []string{"744.23(a)(2)-advanced-node-ic"}, nil, false, nil, ""}},
		{"EAR99 goods to Germany for SME development by a China-headquartered firm", LicenseQuery{Item: ear99, Destination: to("DE"), PartyHQ: cc("DE", "CN"), EndUse: EndUseSMEDevelopment, Date: mustDay(today)},
			licenseWant{LicenseRequired, "", []string{"744.23(a)(4)-sme"}, nil, false, nil, "a party (or the party the end use serves) is headquartered in CN (D:5)"}},
		{"A100 to Germany for a military end use is unresolved", LicenseQuery{Item: Item{Chip: &a100}, Destination: to("DE"), PartyHQ: cc("DE"), EndUse: EndUseMilitary, Date: mustDay(today)},
			licenseWant{LicenseUnresolved, "", nil, nil, false, []string{"Military or military-intelligence end use"}, ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := DetermineLicense(nil, nil, tt.q)
			if err != nil {
				t.Fatalf("DetermineLicense: %v", err)
			}
			var applied []string
			var findings []string
			for _, s := range d.Steps {
				findings = append(findings, s.Rule+": "+s.Finding)
				if s.Citation == "" && s.Rule != "destination" && s.Rule != "classification" {
					t.Errorf("step %q has no citation", s.Rule)
				}
				if want, ok := ruleCites[s.Rule]; ok && s.Citation != want {
					t.Errorf("step %q cites %q, want %q", s.Rule, s.Citation, want)
				}
				if s.Applies && s.Rule != "classification" {
					applied = append(applied, s.Rule)
				}
			}
			if d.License != tt.want.license || d.ReviewPolicy != tt.want.review || d.GP10 != tt.want.gp10 {
				t.Errorf("license %v review %q gp10 %v, want %v %q %v\nsteps:\n%s", d.License, d.ReviewPolicy, d.GP10,
					tt.want.license, tt.want.review, tt.want.gp10, strings.Join(findings, "\n"))
			}
			if diff := cmp.Diff(tt.want.applied, applied); diff != "" {
				t.Errorf("applied rules (-want +got):\n%s\nsteps:\n%s", diff, strings.Join(findings, "\n"))
			}
			if diff := cmp.Diff(tt.want.exceptions, d.Exceptions); diff != "" {
				t.Errorf("exceptions (-want +got):\n%s", diff)
			}
			if len(d.Reasons) != len(tt.want.applied)-countReviewSteps(tt.want.applied) {
				t.Errorf("reasons %q for applied %q", d.Reasons, tt.want.applied)
			}
			if len(d.Unresolved) != len(tt.want.unresolved) {
				t.Errorf("unresolved %q, want %d entries", d.Unresolved, len(tt.want.unresolved))
			}
			for i, u := range tt.want.unresolved {
				if i < len(d.Unresolved) && !strings.Contains(d.Unresolved[i], u) {
					t.Errorf("unresolved[%d] = %q, want it to contain %q", i, d.Unresolved[i], u)
				}
			}
			if tt.want.stepHas != "" && !strings.Contains(strings.Join(findings, "\n"), tt.want.stepHas) {
				t.Errorf("no step finding contains %q:\n%s", tt.want.stepHas, strings.Join(findings, "\n"))
			}
			if d.RuleSet != "exportguard advanced-computing item rules (as of 2026-07-08)" {
				t.Errorf("RuleSet = %q", d.RuleSet)
			}
		})
	}
}

// countReviewSteps counts the review-policy and lane steps among applied.
func countReviewSteps(applied []string) int {
	n := 0
	for _, a := range applied {
		if a == "744.23(d)" || strings.HasPrefix(a, "rlp-") || strings.HasSuffix(a, " review") {
			n++
		}
	}
	return n
}

// TestDetermineLicenseSteps pins one full determination, step by step.
func TestDetermineLicenseSteps(t *testing.T) {
	d, err := DetermineLicense(DefaultItemRules(), DefaultGroupLookup(), LicenseQuery{
		Item: Item{Chip: &h200}, Destination: to("CN"), PartyHQ: cc("MY"), Date: mustDay("2026-03-01"),
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []Step{
		{"classification", true, "3A090.a; TPP 15832, performance density 19.449631; designed or marketed for datacenters", "15 CFR Part 774 Supp. 1 ECCN 3A090.a; 88 FR 73458 (Oct. 25, 2023)"},
		{"742.6(a)(6)-destination", true, "Advanced computing items to Country Groups D:1, D:4, D:5 and Macau, excluding destinations also in A:5 or A:6: destination CN is in D:1, D:4, D:5", ruleCites["742.6(a)(6)-destination"]},
		{"744.23(a)(3)-headquarters", false, "no party headquartered in Macau or D:5 (parties: MY)", ruleCites["744.23(a)(3)-headquarters"]},
		{"ai-diffusion-worldwide", false, "not in force on 2026-03-01: effective 2025-01-13; compliance date 2025-05-15; not enforced since 2025-05-13", ruleCites["ai-diffusion-worldwide"]},
		{"744.23(d)", true, "presumption of denial: destination CN is in D:5; datacenter item meeting 3A090.a", ruleCites["744.23(d)"]},
		{"rlp-2026-china-case-by-case", true, "case-by-case instead of denial: export from US to CN, TPP 15832 < 21000, DRAM bandwidth 4800 < 6500 GB/s, no party headquartered in D:5 or Macau outside CN, MO (parties headquartered there stay in the lane: hq_in_lane_countries_allowed [U]); conditions: exporter certifies: commercially available in the US on 2026-01-15; sufficient US supply and no diversion of foundry capacity; China/Macau shipments no more than 50% of US end-user shipments; no end-use or end-user prohibition; consignee runs rigorous KYC and blocks unauthorized remote access; each shipment tested by a qualified third-party lab in the US", ruleCites["rlp-2026-china-case-by-case"]},
	}
	if diff := cmp.Diff(want, d.Steps); diff != "" {
		t.Errorf("steps (-want +got):\n%s", diff)
	}
	wantReasons := []string{"license required: Advanced computing items to Country Groups D:1, D:4, D:5 and Macau, excluding destinations also in A:5 or A:6: destination CN is in D:1, D:4, D:5 (15 CFR 742.6(a)(6); 88 FR 73458)"}
	if diff := cmp.Diff(wantReasons, d.Reasons); diff != "" {
		t.Errorf("reasons (-want +got):\n%s", diff)
	}
	// Deterministic: the same query gives byte-identical JSON.
	d2, _ := DetermineLicense(nil, nil, LicenseQuery{Item: Item{Chip: &h200}, Destination: to("CN"), PartyHQ: cc("MY"), Date: mustDay("2026-03-01")})
	b1, _ := json.Marshal(d)
	b2, _ := json.Marshal(d2)
	if string(b1) != string(b2) {
		t.Error("determination is not deterministic")
	}
}

func TestDetermineLicenseErrors(t *testing.T) {
	ok := LicenseQuery{Item: Item{Chip: &a100}, Destination: to("CN"), PartyHQ: cc("CN"), Date: mustDay("2026-07-01")}
	tests := []struct {
		name string
		mod  func(*LicenseQuery)
		want string
		is   error
	}{
		{"no date", func(q *LicenseQuery) { q.Date = mustDay("0001-01-01") }, "license query: Date: required: a determination is always as of a date", ErrInvalidQuery},
		{"before horizon", func(q *LicenseQuery) { q.Date = mustDay("2023-01-01") }, "date before the rule data's horizon: 2023-01-01 is before 2023-11-17 (exportguard advanced-computing item rules)", ErrBeforeHorizon},
		{"no destination", func(q *LicenseQuery) { q.Destination = Destination{} }, "license query: Destination: no destination country", ErrInvalidQuery},
		{"region outside country", func(q *LicenseQuery) { q.Destination.Region = MustParseRegion("UA-43") }, `license query: Destination.Region = "UA-43": not in destination country CN`, ErrInvalidQuery},
		{"zero HQ", func(q *LicenseQuery) { q.PartyHQ = []Country{{}} }, "license query: PartyHQ[0]: zero Country", ErrInvalidQuery},
		{"zero on-behalf HQ", func(q *LicenseQuery) { q.OnBehalfOfHQ = []Country{{}} }, "license query: OnBehalfOfHQ[0]: zero Country", ErrInvalidQuery},
		{"unknown end use", func(q *LicenseQuery) { q.EndUse = "mining" }, `license query: EndUse = "mining": unknown end use`, ErrInvalidQuery},
		{"bad item", func(q *LicenseQuery) { q.Item.Chip = spec(-5, 100, nil) }, "Chip.TPP = -5: must not be negative", ErrInvalidItem},
	}
	for _, tt := range tests {
		q := ok
		tt.mod(&q)
		_, err := DetermineLicense(nil, nil, q)
		if err == nil || err.Error() != tt.want || !errors.Is(err, tt.is) {
			t.Errorf("%s: error %v, want %q (is %v)", tt.name, err, tt.want, tt.is)
		}
	}
}

func TestParseEndUse(t *testing.T) {
	for in, want := range map[string]EndUse{"": EndUseNone, "none": EndUseNone, "AI-Training": EndUseAITraining, "supercomputer": EndUseSupercomputer, "advanced_ic": EndUseAdvancedIC, "SME_DEVELOPMENT": EndUseSMEDevelopment, "military": EndUseMilitary} {
		got, err := ParseEndUse(in)
		if err != nil || got != want {
			t.Errorf("ParseEndUse(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := ParseEndUse("mining"); !errors.Is(err, ErrInvalidCode) {
		t.Errorf("ParseEndUse(mining) error = %v", err)
	}
}

func BenchmarkDetermineLicense(b *testing.B) {
	q := LicenseQuery{Item: Item{Chip: &h200}, Destination: to("CN"), PartyHQ: cc("MY"), Date: mustDay("2026-03-01")}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DetermineLicense(nil, nil, q); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParseItemRules(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseItemRules("item_rules.json", defaultItemRulesJSON); err != nil {
			b.Fatal(err)
		}
	}
}

func TestGP10ModelNames(t *testing.T) {
	for _, m := range []string{"Huawei Ascend 910B", "ASCEND-910C", "Ascend910D 64GB", "HiSilicon Ascend 910C module"} {
		d, err := DetermineLicense(nil, nil, LicenseQuery{Item: Item{ECCN: MustParseECCN("3A090.a"), Chip: &ChipSpec{TPP: 5000, Model: m}},
			Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay("2026-07-01")})
		if err != nil || !d.GP10 {
			t.Errorf("%q: GP10 %v, %v", m, d.GP10, err)
		}
	}
	d, _ := DetermineLicense(nil, nil, LicenseQuery{Item: Item{Chip: &ChipSpec{TPP: 5000, Model: "Ascend 310"}},
		Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay("2026-07-01")})
	if d.GP10 {
		t.Error("Ascend 310 (not named, designer not given) flagged GP10")
	}
}

// A policy answers group membership for license determination.
var _ GroupLookup = (*Policy)(nil)

// TestApproximatedRegions: 746.6(a)(2) covers the so-called DNR and LNR,
// which the data can only approximate by the whole Donetsk and Luhansk
// oblasts. A destination there is unresolved (a person checks whether the
// place is inside the covered area), not a license requirement with
// denial; Crimea (UA-43) stays a definite requirement.
func TestApproximatedRegions(t *testing.T) {
	ua := MustParseCountry("UA")
	for _, reg := range []string{"UA-14", "UA-09"} {
		d, err := DetermineLicense(nil, nil, LicenseQuery{Item: Item{ECCN: MustParseECCN("EAR99")}, Destination: Destination{Country: ua, Region: MustParseRegion(reg)}, PartyHQ: cc("UA"), Date: mustDay("2026-07-01")})
		if err != nil {
			t.Fatal(err)
		}
		wantNeed := "whether the place in " + reg + " is inside the area 746.6-crimea-dnr-lnr covers (the whole Donetsk and Luhansk oblasts stand for the so-called DNR and LNR, which have no boundary of their own; towns the government holds are inside the oblasts)"
		if d.License != LicenseUnresolved || d.ReviewPolicy != "" || len(d.Needs) != 1 || d.Needs[0] != wantNeed {
			t.Errorf("%s: %v %q needs %q", reg, d.License, d.ReviewPolicy, d.Needs)
		}
	}
	d, _ := DetermineLicense(nil, nil, LicenseQuery{Item: Item{ECCN: MustParseECCN("EAR99")}, Destination: Destination{Country: ua, Region: MustParseRegion("UA-43")}, PartyHQ: cc("UA"), Date: mustDay("2026-07-01")})
	if d.License != LicenseRequired || d.ReviewPolicy != ReviewDenial {
		t.Errorf("UA-43: %v %q", d.License, d.ReviewPolicy)
	}
}

// TestReviewPrecedenceData: which 744.23(d) paragraph wins, and whether
// Chinese-headquartered buyers are in the 2026 lane, are data a user can
// change (items 7 and 8 of the regulation review).
func TestReviewPrecedenceData(t *testing.T) {
	usSub := LicenseQuery{Item: Item{Chip: &a100}, Destination: to("CN"), PartyHQ: cc("US"), Date: mustDay("2026-01-14")}
	strict, err := ParseItemRules("strict.json", edit(t, `"approval_over_destination_denial": true`, `"approval_over_destination_denial": false`))
	if err != nil {
		t.Fatal(err)
	}
	d, _ := DetermineLicense(strict, nil, usSub)
	if d.ReviewPolicy != ReviewDenial {
		t.Errorf("approval not over destination denial: %q", d.ReviewPolicy)
	}
	d, _ = DetermineLicense(nil, nil, usSub)
	if d.ReviewPolicy != ReviewApproval {
		t.Errorf("default: %q", d.ReviewPolicy)
	}
	cnBuyer := LicenseQuery{Item: Item{Chip: &h200}, Destination: to("CN"), PartyHQ: cc("CN"), Date: mustDay("2026-07-01")}
	noLane, err := ParseItemRules("nolane.json", edit(t, `"hq_in_lane_countries_allowed": true`, `"hq_in_lane_countries_allowed": false`))
	if err != nil {
		t.Fatal(err)
	}
	d, _ = DetermineLicense(noLane, nil, cnBuyer)
	if d.License != LicenseRequired || d.ReviewPolicy != ReviewDenial {
		t.Errorf("strict lane reading: %v %q", d.License, d.ReviewPolicy)
	}
}

// TestDetermineLicenseReuse checks that a determination owns what it
// returns: DetermineLicense reuses its working state between calls, and a
// later call must neither change an earlier result nor see its data.
func TestDetermineLicenseReuse(t *testing.T) {
	china := LicenseQuery{Item: Item{Chip: &h200}, Destination: to("CN"), PartyHQ: cc("MY"), Date: mustDay("2026-03-01")}
	dutch := LicenseQuery{Item: Item{Chip: &a100}, Destination: to("NL"), PartyHQ: cc("NL", "DE", "FR", "IT", "ES"), OnBehalfOfHQ: cc("CN"),
		EndUse: EndUseAITraining, Date: mustDay("2025-03-01")}
	first, err := DetermineLicense(nil, nil, china)
	if err != nil {
		t.Fatal(err)
	}
	before, _ := json.Marshal(first)
	other, err := DetermineLicense(nil, nil, dutch)
	if err != nil {
		t.Fatal(err)
	}
	after, _ := json.Marshal(first)
	if string(before) != string(after) {
		t.Errorf("a later determination changed an earlier one:\n%s", cmp.Diff(string(before), string(after)))
	}
	again, err := DetermineLicense(nil, nil, china)
	if err != nil {
		t.Fatal(err)
	}
	if again, _ := json.Marshal(again); string(again) != string(before) {
		t.Errorf("the same query after another gave:\n%s", cmp.Diff(string(before), string(again)))
	}
	r := DefaultItemRules()
	if want := r.Name() + " (as of " + r.AsOf().Format("2006-01-02") + ")"; first.RuleSet != want || other.RuleSet != want {
		t.Errorf("RuleSet = %q and %q, want %q", first.RuleSet, other.RuleSet, want)
	}
	const window = "not in force on 2025-03-01: effective 2025-01-13; compliance date 2025-05-15; not enforced since 2025-05-13"
	found := false
	for _, st := range other.Steps {
		if st.Rule == "ai-diffusion-worldwide" {
			found = true
			if st.Finding != window {
				t.Errorf("ai-diffusion-worldwide finding = %q, want %q", st.Finding, window)
			}
		}
	}
	if !found {
		t.Errorf("no ai-diffusion-worldwide step in %+v", other.Steps)
	}
}

// BenchmarkDetermineLicenseOutsideScope measures the determination a
// Screener makes for most orders: a datacenter chip (TPP 4992, 826 mm²)
// to a destination and headquarters outside every rule's area (DE), under
// the default policy's groups.
//
//	go test ./rules/ -run '^$' -bench DetermineLicenseOutsideScope -benchtime 100000x -count 3 -cpu 1
func BenchmarkDetermineLicenseOutsideScope(b *testing.B) {
	q := LicenseQuery{Item: Item{Chip: &ChipSpec{TPP: 4992, DieAreaMM2: 826, Datacenter: refOf(true)}},
		Destination: to("DE"), PartyHQ: cc("DE"), Date: mustDay("2026-11-28")}
	p := Default()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := DetermineLicense(nil, p, q); err != nil {
			b.Fatal(err)
		}
	}
}
