//go:build js && wasm

// Command syscalljs is the bench's floor with syscall/js: the smallest Go
// wasm that draws the banner's three buttons (see package floor).
package main

import "syscall/js"

const cookieName = "floor_consent"

var (
	global = js.Global()
	doc    = global.Get("document")
	banner js.Value
)

func main() {
	mark("main")
	switch cookieValue() {
	case "all":
		openGates()
	case "":
		draw()
	}
	global.Set("floorConsent", js.ValueOf(map[string]any{
		"acceptAll": js.FuncOf(func(js.Value, []js.Value) any { choose("all"); return nil }),
	}))
	select {}
}

func mark(name string) {
	if m := global.Get("__floorMark"); m.Type() == js.TypeFunction {
		m.Invoke(name)
	}
}

// cookieValue is floor_consent's value in document.cookie, or "".
func cookieValue() string {
	all := doc.Get("cookie").String()
	for all != "" {
		c := all
		all = ""
		for i := 0; i+1 < len(c); i++ {
			if c[i] == ';' && c[i+1] == ' ' {
				c, all = c[:i], c[i+2:]
				break
			}
		}
		if n := len(cookieName); len(c) > n && c[:n] == cookieName && c[n] == '=' {
			return c[n+1:]
		}
	}
	return ""
}

func el(tag, class string, children ...js.Value) js.Value {
	e := doc.Call("createElement", tag)
	if class != "" {
		e.Set("className", class)
	}
	for _, c := range children {
		e.Call("append", c)
	}
	return e
}

func text(tag, class, s string) js.Value {
	e := el(tag, class)
	e.Set("textContent", s)
	return e
}

func button(action, label string) js.Value {
	b := text("button", "cc-btn", label)
	b.Set("type", "button")
	b.Call("setAttribute", "data-consent-action", action)
	return b
}

func draw() {
	root := el("div", "cc-root")
	root.Set("id", "consent-root")
	banner = el("section", "cc-banner",
		el("div", "cc-banner-inner",
			el("div", "cc-banner-body",
				text("h2", "cc-title", "We use cookies"),
				text("p", "cc-text", "We use cookies to run this site, to count visits and to show ads. You choose which ones we may use.")),
			el("div", "cc-actions",
				button("accept-all", "Accept all"),
				button("reject-all", "Reject all"),
				button("customize", "Customize"))))
	banner.Set("id", "consent-banner")
	banner.Call("addEventListener", "click", js.FuncOf(func(_ js.Value, args []js.Value) any {
		switch args[0].Get("target").Call("getAttribute", "data-consent-action").String() {
		case "accept-all":
			choose("all")
		case "reject-all":
			choose("none")
		}
		return nil
	}))
	root.Call("append", banner)
	doc.Get("body").Call("append", root)
	global.Call("__floorDrawn")
}

func choose(v string) {
	doc.Set("cookie", cookieName+"="+v+"; path=/; max-age=15724800; samesite=lax")
	if banner.Truthy() {
		banner.Call("remove")
	}
	if v == "all" {
		openGates()
	}
}

// openGates runs the page's gated scripts (type="text/plain" data-src).
func openGates() {
	list := doc.Call("querySelectorAll", "script[data-category][data-src]")
	for i, n := 0, list.Length(); i < n; i++ {
		old := list.Index(i)
		s := doc.Call("createElement", "script")
		s.Set("async", false)
		s.Set("src", old.Call("getAttribute", "data-src"))
		old.Call("after", s)
	}
	mark("gates")
}
