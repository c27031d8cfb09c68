package e2e

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rulesBody is standardBody with category-level scripts: they run only
// when the whole category is accepted.
const rulesBody = standardBody + `
<script type="text/plain" data-category="statistics">window.__runs.push("statcat")</script>
<script type="text/plain" data-category="media">window.__runs.push("mediacat")</script>
`

// lastConsentUpdate is the last Consent Mode update pushed.
const lastConsentUpdate = `(() => { const e = [...window.dataLayer].reverse().find((e) => e[0] === "consent" && e[1] === "update"); return e ? JSON.stringify(e[2]) : ""; })()`

// Opening the dialog and pressing Save without a touch records exactly
// the choice it opened with: accepting matomo (the only service of
// statistics) and osm (one of media's two) through the API does not
// become an acceptance of their categories.
func TestSaveWithoutTouchingKeepsTheChoice(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{body: rulesBody}))
	before := eval[record](t, ctx, `window.consent.set({services: {matomo: true, osm: true}})`)
	require.False(t, before.Categories["statistics"])
	require.False(t, before.Categories["media"])
	waitFor(t, ctx, `window.__runs.includes("stats") && window.__runs.includes("nostats")`)
	runsBefore := runs(t, ctx)
	cmBefore := eval[string](t, ctx, lastConsentUpdate)

	eval[any](t, ctx, `window.consent.showPreferences()`)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	sw := eval[map[string][]bool](t, ctx, `(() => {
		const out = {};
		for (const i of document.querySelectorAll("#consent-preferences input.cc-switch-input")) {
			out[i.getAttribute("data-category") || i.getAttribute("data-service")] = [i.checked, i.indeterminate];
		}
		return out;
	})()`)
	assert.Equal(t, []bool{false, true}, sw["statistics"], "statistics is drawn partly on: its service is, the category is not")
	assert.Equal(t, []bool{false, true}, sw["media"], "media is drawn partly on")
	assert.Equal(t, []bool{true, false}, sw["matomo"])
	assert.Equal(t, []bool{true, false}, sw["osm"])
	assert.Equal(t, []bool{false, false}, sw["video"])

	click(t, ctx, `#consent-preferences [data-consent-action="save"]`)
	waitFor(t, ctx, `window.consent.get().method === "custom"`)
	after := getRecord(t, ctx)
	assert.Equal(t, before.Categories, after.Categories, "Save widened the categories")
	assert.Equal(t, before.Services, after.Services)
	assert.Equal(t, runsBefore, runs(t, ctx), "no category gate opened")
	assert.Equal(t, cmBefore, eval[string](t, ctx, lastConsentUpdate), "Consent Mode is unchanged")
}

// A touch is drawn from Go's answer: switching on media's two services
// one by one accepts the category; switching one off again refuses it.
func TestDialogTouchesAreDrawnByGo(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{body: rulesBody}))
	eval[any](t, ctx, `window.consent.showPreferences()`)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)
	eval[any](t, ctx, `(() => { for (const b of document.querySelectorAll('#consent-preferences button[aria-expanded="false"]')) b.click(); })()`)
	state := func() []any {
		return eval[[]any](t, ctx, `(() => { const i = document.querySelector('#consent-preferences input[data-category="media"]');
			return [i.checked, i.indeterminate, i.parentNode.querySelector(".cc-switch-state").textContent]; })()`)
	}
	click(t, ctx, `#consent-preferences input[data-service="osm"]`)
	assert.Equal(t, []any{false, true, "Partly on"}, state(), "one of two services: partly on, in words")
	click(t, ctx, `#consent-preferences input[data-service="video"]`)
	assert.Equal(t, []any{true, false, "On"}, state(), "both services: the category is on")
	click(t, ctx, `#consent-preferences input[data-service="video"]`)
	assert.Equal(t, []any{false, true, "Partly on"}, state())
	assert.True(t, eval[bool](t, ctx, `document.activeElement.matches('#consent-preferences input[data-service="video"]')`), "focus stays on the touched switch")
	click(t, ctx, `#consent-preferences [data-consent-action="save"]`)
	waitFor(t, ctx, `!!window.consent.get()`)
	rec := getRecord(t, ctx)
	assert.False(t, rec.Categories["media"])
	assert.True(t, rec.Services["osm"])
	assert.False(t, rec.Services["video"])
	assert.NotContains(t, runs(t, ctx), "mediacat")
}

// From the moment consent.js runs until the stored choice is known,
// get() answers null and accepted() false: neither throws, also in the
// task between the runtime's start and the policy's first run.
func TestSyncAPINeverThrowsWhileStarting(t *testing.T) {
	ctx := newTab(t)
	poll := `<script>
window.__throws = [];
window.__answers = 0;
(() => {
  const ch = new MessageChannel();
  let n = 0;
  ch.port1.onmessage = () => {
    if (!window.consent) {
      ch.port2.postMessage(null);
      return;
    }
    try {
      const g = window.consent.get();
      const a = window.consent.accepted("statistics");
      const m = window.consent.accepted("media", "osm");
      if (g !== null || a !== false || m !== false) window.__throws.push("answered " + JSON.stringify([g, a, m]));
      window.__answers++;
    } catch (e) {
      window.__throws.push(String(e));
    }
    if (++n < 100000 && !window.__ready) ch.port2.postMessage(null);
  };
  window.addEventListener("consent:ready", () => { window.__ready = true; });
  ch.port2.postMessage(null);
})();
</script>`
	open(t, ctx, servePage(t, pageOpts{after: poll}))
	assert.Empty(t, eval[[]string](t, ctx, `window.__throws`))
	assert.Greater(t, eval[int](t, ctx, `window.__answers`), 0)

	// Wrong argument types and unknown ids throw TypeError.
	for _, js := range []string{`window.consent.accepted(5)`, `window.consent.accepted("statistics", 7)`, `window.consent.accepted("nope")`, `window.consent.accepted("statistics", "osm")`} {
		assert.Contains(t, evalErr(t, ctx, js), "TypeError", js)
	}
}

// reset() and a GPC refusal are new choices: consent:change fires.
func TestChangeFiresForResetAndGPC(t *testing.T) {
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{}))
	eval[any](t, ctx, `window.consent.acceptAll()`)
	eval[any](t, ctx, `window.consent.reset()`)
	last := eval[map[string]any](t, ctx, `window.__events.filter((e) => e.type === "consent:change").pop().detail`)
	assert.Nil(t, last["record"], "reset announces a null record")
	changed := last["changed"].(map[string]any)
	assert.ElementsMatch(t, []any{"necessary", "statistics", "media"}, changed["categories"])

	ctx = newTab(t)
	gpc := `<script>Object.defineProperty(Navigator.prototype, "globalPrivacyControl", { get: () => true, configurable: true });</script>`
	open(t, ctx, servePage(t, pageOpts{head: gpc}))
	rec := getRecord(t, ctx)
	require.NotNil(t, rec)
	assert.Equal(t, "gpc", rec.Method)
	ch := eval[map[string]any](t, ctx, `(window.__events.find((e) => e.type === "consent:change") || {}).detail || null`)
	require.NotNil(t, ch, "the GPC refusal fires consent:change")
	assert.Equal(t, "gpc", ch["record"].(map[string]any)["method"])
}
