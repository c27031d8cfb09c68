package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// storeError is the detail of the page's consent:error.
type storeError struct {
	Message string `json:"message"`
	Cause   string `json:"cause"`
}

// Each way a site can misconfigure its consent cookie: the choice cannot
// be stored, consent:error names the cause, and the choice holds for the
// page view (with the product's notice).
func TestLifeUnstorableChoiceSaysWhy(t *testing.T) {
	basic, err := readFile("policies/basic.json")
	if err != nil {
		t.Fatal(err)
	}
	withCookie := func(name, cc string) string {
		return servePolicy(t, name, strings.Replace(basic, `"revision": 1,`, `"revision": 1, "consentCookie": `+cc+`,`, 1))
	}
	for _, tc := range []struct {
		name   string
		host   string // "" for 127.0.0.1
		policy string
		setup  func(t *testing.T, ctx context.Context, pageURL string)
		cause  string
		says   []string
	}{
		{name: "an HttpOnly cookie of the same name, set by the server",
			setup: func(t *testing.T, ctx context.Context, pageURL string) {
				httpOnly := true
				if _, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: "cookies_preferences", Value: "from-the-server",
					Path: "/", URL: pageURL, HTTPOnly: &httpOnly}); err != nil {
					t.Fatal(err)
				}
			},
			cause: "shadowed", says: []string{"HttpOnly", `"cookies_preferences"`}},
		{name: "a domain the host is not under", host: "www.example.test",
			policy: withCookie("life-domain.json", `{"domain": "other.test"}`),
			cause:  "domain", says: []string{`"other.test"`, "www.example.test"}},
		// On a host name: Chromium counts http://127.0.0.1 as secure.
		{name: "SameSite None over http", host: "www.example.test",
			policy: withCookie("life-none.json", `{"sameSite": "None"}`),
			cause:  "samesite-none", says: []string{`"None" needs https`}},
		{name: "a blocked cookie jar",
			setup: func(t *testing.T, ctx context.Context, _ string) {
				if _, err := chromedp.Call(ctx, emulation.SetDocumentCookieDisabled, emulation.SetDocumentCookieDisabledParams{Disabled: true}); err != nil {
					t.Fatal(err)
				}
			},
			cause: "blocked", says: []string{"blocks cookies"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := newTab(t)
			url := servePage(t, pageOpts{policy: tc.policy})
			if tc.host != "" {
				url = strings.Replace(url, "127.0.0.1", tc.host, 1)
			}
			if tc.setup != nil {
				tc.setup(t, ctx, url)
			}
			open(t, ctx, url)
			eval[any](t, ctx, `window.consent.acceptAll()`)
			waitFor(t, ctx, `window.__events.some((e) => e.type === "consent:error")`)
			e := eval[storeError](t, ctx, `window.__events.find((e) => e.type === "consent:error").detail`)
			if e.Cause != tc.cause {
				t.Errorf("consent:error cause %q, want %q (message %q)", e.Cause, tc.cause, e.Message)
			}
			for _, s := range append(tc.says, "this page view only") {
				if !strings.Contains(e.Message, s) {
					t.Errorf("consent:error message %q does not say %q", e.Message, s)
				}
			}
			if !eval[bool](t, ctx, `window.consent.accepted("statistics")`) {
				t.Errorf("the choice does not hold for this page view")
			}
			waitFor(t, ctx, `window.__runs.includes("stats")`)
			waitFor(t, ctx, `!!document.querySelector(".cc-page-notice") && document.querySelector(".cc-page-notice").textContent !== ""`)
		})
	}
}
