package e2e

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDeclarationViewFromGo: the page's declaration is Go's view, drawn:
// a service without a function shows its label there (as the CLI's table
// does), and a service that lists no cookies says so, with a dash and its
// meaning for the duration, in the UI language.
func TestDeclarationViewFromGo(t *testing.T) {
	var p map[string]any
	require.NoError(t, json.Unmarshal([]byte(contractPolicy), &p))
	services := p["services"].([]any)
	for _, s := range services {
		if s := s.(map[string]any); s["id"] == "ga" {
			delete(s, "function")
		}
	}
	ctx := cOpen(t, cPage(t, cPolicy(t, map[string]any{"services": services}), pageOpts{body: `<h2>Cookies</h2><div id="decl" data-consent-declaration></div>`}))
	waitFor(t, ctx, `!!document.querySelector('#decl [data-cc-service="osm"]')`)
	cell := func(service string, n int) string {
		return eval[string](t, ctx, `document.querySelector('#decl [data-cc-service="`+service+`"] > :nth-child(`+string(rune('0'+n))+`)').textContent`)
	}
	assert.Equal(t, "Google Analytics", cell("ga", 2), "the label stands in for an empty function")
	assert.Equal(t, "Web analytics", cell("matomo", 2))
	assert.Equal(t, "None", cell("osm", 3), "no cookies: the cell says so")
	assert.Equal(t, "—None", cell("osm", 5), "the dash, and its meaning for screen readers")
	eval[any](t, ctx, `consent.setLanguage("de")`)
	waitFor(t, ctx, `document.querySelector('#decl [data-cc-service="osm"] > :nth-child(3)').textContent === "Keine"`)
}

// TestDialogPartlyOn: a category with one of its two services on says
// "Partly on", not "On", in the UI language.
func TestDialogPartlyOn(t *testing.T) {
	ctx := cOpen(t, cPage(t, cPolicy(t, nil), pageOpts{}))
	eval[any](t, ctx, `consent.set({services: {matomo: true}})`)
	openPrefs(t, ctx)
	state := `document.querySelector('#consent-preferences [data-cc-category="statistics"] .cc-cat-head .cc-switch-state').textContent`
	assert.Equal(t, "Partly on", eval[string](t, ctx, state))
	eval[any](t, ctx, `consent.setLanguage("de")`)
	waitFor(t, ctx, state+` === "Teilweise an"`)
}
