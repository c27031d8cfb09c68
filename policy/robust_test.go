package policy

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/policy/texts"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// robustHostile is policy text that would run if it reached a page as HTML,
// with the characters that break JSON or JavaScript string literals.
const robustHostile = `<img src=x onerror="alert(1)"><script>alert(2)</script><svg onload=alert(3)>` +
	`<a href="javascript:alert(4)">x</a></script><!-- "quotes" 'single' \back\slash ` +
	"\u2028line\u2029para \u0000nul \u001b esc \U0001F36A"

// robustHostilePolicy returns a valid policy whose every text is
// robustHostile, tagged with its place.
func robustHostilePolicy(t *testing.T) []byte {
	t.Helper()
	h := func(where string) string { return where + ":" + robustHostile }
	ui := map[string]string{}
	for _, k := range texts.Keys {
		ui[k] = h(k)
	}
	b, err := json.Marshal(map[string]any{
		"revision":  3,
		"languages": []string{"en", "de"},
		"texts":     map[string]any{"en": ui},
		"policyUrl": "/cookies?x=<script>",
		"categories": []any{
			map[string]any{"id": "necessary", "required": true, "label": h("cat"), "description": map[string]string{"en": h("desc"), "de": h("besch")}},
			map[string]any{"id": "statistics", "label": h("stat"), "description": h("statdesc")},
		},
		"services": []any{map[string]any{
			"id": "matomo", "category": "statistics", "provider": h("provider"), "label": h("label"),
			"function": h("function"), "purpose": h("purpose"),
			"cookies": []any{map[string]any{"pattern": `<script>.*`, "duration": h("duration"), "purpose": h("cpurpose")}},
		}},
	})
	require.NoError(t, err)
	return b
}

// robustStrings collects every string of a decoded JSON value.
func robustStrings(v any, into map[string]bool) {
	switch x := v.(type) {
	case string:
		into[x] = true
	case []any:
		for _, e := range x {
			robustStrings(e, into)
		}
	case map[string]any:
		for _, e := range x {
			robustStrings(e, into)
		}
	}
}

// TestRobustHostileTextSurvivesAsText checks that markup and awkward
// characters in a policy are accepted as plain text and reach the views the
// JS bridge draws unchanged, inside valid JSON: drawing them as text is then
// all ui.js has to do.
func TestRobustHostileTextSurvivesAsText(t *testing.T) {
	p, err := Parse(robustHostilePolicy(t))
	require.NoError(t, err)
	rec := NewRecord(p, nil, AcceptAllChoice(p), MethodAcceptAll, "id", recNow)
	for name, out := range map[string]string{
		"banner":      ViewJSON(p, ViewBanner, "en", nil, ""),
		"preferences": ViewJSON(p, ViewPreferences, "de", rec, robustHostile),
		"declaration": DeclarationJSON(p, "en", rec),
		"record":      RecordJSON(p, rec),
		"change":      ChangeJSON(p, rec, []string{"statistics"}, []string{"matomo"}),
	} {
		t.Run(name, func(t *testing.T) {
			require.True(t, json.Valid([]byte(out)), "valid JSON: %s", out)
			var v any
			require.NoError(t, json.Unmarshal([]byte(out), &v))
			got := map[string]bool{}
			robustStrings(v, got)
			if name == "record" || name == "change" {
				return
			}
			found := 0
			for s := range got {
				if strings.HasSuffix(s, ":"+robustHostile) {
					found++
				}
			}
			assert.Greater(t, found, 3, "the texts arrive unchanged")
		})
	}
}

// TestRobustPolicyURLRefused: a cookie policy link that is not http(s) or
// a relative path is an error of the policy, whatever its spelling.
func TestRobustPolicyURLRefused(t *testing.T) {
	for _, u := range []string{
		"javascript:alert(1)", "JAVASCRIPT:alert(1)", " javascript:alert(1)", "\tjavascript:alert(1)",
		"java\nscript:alert(1)", "java\x00script:alert(1)", "javascript\u00a0:alert(1)", "\u00a0javascript:alert(1)",
		"data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)", "file:///etc/passwd",
		"http:evil.example", "https://", "https:///path", "blob:https://example.test/x",
	} {
		b, err := json.Marshal(map[string]any{
			"policyUrl":  u,
			"categories": []any{map[string]any{"id": "necessary", "required": true, "label": "N"}},
			"services":   []any{},
		})
		require.NoError(t, err)
		p, err := Parse(b)
		assert.Nil(t, p, "%q", u)
		if assert.Error(t, err, "%q", u) {
			assert.Contains(t, err.Error(), "/policyUrl", "%q", u)
		}
	}
	for _, u := range []string{"/cookies", "cookies.html", "//example.test/c", "https://example.test/c?a=1#b", "HTTPS://EXAMPLE.TEST/"} {
		b, _ := json.Marshal(map[string]any{
			"policyUrl":  u,
			"categories": []any{map[string]any{"id": "necessary", "required": true, "label": "N"}},
			"services":   []any{},
		})
		_, err := Parse(b)
		assert.NoError(t, err, "%q", u)
	}
}

