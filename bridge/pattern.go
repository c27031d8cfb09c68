//go:build js && wasm

package bridge

import (
	"errors"
	"strings"

	"github.com/consentwasm/consent/policy"
)

// CompilePattern compiles a policy's cookie-name pattern with the
// browser's RegExp (policy.PatternEngine): policy.AnchoredPattern with
// policy.JSPatternFlags. It spares the wasm Go's regexp package. The
// pattern was checked by policy.CheckPattern first; on that dialect RegExp
// and Go's regexp match the same names (pattern_test.go proves it).
func (b *Bridge) CompilePattern(pattern string) (func(string) bool, error) {
	if err := policy.CheckPattern(pattern); err != nil {
		return nil, err
	}
	ctor, err := b.global.Get("RegExp")
	if err != nil {
		return nil, wrap("read RegExp", err)
	}
	re, err := ctor.New(policy.AnchoredPattern(pattern), policy.JSPatternFlags)
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
