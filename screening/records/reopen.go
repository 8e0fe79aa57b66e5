package records

import (
	"fmt"
	"strings"

	"github.com/exportguard/exportguard/screening/lists"
)

// ChangedEntries returns the entries a list update removed or changed, as
// Reopen takes them: entry key → what happened ("removed", "changed
// (Aliases, Addresses)"). Added entries are not included: no case matched
// them yet (re-screening finds new hits, see screening.Screener.Rescreen).
func ChangedEntries(diff lists.SnapshotDiff) map[string]string {
	out := map[string]string{}
	for _, sd := range diff.Sources {
		for _, e := range sd.Removed {
			out[e.Key()] = "removed"
		}
		for _, c := range sd.Changed {
			out[c.Key] = fmt.Sprintf("changed (%s)", strings.Join(c.Fields, ", "))
		}
	}
	return out
}
