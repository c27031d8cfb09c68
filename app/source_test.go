package app

import (
	"strings"
	"testing"
)

// TestRecordSaysWhoChose: consent.acceptAll() called by the site's code is
// recorded with source api, a click on the banner's Accept all with source
// banner; the method stays accept-all for both.
func TestRecordSaysWhoChose(t *testing.T) {
	pg := load(t, mannheimPage(), mannheim(t))
	if got := pg.call("acceptAll"); !strings.Contains(got, `"method":"accept-all","source":"api"`) {
		t.Errorf("consent.acceptAll() recorded %s, want method accept-all, source api", got)
	}
	if got := pg.call("action", "accept-all", "{}"); !strings.Contains(got, `"method":"accept-all","source":"banner"`) {
		t.Errorf("the banner's Accept all recorded %s, want method accept-all, source banner", got)
	}
	if got := pg.call("get"); !strings.Contains(got, `"source":"banner"`) {
		t.Errorf("get() = %s after the banner's click", got)
	}
}
