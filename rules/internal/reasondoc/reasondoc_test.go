package reasondoc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exportguard/exportguard/rules"
)

var decisionsMD = filepath.Join("..", "..", "..", "docs", "decisions.md")

// TestDecisionsTableIsCurrent checks docs/decisions.md holds the table the
// registry makes, so every registered code is documented as registered;
// after changing rules/reasons.go run go generate ./rules.
func TestDecisionsTableIsCurrent(t *testing.T) {
	doc, err := os.ReadFile(decisionsMD)
	if err != nil {
		t.Fatal(err)
	}
	want, err := Splice(decisionsMD, doc, Table(rules.Reasons()))
	if err != nil {
		t.Fatal(err)
	}
	if string(doc) != string(want) {
		t.Errorf("%s: the reason table differs from rules/reasons.go; run go generate ./rules", decisionsMD)
	}
	for _, r := range rules.Reasons() {
		row := "| `" + string(r.Code) + "` | "
		if strings.Count(string(doc), row) != 1 {
			t.Errorf("%s: want one table row for %s", decisionsMD, r.Code)
		}
	}
}

func TestTable(t *testing.T) {
	got := Table([]rules.ReasonInfo{
		{Code: rules.ReasonIPNotRoutable, Outcome: rules.OutcomeAllow, Citation: "a | b", Meaning: "line\nbreak"},
		{Code: rules.ReasonDataEvaluationSnapshot, Outcome: rules.OutcomeAllow, OutcomeNote: "policy may raise it", Citation: "c", Meaning: "m"},
	})
	want := "| code | when | default outcome | citation |\n|---|---|---|---|\n" +
		"| `ip.not_routable` | line break | allow | a \\| b |\n" +
		"| `data.evaluation_snapshot` | m | allow (policy may raise it) | c |\n"
	if got != want {
		t.Errorf("Table:\n%s\nwant:\n%s", got, want)
	}
}

func TestSplice(t *testing.T) {
	doc := "# T\n\nintro\n" + Begin + "\nold\nrows\n" + End + "\nafter\n"
	got, err := Splice("d.md", []byte(doc), "new\n")
	if err != nil {
		t.Fatal(err)
	}
	if want := "# T\n\nintro\n" + Begin + "\nnew\n" + End + "\nafter\n"; string(got) != want {
		t.Errorf("Splice = %q, want %q", got, want)
	}
	for _, tc := range []struct{ doc, err string }{
		{"no markers\n", `d.md: reason table markers not found: no line "` + Begin + `"`},
		{"a\nb\n" + Begin + "\nrows\n", `d.md:3: reason table markers not found: "` + Begin + `" has no "` + End + `" after it`},
	} {
		_, err := Splice("d.md", []byte(tc.doc), "new\n")
		if err == nil || err.Error() != tc.err || !errors.Is(err, ErrNoMarkers) {
			t.Errorf("Splice(%q) error = %v, want %s", tc.doc, err, tc.err)
		}
	}
}
