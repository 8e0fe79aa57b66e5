package screening

import "context"

// locationEvidence judges delay measurements for an item or deployment, when
// the request carries them. Until a verifier is wired in, evidence that was
// given but not judged is reported as unverified (fail closed).
func (sc *screening) locationEvidence(ctx context.Context) {
	if sc.req.Location == nil || ctx.Err() != nil {
		return
	}
	sc.add("item.location_unverified", "Location evidence was supplied but could not be judged; the item's location is unverified.",
		citeLocationTest, map[string]any{"measurements": len(sc.req.Location.Measurements)})
}
