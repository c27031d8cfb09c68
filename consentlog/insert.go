package consentlog

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
)

// Insert stores the entries in one transaction, each appended to its
// origin's hash chain, and reports for each what it did (Stored,
// AlreadyStored or Conflict); Stored entries get their Link. When Insert
// returns nil, every Stored entry is durably committed.
//
// The chain's head row of every origin in the batch is locked, in the
// origins' order (an upsert of the head row, which keeps it locked until
// the commit; SQLite's transactions take the write lock at BEGIN), so that concurrent writers,
// in one process or several, append one after the other and never
// deadlock.
func (s *Store) Insert(ctx context.Context, entries []Entry) ([]Outcome, error) {
	out, err := s.insertBatch(ctx, entries)
	if errors.Is(err, errRace) {
		return s.insertEach(ctx, entries)
	}
	return out, err
}

// insertEach is Insert one statement per entry: the slow path, for a
// batch whose fast path met a concurrent insert of the same key.
func (s *Store) insertEach(ctx context.Context, entries []Entry) ([]Outcome, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("consentlog: begin: %w", err)
	}
	defer tx.Rollback()
	heads, err := s.lockHeads(ctx, tx, entries)
	if err != nil {
		return nil, err
	}
	stmt, err := tx.PrepareContext(ctx, s.insert)
	if err != nil {
		return nil, fmt.Errorf("consentlog: prepare the insert: %w", err)
	}
	defer stmt.Close()
	out := make([]Outcome, len(entries))
	for i := range entries {
		e := &entries[i]
		d := e.Doc
		canon := d.Canonical()
		h := heads[d.Origin]
		link := Link{Seq: h.Seq + 1, Prev: h.Hash}
		link.Hash = ChainHash(link.Prev, canon, e.ReceivedAt)
		gpc := 0
		if d.GPC {
			gpc = 1
		}
		res, err := stmt.ExecContext(ctx, d.ConsentID, d.Timestamp, e.ReceivedAt, d.Method, d.Revision,
			d.PolicyRevision, d.PolicySHA256, d.Origin, d.Path, d.Language, gpc,
			mustJSON(d.Categories), mustJSON(d.Services), link.Seq, link.Prev, link.Hash, d.Source)
		if err != nil {
			return nil, fmt.Errorf("consentlog: insert: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return nil, fmt.Errorf("consentlog: insert: %w", err)
		}
		if n == 1 {
			e.Link = link
			heads[d.Origin] = Link{Seq: link.Seq, Hash: link.Hash}
			out[i] = Stored
			continue
		}
		old, err := s.stored(ctx, tx, d.ConsentID, d.Timestamp)
		if err != nil {
			return nil, err
		}
		if bytes.Equal(old.Canonical(), canon) {
			out[i] = AlreadyStored
		} else {
			out[i] = Conflict
		}
	}
	for origin, h := range heads {
		if _, err := tx.ExecContext(ctx, `UPDATE consent_log_head SET seq = `+s.params(1)+`, hash = `+s.nth(2)+
			` WHERE origin = `+s.nth(3), h.Seq, h.Hash, origin); err != nil {
			return nil, fmt.Errorf("consentlog: advance the chain of %s: %w", origin, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return nil, fmt.Errorf("consentlog: commit: %w", err)
	}
	return out, nil
}

// nth is the n-th placeholder in the driver's dialect.
func (s *Store) nth(n int) string {
	if s.postgres {
		return fmt.Sprintf("$%d", n)
	}
	return "?"
}

// lockHeads creates the missing head rows of the entries' origins and
// locks them all, in sorted order; it returns each origin's head.
func (s *Store) lockHeads(ctx context.Context, tx *sql.Tx, entries []Entry) (map[string]Link, error) {
	heads := map[string]Link{}
	var origins []string
	for _, e := range entries {
		if _, ok := heads[e.Doc.Origin]; !ok {
			heads[e.Doc.Origin] = Link{}
			origins = append(origins, e.Doc.Origin)
		}
	}
	sort.Strings(origins)
	for _, o := range origins {
		// One round trip creates the head when missing, locks it (an
		// upsert locks its row until the commit) and reads it.
		var h Link
		if err := tx.QueryRowContext(ctx, `INSERT INTO consent_log_head (origin, seq, hash) VALUES (`+s.params(3)+
			`) ON CONFLICT (origin) DO UPDATE SET origin = excluded.origin RETURNING seq, hash`, o, 0, GenesisHash).
			Scan(&h.Seq, &h.Hash); err != nil {
			return nil, fmt.Errorf("consentlog: lock the chain head of %s: %w", o, err)
		}
		heads[o] = h
	}
	return heads, nil
}

// stored reads the stored document with a consent id and timestamp.
func (s *Store) stored(ctx context.Context, q interface {
	QueryContext(context.Context, string, ...any) (*sql.Rows, error)
}, id string, ts int64) (*Document, error) {
	rows, err := q.QueryContext(ctx, `SELECT `+columns+` FROM consent_log WHERE consent_id = `+s.params(1)+
		` AND ts = `+s.nth(2), id, ts)
	if err != nil {
		return nil, fmt.Errorf("consentlog: read %s/%d: %w", id, ts, err)
	}
	defer rows.Close()
	var found *Document
	err = scanRows(rows, func(e Entry) error { found = e.Doc; return nil })
	if err == nil && found == nil {
		err = errors.New("not found")
	}
	if err != nil {
		return nil, fmt.Errorf("consentlog: read %s/%d: %w", id, ts, err)
	}
	return found, nil
}

// migrateChain brings a schema 1 database to 2: the chain columns, and
// every stored record chained per origin in the order received.
func (s *Store) migrateChain(ctx context.Context, tx *sql.Tx) error {
	for _, col := range []string{"seq BIGINT", "prev_hash TEXT", "hash TEXT", "source TEXT"} {
		if _, err := tx.ExecContext(ctx, `ALTER TABLE consent_log ADD COLUMN `+col); err != nil {
			return fmt.Errorf("add column %s: %w", col, err)
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+columns+` FROM consent_log ORDER BY origin, received_at, consent_id, ts`)
	if err != nil {
		return err
	}
	var all []Entry
	err = scanRows(rows, func(e Entry) error { all = append(all, e); return nil })
	rows.Close()
	if err != nil {
		return err
	}
	heads := map[string]Link{}
	for _, e := range all {
		h, ok := heads[e.Doc.Origin]
		if !ok {
			h.Hash = GenesisHash
		}
		l := Link{Seq: h.Seq + 1, Prev: h.Hash}
		l.Hash = ChainHash(l.Prev, e.Doc.Canonical(), e.ReceivedAt)
		if _, err := tx.ExecContext(ctx, `UPDATE consent_log SET seq = `+s.params(1)+`, prev_hash = `+s.nth(2)+
			`, hash = `+s.nth(3)+` WHERE consent_id = `+s.nth(4)+` AND ts = `+s.nth(5),
			l.Seq, l.Prev, l.Hash, e.Doc.ConsentID, e.Doc.Timestamp); err != nil {
			return err
		}
		heads[e.Doc.Origin] = Link{Seq: l.Seq, Hash: l.Hash}
	}
	for o, h := range heads {
		if _, err := tx.ExecContext(ctx, `INSERT INTO consent_log_head (origin, seq, hash) VALUES (`+s.params(3)+`)`,
			o, h.Seq, h.Hash); err != nil {
			return err
		}
	}
	_, err = tx.ExecContext(ctx, `UPDATE consent_log_schema SET version = `+s.params(1), schemaVersion)
	return err
}
