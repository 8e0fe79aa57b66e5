package match

import (
	"strings"
	"testing"
)

// TestMoreGivenNamesAdded checks, on the index of the real-alias
// evaluation, that a query written surname first that holds a listed
// person's surname and given name in their places plus given names of its
// own counts those at alphaFewerGivenNames, as the mirror rule counts the
// listed person's given names a query leaves out, and that the same words
// with the surname on the other side of the comma, or with no comma, do
// not match.
func TestMoreGivenNamesAdded(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	const listed = "DE GEETERE, Hans"
	checkMatches(t, realAliasIndex(t), []personCase{
		{"DE GEETERE, Hans Peter Maria Johannes Herve", listed, true}, // four given names more (0.747 at 0.35)
		{"HANS, Geetere Peter Maria Johannes Herve", listed, false},   // surname and given name swapped
		{"Hans Peter Maria Johannes Herve Geetere", listed, false},    // no comma, not in the middle
	})
}

// TestInterdentalSim checks the readings of the Arabic interdentals and
// the emphatic d: dh as d or z, th as t or s, and that sh is not read so.
func TestInterdentalSim(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want float32
	}{
		{"ridha", "reda", 0.85},   // dh as d, Egyptian
		{"ridha", "reza", 0.85},   // dh as z, Persian
		{"dhiyab", "diab", 0.85},  // dh as d
		{"kadhim", "kazem", 0.85}, // dh as z
		{"uthman", "osman", 0.85}, // th as s, Turkish
		{"ridho", "rida", 0.82},   // dh as d, another vowel
		{"radha", "rasha", 0},     // sh is another letter
		{"hadi", "hazi", 0},       // no dh or th
		{"dhahab", "dahir", 0},    // other consonants
	} {
		if got := interdentalSim(c.a, skeleton(c.a), c.b, skeleton(c.b)); got != c.want {
			t.Errorf("interdentalSim(%q, %q) = %.2f, want %.2f", c.a, c.b, got, c.want)
		}
		if got := interdentalSim(c.b, skeleton(c.b), c.a, skeleton(c.a)); got != c.want {
			t.Errorf("interdentalSim(%q, %q) = %.2f, want %.2f", c.b, c.a, got, c.want)
		}
	}
}

// TestInterdentalNames checks, on the index of the real-alias evaluation,
// that a person's name with an interdental written dh on one side and d
// or z on the other matches.
func TestInterdentalNames(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"DHIYAB, Adel Hassan", "DIAB, Adel", true},           // dh as d (0.752 without)
		{"AL-HAZA, Nabil", "AL-HADHA, Nabil Ali Ahmed", true}, // dh as z (0.748 without)
	})
}

// TestPersonLeftoversRespelled checks, on the index of the real-alias
// evaluation, that the words left over in a person's name are paired when
// the words that agree are themselves vowel respellings (0.82 or more),
// and that a leftover word that is another name, or a given name that
// differs, still keeps the name apart.
func TestPersonLeftoversRespelled(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"AL-BANNAY, Ali Ridha Hassan", "AL BANAI, Ali Reda Hassan", true},              // 0.579 without
		{"AL-GHAYB, Seyyed Heshmat Hayat", "AL-GHAIB, Seyyed Heshmatollah Hayat", true}, // 0.617 without
		{"AL-BANNAY, Ali Rashid Hassan", "AL BANAI, Ali Reda Hassan", false},            // another name
		{"AL-BANNAY, Omar Ridha Hassan", "AL BANAI, Ali Reda Hassan", false},            // another given name
	})
}

// TestPersonLeftoversWordSim checks, on the index of the real-alias
// evaluation, that the words left over in a person's name are compared as
// aligned words are (tokSim, personRespelling: vowel shapes, consonants),
// not by their letters alone.
func TestPersonLeftoversWordSim(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"WAJANG, Joseph Monytuil", "WAJANG, Joseph Mantiel", true}, // the same consonants (0.537 without)
		{"WAJANG, Joseph Marial", "WAJANG, Joseph Mantiel", false},  // another name
	})
}

