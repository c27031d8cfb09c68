//go:build !js

package policy

import (
	"regexp"
	"strings"
)

// defaultPatternEngine compiles patterns with Go's RE2 regexp, anchored to
// the whole name and with "." matching every character (JSPatternFlags).
func defaultPatternEngine(pattern string) (func(string) bool, error) {
	re, err := regexp.Compile(`(?s)` + AnchoredPattern(pattern))
	if err != nil {
		return nil, patternError(strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	return re.MatchString, nil
}
