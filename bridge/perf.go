//go:build js && wasm

package bridge

import "github.com/hack-pad/safejs"

// Mark records the performance mark "consent:"+name through loader.js's
// mark hook, which loader.js hands over only when its script tag carries
// data-perf (the bench's pages do). Without the hook Mark costs one
// property read on its first call and a comparison after that.
func (b *Bridge) Mark(name string) {
	if b.perf == 0 {
		b.perf = -1
		if v, err := b.hooks.Get("mark"); err == nil && v.Type() == safejs.TypeFunction {
			b.perf = 1
		}
	}
	if b.perf > 0 {
		_, _ = b.hooks.Call("mark", name)
	}
}
