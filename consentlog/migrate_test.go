package consentlog

import (
	"context"
	"database/sql"
	"testing"
)

// A database of schema 1 (before the chain) is migrated on Open: its
// records are chained per origin in the order received and verify.
func TestOpenMigratesSchema1ToTheChain(t *testing.T) {
	for _, tc := range []struct{ name, driver string }{{"sqlite", "sqlite"}, {"postgres", "pgx"}} {
		t.Run(tc.name, func(t *testing.T) {
			dsn, open := "", ""
			if tc.driver == "sqlite" {
				path := t.TempDir() + "/v1.db"
				dsn, open = "file:"+path+"?_pragma=journal_mode(WAL)", path
			} else {
				dsn = pgDSN(t)
				open = dsn
			}
			raw, err := sql.Open(tc.driver, dsn)
			if err != nil {
				t.Fatal(err)
			}
			ph := func(n int) string { return phN(tc.driver, n) }
			for _, q := range []string{
				`CREATE TABLE consent_log_schema (version INTEGER NOT NULL)`,
				`INSERT INTO consent_log_schema (version) VALUES (1)`,
				`CREATE TABLE consent_log (consent_id TEXT NOT NULL, ts BIGINT NOT NULL, received_at BIGINT NOT NULL,
					method TEXT NOT NULL, revision BIGINT NOT NULL, policy_revision BIGINT NOT NULL, policy_sha256 TEXT NOT NULL,
					origin TEXT NOT NULL, path TEXT NOT NULL, language TEXT NOT NULL, gpc INTEGER NOT NULL,
					categories TEXT NOT NULL, services TEXT NOT NULL, PRIMARY KEY (consent_id, ts))`,
			} {
				if _, err := raw.Exec(q); err != nil {
					t.Fatal(err)
				}
			}
			for i, id := range []string{"old2", "old1", "old3"} {
				d, err := Decode([]byte(testDoc(id, 1764600000000+int64(i), "accept-all")))
				if err != nil {
					t.Fatal(err)
				}
				if _, err := raw.Exec(`INSERT INTO consent_log (consent_id, ts, received_at, method, revision, policy_revision,
					policy_sha256, origin, path, language, gpc, categories, services) VALUES (`+
					ph(1)+","+ph(2)+","+ph(3)+","+ph(4)+","+ph(5)+","+ph(6)+","+ph(7)+","+ph(8)+","+ph(9)+`, `+
					phN(tc.driver, 10)+","+phN(tc.driver, 11)+","+phN(tc.driver, 12)+","+phN(tc.driver, 13)+`)`,
					d.ConsentID, d.Timestamp, 1764600001000-int64(i), d.Method, d.Revision, d.PolicyRevision, d.PolicySHA256,
					d.Origin, d.Path, d.Language, 0, mustJSON(d.Categories), mustJSON(d.Services)); err != nil {
					t.Fatal(err)
				}
			}
			raw.Close()
			store, err := Open(context.Background(), open)
			if err != nil {
				t.Fatal(err)
			}
			defer store.Close()
			reps, err := store.Verify(context.Background(), nil)
			if err != nil || len(reps) != 1 || reps[0].Problem != "" || reps[0].Records != 3 {
				t.Fatalf("verify after the migration: %+v %v", reps, err)
			}
			// Chained in the order received: old3 (received first) is seq 1.
			if got := rows(t, store, "old3"); len(got) != 1 || got[0].Link.Seq != 1 {
				t.Errorf("old3: %+v, want seq 1", got)
			}
			d, _ := Decode([]byte(testDoc("new", 1764600009000, "accept-all")))
			if _, err := store.Insert(context.Background(), []Entry{{Doc: d, ReceivedAt: 1764600009000}}); err != nil {
				t.Fatal(err)
			}
			if p := verifyProblem(t, store); p != "" {
				t.Errorf("a record after the migration: %s", p)
			}
		})
	}
}

func phN(driver string, n int) string {
	if driver == "pgx" {
		return "$" + itoa(n)
	}
	return "?"
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
