package main

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/exportguard/exportguard/examples/internal/service"
)

// TestReloadRefusesAListCutShort: an internal list cut from 301 entries to
// 1 between two reloads is refused (it used to be accepted), and the
// service keeps screening on the 301.
func TestReloadRefusesAListCutShort(t *testing.T) {
	path := filepath.Join(t.TempDir(), "internal.csv")
	write := func(n int) {
		var b strings.Builder
		b.WriteString("name,id\n")
		for i := range n {
			fmt.Fprintf(&b, "Customer %d Trading Ltd,C%d\n", i, i)
		}
		if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(301)
	srv := newTestServer(t, config{Data: service.Data{ListPaths: []string{path}}, Tokens: testTokens(t)})
	before := srv.s.Versions()
	write(1)
	w := doAs(t, srv, adminToken, "POST", "/v1/reload", "")
	if w.Code != http.StatusUnprocessableEntity {
		t.Fatalf("reload of a list cut to 1 entry: %d %s", w.Code, w.Body)
	}
	resp := decode[errorResponse](t, w)
	if !strings.Contains(strings.Join(resp.Details, "\n"), "source INTERNAL shrank from 301 to 1 entries (more than 10%)") {
		t.Errorf("details %q", resp.Details)
	}
	if diff := cmp.Diff(before, srv.s.Versions()); diff != "" || srv.s.Lists().Len() != 301 {
		t.Errorf("the refused list was swapped in (-before +after):\n%s", diff)
	}
}
