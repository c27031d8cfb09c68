//go:build js && wasm

package bridge

import (
	"errors"
	"strings"
)

// CompilePattern compiles a policy's cookie-name pattern with the
// browser's RegExp, anchored to the whole name (policy.PatternEngine). It
// spares the wasm Go's regexp package; patterns are RE2-validated by
// `consent validate`, and the RE2 subset cookie patterns use means the
// same in JavaScript.
func (b *Bridge) CompilePattern(pattern string) (func(string) bool, error) {
	ctor, err := b.global.Get("RegExp")
	if err != nil {
		return nil, wrap("read RegExp", err)
	}
	// The pattern must compile alone, so "a)|(b" is refused.
	if _, err := ctor.New(pattern); err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), "SyntaxError: "))
	}
	re, err := ctor.New("^(?:" + pattern + ")$")
	if err != nil {
		return nil, errors.New(strings.TrimPrefix(err.Error(), "SyntaxError: "))
	}
	return func(name string) bool {
		v, err := re.Call("test", name)
		if err != nil {
			return false
		}
		ok, _ := v.Bool()
		return ok
	}, nil
}
