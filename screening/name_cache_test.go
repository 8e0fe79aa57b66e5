package screening

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/internal/cputime"
	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

// nameCacheLists is a snapshot of one internal entry named name.
func nameCacheLists(t testing.TB, name, checksum string) *lists.Snapshot {
	t.Helper()
	s, err := lists.NewSnapshot(lists.SourceSet{Source: lists.SourceInternal, AsOf: testNow, Checksum: checksum,
		Entries: []*lists.Entry{{Source: lists.SourceInternal, ID: "1", Type: lists.TypeEntity, Name: name}}})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// keyIndex is the index that newNameKey asks how it reads a name.
var keyIndex = match.NewIndex(nil)

func TestNameKey(t *testing.T) {
	cn := rules.MustParseCountry("CN")
	k := func(q match.Query) nameKey {
		t.Helper()
		key, ok := newNameKey(keyIndex, q)
		if !ok {
			t.Fatalf("newNameKey(%q) not cached", q.Name)
		}
		return key
	}
	// The matcher normalises case, punctuation and spacing of an ASCII
	// name: one search serves all spellings.
	if a, b := k(match.Query{Name: "ACME  Trading Co."}), k(match.Query{Name: "acme trading co"}); a != b {
		t.Errorf("keys differ: %+v and %+v", a, b)
	}
	if a, b := k(match.Query{Name: "MAJEED, Chaudhry Abdul"}), k(match.Query{Name: "majeed ,chaudhry  abdul."}); a != b {
		t.Errorf("keys differ: %+v and %+v", a, b)
	}
	// but reads a name written surname first from its first comma between
	// words, which normalising drops: where it falls, and whether there is
	// one, keeps names apart.
	for _, pair := range [][2]string{
		{"MAJEED, Chaudhry Abdul", "Majeed Chaudhry Abdul"},
		{"MAJEED, Chaudhry Abdul", "MAJEED Chaudhry, Abdul"},
		{"ACME Trading, Co.", "ACME Trading Co."},
	} {
		if a, b := k(match.Query{Name: pair[0]}), k(match.Query{Name: pair[1]}); a == b {
			t.Errorf("%q and %q have one key %+v", pair[0], pair[1], a)
		}
	}
	// A comma with no word on one side is not read.
	if a, b := k(match.Query{Name: "ACME Trading Co.,"}), k(match.Query{Name: "ACME Trading Co."}); a != b {
		t.Errorf("keys differ: %+v and %+v", a, b)
	}
	// What the first stage of the search reads keeps entries apart: the
	// threshold and whether the query has a country, a date of birth and
	// identifiers (their largest boost decides whether leftover words are
	// paired).
	base := match.Query{Name: "Acme Trading", Threshold: 0.8}
	for _, q := range []match.Query{
		{Name: "Acme Trading", Threshold: 0.85},
		{Name: "Acme Trading", Threshold: 0.8, Country: cn},
		{Name: "Acme Trading", Threshold: 0.8, DateOfBirth: "1970"},
		{Name: "Acme Trading", Threshold: 0.8, IDs: []lists.Identifier{{Type: "passport", Value: "X1"}}},
		{Name: "Acme Trading", Threshold: 0.8, Country: cn, DateOfBirth: "1970"},
		{Name: "Acme Trading Two", Threshold: 0.8},
	} {
		if k(q) == k(base) {
			t.Errorf("query %+v has the key of %+v", q, base)
		}
	}
	// What only the second stage reads shares an entry: the party type,
	// the limit and the values of the country, date of birth and
	// identifiers.
	withAll := match.Query{Name: "Acme Trading", Threshold: 0.8, Country: cn, DateOfBirth: "1970",
		IDs: []lists.Identifier{{Type: "passport", Value: "X1"}}}
	for _, q := range []match.Query{
		{Name: "ACME TRADING", Threshold: 0.8, Country: rules.MustParseCountry("RU"), DateOfBirth: "1970",
			IDs: []lists.Identifier{{Type: "passport", Value: "X1"}}},
		{Name: "Acme Trading", Threshold: 0.8, Country: cn, DateOfBirth: "1981-02-03", Type: lists.TypeEntity, Limit: 3,
			IDs: []lists.Identifier{{Type: "tax", Value: "Y2", Country: "CN"}, {Type: "passport", Value: "X1"}}},
	} {
		if k(q) != k(withAll) {
			t.Errorf("query %+v has not the key of %+v", q, withAll)
		}
	}
	// A name in another script is keyed as given: the matcher reads its
	// script from it.
	if got := k(match.Query{Name: "Хуавей"}); !got.asGiven || got.name != "Хуавей" {
		t.Errorf("key of a Cyrillic name = %+v; want it as given", got)
	}
	// A name the matcher rejects as too long is never answered from the
	// cache, whatever its normalised form.
	if _, ok := newNameKey(keyIndex, match.Query{Name: "acme" + strings.Repeat(" ", match.MaxNameLen)}); ok {
		t.Error("a name longer than match.MaxNameLen was keyed")
	}
}

// TestNameCacheSurnameComma: a name written surname first and the same
// words without the comma normalise alike but are two searches, whichever
// comes first: with the cache, each gets the decision it gets without.
// At threshold 0.85 only the spelling with the comma matches the listed
// "JULKIPLI, Salim Y Salamuddin" (0.86 against 0.82).
func TestNameCacheSurnameComma(t *testing.T) {
	ctx := context.Background()
	var entries []*lists.Entry
	for i, n := range []string{"MAJEED, Abdul", "JULKIPLI, Salim Y Salamuddin", "BAHAZIQ, Mahmoud Mohammad Ahmed"} {
		entries = append(entries, &lists.Entry{Source: lists.SourceInternal, ID: fmt.Sprint(i + 1), Type: lists.TypeIndividual, Name: n})
	}
	snap, err := lists.NewSnapshot(lists.SourceSet{Source: lists.SourceInternal, AsOf: testNow, Checksum: "surname-comma", Entries: entries})
	if err != nil {
		t.Fatal(err)
	}
	opts := []Option{WithLists(snap), WithThreshold(0.85), WithClock(fixedClock), WithLogger(discardLogger())}
	plain, err := New(ctx, append(opts, WithNameCache(0))...)
	if err != nil {
		t.Fatal(err)
	}
	screen := func(s *Screener, name string) Decision {
		t.Helper()
		d, err := s.Screen(ctx, Request{ID: name, Parties: []Party{{Name: name}}})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if d := screen(plain, "JULKIPLI, Salim"); len(d.Matches) != 1 || d.Matches[0].EntryID != "2" {
		t.Fatalf("JULKIPLI, Salim matched %+v; want entry 2", d.Matches)
	}
	if d := screen(plain, "Julkipli Salim"); len(d.Matches) != 0 {
		t.Fatalf("Julkipli Salim matched %+v; want no match", d.Matches)
	}
	for _, order := range [][]string{
		{"Julkipli Salim", "JULKIPLI, Salim", "julkipli salim", "Julkipli, Salim"},
		{"JULKIPLI, Salim", "Julkipli Salim", "Julkipli, Salim", "julkipli salim"},
		{"Majeed Chaudhry Abdul", "MAJEED, Chaudhry Abdul", "Majeed Chaudhry, Abdul"},
	} {
		cached, err := New(ctx, opts...)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range order {
			if got, want := decisionText(t, screen(cached, n)), decisionText(t, screen(plain, n)); got != want {
				t.Errorf("%q after %q: decision with the cache differs:\n%s", n, order[0], cmp.Diff(want, got))
			}
		}
	}
}

// TestNameCacheReading: names that normalise alike but that the matcher
// reads otherwise from what normalising drops (a place in parentheses, a
// person's initials glued by their full stops, read for a party given as
// a person or, with no type, beside a person's name only, a web address's
// dots) are two searches, whichever comes first: with the
// cache, each gets the decision it gets without.
func TestNameCacheReading(t *testing.T) {
	ctx := context.Background()
	var entries []*lists.Entry
	for i, e := range []struct {
		name string
		typ  lists.EntryType
	}{
		{"KORVELAN TRADING", lists.TypeEntity}, {"KORVELAN TRADING UAE", lists.TypeEntity}, {"SMOLIN, Oleg Nikolayevich", lists.TypeIndividual},
		{"ZORVATEK", lists.TypeEntity},
	} {
		entries = append(entries, &lists.Entry{Source: lists.SourceInternal, ID: fmt.Sprint(i + 1), Type: e.typ, Name: e.name})
	}
	snap, err := lists.NewSnapshot(lists.SourceSet{Source: lists.SourceInternal, AsOf: testNow, Checksum: "reading", Entries: entries})
	if err != nil {
		t.Fatal(err)
	}
	opts := []Option{WithLists(snap), WithClock(fixedClock), WithLogger(discardLogger())}
	plain, err := New(ctx, append(opts, WithNameCache(0))...)
	if err != nil {
		t.Fatal(err)
	}
	type party struct{ name, typ string }
	screen := func(s *Screener, p party) Decision {
		t.Helper()
		d, err := s.Screen(ctx, Request{ID: p.name, Parties: []Party{{Name: p.name, Type: p.typ}}})
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if a, b := decisionText(t, screen(plain, party{"SMOLIN TRADING O.N.", "individual"})), decisionText(t, screen(plain, party{"SMOLIN TRADING O.N.", ""})); a == b {
		t.Fatalf("SMOLIN TRADING O.N. of a person and of no type: one decision, want two:\n%s", a)
	}
	for _, order := range [][]party{
		{{"Korvelan Trading (UAE)", ""}, {"Korvelan Trading UAE", ""}},
		{{"Korvelan Trading UAE", ""}, {"Korvelan Trading (UAE)", ""}},
		{{"SMOLIN O.N.", ""}, {"SMOLIN O.N.", "individual"}, {"Smolin On", "individual"}},
		{{"SMOLIN O.N.", "individual"}, {"SMOLIN O.N.", ""}, {"Smolin On", "individual"}},
		{{"SMOLIN TRADING O.N.", ""}, {"SMOLIN TRADING O.N.", "individual"}, {"Smolin Trading On", "individual"}},
		{{"SMOLIN TRADING O.N.", "individual"}, {"SMOLIN TRADING O.N.", ""}, {"Smolin Trading On", ""}},
		{{"WWW.ZORVATEK.COM", ""}, {"www zorvatek com", ""}},
		{{"www zorvatek com", ""}, {"WWW.ZORVATEK.COM", ""}},
	} {
		cached, err := New(ctx, opts...)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range order {
			if got, want := decisionText(t, screen(cached, p)), decisionText(t, screen(plain, p)); got != want {
				t.Errorf("%+v after %+v: decision with the cache differs:\n%s", p, order[0], cmp.Diff(want, got))
			}
		}
	}
}

// TestNameCacheCallersOwnMatches: the matches made from a cached
// prepared search are the caller's own; a caller changing them changes
// nothing for the next.
func TestNameCacheCallersOwnMatches(t *testing.T) {
	w := &world{index: match.NewIndex(nameCacheLists(t, "Acme Widgets", "sha256:a").Entries()), names: newNameCache(4)}
	ctx := context.Background()
	q := match.Query{Name: "Acme Widgets", Threshold: 0.8}
	want, err := w.index.Search(ctx, q)
	if err != nil || len(want) != 1 {
		t.Fatalf("Search: %v, %v; want one match", want, err)
	}
	for i := range 3 {
		got, err := w.searchNames(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(want, got); d != "" {
			t.Fatalf("call %d (-search +cache):\n%s", i, d)
		}
		got[0].Score = 0.1
		got[0].Tokens[0].Candidate = "changed by a caller"
		got[0].Tokens = append(got[0].Tokens, match.TokenMatch{Query: "appended"})
		got[0].Adjustments = append(got[0].Adjustments, match.Adjustment{Kind: "id_mismatch"})
	}
	if n := w.names.len(); n != 1 {
		t.Fatalf("%d entries cached; want 1", n)
	}
}

func TestNameCacheBounded(t *testing.T) {
	for _, size := range []int{1, 5, 16, 100} {
		c := newNameCache(size)
		// Keys spread over the shards at random: 100 a slot fill every
		// shard (a shard left empty has odds below 1e-40).
		for i := range 100 * size {
			k, _ := newNameKey(keyIndex, match.Query{Name: fmt.Sprintf("party %d", i)})
			c.put(&k, nil)
			if n := c.len(); n > size {
				t.Fatalf("size %d: %d results cached after %d puts", size, n, i+1)
			}
		}
		if n := c.len(); n != size {
			t.Errorf("size %d: %d results cached after %d puts; want %d", size, n, 100*size, size)
		}
	}
	if c := newNameCache(0); c != nil {
		t.Error("newNameCache(0) is a cache; want none")
	}
}

// TestNameCacheLRU: a full shard drops its least recently used result,
// and a lookup counts as a use.
func TestNameCacheLRU(t *testing.T) {
	c := newNameCache(2) // two shards of one entry each would not show it
	c.shards = c.shards[:1]
	c.shards[0].size = 2
	key := func(s string) *nameKey { k, _ := newNameKey(keyIndex, match.Query{Name: s}); return &k }
	c.put(key("alpha"), nil)
	c.put(key("beta"), nil)
	if _, ok := c.get(key("alpha")); !ok {
		t.Fatal("alpha not cached")
	}
	c.put(key("gamma"), nil) // beta is the least recently used
	for name, want := range map[string]bool{"alpha": true, "beta": false, "gamma": true} {
		if _, ok := c.get(key(name)); ok != want {
			t.Errorf("%s cached = %v; want %v", name, ok, want)
		}
	}
}

// TestNameCacheCollision: two keys of one hash never answer for each
// other; the later takes the entry.
func TestNameCacheCollision(t *testing.T) {
	c := newNameCache(4)
	a, _ := newNameKey(keyIndex, match.Query{Name: "Alpha Trading"})
	b, _ := newNameKey(keyIndex, match.Query{Name: "Beta Trading"})
	const h = 42
	ix := match.NewIndex(nameCacheLists(t, "Alpha Trading", "sha256:a").Entries())
	pa, err := ix.Prepare(context.Background(), match.Query{Name: "Alpha Trading"})
	if err != nil {
		t.Fatal(err)
	}
	pb, err := ix.Prepare(context.Background(), match.Query{Name: "Beta Trading"})
	if err != nil {
		t.Fatal(err)
	}
	c.putHashed(&a, h, pa)
	if _, ok := c.getHashed(&b, h); ok {
		t.Fatal("b answered from a's entry")
	}
	c.putHashed(&b, h, pb)
	if got, ok := c.getHashed(&b, h); !ok || got != pb {
		t.Fatalf("b = %v, %v; want its own result", got, ok)
	}
	if _, ok := c.getHashed(&a, h); ok {
		t.Fatal("a answered from b's entry")
	}
	if n := c.len(); n != 1 {
		t.Fatalf("%d results cached; want 1", n)
	}
}

// TestNameCacheReload: a reload starts an empty cache, so a name screened
// before is searched again in the new lists.
func TestNameCacheReload(t *testing.T) {
	ctx := context.Background()
	s, err := New(ctx, WithLists(nameCacheLists(t, "Zephyr Quantum Logistics", "sha256:a")), WithClock(fixedClock),
		WithLogger(discardLogger()), WithoutLocator())
	if err != nil {
		t.Fatal(err)
	}
	req := Request{ID: "r", Parties: []Party{{Name: "Zephyr Quantum Logistics"}}}
	screen := func() Decision {
		t.Helper()
		d, err := s.Screen(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	if d := screen(); len(d.Matches) != 1 {
		t.Fatalf("before reload: %d matches; want 1", len(d.Matches))
	}
	if n := s.world.Load().names.len(); n != 1 {
		t.Fatalf("before reload: %d results cached; want 1", n)
	}
	if err := s.Reload(ctx, WithLists(nameCacheLists(t, "Orchid Lattice Semiconductor", "sha256:b"))); err != nil {
		t.Fatal(err)
	}
	if n := s.world.Load().names.len(); n != 0 {
		t.Fatalf("after reload: %d results cached; want an empty cache", n)
	}
	if d := screen(); len(d.Matches) != 0 {
		t.Fatalf("after reload: matches %+v; want none (the old lists' hit was cached)", d.Matches)
	}
	// The size given to New is kept; Reload can change it.
	if got := s.world.Load().namesSize; got != DefaultNameCacheSize {
		t.Errorf("size after reload = %d; want %d", got, DefaultNameCacheSize)
	}
	if err := s.Reload(ctx, WithNameCache(0)); err != nil {
		t.Fatal(err)
	}
	if w := s.world.Load(); w.names != nil || w.namesSize != 0 {
		t.Errorf("WithNameCache(0): cache %v, size %d; want none", w.names, w.namesSize)
	}
}

func TestWithNameCacheNegative(t *testing.T) {
	_, err := New(context.Background(), WithNameCache(-1), WithLogger(discardLogger()), WithoutLocator(),
		WithLists(nameCacheLists(t, "Acme", "sha256:a")))
	if err == nil || !strings.Contains(err.Error(), "name cache of -1 entries") {
		t.Fatalf("New(WithNameCache(-1)) error = %v; want one naming the size", err)
	}
}

// TestNameCacheSameDecisions screens the same parties with and without the
// cache, the second time from the cache, from many goroutines (run with
// -race): every decision is the same. Each name comes with several
// countries, party types, dates of birth and identifiers, which share one
// cached first stage: a cache that answered for them with another's
// matches would change the decisions (country_match or country_mismatch,
// type_mismatch, dob_match or dob_mismatch, id_match).
func TestNameCacheSameDecisions(t *testing.T) {
	ctx := context.Background()
	opts := []Option{WithClock(fixedClock), WithLogger(discardLogger())}
	cached, err := New(ctx, opts...)
	if err != nil {
		t.Fatal(err)
	}
	plain, err := New(ctx, append(opts, WithNameCache(0))...)
	if err != nil {
		t.Fatal(err)
	}
	names := []string{"Huawei Technologies Co., Ltd.", "HUAWEI TECHNOLOGIES CO LTD", "Acme Widgets GmbH",
		"Rosoboronexport", "Рособоронэкспорт", "华为技术有限公司", "Bank Melli Iran", "bank  melli   iran"}
	reqs := make([]Request, 0, 2*len(names))
	for i, n := range names {
		reqs = append(reqs,
			Request{ID: fmt.Sprint(i), IPs: []string{"81.2.69.142"}, Parties: []Party{{Name: n, Country: "CN"}}},
			Request{ID: fmt.Sprint(i, "b"), Parties: []Party{{Name: n, Type: "entity", ParentName: names[(i+1)%len(names)]}}},
			Request{ID: fmt.Sprint(i, "c"), Parties: []Party{{Name: n, Country: "RU"}}},
			Request{ID: fmt.Sprint(i, "d"), Parties: []Party{{Name: n, Country: "IR", Type: "individual"}}},
			Request{ID: fmt.Sprint(i, "e"), Parties: []Party{{Name: n, Country: "DE", DateOfBirth: "1961-05-02",
				IDs: []Identifier{{Type: "passport", Value: "A1234567"}}}}},
			Request{ID: fmt.Sprint(i, "f"), Parties: []Party{{Name: n, Country: "US", DateOfBirth: "1970"}}})
	}
	want := make([]string, len(reqs))
	for i, r := range reqs {
		d, err := plain.Screen(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		want[i] = decisionText(t, d)
	}
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for round := range 3 {
				for i := range reqs {
					i := (i + g) % len(reqs)
					d, err := cached.Screen(ctx, reqs[i])
					if err != nil {
						t.Error(err)
						return
					}
					if got := decisionText(t, d); got != want[i] {
						t.Errorf("round %d, request %s: decision with the cache differs:\n%s", round, reqs[i].ID, cmp.Diff(want[i], got))
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	if n := cached.world.Load().names.len(); n == 0 {
		t.Error("nothing cached")
	}
}

func decisionText(t *testing.T, d Decision) string {
	t.Helper()
	b, err := d.AppendJSON(nil)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestNameCacheCancelled: a cancelled screening gets the context's error
// from the cache as from the index.
func TestNameCacheCancelled(t *testing.T) {
	w := &world{index: match.NewIndex(nameCacheLists(t, "Acme", "sha256:a").Entries()), names: newNameCache(8)}
	q := match.Query{Name: "Acme", Threshold: 0.8}
	if _, err := w.searchNames(context.Background(), q); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := w.searchNames(ctx, q); !errors.Is(err, context.Canceled) {
		t.Fatalf("error = %v; want context.Canceled", err)
	}
}

// BenchmarkNameCacheMiss measures what the cache adds to a name search
// that it cannot answer (a name not seen before): the key (the name
// normalised), the lookup and the store, with the evaluation set's
// non-listed names. Compare with BenchmarkSearch in screening/match.
//
//	go test -run '^$' -bench NameCacheMiss -benchtime 20000x -count 3 ./screening/
func BenchmarkNameCacheMiss(b *testing.B) {
	names := evalNames(b, "negatives.csv")
	c := newNameCache(len(names) / 2) // full after a while: misses also evict
	var p *match.Prepared
	b.ReportAllocs()
	b.ResetTimer()
	defer cputime.Report(b, "op", func() int { return b.N })()
	for i := range b.N {
		k, _ := newNameKey(keyIndex, match.Query{Name: names[i%len(names)], Threshold: 0.85, Country: rules.MustParseCountry("DE")})
		if _, ok := c.get(&k); !ok {
			c.put(&k, p)
		}
	}
}

// BenchmarkNameCacheBytes measures the heap a cached entry holds (key and
// prepared search), filling a cache with the evaluation set's names, listed
// variants and non-listed names alike, at the default threshold with a
// country. It reports bytes/entry, from which DefaultNameCacheSize is set.
//
//	go test -run '^$' -bench NameCacheBytes -benchtime 1x -count 3 ./screening/
func BenchmarkNameCacheBytes(b *testing.B) {
	names := evalNames(b, "positives.csv", "negatives.csv")
	s, err := New(context.Background(), WithLogger(discardLogger()), WithoutLocator(), WithNameCache(0))
	if err != nil {
		b.Fatal(err)
	}
	ix := s.world.Load().index
	ctx := context.Background()
	de := rules.MustParseCountry("DE")
	for range b.N {
		w := &world{index: ix, names: newNameCache(len(names))}
		var m0, m1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&m0)
		for _, n := range names {
			if _, err := w.searchNames(ctx, match.Query{Name: n, Threshold: match.DefaultThreshold, Country: de}); err != nil {
				b.Fatal(err)
			}
		}
		runtime.GC()
		runtime.ReadMemStats(&m1)
		n := w.names.len()
		b.ReportMetric(float64(m1.HeapAlloc-m0.HeapAlloc)/float64(n), "bytes/entry")
		b.ReportMetric(float64(n), "entries")
		runtime.KeepAlive(w)
	}
}

// evalNames returns the query names of the evaluation files in
// testdata/eval.
func evalNames(b *testing.B, files ...string) []string {
	var names []string
	for _, file := range files {
		f, err := os.Open("../testdata/eval/" + file)
		if err != nil {
			b.Fatal(err)
		}
		recs, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			b.Fatalf("%s: %v", file, err)
		}
		for _, r := range recs[1:] {
			names = append(names, r[2]) // query
		}
	}
	return names
}
