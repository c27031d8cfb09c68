//go:build js && wasm

package main

import "github.com/consentwasm/consent/policy/jsontext"

func jsonString(s string) string {
	var w jsontext.Writer
	w.Str(s)
	return w.String()
}
