package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestLatinGivenNameForms checks the Belarusian Latin alphabet (Łacinka)
// and the English or Latin form of an East Slavic given name against the
// Russian romanisation listed.
func TestLatinGivenNameForms(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"arciom", "artem"}, {"kanstancin", "konstantin"}, {"eugenia", "evgeniya"}, {"evgenia", "yevgeniya"},
	} {
		if g := variantGroupOf(c.a); g == 0 || g != variantGroupOf(c.b) {
			t.Errorf("%q and %q are not one group", c.a, c.b)
		}
	}
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeIndividual, Name: "SHCHERBAKOVA, Evgeniya Sergeyevna"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeIndividual, Name: "LAPTSEVA, Artem Konstantinovich"},
	})
	for q, want := range map[string]string{"SHCHERBAKOVA, Eugenia": "1", "LAPTSEVA, Arciom": "2"} {
		ms, err := ix.Search(context.Background(), Query{Name: q})
		if err != nil {
			t.Fatal(err)
		}
		if len(ms) != 1 || ms[0].Entry.ID != want || ms[0].Score < 0.9 {
			t.Errorf("%q: %+v, want entry %s at 0.9 or more", q, ms, want)
		}
	}
}
