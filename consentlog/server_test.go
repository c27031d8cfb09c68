package consentlog

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/proof"
)

const testOrigin = "https://shop.example"

// testDoc is a document as the browser sends it (proof.Document).
func testDoc(id string, ts int64, method string) string {
	p := &policy.Policy{Revision: 2,
		Categories: []policy.Category{{ID: "necessary", Required: true}, {ID: "statistics"}, {ID: "marketing"}},
		Services:   []policy.Service{{ID: "matomo", Category: "statistics"}, {ID: "youtube", Category: "marketing"}}}
	ch := policy.AcceptAllChoice(p)
	if method == policy.MethodRejectAll {
		ch = policy.RejectAllChoice(p)
	}
	r := policy.NewRecord(p, nil, ch, method, id, time.UnixMilli(ts))
	return proof.Document(p, r, proof.SHA256Hex([]byte("policy text")),
		proof.Page{Origin: testOrigin, Path: "/checkout", Language: "de", GPC: false})
}

type testServer struct {
	*httptest.Server
	store *Store
	srv   *Server
}

func newTestServer(t *testing.T, store *Store, rateLimit int) *testServer {
	t.Helper()
	srv := NewServer(Config{Store: store, Origins: []string{testOrigin, "http://127.0.0.1:1"}, RateLimit: rateLimit})
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	return &testServer{hs, store, srv}
}

func (ts *testServer) post(t *testing.T, origin, contentType, body string) (int, map[string]string, http.Header) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v1/consents", strings.NewReader(body))
	if origin != "" {
		req.Header.Set("Origin", origin)
	}
	req.Header.Set("Content-Type", contentType)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]string
	b, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(b, &out)
	return resp.StatusCode, out, resp.Header
}

func rows(t *testing.T, store *Store, id string) []Entry {
	t.Helper()
	var out []Entry
	if err := store.Show(context.Background(), id, func(e Entry) error { out = append(out, e); return nil }); err != nil {
		t.Fatal(err)
	}
	return out
}

// The answers of the table of docs/api.md#proof-of-consent, on a real SQLite file and a real
// PostgreSQL server.
func TestServerAnswersAsTheContractSays(t *testing.T) {
	backends(t, func(t *testing.T, store *Store) {
		ts := newTestServer(t, store, 0)
		doc := testDoc("visitor-1", 1764600000000, policy.MethodAcceptAll)

		status, body, h := ts.post(t, testOrigin, "application/json", doc)
		if status != 201 || body["id"] != "visitor-1" {
			t.Fatalf("first POST: %d %v, want 201 {id: visitor-1}", status, body)
		}
		if h.Get("Access-Control-Allow-Origin") != testOrigin {
			t.Errorf("Access-Control-Allow-Origin = %q", h.Get("Access-Control-Allow-Origin"))
		}
		status, body, _ = ts.post(t, testOrigin, "application/json; charset=utf-8", doc)
		if status != 200 || body["id"] != "visitor-1" {
			t.Errorf("the same document again: %d %v, want 200", status, body)
		}
		later := testDoc("visitor-1", 1764600060000, policy.MethodRejectAll)
		if status, _, _ := ts.post(t, testOrigin, "application/json", later); status != 201 {
			t.Errorf("a later choice: %d, want 201", status)
		}
		got := rows(t, store, "visitor-1")
		if len(got) != 2 || got[0].Doc.Method != policy.MethodAcceptAll || got[1].Doc.Method != policy.MethodRejectAll {
			t.Fatalf("stored %+v, want accept-all then reject-all", got)
		}
		if !sameJSON(t, string(got[0].Doc.JSON(0)), doc) {
			t.Errorf("stored document differs from the one sent:\n got %s\nsent %s", got[0].Doc.JSON(0), doc)
		}

		if status, _, h := ts.post(t, "https://evil.example", "application/json", doc); status != 403 || h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("wrong Origin: %d (CORS %q), want 403 without CORS", status, h.Get("Access-Control-Allow-Origin"))
		}
		if status, _, _ := ts.post(t, "", "application/json", doc); status != 403 {
			t.Errorf("no Origin: %d, want 403", status)
		}
		huge := strings.Replace(doc, `"path":"/checkout"`, `"path":"/`+strings.Repeat("a", MaxBody)+`"`, 1)
		if status, _, _ := ts.post(t, testOrigin, "application/json", huge); status != 413 {
			t.Errorf("over 16 KB: %d, want 413", status)
		}
		for _, tc := range []struct{ body, field string }{
			{`{"version":1,`, ""},
			{`[]`, ""},
			{strings.Replace(doc, `"timestamp":1764600000000`, `"timestamp":"soon"`, 1), "record.timestamp"},
			{strings.Replace(doc, `"method":"accept-all"`, `"method":"maybe"`, 1), "record.method"},
			{strings.Replace(doc, `"gpc":false`, `"gpc":"no"`, 1), "gpc"},
			{strings.Replace(doc, `"origin":"https://shop.example"`, `"origin":"https://other.example"`, 1), "page.origin"},
			{strings.Replace(doc, `"path":"/checkout"`, `"path":"/checkout?email=a@b"`, 1), "page.path"},
			{strings.Replace(doc, `"language":"de",`, ``, 1), "language"},
			{strings.Replace(doc, `"gpc":false`, `"gpc":false,"ip":"1.2.3.4"`, 1), "ip"},
		} {
			status, body, _ := ts.post(t, testOrigin, "application/json", tc.body)
			if status != 400 || body["field"] != tc.field || !strings.Contains(body["error"], tc.field) {
				t.Errorf("POST %.60s…: %d %v, want 400 naming %q", tc.body, status, body, tc.field)
			}
		}
		if status, body, _ := ts.post(t, testOrigin, "text/plain", doc); status != 400 || body["field"] != "Content-Type" {
			t.Errorf("text/plain: %d %v, want 400 naming Content-Type", status, body)
		}

		resp, err := http.Get(ts.URL + "/healthz")
		if err != nil || resp.StatusCode != 200 {
			t.Errorf("/healthz: %v %v", resp, err)
		}
		if n, _ := store.Count(context.Background()); n != 2 {
			t.Errorf("%d rows stored, want 2", n)
		}
	})
}

