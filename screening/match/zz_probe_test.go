package match

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/screening/lists"
)

func TestZZProbe(t *testing.T) {
	qs := os.Getenv("ZZ_Q")
	if qs == "" {
		t.Skip()
	}
	ix := realAliasIndex(t)
	for _, q := range strings.Split(qs, ";") {
		ty := ""
		if i := strings.Index(q, "|"); i >= 0 {
			q, ty = q[:i], q[i+1:]
		}
		ms, err := ix.Search(context.Background(), Query{Name: q, Type: lists.EntryType(ty), Threshold: 0.01, Limit: 8})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("== %q\n", q)
		for _, m := range ms {
			fmt.Printf("  %.3f %.3f %q", m.Score, m.NameScore, m.Name)
			for _, tk := range m.Tokens {
				fmt.Printf(" [%s~%s %.2f]", tk.Query, tk.Candidate, tk.Similarity)
			}
			for _, a := range m.Adjustments {
				fmt.Printf(" {%s %+.2f}", a.Kind, a.Delta)
			}
			fmt.Println()
		}
	}
}
