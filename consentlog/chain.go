package consentlog

import (
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
)

// GenesisHash is prev_hash of an origin's first record: 64 zeros.
var GenesisHash = strings.Repeat("0", 64)

// Link is a record's place in its origin's hash chain (docs/consent-log.md):
// Seq counts the origin's records from 1, Prev is the hash of record
// Seq-1 (GenesisHash for the first, or the checkpoint's hash after a
// prune), Hash is this record's.
type Link struct {
	Seq  int64
	Prev string
	Hash string
}

// Canonical returns the bytes of d that the chain hashes: the document as
// `consent log export` writes it, without receivedAt and chain.
func (d *Document) Canonical() []byte { return d.JSON(0) }

// ChainHash is the hash of one record: the lowercase hex SHA-256 of
//
//	prev "\n" canonical "\n" receivedAt
//
// where prev is the previous record's hash (64 lowercase hex digits),
// canonical the document's canonical bytes and receivedAt the server's
// receive time in ms since the epoch, in decimal. An auditor computes it
// with printf '%s\n%s\n%s' "$prev" "$doc" "$receivedAt" | sha256sum.
func ChainHash(prev string, canonical []byte, receivedAt int64) string {
	h := sha256.New()
	h.Write([]byte(prev))
	h.Write([]byte{'\n'})
	h.Write(canonical)
	h.Write([]byte{'\n'})
	h.Write([]byte(strconv.FormatInt(receivedAt, 10)))
	return hex.EncodeToString(h.Sum(nil))
}
