package consentlog

import (
	"context"
	"fmt"
	"net/http"
	"sync"
	"time"
)

// readyTimeout bounds the write probe of /readyz: a database that cannot
// commit one small row within it is not ready.
const readyTimeout = 2 * time.Second

// readyCache is how long a probe's answer is reused, so that /readyz
// polled by several load balancers costs one write a second at most.
const readyCache = time.Second

// probeSQLiteBusy is the busy timeout (ms) of the probe's SQLite
// connection, below readyTimeout; the writers keep their 10 s.
const probeSQLiteBusy = 1500

// readiness runs and caches the write probe.
type readiness struct {
	mu   sync.Mutex
	at   time.Time
	err  error
	once bool
}

func (rd *readiness) check(ctx context.Context, store *Store, now time.Time) error {
	rd.mu.Lock()
	defer rd.mu.Unlock()
	if rd.once && now.Sub(rd.at) < readyCache && now.Sub(rd.at) >= 0 {
		return rd.err
	}
	ctx, cancel := context.WithTimeout(ctx, readyTimeout)
	defer cancel()
	rd.err = store.ProbeWrite(ctx, now.UnixMilli())
	rd.at, rd.once = now, true
	return rd.err
}

// ProbeWrite commits one row to the probe table (consent_log_probe), the
// proof that a document could be stored now. On SQLite it waits for a
// write lock at most 1.5 s, whatever the writers' busy timeout.
func (s *Store) ProbeWrite(ctx context.Context, now int64) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("consentlog: probe: connect: %w", err)
	}
	defer conn.Close()
	if !s.postgres {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", probeSQLiteBusy)); err != nil {
			return fmt.Errorf("consentlog: probe: %w", err)
		}
		// Give the connection back to the pool as it was.
		defer conn.ExecContext(context.Background(), "PRAGMA busy_timeout = 10000") //nolint:errcheck
	}
	q := `INSERT INTO consent_log_probe (id, at) VALUES (1, ` + s.params(1) + `) ON CONFLICT (id) DO UPDATE SET at = excluded.at`
	if _, err := conn.ExecContext(ctx, q, now); err != nil {
		return fmt.Errorf("consentlog: probe: a write cannot commit: %w", err)
	}
	return nil
}

// healthz is liveness: the process answers. It never touches the
// database, so a load balancer polling it costs nothing.
func (s *Server) healthz(w http.ResponseWriter, r *http.Request) {
	if !s.checkProbe(w, r) {
		return
	}
	answer(w, http.StatusOK, map[string]string{"status": "ok"})
}

// readyz is readiness: a real write commits within 2 s, else 503.
func (s *Server) readyz(w http.ResponseWriter, r *http.Request) {
	if !s.checkProbe(w, r) {
		return
	}
	if err := s.ready.check(r.Context(), s.cfg.Store, s.cfg.Now()); err != nil {
		s.log.Error("readyz: a write cannot commit", "err", err)
		answer(w, http.StatusServiceUnavailable, map[string]string{"status": "not ready: a write cannot commit"})
		return
	}
	answer(w, http.StatusOK, map[string]string{"status": "ready"})
}

// checkProbe applies the rate limit and the method to /healthz and /readyz.
func (s *Server) checkProbe(w http.ResponseWriter, r *http.Request) bool {
	if !s.limit.allow(clientAddr(r, s.cfg.TrustProxy), s.cfg.Now()) {
		w.Header().Set("Retry-After", "1")
		answer(w, http.StatusTooManyRequests, map[string]string{"error": "too many requests"})
		return false
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		answer(w, http.StatusMethodNotAllowed, map[string]string{"error": "use GET"})
		return false
	}
	return true
}
