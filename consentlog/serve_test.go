package consentlog

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// Serve logs every refusal without the client's address, and on shutdown
// (SIGTERM cancels its context) finishes what is in flight, then returns.
func TestServeLogsNoAddressAndShutsDownGracefully(t *testing.T) {
	store := openSQLite(t, t.TempDir()+"/log.db")
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Serve(ctx, ln, Config{Store: store, Origins: []string{testOrigin}, RateLimit: 2,
			Logger: slog.New(slog.NewJSONHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))}, 10*time.Second)
	}()
	var clientAddrs []string
	var mu sync.Mutex
	client := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		c, err := (&net.Dialer{}).DialContext(ctx, network, addr)
		if err == nil {
			mu.Lock()
			clientAddrs = append(clientAddrs, c.LocalAddr().String())
			mu.Unlock()
		}
		return c, err
	}, DisableKeepAlives: true}}
	url := "http://" + ln.Addr().String() + "/v1/consents"
	post := func(origin, body string) int {
		req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
		req.Header.Set("Origin", origin)
		req.Header.Set("Content-Type", "application/json")
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	codes := []int{
		post(testOrigin, testDoc("a", 1764600000000, policy.MethodAcceptAll)),
		post("https://evil.example", "{}"),
		post(testOrigin, "{"),
		post(testOrigin, "{"),
	}
	if want := []int{201, 403, 429, 429}; !equalInts(codes, want) {
		t.Errorf("answers %v, want %v", codes, want)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Serve: %v", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("Serve did not return after its context was cancelled")
	}
	if n, _ := store.Count(context.Background()); n != 1 {
		t.Errorf("%d rows after shutdown, want 1", n)
	}
	out := logs.String()
	for _, a := range clientAddrs {
		host, port, _ := net.SplitHostPort(a)
		if strings.Contains(out, a) || strings.Contains(out, ":"+port) || strings.Count(out, host) > strings.Count(out, ln.Addr().String()) {
			t.Errorf("the log names the client %s:\n%s", a, out)
		}
	}
	for _, want := range []string{`"status":403`, `"status":429`, `"stopped"`} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %s:\n%s", want, out)
		}
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRedactWriterHidesAddresses(t *testing.T) {
	var logs syncBuffer
	w := redactWriter{slog.New(slog.NewTextHandler(&logs, nil))}
	w.Write([]byte("http: TLS handshake error from 203.0.113.7:52814: EOF"))
	w.Write([]byte("http: panic serving [2001:db8::1]:443: boom"))
	w.Write([]byte("http: panic serving 2001:db8::1: boom"))
	if out := logs.String(); strings.Contains(out, "203.0.113") || strings.Contains(out, "2001:db8") {
		t.Errorf("addresses reach the log:\n%s", out)
	}
}
