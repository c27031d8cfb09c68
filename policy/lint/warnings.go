// Package lint finds what a policy allows but its author most likely did
// not mean: glob-like patterns, cookies declared twice, an unclassified
// category left by `consent scan`, consent cookie settings that browsers
// refuse. The CLI prints these as warnings; the browser never runs them,
// so the wasm does not import this package.
package lint

import (
	"strings"

	"github.com/consentwasm/consent/policy"
)

// Warnings lists what is allowed in a valid policy but most likely not
// what its author meant: each a policy.Problem whose pointer locates it. `consent
// validate` prints them as "pointer: warning: message" and still exits 0;
// the browser ignores them.
//
// Each check is one function of the list below; add new ones there.
func Warnings(p *policy.Policy) policy.Problems {
	if p == nil {
		return nil
	}
	var ws policy.Problems
	for _, check := range warningChecks {
		ws = append(ws, check(p)...)
	}
	return ws
}

// warningChecks are the checks Warnings runs, in the order their warnings
// are listed.
var warningChecks = []func(*policy.Policy) policy.Problems{
	warnGlobPatterns,
	warnDuplicateCookies,
	warnUnclassified,
	warnConsentCookie,
}

// UnclassifiedCategory is the id of the category `consent scan` puts the
// cookies it could not classify in, for the site owner to sort out.
const UnclassifiedCategory = "unclassified"

// warnGlobPatterns warns about patterns written as globs, such as "_hj*":
// as a regular expression matched against the whole name, "j*" repeats the
// "j", so it matches "_h" and "_hjj" but never "_hjid".
func warnGlobPatterns(p *policy.Policy) policy.Problems {
	var ws policy.Problems
	for i, s := range p.Services {
		for j, c := range s.Cookies {
			if c.Pattern == "" {
				continue
			}
			if fixed, ok := GlobAsPattern(c.Pattern); ok {
				ws = append(ws, policy.Problem{
					Pointer: ptrItem(ptrItem("/services", i)+"/cookies", j) + "/pattern",
					Message: "pattern " + quoteVal(c.Pattern) + " looks like a glob: as a regular expression matched against the whole name, \"*\" repeats the character before it; write " + quoteVal(fixed) + " for every name that starts like this",
				})
			}
		}
	}
	return ws
}

// GlobAsPattern reports whether pattern looks like a glob ("_hj*",
// "_ga_*": a "*" right after a letter, digit, "_" or "-") and returns the
// pattern meant ("_hj.*"). A pattern with other regular expression syntax
// than "*" is taken to be a regular expression.
func GlobAsPattern(pattern string) (string, bool) {
	if strings.ContainsAny(pattern, `.+?()[]{}|^$\`) || !strings.Contains(pattern, "*") {
		return "", false
	}
	var b strings.Builder
	for i := 0; i < len(pattern); i++ {
		if pattern[i] == '*' {
			if i == 0 || !globChar(pattern[i-1]) {
				return "", false
			}
			b.WriteString(".*")
			continue
		}
		b.WriteByte(pattern[i])
	}
	return b.String(), true
}

func globChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// warnDuplicateCookies warns about a cookie (or storage key) declared twice
// in one service, by the same name or the same pattern.
func warnDuplicateCookies(p *policy.Policy) policy.Problems {
	var ws policy.Problems
	for i, s := range p.Services {
		first := map[[3]string]string{}
		for j, c := range s.Cookies {
			cp := ptrItem(ptrItem("/services", i)+"/cookies", j)
			key := [3]string{c.Storage, c.Name, c.Pattern}
			if at, dup := first[key]; dup {
				what := "cookie " + quoteVal(c.Name)
				if c.Pattern != "" {
					what = "pattern " + quoteVal(c.Pattern)
				}
				if c.Storage != policy.StorageCookie {
					what = c.Storage + " " + what
				}
				ws = append(ws, policy.Problem{Pointer: cp, Message: what + " is declared twice in this service (first at " + at + ")"})
				continue
			}
			first[key] = cp
		}
	}
	return ws
}

// warnUnclassified warns about the category a scanner's draft leaves for
// the cookies it could not classify.
func warnUnclassified(p *policy.Policy) policy.Problems {
	for i, c := range p.Categories {
		if c.ID == UnclassifiedCategory {
			return policy.Problems{{
				Pointer: ptrItem("/categories", i),
				Message: "the draft's \"unclassified\" category is still here: move its services to the categories they belong to, then remove it",
			}}
		}
	}
	return nil
}
