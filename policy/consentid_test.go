package policy

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A visitor's later choices keep the consent id of the first, so that the
// consent log holds one history per visitor (docs/api.md#windowconsent). Before, every
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
