package attest

import (
	"context"
	"crypto/ed25519"
	"errors"
	"log/slog"
	"net"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/exportguard/exportguard/geoloc/verify"
)

// startLandmark serves lm on loopback: UDP and TCP on the same port unless
// udp is false. It returns the address and the records kept.
func startLandmark(t testing.TB, lm *Landmark, udp bool) (string, func() []*Record) {
	t.Helper()
	var mu sync.Mutex
	var recs []*Record
	lm.Logger = slog.New(slog.DiscardHandler)
	if lm.Record == nil {
		lm.Record = func(r *Record) error {
			mu.Lock()
			defer mu.Unlock()
			recs = append(recs, r)
			return nil
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("no loopback TCP: %v", err)
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
		t.Cleanup(func() { pc.Close() })
		wg.Add(1)
		go func() { defer wg.Done(); lm.ServeUDP(ctx, pc) }()
	}
	return ln.Addr().String(), func() []*Record {
		mu.Lock()
		defer mu.Unlock()
		return append([]*Record(nil), recs...)
	}
}

type memCounter struct {
	mu sync.Mutex
	v  uint64
}

func (c *memCounter) Next() (uint64, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.v++
	return c.v, nil
}

func TestSessionUDPAndTCPFallback(t *testing.T) {
	for _, tc := range []struct {
		name      string
		udp       bool
		transport string
	}{{"udp", true, "udp"}, {"tcp fallback", false, "tcp"}} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			lm := &Landmark{Info: fra, Key: key("fra"), Samples: 5, Interval: MinSampleInterval, SourceInterval: time.Minute,
				DeviceKey: f.reg.DeviceKey}
			addr, records := startLandmark(t, lm, tc.udp)
			a := &Agent{DeviceID: "gpu-0001", Key: key("gpu-0001"), Counter: &memCounter{}, HelloTimeout: 50 * time.Millisecond, HelloRetries: 1}
			res, err := a.Measure(context.Background(), addr)
			if err != nil {
				t.Fatal(err)
			}
			if res.Transport != tc.transport || res.Signed != 5 || res.Done.Samples != 5 || res.Done.Status != DoneOK {
				t.Fatalf("session %+v", res)
			}
			recs := records()
			if len(recs) != 1 || recs[0].Transport != tc.transport || len(recs[0].Samples) != 5 {
				t.Fatalf("records %+v", recs)
			}
			// The record survives the file format and verifies.
			data, err := recs[0].Marshal()
			if err != nil {
				t.Fatal(err)
			}
			r, err := ParseRecord(data, "fra.json")
			if err != nil {
				t.Fatal(err)
			}
			v := NewVerifier(f.reg)
			ev, err := v.Check(context.Background(), "gpu-0001", []Input{{Source: "fra.json", Record: r}})
			if err != nil || len(ev.Accepted) != 1 {
				t.Fatalf("check: %v %+v", err, ev.Rejected)
			}
			if got := ev.Accepted[0].Counters; got != [2]uint64{1, 5} {
				t.Errorf("counters %v", got)
			}
			// A second session from the same address within the source
			// interval is refused.
			if _, err := a.Measure(context.Background(), addr); !errors.Is(err, ErrRefused) {
				t.Errorf("second session: %v, want ErrRefused", err)
			}
		})
	}
}

// TestLandmarkRefusesUnknownDevice: a landmark that knows the enrolled
// devices does not measure others.
func TestLandmarkRefusesUnknownDevice(t *testing.T) {
	f := newFixture(t)
	lm := &Landmark{Info: fra, Key: key("fra"), Samples: 2, Interval: MinSampleInterval,
		DeviceKey: f.reg.DeviceKey}
	addr, records := startLandmark(t, lm, true)
	a := &Agent{DeviceID: "gpu-9999", Key: key("gpu-9999"), Counter: &memCounter{}, HelloTimeout: 50 * time.Millisecond, HelloRetries: 1}
	if _, err := a.Measure(context.Background(), addr); !errors.Is(err, ErrRefused) {
		t.Fatalf("unknown device: %v, want ErrRefused", err)
	}
	if n := len(records()); n != 0 {
		t.Errorf("%d records", n)
	}
}

// TestLandmarkDropsBadSignatures: answers signed with the wrong key are
// not samples; the session ends with nothing recorded.
func TestLandmarkDropsBadSignatures(t *testing.T) {
	f := newFixture(t)
	lm := &Landmark{Info: fra, Key: key("fra"), Samples: 2, Interval: MinSampleInterval, Timeout: 100 * time.Millisecond, Retries: 1,
		DeviceKey: f.reg.DeviceKey}
	addr, records := startLandmark(t, lm, true)
	a := &Agent{DeviceID: "gpu-0001", Key: key("attacker"), Counter: &memCounter{}, HelloTimeout: 50 * time.Millisecond}
	_, err := a.Measure(context.Background(), addr)
	// Two challenges unanswered (as far as the landmark can tell) end the
	// session.
	if err == nil || err.Error() != "attest: landmark recorded no measurement (2 signatures sent)" {
		t.Fatalf("err %v", err)
	}
	if n := len(records()); n != 0 {
		t.Errorf("%d records", n)
	}
}

