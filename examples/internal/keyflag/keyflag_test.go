package keyflag

import (
	"bytes"
	"crypto/ed25519"
	"flag"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/geoloc/attest"
)

func parse(t *testing.T, args ...string) *Flags {
	t.Helper()
	fs := flag.NewFlagSet("prog", flag.ContinueOnError)
	f := Register(fs, "prog", "key `FILE`")
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return f
}

func TestHandle(t *testing.T) {
	var out, errb bytes.Buffer
	if code, done := parse(t).Handle(&out, &errb); code != 2 || !done || errb.String() != "prog: -key is required\n" {
		t.Fatalf("no -key: code %d done %v stderr %q", code, done, errb.String())
	}

	path := filepath.Join(t.TempDir(), "k.pem")
	out.Reset()
	errb.Reset()
	if code, done := parse(t, "-key", path, "-genkey").Handle(&out, &errb); code != 0 || !done || errb.Len() != 0 {
		t.Fatalf("-genkey: code %d done %v stderr %q", code, done, errb.String())
	}
	f := parse(t, "-key", path)
	if code, done := f.Handle(&out, &errb); code != 0 || done {
		t.Fatalf("-key only: code %d done %v", code, done)
	}
	key, err := f.Read()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.TrimSpace(out.String()), attest.EncodeKey(key.Public().(ed25519.PublicKey)); got != want {
		t.Fatalf("printed public key %q, key file holds %q", got, want)
	}

	// A second -genkey must not overwrite the key it made.
	out.Reset()
	if code, done := parse(t, "-key", path, "-genkey").Handle(&out, &errb); code != 1 || !done || !strings.HasPrefix(errb.String(), "prog: ") {
		t.Fatalf("-genkey over an existing key: code %d done %v stderr %q", code, done, errb.String())
	}
}
