package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/exportguard/exportguard/geoloc/attest"
)

func TestFlags(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "dev.pem")
	tests := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"no key", []string{"-id", "gpu-0001"}, 2, "chipagent: -key is required"},
		{"genkey", []string{"-genkey", "-key", key}, 0, ""},
		{"no landmarks", []string{"-id", "gpu-0001", "-key", key}, 2, "chipagent: -id and -landmarks are required"},
		{"bad id", []string{"-id", "gpu 1", "-key", key, "-landmarks", "127.0.0.1:1"}, 2, `chipagent: -id: id "gpu 1": byte 3 (' ') is not a letter`},
		{"bad counter file", []string{"-id", "gpu-0001", "-key", key, "-landmarks", "127.0.0.1:1", "-counter", filepath.Join(dir, "bad.counter")}, 1, "bad.counter: counter: strconv.ParseUint"},
	}
	os.WriteFile(filepath.Join(dir, "bad.counter"), []byte("minus one\n"), 0o600)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := run(context.Background(), tc.args, &stdout, &stderr); got != tc.status {
				t.Fatalf("status %d, want %d; stderr %s", got, tc.status, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q, want …%q…", stderr.String(), tc.stderr)
			}
		})
	}
}

// TestMeasure: the agent measures two landmarks on loopback, one of them
// TCP only (its UDP port is closed), and the counter file moves on across
// runs so no value is signed twice.
func TestMeasure(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "dev.pem")
	pub, err := attest.GenerateKeyFile(key)
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var recs []*attest.Record
	serve := func(id string, udp bool) string {
		_, lk, _ := ed25519.GenerateKey(rand.Reader)
		lm := &attest.Landmark{Info: attest.LandmarkInfo{ID: id, Lat: 1, Lon: 2, UncertaintyKM: 1}, Key: lk, Samples: 2, Interval: attest.MinSampleInterval,
			SourceInterval: 1, Logger: slog.New(slog.DiscardHandler),
			DeviceKey: func(string) (ed25519.PublicKey, bool) { return pub, true },
			Record:    func(r *attest.Record) error { mu.Lock(); recs = append(recs, r); mu.Unlock(); return nil }}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		t.Cleanup(func() { cancel(); wg.Wait() })
		wg.Add(1)
		go func() { defer wg.Done(); lm.ServeTCP(ctx, ln) }()
		if udp {
			pc, err := net.ListenUDP("udp", net.UDPAddrFromAddrPort(ln.Addr().(*net.TCPAddr).AddrPort()))
			if err != nil {
				t.Fatal(err)
			}
			wg.Add(1)
			go func() { defer wg.Done(); lm.ServeUDP(ctx, pc) }()
		}
		return ln.Addr().String()
	}
	a, b := serve("a", true), serve("b", false)
	for runNo := range 2 {
		var stdout, stderr bytes.Buffer
		if got := run(context.Background(), []string{"-id", "gpu-0001", "-key", key, "-landmarks", a + "," + b, "-hello-timeout", "50ms", "-hello-retries", "1"}, &stdout, &stderr); got != 0 {
			t.Fatalf("run %d: status %d: %s", runNo, got, stderr.String())
		}
		want := a + ": udp, 2 challenges signed, 2 samples recorded\n" + b + ": tcp, 2 challenges signed, 2 samples recorded\n"
		if stdout.String() != want {
			t.Errorf("run %d output\n%s\nwant\n%s", runNo, stdout.String(), want)
		}
	}
	seen := map[uint64]bool{}
	for _, r := range recs {
		for _, s := range r.Samples {
			if seen[s.Counter] {
				t.Errorf("counter %d signed twice", s.Counter)
			}
			seen[s.Counter] = true
		}
	}
	if len(seen) != 8 {
		t.Errorf("%d counter values, want 8", len(seen))
	}
	data, _ := os.ReadFile(filepath.Join(dir, "dev.counter"))
	if strings.TrimSpace(string(data)) != "2048" {
		t.Errorf("counter file %q: want the second run's reserved block end, 2048", data)
	}
}
