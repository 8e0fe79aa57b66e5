// Command chipagent is the device side of the signed delay-measurement
// protocol (package geoloc/attest): it asks each landmark for a session
// and signs every challenge with the device key and a monotonic counter.
//
// The key file stands in for a key held in the chip's secure element, and
// the counter file for the element's monotonic counter: in a real chip the
// private key never leaves the element and the counter cannot be rolled
// back. Anyone who copies the key file can answer for the device; the
// verifier cannot tell (a counter value signed twice is the only trace).
//
// Usage:
//
//	chipagent -genkey -key device.pem          # make a key, print its public half for enrolment
//	chipagent -id gpu-0001 -key device.pem [-counter device.counter] \
//	          -landmarks 192.0.2.1:4180,198.51.100.7:4180
//
// Each landmark is tried over UDP (Hello sent up to 1 + -hello-retries
// times), then over TCP. The exit status is 0 when every landmark recorded
// a measurement, 1 otherwise, 2 for bad flags.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/exportguard/exportguard/examples/internal/keyflag"
	"github.com/exportguard/exportguard/geoloc/attest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("chipagent", flag.ContinueOnError)
	fs.SetOutput(stderr)
	id := fs.String("id", "", "device `ID` as enrolled")
	keys := keyflag.Register(fs, "chipagent", "device key `FILE` (PKCS #8 PEM; stands in for the secure element's key)")
	counterFile := fs.String("counter", "", "monotonic counter `FILE` (default: the key file with .counter)")
	landmarks := fs.String("landmarks", "", "comma-separated landmark `ADDRS` (host:port)")
	helloTimeout := fs.Duration("hello-timeout", 500*time.Millisecond, "wait for the first challenge")
	helloRetries := fs.Int("hello-retries", 3, "Hellos resent over UDP before trying TCP")
	noUDP := fs.Bool("tcp", false, "use TCP only")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if code, done := keys.Handle(stdout, stderr); done {
		return code
	}
	if *id == "" || *landmarks == "" {
		fmt.Fprintln(stderr, "chipagent: -id and -landmarks are required")
		return 2
	}
	if err := attest.ValidID(*id); err != nil {
		fmt.Fprintln(stderr, "chipagent: -id:", err)
		return 2
	}
	key, err := keys.Read()
	if err != nil {
		fmt.Fprintln(stderr, "chipagent:", err)
		return 1
	}
	if *counterFile == "" {
		*counterFile = strings.TrimSuffix(keys.File(), ".pem") + ".counter"
	}
	ctr, err := attest.OpenFileCounter(*counterFile)
	if err != nil {
		fmt.Fprintln(stderr, "chipagent:", err)
		return 1
	}
	a := &attest.Agent{DeviceID: *id, Key: key, Counter: ctr, HelloTimeout: *helloTimeout, HelloRetries: *helloRetries, NoUDP: *noUDP}
	status := 0
	for _, addr := range strings.Split(*landmarks, ",") {
		addr = strings.TrimSpace(addr)
		if addr == "" {
			continue
		}
		res, err := a.Measure(ctx, addr)
		if err != nil {
			fmt.Fprintf(stderr, "chipagent: %s: %v\n", addr, err)
			status = 1
			continue
		}
		fmt.Fprintf(stdout, "%s: %s, %d challenges signed, %d samples recorded\n", addr, res.Transport, res.Signed, res.Done.Samples)
	}
	return status
}
