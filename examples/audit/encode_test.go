package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"testing"
	"time"
)

// TestEncodeLineMatchesEncodingJSON screens the bundled sample books as the
// pipeline does and checks that every output line, error records included,
// is byte for byte what encoding/json wrote before the audit switched to
// screening.DecisionEncoder.
func TestEncodeLineMatchesEncodingJSON(t *testing.T) {
	s, err := newScreener(context.Background(), config{logger: discardLogger()})
	if err != nil {
		t.Fatal(err)
	}
	p := &pipeline{s: s, now: time.Now}
	for _, file := range []string{"../../testdata/orders/sample.csv", "../../testdata/orders/sample-geo.csv"} {
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		src, err := newSource(f, file, newIDSet())
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for {
			r, err := src.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			j := &job{r: r}
			p.screen(context.Background(), j, s.Versions())
			var want bytes.Buffer
			enc := json.NewEncoder(&want)
			enc.SetEscapeHTML(false)
			if err := enc.Encode(&j.d); err != nil {
				t.Fatal(err)
			}
			got, err := encodeLine(&j.d)
			if err != nil {
				t.Fatalf("%s: %s: %v", file, j.d.ID, err)
			}
			if !bytes.Equal(got.Bytes(), want.Bytes()) {
				t.Fatalf("%s: %s: encodeLine differs from encoding/json:\n got %s\nwant %s", file, j.d.ID, got, want.Bytes())
			}
			putLine(got)
			n++
		}
		f.Close()
		if n < 10 {
			t.Fatalf("%s: %d decisions; want the whole book", file, n)
		}
	}
}
