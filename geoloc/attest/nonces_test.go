package attest

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestFileNoncesAcrossRuns: a record accepted by one verifier run is a
// replay to the next, through the file; expired entries are dropped.
func TestFileNoncesAcrossRuns(t *testing.T) {
	f := newFixture(t)
	path := filepath.Join(t.TempDir(), "seen")
	in := f.honest()
	for run, want := range []Reason{"", ReasonNonceReplayed} {
		store, err := OpenFileNonces(path, testNow)
		if err != nil {
			t.Fatal(err)
		}
		ev, err := f.verifier(WithNonceStore(store)).Check(context.Background(), "gpu-0001", in)
		if err != nil {
			t.Fatal(err)
		}
		if err := store.Close(); err != nil {
			t.Fatal(err)
		}
		switch {
		case want == "" && (len(ev.Accepted) != 3 || len(ev.Rejected) != 0):
			t.Fatalf("run %d: accepted %d rejected %+v", run, len(ev.Accepted), ev.Rejected)
		case want != "" && (len(ev.Accepted) != 0 || len(ev.Rejected) != 3 || ev.Rejected[0].Reason != want):
			t.Fatalf("run %d: accepted %d rejected %+v", run, len(ev.Accepted), ev.Rejected)
		}
	}
	data, _ := os.ReadFile(path)
	if n := strings.Count(string(data), "\n"); n != 7 {
		t.Errorf("%d lines, want 7 (one per sample)", n)
	}
	// A day later every entry has expired (the records are stale anyway).
	store, err := OpenFileNonces(path, testNow.Add(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	store.Close()
	if data, _ := os.ReadFile(path); len(data) != 0 {
		t.Errorf("expired entries kept: %q", data)
	}
	os.WriteFile(path, []byte("AAAA 12\n"), 0o600)
	if _, err := OpenFileNonces(path, testNow); err == nil || !strings.Contains(err.Error(), "seen:1: nonce: 3 bytes, want 32") {
		t.Errorf("bad file: %v", err)
	}
}
