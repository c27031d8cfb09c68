package editor

import (
	"errors"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/lint"
)

// Finding is one problem or warning of the policy being edited, where
// the form shows it (Pointer) and where the JSON view does (Line,
// Column).
type Finding struct {
	Pointer string `json:"pointer"`
	Message string `json:"message"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	// Warning: valid, but most likely a mistake; saving is allowed.
	Warning bool `json:"warning,omitempty"`
}

// Check is the result of validating a policy text.
type Check struct {
	Valid    bool      `json:"valid"`
	Findings []Finding `json:"findings"`
	// Preview is the preview's version when the text validated (the
	// preview frame reloads with it), else 0.
	Preview int `json:"preview,omitempty"`
}

// parsePolicy is `consent validate`'s check: policy.Parse.
func parsePolicy(data []byte) (*policy.Policy, error) {
	return policy.Parse(data)
}

// check validates data the way `consent validate` does: the problems of
// policy.Parse, or, for a valid policy, the warnings of lint.Warnings.
func check(data []byte) Check {
	pol, err := parsePolicy(data)
	if err == nil {
		c := Check{Valid: true, Findings: []Finding{}}
		pos, _ := policy.PositionsOf(data)
		for _, w := range pos.Locate(lint.Warnings(pol)) {
			c.Findings = append(c.Findings, finding(w, true))
		}
		return c
	}
	c := Check{Findings: []Finding{}}
	var probs policy.Problems
	if !errors.As(err, &probs) {
		c.Findings = append(c.Findings, Finding{Message: err.Error(), Line: 1, Column: 1})
		return c
	}
	for _, p := range probs {
		c.Findings = append(c.Findings, finding(p, false))
	}
	return c
}

// finding is a problem as the page shows it: policy.Parse and
// policy.Positions give every one its line and column.
func finding(p policy.Problem, warning bool) Finding {
	f := Finding{Pointer: p.Pointer, Message: p.Message, Line: p.Line, Column: p.Column, Warning: warning}
	if f.Line == 0 {
		f.Line, f.Column = 1, 1
	}
	return f
}
