package attest

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/exportguard/exportguard/geoloc/verify"
)

// Reason says why a record was rejected.
type Reason string

// Rejection reasons.
const (
	ReasonMalformed         Reason = "record_malformed"
	ReasonLandmarkUnknown   Reason = "landmark_unknown"
	ReasonLandmarkSignature Reason = "landmark_signature_invalid"
	ReasonLandmarkPosition  Reason = "landmark_position_mismatch"
	ReasonOtherDevice       Reason = "other_device"
	ReasonDeviceUnknown     Reason = "device_unknown"
	ReasonDeviceSignature   Reason = "device_signature_invalid"
	ReasonNonceReplayed     Reason = "nonce_replayed"
	ReasonNonceStale        Reason = "nonce_stale"
	ReasonNonceFuture       Reason = "nonce_from_future"
	ReasonCounter           Reason = "counter_not_increasing"
)

// ErrRejected is matched (errors.Is) by every [Rejection].
var ErrRejected = errors.New("attest: record rejected")

// Rejection is a record the verifier did not use, and why.
type Rejection struct {
	// Source names the record (its file).
	Source   string `json:"source"`
	Landmark string `json:"landmark,omitempty"`
	Reason   Reason `json:"reason"`
	Detail   string `json:"detail"`
}

func (r Rejection) Error() string {
	return fmt.Sprintf("%s: rejected (%s): %s", r.Source, r.Reason, r.Detail)
}

// Is reports whether target is [ErrRejected].
func (r Rejection) Is(target error) bool { return target == ErrRejected }

// NonceStore remembers nonces already used, so that no record or sample is
// accepted twice, across calls and (for a persistent store) across runs.
// Claim reports whether n was new and remembers it until expiry.
type NonceStore interface {
	Claim(n Nonce, expiry time.Time) bool
}

// MemoryNonces is an in-memory [NonceStore], safe for concurrent use.
// Entries are forgotten after their expiry; a nonce that old is rejected
// as stale anyway.
type MemoryNonces struct {
	mu   sync.Mutex
	seen map[Nonce]time.Time
	now  func() time.Time
}

// NewMemoryNonces returns an empty store.
func NewMemoryNonces() *MemoryNonces {
	return &MemoryNonces{seen: map[Nonce]time.Time{}, now: time.Now}
}

// Claim implements [NonceStore].
func (m *MemoryNonces) Claim(n Nonce, expiry time.Time) bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.seen[n]; ok {
		return false
	}
	if len(m.seen) >= 4096 && len(m.seen)&1023 == 0 {
		now := m.now()
		for k, exp := range m.seen {
			if exp.Before(now) {
				delete(m.seen, k)
			}
		}
	}
	m.seen[n] = expiry
	return true
}

// Verifier checks measurement records against a [Registry].
type Verifier struct {
	reg    *Registry
	nonces NonceStore
	maxAge time.Duration
	skew   time.Duration
	now    func() time.Time
}

// Option configures a [Verifier].
type Option func(*Verifier)

// DefaultMaxAge is how old a challenge may be when its record is verified.
const DefaultMaxAge = 15 * time.Minute

// DefaultClockSkew is how far a landmark's clock may run ahead of the
// verifier's.
const DefaultClockSkew = 30 * time.Second

// WithNonceStore sets where used nonces are remembered (default: a new
// [MemoryNonces] per verifier).
func WithNonceStore(s NonceStore) Option { return func(v *Verifier) { v.nonces = s } }

// WithMaxAge sets how old a challenge may be (default [DefaultMaxAge]).
func WithMaxAge(d time.Duration) Option { return func(v *Verifier) { v.maxAge = d } }

// WithClockSkew sets how far ahead a landmark's clock may be (default
// [DefaultClockSkew]).
func WithClockSkew(d time.Duration) Option { return func(v *Verifier) { v.skew = d } }

// WithClock sets the verifier's clock (default time.Now).
func WithClock(now func() time.Time) Option { return func(v *Verifier) { v.now = now } }

// NewVerifier returns a verifier trusting the keys in reg.
func NewVerifier(reg *Registry, opts ...Option) *Verifier {
	v := &Verifier{reg: reg, maxAge: DefaultMaxAge, skew: DefaultClockSkew, now: time.Now}
	for _, o := range opts {
		o(v)
	}
	if v.nonces == nil {
		v.nonces = NewMemoryNonces()
	}
	return v
}

// Input is a record to check, named by its source (a file name).
type Input struct {
	Source string
	Record *Record
	// Err is set when the record could not be read or parsed; it becomes
	// a [ReasonMalformed] rejection, and the batch goes on.
	Err error
}

