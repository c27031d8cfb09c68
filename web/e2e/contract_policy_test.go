package e2e

// The policy file (docs/policy.md): every field, its default, the required
// fields, the pattern dialect and the errors, as a site sees them.

import (
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestContract_2_Policy_revision: raising the revision asks every visitor
// again (no choice, banner, nothing optional); a policy without one has
// revision 0.
func TestContract_2_Policy_revision(t *testing.T) {
	pol := cPolicy(t, nil)
	body := `<script type="text/plain" data-category="statistics">window.__runs.push("stats")</script>`
	u := cPage(t, pol, pageOpts{body: body})
	ctx := cOpen(t, u)
	eval[any](t, ctx, `consent.acceptAll()`)
	assert.Equal(t, 3, getRecord(t, ctx).Revision)
	open(t, ctx, u)
	assert.False(t, bannerShown(t, ctx), "the same revision: the choice holds")

	cPolicy(t, map[string]any{"revision": 4}) // the same URL, now revision 4
	open(t, ctx, u)
	assert.Nil(t, getRecord(t, ctx), "a choice of an older revision is no choice")
	assert.True(t, bannerShown(t, ctx), "the banner asks again")
	assert.Empty(t, runs(t, ctx), "nothing optional runs")
	assert.False(t, eval[bool](t, ctx, `consent.accepted("statistics")`))

	cPolicy(t, map[string]any{"revision": nil})
	open(t, ctx, u)
	eval[any](t, ctx, `consent.rejectAll()`)
	assert.Equal(t, 0, getRecord(t, ctx).Revision, "revision defaults to 0")
}

// TestContract_2_Policy_languages: the UI speaks the visitor's language
// when the policy has it, else the policy's first language; a policy
// without languages is in English. A text is a string or an object keyed
// by language.
func TestContract_2_Policy_languages(t *testing.T) {
	// The browser asks for Italian, the page is in French: neither is offered.
	langs := `<script>Object.defineProperty(Navigator.prototype, "languages", {get: () => ["it-IT", "it"], configurable: true})</script>`
	ctx := cOpen(t, cPage(t, cPolicy(t, map[string]any{"languages": []string{"de", "en"}}), pageOpts{head: langs, lang: "fr"}))
	assert.Equal(t, "de", eval[string](t, ctx, `document.getElementById("consent-root").lang`), "the first language is the default")
	openPrefs(t, ctx)
	assert.Contains(t, eval[string](t, ctx, `document.getElementById("consent-preferences").textContent`), "Statistik", "the category's label in that language")

	cReopen(t, ctx, cPage(t, cPolicy(t, map[string]any{"languages": []string{"en", "de"}}), pageOpts{head: langs, lang: "de"}))
	assert.Equal(t, "de", eval[string](t, ctx, `document.getElementById("consent-root").lang`), "the page's language when the policy has it")

	plain := strings.NewReplacer(`{"en": "Necessary", "de": "Notwendig"}`, `"Necessary"`, `{"en": "Statistics", "de": "Statistik"}`, `"Statistics"`,
		`{"en": "External media", "de": "Externe Medien"}`, `"External media"`, `{"en": "Sign-in", "de": "Anmeldung"}`, `"Sign-in"`,
		`{"en": "13 months", "de": "13 Monate"}`, `"13 months"`, `"languages": ["en", "de"],`, ``).Replace(contractPolicy)
	cReopen(t, ctx, cPage(t, cPolicyText(t, plain), pageOpts{head: langs, lang: "fr"}))
	assert.Equal(t, "en", eval[string](t, ctx, `document.getElementById("consent-root").lang`), "languages defaults to [\"en\"]")
	assert.True(t, bannerShown(t, ctx))
}

// TestContract_2_Policy_languageCookie: the value of the named cookie is
// the UI language.
func TestContract_2_Policy_languageCookie(t *testing.T) {
	u := cPage(t, cPolicy(t, map[string]any{"languageCookie": "django_language"}), pageOpts{lang: "en"})
	ctx := newTab(t)
	plantAt(t, ctx, u, "django_language", "de")
	open(t, ctx, u)
	assert.Equal(t, "de", eval[string](t, ctx, `document.getElementById("consent-root").lang`))
}

// TestContract_2_Policy_consentCookie_defaults: without consentCookie the
// choice is stored in cookies_preferences, host-only, Path=/,
// SameSite=Lax, for 182 days.
func TestContract_2_Policy_consentCookie_defaults(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	eval[any](t, ctx, `consent.acceptAll()`)
	c := settledCookie(t, ctx, "cookies_preferences", func(c *jarEntry) bool { return c != nil })
	require.NotNil(t, c, "the choice is stored in cookies_preferences")
	assert.Equal(t, "127.0.0.1", c.Domain, "host-only")
	assert.Equal(t, "/", c.Path)
	assert.Equal(t, "Lax", c.SameSite)
	assertDays(t, c, 182)
}

// TestContract_2_Policy_consentCookie_custom: name, domain, path, sameSite
// and maxAgeDays as the policy says; maxAgeDays is at most 395.
func TestContract_2_Policy_consentCookie_custom(t *testing.T) {
	cc := map[string]any{"name": "site_consent", "domain": "example.test", "path": "/shop", "sameSite": "Strict", "maxAgeDays": 30}
	pol := cPolicy(t, map[string]any{"consentCookie": cc})
	ctx := cOpen(t, cPageAt(t, "www.example.test", pol, pageOpts{}))
	require.True(t, bannerShown(t, ctx))
	eval[any](t, ctx, `consent.rejectAll()`)
	c := settledCookie(t, ctx, "site_consent", func(c *jarEntry) bool { return c != nil })
	require.NotNil(t, c)
	assert.Equal(t, ".example.test", c.Domain, "a Domain cookie, shared by the subdomains")
	assert.Equal(t, "/shop", c.Path)
	assert.Equal(t, "Strict", c.SameSite)
	assertDays(t, c, 30)
	assert.Nil(t, jarCookie(t, ctx, "cookies_preferences"))

	cc["maxAgeDays"] = 396
	cReopen(t, ctx, cPage(t, cPolicy(t, map[string]any{"consentCookie": cc}), pageOpts{}))
	assert.Contains(t, cError(t, ctx), "/consentCookie/maxAgeDays", "more than 395 days is refused, with its pointer")
}

func assertDays(t *testing.T, c *jarEntry, days int) {
	t.Helper()
	want := float64(time.Now().Add(time.Duration(days) * 24 * time.Hour).Unix())
	assert.False(t, c.Session, "a persistent cookie")
	assert.InDelta(t, want, c.Expires, 120, "Max-Age of %d days", days)
}

// TestContract_2_Policy_gpc: "reject" (the default) refuses every optional
// category for a browser sending GPC, without a banner, with method gpc;
// "ignore" shows the banner.
func TestContract_2_Policy_gpc(t *testing.T) {
	gpc := `<script src="/enforce/gpc.js"></script>`
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{head: gpc}))
	rec := getRecord(t, ctx)
	require.NotNil(t, rec, "a GPC refusal is recorded")
	assert.Equal(t, "gpc", rec.Method)
	assert.Equal(t, map[string]bool{"necessary": true, "statistics": false, "media": false}, rec.Categories)
	assert.False(t, bannerShown(t, ctx), "no banner")

	cReopen(t, ctx, cPage(t, cPolicy(t, map[string]any{"gpc": "ignore"}), pageOpts{head: gpc}))
	assert.Nil(t, getRecord(t, ctx))
	assert.True(t, bannerShown(t, ctx))
}

