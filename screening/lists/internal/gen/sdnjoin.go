package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/exportguard/exportguard/screening/lists"
)

// ofacRemarksWidth is the width of the Remarks column of OFAC's legacy
// sdn.csv: longer remarks are cut there and continue in sdn_comments.csv.
const ofacRemarksWidth = 1000

// sdnJoin describes how the newest SDN primary file is joined with the
// address, alias and comments files of other dates. No complete SDN set of
// one date newer than 2021-07 could be obtained: the 2024-05 sdn.csv has
// no add/alt/comments files, and the 2025-12 add/alt/comments files have
// no sdn.csv.
type sdnJoin struct {
	primary string   // sdn.csv, relative to the data directory
	sides   []string // directories with add.csv, alt.csv, sdn_comments.csv, newest first
}

// sdnJoinStats counts where each primary entry's other rows came from.
type sdnJoinStats struct {
	Entries  int
	FromSide []int // entries whose add/alt rows come from sides[i]
	Neither  int   // entries in none of the side sets
	// Comments joined (the entry's Remarks fill the column, so they were
	// cut) and dropped (its Remarks are shorter than the column, so the
	// side set's continuation belongs to remarks that changed since).
	CommentsJoined, CommentsDropped int
}

// note is the sentence stored with the source in the snapshot metadata.
func (j sdnJoin) note(asOf []string, st sdnJoinStats) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s (%s) joined by ent_num with add.csv, alt.csv and sdn_comments.csv of %s (%d entries)",
		j.primary, asOf[0], asOf[1], st.FromSide[0])
	for i := 1; i < len(j.sides); i++ {
		fmt.Fprintf(&b, ", else of %s (%d entries)", asOf[i+1], st.FromSide[i])
	}
	fmt.Fprintf(&b, "; %d entries in neither have no aliases or addresses", st.Neither)
	return b.String()
}

// files are the input files in checksum order, relative to the data directory.
func (j sdnJoin) files() []string {
	out := []string{j.primary}
	for _, s := range j.sides {
		for _, n := range []string{"add.csv", "alt.csv", "sdn_comments.csv"} {
			out = append(out, filepath.ToSlash(filepath.Join(s, n)))
		}
	}
	return out
}

// load reads the joined set. Each primary entry takes its addresses,
// aliases and comments from the first side set that has the entry (every
// SDN entry has at least one add.csv row, so presence in add.csv is
// presence in the set); rows of entries not in the primary file are left
// out. A comments row is joined only where the entry's Remarks fill the
// column: shorter Remarks were not cut, and a continuation from another
// date belongs to a longer, changed text.
func (j sdnJoin) load(ctx context.Context, data string) ([]*lists.Entry, lists.LoadReport, sdnJoinStats, error) {
	var st sdnJoinStats
	prim, remarks, order, err := j.readPrimary(data)
	if err != nil {
		return nil, lists.LoadReport{}, st, err
	}
	st.Entries = len(order)
	rows, err := j.readSides(data)
	if err != nil {
		return nil, lists.LoadReport{}, st, err
	}
	from := j.chooseSides(order, rows, &st)
	out, err := joinFiles(order, from, rows, remarks, &st)
	if err != nil {
		return nil, lists.LoadReport{}, st, err
	}
	names := func(n string) string {
		var ps []string
		for _, s := range j.sides {
			ps = append(ps, filepath.ToSlash(filepath.Join(s, n)))
		}
		return strings.Join(ps, "+")
	}
	entries, rep, err := lists.LoadOFAC(ctx, lists.OFACFiles{
		Primary: bytes.NewReader(prim), PrimaryName: j.primary,
		Addresses: &out[0], AddressesName: names("add.csv"),
		Aliases: &out[1], AliasesName: names("alt.csv"),
		Comments: &out[2], CommentsName: names("sdn_comments.csv"),
	})
	return entries, rep, st, err
}

// sideFiles are the files of a side set, in the order of sideRows.
var sideFiles = [3]string{"add.csv", "alt.csv", "sdn_comments.csv"}

