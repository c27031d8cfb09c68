package e2e

// The stored choice (docs/api.md#the-stored-choice): the consent cookie's attributes and
// value, what counts as no choice, and its lifecycle (other tabs, Back,
// renewal, a cookie that cannot be written).

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContract_3_Record_cookieAttributes: the consent cookie is written
// with Path, SameSite, Max-Age, and Secure on https (not on http).
func TestContract_3_Record_cookieAttributes(t *testing.T) {
	u := cPage(t, cPolicy(t, nil), pageOpts{})
	ctx := cOpen(t, u)
	eval[any](t, ctx, `consent.rejectAll()`)
	c := settledCookie(t, ctx, "cookies_preferences", func(c *jarEntry) bool { return c != nil })
	require.NotNil(t, c)
	assert.False(t, c.Secure, "not Secure on http")
	// SameSite=None needs Secure, or browsers drop the cookie.
	cPolicy(t, map[string]any{"consentCookie": map[string]any{"sameSite": "None"}})
	open(t, ctx, u)
	eval[any](t, ctx, `consent.acceptAll()`)
	if engine == "webkit" {
		// WebKit takes no Secure cookie from http://127.0.0.1 (Chromium
		// and Firefox count it a secure origin): the page says why.
		assert.Contains(t, cError(t, ctx), "needs https", "SameSite=None on http is refused, and said so")
	} else {
		c = settledCookie(t, ctx, "cookies_preferences", func(c *jarEntry) bool { return c != nil && c.SameSite == "None" })
		require.NotNil(t, c)
		assert.Equal(t, "None", c.SameSite)
		assert.True(t, c.Secure, "SameSite=None is written Secure")
	}

	ctx = newTab(t)
	ignoreCertErrors(t, ctx)
	open(t, ctx, cPageAt(t, "https", cPolicy(t, nil), pageOpts{}))
	require.True(t, bannerShown(t, ctx))
	eval[any](t, ctx, `consent.rejectAll()`)
	c = settledCookie(t, ctx, "cookies_preferences", func(c *jarEntry) bool { return c != nil })
	require.NotNil(t, c)
	assert.True(t, c.Secure, "Secure on https")
	assert.Equal(t, "/", c.Path)
	assert.Equal(t, "Lax", c.SameSite)
	assertDays(t, c, 182)
}

// TestContract_3_Record_value: the value is compact and versioned and
// holds the revision, the time, the consent id, the method and every
// category's and service's choice: policy.DecodeRecord reads back what
// consent.get() says.
func TestContract_3_Record_value(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	eval[any](t, ctx, `consent.set({categories: {statistics: true}, services: {ga: false}})`)
	rec := getRecord(t, ctx)
	value := cookieValue(t, ctx, "cookies_preferences")
	assert.Less(t, len(value), 80, "compact: %q", value)
	assert.True(t, strings.HasPrefix(value, policy.RecordVersion+"."), "versioned: %q", value)
	p, err := policy.Parse([]byte(contractPolicy))
	require.NoError(t, err)
	dec, err := policy.DecodeRecord(p, value, time.Now())
	require.NoError(t, err)
	assert.Equal(t, rec.ID, dec.ID)
	assert.Equal(t, rec.Revision, dec.Revision)
	assert.Equal(t, rec.Timestamp, dec.Timestamp)
	assert.Equal(t, "api", dec.Method)
	assert.Equal(t, rec.Categories, dec.Categories)
	assert.Equal(t, rec.Services, dec.Services)
	assert.Equal(t, map[string]bool{"site": true, "matomo": true, "ga": false, "osm": false, "video": false}, rec.Services)
}

// TestContract_3_Record_noChoice: a value that does not decode, or whose
// revision or age is out of date, is no choice at all: the banner shows
// and nothing optional runs. A current one is the choice.
func TestContract_3_Record_noChoice(t *testing.T) {
	p, err := policy.Parse([]byte(contractPolicy))
	require.NoError(t, err)
	enc := func(mod func(*policy.Record), at time.Time) string {
		r := policy.NewRecord(p, nil, policy.AcceptAllChoice(p), policy.MethodAcceptAll, "AbCdEfGhIjKlMnOpQrStUv", at)
		if mod != nil {
			mod(r)
		}
		return policy.EncodeRecord(p, r)
	}
	body := `<script type="text/plain" data-category="statistics">window.__runs.push("stats")</script>`
	u := cPage(t, cPolicy(t, nil), pageOpts{body: body})
	ctx := newTab(t)
	for name, value := range map[string]string{
		"garbage":        "not-a-record",
		"other revision": enc(func(r *policy.Record) { r.Revision = 2 }, time.Now()),
		"expired":        enc(nil, time.Now().Add(-183*24*time.Hour)),
		"future":         enc(nil, time.Now().Add(48*time.Hour)),
	} {
		plantAt(t, ctx, u, "cookies_preferences", value)
		open(t, ctx, u)
		assert.Nil(t, getRecord(t, ctx), name)
		assert.True(t, bannerShown(t, ctx), name)
		assert.Empty(t, runs(t, ctx), name)
	}
	plantAt(t, ctx, u, "cookies_preferences", enc(nil, time.Now().Add(-181*24*time.Hour)))
	open(t, ctx, u)
	require.NotNil(t, getRecord(t, ctx), "a record within maxAgeDays is the choice")
	assert.Equal(t, "AbCdEfGhIjKlMnOpQrStUv", getRecord(t, ctx).ID)
	assert.False(t, bannerShown(t, ctx))
	waitFor(t, ctx, `window.__runs.includes("stats")`)
}