// TestContract_2_Policy_policyUrl: the banner links the site's cookie
// policy page.
func TestContract_2_Policy_policyUrl(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	assert.Equal(t, 1, eval[int](t, ctx, `document.querySelectorAll('#consent-banner a[href="/cookie-policy.html"]').length`))
	cReopen(t, ctx, cPage(t, cPolicy(t, map[string]any{"policyUrl": nil}), pageOpts{}))
	assert.Equal(t, 0, eval[int](t, ctx, `document.querySelectorAll('#consent-banner a').length`), "no policyUrl, no link")
}

// TestContract_2_Policy_texts: texts override the UI strings per language.
func TestContract_2_Policy_texts(t *testing.T) {
	texts := map[string]any{"en": map[string]any{"bannerTitle": "Cookies on this site", "acceptAll": "Yes to all"}, "de": map[string]any{"bannerTitle": "Kekse"}}
	ctx := cOpen(t, cPage(t, cPolicy(t, map[string]any{"texts": texts}), pageOpts{}))
	banner := eval[string](t, ctx, `document.getElementById("consent-banner").textContent`)
	assert.Contains(t, banner, "Cookies on this site")
	assert.Contains(t, banner, "Yes to all")
	eval[any](t, ctx, `consent.setLanguage("de")`)
	assert.Contains(t, eval[string](t, ctx, `document.getElementById("consent-banner").textContent`), "Kekse")
}

