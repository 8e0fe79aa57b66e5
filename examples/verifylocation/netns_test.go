package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/geoloc/attest"
	"github.com/exportguard/exportguard/geoloc/verify"
)

// netns is a test network: namespaces and veth pairs created by the test,
// removed when it ends.
type netns struct {
	t      *testing.T
	prefix string
}

func (n *netns) name(tag string) string { return n.prefix + tag }

func (n *netns) ip(args ...string) error {
	out, err := exec.Command("ip", args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("ip %s: %v: %s", strings.Join(args, " "), err, bytes.TrimSpace(out))
	}
	return nil
}

func (n *netns) must(args ...string) {
	n.t.Helper()
	if err := n.ip(args...); err != nil {
		n.t.Fatal(err)
	}
}

// add creates namespace tag with its loopback up.
func (n *netns) add(tag string) error {
	ns := n.name(tag)
	if err := n.ip("netns", "add", ns); err != nil {
		return err
	}
	n.t.Cleanup(func() {
		if err := n.ip("netns", "del", ns); err != nil {
			n.t.Errorf("cleanup: %v", err)
		}
	})
	return n.ip("-n", ns, "link", "set", "lo", "up")
}

// link joins namespaces a and b by a veth pair on 10.77.<subnet>.0/24: a
// gets .2, b gets .1.
func (n *netns) link(a, b string, subnet int) {
	n.t.Helper()
	va, vb := fmt.Sprintf("%sv%da", n.prefix, subnet), fmt.Sprintf("%sv%db", n.prefix, subnet)
	n.must("link", "add", va, "netns", n.name(a), "type", "veth", "peer", "name", vb, "netns", n.name(b))
	n.must("-n", n.name(a), "addr", "add", fmt.Sprintf("10.77.%d.2/24", subnet), "dev", va)
	n.must("-n", n.name(b), "addr", "add", fmt.Sprintf("10.77.%d.1/24", subnet), "dev", vb)
	n.must("-n", n.name(a), "link", "set", va, "up")
	n.must("-n", n.name(b), "link", "set", vb, "up")
}

// start runs a program in namespace tag until the test ends, and waits for
// a line of its output containing ready.
func (n *netns) start(tag, ready string, env []string, prog string, args ...string) {
	n.t.Helper()
	cmd := exec.Command("ip", append([]string{"netns", "exec", n.name(tag), prog}, args...)...)
	cmd.Env = append(os.Environ(), env...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		n.t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		n.t.Fatal(err)
	}
	n.t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	got := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if strings.Contains(sc.Text(), ready) {
				got <- true
				break
			}
		}
		for sc.Scan() {
		}
		got <- false
	}()
	select {
	case ok := <-got:
		if !ok {
			n.t.Fatalf("%s in %s exited before %q: %s", prog, tag, ready, stderr.String())
		}
	case <-time.After(30 * time.Second):
		n.t.Fatalf("%s in %s: no %q after 30 s: %s", prog, tag, ready, stderr.String())
	}
}

