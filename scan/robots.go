package scan

import (
	"strings"
)

// UserAgentToken is the name the scanner answers to in robots.txt; it
// also obeys the rules for "*".
const UserAgentToken = "consent-scan"

// Robots holds the rules of one robots.txt (RFC 9309) that apply to the
// scanner. The zero value allows everything.
type Robots struct {
	rules []robotsRule
}

type robotsRule struct {
	allow   bool
	pattern string
}

// ParseRobots parses a robots.txt and keeps the group for UserAgentToken,
// or else the "*" group.
func ParseRobots(text string) *Robots {
	type group struct {
		agents []string
		rules  []robotsRule
	}
	var groups []*group
	var cur *group
	lastWasAgent := false
	for _, line := range strings.Split(text, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		key, val, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		key = strings.ToLower(strings.TrimSpace(key))
		val = strings.TrimSpace(val)
		switch key {
		case "user-agent":
			if cur == nil || !lastWasAgent {
				cur = &group{}
				groups = append(groups, cur)
			}
			cur.agents = append(cur.agents, strings.ToLower(val))
			lastWasAgent = true
		case "allow", "disallow":
			lastWasAgent = false
			if cur == nil {
				continue
			}
			if val == "" {
				// "Disallow:" with no path allows everything.
				continue
			}
			cur.rules = append(cur.rules, robotsRule{allow: key == "allow", pattern: val})
		default:
			lastWasAgent = false
		}
	}
	var star *group
	for _, g := range groups {
		for _, a := range g.agents {
			if a == UserAgentToken {
				return &Robots{rules: g.rules}
			}
			if a == "*" && star == nil {
				star = g
			}
		}
	}
	if star != nil {
		return &Robots{rules: star.rules}
	}
	return &Robots{}
}

// Allowed reports whether the path (with its query) may be fetched: the
// longest matching rule wins, and Allow wins a tie.
func (r *Robots) Allowed(pathQuery string) bool {
	if r == nil {
		return true
	}
	if pathQuery == "" {
		pathQuery = "/"
	}
	best, allow := -1, true
	for _, rule := range r.rules {
		if !robotsMatch(rule.pattern, pathQuery) {
			continue
		}
		if l := len(rule.pattern); l > best || l == best && rule.allow {
			best, allow = l, rule.allow
		}
	}
	return allow
}

// robotsMatch matches a robots.txt path pattern: a prefix match where "*"
// matches any run of characters and a final "$" anchors the end.
func robotsMatch(pattern, p string) bool {
	anchored := strings.HasSuffix(pattern, "$")
	pattern = strings.TrimSuffix(pattern, "$")
	parts := strings.Split(pattern, "*")
	if !strings.HasPrefix(p, parts[0]) {
		return false
	}
	pos := len(parts[0])
	for i, part := range parts[1:] {
		if i == len(parts)-2 && anchored {
			// The last part must end the path.
			return strings.HasSuffix(p[pos:], part)
		}
		j := strings.Index(p[pos:], part)
		if j < 0 {
			return false
		}
		pos += j + len(part)
	}
	return !anchored || pos == len(p)
}