// TestContract_2_Policy_textsUnknownKey: a texts key that is no UI string
// is an error naming its place, with a suggestion.
func TestContract_2_Policy_textsUnknownKey(t *testing.T) {
	texts := map[string]any{"en": map[string]any{"bannerTitel": "Cookies"}}
	ctx := cOpen(t, cPage(t, cPolicy(t, map[string]any{"texts": texts}), pageOpts{}))
	msg := cError(t, ctx)
	assert.Contains(t, msg, "/texts/en/bannerTitel")
	assert.Contains(t, msg, `did you mean "bannerTitle"`)
}

// TestContract_2_Policy_categories: a required category is always on and
// cannot be switched off, in the dialog and through the API; labels and
// descriptions are shown.
func TestContract_2_Policy_categories(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	openPrefs(t, ctx)
	sw := eval[map[string]bool](t, ctx, `(() => { const i = document.querySelector('#consent-preferences input[data-category="necessary"]'); return {checked: i.checked, disabled: i.disabled}; })()`)
	assert.Equal(t, map[string]bool{"checked": true, "disabled": true}, sw, "the required category's switch is on and cannot be moved")
	prefs := eval[string](t, ctx, `document.getElementById("consent-preferences").textContent`)
	for _, s := range []string{"Necessary", "Statistics", "External media", "Visit counts."} {
		assert.Contains(t, prefs, s)
	}
	click(t, ctx, `#consent-preferences [data-consent-action="reject-all"]`)
	rec := cRecord(t, ctx)
	assert.True(t, rec.Categories["necessary"], "Reject all keeps the required category")
	assert.True(t, rec.Services["site"])
	assert.Contains(t, evalErr(t, ctx, `consent.set({categories: {necessary: false}})`), "necessary", "the API cannot refuse it")
	assert.True(t, eval[bool](t, ctx, `consent.accepted("necessary")`))
}

// TestContract_2_Policy_googleConsentMode: a category grants exactly the
// Consent Mode types it lists.
func TestContract_2_Policy_googleConsentMode(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	eval[any](t, ctx, `consent.set({categories: {media: true}})`)
	st := eval[map[string]string](t, ctx, `(() => { const d = window.dataLayer.filter((e) => e[0] === "consent" && e[1] === "update"); return d[d.length - 1][2]; })()`)
	assert.Equal(t, map[string]string{"ad_storage": "granted", "ad_user_data": "granted", "ad_personalization": "granted",
		"analytics_storage": "denied", "functionality_storage": "denied", "personalization_storage": "denied", "security_storage": "denied"}, st)
}

// TestContract_2_Policy_services: each service's provider, label,
// function and purpose reach the visitor (dialog and declaration).
func TestContract_2_Policy_services(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{body: `<div id="decl" data-consent-declaration></div>`}))
	waitFor(t, ctx, `document.getElementById("decl").textContent.includes("Matomo")`)
	decl := eval[string](t, ctx, `document.getElementById("decl").textContent`)
	for _, s := range []string{"Matomo (self-hosted)", "Web analytics", "Counts visits", "Google", "Audience measurement", "VideoCorp"} {
		assert.Contains(t, decl, s)
	}
	openPrefs(t, ctx)
	assert.Equal(t, 2, eval[int](t, ctx, `document.querySelectorAll('#consent-preferences input[data-service="matomo"], #consent-preferences input[data-service="ga"]').length`), "a switch per service")
	assert.Contains(t, eval[string](t, ctx, `document.getElementById("consent-preferences").textContent`), "Google Analytics", "the service's label")
}

// TestContract_2_Policy_serviceLabelDefault: a service without label is
// shown under its provider.
func TestContract_2_Policy_serviceLabelDefault(t *testing.T) {
	text := strings.Replace(contractPolicy, `"label": "Google Analytics", `, ``, 1)
	ctx := cOpen(t, cPage(t, cPolicyText(t, text), pageOpts{}))
	require.Empty(t, eval[[]any](t, ctx, `window.__events.filter((e) => e.type === "consent:error")`), "label is optional")
	openPrefs(t, ctx)
	label := eval[string](t, ctx, `document.querySelector('#consent-preferences input[data-service="ga"]').closest("li, .cc-svc, div").textContent`)
	assert.Contains(t, label, "Google")
}

