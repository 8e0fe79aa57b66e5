package screening

import (
	"crypto/ed25519"
	"fmt"
	"slices"
	"strings"

	"github.com/exportguard/exportguard/geoloc/attest"
	"github.com/exportguard/exportguard/geoloc/verify"
	"github.com/exportguard/exportguard/rules"
)

// WithLocationVerifiers sets the verifiers whose signed verdict records
// (package geoloc/attest) are accepted as location evidence, by verifier
// id. A verdict record from any other verifier, with a bad signature, or
// expired, gives item.location_unverified.
func WithLocationVerifiers(keys map[string]ed25519.PublicKey) Option {
	return func(c *config) { c.locVerifiers = keys }
}

// attestedLocation judges a verifier-signed verdict record: the verdict
// of signed delay measurements that a verifier checked (device and
// landmark signatures, fresh unique nonces, a rising counter). Every
// reason cites the record — verifier, device, when, its digest — and
// carries its notes, which say what the verdict does not prove.
func (sc *screening) attestedLocation(le *LocationEvidence) {
	vr := le.Attested
	digest := vr.Digest()
	cite := fmt.Sprintf("verdict record %s of verifier %q for device %q, issued %s", digest[:16], vr.Verifier, vr.DeviceID, vr.Issued.Format("2006-01-02T15:04Z"))
	ev := map[string]any{
		"verdict_record": map[string]any{"digest_sha256": digest, "verifier": vr.Verifier, "device_id": vr.DeviceID,
			"issued": vr.Issued, "expires": vr.Expires, "declared": vr.Declared.String()},
		"verdict": string(vr.Verdict), "feasible_area_km2": round4(vr.FeasibleAreaKM2), "notes": vr.Notes,
	}
	unverified := func(why string) {
		sc.addCited(rules.ReasonItemLocationUnverified, fmt.Sprintf("The location evidence does not verify where the item is: %s (%s).", why, cite), ev)
	}
	if err := vr.Check(sc.w.locVerifiers, sc.now); err != nil {
		ev["problem"] = err.Error()
		unverified(err.Error())
		return
	}
	var landmarks []map[string]any
	for _, l := range vr.Landmarks {
		landmarks = append(landmarks, map[string]any{"landmark": l.Landmark, "min_rtt_ms": round4(l.MinRTTms), "samples": l.Samples,
			"transport": l.Transport, "provenance": l.Provenance})
	}
	ev["landmarks"] = landmarks
	if len(vr.Rejected) > 0 {
		ev["rejected_records"] = len(vr.Rejected)
	}
	if le.DeclaredCountry != "" {
		if d, ok := sc.resolve("location.declared_country", le.DeclaredCountry); ok && d.Country.String() != vr.Declared.Country {
			unverified(fmt.Sprintf("the verdict checked the declared site %q, the item is declared in %s", vr.Declared.String(), d.Country))
			return
		}
	}
	switch vr.Verdict {
	case verify.VerdictContradictory, verify.VerdictInsufficient:
		unverified(fmt.Sprintf("the verdict is %s", vr.Verdict))
		return
	case verify.VerdictInconsistent:
		sc.addCited(rules.ReasonItemLocationInconsistent,
			fmt.Sprintf("Signed delay measurements exclude the declared site %s: the item is not where it was declared (%s).", vr.Declared.String(), cite),
			ev)
	case verify.VerdictConcernNotExcluded, verify.VerdictConsistent:
	default:
		unverified(fmt.Sprintf("unknown verdict %q", vr.Verdict))
		return
	}

	concern, unjudged := sc.attestedConcerns(vr)
	if len(concern) > 0 {
		ev["concerns_not_excluded"] = concern
		sc.addCited(rules.ReasonItemLocationConcernPossible,
			fmt.Sprintf("Signed delay measurements do not exclude %s: the item may be in a country or region of concern (%s).", strings.Join(concern, ", "), cite),
			ev)
	}
	if len(unjudged) > 0 {
		ev["not_judged"] = unjudged
		unverified("the verifier did not judge " + strings.Join(unjudged, ", "))
	}
}

// attestedConcerns sorts the policy's countries and regions of concern by
// the verdict record's judgement: those it does not exclude, and those it
// did not judge. Every one must have been judged: one the verifier did not
// judge is not excluded. A region is judged through its country where the
// verifier judged only the country.
func (sc *screening) attestedConcerns(vr *attest.VerdictRecord) (concern, unjudged []string) {
	judged := map[string]string{}
	for _, rr := range vr.Regions {
		judged[rr.Region] = rr.Verdict
	}
	check := func(code, via string) {
		v, ok := judged[code]
		if !ok && via != "" {
			v, ok = judged[via]
		}
		switch {
		case !ok || v == verify.RegionNotJudged:
			unjudged = appendUnique(unjudged, code)
		case v != verify.RegionExcluded:
			concern = appendUnique(concern, code)
		}
	}
	for _, p := range sc.w.policy.Profiles() {
		for _, c := range p.Countries(sc.date) {
			check(c.String(), "")
		}
		for _, r := range p.Regions() {
			check(r.String(), r.Country().String())
		}
	}
	slices.Sort(concern)
	slices.Sort(unjudged)
	return concern, unjudged
}
