package screening

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"github.com/exportguard/exportguard/internal/cputime"
)

// BenchmarkDecisionJSON encodes the decisions of jsonRequests (list hits,
// chips, IPs, input errors) with encoding/json, with AppendJSON and with a
// DecisionEncoder, and reports CPU time and bytes per decision.
//
//	go test -run '^$' -bench BenchmarkDecisionJSON -benchtime 20000x -count 3 ./screening/
func BenchmarkDecisionJSON(b *testing.B) {
	var ds []Decision
	for _, req := range jsonRequests {
		d, err := embedded(b).Screen(context.Background(), req)
		if err != nil {
			b.Fatal(err)
		}
		ds = append(ds, d)
	}
	size := 0
	for i := range ds {
		line, _ := ds[i].AppendJSON(nil)
		size += len(line)
	}
	run := func(b *testing.B, encode func(dst []byte, d *Decision) ([]byte, error)) {
		b.ReportAllocs()
		var line []byte
		n := 0
		defer cputime.Report(b, "decision", func() int { return n })()
		for b.Loop() {
			var err error
			if line, err = encode(line[:0], &ds[n%len(ds)]); err != nil {
				b.Fatal(err)
			}
			n++
		}
		b.ReportMetric(float64(size)/float64(len(ds)), "bytes/decision")
	}
	b.Run("encoding-json", func(b *testing.B) {
		var buf bytes.Buffer
		run(b, func(dst []byte, d *Decision) ([]byte, error) {
			buf.Reset()
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			err := enc.Encode(d)
			return append(dst, buf.Bytes()...), err
		})
	})
	b.Run("AppendJSON", func(b *testing.B) {
		run(b, func(dst []byte, d *Decision) ([]byte, error) { return d.AppendJSON(dst) })
	})
	b.Run("DecisionEncoder", func(b *testing.B) {
		var enc DecisionEncoder
		run(b, enc.Append)
	})
}