// sideRows holds one side set's records of each of sideFiles by ent_num.
type sideRows [3]map[string][][]string

// readPrimary reads the primary SDN file: its bytes, the length of each
// entry's Remarks by ent_num, and the ent_nums in file order.
func (j sdnJoin) readPrimary(data string) ([]byte, map[string]int, []string, error) {
	prim, err := os.ReadFile(filepath.Join(data, j.primary))
	if err != nil {
		return nil, nil, nil, err
	}
	remarks := map[string]int{}
	var order []string
	err = eachRecord(bytes.NewReader(prim), j.primary, func(rec []string) {
		if len(rec) >= 12 {
			id := strings.TrimSpace(rec[0])
			remarks[id] = len(rec[11])
			order = append(order, id)
		}
	})
	return prim, remarks, order, err
}

// readSides reads the side files of every side set.
func (j sdnJoin) readSides(data string) ([]sideRows, error) {
	rows := make([]sideRows, len(j.sides))
	for i, s := range j.sides {
		for k, n := range sideFiles {
			m := map[string][][]string{}
			p := filepath.Join(s, n)
			f, err := os.Open(filepath.Join(data, p))
			if err != nil {
				return nil, err
			}
			err = eachRecord(f, p, func(rec []string) {
				if len(rec) >= 2 {
					id := strings.TrimSpace(rec[0])
					m[id] = append(m[id], rec)
				}
			})
			f.Close()
			if err != nil {
				return nil, err
			}
			rows[i][k] = m
		}
	}
	return rows, nil
}

// chooseSides returns, by ent_num, the index of the side set that supplies
// the entry: the first one with an address record for it.
func (j sdnJoin) chooseSides(order []string, rows []sideRows, st *sdnJoinStats) map[string]int {
	st.FromSide = make([]int, len(j.sides))
	from := map[string]int{}
	for _, id := range order {
		st.Neither++
		for i := range j.sides {
			if len(rows[i][0][id]) > 0 {
				from[id] = i
				st.FromSide[i]++
				st.Neither--
				break
			}
		}
	}
	return from
}

// joinFiles writes the joined side files in primary order; a comment is
// joined only to an entry whose Remarks filled the legacy column.
func joinFiles(order []string, from map[string]int, rows []sideRows, remarks map[string]int, st *sdnJoinStats) ([3]bytes.Buffer, error) {
	var out [3]bytes.Buffer
	for k := range out {
		w := csv.NewWriter(&out[k])
		w.UseCRLF = true
		for _, id := range order {
			i, ok := from[id]
			if !ok {
				continue
			}
			recs := rows[i][k][id]
			if k == 2 && len(recs) > 0 {
				if remarks[id] < ofacRemarksWidth {
					st.CommentsDropped++
					continue
				}
				st.CommentsJoined++
			}
			if err := w.WriteAll(recs); err != nil {
				return out, err
			}
		}
	}
	return out, nil
}

// loader adapts load to the generator's inputs; asOf are the dates of
// the primary file and of each side set, for the note it stores in *note.
func (j sdnJoin) loader(data string, asOf []string, note *string) func(context.Context, string) ([]*lists.Entry, lists.LoadReport, []string, error) {
	return func(ctx context.Context, _ string) ([]*lists.Entry, lists.LoadReport, []string, error) {
		entries, rep, st, err := j.load(ctx, data)
		if err != nil {
			return nil, rep, nil, err
		}
		*note = j.note(asOf, st)
		slog.Info("sdn join", "entries", st.Entries, "from_sides", st.FromSide, "neither", st.Neither,
			"comments_joined", st.CommentsJoined, "comments_dropped", st.CommentsDropped)
		var files []string
		for _, f := range j.files() {
			files = append(files, filepath.Join(data, filepath.FromSlash(f)))
		}
		return entries, rep, files, nil
	}
}

// eachRecord calls fn for each record of an OFAC legacy CSV file (no
// header, variable field count: the file ends in a lone 0x1A line).
func eachRecord(r io.Reader, name string, fn func([]string)) error {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		fn(rec)
	}
}
