package e2e

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/security"
	"github.com/chromedp/chromedp"
)

// lifeHead records pageshow and consent:change (testdata/site/life.js).
const lifeHead = `<script src="/site/life.js"></script>`

// lifeWait polls a JS condition until it is true, failing after d. It
// evaluates afresh each time (chromedp's Poll loses a page restored from
// the back/forward cache).
func lifeWait(t *testing.T, ctx context.Context, cond string, d time.Duration) {
	t.Helper()
	if err := poll(ctx, cond, d); err != nil {
		state, _ := evalJSON(ctx, `JSON.stringify({record: window.consent && window.consent.get(), runs: window.__runs, changes: window.__changes && window.__changes.length, url: location.href})`)
		t.Fatalf("not within %v: %s (%v); the page: %s", d, cond, err, state)
	}
}

// bfcacheWatch collects the reasons Chromium gives for not using the
// back/forward cache.
type bfcacheWatch struct {
	mu      sync.Mutex
	reasons []string
}

func watchBFCache(ctx context.Context) *bfcacheWatch {
	w := &bfcacheWatch{}
	if tabOf(ctx) != nil {
		// Only Chromium says why; elsewhere the tests' marker (a value
		// kept in the page's memory) shows the restore.
		return w
	}
	_ = chromedp.Listen(ctx, func(ev any) {
		if e, ok := ev.(*page.EventBackForwardCacheNotUsed); ok {
			w.mu.Lock()
			defer w.mu.Unlock()
			for _, r := range e.NotRestoredExplanations {
				w.reasons = append(w.reasons, string(r.Reason)+" ("+string(r.Type)+")")
			}
			if len(e.NotRestoredExplanations) == 0 {
				w.reasons = append(w.reasons, "not restored")
			}
		}
	})
	return w
}

func (w *bfcacheWatch) check(t *testing.T) {
	t.Helper()
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.reasons) > 0 {
		t.Fatalf("the page was not restored from the back/forward cache: %s", strings.Join(w.reasons, ", "))
	}
}

// Accept on page 1, go to page 2, reject all there, press Back: page 1
// comes back from the back/forward cache and follows the refusal.
func TestLifeBackAfterAChoiceElsewhere(t *testing.T) {
	ctx := newTab(t)
	bf := watchBFCache(ctx)
	url := servePage(t, pageOpts{head: lifeHead})
	open(t, ctx, url+"?bf=1&n=1")
	eval[any](t, ctx, `window.consent.acceptAll()`)
	waitFor(t, ctx, `window.__runs.includes("stats") && document.querySelector("#map").getAttribute("src") !== null`)
	// Firefox keeps no page in the back/forward cache while one of its
	// requests is in flight: let the map's frame finish loading first.
	waitFor(t, ctx, `(() => { const d = document.querySelector("#map").contentDocument; return !!d && d.readyState === "complete" && d.URL.endsWith("/site/frame.html"); })()`)
	eval[bool](t, ctx, `(window.__marker = "page one, still in memory", true)`)

	open(t, ctx, url+"?bf=1&n=2")
	eval[any](t, ctx, `window.consent.rejectAll()`)
	if eval[bool](t, ctx, `window.consent.accepted("statistics")`) {
		t.Fatal("page 2: statistics still accepted after Reject all")
	}

	goBack(t, ctx)
	lifeWait(t, ctx, `window.__marker === "page one, still in memory" && window.__pageshows.some((e) => e.persisted)`, 5*time.Second)
	bf.check(t)
	// Firefox gives a restored page's navigation entry the type
	// back_forward; the marker above is what shows the restore there.
	if typ := eval[string](t, ctx, `performance.getEntriesByType("navigation")[0].type`); typ != "navigate" && engine != "firefox" {
		t.Errorf("navigation type %q: page 1 was loaded again, not restored", typ)
	}
	// Within a second of the restore, page 1 follows the refusal.
	lifeWait(t, ctx, `window.consent.accepted("statistics") === false`, 5*time.Second)
	// The restore's first event (visibilitychange or the Cookie Store's
	// change) may come just before pageshow.
	if d := eval[float64](t, ctx, `window.__changes.at(-1).at - window.__pageshows.find((e) => e.persisted).at`); d > 1000 || d < -1000 {
		t.Errorf("consent:change came %.0f ms from the restore's pageshow, want within a second", d)
	}
	if n := eval[int](t, ctx, `window.__changes.length`); n != 2 {
		t.Errorf("page 1 saw %d consent:change events, want 2 (its own acceptance, then the refusal from page 2)", n)
	}
	rec := getRecord(t, ctx)
	if rec == nil || rec.Method != "reject-all" || rec.Categories["media"] {
		t.Errorf("page 1's record after Back = %+v, want page 2's reject-all", rec)
	}
	if got := eval[string](t, ctx, `document.querySelector("#map").getAttribute("data-consent-state")`); got != "blocked" {
		t.Errorf("the map iframe is %q after Back, want blocked again", got)
	}
	lifeWait(t, ctx, `window.__runs.includes("nostats")`, 5*time.Second)
	cm := eval[string](t, ctx, `(() => { const u = window.dataLayer.filter((e) => e[0] === "consent" && e[1] === "update"); return u.length ? u[u.length - 1][2].analytics_storage : ""; })()`)
	if cm != "denied" {
		t.Errorf("the last Consent Mode update says analytics_storage %q, want denied", cm)
	}
	if n := eval[int](t, ctx, `document.cookie.split("; ").filter((c) => c.startsWith("_pk_")).length`); n != 0 {
		t.Errorf("%d refused Matomo cookies left after Back", n)
	}
}

