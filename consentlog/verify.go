package consentlog

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strconv"
)

// ChainReport is what Verify found for one origin.
type ChainReport struct {
	Origin string
	// Records is the number of records checked.
	Records int64
	// From is where the chain starts: seq 0 and GenesisHash, or the
	// checkpoint a prune left.
	From Link
	// Head is the last record's seq and hash: keep it outside the
	// database, and a later verify proves nothing before it changed.
	Head Link
	// Checkpoint says how the checkpoint was checked ("" without one).
	Checkpoint string
	// Problem names the first record changed, deleted or inserted out of
	// order ("" when the chain holds).
	Problem string
}

// Verify recomputes every origin's hash chain and reports, per origin,
// the first record that was changed, deleted or inserted out of order. A
// checkpoint's MAC is checked when key is given (see Prune).
func (s *Store) Verify(ctx context.Context, key []byte) ([]ChainReport, error) {
	origins, err := s.origins(ctx)
	if err != nil {
		return nil, err
	}
	var out []ChainReport
	for _, o := range origins {
		r, err := s.verifyOrigin(ctx, o, key)
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}

// origins lists every origin with a head, a checkpoint or a record.
func (s *Store) origins(ctx context.Context) ([]string, error) {
	seen := map[string]bool{}
	for _, q := range []string{`SELECT origin FROM consent_log_head`, `SELECT origin FROM consent_log_checkpoint`,
		`SELECT DISTINCT origin FROM consent_log`} {
		rows, err := s.db.QueryContext(ctx, q)
		if err != nil {
			return nil, fmt.Errorf("consentlog: verify: %w", err)
		}
		for rows.Next() {
			var o string
			if err := rows.Scan(&o); err != nil {
				rows.Close()
				return nil, fmt.Errorf("consentlog: verify: %w", err)
			}
			seen[o] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, fmt.Errorf("consentlog: verify: %w", err)
		}
	}
	out := make([]string, 0, len(seen))
	for o := range seen {
		out = append(out, o)
	}
	sort.Strings(out)
	return out, nil
}

// checkpoint is an origin's prune checkpoint, if any.
type checkpoint struct {
	Link
	before, created int64
	mac             string
}

func (s *Store) checkpoint(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, origin string) (*checkpoint, error) {
	var c checkpoint
	err := q.QueryRowContext(ctx, `SELECT seq, hash, before_ms, created_at, mac FROM consent_log_checkpoint WHERE origin = `+
		s.params(1), origin).Scan(&c.Seq, &c.Hash, &c.before, &c.created, &c.mac)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("consentlog: the checkpoint of %s: %w", origin, err)
	}
	return &c, nil
}

// checkpointMAC signs a checkpoint: the lowercase hex HMAC-SHA256, under
// the prune key, of origin "\n" seq "\n" hash "\n" before_ms.
func checkpointMAC(key []byte, origin string, seq int64, hash string, before int64) string {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(origin + "\n" + strconv.FormatInt(seq, 10) + "\n" + hash + "\n" + strconv.FormatInt(before, 10)))
	return hex.EncodeToString(m.Sum(nil))
}

func (s *Store) verifyOrigin(ctx context.Context, origin string, key []byte) (ChainReport, error) {
	r := ChainReport{Origin: origin, From: Link{Hash: GenesisHash}}
	cp, err := s.checkpoint(ctx, s.db, origin)
	if err != nil {
		return r, err
	}
	if cp != nil {
		r.From = Link{Seq: cp.Seq, Hash: cp.Hash}
		switch {
		case cp.mac == "":
			r.Checkpoint = "unsigned (pruned without --key): compare its hash with the one prune printed"
		case key == nil:
			r.Checkpoint = "signed, not checked: give --key"
		case !hmac.Equal([]byte(cp.mac), []byte(checkpointMAC(key, origin, cp.Seq, cp.Hash, cp.before))):
			r.Problem = fmt.Sprintf("the checkpoint at seq %d does not match its signature: changed", cp.Seq)
			return r, nil
		default:
			r.Checkpoint = "signature checked"
		}
	}
	var head Link
	err = s.db.QueryRowContext(ctx, `SELECT seq, hash FROM consent_log_head WHERE origin = `+s.params(1), origin).Scan(&head.Seq, &head.Hash)
	if errors.Is(err, sql.ErrNoRows) {
		r.Problem = "records without a chain head: inserted without the server"
		return r, nil
	}
	if err != nil {
		return r, fmt.Errorf("consentlog: verify %s: %w", origin, err)
	}
	var unchained int64
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM consent_log WHERE origin = `+s.params(1)+
		` AND (seq IS NULL OR hash IS NULL OR prev_hash IS NULL)`, origin).Scan(&unchained); err != nil {
		return r, fmt.Errorf("consentlog: verify %s: %w", origin, err)
	}
	if unchained > 0 {
		var id string
		var ts int64
		_ = s.db.QueryRowContext(ctx, `SELECT consent_id, ts FROM consent_log WHERE origin = `+s.params(1)+
			` AND (seq IS NULL OR hash IS NULL OR prev_hash IS NULL) ORDER BY received_at`, origin).Scan(&id, &ts)
		r.Problem = fmt.Sprintf("record %s at %s has no place in the chain: inserted without the server", id, msTime(ts))
		return r, nil
	}
	last := r.From
	err = s.query(ctx, func(e Entry) error {
		l, id := e.Link, e.Doc.ConsentID+" at "+msTime(e.Doc.Timestamp)
		switch {
		case l.Seq <= last.Seq:
			r.Problem = fmt.Sprintf("record seq %d (%s) comes before the chain's start or repeats seq %d: inserted out of order", l.Seq, id, last.Seq)
		case l.Seq > head.Seq:
			r.Problem = fmt.Sprintf("record seq %d (%s) is past the chain's head (seq %d): inserted out of order", l.Seq, id, head.Seq)
		case l.Seq > last.Seq+1:
			r.Problem = fmt.Sprintf("records seq %d to %d are missing before record seq %d (%s): deleted", last.Seq+1, l.Seq-1, l.Seq, id)
		case l.Prev != last.Hash:
			r.Problem = fmt.Sprintf("record seq %d (%s) does not link to record seq %d: one of them was changed or replaced", l.Seq, id, last.Seq)
		case ChainHash(l.Prev, e.Doc.Canonical(), e.ReceivedAt) != l.Hash:
			r.Problem = fmt.Sprintf("record seq %d (%s) does not hash to its stored hash: changed", l.Seq, id)
		}
		if r.Problem != "" {
			return errStop
		}
		r.Records++
		last = Link{Seq: l.Seq, Hash: l.Hash}
		return nil
	}, `SELECT `+columns+` FROM consent_log WHERE origin = `+s.params(1)+` ORDER BY seq`, origin)
	if err != nil && !errors.Is(err, errStop) {
		return r, err
	}
	if r.Problem != "" {
		return r, nil
	}
	r.Head = last
	if last.Seq == head.Seq && last.Hash != head.Hash {
		r.Problem = fmt.Sprintf("record seq %d does not end the chain with the head's hash: changed", last.Seq)
	} else if last.Seq != head.Seq {
		r.Problem = fmt.Sprintf("the chain ends at seq %d but its head says seq %d: the last records were deleted", last.Seq, head.Seq)
	}
	return r, nil
}

var errStop = errors.New("stop")
