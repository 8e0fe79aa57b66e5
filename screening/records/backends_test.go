package records_test

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/exportguard/exportguard/screening/records"
)

// postgresEnv names a PostgreSQL server the tests may create databases on,
// as a connection string (for example
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable). .ci/run
// starts one and sets it.
const postgresEnv = "EXPORTGUARD_TEST_POSTGRES"

var skipOnce sync.Once

// backend is one database the suite runs against.
type backend struct {
	name string
	// dsn returns the data source of a new, empty database.
	dsn func(t *testing.T) string
}

func backends(t *testing.T) []backend {
	out := []backend{{name: "sqlite", dsn: func(t *testing.T) string {
		return "sqlite:" + filepath.Join(t.TempDir(), "records.db")
	}}}
	if os.Getenv(postgresEnv) == "" {
		skipOnce.Do(func() {
			fmt.Fprintf(os.Stderr, "records: %s is not set; the PostgreSQL tests are skipped (see README: Running the storage tests)\n", postgresEnv)
		})
		return out
	}
	return append(out, backend{name: "postgres", dsn: postgresDB})
}

// postgresDB creates a fresh database on the server of postgresEnv and
// drops it when the test ends.
func postgresDB(t *testing.T) string {
	t.Helper()
	admin := os.Getenv(postgresEnv)
	db, err := sql.Open("pgx", admin)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	name := fmt.Sprintf("exportguard_test_%d", time.Now().UnixNano())
	if _, err := db.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("creating database %s on %s: %v", name, admin, err)
	}
	t.Cleanup(func() {
		if _, err := db.Exec("DROP DATABASE " + name + " WITH (FORCE)"); err != nil {
			t.Logf("dropping %s: %v", name, err)
		}
	})
	u, err := url.Parse(admin)
	if err != nil {
		t.Fatalf("%s: %v", postgresEnv, err)
	}
	u.Path = "/" + name
	return u.String()
}

// eachBackend runs fn against a fresh database of every backend.
func eachBackend(t *testing.T, fn func(t *testing.T, dsn string)) {
	for _, b := range backends(t) {
		t.Run(b.name, func(t *testing.T) { fn(t, b.dsn(t)) })
	}
}

func open(t *testing.T, dsn string, opts ...records.Option) *records.Store {
	t.Helper()
	opts = append([]records.Option{records.WithLogger(slog.New(slog.NewTextHandler(io.Discard, nil)))}, opts...)
	s, err := records.Open(context.Background(), dsn, opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func isPostgres(dsn string) bool { return strings.HasPrefix(dsn, "postgres") }

func discard() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }
