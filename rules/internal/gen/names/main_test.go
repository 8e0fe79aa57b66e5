package main

import (
	"slices"
	"testing"
)

func TestVariants(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"China", []string{"China"}},
		{"Korea, Republic of", []string{"Korea, Republic of", "Republic of Korea"}},
		{"Myanmar (Burma)", []string{"Myanmar (Burma)", "Myanmar"}},
		{"刚果（金）", []string{"刚果（金）", "刚果"}},
		{"Yemen, Democratic, People's Democratic Republic of", []string{"Yemen, Democratic, People's Democratic Republic of"}},
	}
	for _, tt := range tests {
		if got := variants(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("variants(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestResolveTiers(t *testing.T) {
	tab := &table{byKey: map[string][]candidate{}, codes: map[string]string{"cn": "CN", "chn": "CN"}}
	tab.add("Congo", "CG", 2)
	tab.byKey["congo"] = append(tab.byKey["congo"], candidate{"CD CG", 1}) // curated: ambiguous
	tab.add("Kongo", "CD", 4)
	tab.add("Kongo", "CG", 4)
	tab.add("Paraguai", "PY", 4)
	tab.add("Paraguai", "NI", 4)
	tab.byKey["paraguai"] = append(tab.byKey["paraguai"], candidate{"PY", 1}) // curated fix
	tab.add("Man", "IM", 4)                                                   // too short
	tab.add("CHN", "TW", 4)                                                   // a code
	tab.addCode("891", "ME RS", 3)
	tab.addCode("891", "!", 3)
	final, ambiguous := tab.resolve()
	want := map[string]string{"congo": "CD CG", "kongo": "CD CG", "paraguai": "PY", "891": "!"}
	for k, v := range want {
		if final[k] != v {
			t.Errorf("%q -> %q, want %q", k, final[k], v)
		}
	}
	for _, k := range []string{"man", "chn"} {
		if _, ok := final[k]; ok {
			t.Errorf("%q is in the table", k)
		}
	}
	if len(ambiguous) != 1 {
		t.Errorf("reported clashes %q, want only kongo", ambiguous)
	}
}