// otherTab opens another tab in the browser context of ctx: the same
// cookie jar, as a visitor with two tabs of the site.
func otherTab(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	if tb := tabOf(ctx); tb != nil {
		s, err := tb.sibling(ctx)
		if err != nil {
			t.Fatalf("open a second tab: %v", err)
		}
		return withTab(t, s)
	}
	c, cancel := chromedp.NewContext(ctx)
	t.Cleanup(cancel)
	if err := chromedp.Do(c); err != nil {
		t.Fatalf("open a second tab: %v", err)
	}
	return c
}

// goBack goes one entry back in the tab's history, in any engine.
func goBack(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := tabFor(ctx).back(ctx); err != nil {
		t.Fatalf("back: %v", err)
	}
}

// ignoreCertErrors makes the tab accept the test server's certificate
// (the WebDriver engines accept it from the session's start).
func ignoreCertErrors(t *testing.T, ctx context.Context) {
	t.Helper()
	if tabOf(ctx) != nil {
		return
	}
	if _, err := chromedp.CallBrowser(ctx, security.SetIgnoreCertificateErrors, security.SetIgnoreCertificateErrorsParams{Ignore: true}); err != nil {
		t.Fatalf("ignore certificate errors: %v", err)
	}
}

// Two tabs of the site: a choice in either holds in the other within a
// second, acceptance and withdrawal alike.
func TestLifeTwoTabs(t *testing.T) {
	a := newTab(t)
	url := servePage(t, pageOpts{head: lifeHead})
	open(t, a, url)
	b := otherTab(t, a)
	open(t, b, url)
	if !visible(t, b, "#consent-banner") {
		t.Fatal("tab B shows no banner on a first visit")
	}
	eval[bool](t, b, `(window.__marker = "B", true)`)

	// Accept in A: B opens its gates, drops its banner, fires consent:change
	// within a second (timed in the pages, not by this test's polling).
	chosen := eval[float64](t, a, `window.consent.acceptAll().then(() => Date.now())`)
	lifeWait(t, b, `window.consent.accepted("statistics") === true && window.__runs.includes("stats")`, 5*time.Second)
	lifeWait(t, b, `document.querySelector("#map").getAttribute("data-consent-state") === "live"`, 5*time.Second)
	if d := eval[float64](t, b, `window.__changes.at(-1).wall`) - chosen; d > 1000 {
		t.Errorf("tab B followed %.0f ms after the choice in tab A, want within a second", d)
	}
	if visible(t, b, "#consent-banner") {
		t.Error("tab B still shows the banner after a choice in tab A")
	}
	if got := eval[string](t, b, `window.__changes.at(-1).record.id`); got != getRecord(t, a).ID {
		t.Errorf("tab B's consent:change names record %q, want tab A's %q", got, getRecord(t, a).ID)
	}

	// Withdraw in B: A follows, its iframe shut again and the refused
	// cookies gone; without reloadOnWithdraw nobody reloads.
	eval[bool](t, a, `(window.__marker = "A", true)`)
	chosen = eval[float64](t, b, `window.consent.rejectAll().then(() => Date.now())`)
	lifeWait(t, a, `window.consent.accepted("statistics") === false && window.consent.get().method === "reject-all"`, 5*time.Second)
	lifeWait(t, a, `document.querySelector("#map").getAttribute("data-consent-state") === "blocked"`, 5*time.Second)
	if d := eval[float64](t, a, `window.__changes.at(-1).wall`) - chosen; d > 1000 {
		t.Errorf("tab A followed %.0f ms after the withdrawal in tab B, want within a second", d)
	}
	if got := eval[string](t, a, `window.__marker || ""`); got != "A" {
		t.Errorf("tab A reloaded without reloadOnWithdraw")
	}
	if n := eval[int](t, a, `document.cookie.split("; ").filter((c) => c.startsWith("_pk_")).length`); n != 0 {
		t.Errorf("%d refused Matomo cookies left in tab A", n)
	}
	cm := eval[string](t, a, `(() => { const u = window.dataLayer.filter((e) => e[0] === "consent" && e[1] === "update"); return u.length ? u[u.length - 1][2].analytics_storage : ""; })()`)
	if cm != "denied" {
		t.Errorf("tab A's last Consent Mode update says analytics_storage %q, want denied", cm)
	}
}

// With reloadOnWithdraw, a tab whose statistics script ran reloads when
// another tab withdraws the consent: a script that ran cannot be un-run.
func TestLifeWithdrawalElsewhereReloads(t *testing.T) {
	basic, err := readFile("policies/basic.json")
	if err != nil {
		t.Fatal(err)
	}
	pol := servePolicy(t, "life-reload.json", strings.Replace(basic, `"revision": 1,`, `"revision": 1, "reloadOnWithdraw": true,`, 1))
	url := servePage(t, pageOpts{head: lifeHead, policy: pol})
	a := newTab(t)
	open(t, a, url)
	eval[any](t, a, `window.consent.acceptAll()`)
	b := otherTab(t, a)
	open(t, b, url)
	lifeWait(t, b, `window.__runs.includes("stats")`, 5*time.Second)
	eval[bool](t, b, `(window.__marker = "B", true)`)
	eval[any](t, a, `window.consent.rejectAll()`)
	lifeWait(t, b, `!window.__marker && !!window.consent && window.consent.get() !== null && window.consent.accepted("statistics") === false`, 5*time.Second)
	lifeWait(t, b, `window.__runs.includes("nostats")`, 5*time.Second)
	if got := eval[[]string](t, b, `window.__runs.slice()`); len(got) != 1 || got[0] != "nostats" {
		t.Errorf("tab B after its reload ran %v, want only the refusal's script", got)
	}
}