// TestContract_2_Policy_requiredOnly: a policy with only the required
// fields works end to end.
func TestContract_2_Policy_requiredOnly(t *testing.T) {
	text := `{"categories": [{"id": "necessary", "label": "Necessary", "required": true}, {"id": "statistics", "label": "Statistics"}],
	 "services": [{"id": "matomo", "category": "statistics", "provider": "Matomo", "cookies": [{"pattern": "_pk_id\\..*"}]}]}`
	body := `<script type="text/plain" data-category="statistics" data-service="matomo">window.__runs.push("matomo")</script>`
	ctx := cOpen(t, cPage(t, cPolicyText(t, text), pageOpts{body: body}))
	require.Empty(t, eval[[]any](t, ctx, `window.__events.filter((e) => e.type === "consent:error")`))
	require.True(t, bannerShown(t, ctx))
	click(t, ctx, `#consent-banner [data-consent-action="accept-all"]`)
	waitFor(t, ctx, `window.__runs.includes("matomo")`)
	rec := getRecord(t, ctx)
	assert.Equal(t, 0, rec.Revision)
	assert.True(t, rec.Services["matomo"])
	openPrefs(t, ctx)
	assert.Contains(t, eval[string](t, ctx, `document.getElementById("consent-preferences").textContent`), "Matomo")

	cReopen(t, ctx, cPage(t, cPolicyText(t, `{"categories": [{"id": "necessary", "label": "Necessary", "required": true}]}`), pageOpts{}))
	assert.True(t, bannerShown(t, ctx), "services defaults to none")
}

// TestContract_2_Policy_cookies: a cookie is declared by name, or by a
// pattern matched against the whole name; a refused service's cookies are
// deleted, and nothing else.
func TestContract_2_Policy_cookies(t *testing.T) {
	// A cookie entry's domain and path are informational: deletion covers
	// every domain and path anyway.
	text := strings.Replace(contractPolicy, `{"name": "_ga", "duration": "2 years"}`, `{"name": "_ga", "domain": ".example.org", "path": "/shop", "duration": "2 years"}`, 1)
	u := cPage(t, cPolicyText(t, text), pageOpts{})
	ctx := newTab(t)
	for _, n := range []string{"_pk_id.1.abc", "x_pk_id.1", "_ga", "_gax", "sessionid"} {
		plantAt(t, ctx, u, n, "v")
	}
	open(t, ctx, u)
	eval[any](t, ctx, `consent.rejectAll()`)
	assert.Equal(t, []string{"_gax", "cookies_preferences", "sessionid", "x_pk_id.1"}, pageCookies(t, ctx),
		"the pattern matches the whole name; names match exactly; the required service's cookie stays")
}

// TestContract_2_Policy_patternDialect: a pattern outside the dialect on
// which RE2 and JavaScript agree is an error with its pointer in the
// browser too; the allowed forms match the same names as Go does.
func TestContract_2_Policy_patternDialect(t *testing.T) {
	ctx := newTab(t)
	for _, p := range []string{`(?i)_ga`, `\A_ga\z`, `[[:alpha:]]+`, `\pL+`, `\Q.\E`, `(?P<n>_ga)`, `(?=_ga)_ga`, `_ga\s`} {
		text := strings.Replace(contractPolicy, `{"name": "_ga", "duration": "2 years"}`, `{"pattern": `+quoteJSON(p)+`}`, 1)
		open(t, ctx, cPage(t, cPolicyText(t, text), pageOpts{}))
		assert.Contains(t, cError(t, ctx), "/services/2/cookies/0/pattern", "%s is refused with its pointer", p)
		assert.False(t, bannerShown(t, ctx))
	}
	// Allowed forms: the browser deletes exactly the names Go's regexp matches.
	names := []string{"_ga", "_ga_X1", "_gaX", "a_ga", "_gid", "_g", "ab12", "AB", "x.y", "x-y", "_ga_"}
	for _, p := range []string{`_ga(_[A-Z0-9]+)?`, `^_g[a-z]+$`, `[a-z]{2}\d*`, `[^_]\w*`, `x\.y|x-y`, `_ga_.*?`, `(?:_g)+a?`, `\D{2,3}`} {
		want := goMatches(t, p, names)
		text := strings.Replace(contractPolicy, `{"name": "_ga", "duration": "2 years"}`, `{"pattern": `+quoteJSON(p)+`}`, 1)
		u := cPage(t, cPolicyText(t, text), pageOpts{})
		// Leave the last round's page first: its later sweeps would delete
		// what this round plants.
		navigate(t, ctx, "about:blank")
		clearCookies(t, ctx)
		for _, n := range names {
			plantAt(t, ctx, u, n, "v")
		}
		open(t, ctx, u)
		eval[any](t, ctx, `consent.rejectAll()`)
		left := pageCookies(t, ctx)
		for _, n := range names {
			assert.Equal(t, contains(want, n), !contains(left, n), "pattern %s, name %s: deleted exactly when Go matches", p, n)
		}
	}
}

