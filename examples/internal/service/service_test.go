package service

import (
	"context"
	"errors"
	"flag"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/geoloc"
)

const td = "../../../testdata"

func TestRegister(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	var d Data
	d.Register(fs)
	args := []string{"-policy", "p.yaml", "-lists", "a.csv", "-lists", "ofac/", "-geoip", "c.mmdb"}
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	if d.PolicyPath != "p.yaml" || !slices.Equal(d.ListPaths, []string{"a.csv", "ofac/"}) || !slices.Equal(d.GeoIPPaths, []string{"c.mmdb"}) {
		t.Errorf("Register filled %+v from %q", d, args)
	}
}

func TestDataErrors(t *testing.T) {
	tests := []struct {
		name string
		d    Data
		want string
	}{
		{"bad policy", Data{PolicyPath: td + "/policy/bad/unknown_country.yaml"}, "unknown_country.yaml:"},
		{"missing list", Data{ListPaths: []string{td + "/lists/csl/no-such-file.csv"}}, "lists: "},
	}
	for _, tt := range tests {
		opts, err := tt.d.Options(context.Background())
		if err == nil || !strings.Contains(err.Error(), tt.want) || opts != nil {
			t.Errorf("%s: Options() = %d options, %v; want an error containing %q", tt.name, len(opts), err, tt.want)
		}
	}
	l, err := Data{GeoIPPaths: []string{td + "/mmdb/GeoIP2-City-Test-Invalid-Node-Count.mmdb"}}.OpenLocator(slog.New(slog.DiscardHandler))
	if err == nil || !strings.HasPrefix(err.Error(), "geoip: ") {
		t.Errorf("OpenLocator(invalid database) = %v, want an error starting geoip:", err)
	}
	if l != nil {
		l.Close()
	}
}

func TestOpenLocatorEmbedded(t *testing.T) {
	l, err := Data{}.OpenLocator(slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	dbs := l.Databases()
	if len(dbs) != 1 || dbs[0].Name != geoloc.EmbeddedName {
		t.Errorf("OpenLocator without -geoip opened %+v, want the embedded country database", dbs)
	}
}

// TestServeListenError: a listen failure is returned, not swallowed.
func TestServeListenError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	hs := &http.Server{Addr: ln.Addr().String(), Handler: http.NotFoundHandler()}
	err = Serve(context.Background(), func() {}, hs, slog.New(slog.NewJSONHandler(io.Discard, nil)), time.Second)
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "listen" {
		t.Errorf("Serve on a port in use = %v, want a listen *net.OpError", err)
	}
}

// TestServeStops: once ctx is done, Serve releases the signal (calls stop),
// shuts the server down and returns nil.
func TestServeStops(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	stopped := false
	hs := &http.Server{Addr: "127.0.0.1:0", Handler: http.NotFoundHandler()}
	if err := Serve(ctx, func() { stopped = true }, hs, slog.New(slog.NewJSONHandler(io.Discard, nil)), time.Second); err != nil {
		t.Errorf("Serve after ctx is done = %v, want nil", err)
	}
	if !stopped {
		t.Error("Serve did not call stop")
	}
}
