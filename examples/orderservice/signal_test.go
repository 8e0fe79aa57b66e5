//go:build unix

package main

import (
	"bytes"
	"log/slog"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// TestRunStopsOnSignal starts the service and sends the process SIGTERM
// once it listens: run must shut down cleanly and return nil.
func TestRunStopsOnSignal(t *testing.T) {
	var buf syncBuffer
	logger := slog.New(slog.NewJSONHandler(&buf, nil))
	done := make(chan error, 1)
	dsn := "sqlite:" + t.TempDir() + "/records.db"
	go func() { done <- run([]string{"-addr", "127.0.0.1:0", "-db", dsn}, logger) }()
	deadline := time.After(60 * time.Second) // a guard against a hang, not a timing assertion
	for !strings.Contains(buf.String(), `"msg":"listening"`) {
		select {
		case err := <-done:
			t.Fatalf("run returned before listening: %v\n%s", err, buf.String())
		case <-deadline:
			t.Fatalf("not listening:\n%s", buf.String())
		case <-time.After(10 * time.Millisecond):
		}
	}
	// run's signal.NotifyContext is in place before it logs "listening",
	// so the signal goes to run and not to the test process.
	if err := syscall.Kill(os.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("run: %v", err)
		}
	case <-deadline:
		t.Fatal("run did not stop")
	}
	for _, want := range []string{`"msg":"shutting down; finishing requests in flight"`, `"msg":"stopped"`} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("log lacks %s:\n%s", want, buf.String())
		}
	}
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
