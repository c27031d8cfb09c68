//go:build js && wasm && consenttesthook

package main

// With the consenttesthook build tag (end-to-end tests only), the method
// setLanguage("__panic__") panics inside a Go callback, so tests can show that the
// runtime recovers, reports consent:error and keeps answering.
func init() {
	testHook = func(h func(string, []string) (string, error)) func(string, []string) (string, error) {
		return func(method string, args []string) (string, error) {
			if method == "setLanguage" && len(args) > 0 && args[0] == "__panic__" {
				var m map[string]int
				m["boom"]++ // a nil map write: a real runtime panic
			}
			return h(method, args)
		}
	}
}
