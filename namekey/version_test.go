package namekey

import (
	"strings"
	"testing"
)

func TestNewSchemeRefusesBadVersions(t *testing.T) {
	up := strings.ToUpper
	for _, c := range []struct {
		fs   []Func
		want string
	}{
		{nil, `name key "k": no versions`},
		{[]Func{{Version: 2, Key: up}}, "version 1 is numbered 2, want 1"},
		{[]Func{{Version: 1, Key: up}, {Version: 1, Key: up}}, "version 2 is numbered 1, want 2"},
		{[]Func{{Version: 1}}, "version 1 has no Key function"},
	} {
		if _, err := NewScheme("k", c.fs...); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("NewScheme(%d versions) error = %v, want %q", len(c.fs), err, c.want)
		}
	}
}

func TestSchemeKeyAndRekey(t *testing.T) {
	s := MustScheme("place", Func{Version: 1, Key: strings.ToLower}, Func{Version: 2, Key: Place})
	if s.Name() != "place" || s.Current() != 2 {
		t.Fatalf("Name, Current = %q, %s", s.Name(), s.Current())
	}
	if k := s.Key("Côte d'Ivoire"); k != (Key{Version: 2, Text: "cotedivoire"}) {
		t.Errorf("Key = %+v", k)
	}
	// Version 1 lower-cased; version 2 refines it, so the old key re-keys
	// from its text alone.
	if k, err := s.Rekey(Key{Version: 1, Text: "côte d'ivoire"}, ""); err != nil || k != (Key{Version: 2, Text: "cotedivoire"}) {
		t.Errorf("Rekey = %+v, %v", k, err)
	}
	if err := s.CheckRefines([]string{"Côte d'Ivoire", "The Bahamas", "TÜRKİYE"}); err != nil {
		t.Error(err)
	}
}

func TestCheckRefinesFindsALossyStep(t *testing.T) {
	// Version 1 drops everything after a comma; version 2 keeps it, so a
	// version 1 key has lost what version 2 needs: no re-key from the text.
	v1 := func(s string) string { a, _, _ := strings.Cut(s, ","); return Place(a) }
	s := MustScheme("lossy", Func{Version: 1, Key: v1}, Func{Version: 2, Key: Place})
	err := s.CheckRefines([]string{"Korea", "Korea, Republic of"})
	if err == nil || !strings.Contains(err.Error(), `v2 of v1 key "korea" is "korea", but v2 of the name is "korearepublicof"`) {
		t.Errorf("CheckRefines = %v", err)
	}
}
