package consentlog

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/consentwasm/consent/internal/pgtest"
)

// One PostgreSQL server for the package's tests, started on first use.
var (
	pgOnce   sync.Once
	pgServer *pgtest.Server
	pgErr    error
	pgCount  int
	pgMu     sync.Mutex
)

func TestMain(m *testing.M) {
	code := m.Run()
	if pgServer != nil {
		pgServer.Stop()
	}
	os.Exit(code)
}

// backends runs f on a fresh SQLite file and a fresh PostgreSQL database.
func backends(t *testing.T, f func(t *testing.T, store *Store)) {
	t.Run("sqlite", func(t *testing.T) {
		store := openSQLite(t, filepath.Join(t.TempDir(), "log.db"))
		f(t, store)
	})
	t.Run("postgres", func(t *testing.T) {
		f(t, openPostgres(t))
	})
}

func openSQLite(t *testing.T, path string) *Store {
	t.Helper()
	store, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

func openPostgres(t *testing.T) *Store {
	t.Helper()
	store, err := Open(context.Background(), pgDSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { store.Close() })
	return store
}

// pgDSN creates a fresh PostgreSQL database and returns its URL.
func pgDSN(t *testing.T) string {
	t.Helper()
	pgOnce.Do(func() { pgServer, pgErr = pgtest.Start() })
	if pgErr != nil {
		t.Fatalf("PostgreSQL for the tests: %v", pgErr)
	}
	pgMu.Lock()
	pgCount++
	name := fmt.Sprintf("t%d", pgCount)
	pgMu.Unlock()
	dsn, err := pgServer.CreateDatabase(name)
	if err != nil {
		t.Fatal(err)
	}
	return dsn
}

func newJSONLogger(w io.Writer) *slog.Logger {
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: slog.LevelDebug}))
}
