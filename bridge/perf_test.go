//go:build js && wasm

package bridge

import (
	"syscall/js"
	"testing"
)

// With data-perf, loader.js hands a mark hook and each Mark reaches it;
// without it, Mark calls nothing.
func TestMark(t *testing.T) {
	b, h := attach(t, nil)
	b.Mark("main")
	if n := len(h.called("mark")); n != 0 {
		t.Errorf("without a mark hook: %d calls", n)
	}

	b, h = attach(t, nil)
	var got []string
	fn := js.FuncOf(func(_ js.Value, args []js.Value) any {
		got = append(got, args[0].String())
		return nil
	})
	defer fn.Release()
	h.obj.Set("mark", fn)
	b.Mark("main")
	b.Mark("parsed")
	equal(t, "marks", got, []string{"main", "parsed"})
}
