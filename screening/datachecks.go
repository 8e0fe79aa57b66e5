package screening

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/exportguard/exportguard/rules"
	"github.com/exportguard/exportguard/screening/lists"
)

// dataChecks is the last step: it raises data.* reasons for evaluation, stale and missing data.
func (sc *screening) dataChecks() {
	w := sc.w
	if len(w.evaluation) > 0 {
		sc.addCited(rules.ReasonDataEvaluationSnapshot, "This decision used embedded evaluation data with old as-of dates; production screening must load current lists and geolocation databases.",
			map[string]any{"data": slices.Clone(w.evaluation)})
	}
	if len(w.listSources) == 0 {
		sc.addCited(rules.ReasonDataMissing, "No restricted-party list is loaded, so no party could be screened.", map[string]any{"missing": "lists"})
	}
	maxList := w.policy.MaxListAge()
	for _, si := range w.listSources {
		if si.Evaluation {
			continue
		}
		if si.Undated() {
			sc.addCited(rules.ReasonDataUndated, fmt.Sprintf("The %s list (%s) has no date: its file states none and it was not downloaded by a list updater, so its age is unknown. State its date (a %s file beside it) or fetch it.",
				si.Source, strings.Join(si.Files, ", "), lists.AsOfSuffix),
				map[string]any{"source": string(si.Source), "files": slices.Clone(si.Files)})
			continue
		}
		// Data ages from the last time it was known to be current: its
		// date, or a later download or server confirmation (HTTP 304).
		current := si.CurrentAt()
		age := sc.now.Sub(current)
		if age > maxList {
			ev := map[string]any{"source": string(si.Source), "as_of": dateOrEmpty(si.AsOf), "max_age_days": int(maxList.Hours() / 24)}
			if si.AsOfFrom != "" {
				ev["as_of_from"] = string(si.AsOfFrom)
			}
			if !si.FetchedAt.IsZero() {
				ev["fetched_at"] = dateOrEmpty(si.FetchedAt)
			}
			sc.addCited(rules.ReasonDataStale, fmt.Sprintf("The %s list is %s old (as of %s); the policy allows %s.", si.Source, days(age), dateOrEmpty(current), days(maxList)),
				ev)
		}
	}
	if len(sc.req.IPs) == 0 {
		return
	}
	maxGeo := w.policy.MaxGeoDBAge()
	for _, db := range w.geoDBs {
		if db.Embedded {
			continue
		}
		age := sc.now.Sub(db.BuildTime)
		if db.BuildTime.IsZero() || age > maxGeo {
			sc.addCited(rules.ReasonDataStale, fmt.Sprintf("The geolocation database %s is %s old (built %s); the policy allows %s.", db.Name, days(age), dateOrEmpty(db.BuildTime), days(maxGeo)),
				map[string]any{"database": db.Name, "build_date": dateOrEmpty(db.BuildTime), "max_age_days": int(maxGeo.Hours() / 24)})
		}
	}
}

func days(d time.Duration) string {
	return fmt.Sprintf("%d days", int(d.Hours()/24))
}

// decision assembles the Decision: reasons ranked by outcome (most severe
