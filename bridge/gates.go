//go:build js && wasm

package bridge

import (
	"github.com/hack-pad/safejs"
)

// Gate is an element of the page whose content waits for consent
// (docs/api.md#gated-content): a text/plain script, an iframe, img, video, audio, embed
// or source with data-category and optionally data-service.
type Gate struct {
	el       safejs.Value
	Tag      string // lower-case tag name
	Category string // as written, "!" included
	Service  string
	// State is "" for an element not seen yet, "blocked" or "live".
	State string
	// Type is the type attribute (whether a script is a gate is Go's
	// rule: policy.IsGate).
	Type string
}

// Gates returns the elements matching selector (policy.GateScanSelector)
// in document order, as they are: which of them are gates is not decided
// here.
func (b *Bridge) Gates(selector string) ([]Gate, error) {
	list, err := b.doc.Call("querySelectorAll", selector)
	if err != nil {
		return nil, wrap("find gated elements", err)
	}
	n, err := list.Length()
	if err != nil {
		return nil, wrap("count gated elements", err)
	}
	gates := make([]Gate, 0, n)
	for i := 0; i < n; i++ {
		el, err := list.Index(i)
		if err != nil {
			continue
		}
		g := Gate{el: el, Tag: lower(b.stringProp(el, "tagName"))}
		g.Category = attr(el, "data-category")
		g.Service = attr(el, "data-service")
		g.State = attr(el, "data-consent-state")
		g.Type = attr(el, "type")
		gates = append(gates, g)
	}
	return gates, nil
}

// Open makes a gate live the way kind and attr say (policy.GateOpening and
// GateSourceAttr): a script runs (once per page view, keeping its nonce
// and attributes), media get their data-src in attr.
func (b *Bridge) Open(g Gate, kind, attr string) error {
	if g.State == "live" {
		return nil
	}
	_, err := b.hook("activate", g.el, kind, attr)
	return err
}

// Close keeps a gate shut the way kind and attr say: media lose their
// source and, where placeholderJSON is not empty, a placeholder offers to
// accept the service in place. A script that already ran stays live.
func (b *Bridge) Close(g Gate, placeholderJSON, kind, attr string) error {
	_, err := b.hook("deactivate", g.el, placeholderJSON, kind, attr)
	return err
}

// Elements returns the elements matching a CSS selector.
func (b *Bridge) Elements(selector string) ([]safejs.Value, error) {
	list, err := b.doc.Call("querySelectorAll", selector)
	if err != nil {
		return nil, wrap("query "+selector, err)
	}
	n, err := list.Length()
	if err != nil {
		return nil, wrap("count "+selector, err)
	}
	out := make([]safejs.Value, 0, n)
	for i := 0; i < n; i++ {
		if el, err := list.Index(i); err == nil {
			out = append(out, el)
		}
	}
	return out, nil
}

func attr(el safejs.Value, name string) string {
	v, err := el.Call("getAttribute", name)
	if err != nil || v.Type() != safejs.TypeString {
		return ""
	}
	s, _ := v.String()
	return s
}

func lower(s string) string {
	b := []byte(s)
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}
