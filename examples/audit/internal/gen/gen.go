// Package gen makes large order books for measuring the audit binary: the
// requests of a template book (the bundled sample) repeated under fresh ids
// until the wanted number of rows is written. The mix of outcomes is the
// template's, so the measured throughput is that of a book with the
// template's share of listed parties, embargoed destinations and chips.
package gen

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Book is a template order book: a header and its requests, each a run of
// rows with the same id (the first column named "id").
type Book struct {
	header []string
	idCol  int
	reqs   [][][]string
}

// Parse reads a template book in the audit's CSV format.
func Parse(r io.Reader) (*Book, error) {
	cr := csv.NewReader(r)
	recs, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("template: %w", err)
	}
	if len(recs) < 2 {
		return nil, errors.New("template: no rows")
	}
	b := &Book{header: recs[0], idCol: -1}
	for i, h := range b.header {
		if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), "id") {
			b.idCol = i
		}
	}
	if b.idCol < 0 {
		return nil, errors.New("template: no id column")
	}
	for _, rec := range recs[1:] {
		n := len(b.reqs)
		if n == 0 || b.reqs[n-1][0][b.idCol] != rec[b.idCol] {
			b.reqs = append(b.reqs, nil)
			n++
		}
		b.reqs[n-1] = append(b.reqs[n-1], rec)
	}
	return b, nil
}

// Write writes the header and then exactly rows rows: the template's
// requests in turn, copy k of request ID under the id "ID~k". The last
// request may be cut short to make the count exact. It returns the number of
// requests written.
func (b *Book) Write(w io.Writer, rows int) (requests int, err error) {
	cw := csv.NewWriter(w)
	if err := cw.Write(b.header); err != nil {
		return 0, err
	}
	rec := make([]string, len(b.header))
	for k, written := 0, 0; written < rows; k++ {
		for _, req := range b.reqs {
			if written >= rows {
				break
			}
			requests++
			for _, row := range req {
				if written >= rows {
					break
				}
				copy(rec, row)
				rec[b.idCol] = fmt.Sprintf("%s~%d", row[b.idCol], k)
				if err := cw.Write(rec); err != nil {
					return requests, err
				}
				written++
			}
		}
	}
	cw.Flush()
	return requests, cw.Error()
}
