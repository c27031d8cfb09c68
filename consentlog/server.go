package consentlog

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"regexp"
	"strings"
	"time"

	"golang.org/x/net/netutil"
)

// DefaultRateLimit is --rate-limit's default: requests a second per client
// address.
const DefaultRateLimit = 20

// Config configures a Server.
type Config struct {
	// Store is the database documents go to.
	Store *Store
	// Origins are the page origins allowed to send ("https://shop.example").
	Origins []string
	// RateLimit is the requests a second allowed per client (an IPv4
	// address or an IPv6 /64); 0 turns the limit off.
	RateLimit int
	// OriginRateLimit is the documents a second allowed per listed origin,
	// all its clients together (a ceiling on what forged traffic can add);
	// 0 turns it off.
	OriginRateLimit int
	// TrustProxy are the proxies whose Forwarded or X-Forwarded-For
	// header names the client; from any other peer the headers are
	// ignored.
	TrustProxy []netip.Prefix
	// MaxConns caps the connections Serve keeps open at once (more wait
	// to be accepted); 0 is no cap.
	MaxConns int
	// Logger receives structured logs; never an IP address.
	Logger *slog.Logger
	// Now is the clock (time.Now).
	Now func() time.Time
}

// Server is the consent log's HTTP handler (docs/api.md#proof-of-consent):
//
//	POST /v1/consents  201 {"id"} stored, 200 {"id"} already stored (same
//	                   id, timestamp and content), 409 a different document
//	                   with that id and timestamp is stored, 400
//	                   {"error","field"} (a timestamp more than a day
//	                   ahead included), 403 an
//	                   Origin not listed, 413 over 16 KB, 429 over the
//	                   rate limit, 503 the database failed
//	OPTIONS            CORS preflight, listed origins only
//	GET /healthz       200 while the process answers (liveness; no query)
//	GET /readyz        200 when a write commits within 2 s, else 503
type Server struct {
	cfg     Config
	origins map[string]bool
	limit   *limiter
	olimit  *originLimiter
	batch   *batcher
	ready   readiness
	// refusals samples the log lines of refused requests.
	refusals refusalLog
	log      *slog.Logger
}

// NewServer returns a server writing to cfg.Store; Close it after use.
func NewServer(cfg Config) *Server {
	if cfg.Logger == nil {
		cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	s := &Server{cfg: cfg, origins: map[string]bool{}, log: cfg.Logger}
	s.refusals.log = cfg.Logger
	for _, o := range cfg.Origins {
		s.origins[strings.TrimRight(o, "/")] = true
	}
	if cfg.RateLimit > 0 {
		s.limit = newLimiter(cfg.RateLimit)
	}
	if cfg.OriginRateLimit > 0 {
		s.olimit = newOriginLimiter(cfg.OriginRateLimit, s.origins)
	}
	workers := 1
	if cfg.Store.postgres {
		workers = 4
	}
	s.batch = newBatcher(cfg.Store, workers, 256)
	return s
}

// Close waits until every accepted document is committed; a request still
// running gets 503 "shutting down". It logs the refusals counted but not
// logged.
func (s *Server) Close() {
	s.batch.close()
	s.refusals.flush(context.Background())
}

// ServeHTTP answers one request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	defer func() {
		// A panic must not reach net/http, which would log the client's
		// address with it.
		if v := recover(); v != nil {
			s.log.Error("internal error", "path", r.URL.Path, "panic", v)
			answer(w, http.StatusInternalServerError, map[string]string{"error": "internal error"})
		}
	}()
	switch r.URL.Path {
	case "/healthz":
		s.healthz(w, r)
	case "/readyz":
		s.readyz(w, r)
	case "/v1/consents":
		s.consents(w, r)
	default:
		answer(w, http.StatusNotFound, map[string]string{"error": "not found: POST /v1/consents, GET /healthz, GET /readyz"})
	}
}

