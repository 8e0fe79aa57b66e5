package match_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/exportguard/exportguard/screening/lists"
	"github.com/exportguard/exportguard/screening/match"
)

// A program that loads the same lists on every start can keep their
// index beside them: AppendBinary writes it, LoadIndex reads it back in a
// few milliseconds, and refuses it (ErrIndexMismatch) once the lists have
// changed, when the index is built again.
func ExampleLoadIndex() {
	entries := []*lists.Entry{
		{Source: lists.SourceInternal, ID: "1", Type: lists.TypeEntity, Name: "Acme Trading Company Limited"},
		{Source: lists.SourceInternal, ID: "2", Type: lists.TypeIndividual, Name: "John Example Doe"},
	}
	saved, err := match.NewIndex(entries).AppendBinary(nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	ix, err := match.LoadIndex(saved, entries)
	if err != nil {
		fmt.Println(err)
		return
	}
	ms, _ := ix.Search(context.Background(), match.Query{Name: "ACME Trading Co., Ltd."})
	for _, m := range ms {
		fmt.Printf("%s %q %.2f\n", m.Entry.Key(), m.Name, m.Score)
	}
	changed := []*lists.Entry{entries[0]}
	_, err = match.LoadIndex(saved, changed)
	fmt.Println(errors.Is(err, match.ErrIndexMismatch), err)
	// Output:
	// INTERNAL:1 "Acme Trading Company Limited" 1.00
	// true match: prebuilt index does not fit: made from 2 entries, given 1
}
