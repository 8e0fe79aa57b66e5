package match

import (
	"context"
	"math"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestCutRecordCode checks the record's numbers a customer file writes
// before or after a name, and the numbers that are a name's own: after a
// word of the name with no mark, in a name of a number and generic or
// legal-form words only, inside parentheses with other words, too short.
func TestCutRecordCode(t *testing.T) {
	for _, c := range []struct{ in, rest, code string }{
		{"10023 SINNO ELECTRONICS CO LTD", "SINNO ELECTRONICS CO LTD", "10023"},
		{"C10023 - SINNO ELECTRONICS", "SINNO ELECTRONICS", "c10023"},
		{"#10023: SINNO", "SINNO", "10023"},
		{"SINNO ELECTRONICS CO LTD #10023", "SINNO ELECTRONICS CO LTD", "10023"},
		{"SINNO ELECTRONICS CO LTD # 10023", "SINNO ELECTRONICS CO LTD", "10023"},
		{"SINNO LTD - 10023", "SINNO LTD", "10023"},
		{"SINNO LTD, 10023", "SINNO LTD", "10023"},
		{"SINNO LTD. (10023)", "SINNO LTD.", "10023"},
		{"SINNO LTD (CUST 10023)", "SINNO LTD", "10023"},
		{"SINNO LTD (CUST10023)", "SINNO LTD", "cust10023"},
		{"SINNO LTD [ACCT NO. 10023]", "SINNO LTD", "10023"},
		{"SINNO LTD CUST: 10023", "SINNO LTD", "10023"},
		{"SINNO LTD CUST # 10023", "SINNO LTD", "10023"},
		{"SINNO LTD 10023", "SINNO LTD", "10023"}, // after a legal form
		{"FU YUAN YU #7880", "FU YUAN YU", "7880"},
		{"SINNO TRADING 10023", "", ""}, // a word of the name before it: nameTokens.recordNum
		{"FU YUAN YU 7880", "", ""},
		{"ZHANG, Wei 10023", "", ""},
		{"SINNO (HONG KONG 1234)", "", ""},
		{"7103 Factory", "", ""},                          // a number and a generic word: the name
		{"YV2716 Co., Ltd.", "", ""},                      // a number and a legal form
		{"1234567 CANADA INC.", "CANADA INC.", "1234567"}, // a numbered company: the numbers decide (TestRecordCodeNumbers)
		{"Office 39", "", ""},
		{"SINNO 123", "", ""}, // three digits
		{"1234 5678", "", ""},
		{"", "", ""},
	} {
		rest, code, ok := cutRecordCode(c.in)
		if want := c.code != ""; ok != want || ok && (rest != c.rest || code != c.code) {
			t.Errorf("cutRecordCode(%q) = %q, %q, %v; want %q, %q, %v", c.in, rest, code, ok, c.rest, c.code, want)
		}
	}
}

// TestRecordCodeNumbers checks numberAdjustments with a record's number:
// left out against a listed name without numbers, read with the query's
// other numbers against one with numbers (the name's own when it is one of
// them), and a number other than the listed one when the rest do not
// agree (a numbered company against another).
func TestRecordCodeNumbers(t *testing.T) {
	for _, c := range []struct {
		qnums, cnums string
		recNum, code string
		want         string // the adjustment's kind, or ""
	}{
		{"", "", "", "10023", ""},
		{"10023", "", "10023", "", ""},
		{"140", "140", "", "91155", ""},   // 140 REPAIR PLANT (CUST 91155)
		{"", "7880", "", "7880", ""},      // FU YUAN YU #7880
		{"2655", "2655", "2655", "", ""},  // HYUNDAI MIPO 2655
		{"1 12848", "1", "12848", "", ""}, // SHAYAN 1 12848
		{"", "2904977", "", "10219454", "number_mismatch"},
		{"2656", "2655", "2656", "", "number_mismatch"},
		{"7 10023", "", "10023", "", "number_missing"}, // 7 is the name's
		{"10023", "", "", "", "number_missing"},        // no record's number read
	} {
		var r result
		numberAdjustments(&r, strings.Fields(c.qnums), strings.Fields(c.cnums), c.recNum, c.code)
		got := ""
		if r.nadj > 0 {
			got = r.adj[0].Kind
		}
		if r.nadj > 1 || got != c.want {
			t.Errorf("numbers %q / %q (record %q, cut %q): %v, want %q", c.qnums, c.cnums, c.recNum, c.code, r.adj[:r.nadj], c.want)
		}
	}
}

// TestRecordCodeSearch checks that a listed name with a record's number
// before or after it, as customer files write it, is found as the name
// alone is, on the real-alias index; that a vessel's number cut from its
// name still picks its vessel; and that a numbered company stays apart
// from another.
func TestRecordCodeSearch(t *testing.T) {
	ix := realAliasIndex(t)
	for _, c := range []struct {
		query, listed string
		typ           lists.EntryType
		want          float64 // 0: under the threshold
	}{
		{"10023 SINNO ELECTRONICS CO LTD", "Sinno Electronics Co., Ltd.", "", 1},
		{"SINNO ELECTRONICS CO LTD (CUST 10023)", "Sinno Electronics Co., Ltd.", "", 1},
		{"SINNO ELECTRONICS CO LTD 10023", "Sinno Electronics Co., Ltd.", "", 1},
		{"ZHANG, Wei 10023", "ZHANG, Wei", lists.TypeIndividual, 1},
		{"140 Repair Plant JSC #91155", "140 Repair Plant JSC", "", 1},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Type: c.typ, Limit: 20})
		if err != nil {
			t.Fatal(err)
		}
		got := 0.0
		for _, m := range ms {
			if m.Name == c.listed {
				got = m.Score
				if len(m.Adjustments) > 0 {
					t.Errorf("%q: %q adjustments %v, want none", c.query, c.listed, m.Adjustments)
				}
			}
		}
		if math.Abs(got-c.want) > 0.0005 {
			t.Errorf("%q: %q %.3f, want %.3f", c.query, c.listed, got, c.want)
		}
	}
}

// FuzzCutRecordCode checks that cutRecordCode never panics, cuts only a
// number of recordCodeDigits digits or more, and leaves a name with a
// word of its own that is part of the name given.
func FuzzCutRecordCode(f *testing.F) {
	for _, s := range []string{"10023 SINNO ELECTRONICS CO LTD", "SINNO LTD [ACCT NO. 10023]", "SINNO LTD CUST # 10023", "(10023)", "#1234 #", "A (B C D 12345)", "x 1234)", "ΑΒΓ 12345"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rest, code, ok := cutRecordCode(s)
		if !ok {
			if rest != s || code != "" {
				t.Errorf("cutRecordCode(%q) = %q, %q, false; want the name as given", s, rest, code)
			}
			return
		}
		if !recordCodeWord(code) || code != strings.ToLower(code) || !strings.Contains(strings.ToLower(s), code) {
			t.Errorf("cutRecordCode(%q): code %q", s, code)
		}
		if !hasNameWord(rest) || !utf8.ValidString(rest) && utf8.ValidString(s) || !strings.Contains(s, strings.Fields(rest)[0]) {
			t.Errorf("cutRecordCode(%q): rest %q", s, rest)
		}
	})
}
