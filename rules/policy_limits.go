package rules

import (
	"fmt"
	"io"
	"os"
	"unicode/utf8"
)

// MaxPolicySize is the largest policy file, in bytes, that ParsePolicy and
// LoadPolicyFile accept. The default policy is under 5 KB; a file of
// megabytes is a mistake, and parsing one costs time and memory far out of
// proportion (a 50 MB file took 30 s and 5 GB).
const MaxPolicySize = 1 << 20

// maxPolicyErrors bounds the problems reported for one policy file, and
// maxPolicyQuote the length of a value quoted in one, so that a huge or
// garbled file gives an error of readable size.
const (
	maxPolicyErrors = 100
	maxPolicyQuote  = 200
)

func errPolicyTooLarge(file string, size int64) error {
	return &PolicyError{File: file, Msg: fmt.Sprintf("policy file is %d bytes, over the %d-byte limit (rules.MaxPolicySize)", size, MaxPolicySize)}
}

// readPolicyFile reads path, refusing a file over MaxPolicySize without
// reading it whole.
func readPolicyFile(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load policy: %w", err)
	}
	defer f.Close()
	if st, err := f.Stat(); err == nil && st.Size() > MaxPolicySize {
		return nil, errPolicyTooLarge(path, st.Size())
	}
	data, err := io.ReadAll(io.LimitReader(f, MaxPolicySize+1))
	if err != nil {
		return nil, fmt.Errorf("load policy: %w", err)
	}
	if len(data) > MaxPolicySize { // grew while being read, or not a regular file
		return nil, errPolicyTooLarge(path, int64(len(data)))
	}
	return data, nil
}

// clipQuote shortens a value quoted in an error to maxPolicyQuote bytes
// (on a character boundary), saying how long it was.
func clipQuote(s string) string {
	if len(s) <= maxPolicyQuote {
		return s
	}
	n := maxPolicyQuote
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return fmt.Sprintf("%s… (%d bytes)", s[:n], len(s))
}

// clipArgs applies clipQuote to the string arguments of an error message.
func clipArgs(args []any) []any {
	for i, a := range args {
		if s, ok := a.(string); ok && len(s) > maxPolicyQuote {
			args[i] = clipQuote(s)
		}
	}
	return args
}