// LandmarkEvidence is what one accepted record contributes.
type LandmarkEvidence struct {
	Source      string  `json:"source"`
	Landmark    string  `json:"landmark"`
	Lat         float64 `json:"lat"`
	Lon         float64 `json:"lon"`
	Uncertainty float64 `json:"uncertainty_km"`
	Provenance  string  `json:"provenance"`
	Transport   string  `json:"transport"`
	Samples     int     `json:"samples"`
	MinRTTms    float64 `json:"min_rtt_ms"`
	// Counters are the first and last device counter values signed.
	Counters [2]uint64 `json:"counters"`
	// First is when the first challenge was issued.
	First time.Time `json:"first"`
}

// Evidence is the outcome of [Verifier.Check].
type Evidence struct {
	DeviceID string             `json:"device_id"`
	Accepted []LandmarkEvidence `json:"accepted"`
	Rejected []Rejection        `json:"rejected"`
	// Measurements are the accepted records as input to verify.Verify,
	// every one signed.
	Measurements []verify.Measurement `json:"-"`
}

// Check verifies every record for device deviceID and returns the ones
// accepted, as measurements, and the ones rejected with their reasons. A
// bad record never stops the batch. Records are taken in the order of
// their first challenge, so that a copy of an earlier record is the one
// rejected as a replay. Check errs only when ctx is done or deviceID is
// not a valid id.
func (v *Verifier) Check(ctx context.Context, deviceID string, in []Input) (Evidence, error) {
	if err := ValidID(deviceID); err != nil {
		return Evidence{}, fmt.Errorf("attest: device: %w", err)
	}
	ev := Evidence{DeviceID: deviceID, Accepted: []LandmarkEvidence{}, Rejected: []Rejection{}}
	order := make([]int, len(in))
	for i := range order {
		order[i] = i
	}
	first := func(i int) int64 {
		if r := in[i].Record; r != nil && len(r.Samples) > 0 {
			return r.Samples[0].Issued.UnixNano()
		}
		return math.MinInt64
	}
	slices.SortStableFunc(order, func(a, b int) int {
		fa, fb := first(a), first(b)
		switch {
		case fa < fb:
			return -1
		case fa > fb:
			return 1
		}
		return 0
	})
	now := v.now()
	sigs := v.checkSignatures(ctx, deviceID, in)
	counters := map[uint64]string{} // counter value -> source that signed it
	for _, i := range order {
		if err := ctx.Err(); err != nil {
			return Evidence{}, err
		}
		item := in[i]
		le, rej := v.checkOne(item, sigs[i], deviceID, now, counters)
		if rej != nil {
			ev.Rejected = append(ev.Rejected, *rej)
			continue
		}
		ev.Accepted = append(ev.Accepted, le)
		l, _ := v.reg.Landmark(le.Landmark)
		rtts := make([]float64, len(item.Record.Samples))
		for k, s := range item.Record.Samples {
			rtts[k] = float64(s.RTT) / float64(time.Millisecond)
		}
		ev.Measurements = append(ev.Measurements, verify.Measurement{
			Landmark: verify.Landmark{ID: l.ID, Lat: l.Lat, Lon: l.Lon, UncertaintyKM: l.UncertaintyKM, Provenance: l.Provenance},
			RTTms:    rtts, Signed: true,
		})
	}
	return ev, nil
}

// sigCheck holds the outcome of a record's signature checks: the
// landmark's, and each sample's under the enrolled device key.
type sigCheck struct {
	landmark bool
	samples  []bool
}

// checkSignatures verifies every signature of every record, spread over
// the available CPUs: they are most of the cost of a verdict.
func (v *Verifier) checkSignatures(ctx context.Context, deviceID string, in []Input) []sigCheck {
	out := make([]sigCheck, len(in))
	d, devOK := v.reg.Device(deviceID)
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(in)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range jobs {
				r := in[i].Record
				if r == nil || ctx.Err() != nil {
					continue
				}
				if l, ok := v.reg.Landmark(r.Landmark.ID); ok {
					out[i].landmark = len(r.Signature) == ed25519.SignatureSize && ed25519.Verify(l.PublicKey, r.Payload(), r.Signature)
				}
				out[i].samples = make([]bool, len(r.Samples))
				if !devOK || r.DeviceID != deviceID {
					continue
				}
				for k, s := range r.Samples {
					out[i].samples[k] = len(s.Signature) == ed25519.SignatureSize &&
						ed25519.Verify(d.PublicKey, ResponsePayload(s.Nonce, deviceID, r.Landmark.ID, s.Counter), s.Signature)
				}
			}
		}()
	}
	for i := range in {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	return out
}

