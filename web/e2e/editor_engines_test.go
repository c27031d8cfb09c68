package e2e

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/consentwasm/consent/editor"
	"github.com/consentwasm/consent/policy"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestEngine_Editor drives `consent edit` (package editor) in the engine
// of the run, through the engine-neutral tab: the preview runs the built
// banner with the policy being edited, a label changed in the form
// reaches it, a broken JSON value is shown at its line and the preview
// comes back once it is fixed, Accept all lists the gates that open, and
// the file saved passes policy.Parse. editor/browser_test.go checks the
// same and more (axe-core, an invalid save refused) in Chromium.
func TestEngine_Editor(t *testing.T) {
	text, err := os.ReadFile(filepath.Join(root, "editor", "testdata", "policy.json"))
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "policy.json")
	require.NoError(t, os.WriteFile(path, text, 0o644))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	s, err := editor.New(editor.Options{Path: path, Initial: text, Web: dist, Addr: ln.Addr().String()})
	require.NoError(t, err)
	hs := &http.Server{Handler: s}
	go hs.Serve(ln)
	t.Cleanup(func() { hs.Close() })

	ctx := newTab(t)
	until := func(what, cond string) {
		t.Helper()
		if err := poll(ctx, cond, 60*time.Second); err != nil {
			t.Fatalf("waiting for %s (%s): %v", what, cond, err)
		}
	}
	const frame = `document.getElementById("preview").contentDocument`
	const banner = `!!(` + frame + ` && ` + frame + `.querySelector("#cc-banner-title"))`
	// type sets a field's value and tells the page, as typing does.
	typeInto := func(sel, value string) {
		t.Helper()
		v, _ := json.Marshal(value)
		eval[bool](t, ctx, `(() => { const e = document.querySelector(`+jsString(sel)+`); e.value = `+string(v)+`; e.dispatchEvent(new Event("input", {bubbles: true})); return true; })()`)
	}
	press := func(sel string) {
		t.Helper()
		eval[bool](t, ctx, `(document.querySelector(`+jsString(sel)+`).click(), true)`)
	}

	navigate(t, ctx, s.URL())
	until("the preview's banner", banner)

	typeInto(`[data-input-for="/categories/1/label/en"]`, "Audience measurement")
	until("the new label in the preview's declaration", frame+`.querySelector("#declaration") && `+frame+`.querySelector("#declaration").textContent.includes("Audience measurement")`)
	until("the banner again", banner)
	press("#pv-prefs")
	until("the new label in the preferences dialog", frame+`.querySelector("#consent-preferences[open]") && `+frame+`.querySelector("#consent-preferences").textContent.includes("Audience measurement")`)

	press("#show-json")
	good := eval[string](t, ctx, `document.getElementById("json").value`)
	require.Contains(t, good, `"category": "statistics"`)
	typeInto("#json", strings.Replace(good, `"category": "statistics"`, `"category": "statistic"`, 1))
	until("the problem at its line", `[...document.querySelectorAll("#json-problems li")].some((li) => li.textContent.includes('did you mean "statistics"'))`)
	line := eval[string](t, ctx, `document.querySelector("#json-problems li").textContent`)
	// the form's edit re-wrote the JSON view: the line is counted in it
	want := 1 + strings.Count(good[:strings.Index(good, `"category": "statistics"`)], "\n")
	assert.True(t, strings.HasPrefix(line, "Line "+strconv.Itoa(want)+", column "), "%q: at line %d", line, want)
	until("the preview to stand aside", `!!(`+frame+` && `+frame+`.getElementById("preview-note"))`)
	typeInto("#json", good)
	until("the preview back", banner)

	press("#pv-accept")
	until("the gates after Accept all", `document.querySelectorAll("#gates li[data-state=open]").length === 3`)

	press("#save")
	until("the save", `document.getElementById("status").textContent.startsWith("Saved to")`)
	saved, err := os.ReadFile(path)
	require.NoError(t, err)
	pol, err := policy.Parse(saved)
	require.NoError(t, err, "the saved file validates")
	assert.Equal(t, "Audience measurement", pol.Categories[1].Label["en"])
}
