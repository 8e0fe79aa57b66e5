package screening

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzOpenFileStore opens a suppression file of arbitrary content. It must
// never fail on content, never remove a byte (at most one newline is
// added, to end a torn last line), load every valid complete line, and
// quarantine every other non-blank one.
func FuzzOpenFileStore(f *testing.F) {
	good := `{"party":"P","entry_key":"EL:1","entry_hash":"h","kind":"accepted","reason":"r","reviewer":"x"}`
	for _, s := range []string{"", good + "\n", "{not json}\n" + good + "\n", good + "\n" + good[:30], "\n\n \r\n", good, "\xff\xfe\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, in []byte) {
		path := filepath.Join(t.TempDir(), "s.jsonl")
		if err := os.WriteFile(path, in, 0o644); err != nil {
			t.Fatal(err)
		}
		fs, err := OpenFileStore(path)
		if err != nil {
			t.Fatalf("open: %v", err)
		}
		defer fs.Close()
		after, _ := os.ReadFile(path)
		want := in
		if len(in) > 0 && in[len(in)-1] != '\n' {
			want = append(bytes.Clone(in), '\n')
		}
		if !bytes.Equal(after, want) {
			t.Fatalf("file changed:\n%q\nwant\n%q", after, want)
		}
		lines := bytes.SplitAfter(after, []byte("\n"))
		bad := 0
		for _, l := range lines {
			tl := bytes.TrimSpace(l)
			if len(tl) == 0 {
				continue
			}
			s, err := parseSuppression(tl)
			if err != nil {
				bad++
				continue
			}
			if _, ok := fs.mem.m[suppressionKey{s.Party, s.EntryKey}]; !ok {
				t.Fatalf("valid line %q not loaded", l)
			}
		}
		if got := len(fs.Quarantined()); got != bad {
			t.Fatalf("%d lines quarantined, want %d: %+v", got, bad, fs.Quarantined())
		}
	})
}
