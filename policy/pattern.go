package policy

// A PatternEngine compiles a cookie-name pattern, already checked by
// CheckPattern, into a matcher of whole names. The error says what is
// wrong with the pattern.
//
// Natively the engine is Go's regexp package. In the browser it is
// installed by the wasm (SetPatternEngine) on top of JavaScript's RegExp:
// Go's regexp and its Unicode tables would add about 100 KB to the wasm
// every visitor downloads, for the few patterns a policy has. Both compile
// AnchoredPattern, Go with (?s) and JavaScript with JSPatternFlags; on the
// dialect CheckPattern allows, the two match exactly the same names
// (bridge's differential test proves it in Chromium).
type PatternEngine func(pattern string) (func(name string) bool, error)

// compilePattern is the engine in use.
var compilePattern PatternEngine = defaultPatternEngine

// SetPatternEngine replaces the pattern engine; nil restores the default.
func SetPatternEngine(e PatternEngine) {
	if e == nil {
		e = defaultPatternEngine
	}
	compilePattern = e
}

// matcher checks a pattern against the dialect, then compiles it with the
// engine in use: no engine ever sees a pattern outside the dialect.
func matcher(pattern string) (func(string) bool, error) {
	if err := CheckPattern(pattern); err != nil {
		return nil, err
	}
	return compilePattern(pattern)
}

// patternError is a pattern engine's complaint.
type patternError string

func (e patternError) Error() string { return string(e) }
