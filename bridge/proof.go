//go:build js && wasm

package bridge

import (
	"errors"

	"github.com/hack-pad/safejs"
)

// Origin returns location.origin, "" when it cannot be read.
func (b *Bridge) Origin() string {
	loc, err := b.global.Get("location")
	if err != nil {
		return ""
	}
	return b.stringProp(loc, "origin")
}

// LoadItem returns localStorage's value of key, "" when there is none or
// the browser blocks the storage.
func (b *Bridge) LoadItem(key string) string {
	v, err := b.hook("storageGet", key)
	if err != nil || v.Type() != safejs.TypeString {
		return ""
	}
	s, _ := v.String()
	return s
}

// StoreItem sets localStorage's key to value ("" removes it).
func (b *Bridge) StoreItem(key, value string) error {
	v, err := b.hook("storageSet", key, value)
	if err != nil {
		return err
	}
	if ok, _ := v.Bool(); !ok {
		return errors.New("bridge: localStorage refused " + key)
	}
	return nil
}

// SendProof POSTs body (JSON) to url with fetch keepalive and calls done
// with the HTTP status, or 0 when no answer came. done runs later, in its
// own task; a panic in it is logged, never thrown into JavaScript.
func (b *Bridge) SendProof(url, body string, done func(status int)) error {
	var fn safejs.Func
	fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		defer fn.Release()
		defer func() {
			if r := recover(); r != nil {
				b.Log("proof of consent: internal error: " + panicString(r))
			}
		}()
		status := 0
		if len(args) > 0 && args[0].Type() == safejs.TypeNumber {
			status, _ = args[0].Int()
		}
		done(status)
		return nil
	})
	if err != nil {
		return wrap("create the proof callback", err)
	}
	if _, err := b.hook("sendProof", url, body, fn.Value()); err != nil {
		fn.Release()
		return err
	}
	return nil
}
