package e2e

import (
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/security"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
)

// httpsMatrixPolicy declares Matomo's cookies also under the __Secure- and
// __Host- prefixes.
const httpsMatrixPolicy = `{
  "revision": 1,
  "categories": [
    {"id": "necessary", "required": true, "label": "Necessary"},
    {"id": "statistics", "label": "Statistics", "googleConsentMode": ["analytics_storage"]}
  ],
  "services": [
    {"id": "matomo", "category": "statistics", "provider": "Matomo",
     "cookies": [{"pattern": "_pk_.*"}, {"pattern": "__Secure-_pk_.*"}, {"pattern": "__Host-_pk_.*"}]}
  ]
}`

// On https, refused cookies set with Secure, SameSite=None; Secure, the
// __Secure- and __Host- prefixes, and Partitioned (CHIPS, in the page's
// own partition) are deleted on every domain and path they can live on;
// the consent cookie is written Secure.
func TestLifeHTTPSDeletionMatrix(t *testing.T) {
	cServers()
	ctx := newTab(t)
	if _, err := chromedp.CallBrowser(ctx, security.SetIgnoreCertificateErrors, security.SetIgnoreCertificateErrorsParams{Ignore: true}); err != nil {
		t.Fatal(err)
	}
	pol := servePolicy(t, "life-https.json", httpsMatrixPolicy)
	path := strings.TrimPrefix(servePage(t, pageOpts{policy: pol, body: `<p>https</p>`}), srv.URL)
	origin := strings.Replace(cTLS.URL, "127.0.0.1", "www.example.test", 1)
	url := origin + path
	open(t, ctx, url)
	if !strings.HasPrefix(eval[string](t, ctx, `location.protocol`), "https") {
		t.Fatal("the page is not on https")
	}
	eval[any](t, ctx, `window.consent.acceptAll()`)
	consent := settledCookie(t, ctx, "cookies_preferences", func(c *jarEntry) bool { return c != nil })
	if consent == nil || !consent.Secure {
		t.Fatalf("the consent cookie on https = %+v, want Secure", consent)
	}

	yes := true
	plant := func(p network.SetCookieParams) {
		t.Helper()
		p.Value = "1"
		if p.Domain == "" {
			p.URL = origin + "/"
		}
		if _, err := chromedp.Call(ctx, network.SetCookie, p); err != nil {
			t.Fatalf("plant %s: %v", p.Name, err)
		}
	}
	plant(network.SetCookieParams{Name: "_pk_secure_host", Path: "/", Secure: &yes})
	plant(network.SetCookieParams{Name: "_pk_secure_parent", Domain: ".example.test", Path: "/", Secure: &yes})
	plant(network.SetCookieParams{Name: "_pk_secure_www", Domain: ".www.example.test", Path: "/page", Secure: &yes})
	plant(network.SetCookieParams{Name: "_pk_none", Domain: ".example.test", Path: "/page/", Secure: &yes, SameSite: network.CookieSameSiteNone})
	plant(network.SetCookieParams{Name: "_pk_plain", Domain: ".example.test", Path: "/"})
	plant(network.SetCookieParams{Name: "__Secure-_pk_a", Domain: ".example.test", Path: "/", Secure: &yes})
	plant(network.SetCookieParams{Name: "__Secure-_pk_b", Path: "/page/", Secure: &yes})
	plant(network.SetCookieParams{Name: "__Host-_pk_c", Path: "/", Secure: &yes})
	// A CHIPS cookie the page sets in its own partition.
	eval[bool](t, ctx, `(document.cookie = "_pk_part=1; Secure; Partitioned; SameSite=None; Path=/", true)`)

	planted := func() []string {
		id := chromedp.FromContext(ctx).BrowserContextID
		res, err := chromedp.CallBrowser(ctx, storage.GetCookies, storage.GetCookiesParams{BrowserContextID: id})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, c := range res.Cookies {
			if strings.Contains(c.Name, "_pk_") {
				s := c.Name + "@" + c.Domain + c.Path
				if c.PartitionKey != nil {
					s += " (partitioned)"
				}
				out = append(out, s)
			}
		}
		sort.Strings(out)
		return out
	}
	before := planted()
	if len(before) != 9 {
		t.Fatalf("planted %d cookies, want 9: %v", len(before), before)
	}
	if !strings.Contains(strings.Join(before, " "), "(partitioned)") {
		t.Fatalf("the CHIPS cookie is not partitioned: %v", before)
	}

	eval[any](t, ctx, `window.consent.rejectAll()`)
	deadline := time.Now().Add(5 * time.Second)
	left := planted()
	for len(left) > 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		left = planted()
	}
	if len(left) > 0 {
		t.Errorf("refused cookies left after Reject all on https: %v (of %v)", left, before)
	}
}
