package policy

// A PatternEngine compiles a cookie-name pattern, an RE2 regular
// expression matched against the whole name, into a matcher. The error
// says what is wrong with the pattern.
//
// Natively the engine is Go's regexp package. In the browser it is
// installed by the wasm (SetPatternEngine) on top of JavaScript's RegExp:
// Go's regexp and its Unicode tables would add about 100 KB to the wasm
// every visitor downloads, for the few patterns a policy has. Policies are
// validated with RE2 by `consent validate` and the schema; the browser
// accepts what RE2 accepts and matches it the same way for the patterns
// cookie names need (literals, classes, repetition, alternation).
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

// patternError is a pattern engine's complaint.
type patternError string

func (e patternError) Error() string { return string(e) }
