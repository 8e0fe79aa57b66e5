package screening

import (
	"context"
	"fmt"

	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

// Record is a past screening: the request and the decision made for it, as
// an order service or the audit keeps them.
type Record struct {
	Request  Request  `json:"request"`
	Decision Decision `json:"decision"`
}

// Rescreened is the outcome of re-screening one past request after a list
// change.
type Rescreened struct {
	Record Record `json:"record"`
	// Why says which list change made the request worth re-screening.
	Why []string `json:"why"`
	// New is the decision on the data in use now.
	New Decision `json:"new"`
	// Changed reports whether the outcome differs from the stored one.
	Changed bool `json:"changed"`
}

// Affected returns the past requests whose outcome may change under diff,
// with the reasons: a decision that matched an entry that was removed or
// changed, or a party (or ultimate parent) whose name matches an entry that
// was added or changed, at the threshold in force. It does not scan the
// whole list: only the changed entries are indexed.
func (s *Screener) Affected(ctx context.Context, diff lists.SnapshotDiff, records []Record) ([]Rescreened, error) {
	touched := map[string]string{} // entry key -> what happened
	var fresh []*lists.Entry
	for _, sd := range diff.Sources {
		for _, e := range sd.Removed {
			touched[e.Key()] = "removed"
		}
		for _, c := range sd.Changed {
			touched[c.Key] = fmt.Sprintf("changed (%v)", c.Fields)
			fresh = append(fresh, c.New)
		}
		fresh = append(fresh, sd.Added...)
	}
	var ix *match.Index
	if len(fresh) > 0 {
		ix = match.NewIndex(fresh)
	}
	threshold := s.world.Load().threshold
	var out []Rescreened
	for _, rec := range records {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		var why []string
		for _, m := range rec.Decision.Matches {
			key := m.EntryKey().String()
			if what, ok := touched[key]; ok {
				why = append(why, fmt.Sprintf("matched entry %s %q, since %s", key, m.EntryName, what))
			}
		}
		if ix != nil {
			for _, p := range rec.Request.Parties {
				for _, name := range []string{p.Name, p.ParentName} {
					if name == "" {
						continue
					}
					ms, err := ix.Search(ctx, match.Query{Name: name, Threshold: threshold})
					if err != nil {
						continue // the name was reported when it was first screened
					}
					for _, m := range ms {
						what := "added"
						if t, ok := touched[m.Entry.Key()]; ok {
							what = t
						}
						why = append(why, fmt.Sprintf("name %q matches entry %s %q, %s", name, m.Entry.Key(), m.Entry.Name, what))
					}
				}
			}
		}
		if len(why) > 0 {
			out = append(out, Rescreened{Record: rec, Why: dedupe(why)})
		}
	}
	return out, nil
}

// Rescreen finds the affected past requests (see Affected) and screens them
// again on the data in use now.
func (s *Screener) Rescreen(ctx context.Context, diff lists.SnapshotDiff, records []Record) ([]Rescreened, error) {
	aff, err := s.Affected(ctx, diff, records)
	if err != nil {
		return nil, err
	}
	for i := range aff {
		d, err := s.Screen(ctx, aff[i].Record.Request)
		if err != nil {
			return nil, err
		}
		aff[i].New = d
		aff[i].Changed = d.Outcome != aff[i].Record.Decision.Outcome
	}
	return aff, nil
}
