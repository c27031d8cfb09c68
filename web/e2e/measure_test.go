package e2e

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/consentwasm/consent/internal/devserver"
	"github.com/stretchr/testify/require"
)

// bannerClock records, from navigation start, when the banner first has a
// box on screen.
const bannerClock = `(() => {
  const check = () => {
    const b = document.getElementById("consent-banner");
    if (b && b.getBoundingClientRect().height > 0) { window.__bannerAt = performance.now(); return true; }
    return false;
  };
  new MutationObserver((_, obs) => { if (check()) obs.disconnect(); })
    .observe(document, { childList: true, subtree: true });
})();`

// TestMeasureDemoBanner reports (it asserts no time) the median time from
// navigation start to a visible banner over fresh loads of the demo:
//
//	CONSENT_MEASURE=10 go test ./web/e2e -run TestMeasureDemoBanner -v
//
// make bench compares the same against other consent managers.
func TestMeasureDemoBanner(t *testing.T) {
	n, _ := strconv.Atoi(os.Getenv("CONSENT_MEASURE"))
	if n <= 0 {
		t.Skip("a measurement, not a test: set CONSENT_MEASURE=<loads>")
	}
	demo := httptest.NewServer(devserver.Handler(devserver.Options{
		Site:   filepath.Join(root, "web", "demo"),
		Dist:   dist,
		Policy: filepath.Join(root, "examples", "mannheim.json"),
		CSP:    devserver.CSP,
	}))
	defer demo.Close()
	var times []float64
	for i := 0; i < n; i++ {
		ctx := newTab(t)
		_, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: bannerClock})
		require.NoError(t, err)
		do(t, ctx, chromedp.Navigate(demo.URL+"/"))
		waitFor(t, ctx, `typeof window.__bannerAt === "number"`)
		times = append(times, eval[float64](t, ctx, `window.__bannerAt`))
	}
	sort.Float64s(times)
	t.Logf("navigation start -> banner visible over %d fresh loads of the demo: median %.0f ms (min %.0f, max %.0f)",
		n, (times[(n-1)/2]+times[n/2])/2, times[0], times[n-1])
}
