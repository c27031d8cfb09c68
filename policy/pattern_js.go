//go:build js

package policy

// defaultPatternEngine refuses every pattern until the wasm installs the
// browser's engine with SetPatternEngine: no pattern matches by accident.
func defaultPatternEngine(string) (func(string) bool, error) {
	return nil, patternError("no regular expression engine is installed")
}
