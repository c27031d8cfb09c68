//go:build js && wasm

// Package bridge is the only Go code that touches the browser. It reads and
// writes document.cookie and Web Storage, finds and activates gated
// elements, dispatches events and hands views to the JS bridge
// (web/src/ui.js through web/src/loader.js). It knows no consent rules: the
// policy package decides, this package does. Every call goes through safejs
// and returns an error instead of panicking; every Go function handed to
// JavaScript recovers from panics (see Func).
package bridge

import (
	"errors"
	"strings"

	"github.com/hack-pad/safejs"
)

// HooksGlobal is the global through which loader.js hands its hooks object
// to Go. Attach takes it and deletes it.
const HooksGlobal = "__consentBridge"

// Bridge holds the browser objects Go talks to.
type Bridge struct {
	global safejs.Value
	doc    safejs.Value
	hooks  safejs.Value
	perf   int8 // loader.js's mark hook: 0 not looked up yet, 1 there, -1 not (see Mark)
}

// Attach takes the loader's hooks object from the global HooksGlobal.
func Attach() (*Bridge, error) {
	g := safejs.Global()
	hooks, err := g.Get(HooksGlobal)
	if err != nil {
		return nil, wrap("read "+HooksGlobal, err)
	}
	if hooks.Type() != safejs.TypeObject {
		return nil, errors.New("bridge: " + HooksGlobal + " is missing: consent.wasm must be started by consent.js")
	}
	_ = g.Delete(HooksGlobal)
	doc, err := g.Get("document")
	if err != nil {
		return nil, wrap("read document", err)
	}
	return &Bridge{global: g, doc: doc, hooks: hooks}, nil
}

func wrap(what string, err error) error {
	return errors.New("bridge: " + what + ": " + err.Error())
}

// hook calls one of loader.js's hooks with string arguments.
func (b *Bridge) hook(name string, args ...any) (safejs.Value, error) {
	v, err := b.hooks.Call(name, args...)
	if err != nil {
		return safejs.Undefined(), wrap("hook "+name, err)
	}
	return v, nil
}

// Cookie returns document.cookie.
func (b *Bridge) Cookie() (string, error) {
	v, err := b.guardedGet(b.doc, "cookie")
	if err != nil {
		return "", wrap("read document.cookie", err)
	}
	if v.Type() != safejs.TypeString {
		return "", nil
	}
	return v.String()
}

// SetCookie assigns one cookie string to document.cookie.
func (b *Bridge) SetCookie(s string) error {
	if err := b.guardedSet(b.doc, "cookie", s); err != nil {
		return wrap("write document.cookie", err)
	}
	return nil
}

// Location returns the page's host name, path and whether it is https.
func (b *Bridge) Location() (host, path string, secure bool, err error) {
	loc, err := b.global.Get("location")
	if err != nil {
		return "", "/", false, wrap("read location", err)
	}
	host = b.stringProp(loc, "hostname")
	path = b.stringProp(loc, "pathname")
	if path == "" {
		path = "/"
	}
	return host, path, b.stringProp(loc, "protocol") == "https:", nil
}

// GPC reports whether the browser sends Global Privacy Control.
func (b *Bridge) GPC() bool {
	nav, err := b.global.Get("navigator")
	if err != nil {
		return false
	}
	v, err := b.guardedGet(nav, "globalPrivacyControl")
	if err != nil || v.Type() != safejs.TypeBoolean {
		return false
	}
	on, _ := v.Bool()
	return on
}

// Languages returns the page's lang attribute and the browser's languages.
func (b *Bridge) Languages() (page string, browser []string) {
	if root, err := b.doc.Get("documentElement"); err == nil && root.Type() == safejs.TypeObject {
		page = b.stringProp(root, "lang")
	}
	nav, err := b.global.Get("navigator")
	if err != nil {
		return page, nil
	}
	if list, err := b.guardedGet(nav, "languages"); err == nil && list.Type() == safejs.TypeObject {
		n, _ := list.Length()
		for i := 0; i < n && i < 20; i++ {
			if v, err := list.Index(i); err == nil && v.Type() == safejs.TypeString {
				s, _ := v.String()
				browser = append(browser, s)
			}
		}
	}
	if len(browser) == 0 {
		if s := b.stringProp(nav, "language"); s != "" {
			browser = append(browser, s)
		}
	}
	return page, browser
}

// StorageKeys returns the keys of localStorage or sessionStorage (kind is
// the global's name). A storage the browser blocks has no keys.
func (b *Bridge) StorageKeys(kind string) []string {
	v, err := b.hook("storageKeys", kind)
	if err != nil {
		return nil
	}
	s, err := v.String()
	if err != nil || s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// RemoveStorage removes keys from localStorage or sessionStorage.
func (b *Bridge) RemoveStorage(kind string, keys []string) error {
	if len(keys) == 0 {
		return nil
	}
	_, err := b.hook("storageRemove", kind, strings.Join(keys, "\n"))
	return err
}

// RandomBytes returns n bytes from crypto.getRandomValues.
func (b *Bridge) RandomBytes(n int) ([]byte, error) {
	arr, err := b.hook("random", n)
	if err != nil {
		return nil, err
	}
	out := make([]byte, n)
	if _, err := safejs.CopyBytesToGo(out, arr); err != nil {
		return nil, wrap("copy random bytes", err)
	}
	return out, nil
}

// Render hands a view (policy.ViewJSON) to the JS bridge.
func (b *Bridge) Render(viewJSON string) error {
	_, err := b.hook("render", viewJSON)
	return err
}

// Declarations fills every [data-consent-declaration] element with the
// declaration (policy.DeclarationJSON).
func (b *Bridge) Declarations(declJSON string) error {
	_, err := b.hook("declarations", declJSON)
	return err
}

// Dispatch fires a CustomEvent on window with a JSON detail.
func (b *Bridge) Dispatch(name, detailJSON string) error {
	_, err := b.hook("dispatch", name, detailJSON)
	return err
}

// DataLayer pushes entries (a JSON array, policy.ConsentModeStartJSON)
// onto window.dataLayer: arrays as gtag() arguments objects, objects as
// they are.
func (b *Bridge) DataLayer(entriesJSON string) error {
	_, err := b.hook("dataLayer", entriesJSON)
	return err
}

// Reload reloads the page.
func (b *Bridge) Reload() {
	if loc, err := b.global.Get("location"); err == nil {
		_, _ = loc.Call("reload")
	}
}

// Log writes a warning to the console.
func (b *Bridge) Log(msg string) {
	if c, err := b.global.Get("console"); err == nil {
		_, _ = c.Call("warn", "consent: "+msg)
	}
}

// stringProp reads a string property through guardedGet: a page may
// redefine even lang or tagName with a getter that throws.
func (b *Bridge) stringProp(v safejs.Value, name string) string {
	p, err := b.guardedGet(v, name)
	if err != nil || p.Type() != safejs.TypeString {
		return ""
	}
	s, _ := p.String()
	return s
}
