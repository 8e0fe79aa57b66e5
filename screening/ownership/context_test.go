package ownership

import (
	"context"
	"errors"
	"strings"
	"testing"
)

// failingLister cannot search: an owner it cannot look up must stop the
// evaluation, never count as unlisted.
type failingLister struct{ fakeLister }

var errSearch = errors.New("index unavailable")

func (failingLister) ByName(context.Context, string, string) ([]Listing, error) {
	return nil, errSearch
}

func TestEvaluateFailsClosed(t *testing.T) {
	g, err := ParseCSV("own.csv", strings.NewReader("owner,owned,percent\nBANCO NACIONAL DE CUBA,Havana Trading SA,60\n"))
	if err != nil {
		t.Fatal(err)
	}
	r, err := g.Evaluate(context.Background(), failingLister{lister}, Options{Date: date("2026-01-01")})
	if r != nil || !errors.Is(err, errSearch) || !strings.Contains(err.Error(), `own.csv:2: looking up owner "BANCO NACIONAL DE CUBA"`) {
		t.Errorf("Evaluate with a failing lister = %v, %v", r, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if r, err := g.Evaluate(ctx, lister, Options{Date: date("2026-01-01")}); r != nil || !errors.Is(err, context.Canceled) {
		t.Errorf("Evaluate with a cancelled context = %v, %v", r, err)
	}
	if fs := eval(t, g, lister, Options{Date: date("2026-01-01")}).Findings("Havana Trading SA"); len(fs) != 1 || fs[0].Rule != RuleOFAC50 || fs[0].Percent != 60 {
		t.Errorf("findings = %+v", fs)
	}
}
