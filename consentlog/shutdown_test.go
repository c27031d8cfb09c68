package consentlog

import (
	"bufio"
	"context"
	"errors"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
)

// 1,000 requests over the rate limit write a few lines, not 1,000 (before:
// one INFO line per 429); the count is logged at Close.
func TestRefusalsDoNotFloodTheLog(t *testing.T) {
	var logs syncBuffer
	store := openSQLite(t, t.TempDir()+"/log.db")
	srv := NewServer(Config{Store: store, Origins: []string{testOrigin}, RateLimit: 1,
		Logger: slog.New(slog.NewJSONHandler(&logs, nil)), Now: func() time.Time { return time.Unix(1764600000, 0) }})
	for i := 0; i < 1000; i++ {
		r := httptest.NewRequest(http.MethodPost, "/v1/consents", strings.NewReader("{"))
		r.RemoteAddr = "192.0.2.1:1"
		r.Header.Set("Origin", testOrigin)
		srv.ServeHTTP(httptest.NewRecorder(), r)
	}
	srv.Close()
	out := logs.String()
	if n := strings.Count(out, "\n"); n > 2*refusalSample+2 {
		t.Errorf("1,000 refused requests wrote %d log lines:\n%.600s", n, out)
	}
	if !strings.Contains(out, `"429":999`) {
		t.Errorf("the log lacks the count of 429s:\n%s", out)
	}
}

// A request arriving after Close gets 503 "shutting down", not a 500 from
// a send on the closed channel.
func TestPostAfterCloseIs503(t *testing.T) {
	store := openSQLite(t, t.TempDir()+"/log.db")
	srv := NewServer(Config{Store: store, Origins: []string{testOrigin}})
	srv.Close()
	r := httptest.NewRequest(http.MethodPost, "/v1/consents", strings.NewReader(testDoc("late", 1764600000000, policy.MethodAcceptAll)))
	r.Header.Set("Origin", testOrigin)
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != 503 || !strings.Contains(w.Body.String(), "shutting down") {
		t.Errorf("POST after Close: %d %s, want 503 shutting down", w.Code, w.Body.String())
	}
	srv.Close() // twice is harmless
}

// batcher.add gives up when the request's context is done, even when no
// writer takes its document (before: it blocked on the channel forever).
func TestBatcherAddHonoursTheContext(t *testing.T) {
	b := &batcher{ins: []chan *pending{make(chan *pending)}} // no writer
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := b.add(ctx, Entry{}); !errors.Is(err, context.Canceled) {
		t.Errorf("add with a cancelled context: %v, want context.Canceled", err)
	}
}

// With MaxConns 1, a second connection is not served while the first is
// open, and is served once it closes.
func TestServeCapsConnections(t *testing.T) {
	store := openSQLite(t, t.TempDir()+"/log.db")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var served atomic.Int32
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ln, Config{Store: store, Origins: []string{testOrigin}, MaxConns: 1,
			Logger: slog.New(slog.NewJSONHandler(&countWriter{&served}, &slog.HandlerOptions{Level: slog.LevelDebug}))}, 5*time.Second)
	}()
	defer func() { cancel(); <-done }()
	first, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	fr := bufio.NewReader(first)
	first.Write([]byte("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"))
	if line, err := fr.ReadString('\n'); err != nil || !strings.Contains(line, "200") {
		t.Fatalf("first connection: %q %v", line, err)
	}
	second, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer second.Close()
	second.Write([]byte("GET /v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n"))
	// The first connection, kept alive, is still served…
	first.Write([]byte("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"))
	for {
		line, err := fr.ReadString('\n')
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasPrefix(line, "HTTP/1.1 200") {
			break
		}
	}
	// …and the second one was not: it waits for a free slot.
	second.SetReadDeadline(time.Now().Add(300 * time.Millisecond))
	if n, _ := second.Read(make([]byte, 1)); n != 0 {
		t.Fatal("a second connection was served while the first held the only slot")
	}
	first.Close()
	second.SetReadDeadline(time.Now().Add(30 * time.Second))
	line, err := bufio.NewReader(second).ReadString('\n')
	if err != nil || !strings.Contains(line, "404") {
		t.Errorf("the second connection once the first closed: %q %v, want its 404", line, err)
	}
}

type countWriter struct{ n *atomic.Int32 }

func (c *countWriter) Write(p []byte) (int, error) { c.n.Add(1); return len(p), nil }
