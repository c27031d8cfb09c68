package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestWebSrcDecidesNothing: Go says, JS draws. web/src holds no default
// value and no rule about categories, services, gated tags or languages:
// the policy arrives complete from Parse, the views carry every state and
// text, and the tags and how they open come from policy/gatetags.go.
func TestWebSrcDecidesNothing(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(root, "web", "src", "*.js"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no web/src/*.js: %v", err)
	}
	banned := []struct{ text, why string }{
		// Defaults of the policy (Parse fills them).
		{`"bar"`, "a layout default"}, {`"auto"`, "a theme default"}, {`"ltr"`, "a direction default"},
		{`"cookie"`, "a storage default"}, {`|| id`, "an id standing in for a label"}, {`|| sid`, "an id standing in for a label"},
		// Rules about categories and services (the view says them).
		{`required`, "a category's required flag decides a switch"},
		{`function ||`, "a fallback of a declaration cell"},
		// Gated tags and the gate rule (policy/gatetags.go).
		{`[data-category]`, "the gate selector"}, {`mediaTags`, "a list of gated tags"}, {`navigables`, "a list of gated tags"},
		{`tag ===`, "deciding by tag"}, {`tagName.toLowerCase`, "deciding by tag"}, {`getAttribute("type")`, "the gate rule"},
		// Languages (texts.Match, ChooseLanguage) and patterns (policy/pattern).
		{`navigator.language`, "choosing a language"}, {`RegExp`, "a pattern engine"},
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range strings.Split(string(b), "\n") {
			code := line
			if j := strings.Index(code, "//"); j >= 0 && !strings.Contains(code[:j], `"`) {
				code = code[:j]
			}
			for _, bad := range banned {
				if strings.Contains(code, bad.text) {
					t.Errorf("%s:%d: %s (%s): %s", filepath.Base(f), i+1, bad.text, bad.why, strings.TrimSpace(line))
				}
			}
		}
	}
}
