//go:build js && wasm

package bridge

import "github.com/hack-pad/safejs"

// Follow has loader.js call Go's "sync" method whenever the stored choice
// may have changed elsewhere: on pageshow for a page restored from the
// back/forward cache, on visibilitychange to visible, on a message of the
// BroadcastChannel named channel, and on the Cookie Store API's change
// event for cookieName where the browser has one; a browser with neither
// channel nor Cookie Store is polled once a second while visible. It also
// has loader.js call "sweep" whenever a cookie is set while the page lives
// (the change event; without a Cookie Store, on visibilitychange and once
// a second while visible), so that a refused cookie a tracker re-creates
// is deleted at once. No unload handler is used, and the channel is closed
// on pagehide, so the page stays eligible for the back/forward cache.
func (b *Bridge) Follow(channel, cookieName string) error {
	_, err := b.hook("follow", channel, cookieName)
	return err
}

// Announce posts on the channel of Follow, so that the site's other tabs
// read the consent cookie again.
func (b *Bridge) Announce() error {
	_, err := b.hook("announce")
	return err
}

// CookiesEnabled is navigator.cookieEnabled; true when it cannot be read.
func (b *Bridge) CookiesEnabled() bool {
	nav, err := b.global.Get("navigator")
	if err != nil {
		return true
	}
	v, err := b.guardedGet(nav, "cookieEnabled")
	if err != nil || v.Type() != safejs.TypeBoolean {
		return true
	}
	on, _ := v.Bool()
	return on
}
