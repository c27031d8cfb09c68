//go:build js && wasm

package main

import "github.com/consentwasm/consent/policy"

func jsonString(s string) string {
	var w policy.JSONWriter
	w.Str(s)
	return w.String()
}
