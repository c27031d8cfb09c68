package policy

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A visitor's later choices keep the consent id of the first, so that the
// consent log holds one history per visitor (CONTRACT §5). Before, every
// choice made a new id.
func TestNewRecordKeepsTheConsentID(t *testing.T) {
	p := recTestPolicy()
	first := NewRecord(p, nil, AcceptAllChoice(p), MethodAcceptAll, "first-id", recNow)
	second := NewRecord(p, first, RejectAllChoice(p), MethodRejectAll, "other-id", recNow.Add(time.Minute))
	assert.Equal(t, "first-id", second.ID)
	assert.Equal(t, MethodRejectAll, second.Method)
}

// A raised revision makes the stored choice invalid, but the visitor is the
// same: the next choice keeps the id found in the stale cookie.
func TestKeptConsentIDAcrossARaisedRevision(t *testing.T) {
	old := recTestPolicy()
	r := NewRecord(old, nil, AcceptAllChoice(old), MethodAcceptAll, "visitor-1", recNow)
	cookie := CookiePair{Name: DefaultConsentCookieName, Value: EncodeRecord(old, r)}
	raised := recTestPolicy()
	raised.Revision = 5
	_, err := FindConsent(raised, []CookiePair{cookie}, recNow)
	require.Error(t, err, "the old revision's choice is no choice")
	assert.Equal(t, "visitor-1", KeptConsentID(raised, nil, []CookiePair{{"other", "1.0.0.x.a.."}, cookie}))
	assert.Equal(t, "", KeptConsentID(raised, nil, []CookiePair{{DefaultConsentCookieName, "garbage"}}))
	assert.Equal(t, "", KeptConsentID(raised, nil, []CookiePair{{DefaultConsentCookieName, "1.4.x.bad id!.a.."}}))
	assert.Equal(t, "", KeptConsentID(raised, nil, nil), "after reset() the cookie is gone: a new id")
	assert.Equal(t, "prev", KeptConsentID(raised, &Record{ID: "prev"}, []CookiePair{cookie}))

	// Decide's GPC refusal keeps it too.
	plan := Decide(raised, Env{Host: "example.org", Path: "/", Now: recNow, GPC: true, Cookies: []CookiePair{cookie}},
		func() string { return "fresh" })
	assert.Equal(t, "visitor-1", plan.Record.ID)
}

func TestProofDocument(t *testing.T) {
	p := &Policy{Revision: 3, Categories: []Category{{ID: "necessary", Required: true}, {ID: "stats"}},
		Services: []Service{{ID: "matomo", Category: "stats"}}}
	r := NewRecord(p, nil, AcceptAllChoice(p), MethodAcceptAll, "abc", recNow)
	doc := ProofDocument(p, r, strings.Repeat("0f", 32), ProofPage{
		Origin: "https://shop.example", Path: "/checkout?user=me#top", Language: "de", GPC: true})
	want := `{"version":1,"record":{"id":"abc","revision":3,"timestamp":` + strconv.FormatInt(recNow.UnixMilli(), 10) +
		`,"method":"accept-all","categories":{"necessary":true,"stats":true},"services":{"matomo":true}},` +
		`"policy":{"revision":3,"sha256":"` + strings.Repeat("0f", 32) + `"},` +
		`"page":{"origin":"https://shop.example","path":"/checkout"},"language":"de","gpc":true}`
	assert.Equal(t, want, doc, "the query and fragment never leave the page")

	reset := ResetRecord(p, "abc", recNow)
	assert.Equal(t, MethodReset, reset.Method)
	assert.Equal(t, map[string]bool{"necessary": true, "stats": false}, reset.Categories)
	assert.Equal(t, "abc", reset.ID)
}

func TestProofBackoff(t *testing.T) {
	want := []time.Duration{0, 0, 30 * time.Second, 2 * time.Minute, 10 * time.Minute, time.Hour, 6 * time.Hour, 6 * time.Hour}
	for n, w := range want {
		assert.Equal(t, w, ProofBackoff(n), "after %d failures", n)
	}
}

func TestProofOutcome(t *testing.T) {
	for status, want := range map[int]string{200: ProofAcked, 201: ProofAcked, 0: ProofRetry, 403: ProofRetry,
		429: ProofRetry, 500: ProofRetry, 503: ProofRetry, 400: ProofDropped, 413: ProofDropped} {
		assert.Equal(t, want, ProofOutcome(status), "status %d", status)
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

	now := recNow
	e, ok := o.Due(now, false)
	require.True(t, ok)
	assert.Equal(t, "k6", e.Key, "oldest first")

	// The log is down: the next page retries at once, then with backoff.
	out, more := o.Result("k6", 0, now)
	assert.Equal(t, ProofRetry, out)
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
	assert.Equal(t, ProofAcked, out)
	assert.True(t, more)
	assert.Equal(t, 0, o.Failures)
	out, _ = o.Result("k7", 400, now)
	assert.Equal(t, ProofDropped, out, "a document the log will never take is not retried")
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
