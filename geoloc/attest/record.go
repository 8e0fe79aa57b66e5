package attest

import (
	"bytes"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// MaxSamples bounds the samples in one session and one record.
const MaxSamples = 64

// MinSampleInterval is the least time between two challenges of a session.
const MinSampleInterval = 10 * time.Millisecond

// Record is a landmark's signed account of one session with a device.
type Record struct {
	// Version is 1.
	Version int `json:"version"`
	// Landmark is who measured, where it stands and how sure that is.
	Landmark LandmarkInfo `json:"landmark"`
	// DeviceID is the id the device signed with.
	DeviceID string `json:"device_id"`
	// Transport is "udp" or "tcp".
	Transport string `json:"transport"`
	// Samples are the answered challenges, in the order sent.
	Samples []Sample `json:"samples"`
	// Signature is the landmark's Ed25519 signature over [Record.Payload].
	Signature []byte `json:"signature"`
}

// LandmarkInfo is a landmark's id and stated position.
type LandmarkInfo struct {
	ID            string  `json:"id"`
	Lat           float64 `json:"lat"`
	Lon           float64 `json:"lon"`
	UncertaintyKM float64 `json:"uncertainty_km"`
}

// Sample is one answered challenge.
type Sample struct {
	// Nonce is the challenge, drawn from crypto/rand by the landmark.
	Nonce Nonce `json:"nonce"`
	// Issued is the landmark's wall-clock time when it sent the challenge
	// (for freshness; the RTT comes from the monotonic clock).
	Issued time.Time `json:"issued"`
	// Counter is the device's monotonic counter value it signed.
	Counter uint64 `json:"counter"`
	// Signature is the device's signature over [ResponsePayload].
	Signature []byte `json:"signature"`
	// RTT is the round trip measured on the landmark's monotonic clock,
	// from sending the challenge to receiving the signed answer.
	RTT time.Duration `json:"rtt_ns"`
}

// MarshalText encodes the nonce in standard base64.
func (n Nonce) MarshalText() ([]byte, error) {
	return []byte(base64.StdEncoding.EncodeToString(n[:])), nil
}

// UnmarshalText decodes a base64 nonce of exactly NonceSize bytes.
func (n *Nonce) UnmarshalText(b []byte) error {
	v, err := base64.StdEncoding.DecodeString(string(b))
	if err != nil {
		return fmt.Errorf("nonce: %w", err)
	}
	if len(v) != NonceSize {
		return fmt.Errorf("nonce: %d bytes, want %d", len(v), NonceSize)
	}
	copy(n[:], v)
	return nil
}

// String returns the first bytes of the nonce in hex, for messages.
func (n Nonce) String() string { return fmt.Sprintf("%x…", n[:6]) }

// Payload returns the bytes the landmark signs: every field of the record
// except the signature, in a fixed binary layout (floats as IEEE 754 bits,
// times as Unix nanoseconds), after a domain prefix.
func (r *Record) Payload() []byte {
	b := make([]byte, 0, 128+len(r.Samples)*140)
	b = append(b, recordDomain...)
	b = binary.BigEndian.AppendUint16(b, uint16(r.Version))
	b = appendID(b, r.Landmark.ID)
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(r.Landmark.Lat))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(r.Landmark.Lon))
	b = binary.BigEndian.AppendUint64(b, math.Float64bits(r.Landmark.UncertaintyKM))
	b = appendID(b, r.DeviceID)
	b = appendID(b, r.Transport)
	b = binary.BigEndian.AppendUint16(b, uint16(len(r.Samples)))
	for _, s := range r.Samples {
		b = append(b, s.Nonce[:]...)
		b = binary.BigEndian.AppendUint64(b, uint64(s.Issued.UnixNano()))
		b = binary.BigEndian.AppendUint64(b, s.Counter)
		b = append(b, byte(len(s.Signature)))
		b = append(b, s.Signature...)
		b = binary.BigEndian.AppendUint64(b, uint64(s.RTT))
	}
	return b
}

// Sign sets the record's signature with the landmark key.
func (r *Record) Sign(key ed25519.PrivateKey) {
	r.Signature = ed25519.Sign(key, r.Payload())
}

// MinRTT returns the smallest sample RTT, or 0 without samples.
func (r *Record) MinRTT() time.Duration {
	var m time.Duration
	for i, s := range r.Samples {
		if i == 0 || s.RTT < m {
			m = s.RTT
		}
	}
	return m
}

// Marshal encodes the record as indented JSON.
func (r *Record) Marshal() ([]byte, error) {
	return json.MarshalIndent(r, "", "  ")
}

// ParseError reports a record, registry or verdict file that cannot be
// used, with the file, line and field.
type ParseError struct {
	Source string
	Line   int
	Field  string
	Reason string
}

func (e *ParseError) Error() string {
	loc := e.Source
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.Source, e.Line)
	}
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", loc, e.Field, e.Reason)
	}
	return fmt.Sprintf("%s: %s", loc, e.Reason)
}

