package consentlog

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
)

// chainOf stores n documents of one origin through Insert, received a
// minute apart from t0.
func chainOf(t *testing.T, store *Store, n int, t0 time.Time) {
	t.Helper()
	var es []Entry
	for i := 0; i < n; i++ {
		d, err := Decode([]byte(testDoc("v"+string(rune('a'+i)), t0.Add(time.Duration(i)*time.Minute).UnixMilli(), policy.MethodAcceptAll)))
		if err != nil {
			t.Fatal(err)
		}
		es = append(es, Entry{Doc: d, ReceivedAt: t0.Add(time.Duration(i)*time.Minute + time.Second).UnixMilli()})
	}
	if _, err := store.Insert(context.Background(), es); err != nil {
		t.Fatal(err)
	}
}

func verifyProblem(t *testing.T, store *Store) string {
	t.Helper()
	reps, err := store.Verify(context.Background(), nil)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, r := range reps {
		if r.Problem != "" {
			out = append(out, r.Problem)
		}
	}
	return strings.Join(out, "; ")
}

// verify names the first record edited, deleted or inserted behind the
// server's back, on SQLite and PostgreSQL.
func TestVerifyCatchesEditedDeletedInsertedRows(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	backends(t, func(t *testing.T, store *Store) {
		chainOf(t, store, 5, t0)
		if p := verifyProblem(t, store); p != "" {
			t.Fatalf("an untouched log: %s", p)
		}
		exec := func(q string, args ...any) {
			t.Helper()
			if _, err := store.db.Exec(q, args...); err != nil {
				t.Fatal(err)
			}
		}
		p := store.params
		// Edited: one row's method changed in place.
		exec(`UPDATE consent_log SET method = 'reject-all' WHERE consent_id = `+p(1), "vc")
		if got := verifyProblem(t, store); !strings.Contains(got, "seq 3 (vc") || !strings.Contains(got, "changed") {
			t.Errorf("an edited row: %q, want seq 3 (vc …) changed", got)
		}
		exec(`UPDATE consent_log SET method = 'accept-all' WHERE consent_id = `+p(1), "vc")
		// Deleted: a row in the middle, then the last one.
		var saved Entry
		if err := store.Show(context.Background(), "vb", func(e Entry) error { saved = e; return nil }); err != nil {
			t.Fatal(err)
		}
		exec(`DELETE FROM consent_log WHERE consent_id = `+p(1), "vb")
		if got := verifyProblem(t, store); !strings.Contains(got, "seq 2 to 2 are missing") || !strings.Contains(got, "deleted") {
			t.Errorf("a deleted row: %q, want seq 2 missing: deleted", got)
		}
		reinsert(t, store, saved)
		if got := verifyProblem(t, store); got != "" {
			t.Fatalf("the row put back: %q", got)
		}
		exec(`DELETE FROM consent_log WHERE consent_id = `+p(1), "ve")
		if got := verifyProblem(t, store); !strings.Contains(got, "head says seq 5") {
			t.Errorf("the last row deleted: %q, want the head's seq 5 named", got)
		}
		exec(`UPDATE consent_log_head SET seq = 4, hash = (SELECT hash FROM consent_log WHERE consent_id = 'vd')`)
		// Inserted: a forged record with a correct hash appended without
		// the head, and one with no place in the chain at all.
		forged := saved
		forged.Doc.ConsentID = "forged"
		forged.Link = Link{Seq: 5, Prev: "x"}
		var head string
		_ = store.db.QueryRow(`SELECT hash FROM consent_log_head`).Scan(&head)
		forged.Link.Prev = head
		forged.Link.Hash = ChainHash(head, forged.Doc.Canonical(), forged.ReceivedAt)
		reinsert(t, store, forged)
		if got := verifyProblem(t, store); !strings.Contains(got, "seq 5 (forged") || !strings.Contains(got, "inserted") {
			t.Errorf("a row appended behind the server's back: %q, want seq 5 (forged …) inserted", got)
		}
		exec(`UPDATE consent_log SET seq = NULL WHERE consent_id = 'forged'`)
		if got := verifyProblem(t, store); !strings.Contains(got, "forged") || !strings.Contains(got, "inserted") {
			t.Errorf("a row without a chain place: %q, want forged inserted", got)
		}
	})
}

