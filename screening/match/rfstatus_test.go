package match

import (
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestRFStatusLeftOut checks that a name of generic words said whole
// without the research centre's status its listed name carries, at the
// end or at the start, finds it, and that a part of the name does not.
func TestRFStatusLeftOut(t *testing.T) {
	es := []*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "CENTRAL INSTITUTE OF MOTOR BUILDING STATE RESEARCH CENTER OF THE RUSSIAN FEDERATION"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "STATE SCIENTIFIC CENTRE OF THE RUSSIAN FEDERATION INSTITUTE OF HIGH PRESSURE PHYSICS"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "MINISTRY OF INDUSTRY OF THE RUSSIAN FEDERATION"},
	}
	es = append(es, numberedEntities(60, "PLANT")...)
	es = append(es, numberedEntities(30, "CENTRAL INSTITUTE")...)
	es = append(es, numberedEntities(30, "STATE RESEARCH INSTITUTE")...)
	es = append(es, numberedEntities(30, "PHYSICS INSTITUTE")...)
	ix := NewIndex(es)
	for _, c := range []struct {
		query, key string
		found      bool
	}{
		{"CENTRAL INSTITUTE OF MOTOR BUILDING", "SDN:1", true},
		{"INSTITUTE OF HIGH PRESSURE PHYSICS", "SDN:2", true},
		{"CENTRAL INSTITUTE", "SDN:1", false},
		{"INSTITUTE OF MOTOR BUILDING", "SDN:1", false},
	} {
		ms, err := ix.Search(t.Context(), Query{Name: c.query, Threshold: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		best := 0.0
		for _, m := range ms {
			if m.Entry.Key() == c.key {
				best = max(best, m.Score)
			}
		}
		if got := best >= DefaultThreshold; got != c.found {
			t.Errorf("%q: %s at %.3f, found = %v, want %v", c.query, c.key, best, got, c.found)
		}
	}
}

// TestRFStatusLen checks where rfStatusLen reads the status.
func TestRFStatusLen(t *testing.T) {
	for _, c := range []struct {
		name  string
		atEnd bool
		want  int
	}{
		{"central institute motor building state research center russian federation", true, 5},
		{"state scientific centre russian federation institute high pressure physics", false, 5},
		{"gosudarstvennyi nauchnyi tsentr rossiiskoi federatsii institut fiziki", false, 5},
		{"motor state research center russian federation", true, 0}, // one word left
		{"central institute motor building state research center", true, 0},
	} {
		ws := strings.Fields(c.name)
		if got := rfStatusLen(len(ws), func(i int) string { return ws[i] }, c.atEnd); got != c.want {
			t.Errorf("%q (at end %v): %d, want %d", c.name, c.atEnd, got, c.want)
		}
	}
}
