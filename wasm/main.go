//go:build js && wasm

// Command wasm is the consent manager's WebAssembly entry point: it
// attaches to the hooks consent.js hands over, serves window.consent's
// calls through package app, and then waits for calls forever.
package main

import (
	"time"

	"github.com/consentwasm/consent/app"
	"github.com/consentwasm/consent/bridge"
	"github.com/consentwasm/consent/policy"
)

func main() {
	b, err := bridge.Attach()
	if err != nil {
		println("consent: " + err.Error())
		return
	}
	b.Mark("main")
	a := app.New(browser{b}, time.Now)
	handle := a.Handle
	if testHook != nil {
		handle = testHook(handle)
	}
	err = b.Serve(bridge.Handler(handle), func(msg string) {
		_ = b.Dispatch("consent:error", `{"message":`+jsonString(msg)+`}`)
	}, policy.GateWatchSelector())
	if err != nil {
		println("consent: " + err.Error())
		return
	}
	select {}
}

// testHook, set by a build-tagged file, wraps the handler in tests.
var testHook func(h func(string, []string) (string, error)) func(string, []string) (string, error)

// browser adapts bridge.Bridge to app.Browser: gates cross as app.Gate with
// the bridge's gate as their reference.
type browser struct{ *bridge.Bridge }

func (b browser) Gates() ([]app.Gate, error) {
	gs, err := b.Bridge.Gates(policy.GateScanSelector())
	out := make([]app.Gate, len(gs))
	for i, g := range gs {
		out[i] = app.Gate{Tag: g.Tag, Type: g.Type, Category: g.Category, Service: g.Service, State: g.State, Ref: g}
	}
	return out, err
}

func (b browser) Open(g app.Gate) error {
	bg, _ := g.Ref.(bridge.Gate)
	return b.Bridge.Open(bg, policy.GateOpening(bg.Tag), policy.GateSourceAttr(bg.Tag))
}

func (b browser) Close(g app.Gate, placeholderJSON string) error {
	bg, _ := g.Ref.(bridge.Gate)
	return b.Bridge.Close(bg, placeholderJSON, policy.GateOpening(bg.Tag), policy.GateSourceAttr(bg.Tag))
}
