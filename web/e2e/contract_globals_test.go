package e2e

import (
	"sort"
	"testing"
)

// TestContract_1_NoLeakedGlobals: consent.js adds no global but window.consent (and
// dataLayer for Consent Mode): Go's wasm_exec.js keeps fs, process, path
// and Go to itself, so that site code of the common form
// `typeof process !== "undefined" && process.env.NODE_ENV` keeps working.
func TestContract_1_NoLeakedGlobals(t *testing.T) {
	head := `<script>
window.__before = Object.getOwnPropertyNames(window);
window.__typesBefore = [typeof process, typeof fs, typeof path, typeof Go].join();
</script>`
	after := `<script>
window.__nodeEnv = "unset";
window.addEventListener("consent:ready", () => {
  try {
    window.__nodeEnv = String(typeof process !== "undefined" && process.env.NODE_ENV);
  } catch (e) {
    window.__nodeEnv = "threw: " + e.message;
  }
});
</script>`
	ctx := newTab(t)
	open(t, ctx, servePage(t, pageOpts{head: head, after: after}))
	if got := eval[string](t, ctx, `window.__typesBefore`); got != "undefined,undefined,undefined,undefined" {
		t.Fatalf("before consent.js: typeof process, fs, path, Go = %s", got)
	}
	if got := eval[string](t, ctx, `[typeof process, typeof fs, typeof path, typeof Go].join()`); got != "undefined,undefined,undefined,undefined" {
		t.Errorf("after consent.js started: typeof process, fs, path, Go = %s, want all undefined", got)
	}
	if got := eval[string](t, ctx, `window.__nodeEnv`); got != "false" {
		t.Errorf("site code `typeof process !== \"undefined\" && process.env.NODE_ENV` gave %q, want false", got)
	}
	added := eval[[]string](t, ctx, `(() => { const b = new Set(window.__before); return Object.getOwnPropertyNames(window).filter((n) => !b.has(n) && !n.startsWith("__") && !/^\d+$/.test(n)); })()`)
	sort.Strings(added)
	allowed := map[string]bool{"consent": true, "dataLayer": true, "gtag": true}
	for _, n := range added {
		if !allowed[n] {
			t.Errorf("consent.js added the global %q (added: %v)", n, added)
		}
	}
	// Go still runs: a call through window.consent answers.
	if got := eval[bool](t, ctx, `window.consent.acceptAll().then((r) => r.method === "accept-all")`); !got {
		t.Errorf("acceptAll did not answer a record after the globals went private")
	}
}
