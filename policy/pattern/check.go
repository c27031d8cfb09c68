// Package pattern is the cookie-name pattern dialect of
// docs/policy.md#the-pattern-dialect and the project's own matcher for it:
// one parser that checks a pattern and compiles it to a small program, and
// a matcher that runs the program's Thompson NFA as a lazily built, bounded
// DFA against a whole name, in time linear in the name's length (times the
// program's size at worst). No pattern can backtrack, so none can freeze a
// page: the CLI, the scanner and the wasm all match with this code, and
// what `consent validate` accepts is exactly what the browser runs.
//
// It imports neither regexp nor unicode: the dialect's classes \d and \w
// are ASCII, so the matcher needs no Unicode tables.
package pattern

import "strconv"

// MaxLength is the longest pattern a policy may have, in bytes.
const MaxLength = 1000

// MaxProgram is the most instructions a pattern may compile to. Matching
// costs at most the name's length times this, so it bounds the time one
// name takes. Counted repetitions copy what they repeat: a{1000} is 1000
// instructions, (?:abc){5,10} is 45.
const MaxProgram = 2000

// maxRepeat is the largest count of {n,m} and of nested counts multiplied,
// RE2's limit.
const maxRepeat = 1000

// maxGroupDepth bounds how deeply groups nest.
const maxGroupDepth = 100

// Check reports whether s is a cookie-name pattern in the dialect: the
// part of regular expressions on which RE2 and JavaScript agree. It allows
// literals, ".", classes such as [a-z0-9_] and [^…], \d \w \D \W, escaped
// metacharacters, groups ( ) and (?: ), alternation, the quantifiers
// * + ? {n} {n,} {n,m} (also lazy), and ^ $. The error says what is not
// allowed and where (a 1-based character position).
//
// It is Compile without the result: every consumer (Parse, so `consent
// validate` and the browser alike, the scanner's drafts and the importer)
// checks with the same parser that compiles.
func Check(s string) error {
	_, err := Compile(s)
	return err
}

// Error is the complaint about a pattern.
type Error string

func (e Error) Error() string { return string(e) }

func itoa(n int) string { return strconv.Itoa(n) }
