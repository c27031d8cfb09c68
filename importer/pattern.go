package importer

import (
	"fmt"
	"strings"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/pattern"
)

// patternFor translates a JavaScript regular expression, which both
// vanilla-cookieconsent and Klaro test against a cookie name (a search,
// not anchored), into the policy's pattern dialect (docs/policy.md#the-pattern-dialect), matched
// against the whole name. The "i" flag is spelled out as classes ([Aa]);
// "g", "y", "d", "s", "m" and "u" change nothing for a cookie name. The
// error says why it cannot be translated.
func patternFor(re RegExp) (string, error) {
	fold := false
	for _, f := range re.Flags {
		switch f {
		case 'i':
			fold = true
		case 'g', 'y', 'd', 's', 'm', 'u':
		default:
			return "", fmt.Errorf("/%s/%s: the flag %q has no equivalent", re.Source, re.Flags, f)
		}
	}
	src := rewrite(re.Source, fold)
	body, prefix, suffix := src, ".*", ".*"
	if topLevelAlternation(src) {
		body = "(?:" + src + ")"
	} else {
		if strings.HasPrefix(body, "^") {
			body, prefix = body[1:], ""
		}
		if endsWithAnchor(body) {
			body, suffix = body[:len(body)-1], ""
		}
		if strings.HasPrefix(body, ".*") {
			prefix = ""
		}
		if strings.HasSuffix(body, ".*") && !strings.HasSuffix(body, `\.*`) {
			suffix = ""
		}
	}
	out := prefix + body + suffix
	if err := pattern.Check(out); err != nil {
		return "", fmt.Errorf("/%s/%s: %v", re.Source, re.Flags, err)
	}
	return out, nil
}

// rewrite drops the backslashes JavaScript tolerates and the dialect does
// not (\- outside a class, \_ …), and with fold spells every letter in
// both cases.
func rewrite(s string, fold bool) string {
	var b strings.Builder
	var extra strings.Builder // the other case of a class's letters
	inClass := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			e := s[i+1]
			i++
			switch {
			case isLetter(e) || e >= '0' && e <= '9' || strings.IndexByte(`\.+*?()|[]{}^$/`, e) >= 0 || e == '-' && inClass || e >= 0x80:
				b.WriteByte('\\')
				b.WriteByte(e)
			default:
				b.WriteByte(e) // an identity escape: the character itself
			}
		case c == '[' && !inClass:
			inClass = true
			extra.Reset()
			b.WriteByte(c)
			if i+1 < len(s) && s[i+1] == '^' {
				b.WriteByte('^')
				i++
			}
		case c == ']' && inClass:
			inClass = false
			b.WriteString(extra.String())
			b.WriteByte(c)
		case fold && inClass && isLetter(c):
			b.WriteByte(c)
			if i+2 < len(s) && s[i+1] == '-' && isLetter(s[i+2]) && isLower(c) == isLower(s[i+2]) {
				b.WriteByte('-')
				b.WriteByte(s[i+2])
				extra.WriteByte(swapCase(c))
				extra.WriteByte('-')
				extra.WriteByte(swapCase(s[i+2]))
				i += 2
				continue
			}
			extra.WriteByte(swapCase(c))
		case fold && !inClass && isLetter(c):
			b.WriteByte('[')
			b.WriteByte(c)
			b.WriteByte(swapCase(c))
			b.WriteByte(']')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
func isLower(c byte) bool  { return c >= 'a' && c <= 'z' }

func swapCase(c byte) byte {
	if isLower(c) {
		return c - 'a' + 'A'
	}
	return c - 'A' + 'a'
}

// topLevelAlternation reports whether s has a "|" outside groups and
// classes.
func topLevelAlternation(s string) bool {
	depth, inClass := 0, false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '\\':
			i++
		case inClass:
			inClass = c != ']'
		case c == '[':
			inClass = true
		case c == '(':
			depth++
		case c == ')':
			depth--
		case c == '|' && depth == 0:
			return true
		}
	}
	return false
}

// endsWithAnchor reports whether s ends with an unescaped "$".
func endsWithAnchor(s string) bool {
	if !strings.HasSuffix(s, "$") {
		return false
	}
	n := 0
	for i := len(s) - 2; i >= 0 && s[i] == '\\'; i-- {
		n++
	}
	return n%2 == 0
}

// cookieEntry converts one cookie of the configuration, a name or a
// RegExp, into the policy's form; ok is false when it cannot be (noted).
func cookieEntry(v any, where string, ns *notes) (outCookie, bool) {
	switch x := v.(type) {
	case string:
		if !policy.ValidCookieName(x) {
			ns.add(where, "%q is not a cookie name the policy accepts; not imported", x)
			return outCookie{}, false
		}
		return outCookie{Name: x}, true
	case RegExp:
		p, err := patternFor(x)
		if err != nil {
			ns.add(where, "cannot be written in the pattern dialect (%v); not imported: declare the names it matches", err)
			return outCookie{}, false
		}
		if p != x.Source {
			ns.add(where, "/%s/%s (a search in the name) became the whole-name pattern %q", x.Source, x.Flags, p)
		}
		return outCookie{Pattern: p}, true
	case Code:
		ns.add(where, "is code (%s), which is not run; not imported", short(x.Text))
	default:
		ns.add(where, "is not a cookie name or a regular expression; not imported")
	}
	return outCookie{}, false
}

// short shortens code quoted in a note.
func short(s string) string {
	s = spaceRe.ReplaceAllString(s, " ")
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// cookieAttrs sets a cookie's path and domain when the policy accepts them.
func cookieAttrs(c *outCookie, path, domain string, where string, ns *notes) {
	if path != "" && path != "/" {
		if policy.ValidCookiePath(path) {
			c.Path = path
		} else {
			ns.add(where, "path %q is not a cookie path; left out", path)
		}
	}
	if domain != "" {
		d := strings.ToLower(domain)
		if policy.ValidDomain(d) && strings.Contains(strings.TrimPrefix(d, "."), ".") {
			c.Domain = d
		} else {
			ns.add(where, "domain %q left out (the policy needs a host name such as example.org)", domain)
		}
	}
}
