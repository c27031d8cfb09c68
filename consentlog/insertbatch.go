package consentlog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// errRace is insertBatch's error when a row it meant to insert appeared
// meanwhile (another origin's writer stored the same id and timestamp):
// Insert then takes the slow path.
var errRace = errors.New("consentlog: a concurrent insert of the same key")

// insertBatch is Insert in four round trips whatever the batch's size:
// read the rows already stored with these ids (before any lock), lock
// the heads, insert every new row in one statement, advance the heads.
// The heads stay locked only for the last three.
func (s *Store) insertBatch(ctx context.Context, entries []Entry) ([]Outcome, error) {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("consentlog: begin: %w", err)
	}
	defer tx.Rollback()
	type key struct {
		id string
		ts int64
	}
	canon := make([][]byte, len(entries))
	for i := range entries {
		canon[i] = entries[i].Doc.Canonical()
	}
	// What is stored already, and duplicates inside the batch.
	ids := make([]any, 0, len(entries))
	seenID := map[string]bool{}
	for _, e := range entries {
		if !seenID[e.Doc.ConsentID] {
			seenID[e.Doc.ConsentID] = true
			ids = append(ids, e.Doc.ConsentID)
		}
	}
	old := map[key][]byte{}
	rows, err := tx.QueryContext(ctx, `SELECT `+columns+` FROM consent_log WHERE consent_id IN (`+s.params(len(ids))+`)`, ids...)
	if err != nil {
		return nil, fmt.Errorf("consentlog: read the stored ids: %w", err)
	}
	err = scanRows(rows, func(e Entry) error {
		old[key{e.Doc.ConsentID, e.Doc.Timestamp}] = e.Doc.Canonical()
		return nil
	})
	rows.Close()
	if err != nil {
		return nil, err
	}
	out := make([]Outcome, len(entries))
	var fresh []int
	for i, e := range entries {
		k := key{e.Doc.ConsentID, e.Doc.Timestamp}
		if c, ok := old[k]; ok {
			out[i] = AlreadyStored
			if !bytes.Equal(c, canon[i]) {
				out[i] = Conflict
			}
			continue
		}
		old[k] = canon[i] // a later twin in this batch compares with it
		fresh = append(fresh, i)
	}
	if len(fresh) == 0 {
		return out, tx.Commit()
	}
	heads, err := s.lockHeads(ctx, tx, entries)
	if err != nil {
		return nil, err
	}
	const cols = 16
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
			link.Seq, link.Prev, link.Hash)
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
