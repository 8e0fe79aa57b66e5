package lists

// The embedded evaluation snapshot (default_snapshot.bin, the
// uncompressed form of what WriteSnapshot writes) is generated from the
// real list files in testdata/lists by internal/gen; which file feeds
// which source, and why, is in docs/lists.md.
//go:generate go run ./internal/gen -data ../../testdata/lists -out default_snapshot.bin

// The prebuilt name index of this snapshot, which match.NewIndex loads
// instead of building it; it records the checksum of the entries it was
// made from (see screening/match/indexfile.go).
//go:generate go run ./internal/genindex -out ../match/default_index.bin