// TestContract_2_Policy_errors: unknown fields, wrong types, bad or
// duplicate ids and a service in a missing category are errors that name
// their place; the page keeps working with every optional gate shut.
func TestContract_2_Policy_errors(t *testing.T) {
	text := `{"categories": [{"id": "necessary", "label": "N", "required": true}, {"id": "Stats", "label": "S"}, {"id": "necessary", "label": "again"}],
	 "services": [{"id": "a", "category": "nope", "provider": "P", "label": "A", "colour": "red"}, {"id": "b", "category": "necessary", "provider": 7, "label": "B",
	  "cookies": [{"pattern": "(unclosed"}]}], "revison": 2}`
	body := `<script type="text/plain" data-category="necessary">window.__runs.push("n")</script>`
	ctx := cOpen(t, cPage(t, cPolicyText(t, text), pageOpts{body: body}))
	msg := cError(t, ctx)
	for _, ptr := range []string{"/revison", "/categories/1/id", "/categories/2/id", "/services/0/category", "/services/0/colour", "/services/1/provider", "/services/1/cookies/0/pattern"} {
		assert.Contains(t, msg, ptr)
	}
	assert.Contains(t, msg, `did you mean "revision"`)
	assert.False(t, bannerShown(t, ctx))
	assert.Empty(t, runs(t, ctx))
	assert.Nil(t, getRecord(t, ctx))
}

// TestContract_2_Policy_layoutTheme: layout (bar, box, center) and theme
// (auto, light, dark) reach the banner; bar and auto are the defaults.
func TestContract_2_Policy_layoutTheme(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	assert.Equal(t, []string{"bar", "auto"}, eval[[]string](t, ctx, `[document.getElementById("consent-root").dataset.layout, document.getElementById("consent-root").dataset.theme]`))
	cReopen(t, ctx, cPage(t, cPolicy(t, map[string]any{"layout": "box", "theme": "dark"}), pageOpts{}))
	assert.Equal(t, []string{"box", "dark"}, eval[[]string](t, ctx, `[document.getElementById("consent-root").dataset.layout, document.getElementById("consent-root").dataset.theme]`))
}

// TestContract_2_Policy_schema: "$schema" is allowed, so editors can
// complete the file.
func TestContract_2_Policy_schema(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, map[string]any{"$schema": "../policy/policy.schema.json"}), pageOpts{}))
	assert.True(t, bannerShown(t, ctx))
}

// TestContract_2_Policy_storage: a cookie entry with storage localStorage
// or sessionStorage declares a Web Storage key, removed when its service
// is refused.
func TestContract_2_Policy_storage(t *testing.T) {
	text := strings.Replace(contractPolicy, `{"name": "_ga", "duration": "2 years"}`,
		`{"name": "_ga", "duration": "2 years"}, {"name": "ga_local", "storage": "localStorage"}, {"pattern": "ga_s_.*", "storage": "sessionStorage"}`, 1)
	u := cPage(t, cPolicyText(t, text), pageOpts{})
	ctx := cOpen(t, u)
	eval[any](t, ctx, `consent.acceptAll().then(() => { localStorage.setItem("ga_local", "1"); localStorage.setItem("mine", "1"); sessionStorage.setItem("ga_s_1", "1"); })`)
	eval[any](t, ctx, `consent.set({services: {ga: false}})`)
	assert.Equal(t, []string{"mine"}, eval[[]string](t, ctx, `[...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((k) => k !== "__written").sort()`))
}

