package match

import (
	"context"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

// TestWorkingGroupKind checks that "working" before a kind word is read
// with it when the body's kind is swapped, and not before another word.
func TestWorkingGroupKind(t *testing.T) {
	ix := NewIndex([]*lists.Entry{
		{Source: lists.SourceSDN, ID: "1", Type: lists.TypeEntity, Name: "COMMITTEE TO DETERMINE INSTANCES OF CRIMINAL CONTENT"},
		{Source: lists.SourceSDN, ID: "2", Type: lists.TypeEntity, Name: "IRANIAN COMMITTEE FOR THE RECONSTRUCTION OF LEBANON"},
		{Source: lists.SourceSDN, ID: "3", Type: lists.TypeEntity, Name: "GLOBAL TRADING LLC"},
		{Source: lists.SourceSDN, ID: "4", Type: lists.TypeEntity, Name: "MILITARY SECURITY COMMAND"},
	})
	for _, c := range []struct {
		query, id string
		found     bool
	}{
		{"WORKING GROUP TO DETERMINE INSTANCES OF CRIMINAL CONTENT", "1", true},
		{"WORKING CAPITAL TO DETERMINE INSTANCES OF CRIMINAL CONTENT", "1", false},
		{"GROUP WORKING TO DETERMINE INSTANCES OF CRIMINAL CONTENT", "1", false},
	} {
		ms, err := ix.Search(context.Background(), Query{Name: c.query, Threshold: 0.8, Limit: 10})
		if err != nil {
			t.Fatal(err)
		}
		found, score := false, 0.0
		for _, m := range ms {
			if m.Entry.ID == c.id {
				found, score = true, m.Score
			}
		}
		if found != c.found {
			t.Errorf("%s: found %v (%.3f), want %v", c.query, found, score, c.found)
		}
	}
}
