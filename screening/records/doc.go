// Package records keeps what the screening services decided: every
// decision with its request, explanation and data versions, in an
// append-only hash chain that one call (Store.Verify) checks; the review
// queue that review and license_required decisions open; and the reviewer
// suppressions that false-positive dispositions create
// (screening.SuppressionStore).
//
// One Store type runs on two backends chosen by the data source name:
// SQLite (modernc.org/sqlite, no cgo) as the embedded default, and
// PostgreSQL (github.com/jackc/pgx/v5) for several replicas sharing one
// database. The schema is versioned with pressly/goose migrations embedded
// in the package.
//
// Records are kept at least five years (15 CFR 762.6, DefaultRetention).
package records