// run runs a program in namespace tag and returns its output.
func (n *netns) run(tag string, prog string, args ...string) (string, string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, "ip", append([]string{"netns", "exec", n.name(tag), prog}, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return stdout.String(), stderr.String(), err
}

// newNetns makes a test network, or skips the test saying why it cannot.
func newNetns(t *testing.T) *netns {
	if testing.Short() {
		t.Skip("network-namespace test skipped in -short mode")
	}
	if os.Geteuid() != 0 {
		t.Skip("network-namespace test needs root (ip netns add); CI runs it as root")
	}
	if _, err := exec.LookPath("ip"); err != nil {
		t.Skip("network-namespace test needs the ip command (iproute2)")
	}
	n := &netns{t: t, prefix: fmt.Sprintf("eg%d", os.Getpid()%100000)}
	if err := n.add("probe"); err != nil {
		t.Skipf("cannot create a network namespace here: %v", err)
	}
	return n
}

type e2eResult struct {
	Verdict string `json:"verdict"`
	Regions []struct {
		Region, Verdict, By string
	} `json:"regions"`
	Landmarks []attest.LandmarkEvidence `json:"landmarks"`
	Rejected  []attest.Rejection        `json:"rejected"`
	Notes     []string                  `json:"notes"`
}

func (r e2eResult) region(code string) string {
	for _, rr := range r.Regions {
		if rr.Region == code {
			return rr.Verdict
		}
	}
	return ""
}

func (r e2eResult) minRTT(landmark string) float64 {
	for _, l := range r.Landmarks {
		if l.Landmark == landmark {
			return l.MinRTTms
		}
	}
	return -1
}

// TestNetworkNamespaces runs three landmarks, a device agent and the
// verifier in separate network namespaces, with a delay relay on each path
// emulating distance, then a relay attack.
//
// The device is in Frankfurt. Paths: Frankfurt landmark 4 ms RTT, Ashburn
// (6,560 km) 90 ms, Singapore (10,260 km) 160 ms — each above what light
// needs in fibre for its distance. (4 ms to Frankfurt and 40 ms to
// Singapore cannot both hold anywhere: the two landmarks are 10,260 km
// apart, which light in vacuum needs 137 ms of combined RTT to span.)
func TestNetworkNamespaces(t *testing.T) {
	n := newNetns(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	build := exec.Command("go", "build", "-o", bin+string(filepath.Separator), "../landmark", "../chipagent", ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}

	// Keys and the registry.
	keys := filepath.Join(dir, "keys")
	os.Mkdir(keys, 0o700)
	genkey := func(name string) string {
		pub, err := attest.GenerateKeyFile(filepath.Join(keys, name+".pem"))
		if err != nil {
			t.Fatal(err)
		}
		return attest.EncodeKey(pub)
	}
	type site struct {
		tag, id  string
		lat, lon float64
		rtt      time.Duration
		subnet   int
	}
	sites := []site{
		{"F", "fra", 50.1109, 8.6821, 4 * time.Millisecond, 1},
		{"S", "sin", 1.3521, 103.8198, 160 * time.Millisecond, 2},
		{"V", "iad", 39.0438, -77.4874, 90 * time.Millisecond, 3},
	}
	var lms []string
	for _, s := range sites {
		lms = append(lms, fmt.Sprintf(`{"id": %q, "lat": %v, "lon": %v, "uncertainty_km": 1, "provenance": "test: city centre", "public_key": %q}`, s.id, s.lat, s.lon, genkey(s.id)))
	}
	registry := filepath.Join(dir, "registry.json")
	regJSON := fmt.Sprintf(`{"devices": [{"id": "gpu-0001", "public_key": %q}], "landmarks": [%s]}`, genkey("gpu-0001"), strings.Join(lms, ",\n"))
	if err := os.WriteFile(registry, []byte(regJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	genkey("attacker")
	genkey("verifier")
	records := filepath.Join(dir, "records")
	os.Mkdir(records, 0o755)

	// The network: the agent A joined to each landmark namespace; the
	// verifier X with no link at all; the attacker's relay R next to
	// Frankfurt and the far device B behind it.
	for _, tag := range []string{"A", "F", "S", "V", "X", "R", "B"} {
		if err := n.add(tag); err != nil {
			t.Fatal(err)
		}
	}
	for _, s := range sites {
		n.link("A", s.tag, s.subnet)
	}
	n.link("R", "F", 4)
	n.link("B", "R", 5)

	// Each landmark serves on its namespace's loopback; the delay relay
	// in front of it on every address of the namespace. Delay on a busy
	// machine only adds to the emulated RTTs; the minimum of 16 samples
	// keeps the verdict from depending on it (the Frankfurt disc would
	// have to grow from 4 ms to over 15 ms in every sample to reach
	// Russia).
	for _, s := range sites {
		n.start(s.tag, "listening", nil, filepath.Join(bin, "landmark"), "-id", s.id, "-lat", fmt.Sprint(s.lat), "-lon", fmt.Sprint(s.lon),
			"-key", filepath.Join(keys, s.id+".pem"), "-listen", "127.0.0.1:4181", "-out", records, "-registry", registry, "-source-interval", "100ms", "-timeout", "400ms", "-samples", "16")
		n.start(s.tag, "relay ready", []string{"EG_RELAY_LISTEN=0.0.0.0:4180", "EG_RELAY_TARGET=127.0.0.1:4181", "EG_RELAY_DELAY=" + (s.rtt / 2).String()},
			self, "-test.run=^TestHelperDelayRelay$")
	}
	verifyIn := func(recDir string, extra ...string) e2eResult {
		t.Helper()
		args := append([]string{"-records", recDir, "-registry", registry, "-device", "gpu-0001", "-json",
			"-verifier-key", filepath.Join(keys, "verifier.pem"), "-verdict-out", filepath.Join(recDir, "verdict.out")}, extra...)
		out, errOut, err := n.run("X", filepath.Join(bin, "verifylocation"), args...)
		// Exit 1 is a verdict other than consistent (the location is not
		// shown); anything else non-zero is a failure to verify.
		code := 0
		if ee := (*exec.ExitError)(nil); errors.As(err, &ee) && ee.ExitCode() == exitNotShown {
			code = exitNotShown
		} else if err != nil {
			t.Fatalf("verifylocation: %v\n%s", err, errOut)
		}
		var res e2eResult
		if err := json.Unmarshal([]byte(out), &res); err != nil {
			t.Fatalf("verifylocation output: %v\n%s", err, out)
		}
		if want := verdictExit(verify.Verdict(res.Verdict)); code != want {
			t.Errorf("verifylocation exited %d on verdict %s; want %d", code, res.Verdict, want)
		}
		return res
	}
	agent := filepath.Join(bin, "chipagent")
	deviceKey := filepath.Join(keys, "gpu-0001.pem")

	t.Run("honest device in Frankfurt", func(t *testing.T) {
		out, errOut, err := n.run("A", agent, "-id", "gpu-0001", "-key", deviceKey, "-landmarks", "10.77.1.1:4180,10.77.2.1:4180,10.77.3.1:4180")
		if err != nil {
			t.Fatalf("chipagent: %v\n%s%s", err, out, errOut)
		}
		res := verifyIn(records, "-declared", "DE", "-at", "50.1109,8.6821")
		t.Logf("min RTTs: fra %.2f ms, sin %.2f ms, iad %.2f ms; verdict %s", res.minRTT("fra"), res.minRTT("sin"), res.minRTT("iad"), res.Verdict)
		if len(res.Landmarks) != 3 || len(res.Rejected) != 0 {
			t.Fatalf("landmarks %d, rejected %+v", len(res.Landmarks), res.Rejected)
		}
		for _, s := range sites {
			got := res.minRTT(s.id)
			want := float64(s.rtt) / float64(time.Millisecond)
			if got < want {
				t.Errorf("%s: min RTT %.2f ms below the emulated %.0f ms: the relay or the clock is wrong", s.id, got, want)
			}
		}
		if res.Verdict != "consistent" {
			t.Errorf("verdict %s, want consistent; notes %q", res.Verdict, res.Notes)
		}
		// The emulated position is in the feasible region (the declared
		// point is not excluded), and Germany is not excluded.
		if v := res.region("@50.1109,8.6821"); v != "possible" {
			t.Errorf("Frankfurt point %q, want possible", v)
		}
		if v := res.region("DE"); v != "possible" && v != "inside" {
			t.Errorf("DE %q", v)
		}
		for _, c := range strings.Split(defaultJudge, ",") {
			if v := res.region(c); v != "excluded" {
				t.Errorf("%s %q, want excluded", c, v)
			}
		}
		data, err := os.ReadFile(filepath.Join(records, "verdict.out"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := attest.ParseVerdictRecord(data, "verdict.out"); err != nil {
			t.Error(err)
		}
		// A copy of a record next to the original is a replay; with -seen,
		// so is every record a later run sees again.
		copyFile(t, res.Landmarks[0].Source, filepath.Join(records, "zz-replayed-copy.json"))
		seen := filepath.Join(dir, "seen")
		again := verifyIn(records, "-declared", "DE", "-seen", seen)
		if len(again.Rejected) != 1 || again.Rejected[0].Reason != attest.ReasonNonceReplayed {
			t.Errorf("replayed copy: rejected %+v", again.Rejected)
		}
		later := verifyIn(records, "-declared", "DE", "-seen", seen)
		if len(later.Landmarks) != 0 || len(later.Rejected) != 4 || later.Verdict != "insufficient_evidence" {
			t.Errorf("second run with -seen: %d accepted, %d rejected, %s", len(later.Landmarks), len(later.Rejected), later.Verdict)
		}
	})

	t.Run("relay attack: device in Beijing relayed from Frankfurt", func(t *testing.T) {
		far := filepath.Join(dir, "records-far")
		os.Mkdir(far, 0o755)
		// Only records written from now on count.
		before, _ := filepath.Glob(filepath.Join(records, "*.json"))
		// The attacker's relay sits next to the Frankfurt landmark (R–F
		// adds nothing beyond the landmark's own 4 ms path); the device is
		// 7,790 km away in Beijing: 60 ms each way on the long path.
		n.start("R", "relay ready", []string{"EG_RELAY_LISTEN=10.77.5.1:4180", "EG_RELAY_TARGET=10.77.4.1:4180", "EG_RELAY_DELAY=60ms"},
			self, "-test.run=^TestHelperDelayRelay$")
		// Over TCP, so the fallback path crosses the namespaces too.
		out, errOut, err := n.run("B", agent, "-id", "gpu-0001", "-key", deviceKey, "-tcp", "-landmarks", "10.77.5.1:4180")
		if err != nil {
			t.Fatalf("chipagent: %v\n%s%s", err, out, errOut)
		}
		// The relay cannot answer for the device without its key.
		out, errOut, err = n.run("R", agent, "-id", "gpu-0001", "-key", filepath.Join(keys, "attacker.pem"), "-landmarks", "10.77.4.1:4180")
		if err == nil || !strings.Contains(errOut, "landmark recorded no measurement") {
			t.Errorf("relay answering with its own key: err %v, %s%s", err, out, errOut)
		}
		after, _ := filepath.Glob(filepath.Join(records, "*.json"))
		for _, f := range after {
			if !contains(before, f) {
				os.Rename(f, filepath.Join(far, filepath.Base(f)))
			}
		}
		res := verifyIn(far, "-declared", "DE", "-at", "39.9042,116.4074", "-min-landmarks", "1")
		fra := res.minRTT("fra")
		t.Logf("relayed Frankfurt min RTT %.2f ms; verdict %s", fra, res.Verdict)
		if len(res.Landmarks) != 1 || fra < 124 {
			t.Fatalf("Frankfurt min RTT %.2f ms (landmarks %d, rejected %+v): the relay made the device look nearer than 4 + 120 ms", fra, len(res.Landmarks), res.Rejected)
		}
		if tr := res.Landmarks[0].Transport; tr != "tcp" {
			t.Errorf("transport %s, want tcp", tr)
		}
		if v := res.region("CN"); v == "excluded" {
			t.Error("CN excluded through a relay")
		}
		if v := res.region("@39.9042,116.4074"); v != "possible" {
			t.Errorf("the device's true position (Beijing) %q, want possible", v)
		}
		if res.Verdict == "consistent" {
			t.Error("relayed device verified as consistent with Germany")
		}
	})
}

func contains(ss []string, s string) bool {
	for _, v := range ss {
		if v == s {
			return true
		}
	}
	return false
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
