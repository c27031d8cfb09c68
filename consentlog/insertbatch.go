package consentlog

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// errRace is insertBatch's error when a row was not inserted: a resend,
// a conflict or twins in the batch, which need Insert's slow path.
var errRace = errors.New("consentlog: a row of the batch is stored already")

// insertBatch is Insert in three round trips whatever the batch's size:
// lock the heads, insert every row in one statement, advance the heads.
// When a row is stored already (ON CONFLICT skipped it, which would leave
// a hole in the chain), it rolls back and returns errRace.
func (s *Store) insertBatch(ctx context.Context, entries []Entry) ([]Outcome, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("consentlog: begin: %w", err)
	}
	defer tx.Rollback()
	canon := make([][]byte, len(entries))
	fresh := make([]int, len(entries))
	for i := range entries {
		canon[i] = entries[i].Doc.Canonical()
		fresh[i] = i
	}
	out := make([]Outcome, len(entries))
	heads, err := s.lockHeads(ctx, tx, entries)
	if err != nil {
		return nil, err
	}
	const cols = 17
	args := make([]any, 0, len(fresh)*cols)
	var q strings.Builder
	q.WriteString(`INSERT INTO consent_log (` + columns + `) VALUES `)
	for n, i := range fresh {
		e := &entries[i]
		d := e.Doc
		h := heads[d.Origin]
		link := Link{Seq: h.Seq + 1, Prev: h.Hash}
		link.Hash = ChainHash(link.Prev, canon[i], e.ReceivedAt)
		heads[d.Origin] = Link{Seq: link.Seq, Hash: link.Hash}
		e.Link = link
		gpc := 0
		if d.GPC {
			gpc = 1
		}
		args = append(args, d.ConsentID, d.Timestamp, e.ReceivedAt, d.Method, d.Revision, d.PolicyRevision,
			d.PolicySHA256, d.Origin, d.Path, d.Language, gpc, mustJSON(d.Categories), mustJSON(d.Services),
			link.Seq, link.Prev, link.Hash, d.Source)
		if n > 0 {
			q.WriteString(", ")
		}
		q.WriteByte('(')
		for c := 1; c <= cols; c++ {
			if c > 1 {
				q.WriteString(", ")
			}
			if s.postgres {
				q.WriteString("$" + strconv.Itoa(n*cols+c))
			} else {
				q.WriteByte('?')
			}
		}
		q.WriteByte(')')
	}
	q.WriteString(` ON CONFLICT (consent_id, ts) DO NOTHING`)
	res, err := tx.ExecContext(ctx, q.String(), args...)
	if err != nil {
		return nil, fmt.Errorf("consentlog: insert: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return nil, fmt.Errorf("consentlog: insert: %w", err)
	}
	if n != int64(len(fresh)) {
		return nil, errRace
	}
	for _, i := range fresh {
		out[i] = Stored
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
