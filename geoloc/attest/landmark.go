package attest

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"sync"
	"time"
)

// Landmark serves challenges to devices and records signed measurements.
// Set the fields, then call [Landmark.ServeUDP] and [Landmark.ServeTCP]
// (both may run at once); the zero value of each optional field means its
// default.
type Landmark struct {
	// Info is the landmark's id and enrolled position.
	Info LandmarkInfo
	// Key signs the records.
	Key ed25519.PrivateKey
	// Samples per session (default 8, at most MaxSamples).
	Samples int
	// Interval between challenges (default 20 ms, at least
	// MinSampleInterval).
	Interval time.Duration
	// Timeout for each answer (default 1 s); an unanswered challenge is
	// retried with a fresh nonce.
	Timeout time.Duration
	// Retries is how many challenges beyond Samples a session may send to
	// make up for lost ones (default Samples).
	Retries int
	// SourceInterval is the least time between two sessions from the same
	// IP address (default 1 s); sooner ones are refused.
	SourceInterval time.Duration
	// MaxSessions bounds concurrent sessions (default 16).
	MaxSessions int
	// DeviceKey, if set, looks up enrolled device keys: answers that do
	// not verify are then ignored (a forged answer racing the device's
	// cannot spoil the record). Without it every answer is recorded and
	// the verifier judges.
	DeviceKey func(id string) (ed25519.PublicKey, bool)
	// Record receives every signed record (for example to write it to a
	// file). Required.
	Record func(*Record) error
	// Logger, default slog.Default().
	Logger *slog.Logger

	once     sync.Once
	initErr  error
	mu       sync.Mutex
	active   int
	lastFrom map[netip.Addr]time.Time
}

// defaults checks the fields and fills in the defaults, once, however
// many Serve methods run.
func (lm *Landmark) defaults() error {
	lm.once.Do(func() { lm.initErr = lm.setDefaults() })
	return lm.initErr
}

func (lm *Landmark) setDefaults() error {
	if err := ValidID(lm.Info.ID); err != nil {
		return fmt.Errorf("attest: landmark: %w", err)
	}
	if err := checkPosition(lm.Info.Lat, lm.Info.Lon, lm.Info.UncertaintyKM); err != nil {
		return fmt.Errorf("attest: landmark %s: %w", lm.Info.ID, err)
	}
	if len(lm.Key) != ed25519.PrivateKeySize {
		return fmt.Errorf("attest: landmark %s: no signing key", lm.Info.ID)
	}
	if lm.Record == nil {
		return fmt.Errorf("attest: landmark %s: no Record function", lm.Info.ID)
	}
	if lm.Samples <= 0 {
		lm.Samples = 8
	}
	lm.Samples = min(lm.Samples, MaxSamples)
	if lm.Interval == 0 {
		lm.Interval = 20 * time.Millisecond
	}
	lm.Interval = max(lm.Interval, MinSampleInterval)
	if lm.Timeout <= 0 {
		lm.Timeout = time.Second
	}
	if lm.Retries <= 0 {
		lm.Retries = lm.Samples
	}
	if lm.SourceInterval == 0 {
		lm.SourceInterval = time.Second
	}
	if lm.MaxSessions <= 0 {
		lm.MaxSessions = 16
	}
	if lm.Logger == nil {
		lm.Logger = slog.Default()
	}
	lm.lastFrom = map[netip.Addr]time.Time{}
	return nil
}

// admit reports whether a session from src may start now, and reserves a
// slot for it.
func (lm *Landmark) admit(src netip.Addr) bool {
	lm.mu.Lock()
	defer lm.mu.Unlock()
	now := time.Now()
	if last, ok := lm.lastFrom[src]; ok && now.Sub(last) < lm.SourceInterval {
		return false
	}
	if lm.active >= lm.MaxSessions {
		return false
	}
	if len(lm.lastFrom) > 10000 {
		for a, t := range lm.lastFrom {
			if now.Sub(t) >= lm.SourceInterval {
				delete(lm.lastFrom, a)
			}
		}
	}
	lm.lastFrom[src] = now
	lm.active++
	return true
}