// rejecter builds the Rejection of one input for a reason, with a detail
// formatted from format and args.
type rejecter func(reason Reason, format string, args ...any) *Rejection

// rejectFor returns the rejecter of item: its source and, when the record
// was read, its landmark.
func rejectFor(item Input) rejecter {
	return func(reason Reason, format string, args ...any) *Rejection {
		r := &Rejection{Source: item.Source, Reason: reason, Detail: fmt.Sprintf(format, args...)}
		if item.Record != nil {
			r.Landmark = item.Record.Landmark.ID
		}
		return r
	}
}

// checkOne checks one record for deviceID: its landmark, its device and
// each sample, then uses up its nonces and claims its counters (counter ->
// source of the record that signed it, shared by the records of one
// verification). It returns the record's evidence or why it was rejected.
func (v *Verifier) checkOne(item Input, sig sigCheck, deviceID string, now time.Time, counters map[uint64]string) (LandmarkEvidence, *Rejection) {
	rej := rejectFor(item)
	if item.Err != nil {
		return LandmarkEvidence{}, rej(ReasonMalformed, "%v", item.Err)
	}
	r := item.Record
	if r == nil {
		return LandmarkEvidence{}, rej(ReasonMalformed, "no record")
	}
	l, bad := v.checkLandmark(r, sig, rej)
	if bad != nil {
		return LandmarkEvidence{}, bad
	}
	// The device: the one asked about, enrolled, and every sample signed
	// with its key over this landmark's challenge.
	if r.DeviceID != deviceID {
		return LandmarkEvidence{}, rej(ReasonOtherDevice, "record for device %q, verifying %q", r.DeviceID, deviceID)
	}
	d, ok := v.reg.Device(deviceID)
	if !ok {
		return LandmarkEvidence{}, rej(ReasonDeviceUnknown, "device %q is not enrolled", deviceID)
	}
	if len(r.Samples) == 0 || len(r.Samples) > MaxSamples {
		return LandmarkEvidence{}, rej(ReasonMalformed, "%d samples: want 1 to %d", len(r.Samples), MaxSamples)
	}
	if bad := v.checkSamples(r, sig, d, l, now, rej); bad != nil {
		return LandmarkEvidence{}, bad
	}
	if bad := v.claimSamples(item.Source, r, counters, rej); bad != nil {
		return LandmarkEvidence{}, bad
	}
	return LandmarkEvidence{
		Source: item.Source, Landmark: l.ID, Lat: l.Lat, Lon: l.Lon, Uncertainty: l.UncertaintyKM,
		Provenance: l.Provenance, Transport: r.Transport, Samples: len(r.Samples),
		MinRTTms: float64(r.MinRTT()) / float64(time.Millisecond),
		Counters: [2]uint64{r.Samples[0].Counter, r.Samples[len(r.Samples)-1].Counter},
		First:    r.Samples[0].Issued.UTC(),
	}, nil
}

// checkLandmark checks the record's landmark: enrolled, its signature over
// the whole record, and the position it states is the enrolled one.
func (v *Verifier) checkLandmark(r *Record, sig sigCheck, rej rejecter) (*EnrolledLandmark, *Rejection) {
	l, ok := v.reg.Landmark(r.Landmark.ID)
	if !ok {
		return nil, rej(ReasonLandmarkUnknown, "landmark %q is not enrolled", r.Landmark.ID)
	}
	if !sig.landmark {
		return nil, rej(ReasonLandmarkSignature, "the record is not signed by the enrolled key of landmark %q: forged or altered after signing", l.ID)
	}
	if r.Landmark.Lat != l.Lat || r.Landmark.Lon != l.Lon || r.Landmark.UncertaintyKM != l.UncertaintyKM {
		return nil, rej(ReasonLandmarkPosition, "landmark %q states (%v, %v) ± %v km, enrolled at (%v, %v) ± %v km",
			l.ID, r.Landmark.Lat, r.Landmark.Lon, r.Landmark.UncertaintyKM, l.Lat, l.Lon, l.UncertaintyKM)
	}
	return l, nil
}

