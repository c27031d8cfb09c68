package consentlog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// PruneReport is what Prune did to one origin's chain.
type PruneReport struct {
	Origin string
	// Removed is the number of records deleted.
	Removed int64
	// Checkpoint is where the kept chain now starts: the seq and hash of
	// the last record removed.
	Checkpoint Link
	// Signed tells whether the checkpoint carries a MAC.
	Signed bool
}

// Prune deletes, per origin, the oldest records received before before
// (ms), as a prefix of the chain: it stops at the first record received
// at or after before, so a later record that arrived early keeps the ones
// before it. Where the removed part ends it records a checkpoint (seq and
// hash of the last record removed), signed with an HMAC-SHA256 under key
// when key is not nil, from which Verify starts. It refuses to prune a
// chain that does not verify: a prune must not hide a tampered record.
func (s *Store) Prune(ctx context.Context, before int64, key []byte, now time.Time) ([]PruneReport, error) {
	reps, err := s.Verify(ctx, key)
	if err != nil {
		return nil, err
	}
	for _, r := range reps {
		if r.Problem != "" {
			return nil, fmt.Errorf("consentlog: prune refused: the chain of %s does not verify: %s", r.Origin, r.Problem)
		}
	}
	var out []PruneReport
	for _, r := range reps {
		p, err := s.pruneOrigin(ctx, r.Origin, before, key, now)
		if err != nil {
			return nil, err
		}
		if p.Removed > 0 {
			out = append(out, p)
		}
	}
	return out, nil
}

func (s *Store) pruneOrigin(ctx context.Context, origin string, before int64, key []byte, now time.Time) (PruneReport, error) {
	rep := PruneReport{Origin: origin}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return rep, fmt.Errorf("consentlog: prune: begin: %w", err)
	}
	defer tx.Rollback()
	heads, err := s.lockHeads(ctx, tx, []Entry{{Doc: &Document{Origin: origin}}})
	if err != nil {
		return rep, err
	}
	head := heads[origin]
	var firstKept sql.NullInt64
	if err := tx.QueryRowContext(ctx, `SELECT MIN(seq) FROM consent_log WHERE origin = `+s.params(1)+
		` AND received_at >= `+s.nth(2), origin, before).Scan(&firstKept); err != nil {
		return rep, fmt.Errorf("consentlog: prune %s: %w", origin, err)
	}
	last := head.Seq
	if firstKept.Valid {
		last = firstKept.Int64 - 1
	}
	var hash string
	err = tx.QueryRowContext(ctx, `SELECT hash FROM consent_log WHERE origin = `+s.params(1)+` AND seq = `+s.nth(2),
		origin, last).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return rep, nil // nothing older left: pruned before, or empty
	}
	if err != nil {
		return rep, fmt.Errorf("consentlog: prune %s: %w", origin, err)
	}
	res, err := tx.ExecContext(ctx, `DELETE FROM consent_log WHERE origin = `+s.params(1)+` AND seq <= `+s.nth(2), origin, last)
	if err != nil {
		return rep, fmt.Errorf("consentlog: prune %s: %w", origin, err)
	}
	if rep.Removed, err = res.RowsAffected(); err != nil {
		return rep, fmt.Errorf("consentlog: prune %s: %w", origin, err)
	}
	mac := ""
	if key != nil {
		mac = checkpointMAC(key, origin, last, hash, before)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO consent_log_checkpoint (origin, seq, hash, before_ms, created_at, mac) VALUES (`+
		s.params(6)+`) ON CONFLICT (origin) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, before_ms = excluded.before_ms, `+
		`created_at = excluded.created_at, mac = excluded.mac`, origin, last, hash, before, now.UnixMilli(), mac); err != nil {
		return rep, fmt.Errorf("consentlog: prune %s: record the checkpoint: %w", origin, err)
	}
	if err := tx.Commit(); err != nil {
		return rep, fmt.Errorf("consentlog: prune %s: commit: %w", origin, err)
	}
	rep.Checkpoint = Link{Seq: last, Hash: hash}
	rep.Signed = key != nil
	return rep, nil
}
