package e2e

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// lifeHead records pageshow and consent:change (testdata/site/life.js).
const lifeHead = `<script src="/site/life.js"></script>`

// lifeWait polls a JS condition until it is true, failing after d. It
// evaluates afresh each time (chromedp's Poll loses a page restored from
// the back/forward cache).
func lifeWait(t *testing.T, ctx context.Context, cond string, d time.Duration) {
	t.Helper()
	deadline := time.Now().Add(d)
	for {
		ok, err := chromedp.Run(ctx, chromedp.Evaluate[bool]("!!("+cond+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("not within %v: %s (%v)", d, cond, err)
		}
		time.Sleep(20 * time.Millisecond)
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
	eval[bool](t, ctx, `(window.__marker = "page one, still in memory", true)`)

	open(t, ctx, url+"?bf=1&n=2")
	eval[any](t, ctx, `window.consent.rejectAll()`)
	if eval[bool](t, ctx, `window.consent.accepted("statistics")`) {
		t.Fatal("page 2: statistics still accepted after Reject all")
	}

	do(t, ctx, chromedp.Evaluate[chromedp.Void](`history.back()`))
	lifeWait(t, ctx, `window.__marker === "page one, still in memory" && window.__pageshows.some((e) => e.persisted)`, 5*time.Second)
	bf.check(t)
	if typ := eval[string](t, ctx, `performance.getEntriesByType("navigation")[0].type`); typ != "navigate" {
		t.Errorf("navigation type %q: page 1 was loaded again, not restored", typ)
	}
	// Within a second of the restore, page 1 follows the refusal.
	lifeWait(t, ctx, `window.consent.accepted("statistics") === false`, time.Second)
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
