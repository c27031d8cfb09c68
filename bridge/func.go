//go:build js && wasm

package bridge

import (
	"strconv"

	"github.com/hack-pad/safejs"
)

// Handler answers a call from JavaScript: method and its arguments (JSON
// text, as loader.js sends them). It returns a JSON result, or an error
// whose message JavaScript turns into a rejected Promise or a thrown Error.
type Handler func(method string, args []string) (string, error)

// Serve hands JavaScript the Go entry point: loader.js's attach hook
// receives a function call(method, ...args) that returns "=" followed by a
// JSON result, "?" followed by the message of a wrong argument (an error
// with a TypeError method, which JavaScript throws as a TypeError), or "!"
// followed by any other error's message. A panic in h is
// recovered, reported through onPanic and answered as an error, so the Go
// runtime keeps serving: a dead runtime would be a dead consent manager.
// watch, the CSS selector of added nodes worth a new scan
// (policy.GateWatchSelector), goes to the attach hook too.
func (b *Bridge) Serve(h Handler, onPanic func(msg string), watch string) error {
	fn, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) (result any) {
		method := "?"
		defer func() {
			if r := recover(); r != nil {
				msg := "internal error in " + method + ": " + panicString(r)
				if onPanic != nil {
					func() {
						defer func() { _ = recover() }()
						onPanic(msg)
					}()
				}
				result = "!" + msg
			}
		}()
		strs := make([]string, len(args))
		for i, a := range args {
			if a.Type() == safejs.TypeString {
				strs[i], _ = a.String()
			}
		}
		if len(strs) == 0 {
			return "!no method given"
		}
		method = strs[0]
		out, err := h(method, strs[1:])
		if err != nil {
			if te, ok := err.(interface{ TypeError() bool }); ok && te.TypeError() {
				return "?" + err.Error()
			}
			return "!" + err.Error()
		}
		return "=" + out
	})
	if err != nil {
		return wrap("create the Go entry point", err)
	}
	// The function lives as long as the page: it is never released.
	_, err = b.hook("attach", fn.Value(), watch)
	return err
}

func panicString(r any) string {
	switch v := r.(type) {
	case error:
		return v.Error()
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	default:
		return "panic"
	}
}
