package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/consentlog"
	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/proof"
)

func logDoc(t *testing.T, id string, ts time.Time, method string) *consentlog.Document {
	t.Helper()
	p := &policy.Policy{Revision: 1,
		Categories: []policy.Category{{ID: "necessary", Required: true}, {ID: "statistics"}},
		Services:   []policy.Service{{ID: "matomo", Category: "statistics"}}}
	ch := policy.AcceptAllChoice(p)
	if method == policy.MethodRejectAll {
		ch = policy.RejectAllChoice(p)
	}
	doc := proof.Document(p, policy.NewRecord(p, nil, ch, method, id, ts), proof.SHA256Hex(nil),
		proof.Page{Origin: "https://shop.example", Path: "/", Language: "en"})
	d, err := consentlog.Decode([]byte(doc))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// `consent log show` prints one visitor's history oldest first; `export`
// writes every record as JSON lines or CSV, --since filtering by the time
// received.
func TestLogShowAndExport(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	store, err := consentlog.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	_, err = store.Insert(context.Background(), []consentlog.Entry{
		{Doc: logDoc(t, "v1", t0.Add(time.Hour), policy.MethodRejectAll), ReceivedAt: t0.Add(2 * time.Hour).UnixMilli()},
		{Doc: logDoc(t, "v1", t0, policy.MethodAcceptAll), ReceivedAt: t0.Add(3 * time.Hour).UnixMilli()},
		{Doc: logDoc(t, "v2", t0, policy.MethodAcceptAll), ReceivedAt: t0.UnixMilli()},
	})
	store.Close()
	if err != nil {
		t.Fatal(err)
	}

	var out, errOut bytes.Buffer
	if code := run([]string{"log", "show", "--db", db, "v1"}, &out, &errOut); code != 0 {
		t.Fatalf("log show: exit %d: %s", code, errOut.String())
	}
	s := out.String()
	first, second := strings.Index(s, "accept-all"), strings.Index(s, "reject-all")
	if first < 0 || second < first || !strings.Contains(s, "2026-01-02T03:04:05.000Z") ||
		!strings.Contains(s, "refused statistics") || !strings.Contains(s, "2 record(s) of consent id v1") {
		t.Errorf("log show v1, want accept-all then reject-all:\n%s", s)
	}
	out.Reset()
	if code := run([]string{"log", "show", "--db", db, "nobody"}, &out, &errOut); code != 1 {
		t.Errorf("log show of an unknown id: exit %d", code)
	}

	out.Reset()
	if code := run([]string{"log", "export", "--db", "sqlite:" + db, "--since", "2026-01-02T04:00:00Z"}, &out, &errOut); code != 0 {
		t.Fatalf("log export: exit %d: %s", code, errOut.String())
	}
	lines := strings.Split(strings.TrimSpace(out.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("export --since: %d lines, want 2:\n%s", len(lines), out.String())
	}
	var d struct {
		Record struct {
			ID     string `json:"id"`
			Method string `json:"method"`
		} `json:"record"`
		ReceivedAt int64 `json:"receivedAt"`
	}
	if err := json.Unmarshal([]byte(lines[0]), &d); err != nil || d.Record.Method != "reject-all" || d.ReceivedAt != t0.Add(2*time.Hour).UnixMilli() {
		t.Errorf("first exported line %s (%v), want v1's reject-all received at 05:04", lines[0], err)
	}

	out.Reset()
	if code := run([]string{"log", "export", "--db", db, "--format", "csv"}, &out, &errOut); code != 0 {
		t.Fatalf("log export csv: exit %d: %s", code, errOut.String())
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(recs) != 4 || recs[0][0] != "consent_id" || recs[1][0] != "v2" || recs[1][10] != `{"necessary":true,"statistics":true}` {
		t.Errorf("csv export: %v %v", recs, err)
	}

	for _, args := range [][]string{
		{"log"}, {"log", "frob"}, {"log", "serve", "--db", db}, {"log", "export", "--since", "yesterday"},
		{"log", "export", "--format", "xml"}, {"log", "show"},
	} {
		if code := run(args, &out, &errOut); code != 2 {
			t.Errorf("consent %v: exit %d, want 2 (usage)", args, code)
		}
	}
}

// A busy port and an unknown --log-level each say so in one line, naming
// the problem (before: slog's "unknown name" after the whole usage, and a
// JSON log line for the port).
func TestLogServeErrorsAreOneLine(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	db := filepath.Join(t.TempDir(), "log.db")
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"log", "serve", "--db", db, "--addr", ln.Addr().String(), "--origin", "https://shop.example"},
			[]string{"is busy", ln.Addr().String(), "--addr"}},
		{[]string{"log", "serve", "--db", db, "--log-level", "verbose", "--origin", "https://shop.example"},
			[]string{`"verbose"`, "debug, info, warn or error"}},
		{[]string{"log", "serve", "--db", db, "--trust-proxy", "10.0.0.0/33", "--origin", "https://shop.example"},
			[]string{"--trust-proxy", "10.0.0.0/33"}},
	} {
		var out, errOut bytes.Buffer
		code := run(tc.args, &out, &errOut)
		msg := errOut.String()
		if code == 0 || strings.Count(msg, "\n") != 1 || strings.Contains(msg, "slog") {
			t.Errorf("consent %v: exit %d, want one line:\n%s", tc.args, code, msg)
		}
		for _, w := range tc.want {
			if !strings.Contains(msg, w) {
				t.Errorf("consent %v: %q lacks %q", tc.args, msg, w)
			}
		}
	}
}
