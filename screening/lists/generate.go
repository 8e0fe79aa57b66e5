package lists

// The embedded evaluation snapshot (default_snapshot.bin.gz) is generated
// from the real list files in testdata/lists by internal/gen; which file
// feeds which source, and why, is in docs/lists.md.
//go:generate go run ./internal/gen -data ../../testdata/lists -out default_snapshot.bin.gz
