package app

import (
	"strconv"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/policy/jsontext"
)

// ArgError is a wrong argument of a window.consent call: loader.js throws
// it as a TypeError (the bridge answers it apart from other errors), its
// message starting "consent.<method>:".
type ArgError struct{ msg string }

func (e *ArgError) Error() string { return e.msg }

// TypeError marks the error as one JavaScript throws as a TypeError.
func (e *ArgError) TypeError() bool { return true }

// maxChoiceIDs bounds the ids one consent.set() may name.
const maxChoiceIDs = 10000

// choiceShape is the shape a choice must have, as its errors name it.
const choiceShape = "{categories: {id: true|false}, services: {id: true|false}}"

// parseChoice checks and reads the argument of consent.set(), the one
// place its shape is checked: {categories: {id: bool}, services: {id:
// bool}}, either group optional. loader.js sends the argument as JSON of
// its own enumerable keys, two objects deep, with every value that is
// neither an object nor a boolean replaced by the name of its type
// ("number", "null", "an array", "function", …), so that what JSON cannot
// carry is still named here. Ids are not checked against the policy here
// (NewRecord does).
func parseChoice(text string) (policy.Choice, error) {
	ch := policy.Choice{Categories: map[string]bool{}, Services: map[string]bool{}}
	n, err := jsontext.Parse([]byte(text))
	if err != nil {
		return ch, argErr("expected an object " + choiceShape + ": the argument is not JSON: " + err.Error())
	}
	if n.Kind != jsontext.KindObject {
		return ch, argErr("expected an object " + choiceShape + ", got " + typeName(n))
	}
	count := 0
	for _, k := range n.Keys {
		v := n.Fields[k]
		var dst map[string]bool
		switch k {
		case "categories":
			dst = ch.Categories
		case "services":
			dst = ch.Services
		default:
			return ch, argErr("unknown key " + strconv.Quote(k) + " (expected categories and services)")
		}
		if v.Kind == jsontext.KindString && v.Str == "undefined" {
			continue // {categories: undefined}: the group left out
		}
		if v.Kind != jsontext.KindObject {
			return ch, argErr(k + " must be an object of booleans, got " + typeName(v))
		}
		for _, id := range v.Keys {
			if count++; count > maxChoiceIDs {
				return ch, argErr("too many ids (at most " + strconv.Itoa(maxChoiceIDs) + ")")
			}
			b := v.Fields[id]
			if b.Kind != jsontext.KindBool {
				return ch, argErr(k + "." + id + " must be true or false, got " + typeName(b))
			}
			dst[id] = b.Bool
		}
	}
	return ch, nil
}

func argErr(msg string) error { return &ArgError{"consent.set: " + msg} }

// typeName names the JavaScript type of a value as loader.js describes it:
// a string is the name of the type it stands for.
func typeName(n *jsontext.Node) string {
	switch n.Kind {
	case jsontext.KindString:
		return n.Str
	case jsontext.KindObject:
		return "object"
	case jsontext.KindArray:
		return "an array"
	case jsontext.KindBool:
		return "boolean"
	case jsontext.KindNull:
		return "null"
	}
	return "number"
}
