package main

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/geoloc/attest"
)

func TestFlags(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "fra.pem")
	tests := []struct {
		name   string
		args   []string
		status int
		stderr string
	}{
		{"no key", []string{"-id", "fra"}, 2, "landmark: -key is required"},
		{"genkey", []string{"-genkey", "-key", key}, 0, ""},
		{"genkey again refuses to overwrite", []string{"-genkey", "-key", key}, 1, "file exists"},
		{"no out", []string{"-id", "fra", "-key", key}, 2, "landmark: -id and -out are required"},
		{"too many samples", []string{"-id", "fra", "-key", key, "-out", dir, "-samples", "65"}, 2, "-samples must be at most 64"},
		{"interval too short", []string{"-id", "fra", "-key", key, "-out", dir, "-interval", "1ms"}, 2, "-interval at least 10ms"},
		{"bad position", []string{"-id", "fra", "-key", key, "-out", dir, "-lat", "91", "-listen", "127.0.0.1:0"}, 1, "position (91, 0): latitude must be in [-90, 90]"},
		{"not a key", []string{"-id", "fra", "-key", filepath.Join(dir, "none.pem"), "-out", dir}, 1, "no such file"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if got := run(context.Background(), tc.args, &stdout, &stderr); got != tc.status {
				t.Fatalf("status %d, want %d; stderr %s", got, tc.status, stderr.String())
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr %q, want …%q…", stderr.String(), tc.stderr)
			}
			if tc.name == "genkey" && len(strings.TrimSpace(stdout.String())) != 44 {
				t.Errorf("public key %q", stdout.String())
			}
		})
	}
}

// TestServe runs the program on loopback, measures it with a device agent
// and checks the record file it writes.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "fra.pem")
	if _, err := attest.GenerateKeyFile(key); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, []string{"-id", "fra", "-lat", "50.1109", "-lon", "8.6821", "-key", key, "-out", dir,
			"-listen", "127.0.0.1:0", "-samples", "3", "-interval", "10ms"}, pw, io.Discard)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatal(err)
	}
	go io.Copy(io.Discard, pr)
	addr := strings.TrimSuffix(strings.TrimPrefix(line, "landmark fra listening on "), " (udp, tcp)\n")
	_, devKey, _ := ed25519Key(t)
	a := &attest.Agent{DeviceID: "gpu-0001", Key: devKey, Counter: &counter{}}
	res, err := a.Measure(ctx, addr)
	if err != nil || res.Done.Samples != 3 {
		t.Fatalf("session %+v: %v", res, err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "fra-gpu-0001-*.json"))
	if len(files) != 1 {
		t.Fatalf("record files %v", files)
	}
	data, _ := os.ReadFile(files[0])
	r, err := attest.ParseRecord(data, files[0])
	if err != nil {
		t.Fatal(err)
	}
	if r.Landmark.Lat != 50.1109 || len(r.Samples) != 3 || r.Samples[2].Counter != 3 {
		t.Errorf("record %+v", r)
	}
	cancel()
	select {
	case status := <-done:
		if status != 0 {
			t.Errorf("exit status %d", status)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("landmark did not stop")
	}
}