// TestSplitPairSkeleton checks, on the index of the real-alias
// evaluation, that a word of a person's name with few consonants meets two
// adjacent words of the other name whose skeleton, written together, is
// its own (sameJoined), and that other letters keep them apart.
func TestSplitPairSkeleton(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"KOOCHAK ZAIE, Ebrahim", "KOUCHAKZAEI, Ebrahim", true},  // consonant key "ks" (0.302 without)
		{"KOUCHAK ZARI, Ebrahim", "KOUCHAKZAEI, Ebrahim", false}, // another letter
	})
}

// TestSplitPairSkeletonSim checks, on the index of the real-alias
// evaluation, that a name element written as one word in French spelling
// meets its English spelling in three words by their skeletons
// (joinedSim), and that another element with other consonants does not.
func TestSplitPairSkeletonSim(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"Jallalouddine Haqani", "JALALUDDIN HAQQANI", true}, // 0.258 without
		{"Jamalouddine Haqani", "JALALUDDIN HAQQANI", false}, // Jamal al-Din
	})
}

// TestLooseRespelling checks which leftover words of a person's name less
// alike than leftoverMinSim may still be paired: the first two consonants
// alike, and not two names the variant tables hold apart.
func TestLooseRespelling(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want bool
	}{
		{"feyself", "faysal", true},
		{"budvi", "bhuttavi", true}, // d and t alike
		{"dubaysi", "dabidi", true},
		{"marial", "mantiel", false},   // another second consonant
		{"mohammed", "mahmoud", false}, // the variant tables hold them apart
	} {
		q := qtok{s: c.a, skel: skeleton(c.a), cons: string(appendConsonants(nil, c.a)), variantInfo: variantInfoOf(c.a)}
		tk := tokInfo{s: c.b, skel: skeleton(c.b), cons: string(appendConsonants(nil, c.b)), variantInfo: variantInfoOf(c.b)}
		if got := looseRespelling(&q, &tk); got != c.want {
			t.Errorf("looseRespelling(%q, %q) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}

// TestPersonLeftoversLoose checks, on the index of the real-alias
// evaluation, that a person's leftover word respelled further than
// leftoverMinSim is paired when it is a looseRespelling, and not when it
// is another name.
func TestPersonLeftoversLoose(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the index of the real-alias evaluation")
	}
	checkMatches(t, realAliasIndex(t), []personCase{
		{"Hafiz Abdul Salam Budvi", "HAFIZ ABDUL SALAM BHUTTAVI", true}, // 0.597 without
		{"DINI, Feyself Yusuf Ali", "DINI, Faysal Yusuf", true},         // 0.515 without
		{"DINI, Fathi Yusuf Ali", "DINI, Faysal Yusuf", false},          // another name
	})
}

// TestConsJoined checks consJoined, which sameJoinedCons reads the
// consonants of joined words with, against appendConsonants of the words
// written together, on pairs and article-linked triples of the words of
// the real-alias evaluation's queries, and on joins whose parts meet on
// one consonant.
func TestConsJoined(t *testing.T) {
	var words []string
	seen := map[string]bool{}
	for _, r := range readEval(t, "real/positives.csv") {
		for _, w := range strings.Fields(Normalize(r.query)) {
			if !seen[w] {
				seen[w] = true
				words = append(words, w)
			}
		}
	}
	words = append(words, "", "al", "l", "aa", "kh", "hq") // empty keys, a join on one consonant
	cons := func(s string) string { return string(appendConsonants(nil, s)) }
	check := func(a, mid, b string) {
		t.Helper()
		joined := cons(a + mid + b)
		if !consJoined(joined, cons(a), cons(mid), cons(b)) {
			t.Fatalf("consJoined(%q, %q+%q+%q) = false, want true", joined, a, mid, b)
		}
		// one consonant more or less is another key
		for _, other := range []string{joined + "k", joined[:max(len(joined)-1, 0)]} {
			if other != joined && consJoined(other, cons(a), cons(mid), cons(b)) {
				t.Fatalf("consJoined(%q, %q+%q+%q) = true, want false (key %q)", other, a, mid, b, joined)
			}
		}
	}
	n := len(words)
	for i := 0; i < n; i++ {
		// each word with some others, the pair both ways, and the
		// article between them
		for _, j := range []int{(i * 7919) % n, (i + 1) % n, n - 1 - i%6} {
			check(words[i], "", words[j])
			check(words[j], "", words[i])
			check(words[i], "al", words[j])
		}
	}
	check("abd", "", "dallah")
	check("nasr", "al", "lah")
}