func TestAgentBounds(t *testing.T) {
	f := newFixture(t)
	lm := &Landmark{Info: fra, Key: key("fra"), Samples: 6, Interval: MinSampleInterval}
	addr, _ := startLandmark(t, lm, true)
	a := &Agent{DeviceID: "gpu-0001", Key: key("gpu-0001"), Counter: &memCounter{}, MaxSignatures: 3}
	_, err := a.Measure(context.Background(), addr)
	if err == nil || err.Error() != "attest: landmark sent more than 3 challenges" {
		t.Fatalf("err %v", err)
	}
	_ = f
}

func TestVerdictRecord(t *testing.T) {
	f := newFixture(t)
	res, err := f.verifier().Verify(context.Background(), "gpu-0001", f.honest(), verify.Site{Country: "DE"}, concerns)
	if err != nil {
		t.Fatal(err)
	}
	vr := NewVerdictRecord("verifier-1", verify.Site{Country: "DE"}, res, testNow, 24*time.Hour)
	if err := vr.Sign(key("verifier-1")); err != nil {
		t.Fatal(err)
	}
	data, err := vr.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	got, err := ParseVerdictRecord(data, "verdict.json")
	if err != nil {
		t.Fatal(err)
	}
	trusted := map[string]ed25519.PublicKey{"verifier-1": pub("verifier-1")}
	check := func(v *VerdictRecord, now time.Time) error { return v.Check(trusted, now) }
	if err := check(got, testNow.Add(time.Hour)); err != nil {
		t.Fatalf("parsed verdict does not check: %v", err)
	}
	if got.Verdict != verify.VerdictConsistent || len(got.Landmarks) != 3 || got.Landmarks[0].MinRTTms != 4 {
		t.Errorf("verdict %s landmarks %d", got.Verdict, len(got.Landmarks))
	}
	for _, want := range Limitations {
		if !contains(got.Notes, want) {
			t.Errorf("verdict notes lack %q", want)
		}
	}
	for _, tc := range []struct {
		name   string
		change func(v *VerdictRecord)
		now    time.Time
		want   string
	}{
		{"tampered verdict", func(v *VerdictRecord) { v.Verdict = verify.VerdictConsistent; v.Landmarks[0].MinRTTms = 0.5 }, testNow, `attest: verdict from "verifier-1": signature does not verify: forged or altered`},
		{"untrusted verifier", func(v *VerdictRecord) { v.Verifier = "verifier-2" }, testNow, `attest: verdict from "verifier-2": not a trusted verifier`},
		{"expired", func(v *VerdictRecord) {}, testNow.Add(25 * time.Hour), `attest: verdict from "verifier-1": expired 2026-12-07T04:00:00Z`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			v, _ := ParseVerdictRecord(data, "verdict.json")
			tc.change(v)
			if err := check(v, tc.now); err == nil || err.Error() != tc.want {
				t.Errorf("err %v, want %s", err, tc.want)
			}
		})
	}
}

// startLandmarkB serves lm for a benchmark, counting records in kept.
func startLandmarkB(b *testing.B, lm *Landmark, kept *atomic.Int64) string {
	lm.Record = func(*Record) error { kept.Add(1); return nil }
	addr, _ := startLandmark(b, lm, true)
	return addr
}

// TestForgedHelloBounded: a Hello that nobody answers (as from a forged
// source address) draws two challenges and a Done, fewer bytes in all
// than twice the Hello: the landmark is no amplifier.
func TestForgedHelloBounded(t *testing.T) {
	lm := &Landmark{Info: fra, Key: key("fra"), Samples: 8, Timeout: 100 * time.Millisecond}
	addr, records := startLandmark(t, lm, true)
	c, err := net.Dial("udp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	hello := Hello{DeviceID: "gpu-0001"}.Marshal()
	if len(hello) != HelloSize {
		t.Fatalf("hello of %d bytes", len(hello))
	}
	c.Write(hello)
	var challenges, bytesIn int
	var done *Done
	buf := make([]byte, 1024)
	for done == nil {
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		n, err := c.Read(buf)
		if err != nil {
			t.Fatalf("after %d challenges: %v", challenges, err)
		}
		bytesIn += n
		switch m, _ := ParseMessage(buf[:n]); m := m.(type) {
		case Challenge:
			challenges++
		case Done:
			done = &m
		}
	}
	if challenges != 2 || done.Status != DoneFailed || bytesIn > 2*len(hello) {
		t.Errorf("%d challenges, %d bytes for a %d-byte hello, done %+v", challenges, bytesIn, len(hello), done)
	}
	if n := len(records()); n != 0 {
		t.Errorf("%d records", n)
	}
}
