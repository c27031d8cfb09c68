//go:build js && wasm

// Command safejs is the bench's floor through safejs: the same program as
// floor/syscalljs, every browser call made through
// github.com/hack-pad/safejs as the project's bridge makes them, errors
// checked and dropped (see package floor).
package main

import "github.com/hack-pad/safejs"

const cookieName = "floor_consent"

var (
	global = safejs.Global()
	doc, _ = global.Get("document")
	banner safejs.Value
	drawn  bool
)

func main() {
	mark("main")
	switch cookieValue() {
	case "all":
		openGates()
	case "":
		draw()
	}
	api, _ := global.Get("Object")
	obj, _ := api.New()
	if f, err := safejs.FuncOf(func(safejs.Value, []safejs.Value) any { choose("all"); return nil }); err == nil {
		_ = obj.Set("acceptAll", f.Value())
	}
	_ = global.Set("floorConsent", obj)
	select {}
}

func mark(name string) {
	if m, err := global.Get("__floorMark"); err == nil && m.Type() == safejs.TypeFunction {
		_, _ = m.Invoke(name)
	}
}

// cookieValue is floor_consent's value in document.cookie, or "".
func cookieValue() string {
	v, _ := doc.Get("cookie")
	all, _ := v.String()
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

func el(tag, class string, children ...safejs.Value) safejs.Value {
	e, _ := doc.Call("createElement", tag)
	if class != "" {
		_ = e.Set("className", class)
	}
	for _, c := range children {
		_, _ = e.Call("append", c)
	}
	return e
}

func text(tag, class, s string) safejs.Value {
	e := el(tag, class)
	_ = e.Set("textContent", s)
	return e
}

func button(action, label string) safejs.Value {
	b := text("button", "cc-btn", label)
	_ = b.Set("type", "button")
	_, _ = b.Call("setAttribute", "data-consent-action", action)
	return b
}

func draw() {
	root := el("div", "cc-root")
	_ = root.Set("id", "consent-root")
	banner = el("section", "cc-banner",
		el("div", "cc-banner-inner",
			el("div", "cc-banner-body",
				text("h2", "cc-title", "We use cookies"),
				text("p", "cc-text", "We use cookies to run this site, to count visits and to show ads. You choose which ones we may use.")),
			el("div", "cc-actions",
				button("accept-all", "Accept all"),
				button("reject-all", "Reject all"),
				button("customize", "Customize"))))
	_ = banner.Set("id", "consent-banner")
	drawn = true
	onClick, err := safejs.FuncOf(func(_ safejs.Value, args []safejs.Value) any {
		if len(args) == 0 {
			return nil
		}
		t, _ := args[0].Get("target")
		a, _ := t.Call("getAttribute", "data-consent-action")
		action, _ := a.String()
		switch action {
		case "accept-all":
			choose("all")
		case "reject-all":
			choose("none")
		}
		return nil
	})
	if err == nil {
		_, _ = banner.Call("addEventListener", "click", onClick.Value())
	}
	_, _ = root.Call("append", banner)
	body, _ := doc.Get("body")
	_, _ = body.Call("append", root)
	_, _ = global.Call("__floorDrawn")
}

func choose(v string) {
	_ = doc.Set("cookie", cookieName+"="+v+"; path=/; max-age=15724800; samesite=lax")
	if drawn {
		_, _ = banner.Call("remove")
	}
	if v == "all" {
		openGates()
	}
}

// openGates runs the page's gated scripts (type="text/plain" data-src).
func openGates() {
	list, _ := doc.Call("querySelectorAll", "script[data-category][data-src]")
	n, _ := list.Length()
	for i := 0; i < n; i++ {
		old, _ := list.Index(i)
		s, _ := doc.Call("createElement", "script")
		_ = s.Set("async", false)
		src, _ := old.Call("getAttribute", "data-src")
		_ = s.Set("src", src)
		_, _ = old.Call("after", s)
	}
	mark("gates")
}
