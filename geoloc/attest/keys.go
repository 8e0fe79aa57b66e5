package attest

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/x509"
	"encoding/binary"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
)

// Domain-separation prefixes: a signature made for one purpose can never be
// taken for another.
const (
	responseDomain = "exportguard/attest/v1/response\x00"
	recordDomain   = "exportguard/attest/v1/record\x00"
	verdictDomain  = "exportguard/attest/v1/verdict\x00"
)

// ResponsePayload returns the bytes a device signs for a challenge: the
// domain prefix, the nonce, the device id, the landmark id and the
// counter. The ids are length-prefixed so no two tuples share an encoding.
func ResponsePayload(nonce Nonce, deviceID, landmarkID string, counter uint64) []byte {
	b := make([]byte, 0, len(responseDomain)+NonceSize+2+len(deviceID)+len(landmarkID)+8)
	b = append(b, responseDomain...)
	b = append(b, nonce[:]...)
	b = appendID(b, deviceID)
	b = appendID(b, landmarkID)
	return binary.BigEndian.AppendUint64(b, counter)
}

// SignResponse signs a challenge with the device key.
func SignResponse(key ed25519.PrivateKey, nonce Nonce, deviceID, landmarkID string, counter uint64) [64]byte {
	var sig [64]byte
	copy(sig[:], ed25519.Sign(key, ResponsePayload(nonce, deviceID, landmarkID, counter)))
	return sig
}

// NewNonce draws a nonce from crypto/rand.
func NewNonce() (Nonce, error) {
	var n Nonce
	_, err := rand.Read(n[:])
	return n, err
}

// GenerateKeyFile writes a new Ed25519 private key to path as a PKCS #8
// PEM block (the format of `openssl genpkey -algorithm ed25519`), readable
// by the owner only, and returns its public key. It refuses to overwrite.
func GenerateKeyFile(path string) (ed25519.PublicKey, error) {
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		return nil, err
	}
	der, err := x509.MarshalPKCS8PrivateKey(priv)
	if err != nil {
		return nil, err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return nil, err
	}
	if err := pem.Encode(f, &pem.Block{Type: "PRIVATE KEY", Bytes: der}); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return pub, f.Close()
}

// ReadKeyFile reads an Ed25519 private key written by [GenerateKeyFile] or
// openssl.
func ReadKeyFile(path string) (ed25519.PrivateKey, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseKey(data, path)
}

// ParseKey parses a PEM "PRIVATE KEY" block holding an Ed25519 key; source
// names it in errors.
func ParseKey(data []byte, source string) (ed25519.PrivateKey, error) {
	blk, rest := pem.Decode(data)
	if blk == nil {
		return nil, fmt.Errorf("%s: no PEM block", source)
	}
	if blk.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("%s: PEM block %q, want \"PRIVATE KEY\"", source, blk.Type)
	}
	if len(rest) > 0 {
		if b, _ := pem.Decode(rest); b != nil {
			return nil, fmt.Errorf("%s: more than one PEM block", source)
		}
	}
	k, err := x509.ParsePKCS8PrivateKey(blk.Bytes)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", source, err)
	}
	priv, ok := k.(ed25519.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("%s: a %T, want an Ed25519 key", source, k)
	}
	return priv, nil
}

// ErrBadMessage is matched (errors.Is) by every [WireError].
var ErrBadMessage = errors.New("attest: bad message")
