package e2e

// Withdrawal that holds for the whole page view (issue 21).

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
)

// TestWithdrawBackLeavesThePage: closing a live iframe, object or embed
// adds no entry to the tab's session history. Accept all, go to a second
// page, Reject all there, press Back: the tab goes back to the first page
// and nothing refused is requested again.
func TestWithdrawBackLeavesThePage(t *testing.T) {
	ctx := newTab(t)
	run := strconv.FormatInt(time.Now().UnixNano(), 36) // hits are counted by URL, across -count runs
	frame, obj, emb := "/enforce/embed.html?f"+run, "/enforce/embed.html?o"+run, "/enforce/embed.html?e"+run
	body := `<h1>Embeds</h1>
<iframe id="f" data-category="media" data-service="osm" data-src="` + frame + `" width="300" height="150" title="Map"></iframe>
<object id="o" data-category="media" data-service="osm" data-src="` + obj + `" type="text/html" width="300" height="150"></object>
<embed id="e" data-category="media" data-service="osm" data-src="` + emb + `" type="text/html" width="300" height="150">
`
	pol := enforcePolicy(t, nil)
	firstPath, secondPath := "/withdraw/first-"+run+".html", "/withdraw/second-"+run+".html"
	first := enforcePage(t, "", firstPath, pageOpts{policy: pol, body: body})
	second := enforcePage(t, "", secondPath, pageOpts{policy: pol, body: body})
	loaded := `["f", "o"].every((id) => { const d = document.getElementById(id).contentDocument; return !!(d && d.getElementById("embedded")); })`

	open(t, ctx, first)
	eval[any](t, ctx, `consent.acceptAll()`)
	waitFor(t, ctx, loaded)
	waitHits(t, emb, 1)
	open(t, ctx, second)
	waitFor(t, ctx, loaded)
	waitHits(t, emb, 2)
	want := map[string]int{frame: hitCount(frame), obj: hitCount(obj), emb: hitCount(emb)}
	for u, n := range want {
		assert.Equal(t, 2, n, "%s was loaded once on each page", u)
	}

	before := eval[int](t, ctx, `history.length`)
	eval[any](t, ctx, `consent.rejectAll()`)
	waitFor(t, ctx, `["f", "o", "e"].every((id) => document.getElementById(id).getAttribute("data-consent-state") === "blocked")`)
	assert.True(t, eval[bool](t, ctx, `["f", "o", "e"].every((id) => { const el = document.getElementById(id); return !el.hasAttribute("src") && !el.hasAttribute("data"); })`), "a closed embed has no source")
	assert.Equal(t, before, eval[int](t, ctx, `history.length`), "closing the embeds added history entries")
	assert.Equal(t, frame, eval[string](t, ctx, `document.getElementById("f").getAttribute("data-src")`), "the closed iframe keeps its data-src")

	eval[any](t, ctx, `history.back()`)
	waitPath(t, ctx, firstPath)
	waitSettled(t, ctx)
	waitFor(t, ctx, `document.getElementById("f").getAttribute("data-consent-state") === "blocked"`)
	for u, n := range want {
		assert.Equal(t, n, hitCount(u), "Back after the withdrawal requested the refused %s again", u)
	}
}

// waitHits waits until path?query has been requested n times.
func waitHits(t *testing.T, pathQuery string, n int) {
	t.Helper()
	for end := time.Now().Add(10 * time.Second); hitCount(pathQuery) < n; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(end) {
			t.Fatalf("%s was requested %d times, want %d", pathQuery, hitCount(pathQuery), n)
		}
	}
}

// waitPath waits until the tab shows path, across the navigation.
func waitPath(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	got := ""
	for end := time.Now().Add(10 * time.Second); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname`))
		if err == nil {
			if got = v; got == path {
				return
			}
		}
	}
	t.Fatalf("the tab shows %s, want %s", got, path)
}

// TestWithdrawRefusedCookieDeletedWhenItReappears: a tracker that already
// ran re-creates _ga every 300 ms after Reject all. With the Cookie
// Store's change event, the cookie never survives to the tracker's next
// write; without it (the event hidden), the timer deletes it within about
// a second: never more than a few writes in a row.
func TestWithdrawRefusedCookieDeletedWhenItReappears(t *testing.T) {
	for _, tc := range []struct {
		name, head string
		writes     int
		maxRun     int
	}{
		{"cookieStore", "", 10, 0},
		{"timer", `<script>Object.defineProperty(window, "cookieStore", {value: undefined, configurable: true});</script>`, 20, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := newTab(t)
			u := enforcePage(t, "", "", pageOpts{policy: enforcePolicy(t, nil), head: tc.head + `<script src="/enforce/ga-loop.js"></script>`, body: `<h1>Tracker</h1>`})
			open(t, ctx, u)
			eval[any](t, ctx, `consent.rejectAll().then(() => { window.__gaCount = true; })`)
			waitFor(t, ctx, `window.__gaSets >= `+strconv.Itoa(tc.writes))
			survived := eval[int](t, ctx, `window.__gaSurvived`)
			run := eval[int](t, ctx, `window.__gaMaxRun`)
			if tc.maxRun == 0 {
				assert.Equal(t, 0, survived, "_ga was still there at %d of the tracker's %d writes after Reject all", survived, tc.writes)
			} else {
				assert.LessOrEqual(t, run, tc.maxRun, "_ga outlived %d of the tracker's writes in a row (300 ms apart) after Reject all", run)
			}
		})
	}
}

// TestWithdrawTwoTabsRaceEndsInTheLaterChoice: tab A accepted all and
// follows no other tab (its channel, Cookie Store and visibility hidden,
// as for a tab whose events have not arrived yet). Tab B rejects all,
// then tab A's code calls set({statistics: true}): the later choice holds,
// made on top of B's refusal, in the cookie and in both tabs.
func TestWithdrawTwoTabsRaceEndsInTheLaterChoice(t *testing.T) {
	deaf := `<script>
window.BroadcastChannel = undefined;
Object.defineProperty(window, "cookieStore", {value: undefined, configurable: true});
Object.defineProperty(document, "visibilityState", {value: "hidden", configurable: true});
</script>`
	pol := enforcePolicy(t, nil)
	ua := enforcePage(t, "", "/withdraw/race-a.html", pageOpts{policy: pol, head: deaf, body: `<h1>A</h1>`})
	ub := enforcePage(t, "", "/withdraw/race-b.html", pageOpts{policy: pol, body: `<h1>B</h1>`})
	a := newTab(t)
	open(t, a, ua)
	eval[any](t, a, `consent.acceptAll()`)
	b := otherTab(t, a)
	open(t, b, ub)
	if !eval[bool](t, b, `consent.accepted("media")`) {
		t.Fatal("tab B did not load tab A's acceptance")
	}
	eval[any](t, b, `consent.rejectAll()`)
	got := eval[*record](t, a, `consent.set({categories: {statistics: true}})`)
	assert.False(t, got.Categories["media"], "tab A's set() brought back media, which tab B refused")
	assert.True(t, got.Categories["statistics"])
	assert.False(t, eval[bool](t, a, `consent.accepted("media")`))
	// Tab B follows the later choice.
	waitFor(t, b, `consent.get().timestamp === `+strconv.FormatInt(got.Timestamp, 10)+` && consent.accepted("statistics") && !consent.accepted("media")`)
}