func (s *Server) consents(w http.ResponseWriter, r *http.Request) {
	start := s.cfg.Now()
	origin := r.Header.Get("Origin")
	allowed := s.origins[origin]
	if allowed {
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Add("Vary", "Origin")
	}
	status, reason := s.consent(w, r, origin, allowed)
	level := slog.LevelDebug
	if status >= 400 {
		level = slog.LevelInfo
		if status >= 500 {
			level = slog.LevelError
		}
		if !s.refusals.note(r.Context(), status, s.cfg.Now()) {
			level = slog.LevelDebug
		}
	}
	s.log.Log(r.Context(), level, "request", "method", r.Method, "status", status,
		"ms", float64(s.cfg.Now().Sub(start).Microseconds())/1000, "reason", reason)
}

// consent answers POST and OPTIONS /v1/consents; it returns the status and,
// for a refusal, why (for the log: no address, no body).
func (s *Server) consent(w http.ResponseWriter, r *http.Request, origin string, allowed bool) (int, string) {
	if !s.limit.allow(clientAddr(r, s.cfg.TrustProxy), s.cfg.Now()) {
		w.Header().Set("Retry-After", "1")
		return answer(w, http.StatusTooManyRequests, map[string]string{"error": "too many requests"}), "rate limit"
	}
	if r.Method == http.MethodOptions {
		if !allowed {
			return answer(w, http.StatusForbidden, map[string]string{"error": "origin not allowed"}), "preflight origin " + quoteOrigin(origin)
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Methods", "POST")
		h.Set("Access-Control-Allow-Headers", "Content-Type")
		h.Set("Access-Control-Max-Age", "86400")
		if r.Header.Get("Access-Control-Request-Private-Network") == "true" {
			h.Set("Access-Control-Allow-Private-Network", "true")
		}
		w.WriteHeader(http.StatusNoContent)
		return http.StatusNoContent, ""
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", "POST, OPTIONS")
		return answer(w, http.StatusMethodNotAllowed, map[string]string{"error": "use POST"}), "method"
	}
	if !allowed {
		return answer(w, http.StatusForbidden, map[string]string{"error": "origin not allowed"}), "origin " + quoteOrigin(origin)
	}
	if !s.olimit.allow(origin, s.cfg.Now()) {
		w.Header().Set("Retry-After", "1")
		return answer(w, http.StatusTooManyRequests, map[string]string{"error": "too many requests for this origin"}), "origin rate limit"
	}
	if r.ContentLength > MaxBody {
		return answer(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "the document is larger than 16 KB"}), "size"
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return answer(w, http.StatusRequestEntityTooLarge, map[string]string{"error": "the document is larger than 16 KB"}), "size"
		}
		return answer(w, http.StatusBadRequest, map[string]string{"error": "the body could not be read"}), "read"
	}
	if ct := r.Header.Get("Content-Type"); !isJSON(ct) {
		return badRequest(w, &FieldError{Field: "Content-Type", Msg: "must be application/json"})
	}
	doc, err := Decode(body)
	if err != nil {
		return badRequest(w, err)
	}
	if doc.Origin != origin {
		return badRequest(w, fieldErr("page.origin", "%q is not the request's Origin", doc.Origin))
	}
	now := s.cfg.Now()
	if doc.Timestamp > now.Add(MaxClockAhead).UnixMilli() {
		return badRequest(w, fieldErr("record.timestamp", "%s is more than a day ahead of the server's clock (%s)",
			msTime(doc.Timestamp), msTime(now.UnixMilli())))
	}
	outcome, err := s.batch.add(r.Context(), Entry{Doc: doc, ReceivedAt: now.UnixMilli()})
	if err != nil {
		if errors.Is(err, errClosed) {
			return answer(w, http.StatusServiceUnavailable, map[string]string{"error": "the server is shutting down; send it again"}), "shutting down"
		}
		if r.Context().Err() != nil {
			return answer(w, http.StatusServiceUnavailable, map[string]string{"error": "the request was cancelled"}), "cancelled"
		}
		s.log.Error("store", "err", err)
		return answer(w, http.StatusServiceUnavailable, map[string]string{"error": "the record could not be stored; send it again"}), "database"
	}
	switch outcome {
	case Stored:
		return answer(w, http.StatusCreated, map[string]string{"id": doc.ConsentID}), ""
	case Conflict:
		s.log.Warn("conflict: a different document with this consent id and timestamp is stored; refused",
			"id", doc.ConsentID, "timestamp", doc.Timestamp, "origin", quoteOrigin(doc.Origin))
		return answer(w, http.StatusConflict, map[string]string{"id": doc.ConsentID,
			"error": "a different document with this consent id and timestamp is already stored"}), "conflict"
	}
	return answer(w, http.StatusOK, map[string]string{"id": doc.ConsentID, "status": "already stored"}), "duplicate"
}

