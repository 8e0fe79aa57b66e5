package records

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"strconv"
	"strings"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed migrations
var migrations embed.FS

// dialect is what differs between the backends.
type dialect struct {
	name   string // "sqlite" or "postgres"
	goose  goose.Dialect
	driver string
	// lockHead is the clause that locks the chain head row for the rest of
	// the transaction ("FOR UPDATE"); SQLite locks the whole database at
	// BEGIN IMMEDIATE instead.
	lockHead string
	// dollar reports whether placeholders are $1, $2, … rather than ?.
	dollar bool
}

var (
	sqliteDialect   = dialect{name: "sqlite", goose: goose.DialectSQLite3, driver: "sqlite"}
	postgresDialect = dialect{name: "postgres", goose: goose.DialectPostgres, driver: "pgx", lockHead: " FOR UPDATE", dollar: true}
)

// q rewrites ? placeholders for the dialect.
func (d dialect) q(query string) string {
	if !d.dollar {
		return query
	}
	var b strings.Builder
	n := 0
	for _, r := range query {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// redact hides a password in a connection string for messages.
func redact(dsn string) string {
	at := strings.LastIndex(dsn, "@")
	scheme := strings.Index(dsn, "://")
	if at < 0 || scheme < 0 || at < scheme {
		return dsn
	}
	userinfo := dsn[scheme+3 : at]
	if i := strings.Index(userinfo, ":"); i >= 0 {
		return dsn[:scheme+3] + userinfo[:i] + ":***" + dsn[at:]
	}
	return dsn
}

// migrate applies the embedded migrations of d with goose. On PostgreSQL
// an advisory lock keeps two processes starting together from migrating
// at once.
func migrate(ctx context.Context, db *sql.DB, d dialect, logger *slog.Logger) error {
	sub, err := fs.Sub(migrations, "migrations/"+d.name)
	if err != nil {
		return err
	}
	popts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	if d.name == "postgres" {
		l, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return err
		}
		popts = append(popts, goose.WithSessionLocker(l))
	}
	p, err := goose.NewProvider(d.goose, db, sub, popts...)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	res, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("migrations: %w", err)
	}
	for _, r := range res {
		logger.Info("records schema migrated", "version", r.Source.Version, "file", r.Source.Path, "took", r.Duration)
	}
	return nil
}
