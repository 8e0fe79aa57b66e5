package attest

import (
	"crypto/ed25519"
	"encoding/base64"
	"fmt"
	"os"
)

// Registry holds the enrolled devices and landmarks: the only keys a
// [Verifier] trusts.
//
// File format (JSON, strict):
//
//	{"devices": [{"id": "gpu-0001", "public_key": "<base64, 32 bytes>",
//	              "min_counter": 0, "note": "..."}],
//	 "landmarks": [{"id": "fra", "lat": 50.1109, "lon": 8.6821,
//	                "uncertainty_km": 1, "provenance": "...",
//	                "public_key": "<base64>"}]}
type Registry struct {
	Devices   []Device           `json:"devices"`
	Landmarks []EnrolledLandmark `json:"landmarks"`

	devices   map[string]*Device
	landmarks map[string]*EnrolledLandmark
}

// Device is an enrolled device.
type Device struct {
	ID string `json:"id"`
	// PublicKey is the Ed25519 key that the device's secure element holds
	// the private half of.
	PublicKey ed25519.PublicKey `json:"public_key"`
	// MinCounter is the counter value last seen at enrolment or at the
	// last verification: every accepted sample must sign a larger one.
	MinCounter uint64 `json:"min_counter,omitempty"`
	Note       string `json:"note,omitempty"`
}

// EnrolledLandmark is a landmark, its position and its key.
type EnrolledLandmark struct {
	LandmarkInfo
	// Provenance says where the position comes from and when it was last
	// verified; carried into every verdict.
	Provenance string            `json:"provenance"`
	PublicKey  ed25519.PublicKey `json:"public_key"`
}

// ParseRegistry decodes a registry file strictly: unknown fields, a bad
// id, a duplicate id, a key that is not 32 bytes of base64, a position off
// the globe are errors naming the file and field.
func ParseRegistry(data []byte, source string) (*Registry, error) {
	var r Registry
	if err := decodeStrict(data, source, &r); err != nil {
		return nil, err
	}
	if err := r.index(source); err != nil {
		return nil, err
	}
	return &r, nil
}

// NewRegistry builds a registry from enrolled devices and landmarks, with
// the same checks as [ParseRegistry].
func NewRegistry(devices []Device, landmarks []EnrolledLandmark) (*Registry, error) {
	r := &Registry{Devices: devices, Landmarks: landmarks}
	if err := r.index("registry"); err != nil {
		return nil, err
	}
	return r, nil
}

func (r *Registry) index(source string) error {
	bad := func(field, reason string) error { return &ParseError{Source: source, Field: field, Reason: reason} }
	r.devices = make(map[string]*Device, len(r.Devices))
	for i := range r.Devices {
		d := &r.Devices[i]
		f := fmt.Sprintf("devices[%d]", i)
		if err := ValidID(d.ID); err != nil {
			return bad(f+".id", err.Error())
		}
		if r.devices[d.ID] != nil {
			return bad(f+".id", fmt.Sprintf("%q enrolled twice", d.ID))
		}
		if len(d.PublicKey) != ed25519.PublicKeySize {
			return bad(f+".public_key", fmt.Sprintf("%d bytes, want %d", len(d.PublicKey), ed25519.PublicKeySize))
		}
		r.devices[d.ID] = d
	}
	r.landmarks = make(map[string]*EnrolledLandmark, len(r.Landmarks))
	for i := range r.Landmarks {
		l := &r.Landmarks[i]
		f := fmt.Sprintf("landmarks[%d]", i)
		if err := ValidID(l.ID); err != nil {
			return bad(f+".id", err.Error())
		}
		if r.landmarks[l.ID] != nil {
			return bad(f+".id", fmt.Sprintf("%q enrolled twice", l.ID))
		}
		if err := checkPosition(l.Lat, l.Lon, l.UncertaintyKM); err != nil {
			return bad(f, err.Error())
		}
		if len(l.PublicKey) != ed25519.PublicKeySize {
			return bad(f+".public_key", fmt.Sprintf("%d bytes, want %d", len(l.PublicKey), ed25519.PublicKeySize))
		}
		r.landmarks[l.ID] = l
	}
	return nil
}

// ReadRegistry reads and parses a registry file.
func ReadRegistry(path string) (*Registry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseRegistry(data, path)
}

// Device returns the enrolled device with id.
func (r *Registry) Device(id string) (*Device, bool) {
	d, ok := r.devices[id]
	return d, ok
}

// Landmark returns the enrolled landmark with id.
func (r *Registry) Landmark(id string) (*EnrolledLandmark, bool) {
	l, ok := r.landmarks[id]
	return l, ok
}

// EncodeKey returns a public key as the registry writes it.
func EncodeKey(k ed25519.PublicKey) string { return base64.StdEncoding.EncodeToString(k) }

// DeviceKey returns the public key of an enrolled device; it fits
// [Landmark.DeviceKey].
func (r *Registry) DeviceKey(id string) (ed25519.PublicKey, bool) {
	if d, ok := r.devices[id]; ok {
		return d.PublicKey, true
	}
	return nil, false
}