// MaxClockAhead is how far ahead of the server's clock a browser's
// timestamp may be: a day, for clocks set wrong by a time zone or so.
const MaxClockAhead = 24 * time.Hour

func msTime(ms int64) string {
	return time.UnixMilli(ms).UTC().Format("2006-01-02T15:04:05.000Z")
}

func badRequest(w http.ResponseWriter, err error) (int, string) {
	var fe *FieldError
	field := ""
	if errors.As(err, &fe) {
		field = fe.Field
	}
	return answer(w, http.StatusBadRequest, map[string]string{"error": err.Error(), "field": field}), "invalid " + field
}

func isJSON(ct string) bool {
	mt, _, _ := strings.Cut(ct, ";")
	return strings.EqualFold(strings.TrimSpace(mt), "application/json")
}

// quoteOrigin shortens an origin for the log (it is the site's, not the
// visitor's).
func quoteOrigin(o string) string {
	if len(o) > 100 {
		o = o[:100]
	}
	if o == "" {
		return "(none)"
	}
	return o
}

func answer(w http.ResponseWriter, status int, body any) int {
	b, _ := json.Marshal(body)
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
	return status
}

// ipLike matches IPv4 and bracketed or bare IPv6 addresses, with a port.
var ipLike = regexp.MustCompile(`\[[0-9a-fA-F:.%a-z]+\](:\d+)?|\b\d{1,3}(\.\d{1,3}){3}(:\d+)?\b|\b[0-9a-fA-F]{0,4}(:[0-9a-fA-F]{0,4}){2,7}\b`)

// redactWriter passes net/http's own error lines on with every address
// replaced: "http: TLS handshake error from 1.2.3.4:5" names the client.
type redactWriter struct{ log *slog.Logger }

func (rw redactWriter) Write(p []byte) (int, error) {
	msg := ipLike.ReplaceAllString(strings.TrimSpace(string(p)), "[address]")
	rw.log.Warn("http server", "msg", msg)
	return len(p), nil
}

// Serve runs the server on ln until ctx is done (e.g. SIGTERM), then stops
// taking connections, finishes the requests in flight (up to grace) and
// the commits queued, and returns.
func Serve(ctx context.Context, ln net.Listener, cfg Config, grace time.Duration) error {
	s := NewServer(cfg)
	srv := &http.Server{
		Handler:           s,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    16 << 10,
		ErrorLog:          log.New(redactWriter{s.log}, "", 0),
	}
	if cfg.MaxConns > 0 {
		ln = netutil.LimitListener(ln, cfg.MaxConns)
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	s.log.Info("consent log listening", "addr", ln.Addr().String(), "origins", cfg.Origins, "rateLimit", cfg.RateLimit)
	var err error
	select {
	case err = <-errc:
	case <-ctx.Done():
		s.log.Info("shutting down: finishing the requests in flight")
		sctx, cancel := context.WithTimeout(context.Background(), grace)
		err = srv.Shutdown(sctx)
		cancel()
	}
	s.Close()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	s.log.Info("stopped")
	return err
}

// DefaultOriginRateLimit is --origin-rate-limit's default: documents a
// second per listed origin, all its clients together.
const DefaultOriginRateLimit = 1000

// DefaultMaxConns is --max-conns's default: open connections at most.
const DefaultMaxConns = 1024
