package records_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/namekey"
	"github.com/exportguard/exportguard/screening"
	"github.com/exportguard/exportguard/screening/match"
	"github.com/exportguard/exportguard/screening/records"
)

// partyKeysV2 adds a step to the party key: runs of one-letter tokens are
// one token ("u s a trading" -> "usa trading"). It refines version 1.
var partyKeysV2 = namekey.MustScheme("party",
	namekey.Func{Version: 1, Key: match.Normalize},
	namekey.Func{Version: 2, Key: func(s string) string {
		toks := strings.Fields(match.Normalize(s))
		var out []string
		for i := 0; i < len(toks); i++ {
			t := toks[i]
			for len(toks[i]) == 1 && i+1 < len(toks) && len(toks[i+1]) == 1 {
				i++
				t += toks[i]
			}
			out = append(out, t)
		}
		return strings.Join(out, " ")
	}},
)

// Suppressions stored under version 1 of the party key are re-keyed when a
// program whose key is version 2 opens the database: the reviewers'
// decisions still apply.
func TestSuppressionsRekeyedOnOpen(t *testing.T) {
	eachBackend(t, func(t *testing.T, dsn string) {
		ctx := context.Background()
		at := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
		st, err := records.Open(ctx, dsn, records.WithLogger(discard()))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range []screening.Suppression{
			{Party: screening.PartyKey("U S A Trading"), EntryKey: "SDN:9", EntryHash: "h9"},
			{Party: screening.PartyKey("K. P. Oli"), PartyName: "K. P. Oli", EntryKey: "UN:QDi.1", EntryHash: "hq"},
		} {
			s.Kind, s.Reason, s.Reviewer, s.Created = screening.NotAMatch, "other party", "j.doe", at
			if err := st.Add(ctx, s); err != nil {
				t.Fatal(err)
			}
		}
		if _, ok := st.Lookup("u s a trading", "SDN:9", "h9", at); !ok {
			t.Fatal("version 1 store: the suppression does not apply")
		}
		st.Close()

		st2, err := records.Open(ctx, dsn, records.WithLogger(discard()), records.WithPartyKeys(partyKeysV2))
		if err != nil {
			t.Fatal(err)
		}
		defer st2.Close()
		for _, c := range []struct{ name, entry, hash, want string }{
			{"U S A Trading", "SDN:9", "h9", "usa trading"},
			{"K. P. Oli", "UN:QDi.1", "hq", "kp oli"},
		} {
			key := partyKeysV2.Key(c.name).Text
			s, ok := st2.Lookup(key, c.entry, c.hash, at)
			if key != c.want || !ok || s.Party != c.want {
				t.Errorf("%s: v2 key %q, lookup %+v %v: the suppression stored under version 1 was voided", c.name, key, s, ok)
			}
		}
		if _, ok := st2.Lookup("u s a trading", "SDN:9", "h9", at); ok {
			t.Error("the old key still finds the record: lookups use current keys")
		}
	})
}
