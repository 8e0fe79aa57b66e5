package rules

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPolicySizeLimit: a policy file over MaxPolicySize is refused with a
// clear error, by LoadPolicyFile before reading it (a 50 MB file used to
// take 30 s and 5 GB).
func TestPolicySizeLimit(t *testing.T) {
	big := filepath.Join(t.TempDir(), "big.yaml")
	f, err := os.Create(big)
	if err != nil {
		t.Fatal(err)
	}
	f.Truncate(50 << 20) // sparse: no need to write 50 MB
	f.Close()
	_, err = LoadPolicyFile(context.Background(), big)
	if !errors.Is(err, ErrInvalidPolicy) || err.Error() != big+": policy file is 52428800 bytes, over the 1048576-byte limit (rules.MaxPolicySize)" {
		t.Errorf("LoadPolicyFile(50 MB): %v", err)
	}
	_, err = ParsePolicy("p.yaml", make([]byte, MaxPolicySize+1))
	if !errors.Is(err, ErrInvalidPolicy) || err.Error() != "p.yaml: policy file is 1048577 bytes, over the 1048576-byte limit (rules.MaxPolicySize)" {
		t.Errorf("ParsePolicy(1 MiB + 1): %v", err)
	}
	// Exactly at the limit is parsed (here: a comment padding a valid policy).
	ok := []byte("version: 1\nas_of: 2026-12-01\nname: padded\n#")
	ok = append(ok, strings.Repeat("x", MaxPolicySize-len(ok)-1)+"\n"...)
	if p, err := ParsePolicy("p.yaml", ok); err != nil || p.Name() != "padded" {
		t.Errorf("a policy of exactly MaxPolicySize bytes: %v", err)
	}
}

// TestPolicyErrorsAreBounded: a file of many long unknown keys (50 MB of
// them used to give a 153 MB error string) reports the first 100 problems,
// each quoting at most 200 bytes of the key, and says there are more.
func TestPolicyErrorsAreBounded(t *testing.T) {
	var b strings.Builder
	for i := range 500 {
		fmt.Fprintf(&b, "%s%04d: 1\n", strings.Repeat("k", 1000), i)
	}
	_, err := ParsePolicy("p.yaml", []byte(b.String()))
	if !errors.Is(err, ErrInvalidPolicy) {
		t.Fatalf("err = %v", err)
	}
	var all interface{ Unwrap() []error }
	if !errors.As(err, &all) || len(all.Unwrap()) != 101 {
		t.Fatalf("want 101 errors (100 and a last saying there are more), got %T", err)
	}
	errs := all.Unwrap()
	want := `p.yaml:1:1: unknown key "` + strings.Repeat("k", 200) + `… (1004 bytes)" in the policy`
	if errs[0].Error() != want {
		t.Errorf("first error:\n%s\nwant:\n%s", errs[0], want)
	}
	var pe *PolicyError
	if errors.As(errs[0], &pe) && (pe.Line != 1 || pe.Value != strings.Repeat("k", 200)+"… (1004 bytes)") {
		t.Errorf("first error fields %+v", pe)
	}
	if errs[100].Error() != "p.yaml: more than 100 problems; the rest are not listed" {
		t.Errorf("last error: %v", errs[100])
	}
	if n := len(err.Error()); n > 30000 {
		t.Errorf("error string is %d bytes", n)
	}
}
