package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/csv"
	"encoding/hex"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/consentlog"
	"github.com/consentwasm/consent/policy"
)

func storeDocs(t *testing.T, db string, es []consentlog.Entry) {
	t.Helper()
	store, err := consentlog.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.Insert(context.Background(), es); err != nil {
		t.Fatal(err)
	}
}

// verify passes on an untouched log and names the changed record after a
// row is edited; export's JSON lines let an auditor recompute each hash
// with sha256 alone; prune leaves a signed checkpoint that verify checks.
func TestLogVerifyExportPrune(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	var es []consentlog.Entry
	for i, id := range []string{"v1", "v2", "v3", "v4"} {
		es = append(es, consentlog.Entry{Doc: logDoc(t, id, t0.AddDate(0, i, 0), policy.MethodAcceptAll),
			ReceivedAt: t0.AddDate(0, i, 0).Add(time.Second).UnixMilli()})
	}
	storeDocs(t, db, es)
	var out, errOut bytes.Buffer
	if code := run([]string{"log", "verify", "--db", db}, &out, &errOut); code != 0 || !strings.Contains(out.String(), "4 records") {
		t.Fatalf("verify: exit %d: %s%s", code, out.String(), errOut.String())
	}

	// The auditor's check: strip receivedAt and chain, hash prev, the
	// document and receivedAt joined by newlines.
	out.Reset()
	if code := run([]string{"log", "export", "--db", db}, &out, &errOut); code != 0 {
		t.Fatal(errOut.String())
	}
	strip := regexp.MustCompile(`,"receivedAt":([0-9]+),"chain":\{"seq":[0-9]+,"prev":"([0-9a-f]{64})","hash":"([0-9a-f]{64})"\}\}$`)
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		m := strip.FindStringSubmatchIndex(line)
		if m == nil {
			t.Fatalf("export line without chain fields: %s", line)
		}
		doc := line[:m[0]] + "}"
		sum := sha256.Sum256([]byte(line[m[4]:m[5]] + "\n" + doc + "\n" + line[m[2]:m[3]]))
		if hex.EncodeToString(sum[:]) != line[m[6]:m[7]] {
			t.Errorf("the exported hash is not sha256(prev \\n document \\n receivedAt): %s", line)
		}
	}

	key := filepath.Join(t.TempDir(), "key")
	os.WriteFile(key, []byte("0123456789abcdef0123456789abcdef\n"), 0o600)
	out.Reset()
	if code := run([]string{"log", "prune", "--db", db, "--before", "2026-03-01", "--key", key}, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "removed 2 records") {
		t.Fatalf("prune: exit %d: %s%s", code, out.String(), errOut.String())
	}
	out.Reset()
	if code := run([]string{"log", "verify", "--db", db, "--key", key}, &out, &errOut); code != 0 ||
		!strings.Contains(out.String(), "2 records from the checkpoint at seq 2 (signature checked)") {
		t.Errorf("verify after prune: exit %d: %s%s", code, out.String(), errOut.String())
	}
	raw, _ := sql.Open("sqlite", "file:"+db)
	defer raw.Close()
	if _, err := raw.Exec(`UPDATE consent_log_checkpoint SET seq = 1`); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run([]string{"log", "verify", "--db", db, "--key", key}, &out, &errOut); code != 1 || !strings.Contains(out.String(), "signature") {
		t.Errorf("verify of a forged checkpoint: exit %d: %s", code, out.String())
	}
	raw.Exec(`UPDATE consent_log_checkpoint SET seq = 2`)
	if _, err := raw.Exec(`UPDATE consent_log SET path = '/other' WHERE consent_id = 'v4'`); err != nil {
		t.Fatal(err)
	}
	out.Reset()
	if code := run([]string{"log", "verify", "--db", db}, &out, &errOut); code != 1 || !strings.Contains(out.String(), "seq 4 (v4") {
		t.Errorf("verify of an edited row: exit %d: %s", code, out.String())
	}
	if code := run([]string{"log", "prune", "--db", db, "--keep", "1d"}, &out, &errOut); code != 1 || !strings.Contains(errOut.String(), "refused") {
		t.Errorf("prune of a broken chain: exit %d: %s", code, errOut.String())
	}
	for _, args := range [][]string{{"log", "prune", "--db", db}, {"log", "prune", "--db", db, "--keep", "3x"},
		{"log", "prune", "--db", db, "--before", "soon"}} {
		if code := run(args, &out, &errOut); code != 2 {
			t.Errorf("consent %v: exit %d, want 2", args, code)
		}
	}
}

// log show escapes the C0/C1 controls and bidi characters a page path
// may carry (before: printed raw, so an RLO could reorder the screen);
// the CSV export quotes cells a spreadsheet would read as formulas.
func TestLogShowEscapesAndCSVIsFormulaSafe(t *testing.T) {
	db := filepath.Join(t.TempDir(), "log.db")
	t0 := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	d := logDoc(t, "-cmd-1", t0, policy.MethodAcceptAll)
	d.Path = "/a\u202egnp.exe\u0085\u009b31m/" // RLO, NEL, CSI
	storeDocs(t, db, []consentlog.Entry{{Doc: d, ReceivedAt: t0.Add(time.Minute).UnixMilli()}})
	var out, errOut bytes.Buffer
	if code := run([]string{"log", "show", "--db", db, "--", "-cmd-1"}, &out, &errOut); code != 0 {
		t.Fatalf("show: exit %d: %s", code, errOut.String())
	}
	s := out.String()
	if strings.ContainsAny(s, "\u202e\u0085\u009b") || !strings.Contains(s, `/a\u{202E}gnp.exe\u{85}\u{9B}31m/`) {
		t.Errorf("log show prints controls raw:\n%q", s)
	}
	if !strings.Contains(s, "received 2026-01-02T03:05:05.000Z (server clock)") {
		t.Errorf("log show lacks the server's receive time:\n%s", s)
	}
	out.Reset()
	if code := run([]string{"log", "export", "--db", db, "--format", "csv"}, &out, &errOut); code != 0 {
		t.Fatal(errOut.String())
	}
	recs, err := csv.NewReader(&out).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("csv: %v %v", recs, err)
	}
	if recs[1][0] != "'-cmd-1" {
		t.Errorf("the id cell is %q, want '-cmd-1 (a formula-looking cell prefixed)", recs[1][0])
	}
	for i, c := range recs[1] {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			t.Errorf("column %s starts with %q", recs[0][i], c[0])
		}
	}
}
