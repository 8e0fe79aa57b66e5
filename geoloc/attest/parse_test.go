package attest

import (
	"errors"
	"strings"
	"testing"
)

func TestParseErrors(t *testing.T) {
	rec := string(seedRecordT(t))
	tests := []struct {
		name, in, want string
		parse          func([]byte, string) error
	}{
		{"registry unknown field", "{\n \"devices\": [],\n \"landmark\": []\n}", `registry.json:3: json: unknown field "landmark"`, reg},
		{"registry short key", `{"devices": [{"id": "gpu-1", "public_key": "AAAA"}]}`, `registry.json: devices[0].public_key: 3 bytes, want 32`, reg},
		{"registry bad base64", "{\"devices\": [\n{\"id\": \"gpu-1\", \"public_key\": \"***\"}]}", `registry.json:2: illegal base64 data at input byte 0`, reg},
		{"registry duplicate", `{"devices": [{"id": "g", "public_key": "` + EncodeKey(pub("g")) + `"}, {"id": "g", "public_key": "` + EncodeKey(pub("g")) + `"}]}`, `registry.json: devices[1].id: "g" enrolled twice`, reg},
		{"registry landmark off the globe", `{"landmarks": [{"id": "x", "lat": 91, "lon": 0, "public_key": "` + EncodeKey(pub("x")) + `"}]}`, `registry.json: landmarks[0]: position (91, 0): latitude must be in [-90, 90] and longitude in [-180, 180]`, reg},
		{"registry trailing data", `{} {}`, `registry.json:1: data after the JSON document`, reg},
		{"record bad transport", strings.Replace(rec, `"udp"`, `"quic"`, 1), `fra.json: transport: "quic": want "udp" or "tcp"`, recp},
		{"record negative rtt", strings.Replace(rec, `"rtt_ns": 4000000`, `"rtt_ns": -4`, 1), `fra.json: samples[1].rtt_ns: -4: want more than 0 and at most one minute`, recp},
		{"record short nonce", strings.Replace(rec, `"nonce": "`, `"nonce": "AAAA`, 1), `nonce: 35 bytes, want 32`, recp},
		{"record version", strings.Replace(rec, `"version": 1`, `"version": 2`, 1), `fra.json: version: 2: only version 1 is known`, recp},
		{"record bad device id", strings.Replace(rec, `"gpu-0001"`, `"gpu 0001"`, 1), `fra.json: device_id: id "gpu 0001": byte 3 (' ') is not a letter, digit or one of -_.:`, recp},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.parse([]byte(tc.in), map[bool]string{true: "registry.json", false: "fra.json"}[strings.HasPrefix(tc.name, "registry")])
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err %v\nwant …%s", err, tc.want)
			}
			if !errors.Is(err, ErrParse) {
				t.Errorf("%v is not ErrParse", err)
			}
		})
	}
}

func reg(b []byte, src string) error  { _, err := ParseRegistry(b, src); return err }
func recp(b []byte, src string) error { _, err := ParseRecord(b, src); return err }

func seedRecordT(t *testing.T) []byte {
	fx := newFixture(t)
	data, err := fx.record(fra, "gpu-0001", key("gpu-0001"), key("fra"), 4.1, 4.0).Marshal()
	if err != nil {
		t.Fatal(err)
	}
	return data
}
