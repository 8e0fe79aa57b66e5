package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// writeTable writes text to a file of a temporary directory and returns
// its path.
func writeTable(t *testing.T, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "table.txt")
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestReadNames checks that comments and blank lines are skipped and that
// a bad line is reported with its file and line number.
func TestReadNames(t *testing.T) {
	p := writeTable(t, "# a comment\n\nslavic: Ivan Iwan  # trailing\narabic: Husayn Hussein\n")
	got, err := readNames(p, "slavic", "arabic")
	if err != nil {
		t.Fatal(err)
	}
	want := []group{
		{kind: "slavic", name: "Ivan", words: []string{"Ivan", "Iwan"}},
		{kind: "arabic", name: "Husayn", words: []string{"Husayn", "Hussein"}},
	}
	if d := cmp.Diff(want, got, cmp.AllowUnexported(group{})); d != "" {
		t.Errorf("readNames (-want +got):\n%s", d)
	}
	for _, c := range []struct{ text, want string }{
		{"slavic: Ivan\ntitle Colonel\n", ":2: want \"slavic|arabic: form form ...\", got \"title Colonel\""},
		{"\n\nslavic:\n", ":3: no forms"},
	} {
		_, err := readNames(writeTable(t, c.text), "slavic", "arabic")
		if err == nil || !strings.Contains(err.Error(), "table.txt"+c.want) {
			t.Errorf("%q: error %v, want table.txt%s", c.text, err, c.want)
		}
	}
}

// TestReadMerges checks the merges' lines and that a line of one group
// name is reported where it is.
func TestReadMerges(t *testing.T) {
	got, err := readMerges(writeTable(t, "# merges\nscience research\n\n"))
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff([][]string{{"science", "research"}}, got); d != "" {
		t.Errorf("readMerges (-want +got):\n%s", d)
	}
	_, err = readMerges(writeTable(t, "science research\n# x\nscience\n"))
	if err == nil || !strings.Contains(err.Error(), "table.txt:3: want two group names or more, got \"science\"") {
		t.Errorf("error %v, want line 3 named", err)
	}
}

// TestAddDiminutives checks that the short forms become a Slavic group in
// the full name's cognate set, and that a line without a colon or a
// short form of another group is reported with its line.
func TestAddDiminutives(t *testing.T) {
	kept := []group{{kind: "slavic", name: "nadezhda", words: []string{"nadezhda", "nadiya"}}}
	seen := map[string]bool{"nadezhda": true, "nadiya": true}
	got, err := addDiminutives(writeTable(t, "# short forms\nNadezhda: Nadya Nadia\n"), kept, seen)
	if err != nil {
		t.Fatal(err)
	}
	want := []group{
		{kind: "slavic", name: "nadezhda", words: []string{"nadezhda", "nadiya"}, cognate: 1},
		{kind: "slavic", name: "nadya", words: []string{"nadya", "nadia"}, cognate: 1},
	}
	if d := cmp.Diff(want, got, cmp.AllowUnexported(group{})); d != "" {
		t.Errorf("addDiminutives (-want +got):\n%s", d)
	}
	for _, c := range []struct{ text, want string }{
		{"\nNadezhda Nadya\n", ":2: no colon"},
		{"Nadezhda: Nadiya\n", ":1: \"Nadiya\" is a word of another group"},
	} {
		kept := []group{{kind: "slavic", name: "nadezhda", words: []string{"nadezhda", "nadiya"}}}
		seen := map[string]bool{"nadezhda": true, "nadiya": true}
		_, err := addDiminutives(writeTable(t, c.text), kept, seen)
		if err == nil || !strings.Contains(err.Error(), "table.txt"+c.want) {
			t.Errorf("%q: error %v, want table.txt%s", c.text, err, c.want)
		}
	}
}
