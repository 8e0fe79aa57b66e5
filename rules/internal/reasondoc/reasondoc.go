// Package reasondoc renders the reason-code registry (rules.Reasons) as the
// Markdown table of docs/decisions.md, between two marker lines, so the
// documented codes are the registered ones.
package reasondoc

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/exportguard/exportguard/rules"
)

// The lines that enclose the generated table in docs/decisions.md.
const (
	Begin = "<!-- BEGIN reason table: generated from rules/reasons.go by go generate ./rules; DO NOT EDIT. -->"
	End   = "<!-- END reason table -->"
)

// ErrNoMarkers is returned by Splice when a document lacks the marker lines.
var ErrNoMarkers = errors.New("reason table markers not found")

// Table returns the Markdown table of rs: code, when, default outcome,
// citation; one row per code, in the registry's order.
func Table(rs []rules.ReasonInfo) string {
	var b strings.Builder
	b.WriteString("| code | when | default outcome | citation |\n|---|---|---|---|\n")
	for _, r := range rs {
		outcome := r.Outcome.String()
		if r.OutcomeNote != "" {
			outcome += " (" + r.OutcomeNote + ")"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.Code, cell(r.Meaning), cell(outcome), cell(r.Citation))
	}
	return b.String()
}

// cell escapes the characters that would end a table cell or row.
func cell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ").Replace(s)
}

// Splice returns doc with the text between the Begin and End lines
// replaced by table. name is the document's name for errors.
func Splice(name string, doc []byte, table string) ([]byte, error) {
	i := bytes.Index(doc, []byte(Begin+"\n"))
	if i < 0 {
		return nil, fmt.Errorf("%s: %w: no line %q", name, ErrNoMarkers, Begin)
	}
	start := i + len(Begin) + 1
	j := bytes.Index(doc[start:], []byte(End))
	if j < 0 {
		return nil, fmt.Errorf("%s:%d: %w: %q has no %q after it", name, bytes.Count(doc[:i], []byte("\n"))+1, ErrNoMarkers, Begin, End)
	}
	var out bytes.Buffer
	out.Write(doc[:start])
	out.WriteString(table)
	out.Write(doc[start+j:])
	return out.Bytes(), nil
}
