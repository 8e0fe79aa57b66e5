package main

import (
	"crypto/ed25519"
	"crypto/rand"
	"sync"
	"testing"
)

func ed25519Key(t *testing.T) (ed25519.PublicKey, ed25519.PrivateKey, error) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv, nil
}

type counter struct {
	mu sync.Mutex
	v  uint64
}

func (c *counter) Next() (uint64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.v++
	return c.v, nil
}