// secondTab opens another tab in the same browser context (the same
// cookie jar), as a visitor with two tabs of the site.
func secondTab(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	return otherTab(t, ctx)
}

// TestContract_3_Record_otherTabs: a choice made in one tab holds in every
// other open tab of the site within a second: record, gates and
// consent:change.
func TestContract_3_Record_otherTabs(t *testing.T) {
	body := `<script type="text/plain" data-category="statistics">window.__runs.push("stats")</script>`
	u := cPage(t, cPolicy(t, nil), pageOpts{body: body})
	a := cOpen(t, u)
	b := secondTab(t, a)
	open(t, b, u)
	eval[any](t, a, `consent.set({categories: {statistics: true}})`)
	id := getRecord(t, a).ID
	waitWithin(t, b, time.Second, `consent.get() !== null && consent.get().categories.statistics === true`)
	assert.Equal(t, id, getRecord(t, b).ID)
	waitWithin(t, b, time.Second, `window.__runs.includes("stats")`)
	assert.NotEmpty(t, cEvents(t, b, "consent:change"), "the other tab hears consent:change")
	assert.False(t, bannerShown(t, b), "the other tab's banner goes")

	eval[any](t, b, `consent.reset()`)
	waitWithin(t, a, time.Second, `consent.get() === null`)
}

// TestContract_3_Record_backForwardCache: a page restored by Back follows
// a choice made after it was left, and stays eligible for the
// back/forward cache.
func TestContract_3_Record_backForwardCache(t *testing.T) {
	pol := cPolicy(t, nil)
	// ?bf=1: served without no-store, which keeps a page out of the cache.
	a := cPage(t, pol, pageOpts{body: `<p>a page of the site</p>`}) + "?bf=1"
	b := alias(a, "_b")
	ctx := newTab(t)
	bf := watchBFCache(ctx)
	open(t, ctx, a)
	eval[any](t, ctx, `consent.rejectAll().then(() => { window.__marker = "A"; })`)
	open(t, ctx, b)
	eval[any](t, ctx, `consent.acceptAll()`)
	goBack(t, ctx)
	lifeWait(t, ctx, `window.__marker === "A"`, 5*time.Second)
	bf.check(t)
	lifeWait(t, ctx, `consent.get() !== null && consent.get().method === "accept-all"`, time.Second)
	assert.NotEmpty(t, cEvents(t, ctx, "consent:change"))
}

// TestContract_3_Record_renewedEachVisit: each visit rewrites the cookie
// with the same record and its remaining lifetime, so a browser that caps
// script-written cookies (Safari: 7 days) keeps the choice.
func TestContract_3_Record_renewedEachVisit(t *testing.T) {
	u := cPage(t, cPolicy(t, nil), pageOpts{})
	ctx := cOpen(t, u)
	eval[any](t, ctx, `consent.rejectAll()`)
	rec := getRecord(t, ctx)
	value := cookieValue(t, ctx, "cookies_preferences")
	// What Safari does to a script-written cookie: 7 days at most.
	capped := float64(time.Now().Add(7 * 24 * time.Hour).Unix())
	setJarCookie(t, ctx, u, jarEntry{Name: "cookies_preferences", Value: value, Path: "/", Expires: capped, SameSite: "Lax"})
	open(t, ctx, u)
	want := float64(rec.Timestamp/1000 + 182*24*3600)
	c := settledCookie(t, ctx, "cookies_preferences", func(c *jarEntry) bool { return c != nil && c.Expires > want-120 })
	require.NotNil(t, c)
	assert.Equal(t, value, c.Value, "the same record")
	assert.InDelta(t, want, c.Expires, 120, "its remaining lifetime: 182 days from the choice")
}

// TestContract_3_Record_unwritable: a consent cookie the script cannot
// write gives a consent:error that names the cause.
func TestContract_3_Record_unwritable(t *testing.T) {
	// A domain the host is not under.
	pol := cPolicy(t, map[string]any{"consentCookie": map[string]any{"domain": "other.test"}})
	ctx := cOpen(t, cPageAt(t, "www.example.test", pol, pageOpts{}))
	eval[any](t, ctx, `consent.rejectAll()`)
	assert.Contains(t, cError(t, ctx), "other.test")

	// An HttpOnly cookie of the same name, set by the server.
	lacks(t, "a way for a page to see that the jar refused its write over an HttpOnly cookie "+
		"(document.cookie, read right after, shows the refused value: the page's process cannot see HttpOnly cookies)", "firefox", "webkit")
	u := cPage(t, cPolicy(t, nil), pageOpts{})
	ctx = newTab(t)
	setJarCookie(t, ctx, u, jarEntry{Name: "cookies_preferences", Value: "x", Path: "/", HTTPOnly: true})
	open(t, ctx, u)
	eval[any](t, ctx, `consent.rejectAll()`)
	assert.Contains(t, strings.ToLower(cError(t, ctx)), "httponly")
}

// waitWithin polls a JS condition for at most d.
func waitWithin(t *testing.T, ctx context.Context, d time.Duration, cond string) {
	t.Helper()
	if err := poll(ctx, cond, d); err != nil {
		t.Fatalf("within %v: %s: %v", d, cond, err)
	}
}

// alias serves the page at u under a second URL too, and returns it.
func alias(u, suffix string) string {
	b := strings.Replace(u, ".html", suffix+".html", 1)
	path, _, _ := strings.Cut(strings.TrimPrefix(u, cSrv.URL), "?")
	pagesMu.Lock()
	pages[strings.Replace(path, ".html", suffix+".html", 1)] = pages[path]
	pagesMu.Unlock()
	return b
}
