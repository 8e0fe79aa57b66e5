package match

import "log/slog"

type indexOptions struct {
	maxCandidates int
	commonDF      int
	// noPrebuilt makes NewIndex build the index even when a prebuilt one
	// fits the entries.
	noPrebuilt bool
	logger     *slog.Logger
}

// IndexOption configures NewIndex.
type IndexOption func(*indexOptions)

// WithMaxCandidates sets how many candidate names a query scores in full
// (default 32). Higher values cost time and rarely change the result. n ≤ 0
// keeps the default. Past them a query scores the two names, at most, of
// its rarest word if that word is listed in three names or fewer, and the
// names whose words are the query's words (a query of twelve words or
// fewer, each listed in more than three names): a name written as listed
// is scored though many names share its words.
func WithMaxCandidates(n int) IndexOption {
	return func(o *indexOptions) {
		if n > 0 {
			o.maxCandidates = n
		}
	}
}

// WithCommonTokenLimit sets the number of names above which a token is
// "common" (default 500): its postings are not used to find candidates when
// the query has a rarer token, so that words like "china" or "trading" do not
// blow up the candidate set. The postings of a token in more than four times
// n names are never used to find candidates. Common tokens still count when
// scoring. n ≤ 0 keeps the default.
func WithCommonTokenLimit(n int) IndexOption {
	return func(o *indexOptions) {
		if n > 0 {
			o.commonDF = n
		}
	}
}

// WithoutPrebuiltIndex makes NewIndex build the index from the entries
// even when the prebuilt index embedded with the default list snapshot
// was made from the same entries. Searches give the same results either
// way; building costs about 0.3 s of CPU.
func WithoutPrebuiltIndex() IndexOption {
	return func(o *indexOptions) { o.noPrebuilt = true }
}

// WithIndexLogger sets the logger NewIndex warns on when the embedded
// prebuilt index is damaged and the index is built instead (default
// slog.Default()).
func WithIndexLogger(l *slog.Logger) IndexOption {
	return func(o *indexOptions) { o.logger = l }
}

func newIndexOptions(opts []IndexOption) indexOptions {
	o := indexOptions{maxCandidates: 32, commonDF: 500}
	for _, f := range opts {
		f(&o)
	}
	return o
}
