package match

import (
	"slices"
	"strings"
	"testing"
)

func TestNameParts(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
	}{
		{"ACME TRADING LLC D/B/A ZORVATEK SARL", []string{"ACME TRADING LLC", "ZORVATEK SARL"}},
		{"Acme Trading LLC dba Zorvatek", []string{"Acme Trading LLC", "Zorvatek"}},
		{"Zorvatek Sarl (formerly Acme Trading)", []string{"Zorvatek Sarl", "Acme Trading"}},
		{"Zorvatek Sarl, f/k/a Acme Trading, a.k.a. Korvelan", []string{"Zorvatek Sarl", "Acme Trading", "Korvelan"}},
		{"ZORVATEK T/A ACME", []string{"ZORVATEK", "ACME"}},
		{"ZORVATEK LTD C/O ACME FORWARDING", []string{"ZORVATEK LTD", "ACME FORWARDING"}},
		{"Zorvatek Ltd, care of Acme Forwarding", []string{"Zorvatek Ltd", "Acme Forwarding"}},
		{"ZORVATEK LTD ATTN: KORVELAN", []string{"ZORVATEK LTD", "KORVELAN"}},
		{"ZORVATEK CO LTD", nil}, // CO is a word of its own
		{"Zorvatek Ltd trading as Acme Stores", []string{"Zorvatek Ltd", "Acme Stores"}},
		{"Korvelan also known as Zorvatek", []string{"Korvelan", "Zorvatek"}},
		{"Korvelan formerly known as Zorvatek", []string{"Korvelan", "Zorvatek"}},
		// one name
		{"AKA INTEGRAL SERVICES", nil}, // a separator word first
		{"ZORVATEK DBA", nil},          // or last
		{"Trading As Usual Ltd", nil},
		{"Group A", nil},
		{"Zorvatek", nil},
		{"", nil},
		{"Acme d/b/a", nil},
		{"d/b/a Zorvatek", nil},
	} {
		if got := NameParts(c.in); !slices.Equal(got, c.want) {
			t.Errorf("NameParts(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// FuzzNameParts checks that the parts of any name are non-empty, trimmed
// and, written in order, come from the name.
func FuzzNameParts(f *testing.F) {
	for _, s := range []string{"A d/b/a B", "x aka y f/k/a z", "Zorvatek Sarl (formerly Acme)", "d b a d b a", "ÄÖ t/a ü"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts := NameParts(s)
		if parts != nil && len(parts) < 2 {
			t.Fatalf("NameParts(%q) = %q: one part", s, parts)
		}
		rest := s
		for _, p := range parts {
			if p == "" {
				t.Fatalf("NameParts(%q): an empty part", s)
			}
			i := indexOf(rest, p)
			if i < 0 {
				t.Fatalf("NameParts(%q): part %q not in the name in order", s, p)
			}
			rest = rest[i+len(p):]
		}
	})
}

func indexOf(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

// TestNameHead checks that a name with an address or a telephone number
// after its legal form gives its head, and that other names give none.
func TestNameHead(t *testing.T) {
	for _, c := range []struct{ in, head string }{
		{"SINNO ELECTRONICS CO LTD, 12 NANSHAN ROAD, SHENZHEN", "SINNO ELECTRONICS CO LTD"},
		{"Sinno Electronics Co., Ltd. Tel 86-755-1234567", "Sinno Electronics Co., Ltd."},
		{"ZORVATEK GMBH, Room 5, Building 2", "ZORVATEK GMBH"},
		{"ACME LLC P.O. BOX 1234", "ACME LLC"},
		{"ZORVATEK LTD, HONG KONG BRANCH", ""}, // a branch, no address
		{"7TH OF TIR LTD", ""},                 // a number before the form
		{"ZORVATEK LTD", ""},
		{"ZORVATEK 12 ROAD", ""}, // no legal form
		{"SINNO ELECTRONICS TEL +86 755 1234567", "SINNO ELECTRONICS"},
		{"Zorvatek Trading, Fax: 21-555", "Zorvatek Trading"},
		{"TEL AVIV UNIVERSITY", ""},      // a word after TEL
		{"ZORVATEK TEL-AVIV BRANCH", ""}, // the same
		{"TEL 123", ""},                  // no name before it
		{" LTD 12 ROAD", ""},             // no name before the form
		{"", ""},
	} {
		head, ok := NameHead(c.in)
		if head != c.head || ok != (c.head != "") {
			t.Errorf("NameHead(%q) = %q, %v; want %q", c.in, head, ok, c.head)
		}
	}
}

// FuzzNameHead checks that a name's head is a prefix of it, trimmed.
func FuzzNameHead(f *testing.F) {
	for _, s := range []string{"A LTD, 1 ROAD", "LTD 2", "x ltd tel", "ÄÖ GMBH, 3"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		head, ok := NameHead(s)
		if ok && (head == "" || !strings.HasPrefix(strings.TrimLeft(s, " "), head) || strings.TrimSpace(head) != head) {
			t.Fatalf("NameHead(%q) = %q", s, head)
		}
	})
}

// TestCompanySide checks that the side of a name that ends with a legal
// form is read beside a contact person, and that other names give none.
func TestCompanySide(t *testing.T) {
	for _, c := range []struct{ in, side string }{
		{"JOHN SMITH - SINNO ELECTRONICS CO LTD", "SINNO ELECTRONICS CO LTD"},
		{"Sinno Electronics Co., Ltd. / John Smith", "Sinno Electronics Co., Ltd."},
		{"ZORVATEK LLC - DUBAI BRANCH", ""}, // a branch: the matcher's (branchWords)
		{"EUROBET - ROMANIA EOOD", ""},      // a brand and its country's company
		{"JOHN SMITH - ROMANIA EOOD", ""},   // a country and a form only
		{"ZORVATEK LLC - KORVELAN LTD", ""}, // two companies: NameParts' and the whole name's
		{"ZORVATEK - DUBAI BRANCH", ""},     // no form
		{"ZORVATEK-KORVELAN LTD", ""},       // a dash inside a name
		{"LTD - JOHN SMITH", ""},            // a form alone
		{"", ""},
	} {
		side, ok := CompanySide(c.in)
		if side != c.side || ok != (c.side != "") {
			t.Errorf("CompanySide(%q) = %q, %v; want %q", c.in, side, ok, c.side)
		}
	}
}

// FuzzCompanySide checks that a company side is part of the name.
func FuzzCompanySide(f *testing.F) {
	for _, s := range []string{"A - B LTD", "A LLC / B", " - LTD", "x – y gmbh"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if side, ok := CompanySide(s); ok && (side == "" || !strings.Contains(s, side)) {
			t.Fatalf("CompanySide(%q) = %q", s, side)
		}
	})
}

// TestPersonWithoutNickname checks a person's nickname or other given name
// in parentheses, and what parentheses hold otherwise: a place, a script,
// a number, more than two words, a company's words.
func TestPersonWithoutNickname(t *testing.T) {
	for _, c := range []struct {
		in     string
		person bool
		want   string
	}{
		{"Aleksey (Lesha) Tsydenov", true, "Aleksey Tsydenov"},
		{"ZHANG Wei (David)", true, "ZHANG Wei"},
		{"Wei (David) ZHANG", false, "Wei ZHANG"}, // no type: a person's words
		{"TSYDENOV, Aleksey (Lesha)", true, "TSYDENOV, Aleksey"},
		{"Aleksey (Lesha) Tsydenov", true, "Aleksey Tsydenov"},
		{"Jin Tiesan (金铁三)", true, ""},              // the original script
		{"Ivan Petrov (Russia)", true, ""},          // a country
		{"Ivan Petrov (born 1970)", true, ""},       // a number
		{"Ivan (the Big Bear) Petrov", true, ""},    // three words
		{"Sinno (Shenzhen) Electronics", false, ""}, // no type, a company's words
		{"Lesha (Tsydenov)", true, ""},              // one word left
		{"Ivan Petrov", true, ""},
		{"(Lesha) Tsydenov Aleksey", true, ""}, // nothing before
	} {
		got, ok := PersonWithoutNickname(c.in, c.person)
		if ok != (c.want != "") || got != c.want {
			t.Errorf("PersonWithoutNickname(%q, %v) = %q, %v; want %q", c.in, c.person, got, ok, c.want)
		}
	}
}

// FuzzPersonWithoutNickname checks that the name left is the name given
// without its words in parentheses, of two words or more normalised.
func FuzzPersonWithoutNickname(f *testing.F) {
	for _, s := range []string{"Aleksey (Lesha) Tsydenov", "A (B", "(x) y z", "a ) b ( c", "Wei (David) ZHANG"} {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, person bool) {
		got, ok := PersonWithoutNickname(s, person)
		if !ok {
			return
		}
		if strings.ContainsAny(got, "()") || len(strings.Fields(Normalize(got))) < 2 {
			t.Fatalf("PersonWithoutNickname(%q) = %q", s, got)
		}
		for _, w := range strings.Fields(got) {
			if !strings.Contains(s, w) {
				t.Fatalf("PersonWithoutNickname(%q) = %q: %q not in the name", s, got, w)
			}
		}
	})
}