// TestContract_2_Policy_reloadOnWithdraw is covered row by row in
// enforce_test.go (TestEnforceReloadOnWithdraw); here: the field is
// accepted and, off by default, a withdrawal keeps the page.
func TestContract_2_Policy_reloadOnWithdraw(t *testing.T) {
	body := `<script type="text/plain" data-category="statistics">window.__runs.push("stats")</script>`
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{body: body}))
	eval[any](t, ctx, `consent.acceptAll()`)
	waitFor(t, ctx, `window.__runs.includes("stats")`)
	eval[any](t, ctx, `window.__marker = 1`)
	eval[any](t, ctx, `consent.rejectAll()`)
	time.Sleep(200 * time.Millisecond)
	assert.Equal(t, 1, eval[int](t, ctx, `window.__marker`), "off by default: no reload")

	cReopen(t, ctx, cPage(t, cPolicy(t, map[string]any{"reloadOnWithdraw": true}), pageOpts{body: body}))
	eval[any](t, ctx, `consent.acceptAll()`)
	waitFor(t, ctx, `window.__runs.includes("stats")`)
	eval[any](t, ctx, `window.__marker = 1, setTimeout(() => consent.rejectAll(), 0), null`)
	waitAcrossNavigation(t, ctx, `window.__marker === undefined && !!window.consent && document.readyState === "complete"`)
}

// TestContract_2_Policy_proof: with proof.url every new choice is POSTed
// as JSON (record, revision, the policy's SHA-256, origin and path
// without query, language, GPC); a failed send is retried on a later page.
func TestContract_2_Policy_proof(t *testing.T) {
	name := strings.ReplaceAll(t.Name(), "/", "_")
	proofMu.Lock()
	proofFail[name] = 1
	proofMu.Unlock()
	pol := cPolicy(t, map[string]any{"proof": map[string]any{"url": "/c/proof/" + name}})
	u := cPage(t, pol, pageOpts{})
	ctx := cOpen(t, u+"?q=secret")
	eval[any](t, ctx, `consent.acceptAll()`)
	rec := getRecord(t, ctx)
	time.Sleep(300 * time.Millisecond)
	proofMu.Lock()
	got := len(proofs[name])
	proofMu.Unlock()
	assert.Equal(t, 0, got, "the first send failed")
	open(t, ctx, u)
	var sent []string
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) && len(sent) == 0 {
		proofMu.Lock()
		sent = append([]string(nil), proofs[name]...)
		proofMu.Unlock()
		time.Sleep(50 * time.Millisecond)
	}
	require.Len(t, sent, 1, "retried on the next page, once acknowledged")
	ct, body, _ := strings.Cut(sent[0], "\n")
	assert.Equal(t, "application/json", ct)
	assert.Contains(t, body, rec.ID)
	assert.NotContains(t, body, "secret", "the path is sent without its query")
	policyText := policies[strings.TrimPrefix(pol, "/dyn/")]
	assert.Contains(t, body, sha256Hex(policyText), "the SHA-256 of the policy as served")
}

// TestContract_2_Policy_reopen: after a choice a small fixed button opens
// the preferences again ("button", the default); "none" draws none.
func TestContract_2_Policy_reopen(t *testing.T) {
	const btn = `document.querySelector("#consent-reopen button.cc-reopen")`
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{body: `<p>no link of the site's own</p>`}))
	assert.False(t, eval[bool](t, ctx, `!!`+btn+` && `+btn+`.getBoundingClientRect().width > 0`), "no button before a choice: the banner is there")
	click(t, ctx, `#consent-banner [data-consent-action="reject-all"]`)
	waitFor(t, ctx, `!!`+btn+` && `+btn+`.getBoundingClientRect().width > 0`)
	eval[any](t, ctx, btn+`.click()`)
	waitFor(t, ctx, `!!document.querySelector("#consent-preferences[open]")`)

	cReopen(t, ctx, cPage(t, cPolicy(t, map[string]any{"reopen": "none"}), pageOpts{}))
	eval[any](t, ctx, `consent.rejectAll()`)
	time.Sleep(100 * time.Millisecond)
	assert.False(t, eval[bool](t, ctx, `!!`+btn+` && `+btn+`.getBoundingClientRect().width > 0`), "reopen none: no button")
}
