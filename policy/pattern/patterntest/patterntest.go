// Package patterntest holds the dialect's test corpus, shared by the tests
// of package pattern and of the JSON Schema in package policy.
package patterntest

import "strings"

// Allowed are patterns in the dialect: each passes pattern.Check and
// compiles in Go's regexp.
var Allowed = []string{
	`a`, `_ga`, `^_ga_.*$`, `_pk_id\..*`, `_pk_(cvar|hsr)\..+`, `_ga_[A-Za-z0-9]+`,
	`[a-z0-9_]+`, `[^_]x`, `[-a]`, `[a-]`, `[a-z-]`, `[\-x]`, `[\]\[\\]`, `[.*+?(){}|$/^]`,
	`\d\D\w\W`, `[\d\w]`, `[^\W]`, `\.\*\+\?\(\)\[\]\{\}\|\^\$\\\/`,
	`(a)`, `(?:a|b)`, `a|`, `()`, `(?:)*`, `a*?`, `a+?`, `a??`, `a{2}`, `a{2,}`, `a{2,5}`, `a{2,5}?`,
	`a{0}`, `a{1000}`, `(?:a{10}){100}`, `^$`, `(^a|b$)`, `é+`, `ytidb::.+`, `yt-remote-.+`,
	`mtm_.+`, `_hj.*`, `x{0,999}`, `(?:a+)+b`, `(a|a)*b`, `.*.*.*.*.*x`,
}

// Refused are patterns outside the dialect, each with a word of the
// message that says why.
var Refused = []struct{ Pattern, Msg string }{
	{`(?i)_ga`, "flags"}, {`(?i:a)`, "flags"}, {`(?s).`, "flags"}, {`(?m)^a`, "flags"},
	{`(?P<n>a)`, "named groups"}, {`(?<n>a)`, "named groups"}, {`(?'n'a)`, "named groups"},
	{`(?=a)`, "look-ahead"}, {`(?!a)`, "look-ahead"}, {`(?<=a)b`, "look-behind"}, {`(?<!a)b`, "look-behind"},
	{`\sa`, `\s`}, {`\S`, `\S`}, {`\Aa`, `\A`}, {`a\z`, `\z`}, {`a\Z`, `\Z`}, {`\ba`, "word boundary"},
	{`[[:alpha:]]`, "POSIX"}, {`[a[:digit:]]`, "POSIX"}, {`\pL`, "Unicode"}, {`\p{Greek}`, "Unicode"}, {`\PL`, "Unicode"},
	{`\Q.\E`, `\Q`}, {`(a)\1`, "back-references"}, {`\k<n>`, "back-references"},
	{`\x41`, "character codes"}, {`\u0041`, "character codes"}, {`\n`, "escape"}, {`\t`, "escape"},
	{`\_`, "needs no backslash"}, {`a\-b`, `\-`}, {`a\`, "trailing backslash"},
	{`*a`, "nothing to repeat"}, {`a|+`, "nothing to repeat"}, {`^*`, "nothing to repeat"}, {`a$?`, "nothing to repeat"},
	{`a**`, "cannot be repeated"}, {`a{2}{3}`, "cannot be repeated"}, {`a*??`, "cannot be repeated"},
	{`a{`, "repetition"}, {`a{,3}`, "repetition"}, {`a{2`, "repetition"}, {`a{x}`, "repetition"}, {`a}`, `\}`},
	{`a{02}`, "must not start with 0"}, {`a{1,02}`, "must not start with 0"}, {`a{00}`, "must not start with 0"},
	{`a{3,2}`, "below the minimum"}, {`a{1001}`, "above 1000"}, {`(?:a{100}){11}`, "multiply"},
	{`(a`, `missing ")"`}, {`a)`, `unmatched ")"`}, {`a)|(b`, `unmatched ")"`}, {`[a`, `missing "]"`},
	{`[]a]`, "empty class"}, {`[^]`, "empty class"}, {`a]`, `\]`}, {`[a[]`, `\[`},
	{`[z-a]`, "before the start"}, {`[\d-z]`, "range"}, {`[a-\d]`, "range"}, {`[a-b-c]`, "range"},
	{`x{0,1000}`, "too large"}, {`(?:abcdefghij){201}`, "too large"}, {`a{1000}b{1000}`, "too large"},
	{``, "empty"}, {strings.Repeat("a", 1001), "longer"}, {"\xff", "UTF-8"},
	{strings.Repeat("(", 101) + strings.Repeat(")", 101), "nested"},
}
