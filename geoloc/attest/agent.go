package attest

import (
	"context"
	"crypto/ed25519"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Counter is the device's monotonic counter: every signature takes a new,
// larger value, never reused even across restarts. In a chip it lives in
// the secure element next to the key.
type Counter interface {
	Next() (uint64, error)
}

// FileCounter is a [Counter] kept in a file, the stand-in for a secure
// element's monotonic counter. It reserves values in blocks: the file holds
// the end of the reserved block, written and synced before any value of the
// block is used, so a crash skips values but never repeats one, and no
// disk write falls inside a timed round trip except once per block.
type FileCounter struct {
	path     string
	mu       sync.Mutex
	next     uint64
	reserved uint64
}

// counterBlock is how many values one write of a FileCounter reserves.
const counterBlock = 1024

// OpenFileCounter opens (or creates, starting at 1) a counter file.
func OpenFileCounter(path string) (*FileCounter, error) {
	c := &FileCounter{path: path}
	data, err := os.ReadFile(path)
	switch {
	case errors.Is(err, os.ErrNotExist):
		c.next = 1
	case err != nil:
		return nil, err
	default:
		v, err := strconv.ParseUint(strings.TrimSpace(string(data)), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s: counter: %w", path, err)
		}
		c.next = v + 1
	}
	c.reserved = c.next - 1
	return c, nil
}

// Next implements [Counter].
func (c *FileCounter) Next() (uint64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.next > c.reserved {
		end := c.next + counterBlock - 1
		if err := writeFileSync(c.path, []byte(strconv.FormatUint(end, 10)+"\n")); err != nil {
			return 0, fmt.Errorf("attest: counter: %w", err)
		}
		c.reserved = end
	}
	v := c.next
	c.next++
	return v, nil
}

func writeFileSync(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".counter-*")
	if err != nil {
		return err
	}
	_, err = tmp.Write(data)
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return err
}

// Agent is the device side of the protocol.
type Agent struct {
	// DeviceID is the id the device is enrolled under.
	DeviceID string
	// Key is the device's Ed25519 key (in a chip, held by the secure
	// element and never exported).
	Key ed25519.PrivateKey
	// Counter gives each signature a new counter value.
	Counter Counter
	// HelloTimeout is how long to wait for the first challenge (default
	// 500 ms); HelloRetries how many more times to send Hello over UDP
	// before falling back to TCP (default 3).
	HelloTimeout time.Duration
	HelloRetries int
	// Idle ends a session when the landmark sends nothing for this long
	// (default 5 s).
	Idle time.Duration
	// MaxSignatures bounds the challenges answered in one session (default
	// 2 × MaxSamples): the device is no signing oracle.
	MaxSignatures int
	// NoTCP disables the TCP fallback; NoUDP goes straight to TCP.
	NoTCP, NoUDP bool
}

// SessionResult is what a device learns from a session.
type SessionResult struct {
	Transport string
	// Signed counts the challenges answered.
	Signed int
	// Done is the landmark's last word; Done.Samples is how many samples
	// it recorded.
	Done Done
}

// ErrRefused is returned when a landmark refuses a session (rate limit,
// capacity or an unknown device).
var ErrRefused = errors.New("attest: session refused by the landmark")

// Measure runs one session with the landmark at addr ("host:port"; the
// same port serves UDP and TCP): UDP first, with retries, then TCP.
func (a *Agent) Measure(ctx context.Context, addr string) (SessionResult, error) {
	if err := ValidID(a.DeviceID); err != nil {
		return SessionResult{}, fmt.Errorf("attest: agent: %w", err)
	}
	if len(a.Key) != ed25519.PrivateKeySize || a.Counter == nil {
		return SessionResult{}, errors.New("attest: agent: key and counter are required")
	}
	var udpErr error
	if !a.NoUDP {
		res, err := a.measureUDP(ctx, addr)
		// Fall back only when UDP got no answer at all: a session that
		// started and failed would fail the same way over TCP.
		if err == nil || res.Transport != "" || ctx.Err() != nil || a.NoTCP {
			return res, err
		}
		udpErr = err
	}
	res, err := a.measureTCP(ctx, addr)
	if err != nil && udpErr != nil {
		return res, fmt.Errorf("udp: %v; tcp: %w", udpErr, err)
	}
	return res, err
}

