package match

import (
	"context"
	"reflect"
	"slices"
	"testing"
)

// TestKnownHitsAsFound checks, for every listed word, that what
// knownHitsOf keeps is what compoundToks and gapToks find for the query
// word prepareQuery makes of it: the kept hits are the token's alone.
func TestKnownHitsAsFound(t *testing.T) {
	ix := defaultIndex(t)
	sc := newScratch(len(ix.names))
	nonEmpty := 0
	for tok := range ix.toks {
		w := ix.toks[tok].s
		ix.prepareQuery(sc, []string{w}, false)
		q := &sc.qs[0]
		if !q.known || q.id != int32(tok) || q.vowelless {
			t.Fatalf("%q: prepareQuery gives known %v, id %d, vowelless %v; want token %d", w, q.known, q.id, q.vowelless, tok)
		}
		var prefix, starts []int32
		var gap []neighbour
		ix.compoundToks(q, func(u int32, isPrefix bool) {
			if isPrefix {
				prefix = append(prefix, u)
			} else {
				starts = append(starts, u)
			}
		})
		ix.gapToks(q, q.id, func(u int32, s float32) { gap = append(gap, neighbour{u, s}) })
		k := ix.knownHitsOf(int32(tok))
		if !slices.Equal(k.prefix, prefix) || !slices.Equal(k.starts, starts) || !slices.Equal(k.gap, gap) {
			t.Fatalf("%q: kept %v %v %v; found %v %v %v", w, k.prefix, k.starts, k.gap, prefix, starts, gap)
		}
		if k.prefix != nil || k.starts != nil || k.gap != nil {
			nonEmpty++
		}
	}
	if nonEmpty == 0 {
		t.Fatal("no listed word has compound or gap hits: the test compares nothing")
	}
	t.Logf("%d of %d listed words have compound or gap hits", nonEmpty, len(ix.toks))
}

// TestKnownHitsConcurrent searches a fresh index from several goroutines
// at once (run with -race), so that the kept hits of listed words are
// found while other searches read them, and checks the matches against
// those of another fresh index searched one query after another.
func TestKnownHitsConcurrent(t *testing.T) {
	entries := testEntries(t)
	queries := []string{"AL-ALI, Nasr", "Hedayat Allah", "Kashani Mehr", "Nasser Ahmad", "Mostaf Hassan", "Adl Ali", "Nkunda Batware", "Hasanzadeh Ali"}
	seq := NewIndex(entries)
	want := make([][]Match, len(queries))
	for i, q := range queries {
		ms, err := seq.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		want[i] = ms
	}
	ix := NewIndex(entries)
	done := make(chan error, 4)
	for g := range 4 {
		go func() {
			for r := range 3 {
				for k := range queries {
					i := (k + g + r) % len(queries)
					got, err := ix.Search(context.Background(), Query{Name: queries[i]})
					if err != nil {
						done <- err
						return
					}
					if !reflect.DeepEqual(got, want[i]) {
						t.Errorf("%q: matches differ from a search of a fresh index", queries[i])
					}
				}
			}
			done <- nil
		}()
	}
	for range 4 {
		if err := <-done; err != nil {
			t.Error(err)
		}
	}
}