func (lm *Landmark) release() {
	lm.mu.Lock()
	lm.active--
	lm.mu.Unlock()
}

// ServeUDP answers sessions on conn until ctx is done.
func (lm *Landmark) ServeUDP(ctx context.Context, conn *net.UDPConn) error {
	if err := lm.defaults(); err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { conn.SetReadDeadline(time.Unix(1, 0)) })
	defer stop()
	var mu sync.Mutex
	sessions := map[netip.AddrPort]*udpLink{}
	var wg sync.WaitGroup
	defer wg.Wait()
	buf := make([]byte, MaxMessageSize+1)
	for {
		n, from, err := conn.ReadFromUDPAddrPort(buf)
		at := time.Now()
		if err != nil {
			if again, err := serveError(ctx, err); !again {
				return err
			}
			continue
		}
		msg, err := ParseMessage(buf[:n])
		if err != nil {
			lm.Logger.Debug("landmark: dropped datagram", "from", from, "err", err)
			continue
		}
		mu.Lock()
		s := sessions[from]
		mu.Unlock()
		switch m := msg.(type) {
		case Hello:
			if s != nil {
				continue // a repeated hello while the session runs
			}
			if !lm.admit(from.Addr().Unmap()) {
				conn.WriteToUDPAddrPort(Done{Status: DoneRefused}.Marshal(), from)
				lm.Logger.Info("landmark: session refused", "from", from, "device", m.DeviceID)
				continue
			}
			l := &udpLink{conn: conn, peer: net.UDPAddrFromAddrPort(from), in: make(chan packet, 8)}
			mu.Lock()
			sessions[from] = l
			mu.Unlock()
			wg.Add(1)
			go func() {
				defer wg.Done()
				defer lm.release()
				lm.session(ctx, l, m.DeviceID)
				mu.Lock()
				delete(sessions, from)
				mu.Unlock()
			}()
		case Response:
			if s == nil {
				continue
			}
			select {
			case s.in <- packet{append([]byte(nil), buf[:n]...), at}:
			default: // a flood: the session sees what fits
			}
		}
	}
}

// serveError says how a serve loop goes on after a read or accept error:
// it ends without error once ctx is done, goes on after a timeout, and
// ends with any other error.
func serveError(ctx context.Context, err error) (again bool, _ error) {
	if ctx.Err() != nil {
		return false, nil
	}
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return true, nil
	}
	return false, err
}

// ServeTCP answers sessions on ln until ctx is done: the fallback for
// devices whose UDP does not get through.
func (lm *Landmark) ServeTCP(ctx context.Context, ln net.Listener) error {
	if err := lm.defaults(); err != nil {
		return err
	}
	stop := context.AfterFunc(ctx, func() { ln.Close() })
	defer stop()
	var wg sync.WaitGroup
	defer wg.Wait()
	for {
		c, err := ln.Accept()
		if err != nil {
			if again, err := serveError(ctx, err); !again {
				return err
			}
			continue
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer c.Close()
			stopConn := context.AfterFunc(ctx, func() { c.Close() })
			defer stopConn()
			if tc, ok := c.(*net.TCPConn); ok {
				tc.SetNoDelay(true)
			}
			l := &tcpLink{conn: c}
			b, _, err := l.recv(time.Now().Add(lm.Timeout))
			if err != nil {
				return
			}
			msg, err := ParseMessage(b)
			h, ok := msg.(Hello)
			if err != nil || !ok {
				lm.Logger.Debug("landmark: bad hello", "from", c.RemoteAddr(), "err", err)
				return
			}
			src := netip.Addr{}
			if ap, err := netip.ParseAddrPort(c.RemoteAddr().String()); err == nil {
				src = ap.Addr().Unmap()
			}
			if !lm.admit(src) {
				l.send(Done{Status: DoneRefused}.Marshal())
				return
			}
			defer lm.release()
			lm.session(ctx, l, h.DeviceID)
		}()
	}
}

