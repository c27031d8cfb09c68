package policy

import (
	"strings"
	"testing"
)

// TestGateRules: the one list of gated tags and the rules the bridge and
// loader.js carry out. A script is a gate only while its type is
// text/plain; every gated tag is scanned and watched, and says how it
// opens.
func TestGateRules(t *testing.T) {
	for _, c := range []struct {
		tag, typ string
		want     bool
	}{
		{"script", "text/plain", true}, {"script", " TEXT/PLAIN ", true}, {"script", "text/javascript", false},
		{"script", "", false}, {"script", "module", false}, {"iframe", "", true}, {"img", "", true},
		{"object", "", true}, {"div", "", false}, {"link", "", false},
	} {
		if got := IsGate(c.tag, c.typ); got != c.want {
			t.Errorf("IsGate(%q, %q) = %v, want %v", c.tag, c.typ, got, c.want)
		}
	}
	scan, watch := GateScanSelector(), GateWatchSelector()
	for _, tag := range gateTags {
		if GateOpening(tag) == "" {
			t.Errorf("%s has no way to open", tag)
		}
		if !strings.Contains(scan, tag+"[data-category]") || !strings.Contains(watch, tag+"[data-category]") {
			t.Errorf("%s is not scanned (%s) or watched (%s)", tag, scan, watch)
		}
	}
	if !strings.Contains(scan, "script[data-category]:not([data-consent-state=live])") || !strings.HasSuffix(watch, ",[data-consent-declaration]") {
		t.Errorf("selectors: %s / %s", scan, watch)
	}
	for tag, want := range map[string][2]string{"script": {"script", ""}, "iframe": {"frame", "src"}, "object": {"frame", "data"},
		"embed": {"frame", "src"}, "img": {"media", "src"}, "source": {"source", "src"}} {
		if got := [2]string{GateOpening(tag), GateSourceAttr(tag)}; got != want {
			t.Errorf("%s opens as %v, want %v", tag, got, want)
		}
	}
}