// TestRobustTamperedCookiesOpenNothing: whatever the consent cookies hold,
// Decide either finds the newest valid record or asks, and no optional gate
// opens without a valid record.
func TestRobustTamperedCookiesOpenNothing(t *testing.T) {
	p := recTestPolicy()
	valid := EncodeRecord(p, recRec(MethodAcceptAll, "necessary statistics marketing", "session matomo google-analytics google-ads youtube"))
	field := func(i int, s string) string {
		f := strings.Split(valid, ".")
		f[i] = s
		return strings.Join(f, ".")
	}
	future := strconv.FormatInt(recNow.Add(72*time.Hour).UnixMilli(), 36)
	for name, values := range map[string][]string{
		"garbage":              {"garbage"},
		"truncated":            {valid[:len(valid)-3]},
		"other format":         {`{"categories":["necessary","statistics"],"revision":4}`},
		"url-encoded":          {"%7B%22categories%22%3A%5B%22necessary%22%5D%7D"},
		"future":               {field(2, future)},
		"4 KB":                 {valid + strings.Repeat("A", 4096-len(valid))},
		"4 KB of dots":         {"1" + strings.Repeat(".", 4095)},
		"64 KB of tags":        {field(6, strings.Repeat("AAAA", 16384))},
		"huge revision":        {field(1, strings.Repeat("z", 13))},
		"negative timestamp":   {field(2, "-1")},
		"two invalid":          {"x", field(2, future)},
		"invalid and repeated": {"", "", "", "1.", "1.."},
	} {
		t.Run(name, func(t *testing.T) {
			var pairs []CookiePair
			for _, v := range values {
				pairs = append(pairs, CookiePair{Name: "cookies_preferences", Value: v})
			}
			plan := Decide(p, Env{Host: "example.test", Path: "/", Now: recNow, Cookies: pairs}, nil)
			assert.True(t, plan.Ask, "the visitor is asked")
			assert.Nil(t, plan.Record)
			assert.NotEmpty(t, plan.Reason, "the console is told why")
			for _, c := range p.Categories {
				assert.Equal(t, c.Required, GateOpen(p, nil, c.ID, ""), c.ID)
			}
			for _, c := range p.Categories {
				if !c.Required {
					for _, typ := range c.GoogleConsentMode {
						assert.Equal(t, "denied", plan.ConsentMode[typ], typ)
					}
				}
			}
		})
	}
	// One valid value among tampered ones is found, wherever it stands.
	for i := 0; i < 3; i++ {
		vals := []string{"garbage", field(2, future), valid[:10]}
		vals[i] = valid
		var pairs []CookiePair
		for _, v := range vals {
			pairs = append(pairs, CookiePair{Name: "cookies_preferences", Value: v})
		}
		plan := Decide(p, Env{Host: "example.test", Path: "/", Now: recNow, Cookies: pairs}, nil)
		assert.False(t, plan.Ask)
		if assert.NotNil(t, plan.Record) {
			assert.Equal(t, MethodAcceptAll, plan.Record.Method)
		}
	}
}

// TestRobustHugeChoice: consent.set() with 100 000 ids is an error naming
// them, not a crash.
func TestRobustHugeChoice(t *testing.T) {
	p := recTestPolicy()
	ch := Choice{Categories: map[string]bool{}, Services: map[string]bool{}}
	for i := 0; i < 100000; i++ {
		ch.Services["ghost"+strconv.Itoa(i)] = true
	}
	ch.Categories["necessary"] = false
	err := p.CheckChoice(ch)
	require.Error(t, err)
	assert.Contains(t, err.Error(), `category "necessary" is required`)
	assert.Contains(t, err.Error(), `unknown service "ghost99999"`)
}
