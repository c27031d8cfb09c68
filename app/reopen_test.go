package app

import (
	"strings"
	"testing"
)

// TestReopenButton: after a choice the view carries the reopen button,
// however the choice was made; it follows a language change, goes with a
// reset and never shows with "reopen": "none".
func TestReopenButton(t *testing.T) {
	b := newFake()
	pg := load(t, b, smallPolicy)
	equal(t, "first visit: the banner, no button", b.drawn(t), []string{"banner"})

	b.clearLog()
	pg.call("action", "accept-all", "")
	equal(t, "after a choice in the banner", b.drawn(t), []string{"reopen"})

	b.clearLog()
	pg.call("action", "customize", "")
	equal(t, "the dialog opens with the button kept under it", b.drawn(t), []string{"preferences"})
	equal(t, "reopen under the dialog", b.lastView(t).Reopen, true)
	pg.call("action", "close", "")
	equal(t, "closed again", b.drawn(t), []string{"preferences", "reopen"})

	b.clearLog()
	pg.call("setLanguage", "fr")
	equal(t, "a language change redraws it", b.drawn(t), []string{"reopen"})
	equal(t, "in French", b.lastView(t).Texts["reopen"], "Paramètres des cookies")

	b.clearLog()
	pg.call("set", `{"categories":{"statistics":false}}`)
	equal(t, "an API choice keeps it", b.drawn(t), []string{"reopen"})

	b.clearLog()
	pg.call("reset")
	equal(t, "reset: the banner again, no button", b.drawn(t), []string{"banner"})

	b.clearLog()
	pg.call("set", `{"categories":{"statistics":true}}`)
	pg = pg.reload()
	equal(t, "a returning visitor gets the button", b.drawn(t), []string{"reopen"})

	none := strings.Replace(smallPolicy, `"revision": 3,`, `"revision": 3, "reopen": "none",`, 1)
	nb := newFake()
	np := load(t, nb, none)
	np.call("action", "accept-all", "")
	np.call("setLanguage", "fr")
	equal(t, `"reopen": "none": the banner goes, no button comes`, nb.drawn(t), []string{"banner", "nothing"})
	np.reload()
	equal(t, `"reopen": "none": nothing drawn for a returning visitor`, nb.drawn(t), []string{})
}