// Is reports whether target is [ErrParse].
func (e *ParseError) Is(target error) bool { return target == ErrParse }

// ErrParse is matched (errors.Is) by every [ParseError].
var ErrParse = errors.New("attest: cannot parse")

// MaxFileSize bounds a record, registry or verdict file.
const MaxFileSize = 1 << 20

// decodeStrict decodes one JSON document into v, rejecting unknown fields,
// trailing data and oversize input, with the line of the error.
func decodeStrict(data []byte, source string, v any) error {
	if len(data) > MaxFileSize {
		return &ParseError{Source: source, Reason: fmt.Sprintf("%d bytes exceeds the limit of %d", len(data), MaxFileSize)}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		pe := &ParseError{Source: source, Line: lineAt(data, errOffset(data, err, dec.InputOffset())), Reason: err.Error()}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			pe.Field = te.Field
			pe.Reason = fmt.Sprintf("%s value cannot be a %s", te.Value, te.Type)
		}
		return pe
	}
	if _, err := dec.Token(); err != io.EOF {
		return &ParseError{Source: source, Line: lineAt(data, dec.InputOffset()), Reason: "data after the JSON document"}
	}
	return nil
}

func errOffset(data []byte, err error, stopped int64) int64 {
	// An unknown field carries no offset: find the last use of its name as
	// a key before where the decoder stopped.
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		key := []byte(name)
		upto := data[:min(max(stopped, 0), int64(len(data)))]
		for i := bytes.LastIndex(upto, key); i >= 0; i = bytes.LastIndex(upto[:i], key) {
			rest := bytes.TrimLeft(upto[i+len(key):], " \t\r\n")
			if len(rest) > 0 && rest[0] == ':' {
				return int64(i)
			}
		}
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		return int64(len(data)) // the file ends too soon: say where it ends
	case errors.As(err, &se):
		return se.Offset
	case errors.As(err, &te):
		return te.Offset
	}
	return stopped
}

func lineAt(data []byte, off int64) int {
	off = min(max(off, 0), int64(len(data)))
	return 1 + bytes.Count(data[:off], []byte("\n"))
}

// ParseRecord decodes a record file strictly: unknown fields, a missing
// field, a bad id, a position off the globe, a negative or zero RTT, more
// than MaxSamples samples or a signature of the wrong size are errors
// naming the file, line or field. It checks the form only; [Verifier]
// checks the signatures.
func ParseRecord(data []byte, source string) (*Record, error) {
	var r Record
	if err := decodeStrict(data, source, &r); err != nil {
		return nil, err
	}
	bad := func(field, reason string) error { return &ParseError{Source: source, Field: field, Reason: reason} }
	if r.Version != 1 {
		return nil, bad("version", fmt.Sprintf("%d: only version 1 is known", r.Version))
	}
	if err := ValidID(r.Landmark.ID); err != nil {
		return nil, bad("landmark.id", err.Error())
	}
	if err := checkPosition(r.Landmark.Lat, r.Landmark.Lon, r.Landmark.UncertaintyKM); err != nil {
		return nil, bad("landmark", err.Error())
	}
	if err := ValidID(r.DeviceID); err != nil {
		return nil, bad("device_id", err.Error())
	}
	if r.Transport != "udp" && r.Transport != "tcp" {
		return nil, bad("transport", fmt.Sprintf("%q: want \"udp\" or \"tcp\"", r.Transport))
	}
	if len(r.Samples) == 0 || len(r.Samples) > MaxSamples {
		return nil, bad("samples", fmt.Sprintf("%d samples: want 1 to %d", len(r.Samples), MaxSamples))
	}
	for i, s := range r.Samples {
		f := fmt.Sprintf("samples[%d]", i)
		if s.Issued.IsZero() {
			return nil, bad(f+".issued", "missing")
		}
		if len(s.Signature) != ed25519.SignatureSize {
			return nil, bad(f+".signature", fmt.Sprintf("%d bytes, want %d", len(s.Signature), ed25519.SignatureSize))
		}
		if s.RTT <= 0 || s.RTT > time.Minute {
			return nil, bad(f+".rtt_ns", fmt.Sprintf("%d: want more than 0 and at most one minute", s.RTT))
		}
	}
	if len(r.Signature) != ed25519.SignatureSize {
		return nil, bad("signature", fmt.Sprintf("%d bytes, want %d", len(r.Signature), ed25519.SignatureSize))
	}
	return &r, nil
}

func checkPosition(lat, lon, unc float64) error {
	if !(lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) {
		return fmt.Errorf("position (%v, %v): latitude must be in [-90, 90] and longitude in [-180, 180]", lat, lon)
	}
	if !(unc >= 0 && unc <= 20000) {
		return fmt.Errorf("uncertainty_km %v: must be in [0, 20000]", unc)
	}
	return nil
}
