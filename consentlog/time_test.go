package consentlog

import (
	"context"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
)

// A browser timestamp more than a day ahead of the server's clock, or
// older than the document format, is refused with 400 naming
// record.timestamp (before: anything from 1970 to 9999 was stored).
func TestServerRefusesTimestampsThatCannotBeTrue(t *testing.T) {
	ts := newTestServer(t, openSQLite(t, t.TempDir()+"/log.db"), 0)
	now := time.Now()
	for _, tc := range []struct {
		at   int64
		want int
	}{
		{now.Add(25 * time.Hour).UnixMilli(), 400},
		{253402300799999, 400},
		{1000, 400},
		{time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC).UnixMilli(), 400},
		{now.Add(23 * time.Hour).UnixMilli(), 201},
		{now.Add(-time.Hour).UnixMilli(), 201},
	} {
		status, body, _ := ts.post(t, testOrigin, "application/json", testDoc("clock", tc.at, policy.MethodAcceptAll))
		if status != tc.want || (tc.want == 400 && body["field"] != "record.timestamp") {
			t.Errorf("timestamp %s: %d %v, want %d", msTime(tc.at), status, body, tc.want)
		}
	}
	got := rows(t, ts.store, "clock")
	if len(got) != 2 || got[0].ReceivedAt == 0 || got[0].ReceivedAt < now.UnixMilli()-1000 {
		t.Errorf("stored %+v, want 2 rows with the server's receive time", got)
	}
}

// A different document with the id and timestamp of a stored one gets
// 409 and a log line, never 200 "already stored" (before: whoever wrote
// first won, silently); the identical resend is still 200.
func TestServerConflictingDocumentIs409(t *testing.T) {
	backends(t, func(t *testing.T, store *Store) {
		var logs syncBuffer
		srv := NewServer(Config{Store: store, Origins: []string{testOrigin}, Logger: newJSONLogger(&logs)})
		hs := httptest.NewServer(srv)
		t.Cleanup(func() { hs.Close(); srv.Close() })
		ts := &testServer{hs, store, srv}
		doc := testDoc("twin", 1764600000000, policy.MethodAcceptAll)
		if status, _, _ := ts.post(t, testOrigin, "application/json", doc); status != 201 {
			t.Fatalf("first: %d", status)
		}
		if status, body, _ := ts.post(t, testOrigin, "application/json", doc); status != 200 || body["status"] != "already stored" {
			t.Errorf("identical resend: %d %v, want 200 already stored", status, body)
		}
		other := testDoc("twin", 1764600000000, policy.MethodRejectAll)
		if status, body, _ := ts.post(t, testOrigin, "application/json", other); status != 409 || !strings.Contains(body["error"], "different document") {
			t.Errorf("conflicting document: %d %v, want 409", status, body)
		}
		if got := rows(t, store, "twin"); len(got) != 1 || got[0].Doc.Method != policy.MethodAcceptAll {
			t.Errorf("stored %+v, want the first document only", got)
		}
		if !strings.Contains(logs.String(), `"msg":"conflict`) {
			t.Errorf("the conflict is not logged:\n%s", logs.String())
		}
		if p := verifyProblem(t, store); p != "" {
			t.Errorf("verify after a conflict: %s", p)
		}
	})
}

// Two servers writing to one PostgreSQL at once keep one unbroken chain
// per origin: the head row lock serializes their appends.
func TestTwoServersOnePostgresChain(t *testing.T) {
	dsn := pgDSN(t)
	a, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	b, err := Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	var wg sync.WaitGroup
	for si, store := range []*Store{a, b} {
		ts := newTestServer(t, store, 0)
		for w := 0; w < 4; w++ {
			wg.Add(1)
			go func(si, w int) {
				defer wg.Done()
				for i := 0; i < 25; i++ {
					id := "s" + string(rune('a'+si)) + string(rune('a'+w))
					if status, _, _ := ts.post(t, testOrigin, "application/json", testDoc(id, 1764600000000+int64(i), policy.MethodAcceptAll)); status != 201 {
						t.Errorf("server %d: %d", si, status)
						return
					}
				}
			}(si, w)
		}
	}
	wg.Wait()
	reps, err := a.Verify(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(reps) != 1 || reps[0].Problem != "" || reps[0].Records != 200 || reps[0].Head.Seq != 200 {
		t.Errorf("verify after two servers: %+v, want one chain of 200 records", reps)
	}
}
