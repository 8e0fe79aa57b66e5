package screening

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/exportguard/exportguard/namekey"
	"github.com/exportguard/exportguard/screening/match"
	"github.com/exportguard/exportguard/screening/partykey"
)

// joinInitials is a plausible next step of the party-name key: runs of
// one-letter tokens are one token ("u s a trading" -> "usa trading"), as
// version 1 already does for "U.S.A.". It refines version 1, which is
// idempotent, so a stored version 1 key re-keys from its own text.
func joinInitials(s string) string {
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
}

var partyKeysV2 = namekey.MustScheme("party",
	namekey.Func{Version: 1, Key: match.Normalize},
	namekey.Func{Version: 2, Key: joinInitials},
)

// A store written under version 1 of the party key (records with no
// version, as every file written before keys were versioned) is opened by
// a program whose key is version 2: each record is re-keyed on load, so the
// reviewer's decision still applies to the party, and the file is not
// rewritten.
func TestSuppressionsWrittenUnderTheOldKeyAreRekeyedOnLoad(t *testing.T) {
	if err := partyKeysV2.CheckRefines([]string{"U S A Trading", "A.B.C. Trading Co., Ltd.", "ООО Ромашка", "Société Générale", "K. P. Oli"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "suppressions.jsonl")
	old := strings.Join([]string{
		// Written by version 1, before versions were recorded: no name.
		`{"party":"u s a trading","entry_key":"SDN:9","entry_hash":"h9","kind":"not_a_match","reason":"other company","reviewer":"j.doe","created":"2026-11-01T00:00:00Z"}`,
		// Version 1 with the screened name: re-keyed from the name.
		`{"party":"k p oli","party_key_version":1,"party_name":"K. P. Oli","entry_key":"UN:QDi.1","entry_hash":"hq","kind":"accepted","reason":"license held","reviewer":"j.doe","created":"2026-11-01T00:00:00Z"}`,
		// Already version 2.
		`{"party":"acme","party_key_version":2,"entry_key":"EL:1","entry_hash":"h1","kind":"not_a_match","reason":"other company","reviewer":"j.doe","created":"2026-11-01T00:00:00Z"}`,
		// Written by a later release (version 3): kept as it is, matches nothing here.
		`{"party":"ACME-3","party_key_version":3,"entry_key":"EL:2","entry_hash":"h2","kind":"not_a_match","reason":"other company","reviewer":"j.doe","created":"2026-11-01T00:00:00Z"}`,
	}, "\n") + "\n"
	if err := os.WriteFile(path, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	fs, err := OpenFileStore(path, WithPartyKeys(partyKeysV2))
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct{ name, entry, hash, wantKey string }{
		{"U S A Trading", "SDN:9", "h9", "usa trading"},
		{"K. P. Oli", "UN:QDi.1", "hq", "kp oli"},
		{"Acme", "EL:1", "h1", "acme"},
	} {
		key := partyKeysV2.Key(c.name)
		if key.Text != c.wantKey || key.Version != 2 {
			t.Fatalf("v2 key of %q = %+v, want %q", c.name, key, c.wantKey)
		}
		s, ok := fs.Lookup(key.Text, c.entry, c.hash, at)
		if !ok {
			t.Errorf("%s / %s: the suppression written under the old key no longer applies", c.name, c.entry)
			continue
		}
		if s.Party != c.wantKey || s.PartyKeyVersion != 2 {
			t.Errorf("%s: loaded as party %q %s, want %q v2", c.name, s.Party, s.PartyKeyVersion, c.wantKey)
		}
	}
	if _, ok := fs.Lookup("u s a trading", "SDN:9", "h9", at); ok {
		t.Error("a lookup by the old key found the record: lookups use current keys only")
	}
	if got := fs.Rekeyed(); got != 2 {
		t.Errorf("Rekeyed() = %d, want 2", got)
	}
	if q := fs.Quarantined(); len(q) != 0 {
		t.Errorf("quarantined %v: a record of a newer key version is valid", q)
	}
	if b, _ := os.ReadFile(path); string(b) != old {
		t.Errorf("opening the store rewrote the file:\n%s", b)
	}
}

// Today's party key is version 1, match.Normalize, so a record written
// before versions were recorded loads unchanged, and a new one records its
// version and the name it was made from.
func TestPartyKeyVersionIsRecorded(t *testing.T) {
	if v := partykey.Scheme().Current(); v != 1 {
		t.Fatalf("current party key version = %s; adding a version needs this test and docs/design.md updated", v)
	}
	for _, name := range []string{"Banco Nacional de Cuba", "ООО Ромашка", "A.B.C. Trading Co., Ltd."} {
		if PartyKey(name) != match.Normalize(name) {
			t.Errorf("PartyKey(%q) = %q, want match.Normalize's %q", name, PartyKey(name), match.Normalize(name))
		}
	}
	path := filepath.Join(t.TempDir(), "s.jsonl")
	legacy := `{"party":"banco nacional de cuba","entry_key":"SDN:306","entry_hash":"h","kind":"not_a_match","reason":"other bank","reviewer":"j.doe","created":"2026-11-01T00:00:00Z"}` + "\n"
	if err := os.WriteFile(path, []byte(legacy), 0o644); err != nil {
		t.Fatal(err)
	}
	fs, err := OpenFileStore(path)
	if err != nil {
		t.Fatal(err)
	}
	defer fs.Close()
	at := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	s, ok := fs.Lookup(PartyKey("BANCO NACIONAL DE CUBA"), "SDN:306", "h", at)
	if !ok || s.PartyKeyVersion != 0 || fs.Rekeyed() != 0 {
		t.Errorf("legacy record: found %v, version %s, rekeyed %d; want found, unchanged, 0", ok, s.PartyKeyVersion, fs.Rekeyed())
	}
	sup := Suppression{Party: PartyKey("ООО Ромашка"), PartyName: "ООО Ромашка", EntryKey: "EL:7", EntryHash: "h7",
		Kind: NotAMatch, Reason: "other company", Reviewer: "j.doe", Created: at}
	if err := fs.Add(context.Background(), sup); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	var written map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &written); err != nil {
		t.Fatal(err)
	}
	// Version 1 is written as no version, so files stay as they were.
	if _, has := written["party_key_version"]; written["party"] != "ooo romashka" || has || written["party_name"] != "ООО Ромашка" {
		t.Errorf("written record %v: want party %q, no party_key_version (1), party_name", written, "ooo romashka")
	}
	if got, ok := fs.Lookup(PartyKey("ООО Ромашка"), "EL:7", "h7", at); !ok || max(got.PartyKeyVersion, 1) != 1 || got.PartyName != "ООО Ромашка" {
		t.Errorf("added record: %+v, %v", got, ok)
	}
}

func TestSchemeRekey(t *testing.T) {
	for _, c := range []struct {
		k       namekey.Key
		name    string
		want    namekey.Key
		wantErr string
	}{
		{namekey.Key{Version: 0, Text: "u s a"}, "", namekey.Key{Version: 2, Text: "usa"}, ""},
		{namekey.Key{Version: 1, Text: "u s a"}, "U.S.A. Inc", namekey.Key{Version: 2, Text: "usa inc"}, ""},
		{namekey.Key{Version: 2, Text: "x y"}, "", namekey.Key{Version: 2, Text: "x y"}, ""},
		{namekey.Key{Version: 9, Text: "x"}, "", namekey.Key{Version: 9, Text: "x"}, `key "x" is v9, newer than v2`},
	} {
		got, err := partyKeysV2.Rekey(c.k, c.name)
		if got != c.want || (err == nil) != (c.wantErr == "") || err != nil && !strings.Contains(err.Error(), c.wantErr) {
			t.Errorf("Rekey(%+v, %q) = %+v, %v; want %+v, %q", c.k, c.name, got, err, c.want, c.wantErr)
		}
	}
}