// A browser sends application/json cross-origin, so it asks first.
func TestServerPreflight(t *testing.T) {
	ts := newTestServer(t, openSQLite(t, t.TempDir()+"/log.db"), 0)
	pre := func(origin string) *http.Response {
		req, _ := http.NewRequest(http.MethodOptions, ts.URL+"/v1/consents", nil)
		req.Header.Set("Origin", origin)
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	ok := pre(testOrigin)
	if ok.StatusCode != 204 || ok.Header.Get("Access-Control-Allow-Origin") != testOrigin ||
		!strings.Contains(ok.Header.Get("Access-Control-Allow-Headers"), "Content-Type") ||
		ok.Header.Get("Access-Control-Allow-Methods") != "POST" {
		t.Errorf("preflight from a listed origin: %d %v", ok.StatusCode, ok.Header)
	}
	if bad := pre("https://evil.example"); bad.StatusCode != 403 || bad.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: %d %v", bad.StatusCode, bad.Header)
	}
}

// A flood from one address gets 429 once over the limit; the others pass.
func TestServerRateLimitPerAddress(t *testing.T) {
	ts := newTestServer(t, openSQLite(t, t.TempDir()+"/log.db"), 5)
	codes := map[int]int{}
	for i := 0; i < 30; i++ {
		status, _, _ := ts.post(t, testOrigin, "application/json", testDoc("flood", 1764600000000+int64(i), policy.MethodAcceptAll))
		codes[status]++
	}
	if codes[429] < 20 || codes[201] < 5 || codes[201] > 8 {
		t.Errorf("30 requests at once with --rate-limit 5: %v, want about 5 × 201 and the rest 429", codes)
	}
	// Another address is not limited by the first one's flood.
	if !ts.srv.limit.allow(netip.MustParseAddr("192.0.2.9"), time.Now()) {
		t.Error("another address is refused")
	}
}

// Concurrent posts are committed in batches, and each answer still
// matches what is stored: no 2xx without its row, duplicates counted once.
func TestServerConcurrentPostsAreAllStored(t *testing.T) {
	backends(t, func(t *testing.T, store *Store) {
		ts := newTestServer(t, store, 0)
		var wg sync.WaitGroup
		var mu sync.Mutex
		codes := map[int]int{}
		for w := 0; w < 16; w++ {
			wg.Add(1)
			go func(w int) {
				defer wg.Done()
				for i := 0; i < 25; i++ {
					// Workers w and w+8 send the same documents: half are duplicates.
					doc := testDoc("c"+string(rune('a'+w%8)), 1764600000000+int64(i), policy.MethodAcceptAll)
					req, _ := http.NewRequest(http.MethodPost, ts.URL+"/v1/consents", bytes.NewReader([]byte(doc)))
					req.Header.Set("Origin", testOrigin)
					req.Header.Set("Content-Type", "application/json")
					resp, err := http.DefaultClient.Do(req)
					if err != nil {
						t.Error(err)
						return
					}
					resp.Body.Close()
					mu.Lock()
					codes[resp.StatusCode]++
					mu.Unlock()
				}
			}(w)
		}
		wg.Wait()
		n, _ := store.Count(context.Background())
		if codes[201] != 200 || codes[200] != 200 || n != 200 {
			t.Errorf("answers %v and %d rows, want 200 × 201, 200 × 200 and 200 rows", codes, n)
		}
	})
}

func sameJSON(t *testing.T, a, b string) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal([]byte(a), &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(b), &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}
