package policy

import "github.com/consentwasm/consent/policy/jsontext"

// Positions locates the values of one policy file by JSON pointer, so that
// a message or an editor can name the line and column of a problem or a
// warning, whatever produced its pointer.
type Positions struct {
	root *jsontext.Node
}

// PositionsOf parses a policy file's JSON (without validating it as a
// policy). The error is the JSON syntax error, as Problems.
func PositionsOf(data []byte) (*Positions, error) {
	n, err := jsontext.Parse(data)
	if err != nil {
		return nil, syntaxProblems(err)
	}
	return &Positions{root: n}, nil
}

// Of returns the line and column (1-based; the column counts characters)
// where the value at pointer starts. A pointer that names no value (a
// missing field, an item past the end) gets its nearest enclosing value's
// place. 0, 0 for a nil Positions.
func (ps *Positions) Of(pointer string) (line, col int) {
	if ps == nil {
		return 0, 0
	}
	n, _ := ps.root.At(pointer)
	if n == nil {
		return 0, 0
	}
	return n.Line, n.Col
}

// Locate fills in Line and Column of each problem that has none from its
// pointer, and returns the problems.
func (ps *Positions) Locate(probs Problems) Problems {
	for i := range probs {
		if probs[i].Line == 0 {
			probs[i].Line, probs[i].Column = ps.Of(probs[i].Pointer)
		}
	}
	return probs
}

// syntaxProblems turns jsontext's syntax error into one Problem with its
// line and column.
func syntaxProblems(err error) Problems {
	if se, ok := err.(*jsontext.SyntaxError); ok {
		return Problems{{Message: se.Msg, Line: se.Line, Column: se.Col, Syntax: true}}
	}
	return Problems{{Message: err.Error()}}
}

// didYouMean returns msg with ` (did you mean "x"?)` when one of the known
// ids is a likely spelling of id.
func didYouMean(msg, id string, known []string) string {
	if s := suggestField(id, known); s != "" {
		return msg + " (did you mean " + quoteVal(s) + "?)"
	}
	return msg
}

// categoryIDs returns the ids of the policy's categories, in order.
func (p *Policy) categoryIDs() []string {
	ids := make([]string, len(p.Categories))
	for i := range p.Categories {
		ids[i] = p.Categories[i].ID
	}
	return ids
}

// serviceIDs returns the ids of the policy's services, in order.
func (p *Policy) serviceIDs() []string {
	ids := make([]string, len(p.Services))
	for i := range p.Services {
		ids[i] = p.Services[i].ID
	}
	return ids
}
