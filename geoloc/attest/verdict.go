package attest

import (
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"github.com/exportguard/exportguard/geoloc/verify"
)

// VerdictRecord is a verifier's signed verdict on where a device is: what
// screening takes as location evidence for an item instead of raw RTTs.
type VerdictRecord struct {
	Version  int    `json:"version"`
	Verifier string `json:"verifier"`
	DeviceID string `json:"device_id"`
	// Issued is when the verdict was made; Expires is when it stops
	// counting as evidence.
	Issued  time.Time `json:"issued"`
	Expires time.Time `json:"expires"`
	// Declared is the site the device was checked against.
	Declared verify.Site `json:"declared"`
	// Verdict is the overall verdict of verify.Verify.
	Verdict verify.Verdict `json:"verdict"`
	// Regions are the declared site and every judged region.
	Regions []verify.RegionResult `json:"regions"`
	// FeasibleAreaKM2 is an upper bound on the area the device can be in.
	FeasibleAreaKM2 float64 `json:"feasible_area_km2"`
	// Landmarks are the accepted records, one per landmark session.
	Landmarks []LandmarkEvidence `json:"landmarks"`
	// Rejected are the records not used, and why.
	Rejected []Rejection `json:"rejected"`
	// Notes explain the verdict and what it does not prove.
	Notes []string `json:"notes"`
	// Signature is the verifier's Ed25519 signature over [VerdictRecord.Payload].
	Signature []byte `json:"signature,omitempty"`
}

// NewVerdictRecord turns a [Result] into an unsigned verdict record, valid
// for validity from issued.
func NewVerdictRecord(verifierID string, declared verify.Site, res Result, issued time.Time, validity time.Duration) *VerdictRecord {
	notes := append(append([]string{}, res.Location.Notes...), res.Notes...)
	return &VerdictRecord{
		Version: 1, Verifier: verifierID, DeviceID: res.Evidence.DeviceID,
		Issued: issued.UTC(), Expires: issued.Add(validity).UTC(),
		Declared: declared, Verdict: res.Location.Verdict, Regions: res.Location.Regions,
		FeasibleAreaKM2: res.Location.FeasibleAreaKM2,
		Landmarks:       res.Evidence.Accepted, Rejected: res.Evidence.Rejected, Notes: notes,
	}
}

// Payload returns the bytes the verifier signs: a domain prefix and the
// compact JSON encoding of the record without its signature, as
// encoding/json writes it (field order fixed by the struct, floats in
// their shortest exact form), so a parsed record re-encodes to the same
// bytes.
func (v *VerdictRecord) Payload() ([]byte, error) {
	c := *v
	c.Signature = nil
	b, err := json.Marshal(&c)
	if err != nil {
		return nil, err
	}
	return append([]byte(verdictDomain), b...), nil
}

// Sign sets the signature with the verifier's key.
func (v *VerdictRecord) Sign(key ed25519.PrivateKey) error {
	p, err := v.Payload()
	if err != nil {
		return err
	}
	v.Signature = ed25519.Sign(key, p)
	return nil
}

// Marshal encodes the record as indented JSON.
func (v *VerdictRecord) Marshal() ([]byte, error) { return json.MarshalIndent(v, "", "  ") }

// ParseVerdictRecord decodes a verdict record strictly (unknown fields,
// trailing data and a missing signature are errors). It does not check the
// signature: see [VerdictRecord.Check].
func ParseVerdictRecord(data []byte, source string) (*VerdictRecord, error) {
	var v VerdictRecord
	if err := decodeStrict(data, source, &v); err != nil {
		return nil, err
	}
	bad := func(field, reason string) error { return &ParseError{Source: source, Field: field, Reason: reason} }
	switch {
	case v.Version != 1:
		return nil, bad("version", fmt.Sprintf("%d: only version 1 is known", v.Version))
	case ValidID(v.Verifier) != nil:
		return nil, bad("verifier", ValidID(v.Verifier).Error())
	case ValidID(v.DeviceID) != nil:
		return nil, bad("device_id", ValidID(v.DeviceID).Error())
	case v.Issued.IsZero() || v.Expires.IsZero():
		return nil, bad("issued", "issued and expires are required")
	case v.Verdict == "":
		return nil, bad("verdict", "missing")
	case len(v.Signature) != ed25519.SignatureSize:
		return nil, bad("signature", fmt.Sprintf("%d bytes, want %d", len(v.Signature), ed25519.SignatureSize))
	}
	return &v, nil
}

// VerdictError says why a verdict record cannot be used as evidence.
type VerdictError struct {
	Verifier string
	Reason   string
}

func (e *VerdictError) Error() string {
	return fmt.Sprintf("attest: verdict from %q: %s", e.Verifier, e.Reason)
}

// Check verifies the record's signature against the trusted verifier
// keys and its validity at now.
func (v *VerdictRecord) Check(trusted map[string]ed25519.PublicKey, now time.Time) error {
	key, ok := trusted[v.Verifier]
	if !ok {
		return &VerdictError{v.Verifier, "not a trusted verifier"}
	}
	p, err := v.Payload()
	if err != nil {
		return &VerdictError{v.Verifier, err.Error()}
	}
	if len(v.Signature) != ed25519.SignatureSize || !ed25519.Verify(key, p, v.Signature) {
		return &VerdictError{v.Verifier, "signature does not verify: forged or altered"}
	}
	if now.Before(v.Issued.Add(-DefaultClockSkew)) {
		return &VerdictError{v.Verifier, fmt.Sprintf("issued %s, in the future", v.Issued.Format(time.RFC3339))}
	}
	if !now.Before(v.Expires) {
		return &VerdictError{v.Verifier, fmt.Sprintf("expired %s", v.Expires.Format(time.RFC3339))}
	}
	return nil
}

// Digest returns the SHA-256 of the signed payload and the signature, in
// hex: the name by which reasons cite the record.
func (v *VerdictRecord) Digest() string {
	p, _ := v.Payload()
	h := sha256.New()
	h.Write(p)
	h.Write(v.Signature)
	return hex.EncodeToString(h.Sum(nil))
}
