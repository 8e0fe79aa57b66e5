package match

import (
	"context"
	"errors"
	"reflect"
	"testing"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// detailQueries returns, for the query name, queries with varied details:
// none, those of the entry e (so that they corroborate), others that
// contradict, and other thresholds and limits.
func detailQueries(name string, e *lists.Entry, i int) []Query {
	types := []lists.EntryType{lists.TypeUnknown, lists.TypeIndividual, lists.TypeEntity, lists.TypeVessel}
	countries := []string{"RU", "CN", "IR", "US", "KP", "DE"}
	qs := []Query{
		{Name: name},
		{Name: name, Type: types[i%len(types)], Country: mustCountry(countries[i%len(countries)]), DateOfBirth: "1961-05-02"},
		{Name: name, Threshold: 0.6, Limit: 3, IDs: []lists.Identifier{{Type: "Passport", Value: "A1234567"}}},
	}
	if e != nil {
		q := Query{Name: name, Type: e.Type, Threshold: 0.7}
		for _, a := range e.Addresses {
			if a.Country.IsValid() {
				q.Country = a.Country
				break
			}
		}
		if len(e.DatesOfBirth) > 0 {
			q.DateOfBirth = e.DatesOfBirth[0]
		}
		if len(e.IDs) > 0 {
			q.IDs = e.IDs[:1]
		}
		qs = append(qs, q)
	}
	return qs
}

// TestPreparedSameAsSearch checks that Prepare followed by Matches returns
// exactly what Search returns, on every evaluation query with varied
// countries, party types, dates of birth, identifiers, thresholds and
// limits; and that one Prepared serves every query with its key.
func TestPreparedSameAsSearch(t *testing.T) {
	ix := defaultIndex(t)
	ctx := context.Background()
	rows := append(readEval(t, "positives.csv"), readEval(t, "negatives.csv")...)
	if testing.Short() {
		rows = rows[:len(rows)/20]
	}
	n, nonEmpty := 0, 0
	for i, r := range rows {
		first, err := ix.Search(ctx, Query{Name: r.query, Threshold: 0.6})
		if err != nil {
			t.Fatalf("%q: %v", r.query, err)
		}
		var e *lists.Entry
		if len(first) > 0 {
			e = first[0].Entry
		}
		prepared := map[PreparedKey]*Prepared{}
		for _, q := range detailQueries(r.query, e, i) {
			want, err := ix.Search(ctx, q)
			if err != nil {
				t.Fatalf("%+v: %v", q, err)
			}
			p := prepared[KeyOf(q)]
			if p == nil {
				if p, err = ix.Prepare(ctx, q); err != nil {
					t.Fatalf("Prepare %+v: %v", q, err)
				}
				prepared[KeyOf(q)] = p
			}
			got, err := p.Matches(q)
			if err != nil {
				t.Fatalf("Matches %+v: %v", q, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%+v:\nPrepare+Matches %+v\nSearch          %+v", q, got, want)
			}
			n++
			if len(want) > 0 {
				nonEmpty++
			}
		}
	}
	t.Logf("%d queries, %d with matches, identical", n, nonEmpty)
	if nonEmpty < n/4 {
		t.Errorf("only %d of %d queries matched: the comparison says little", nonEmpty, n)
	}
}

// TestPreparedMismatch checks that a Prepared refuses a query whose
// threshold or kind of details differ from those it was prepared for.
func TestPreparedMismatch(t *testing.T) {
	ix := defaultIndex(t)
	ctx := context.Background()
	p, err := ix.Prepare(ctx, Query{Name: "Rosoboronexport", Country: mustCountry("RU")})
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []Query{
		{Name: "Rosoboronexport"},
		{Name: "Rosoboronexport", Country: mustCountry("RU"), Threshold: 0.9},
		{Name: "Rosoboronexport", Country: mustCountry("RU"), DateOfBirth: "1990"},
	} {
		if _, err := p.Matches(q); !errors.Is(err, ErrPreparedMismatch) {
			t.Errorf("%+v: err %v, want ErrPreparedMismatch", q, err)
		}
	}
	ms, err := p.Matches(Query{Name: "Rosoboronexport", Country: mustCountry("CN"), Type: lists.TypeEntity})
	if err != nil || len(ms) == 0 {
		t.Fatalf("Matches: %v, %v", ms, err)
	}
	if m := ms[0]; m.Name != "ROSOBORONEXPORT JSC" || m.Score != 0.95 || len(m.Adjustments) != 1 || m.Adjustments[0].Kind != "country_mismatch" {
		t.Errorf("first match %q score %v adjustments %+v, want ROSOBORONEXPORT JSC 0.95 country_mismatch", m.Name, m.Score, m.Adjustments)
	}
	if _, err := ix.Prepare(ctx, Query{Name: "x", Threshold: 2}); !errors.Is(err, ErrBadThreshold) {
		t.Errorf("Prepare threshold 2: %v", err)
	}
}

func mustCountry(s string) rules.Country {
	c, err := rules.ParseCountry(s)
	if err != nil {
		panic(err)
	}
	return c
}

// TestPreparedReadsDetailPresence shows why PreparedKey holds whether the
// query has a country, a date of birth and identifiers: their largest
// boost decides whether leftover words are paired and which names the
// first stage keeps, and so what it keeps and at what name score.
// "National Libreation Army" at threshold 0.91 keeps one name more when
// the query has a country: the Spanish EJERCITO LIBERACION NACIONAL of the
// same group, at 0.8878, which only the boost a country can add (0.03)
// lifts within reach of the threshold.
func TestPreparedReadsDetailPresence(t *testing.T) {
	ix := defaultIndex(t)
	ctx := context.Background()
	kept := func(q Query) map[int32]float32 {
		t.Helper()
		p, err := ix.Prepare(ctx, q)
		if err != nil {
			t.Fatal(err)
		}
		out := map[int32]float32{}
		for _, r := range p.results {
			out[r.name] = r.nameScore
		}
		return out
	}
	q := Query{Name: "National Libreation Army", Threshold: 0.91}
	without := kept(q)
	q.Country = mustCountry("RU")
	with := kept(q)
	extra := 0
	for n, s := range with {
		if _, ok := without[n]; !ok {
			extra++
			if r := round4(float64(s)); r != 0.8878 {
				t.Errorf("name %d kept with a country at %v; want 0.8878", n, s)
			}
		}
	}
	if extra == 0 {
		t.Errorf("the same names kept with and without a country (%d): the key would not need it", len(with))
	}
}

// TestPreparedConcurrent runs Matches on one Prepared from several
// goroutines (run with -race): it is immutable, and every call gets the
// same matches.
func TestPreparedConcurrent(t *testing.T) {
	ix := defaultIndex(t)
	q := Query{Name: "Bank Melli Iran", Country: mustCountry("IR")}
	p, err := ix.Prepare(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	want, err := ix.Search(context.Background(), q)
	if err != nil || len(want) == 0 {
		t.Fatalf("Search: %v, %v", want, err)
	}
	done := make(chan error, 4)
	for range 4 {
		go func() {
			for range 50 {
				got, err := p.Matches(q)
				if err != nil {
					done <- err
					return
				}
				if !reflect.DeepEqual(got, want) {
					done <- errors.New("matches differ from Search")
					return
				}
				got[0].Tokens[0].Query = "changed by a caller"
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

// TestListedWordKeys checks that the skeleton and consonant key of every
// token of the prebuilt index are what prepareQuery would make of the
// word: a listed query word takes its token's.
func TestListedWordKeys(t *testing.T) {
	ix := NewIndex(testEntries(t))
	for i := range ix.toks {
		tk := &ix.toks[i]
		if sk, cons := skeleton(tk.s), string(appendConsonants(nil, tk.s)); tk.skel != sk || tk.cons != cons {
			t.Fatalf("token %q holds skeleton %q and consonants %q; the word's are %q and %q: regenerate the prebuilt index", tk.s, tk.skel, tk.cons, sk, cons)
		}
	}
}
