// Command landmark is a landmark of the signed delay-measurement protocol
// (package geoloc/attest): it serves challenges to devices over UDP and
// TCP on one port, times each signed answer on its monotonic clock, and
// writes every session as a record signed with its own key.
//
// Usage:
//
//	landmark -genkey -key landmark.pem            # make a key, print its public half
//	landmark -id fra -lat 50.1109 -lon 8.6821 -uncertainty-km 1 \
//	         -key landmark.pem -listen 0.0.0.0:4180 -out records/ \
//	         [-registry registry.json] [-samples 8] [-interval 20ms]
//
// Records go to DIR/<landmark>-<device>-<nonce>.json, written atomically.
// With -registry, only enrolled devices are measured and answers that do
// not verify under the device's enrolled key are ignored. The landmark
// stops on SIGINT or SIGTERM.
package main

import (
	"context"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"sync"
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

// run is the command: it reads the flags, builds the landmark and serves
// it, and returns the exit code (2 for usage errors).
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("landmark", flag.ContinueOnError)
	fs.SetOutput(stderr)
	id := fs.String("id", "", "landmark `ID` as enrolled in the registry")
	lat := fs.Float64("lat", 0, "latitude of the landmark, WGS84 degrees")
	lon := fs.Float64("lon", 0, "longitude of the landmark, WGS84 degrees")
	unc := fs.Float64("uncertainty-km", 1, "how far the landmark may be from (lat, lon), km")
	keys := keyflag.Register(fs, "landmark", "Ed25519 private key `FILE` (PKCS #8 PEM) that signs the records")
	listen := fs.String("listen", "127.0.0.1:4180", "UDP and TCP `ADDR` to serve")
	out := fs.String("out", "", "`DIR` for the records")
	registry := fs.String("registry", "", "registry `FILE`: measure only enrolled devices and drop answers that do not verify")
	samples := fs.Int("samples", 8, fmt.Sprintf("samples per session (at most %d)", attest.MaxSamples))
	interval := fs.Duration("interval", 20*time.Millisecond, fmt.Sprintf("time between challenges (at least %s)", attest.MinSampleInterval))
	timeout := fs.Duration("timeout", time.Second, "wait for each answer")
	sourceInterval := fs.Duration("source-interval", time.Second, "least time between sessions from one IP address")
	verbose := fs.Bool("v", false, "log every session")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if code, done := keys.Handle(stdout, stderr); done {
		return code
	}
	if *out == "" || *id == "" {
		fmt.Fprintln(stderr, "landmark: -id and -out are required")
		return 2
	}
	key, err := keys.Read()
	if err != nil {
		fmt.Fprintln(stderr, "landmark:", err)
		return 1
	}
	if *samples > attest.MaxSamples || *interval < attest.MinSampleInterval {
		fmt.Fprintf(stderr, "landmark: -samples must be at most %d and -interval at least %s\n", attest.MaxSamples, attest.MinSampleInterval)
		return 2
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelInfo
	}
	lm := &attest.Landmark{
		Info: attest.LandmarkInfo{ID: *id, Lat: *lat, Lon: *lon, UncertaintyKM: *unc},
		Key:  key, Samples: *samples, Interval: *interval, Timeout: *timeout, SourceInterval: *sourceInterval,
		Record: func(r *attest.Record) error { return writeRecord(*out, r) },
		Logger: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level})),
	}
	if *registry != "" {
		reg, err := attest.ReadRegistry(*registry)
		if err != nil {
			fmt.Fprintln(stderr, "landmark:", err)
			return 1
		}
		lm.DeviceKey = reg.DeviceKey
	}
	return serve(ctx, lm, *listen, stdout, stderr)
}

// serve answers challenges for lm on UDP and TCP at addr (the TCP port is
// the one UDP got) until ctx is done or either server fails, and returns
// the exit code.
func serve(ctx context.Context, lm *attest.Landmark, addr string, stdout, stderr io.Writer) int {
	pc, err := net.ListenPacket("udp", addr)
	if err != nil {
		fmt.Fprintln(stderr, "landmark:", err)
		return 1
	}
	defer pc.Close()
	ln, err := net.Listen("tcp", pc.LocalAddr().String())
	if err != nil {
		fmt.Fprintln(stderr, "landmark:", err)
		return 1
	}
	fmt.Fprintf(stdout, "landmark %s listening on %s (udp, tcp)\n", lm.Info.ID, ln.Addr())
	var wg sync.WaitGroup
	errs := make(chan error, 2)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	wg.Add(2)
	go func() { defer wg.Done(); errs <- lm.ServeUDP(ctx, pc.(*net.UDPConn)) }()
	go func() { defer wg.Done(); errs <- lm.ServeTCP(ctx, ln) }()
	err = <-errs
	cancel()
	wg.Wait()
	if err != nil {
		fmt.Fprintln(stderr, "landmark:", err)
		return 1
	}
	return 0
}

// writeRecord writes r to dir atomically: a reader of the directory never
// sees half a record.
func writeRecord(dir string, r *attest.Record) error {
	data, err := r.Marshal()
	if err != nil {
		return err
	}
	name := fmt.Sprintf("%s-%s-%s.json", r.Landmark.ID, r.DeviceID, hex.EncodeToString(r.Samples[0].Nonce[:6]))
	tmp, err := os.CreateTemp(dir, ".record-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), filepath.Join(dir, name))
}
