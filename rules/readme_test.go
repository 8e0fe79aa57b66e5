package rules

import (
	"os"
	"strings"
	"testing"
)

// TestREADMEPolicyExample loads the policy example shown in README.md, so the
// README cannot drift from the format.
func TestREADMEPolicyExample(t *testing.T) {
	b, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "## Policy files")
	if i < 0 {
		t.Fatal("README.md has no Policy files section")
	}
	s = s[i:]
	start := strings.Index(s, "```yaml\n")
	if start < 0 {
		t.Fatal("no yaml block in the Policy files section")
	}
	s = s[start+len("```yaml\n"):]
	end := strings.Index(s, "```")
	p, err := ParsePolicy("README.md", []byte(s[:end]))
	if err != nil {
		t.Fatalf("the README's policy example does not load: %v", err)
	}
	if p.Name() != "acme-ai-chips" || p.OutcomeFor("ip.anonymizer") != OutcomeDeny || p.ListOutcome("UVL") != OutcomeLicenseRequired ||
		p.MatchThreshold() != 0.9 || p.MaxListAge().Hours() != 72 {
		t.Errorf("policy = %s, anonymizer %v, UVL %v, threshold %v, max list age %v",
			p.Name(), p.OutcomeFor("ip.anonymizer"), p.ListOutcome("UVL"), p.MatchThreshold(), p.MaxListAge())
	}
}
