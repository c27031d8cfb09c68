package e2e

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/consentlog"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// logServer is a consent log (consent log serve) on a loopback port with
// an SQLite file, taking documents from the test pages' origin.
type logServer struct {
	store  *consentlog.Store
	addr   string
	cancel context.CancelFunc
	done   chan error
}

func startLog(t *testing.T, addr, db string) *logServer {
	t.Helper()
	store, err := consentlog.Open(context.Background(), db)
	require.NoError(t, err)
	ln, err := net.Listen("tcp", addr)
	require.NoError(t, err)
	ctx, cancel := context.WithCancel(context.Background())
	l := &logServer{store: store, addr: ln.Addr().String(), cancel: cancel, done: make(chan error, 1)}
	go func() {
		l.done <- consentlog.Serve(ctx, ln, consentlog.Config{Store: store, Origins: []string{srv.URL}, RateLimit: 20}, 5*time.Second)
	}()
	t.Cleanup(l.stop)
	return l
}

func (l *logServer) stop() {
	if l.cancel == nil {
		return
	}
	l.cancel()
	<-l.done
	l.store.Close()
	l.cancel = nil
}

// rows returns what the log holds for a consent id, oldest first.
func (l *logServer) rows(t *testing.T, id string) []consentlog.Entry {
	t.Helper()
	var out []consentlog.Entry
	require.NoError(t, l.store.Show(context.Background(), id, func(e consentlog.Entry) error { out = append(out, e); return nil }))
	return out
}

// waitRows waits until the log holds n records of id.
func (l *logServer) waitRows(t *testing.T, id string, n int) []consentlog.Entry {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		rows := l.rows(t, id)
		if len(rows) >= n || time.Now().After(deadline) {
			require.Len(t, rows, n, "records of %s in the log", id)
			return rows
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// proofPolicy serves basic.json with proof.url pointing at the log.
func proofPolicy(t *testing.T, logAddr string) (path, text string) {
	t.Helper()
	basic, err := readFile("policies/basic.json")
	require.NoError(t, err)
	text = strings.Replace(basic, "{", `{"proof": {"url": "http://`+logAddr+`/v1/consents"},`, 1)
	return servePolicy(t, strings.ReplaceAll(t.Name(), "/", "_")+".json", text), text
}

func sameRecord(t *testing.T, e consentlog.Entry, rec *record, policyText, path string) {
	t.Helper()
	d := e.Doc
	assert.Equal(t, *rec, record{ID: d.ConsentID, Revision: int(d.Revision), Timestamp: d.Timestamp, Method: d.Method,
		Categories: d.Categories, Services: d.Services}, "the logged record is consent.get()'s")
	sum := sha256.Sum256([]byte(policyText))
	assert.Equal(t, hex.EncodeToString(sum[:]), d.PolicySHA256, "the policy's fingerprint is that of the file served")
	assert.Equal(t, srv.URL, d.Origin)
	assert.Equal(t, path, d.Path, "no query, no fragment")
	assert.Equal(t, "en", d.Language)
}

// Each choice reaches the consent log, cross-origin (CORS preflight),
// under one consent id, and the rows equal consent.get().
func TestProofOfConsentReachesTheLog(t *testing.T) {
	l := startLog(t, "127.0.0.1:0", filepath.Join(t.TempDir(), "log.db"))
	policyPath, text := proofPolicy(t, l.addr)
	ctx := newTab(t)
	page := servePage(t, pageOpts{policy: policyPath})
	pagePath := strings.TrimPrefix(page, srv.URL)
	open(t, ctx, page+"?email=visitor@example.org#top")

	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	first := getRecord(t, ctx)
	require.NotNil(t, first)
	rows := l.waitRows(t, first.ID, 1)
	sameRecord(t, rows[0], first, text, pagePath)

	eval[any](t, ctx, `window.consent.set({categories: {media: false}})`)
	second := getRecord(t, ctx)
	assert.Equal(t, first.ID, second.ID, "a later choice keeps the consent id")
	rows = l.waitRows(t, first.ID, 2)
	sameRecord(t, rows[1], second, text, pagePath)
	waitFor(t, ctx, `localStorage.getItem("consent-proof-outbox") === null`)
}

// The proof's SHA-256 is sha256sum of the file as served, byte-order mark
// and CRLF line endings included: before, fetch().text() dropped the mark
// and the hash was of other bytes than the file's.
func TestProofHashIsTheServedFilesHash(t *testing.T) {
	l := startLog(t, "127.0.0.1:0", filepath.Join(t.TempDir(), "log.db"))
	_, text := proofPolicy(t, l.addr)
	text = "\uFEFF" + strings.ReplaceAll(strings.ReplaceAll(text, "\r\n", "\n"), "\n", "\r\n")
	require.Contains(t, text, "\r\n")
	policyPath := servePolicy(t, "bom-crlf.json", text)
	ctx := newTab(t)
	page := servePage(t, pageOpts{policy: policyPath})
	open(t, ctx, page)
	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	rec := getRecord(t, ctx)
	require.NotNil(t, rec)
	rows := l.waitRows(t, rec.ID, 1)
	sameRecord(t, rows[0], rec, text, strings.TrimPrefix(page, srv.URL))
}

// The log is down for the first choice: the document waits in the
// browser, and arrives on the next page once the log is back.
func TestProofOfConsentWaitsForTheLog(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	addr := ln.Addr().String()
	ln.Close() // nothing listens: the log is down
	policyPath, text := proofPolicy(t, addr)
	ctx := newTab(t)
	page := servePage(t, pageOpts{policy: policyPath})
	open(t, ctx, page)

	click(t, ctx, `#consent-banner [data-consent-action="reject-all"]`)
	rec := getRecord(t, ctx)
	require.NotNil(t, rec)
	waitFor(t, ctx, `(() => { const o = JSON.parse(localStorage.getItem("consent-proof-outbox") || "{}"); return o.failures === 1 && o.entries.length === 1; })()`)

	l := startLog(t, addr, filepath.Join(t.TempDir(), "log.db"))
	assert.Empty(t, l.rows(t, rec.ID), "nothing arrives before a page asks")
	open(t, ctx, page)
	rows := l.waitRows(t, rec.ID, 1)
	sameRecord(t, rows[0], rec, text, strings.TrimPrefix(page, srv.URL))
	waitFor(t, ctx, `localStorage.getItem("consent-proof-outbox") === null`)
}