// reinsert writes e's row as it was, chain fields included.
func reinsert(t *testing.T, store *Store, e Entry) {
	t.Helper()
	d := e.Doc
	gpc := 0
	if d.GPC {
		gpc = 1
	}
	if _, err := store.db.Exec(`INSERT INTO consent_log (`+columns+`) VALUES (`+store.params(17)+`)`,
		d.ConsentID, d.Timestamp, e.ReceivedAt, d.Method, d.Revision, d.PolicyRevision, d.PolicySHA256, d.Origin,
		d.Path, d.Language, gpc, mustJSON(d.Categories), mustJSON(d.Services), e.Link.Seq, e.Link.Prev, e.Link.Hash, d.Source); err != nil {
		t.Fatal(err)
	}
}

// prune removes the oldest part of each chain and leaves a checkpoint
// that verify starts from, on both databases; a signed checkpoint that
// was edited fails verify; a new record after a prune chains on.
func TestPruneKeepsTheChainVerifiable(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	key := []byte("0123456789abcdef")
	backends(t, func(t *testing.T, store *Store) {
		chainOf(t, store, 5, t0)
		reps, err := store.Prune(context.Background(), t0.Add(150*time.Second).UnixMilli(), key, time.Now())
		if err != nil || len(reps) != 1 || reps[0].Removed != 3 || reps[0].Checkpoint.Seq != 3 {
			t.Fatalf("prune: %+v %v, want 3 removed up to seq 3", reps, err)
		}
		if n, _ := store.Count(context.Background()); n != 2 {
			t.Errorf("%d rows after prune, want 2", n)
		}
		vr, err := store.Verify(context.Background(), key)
		if err != nil || vr[0].Problem != "" || vr[0].Records != 2 || vr[0].From.Seq != 3 || vr[0].Checkpoint != "signature checked" {
			t.Errorf("verify after prune: %+v %v", vr, err)
		}
		d, _ := Decode([]byte(testDoc("late", t0.Add(time.Hour).UnixMilli(), "accept-all")))
		if _, err := store.Insert(context.Background(), []Entry{{Doc: d, ReceivedAt: t0.Add(time.Hour).UnixMilli()}}); err != nil {
			t.Fatal(err)
		}
		if p := verifyProblem(t, store); p != "" {
			t.Errorf("a record after prune: %s", p)
		}
		if _, err := store.db.Exec(`UPDATE consent_log_checkpoint SET before_ms = 0`); err != nil {
			t.Fatal(err)
		}
		vr, _ = store.Verify(context.Background(), key)
		if !strings.Contains(vr[0].Problem, "signature") {
			t.Errorf("an edited checkpoint: %+v, want its signature refused", vr)
		}
	})
}

// Twins inside one batch: the first is stored, an identical one is
// "already stored", a different one is a conflict; the chain holds.
func TestInsertTwinsInOneBatch(t *testing.T) {
	backends(t, func(t *testing.T, store *Store) {
		a, _ := Decode([]byte(testDoc("twin", 1764600000000, policy.MethodAcceptAll)))
		b, _ := Decode([]byte(testDoc("twin", 1764600000000, policy.MethodRejectAll)))
		c, _ := Decode([]byte(testDoc("other", 1764600000000, policy.MethodAcceptAll)))
		out, err := store.Insert(context.Background(), []Entry{{Doc: a, ReceivedAt: 1}, {Doc: a, ReceivedAt: 2}, {Doc: b, ReceivedAt: 3}, {Doc: c, ReceivedAt: 4}})
		if err != nil || len(out) != 4 || out[0] != Stored || out[1] != AlreadyStored || out[2] != Conflict || out[3] != Stored {
			t.Fatalf("outcomes %v %v, want stored, already stored, conflict, stored", out, err)
		}
		if p := verifyProblem(t, store); p != "" {
			t.Error(p)
		}
	})
}
