package lists

import (
	"bufio"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"
)

// snapMagic starts an uncompressed snapshot file of the first version,
// which ReadSnapshot still reads: entries in any order, links found on
// reading.
const snapMagic = "exportguard-lists-snapshot v1\n"

// snapMagicV2 starts the uncompressed snapshot file written now. After
// the metadata and the entry count, each entry is its key, its content
// (the encoding of Entry.Hash) and its Links, in the snapshot's order, so
// that reading it needs neither sorting nor linking.
const snapMagicV2 = "exportguard-lists-snapshot v2\n"

type snapMeta struct {
	Note    string        `json:"note,omitempty"`
	Sources []snapMetaSrc `json:"sources"`
}

type snapMetaSrc struct {
	Source     Source    `json:"source"`
	AsOf       time.Time `json:"as_of"`
	AsOfFrom   AsOfBasis `json:"as_of_from,omitempty"`
	Checksum   string    `json:"checksum"`
	Files      []string  `json:"files"`
	Count      int       `json:"count"`
	FetchedAt  time.Time `json:"fetched_at,omitzero"`
	Evaluation bool      `json:"evaluation,omitempty"`
	Note       string    `json:"note,omitempty"`
}

// WriteSnapshot writes s in the gzip-compressed binary snapshot format that
// ReadSnapshot reads (the format of the embedded default snapshot). note
// is stored in the metadata.
func WriteSnapshot(w io.Writer, s *Snapshot, note string) error {
	meta := snapMeta{Note: note}
	for _, si := range s.sources {
		meta.Sources = append(meta.Sources, snapMetaSrc{Source: si.Source, AsOf: si.AsOf, AsOfFrom: si.AsOfFrom, Checksum: si.Checksum,
			Files: si.Files, Count: si.Count, FetchedAt: si.FetchedAt, Evaluation: si.Evaluation, Note: si.Note})
	}
	mj, err := json.Marshal(meta)
	if err != nil {
		return err
	}
	enc := encoder{b: make([]byte, 0, 1<<20)}
	enc.b = append(enc.b, snapMagicV2...)
	enc.str(string(mj))
	enc.uvarint(uint64(len(s.entries)))
	for _, e := range s.entries {
		enc.str(e.Key())
		enc.entry(e)
		enc.strs(e.Links)
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	zw.ModTime = time.Time{} // reproducible output
	if _, err := zw.Write(enc.b); err != nil {
		return err
	}
	return zw.Close()
}

// ReadSnapshot reads a snapshot written by WriteSnapshot.
func ReadSnapshot(r io.Reader) (*Snapshot, error) { return readSnapshot(r, 0) }

// readSnapshot decompresses into one string (decoded entries share its
// memory); sizeHint, if known, avoids regrowing it.
func readSnapshot(r io.Reader, sizeHint int) (*Snapshot, error) {
	zr, err := gzip.NewReader(bufio.NewReader(r))
	if err != nil {
		return nil, fmt.Errorf("lists: reading snapshot: %w", err)
	}
	var sb strings.Builder
	sb.Grow(sizeHint)
	if _, err := io.Copy(&sb, zr); err != nil {
		return nil, fmt.Errorf("lists: reading snapshot: %w", err)
	}
	return decodeSnapshot(sb.String())
}

// decodeSnapshot decodes the uncompressed snapshot file. Decoded strings
// point into data.
func decodeSnapshot(data string) (*Snapshot, error) {
	if strings.HasPrefix(data, snapMagicV2) {
		return decodeSnapshotV2(data)
	}
	if len(data) < len(snapMagic) || data[:len(snapMagic)] != snapMagic {
		return nil, fmt.Errorf("lists: reading snapshot: %w: bad magic", errCorrupt)
	}
	d := decoder{s: data, i: len(snapMagic)}
	meta, n, err := d.header()
	if err != nil {
		return nil, err
	}
	all := make([]Entry, n)
	sets := make([]SourceSet, 0, len(meta.Sources))
	idx := map[Source]int{}
	for _, m := range meta.Sources {
		idx[m.Source] = len(sets)
		sets = append(sets, SourceSet{Source: m.Source, AsOf: m.AsOf, AsOfFrom: m.AsOfFrom, Checksum: m.Checksum, Files: m.Files,
			FetchedAt: m.FetchedAt, Evaluation: m.Evaluation, Note: m.Note, Entries: make([]*Entry, 0, m.Count)})
	}
	for i := range all {
		d.entry(&all[i])
		if d.err != nil {
			return nil, fmt.Errorf("lists: reading snapshot entry %d: %w", i, d.err)
		}
		j, ok := idx[all[i].Source]
		if !ok {
			return nil, fmt.Errorf("lists: reading snapshot: entry %s of a source not in the metadata: %w", all[i].Key(), errCorrupt)
		}
		sets[j].Entries = append(sets[j].Entries, &all[i])
	}
	if d.i != len(d.s) {
		return nil, fmt.Errorf("lists: reading snapshot: %w: %d trailing bytes", errCorrupt, len(d.s)-d.i)
	}
	for _, s := range sets {
		if len(s.Entries) != metaCount(meta, s.Source) {
			return nil, fmt.Errorf("lists: reading snapshot: %s has %d entries, metadata says %d: %w", s.Source, len(s.Entries), metaCount(meta, s.Source), errCorrupt)
		}
	}
	return NewSnapshot(sets...)
}

// header reads the metadata and the entry count that follow the magic.
func (d *decoder) header() (snapMeta, int, error) {
	var meta snapMeta
	if err := json.Unmarshal([]byte(d.str()), &meta); err != nil || d.err != nil {
		return meta, 0, fmt.Errorf("lists: reading snapshot metadata: %w", errCorrupt)
	}
	n := d.count()
	if d.err != nil {
		return meta, 0, fmt.Errorf("lists: reading snapshot: entry count: %w", d.err)
	}
	return meta, n, nil
}

func metaCount(m snapMeta, s Source) int {
	for _, x := range m.Sources {
		if x.Source == s {
			return x.Count
		}
	}
	return -1
}

// decodeSnapshotV2 decodes a snapshot file of the second version into the
// Snapshot directly: the entries are stored in order with their links, so
// it checks what NewSnapshot would ensure (sources in order and known,
// unique keys, links to entries of the snapshot) instead of redoing it.
// Entries and their slices are carved out of a few large arrays.
func decodeSnapshotV2(data string) (*Snapshot, error) {
	d := decoder{s: data, i: len(snapMagicV2)}
	meta, n, err := d.header()
	if err != nil {
		return nil, err
	}
	s := &Snapshot{entries: make([]*Entry, n), byKey: make(map[string]*Entry, n), sources: make([]SourceInfo, 0, len(meta.Sources))}
	for i, m := range meta.Sources {
		if m.Source == "" || i > 0 && meta.Sources[i-1].Source >= m.Source {
			return nil, fmt.Errorf("lists: reading snapshot: sources not in order at %q: %w", m.Source, errCorrupt)
		}
		s.sources = append(s.sources, SourceInfo{Source: m.Source, AsOf: m.AsOf, AsOfFrom: m.AsOfFrom, Checksum: m.Checksum, Count: m.Count,
			Files: m.Files, FetchedAt: m.FetchedAt, Evaluation: m.Evaluation, Note: m.Note})
	}
	all := make([]Entry, n)
	d.slab = &slab{}
	src, count := 0, 0
	// nextSource moves on to the next source once its count is right.
	nextSource := func() error {
		if si := s.sources[src]; count != si.Count {
			return fmt.Errorf("lists: reading snapshot: %s has %d entries, metadata says %d: %w", si.Source, count, si.Count, errCorrupt)
		}
		src, count = src+1, 0
		return nil
	}
	for i := range all {
		e := &all[i]
		key := d.str()
		d.entry(e)
		e.Links = d.strs()
		if d.err != nil {
			return nil, fmt.Errorf("lists: reading snapshot entry %d: %w", i, d.err)
		}
		if len(key) != len(e.Source)+1+len(e.ID) || key[:len(e.Source)] != string(e.Source) || key[len(e.Source)] != ':' || key[len(e.Source)+1:] != e.ID {
			return nil, fmt.Errorf("lists: reading snapshot entry %d: key %q is not that of %s: %w", i, key, e.Key(), errCorrupt)
		}
		for src < len(s.sources) && s.sources[src].Source != e.Source {
			if err := nextSource(); err != nil {
				return nil, err
			}
		}
		if src == len(s.sources) {
			return nil, fmt.Errorf("lists: reading snapshot: entry %s of a source not in the metadata or out of order: %w", key, errCorrupt)
		}
		count++
		if _, dup := s.byKey[key]; dup {
			return nil, fmt.Errorf("lists: reading snapshot: %w: %s", ErrDuplicate, key)
		}
		s.byKey[key] = e
		s.entries[i] = e
	}
	for src < len(s.sources) {
		if err := nextSource(); err != nil {
			return nil, err
		}
	}
	if d.i != len(d.s) {
		return nil, fmt.Errorf("lists: reading snapshot: %w: %d trailing bytes", errCorrupt, len(d.s)-d.i)
	}
	for _, e := range s.entries {
		for _, l := range e.Links {
			if o, ok := s.byKey[l]; !ok || o.Source == e.Source {
				return nil, fmt.Errorf("lists: reading snapshot: %s links to %s, not an entry of another source: %w", e.Key(), l, errCorrupt)
			}
		}
	}
	return s, nil
}