// checkSamples checks each sample of r in order: a positive round trip,
// signed by device d for landmark l, counters rising above the device's
// last known value, a challenge neither stale nor from the future at now,
// and no nonce twice in the record.
func (v *Verifier) checkSamples(r *Record, sig sigCheck, d *Device, l *EnrolledLandmark, now time.Time, rej rejecter) *Rejection {
	prev := d.MinCounter
	seen := map[Nonce]bool{}
	for k, s := range r.Samples {
		if s.RTT <= 0 {
			return rej(ReasonMalformed, "sample %d: rtt %v is not positive", k, s.RTT)
		}
		if k >= len(sig.samples) || !sig.samples[k] {
			return rej(ReasonDeviceSignature, "sample %d (nonce %v, counter %d): not signed by the enrolled key of device %q for landmark %q", k, s.Nonce, s.Counter, r.DeviceID, l.ID)
		}
		if s.Counter <= prev {
			if k == 0 {
				return rej(ReasonCounter, "sample 0: counter %d is not above %d, the device's last known value", s.Counter, prev)
			}
			return rej(ReasonCounter, "sample %d: counter %d is not above the previous sample's %d", k, s.Counter, prev)
		}
		prev = s.Counter
		if age := now.Sub(s.Issued); age > v.maxAge {
			return rej(ReasonNonceStale, "sample %d: challenge issued %s, %s before verification (limit %s)", k, s.Issued.UTC().Format(time.RFC3339), age.Round(time.Second), v.maxAge)
		} else if -age > v.skew {
			return rej(ReasonNonceFuture, "sample %d: challenge issued %s, %s after verification (allowed clock skew %s)", k, s.Issued.UTC().Format(time.RFC3339), (-age).Round(time.Second), v.skew)
		}
		if seen[s.Nonce] {
			return rej(ReasonNonceReplayed, "sample %d: nonce %v repeats within the record", k, s.Nonce)
		}
		seen[s.Nonce] = true
	}
	return nil
}

// claimSamples uses up the nonces of r's samples, which have passed every
// other check, then rejects a counter another record of this verification
// already signed and records r's counters as signed in source.
func (v *Verifier) claimSamples(source string, r *Record, counters map[uint64]string, rej rejecter) *Rejection {
	for k, s := range r.Samples {
		if !v.nonces.Claim(s.Nonce, s.Issued.Add(v.maxAge+v.skew)) {
			return rej(ReasonNonceReplayed, "sample %d: nonce %v was already used: a replayed record or sample", k, s.Nonce)
		}
	}
	for k, s := range r.Samples {
		if src, dup := counters[s.Counter]; dup {
			return rej(ReasonCounter, "sample %d: counter %d was already signed in %s: a second holder of the device key, or a replay", k, s.Counter, src)
		}
	}
	for _, s := range r.Samples {
		counters[s.Counter] = source
	}
	return nil
}

// Limitations is appended to the notes of every verdict made from
// records: what the protocol does not prove.
var Limitations = []string{
	"the signatures prove that the holder of the device key answered; a cloned or extracted key lets a copy near a landmark answer for the device, undetectable from timing (a counter value signed twice is the only trace)",
	"a relay can only add delay: the device can be made to look farther away, never nearer",
	"a chip that stays at a verified place can still be used remotely from a country of concern: this locates the chip, not its users",
	"a compromised landmark key or host can forge records or state a false position; each landmark's provenance is listed with its evidence",
}

// Result is a verdict on where a device is, from records.
type Result struct {
	Location verify.Result
	Evidence Evidence
	// Notes say what was rejected and what the protocol does not prove;
	// Location.Notes say what the delay bound does not prove.
	Notes []string
}

// Verify checks the records (see [Verifier.Check]) and runs
// [verify.Verify] on the minimum RTT of every accepted one. No accepted
// record gives verify.VerdictInsufficient, never an error.
func (v *Verifier) Verify(ctx context.Context, deviceID string, in []Input, declared verify.Site, judge []string, opts ...verify.Option) (Result, error) {
	ev, err := v.Check(ctx, deviceID, in)
	if err != nil {
		return Result{}, err
	}
	loc, err := verify.Verify(ctx, declared, ev.Measurements, judge, opts...)
	if err != nil {
		return Result{}, err
	}
	var notes []string
	if n := len(ev.Rejected); n > 0 {
		byReason := map[Reason]int{}
		for _, r := range ev.Rejected {
			byReason[r.Reason]++
		}
		reasons := make([]string, 0, len(byReason))
		for r, c := range byReason {
			reasons = append(reasons, fmt.Sprintf("%s ×%d", r, c))
		}
		slices.Sort(reasons)
		notes = append(notes, fmt.Sprintf("%d of %d records rejected (%s); the verdict rests on the %d accepted", n, len(in), strings.Join(reasons, ", "), len(ev.Accepted)))
	}
	notes = append(notes, Limitations...)
	return Result{Location: loc, Evidence: ev, Notes: notes}, nil
}
