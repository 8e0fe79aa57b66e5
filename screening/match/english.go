package match

import (
	_ "embed"
	"slices"
	"strings"
	"sync"
)

// englishWordsText is the list of common English words (SCOWL sizes 10 to
// 50, internal/variants/PROVENANCE.md), one lower-case word a line,
// sorted.
//
//go:embed internal/variants/english-words.txt
var englishWordsText string

var englishWords = sync.OnceValue(func() []string {
	return strings.Split(strings.TrimSuffix(englishWordsText, "\n"), "\n")
})

// isEnglishWord reports whether the normalised word w is a common English
// word: one that any company may take into its name (ELEMENT, RESOURCE,
// PIONEER, INTEGRAL), unlike a coined one (MAXTECH, OKTANTA, HARDBERRY).
func isEnglishWord(w string) bool {
	_, ok := slices.BinarySearch(englishWords(), w)
	return ok
}