func (a *Agent) measureUDP(ctx context.Context, addr string) (SessionResult, error) {
	var d net.Dialer
	c, err := d.DialContext(ctx, "udp", addr)
	if err != nil {
		return SessionResult{}, err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.SetDeadline(time.Unix(1, 0)) })
	defer stop()
	hello := Hello{DeviceID: a.DeviceID}.Marshal()
	wait := a.HelloTimeout
	if wait <= 0 {
		wait = 500 * time.Millisecond
	}
	tries := a.HelloRetries
	if tries <= 0 {
		tries = 3
	}
	buf := make([]byte, MaxMessageSize+1)
	for try := 0; try <= tries; try++ {
		if _, err := c.Write(hello); err != nil {
			return SessionResult{}, err
		}
		c.SetReadDeadline(time.Now().Add(wait))
		for {
			n, err := c.Read(buf)
			if err != nil {
				if ctx.Err() != nil {
					return SessionResult{}, ctx.Err()
				}
				var ne net.Error
				if errors.As(err, &ne) && ne.Timeout() {
					break // send Hello again
				}
				// An ICMP port-unreachable shows up here: try again, then TCP.
				break
			}
			msg, err := ParseMessage(buf[:n])
			if err != nil {
				continue
			}
			switch m := msg.(type) {
			case Done:
				if m.Status == DoneRefused {
					return SessionResult{Transport: "udp", Done: m}, ErrRefused
				}
			case Challenge:
				res, err := a.serve(ctx, &dialedUDP{c}, m)
				res.Transport = "udp"
				return res, err
			}
		}
	}
	return SessionResult{}, fmt.Errorf("attest: no challenge from %s over UDP after %d hellos", addr, tries+1)
}

func (a *Agent) measureTCP(ctx context.Context, addr string) (SessionResult, error) {
	d := net.Dialer{Timeout: 5 * time.Second}
	c, err := d.DialContext(ctx, "tcp", addr)
	if err != nil {
		return SessionResult{}, err
	}
	defer c.Close()
	stop := context.AfterFunc(ctx, func() { c.Close() })
	defer stop()
	if tc, ok := c.(*net.TCPConn); ok {
		tc.SetNoDelay(true)
	}
	l := &tcpLink{conn: c}
	if err := l.send(Hello{DeviceID: a.DeviceID}.Marshal()); err != nil {
		return SessionResult{}, err
	}
	return a.serve(ctx, l, Challenge{})
}

// dialedUDP is a device's UDP socket connected to the landmark.
type dialedUDP struct{ c net.Conn }

func (l *dialedUDP) send(msg []byte) error { _, err := l.c.Write(msg); return err }
func (l *dialedUDP) name() string          { return "udp" }
func (l *dialedUDP) recv(deadline time.Time) ([]byte, time.Time, error) {
	buf := make([]byte, MaxMessageSize+1)
	l.c.SetReadDeadline(deadline)
	n, err := l.c.Read(buf)
	return buf[:n], time.Now(), err
}

// serve answers challenges until the landmark says Done. first, if it has
// a nonce, is a challenge already received.
func (a *Agent) serve(ctx context.Context, l link, first Challenge) (SessionResult, error) {
	res := SessionResult{Transport: l.name()}
	limit := a.MaxSignatures
	if limit <= 0 {
		limit = 2 * MaxSamples
	}
	idle := a.Idle
	if idle <= 0 {
		idle = 5 * time.Second
	}
	var session uint64
	pending := first
	has := first.LandmarkID != ""
	for {
		if has {
			if session == 0 {
				session = pending.Session
			}
			if pending.Session == session {
				if res.Signed >= limit {
					return res, fmt.Errorf("attest: landmark sent more than %d challenges", limit)
				}
				ctr, err := a.Counter.Next()
				if err != nil {
					return res, err
				}
				sig := SignResponse(a.Key, pending.Nonce, a.DeviceID, pending.LandmarkID, ctr)
				r := Response{Session: pending.Session, Seq: pending.Seq, Nonce: pending.Nonce, Counter: ctr, DeviceID: a.DeviceID, Signature: sig}
				if err := l.send(r.Marshal()); err != nil {
					return res, err
				}
				res.Signed++
			}
			has = false
		}
		b, _, err := l.recv(time.Now().Add(idle))
		if err != nil {
			if ctx.Err() != nil {
				return res, ctx.Err()
			}
			return res, fmt.Errorf("attest: session ended without Done after %d signatures: %w", res.Signed, err)
		}
		msg, err := ParseMessage(b)
		if err != nil {
			continue
		}
		switch m := msg.(type) {
		case Challenge:
			pending, has = m, true
		case Done:
			if session != 0 && m.Session != session && m.Status != DoneRefused {
				continue
			}
			res.Done = m
			switch m.Status {
			case DoneRefused:
				return res, ErrRefused
			case DoneFailed:
				return res, fmt.Errorf("attest: landmark recorded no measurement (%d signatures sent)", res.Signed)
			}
			return res, nil
		}
	}
}
