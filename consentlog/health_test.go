package consentlog

import (
	"context"
	"database/sql"
	"net/http"
	"testing"
)

func get(t *testing.T, url string) int {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// With the SQLite file write-locked by another connection, /readyz says
// 503 (its probe gives up within its own 1.5 s busy timeout, not the
// writers' 10 s) while /healthz, which touches no database, stays 200.
// Before, /healthz ran SELECT 1, answered 200, and there was no /readyz.
func TestReadyzFailsWhenAWriteCannotCommit(t *testing.T) {
	path := t.TempDir() + "/log.db"
	ts := newTestServer(t, openSQLite(t, path), 0)
	if got := get(t, ts.URL+"/readyz"); got != 200 {
		t.Fatalf("/readyz of a writable database: %d, want 200", got)
	}
	other, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	ts.srv.ready.mu.Lock()
	ts.srv.ready.once = false // forget the cached answer
	ts.srv.ready.mu.Unlock()
	if got := get(t, ts.URL+"/readyz"); got != 503 {
		t.Errorf("/readyz with the database write-locked: %d, want 503", got)
	}
	if got := get(t, ts.URL+"/healthz"); got != 200 {
		t.Errorf("/healthz with the database write-locked: %d, want 200", got)
	}
	if _, err := conn.ExecContext(context.Background(), "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	ts.srv.ready.mu.Lock()
	ts.srv.ready.once = false
	ts.srv.ready.mu.Unlock()
	if got := get(t, ts.URL+"/readyz"); got != 200 {
		t.Errorf("/readyz once the lock is gone: %d, want 200", got)
	}
}

// /readyz writes for real on PostgreSQL too, and a closed database is not
// ready.
func TestReadyzOnPostgres(t *testing.T) {
	store := openPostgres(t)
	ts := newTestServer(t, store, 0)
	if got := get(t, ts.URL+"/readyz"); got != 200 {
		t.Fatalf("/readyz: %d, want 200", got)
	}
	var at int64
	if err := store.db.QueryRow(`SELECT at FROM consent_log_probe WHERE id = 1`).Scan(&at); err != nil || at == 0 {
		t.Errorf("the probe row: %d %v", at, err)
	}
	store.Close()
	ts.srv.ready.mu.Lock()
	ts.srv.ready.once = false
	ts.srv.ready.mu.Unlock()
	if got := get(t, ts.URL+"/readyz"); got != 503 {
		t.Errorf("/readyz with the database closed: %d, want 503", got)
	}
	if got := get(t, ts.URL+"/healthz"); got != 200 {
		t.Errorf("/healthz: %d, want 200", got)
	}
}