// TestScriptParts checks a name written in two scripts and in one.
func TestScriptParts(t *testing.T) {
	for in, want := range map[string][]string{
		"HANGZHOU HIKVISION CO LTD 杭州海康威视数字技术股份有限公司": {"HANGZHOU HIKVISION CO LTD", "杭州海康威视数字技术股份有限公司"},
		"SINNO ELECTRONICS CO LTD (深圳市思诺电子有限公司)":     {"SINNO ELECTRONICS CO LTD", "深圳市思诺电子有限公司"},
		"Иван Петров IVAN PETROV":                    {"Иван Петров", "IVAN PETROV"},
		"Jin Tiesan (金铁三)":                           {"Jin Tiesan", "金铁三"},
		"ООО «Ромашка» / ROMASHKA LLC":               {"ООО «Ромашка»", "ROMASHKA LLC"},
		"ACME 7 (金)":       nil, // one Han letter
		"Société Générale": nil, // one script with its accents
		"杭州海康威视":           nil,
		"":                 nil,
	} {
		got, ok := ScriptParts(in)
		if ok != (want != nil) || !slices.Equal(got, want) {
			t.Errorf("ScriptParts(%q) = %q, %v; want %q", in, got, ok, want)
		}
	}
}

// FuzzScriptParts checks that each part is a piece of the name, of two
// letters or more, and that parts come two or more.
func FuzzScriptParts(f *testing.F) {
	for _, s := range []string{"HANGZHOU 杭州", "Иван IVAN", "a(б)c", "ÅÄÖ 漢字 abc", "\xff漢字 ab"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		parts, ok := ScriptParts(s)
		if !ok {
			return
		}
		if len(parts) < 2 {
			t.Fatalf("ScriptParts(%q) = %q", s, parts)
		}
		for _, p := range parts {
			if p == "" || !strings.Contains(s, p) {
				t.Fatalf("ScriptParts(%q): part %q", s, p)
			}
		}
	})
}
