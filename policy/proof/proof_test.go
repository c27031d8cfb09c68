package proof

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProofDocument(t *testing.T) {
	p := &policy.Policy{Revision: 3, Categories: []policy.Category{{ID: "necessary", Required: true}, {ID: "stats"}},
		Services: []policy.Service{{ID: "matomo", Category: "stats"}}}
	r := policy.NewRecord(p, nil, policy.AcceptAllChoice(p), policy.MethodAcceptAll, "abc", now)
	doc := Document(p, r, strings.Repeat("0f", 32), Page{
		Origin: "https://shop.example", Path: "/checkout?user=me#top", Language: "de", GPC: true})
	want := `{"version":1,"record":{"id":"abc","revision":3,"timestamp":` + strconv.FormatInt(now.UnixMilli(), 10) +
		`,"method":"accept-all","source":"banner","categories":{"necessary":true,"stats":true},"services":{"matomo":true}},` +
		`"policy":{"revision":3,"sha256":"` + strings.Repeat("0f", 32) + `"},` +
		`"page":{"origin":"https://shop.example","path":"/checkout"},"language":"de","gpc":true}`
	assert.Equal(t, want, doc, "the query and fragment never leave the page")

	reset := ResetRecord(p, "abc", now)
	assert.Equal(t, MethodReset, reset.Method)
	assert.Equal(t, map[string]bool{"necessary": true, "stats": false}, reset.Categories)
	assert.Equal(t, "abc", reset.ID)
}

func TestProofBackoff(t *testing.T) {
	want := []time.Duration{0, 0, 30 * time.Second, 2 * time.Minute, 10 * time.Minute, time.Hour, 6 * time.Hour, 6 * time.Hour}
	for n, w := range want {
		assert.Equal(t, w, Backoff(n), "after %d failures", n)
	}
}

func TestProofOutcome(t *testing.T) {
	for status, want := range map[int]string{200: Acked, 201: Acked, 0: Retry, 403: Retry,
		429: Retry, 500: Retry, 503: Retry, 400: Dropped, 413: Dropped} {
		assert.Equal(t, want, Outcome(status), "status %d", status)
	}
}

func TestOutboxOrderBoundAndBackoff(t *testing.T) {
	var o Outbox
	for i := 0; i < OutboxMax+5; i++ {
		o.Add("k"+strconv.Itoa(i), "doc"+strconv.Itoa(i))
	}
	require.Len(t, o.Entries, OutboxMax)
	assert.Equal(t, "k5", o.Entries[0].Key, "beyond the bound the oldest go")
	o.Add("k5", "doc5 again")
	assert.Equal(t, "k6", o.Entries[0].Key, "a key added again moves to the end, once")
	assert.Len(t, o.Entries, OutboxMax)

	now := now
	e, ok := o.Due(now, false)
	require.True(t, ok)
	assert.Equal(t, "k6", e.Key, "oldest first")

	// The log is down: the next page retries at once, then with backoff.
	out, more := o.Result("k6", 0, now)
	assert.Equal(t, Retry, out)
	assert.False(t, more, "after a failure this page sends no more")
	_, ok = o.Due(now, false)
	assert.True(t, ok, "after one failure the next page sends again")
	o.Result("k6", 503, now)
	_, ok = o.Due(now.Add(29*time.Second), false)
	assert.False(t, ok, "after two failures: 30 s")
	_, ok = o.Due(now.Add(29*time.Second), true)
	assert.True(t, ok, "a new choice sends at once")
	e, ok = o.Due(now.Add(30*time.Second), false)
	assert.True(t, ok)
	assert.Equal(t, "k6", e.Key, "the failed one is still first")

	// Acknowledged: gone, the next follows, the backoff is over.
	out, more = o.Result("k6", 201, now)
	assert.Equal(t, Acked, out)
	assert.True(t, more)
	assert.Equal(t, 0, o.Failures)
	out, _ = o.Result("k7", 400, now)
	assert.Equal(t, Dropped, out, "a document the log will never take is not retried")
	assert.Equal(t, "k8", o.Entries[0].Key)

	// Stored and read back unchanged.
	o.Result("k8", 0, now)
	back := DecodeOutbox(o.Encode())
	assert.Equal(t, o, back)
}

func TestDecodeOutboxToleratesGarbage(t *testing.T) {
	for _, s := range []string{"", "x", "[]", `{"v":2,"entries":[{"key":"a","doc":"b"}]}`, `{"v":1,"entries":{}}`, `{"v":1,"next":-5,"entries":[1,{"key":1}]}`} {
		o := DecodeOutbox(s)
		assert.Empty(t, o.Entries, "%q", s)
	}
	var empty Outbox
	assert.Equal(t, "", empty.Encode())
}

var now = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)