// session runs the challenges of one session and records the result.
func (lm *Landmark) session(ctx context.Context, l link, deviceID string) {
	var sid [8]byte
	rand.Read(sid[:])
	session := binary.BigEndian.Uint64(sid[:])
	var devKey ed25519.PublicKey
	if lm.DeviceKey != nil {
		k, ok := lm.DeviceKey(deviceID)
		if !ok {
			l.send(Done{Session: session, Status: DoneRefused}.Marshal())
			lm.Logger.Info("landmark: unknown device refused", "device", deviceID)
			return
		}
		devKey = k
	}
	rec := &Record{Version: 1, Landmark: lm.Info, DeviceID: deviceID, Transport: l.name()}
	var last time.Time
challenges:
	for seq := 0; len(rec.Samples) < lm.Samples && seq < lm.Samples+lm.Retries; seq++ {
		if ctx.Err() != nil {
			return
		}
		if wait := lm.Interval - time.Since(last); !last.IsZero() && wait > 0 {
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return
			}
		}
		nonce, err := NewNonce()
		if err != nil {
			lm.Logger.Error("landmark: no randomness", "err", err)
			return
		}
		ch := Challenge{Session: session, Seq: uint16(seq), LandmarkID: lm.Info.ID, Nonce: nonce}
		msg := ch.Marshal()
		issued := time.Now() // wall clock for freshness, monotonic for the RTT
		last = issued
		if err := l.send(msg); err != nil {
			lm.Logger.Info("landmark: send failed", "device", deviceID, "err", err)
			break
		}
		s, ok := lm.await(l, ch, deviceID, devKey, issued)
		switch {
		case ok:
			rec.Samples = append(rec.Samples, s)
		case l.name() == "tcp":
			break challenges // a stream does not lose messages: the peer is gone
		case len(rec.Samples) == 0 && seq >= 1:
			// Two challenges and no answer: the Hello may have come from
			// a forged address. Send nothing more.
			break challenges
		}
	}
	status := DoneOK
	if len(rec.Samples) == 0 {
		status = DoneFailed
	} else {
		rec.Sign(lm.Key)
		if err := lm.Record(rec); err != nil {
			lm.Logger.Error("landmark: record not kept", "device", deviceID, "err", err)
			status = DoneFailed
		}
	}
	l.send(Done{Session: session, Status: status, Samples: uint16(len(rec.Samples))}.Marshal())
	lm.Logger.Info("landmark: session", "device", deviceID, "transport", l.name(), "samples", len(rec.Samples), "min_rtt", rec.MinRTT())
}

// await waits for the answer to ch; other messages are ignored.
func (lm *Landmark) await(l link, ch Challenge, deviceID string, devKey ed25519.PublicKey, issued time.Time) (Sample, bool) {
	deadline := issued.Add(lm.Timeout)
	for {
		b, at, err := l.recv(deadline)
		if err != nil {
			return Sample{}, false
		}
		msg, err := ParseMessage(b)
		r, ok := msg.(Response)
		if err != nil || !ok || r.Session != ch.Session || r.Seq != ch.Seq || r.Nonce != ch.Nonce || r.DeviceID != deviceID {
			continue
		}
		if devKey != nil && !ed25519.Verify(devKey, ResponsePayload(r.Nonce, deviceID, ch.LandmarkID, r.Counter), r.Signature[:]) {
			lm.Logger.Info("landmark: answer with a bad signature ignored", "device", deviceID)
			continue
		}
		return Sample{Nonce: ch.Nonce, Issued: issued.Round(0).UTC(), Counter: r.Counter, Signature: append([]byte(nil), r.Signature[:]...), RTT: at.Sub(issued)}, true
	}
}
