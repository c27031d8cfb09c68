//go:build !js

package policy

import (
	"regexp"
	"strings"
)

// defaultPatternEngine compiles patterns with Go's RE2 regexp. The pattern
// must compile alone (so "a)|(b" is refused) and anchored, which is how it
// is matched.
func defaultPatternEngine(pattern string) (func(string) bool, error) {
	_, err := regexp.Compile(pattern)
	var re *regexp.Regexp
	if err == nil {
		re, err = regexp.Compile(`^(?:` + pattern + `)$`)
	}
	if err != nil {
		return nil, patternError(strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	return re.MatchString, nil
}
