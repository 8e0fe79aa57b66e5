package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestProgressQuietWhenNotTerminal checks that the progress bar draws
// nothing and wraps nothing unless stderr is a terminal.
func TestProgressQuietWhenNotTerminal(t *testing.T) {
	f, err := os.CreateTemp(t.TempDir(), "stderr")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, w := range []any{&bytes.Buffer{}, f} {
		var p *progress
		switch w := w.(type) {
		case *bytes.Buffer:
			p = newProgress(w, 100)
		case *os.File:
			p = newProgress(w, 100)
		}
		in := strings.NewReader("id\nA\n")
		if p.reader(in) != in {
			t.Errorf("%T: input wrapped although not a terminal", w)
		}
		p.done()
	}
	if st, _ := f.Stat(); st.Size() != 0 {
		t.Errorf("progress wrote %d bytes to a file", st.Size())
	}
}
