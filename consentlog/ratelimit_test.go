package consentlog

import (
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func addr4(i int) netip.Addr {
	return netip.AddrFrom4([4]byte{10, byte(i >> 16), byte(i >> 8), byte(i)})
}

// A flood of 150,000 distinct addresses neither lifts the limit of a
// client already refused (the old table was cleared whole at 100,000
// entries) nor grows the table past its cap; each new address evicts at
// most one bucket, so the work per request stays constant.
func TestLimiterFloodOfAddressesKeepsLimitsAndBounds(t *testing.T) {
	l := newLimiter(5)
	now := time.Unix(1764600000, 0)
	victim := netip.MustParseAddr("192.0.2.1")
	for i := 0; i < 5; i++ {
		l.allow(victim, now)
	}
	if l.allow(victim, now) {
		t.Fatal("the 6th request of a second with limit 5 passed")
	}
	const n = 150000
	for i := 0; i < n; i++ {
		_, before := l.size()
		l.allow(addr4(i), now)
		if i%997 == 0 {
			held, after := l.size()
			if held > limiterShards*limiterShardCap {
				t.Fatalf("after %d addresses the table holds %d buckets, more than its cap %d", i, held, limiterShards*limiterShardCap)
			}
			if after-before > 1 {
				t.Fatalf("one request evicted %d buckets, want at most 1", after-before)
			}
		}
		if i == 120000 && l.allow(victim, now) {
			t.Fatal("after 120,000 other addresses the refused client passes again within the same second")
		}
	}
	held, evicted := l.size()
	if held > limiterShards*limiterShardCap || uint64(held)+evicted != n+1 {
		t.Errorf("held %d, evicted %d after %d addresses: want held ≤ %d and held+evicted = %d",
			held, evicted, n+1, limiterShards*limiterShardCap, n+1)
	}
	if !l.allow(victim, now.Add(time.Second)) {
		t.Error("the client is still refused a second later")
	}
}

// The addresses of one IPv6 /64 share one bucket: a host that picks a new
// address per request does not walk around the limit; another /64 does
// not share it.
func TestLimiterIPv6Slash64SharesABucket(t *testing.T) {
	l := newLimiter(3)
	now := time.Unix(1764600000, 0)
	ok := 0
	for i := 0; i < 10; i++ {
		a := netip.AddrFrom16([16]byte{0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, byte(i >> 8), byte(i)})
		if l.allow(a, now) {
			ok++
		}
	}
	if ok != 3 {
		t.Errorf("10 addresses of one /64: %d allowed, want 3", ok)
	}
	if !l.allow(netip.MustParseAddr("2001:db8:0:2::1"), now) {
		t.Error("another /64 is refused")
	}
	// An IPv4-mapped address is its IPv4 address.
	l.allow(netip.MustParseAddr("192.0.2.7"), now)
	l.allow(netip.MustParseAddr("192.0.2.7"), now)
	l.allow(netip.MustParseAddr("192.0.2.7"), now)
	if l.allow(netip.MustParseAddr("::ffff:192.0.2.7"), now) {
		t.Error("::ffff:192.0.2.7 has a bucket of its own")
	}
}

// The client behind a trusted proxy is the rightmost hop that is not a
// trusted proxy; from an untrusted peer the headers are ignored.
func TestClientAddrBehindTrustedProxy(t *testing.T) {
	trusted, err := ParseTrustProxy([]string{"127.0.0.1/32, 10.0.0.0/8"})
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		peer, xff, fwd, want string
	}{
		{"127.0.0.1:5000", "", "", "127.0.0.1"},
		{"127.0.0.1:5000", "203.0.113.9", "", "203.0.113.9"},
		// A client that writes its own header is not believed: the
		// proxy appended the real address on the right.
		{"127.0.0.1:5000", "198.51.100.1, 203.0.113.9", "", "203.0.113.9"},
		{"127.0.0.1:5000", "203.0.113.9, 10.1.2.3", "", "203.0.113.9"},
		{"127.0.0.1:5000", "2001:db8::5", "", "2001:db8::5"},
		{"127.0.0.1:5000", "", `for=192.0.2.60;proto=https, for="[2001:db8::7]:443"`, "2001:db8::7"},
		{"127.0.0.1:5000", "garbage", "", "127.0.0.1"},
		// Not from a trusted proxy: the header is the client's own word.
		{"192.0.2.200:5000", "203.0.113.9", "", "192.0.2.200"},
		{"[2001:db8::99]:5000", "203.0.113.9", "", "2001:db8::99"},
	} {
		r := httptest.NewRequest(http.MethodPost, "/v1/consents", nil)
		r.RemoteAddr = tc.peer
		if tc.xff != "" {
			r.Header.Set("X-Forwarded-For", tc.xff)
		}
		if tc.fwd != "" {
			r.Header.Set("Forwarded", tc.fwd)
		}
		if got := clientAddr(r, trusted); got.String() != tc.want {
			t.Errorf("peer %s, X-Forwarded-For %q, Forwarded %q: client %s, want %s", tc.peer, tc.xff, tc.fwd, got, tc.want)
		}
	}
	if _, err := ParseTrustProxy([]string{"10.0.0.0/33"}); err == nil {
		t.Error("--trust-proxy 10.0.0.0/33 accepted")
	}
}

// Behind a trusted proxy, each visitor has a bucket of their own (before,
// they all shared the proxy's); the per-origin ceiling caps them all
// together; /healthz is limited too.
func TestServerRateLimitBehindProxyAndPerOrigin(t *testing.T) {
	store := openSQLite(t, t.TempDir()+"/log.db")
	trusted, _ := ParseTrustProxy([]string{"127.0.0.1"})
	srv := NewServer(Config{Store: store, Origins: []string{testOrigin}, RateLimit: 2, OriginRateLimit: 5, TrustProxy: trusted,
		Now: func() time.Time { return time.Unix(1764600000, 0) }})
	t.Cleanup(srv.Close)
	post := func(client string, i int) int {
		r := httptest.NewRequest(http.MethodPost, "/v1/consents", stringsReader(testDoc("p", 1764600000000+int64(i), "accept-all")))
		r.RemoteAddr = "127.0.0.1:40000"
		r.Header.Set("X-Forwarded-For", client)
		r.Header.Set("Origin", testOrigin)
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		return w.Code
	}
	codes := []int{post("203.0.113.1", 0), post("203.0.113.1", 1), post("203.0.113.1", 2), post("203.0.113.2", 3),
		post("203.0.113.3", 4), post("203.0.113.4", 5), post("203.0.113.5", 6)}
	if want := []int{201, 201, 429, 201, 201, 201, 429}; !equalInts(codes, want) {
		t.Errorf("answers %v, want %v (2 a client, 5 for the origin)", codes, want)
	}
	health := map[int]int{}
	for i := 0; i < 5; i++ {
		r := httptest.NewRequest(http.MethodGet, "/healthz", nil)
		r.RemoteAddr = "192.0.2.50:1"
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		health[w.Code]++
	}
	if health[200] != 2 || health[429] != 3 {
		t.Errorf("5 × /healthz at once with limit 2: %v, want 2 × 200 and 3 × 429", health)
	}
}

func stringsReader(s string) *strings.Reader { return strings.NewReader(s) }
