// Package keyflag holds the -key and -genkey flags that the attestation
// binaries (landmark, chipagent) share, so that both make, print and read
// their Ed25519 keys the same way.
package keyflag

import (
	"crypto/ed25519"
	"flag"
	"fmt"
	"io"

	"github.com/exportguard/exportguard/geoloc/attest"
)

// Flags are the registered -key and -genkey flags of one program.
type Flags struct {
	prog string
	file *string
	gen  *bool
}

// Register defines -key (described by keyHelp) and -genkey on fs. prog
// prefixes the messages Handle writes.
func Register(fs *flag.FlagSet, prog, keyHelp string) *Flags {
	return &Flags{
		prog: prog,
		file: fs.String("key", "", keyHelp),
		gen:  fs.Bool("genkey", false, "write a new key to -key, print its public key (base64) and exit"),
	}
}

// Handle runs after flag parsing. It reports done with the exit code when
// the program must stop here: -key missing (2), or -genkey given, in which
// case it writes a new key to -key and prints its public half to stdout
// (0, or 1 if the key could not be written).
func (f *Flags) Handle(stdout, stderr io.Writer) (code int, done bool) {
	if *f.file == "" {
		fmt.Fprintf(stderr, "%s: -key is required\n", f.prog)
		return 2, true
	}
	if !*f.gen {
		return 0, false
	}
	pub, err := attest.GenerateKeyFile(*f.file)
	if err != nil {
		fmt.Fprintf(stderr, "%s: %v\n", f.prog, err)
		return 1, true
	}
	fmt.Fprintln(stdout, attest.EncodeKey(pub))
	return 0, true
}

// File is the -key path.
func (f *Flags) File() string { return *f.file }

// Read reads the private key named by -key.
func (f *Flags) Read() (ed25519.PrivateKey, error) { return attest.ReadKeyFile(*f.file) }
