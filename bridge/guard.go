//go:build js && wasm

package bridge

import "github.com/hack-pad/safejs"

// guardedGet reads v[name] through Reflect.get, called as a function, so
// that a getter which throws (document.cookie in a sandboxed document, or a
// page that redefines it) gives an error. safejs's Get cannot catch that:
// wasm_exec.js reads properties without try/catch, and the exception would
// unwind through the Go runtime and leave it dead.
func (b *Bridge) guardedGet(v safejs.Value, name string) (safejs.Value, error) {
	r, err := b.global.Get("Reflect")
	if err != nil {
		return safejs.Undefined(), err
	}
	return r.Call("get", v, name)
}

// guardedSet assigns v[name] = x through Reflect.set, for the same reason.
func (b *Bridge) guardedSet(v safejs.Value, name string, x any) error {
	r, err := b.global.Get("Reflect")
	if err != nil {
		return err
	}
	_, err = r.Call("set", v, name, x)
	return err
}
