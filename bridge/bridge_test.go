//go:build js && wasm

package bridge

// These tests run in headless Chromium through wasmbrowsertest:
//
//	PATH=$PWD/.bin:$PATH GOOS=js GOARCH=wasm go test -exec=$PWD/.bin/wasmbrowsertest ./bridge/
//
// The page is wasmbrowsertest's own, served on http://127.0.0.1, so
// document.cookie and the DOM are real. loader.js is not there: each test
// installs a fake hooks object that records what Go hands it.

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"syscall/js"

	"github.com/consentwasm/consent/policy"
	"github.com/hack-pad/safejs"
	"testing"
)

// hookCall is one call of a hook, its arguments as JavaScript values.
type hookCall struct {
	name string
	args []js.Value
}

// fakeHooks is loader.js's hooks object as the bridge sees it.
type fakeHooks struct {
	obj   js.Value
	calls []hookCall
	funcs []js.Func
	// attached is the function Serve handed to hooks.attach.
	attached js.Value
}

// install puts a fake hooks object at globalThis.__consentBridge. Every
// hook records its call; results maps a hook to what it returns, and a
// hook named in throws is a JavaScript function that throws an Error.
func install(t *testing.T, results map[string]any, throws ...string) *fakeHooks {
	t.Helper()
	h := &fakeHooks{obj: js.Global().Get("Object").New()}
	for _, name := range []string{"attach", "render", "declarations", "dispatch", "dataLayer",
		"random", "storageKeys", "storageRemove", "activate", "deactivate"} {
		if slices.Contains(throws, name) {
			h.obj.Set(name, js.Global().Get("Function").New(`throw new Error("hook `+name+` failed")`))
			continue
		}
		fn := js.FuncOf(func(_ js.Value, args []js.Value) any {
			h.calls = append(h.calls, hookCall{name, append([]js.Value(nil), args...)})
			if name == "attach" && len(args) > 0 {
				h.attached = args[0]
			}
			return results[name]
		})
		h.funcs = append(h.funcs, fn)
		h.obj.Set(name, fn)
	}
	js.Global().Set(HooksGlobal, h.obj)
	t.Cleanup(func() {
		js.Global().Delete(HooksGlobal)
		for _, f := range h.funcs {
			f.Release()
		}
	})
	return h
}

// called returns the calls of one hook.
func (h *fakeHooks) called(name string) []hookCall {
	var out []hookCall
	for _, c := range h.calls {
		if c.name == name {
			out = append(out, c)
		}
	}
	return out
}

func attach(t *testing.T, results map[string]any, throws ...string) (*Bridge, *fakeHooks) {
	t.Helper()
	h := install(t, results, throws...)
	b, err := Attach()
	if err != nil {
		t.Fatalf("Attach: %v", err)
	}
	return b, h
}

func equal[T any](t *testing.T, what string, got, want T) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, got, want)
	}
}

// addElement appends an element with attributes to the body and removes it
// when the test ends.
func addElement(t *testing.T, tag string, attrs ...string) js.Value {
	t.Helper()
	doc := js.Global().Get("document")
	el := doc.Call("createElement", tag)
	for i := 0; i+1 < len(attrs); i += 2 {
		el.Call("setAttribute", attrs[i], attrs[i+1])
	}
	doc.Get("body").Call("appendChild", el)
	t.Cleanup(func() { el.Call("remove") })
	return el
}

func TestAttach(t *testing.T) {
	js.Global().Delete(HooksGlobal)
	if _, err := Attach(); err == nil || !strings.Contains(err.Error(), HooksGlobal+" is missing") {
		t.Errorf("Attach without hooks: %v; want an error saying %s is missing", err, HooksGlobal)
	}
	install(t, nil)
	if _, err := Attach(); err != nil {
		t.Fatalf("Attach: %v", err)
	}
	if ty := js.Global().Get(HooksGlobal).Type(); ty != js.TypeUndefined {
		t.Errorf("after Attach the global %s is still there (%s): the page's scripts could reach the hooks", HooksGlobal, ty)
	}
}

func TestLocationIsThePage(t *testing.T) {
	b, _ := attach(t, nil)
	host, path, secure, err := b.Location()
	if err != nil {
		t.Fatal(err)
	}
	loc := js.Global().Get("location")
	equal(t, "host", host, loc.Get("hostname").String())
	equal(t, "path", path, loc.Get("pathname").String())
	equal(t, "secure", secure, loc.Get("protocol").String() == "https:")
	// wasmbrowsertest serves over plain http on the loopback address,
	// where cookies work: the cookie tests below depend on it.
	equal(t, "host of wasmbrowsertest's page", host, "127.0.0.1")
	equal(t, "secure on http", secure, false)
}

func TestCookies(t *testing.T) {
	b, _ := attach(t, nil)
	cookie := func() string {
		t.Helper()
		s, err := b.Cookie()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	has := func(pair string) bool {
		for _, p := range strings.Split(cookie(), "; ") {
			if p == pair {
				return true
			}
		}
		return false
	}
	t.Cleanup(func() {
		for _, n := range []string{"bt_a", "bt_b", "bt_c"} {
			_ = b.SetCookie(n + "=; Max-Age=0; Path=/")
		}
	})

	if err := b.SetCookie("bt_a=1.2.abc; Path=/; Max-Age=3600; SameSite=Lax"); err != nil {
		t.Fatal(err)
	}
	if err := b.SetCookie("bt_b=x; Path=/"); err != nil {
		t.Fatal(err)
	}
	if !has("bt_a=1.2.abc") || !has("bt_b=x") {
		t.Fatalf("document.cookie after two writes: %q", cookie())
	}
	equal(t, "Cookie() is document.cookie", cookie(), js.Global().Get("document").Get("cookie").String())

	// A deletion must name the path the cookie was set with.
	if err := b.SetCookie("bt_a=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/elsewhere"); err != nil {
		t.Fatal(err)
	}
	if !has("bt_a=1.2.abc") {
		t.Errorf("a deletion on another path removed the cookie: %q", cookie())
	}
	if err := b.SetCookie("bt_a=; Max-Age=0; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Path=/"); err != nil {
		t.Fatal(err)
	}
	if has("bt_a=1.2.abc") || !has("bt_b=x") {
		t.Errorf("after deleting bt_a: %q", cookie())
	}

	// A write the browser refuses (a Domain the page is not on) is no
	// error: it simply leaves nothing, which is why the controller reads
	// the consent cookie back.
	if err := b.SetCookie("bt_c=1; Path=/; Domain=example.org"); err != nil {
		t.Errorf("refused write: %v", err)
	}
	if strings.Contains(cookie(), "bt_c=") {
		t.Errorf("a cookie for another domain was stored: %q", cookie())
	}
}

func TestGPC(t *testing.T) {
	b, _ := attach(t, nil)
	nav := js.Global().Get("navigator")
	if v := nav.Get("globalPrivacyControl"); v.Type() == js.TypeBoolean && v.Bool() {
		t.Skip("this Chromium sends Global Privacy Control")
	}
	equal(t, "GPC in headless Chromium", b.GPC(), false)

	// A browser that sends it (Firefox, Brave) exposes a boolean.
	obj := js.Global().Get("Object")
	obj.Call("defineProperty", nav, "globalPrivacyControl", map[string]any{"value": true, "configurable": true})
	t.Cleanup(func() { js.Global().Get("Reflect").Call("deleteProperty", nav, "globalPrivacyControl") })
	equal(t, "GPC when navigator.globalPrivacyControl is true", b.GPC(), true)
	obj.Call("defineProperty", nav, "globalPrivacyControl", map[string]any{"value": "1", "configurable": true})
	equal(t, "GPC when it is not a boolean", b.GPC(), false)
}

func TestLanguages(t *testing.T) {
	b, _ := attach(t, nil)
	root := js.Global().Get("document").Get("documentElement")
	old := root.Get("lang").String()
	t.Cleanup(func() { root.Set("lang", old) })
	root.Set("lang", "de-AT")

	page, browser := b.Languages()
	equal(t, "page language", page, "de-AT")
	nav := js.Global().Get("navigator").Get("languages")
	var want []string
	for i := 0; i < nav.Length(); i++ {
		want = append(want, nav.Index(i).String())
	}
	if len(want) == 0 {
		want = []string{js.Global().Get("navigator").Get("language").String()}
	}
	equal(t, "browser languages", browser, want)
	if len(browser) == 0 || browser[0] == "" {
		t.Errorf("no browser language: %q", browser)
	}
}

func TestGates(t *testing.T) {
	b, h := attach(t, nil)
	stats := addElement(t, "script", "type", "text/plain", "data-category", "statistics", "data-service", "matomo")
	addElement(t, "script", "type", "text/javascript", "data-category", "statistics")
	addElement(t, "script", "type", "text/plain", "data-category", "statistics", "data-consent-state", "live")
	addElement(t, "div", "data-category", "statistics")
	video := addElement(t, "iframe", "data-category", "media", "data-service", "youtube", "data-src", "about:blank#v")
	nostats := addElement(t, "script", "type", "TEXT/PLAIN", "data-category", "!statistics")
	img := addElement(t, "img", "data-category", "media", "data-consent-state", "blocked")

	// Which of them are gates is Go's rule (policy.IsGate), not the
	// bridge's: it reports the type.
	gates, err := b.Gates(policy.GateScanSelector())
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Tag, Category, Service, State, Type string }
	var got []row
	for _, g := range gates {
		got = append(got, row{g.Tag, g.Category, g.Service, g.State, g.Type})
	}
	equal(t, "elements in document order", got, []row{
		{"script", "statistics", "matomo", "", "text/plain"},
		{"script", "statistics", "", "", "text/javascript"},
		{"iframe", "media", "youtube", "", ""},
		{"script", "!statistics", "", "", "TEXT/PLAIN"},
		{"img", "media", "", "blocked", ""},
	})
	if len(gates) != 5 {
		t.FailNow()
	}
	gates = append(gates[:1], gates[2:]...)
	for i, el := range []js.Value{stats, video, nostats, img} {
		if !safejs.Unsafe(gates[i].el).Equal(el) {
			t.Errorf("gate %d is not the element it describes", i)
		}
	}

	// Open hands the element to activate; a live gate is left alone.
	if err := b.Open(gates[0], policy.GateKindScript, ""); err != nil {
		t.Fatal(err)
	}
	live := gates[1]
	live.State = "live"
	if err := b.Open(live, policy.GateKindFrame, "src"); err != nil {
		t.Fatal(err)
	}
	act := h.called("activate")
	if len(act) != 1 || !act[0].args[0].Equal(stats) || act[0].args[1].String() != "script" {
		t.Errorf("activate calls: %d, want one with the statistics script", len(act))
	}

	// Close hands the element and the placeholder to deactivate.
	const ph = `{"provider":"Google","serviceId":"youtube"}`
	if err := b.Close(gates[1], ph, policy.GateKindFrame, "src"); err != nil {
		t.Fatal(err)
	}
	de := h.called("deactivate")
	if len(de) != 1 || !de[0].args[0].Equal(video) || de[0].args[1].String() != ph || de[0].args[2].String() != "frame" || de[0].args[3].String() != "src" {
		t.Errorf("deactivate calls: %v, want one with the iframe and its placeholder", de)
	}

	// Elements added later are found by the next scan.
	addElement(t, "audio", "data-category", "media")
	gates, err = b.Gates(policy.GateScanSelector())
	if err != nil {
		t.Fatal(err)
	}
	if n := len(gates); n != 6 || gates[5].Tag != "audio" {
		t.Errorf("after adding an audio element: %d gates", n)
	}

	els, err := b.Elements("iframe[data-category]")
	if err != nil || len(els) != 1 {
		t.Errorf("Elements: %d, %v", len(els), err)
	}
}

func TestHooks(t *testing.T) {
	rnd := js.Global().Get("Uint8Array").New(4)
	for i := 0; i < 4; i++ {
		rnd.SetIndex(i, 10+i)
	}
	b, h := attach(t, map[string]any{"storageKeys": "a\nmtm_visits", "random": rnd})

	for _, c := range []struct {
		name string
		call func() error
		args []string
	}{
		{"render", func() error { return b.Render(`{"show":"banner"}`) }, []string{`{"show":"banner"}`}},
		{"declarations", func() error { return b.Declarations(`{"lang":"de"}`) }, []string{`{"lang":"de"}`}},
		{"dispatch", func() error { return b.Dispatch("consent:ready", "null") }, []string{"consent:ready", "null"}},
		{"dataLayer", func() error { return b.DataLayer(`[{"event":"consent_update"}]`) }, []string{`[{"event":"consent_update"}]`}},
		{"storageRemove", func() error { return b.RemoveStorage("localStorage", []string{"a", "b"}) }, []string{"localStorage", "a\nb"}},
	} {
		if err := c.call(); err != nil {
			t.Errorf("%s: %v", c.name, err)
			continue
		}
		calls := h.called(c.name)
		if len(calls) != 1 {
			t.Errorf("%s: %d hook calls", c.name, len(calls))
			continue
		}
		var got []string
		for _, a := range calls[0].args {
			got = append(got, a.String())
		}
		equal(t, c.name+" arguments", got, c.args)
	}

	if err := b.RemoveStorage("localStorage", nil); err != nil || len(h.called("storageRemove")) != 1 {
		t.Errorf("removing no keys called the hook (or failed: %v)", err)
	}
	equal(t, "StorageKeys", b.StorageKeys("localStorage"), []string{"a", "mtm_visits"})
	equal(t, "storageKeys argument", h.called("storageKeys")[0].args[0].String(), "localStorage")
	got, err := b.RandomBytes(4)
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "RandomBytes", got, []byte{10, 11, 12, 13})
}

func TestEmptyStorageHasNoKeys(t *testing.T) {
	b, _ := attach(t, map[string]any{"storageKeys": ""})
	equal(t, "StorageKeys", b.StorageKeys("sessionStorage"), []string(nil))
}

func TestThrowingHookIsAnError(t *testing.T) {
	b, _ := attach(t, nil, "render", "dispatch", "storageKeys", "random")
	if err := b.Render("{}"); err == nil || !strings.Contains(err.Error(), "hook render") {
		t.Errorf("Render with a throwing hook: %v", err)
	}
	if err := b.Dispatch("consent:ready", "null"); err == nil {
		t.Error("Dispatch with a throwing hook: no error")
	}
	equal(t, "StorageKeys with a throwing hook", b.StorageKeys("localStorage"), []string(nil))
	if _, err := b.RandomBytes(16); err == nil {
		t.Error("RandomBytes with a throwing hook: no error")
	}
}

func TestServe(t *testing.T) {
	b, h := attach(t, nil)
	var panics []string
	var calls [][]string
	handler := func(method string, args []string) (string, error) {
		calls = append(calls, append([]string{method}, args...))
		switch method {
		case "get":
			return `{"ok":true}`, nil
		case "set":
			return "", errors.New(`unknown category "nope"`)
		case "setLanguage":
			panic("boom")
		case "nilmap":
			var m map[string]bool
			m["x"] = true
		case "error":
			panic(errors.New("bad state"))
		}
		return "null", nil
	}
	if err := b.Serve(handler, func(msg string) { panics = append(panics, msg) }, ""); err != nil {
		t.Fatal(err)
	}
	if h.attached.Type() != js.TypeFunction {
		t.Fatalf("hooks.attach got %s, want a function", h.attached.Type())
	}
	call := func(args ...any) string {
		t.Helper()
		v := h.attached.Invoke(args...)
		if v.Type() != js.TypeString {
			t.Fatalf("call(%v) returned %s", args, v.Type())
		}
		return v.String()
	}

	equal(t, "result", call("get"), `={"ok":true}`)
	equal(t, "error", call("set", `{"categories":{"nope":true}}`), `!unknown category "nope"`)
	equal(t, "arguments", calls[1], []string{"set", `{"categories":{"nope":true}}`})
	equal(t, "no method", call(), "!no method given")
	call("accepted", 42, "statistics")
	equal(t, "a non-string argument arrives empty", calls[len(calls)-1], []string{"accepted", "", "statistics"})

	equal(t, "panic", call("setLanguage", "xx"), "!internal error in setLanguage: boom")
	equal(t, "onPanic", panics, []string{"internal error in setLanguage: boom"})
	equal(t, "after a panic", call("get"), `={"ok":true}`)
	if got := call("nilmap"); !strings.HasPrefix(got, "!internal error in nilmap: ") || !strings.Contains(got, "nil map") {
		t.Errorf("runtime error panic: %q", got)
	}
	equal(t, "error panic", call("error"), "!internal error in error: bad state")
	equal(t, "still serving", call("get"), `={"ok":true}`)
	equal(t, "onPanic calls", len(panics), 3)
}

func TestServeSurvivesAPanickingOnPanic(t *testing.T) {
	b, h := attach(t, nil)
	err := b.Serve(func(method string, _ []string) (string, error) {
		if method == "boom" {
			panic("boom")
		}
		return "1", nil
	}, func(string) { panic("onPanic too") }, "")
	if err != nil {
		t.Fatal(err)
	}
	equal(t, "panic", h.attached.Invoke("boom").String(), "!internal error in boom: boom")
	equal(t, "after", h.attached.Invoke("x").String(), "=1")
}

// A page may redefine even documentElement.lang or tagName with a getter
// that throws; reading them must give an error, not unwind through (and
// kill) the Go runtime.
func TestThrowingGettersAreErrors(t *testing.T) {
	b, _ := attach(t, nil)
	define := js.Global().Get("Object").Get("defineProperty")
	thrower := js.Global().Get("Function").New("throw new Error('hostile getter')")
	root := js.Global().Get("document").Get("documentElement")
	define.Invoke(root, "lang", map[string]any{"get": thrower, "configurable": true})
	t.Cleanup(func() { js.Global().Get("Reflect").Call("deleteProperty", root, "lang") })
	el := addElement(t, "iframe", "data-category", "media")
	define.Invoke(el, "tagName", map[string]any{"get": thrower, "configurable": true})

	page, _ := b.Languages()
	equal(t, "page language behind a throwing getter", page, "")
	gates, err := b.Gates(policy.GateScanSelector())
	if err != nil {
		t.Fatalf("Gates: %v", err)
	}
	for _, g := range gates {
		if g.Tag != "" && g.Tag != "iframe" {
			t.Errorf("unexpected tag %q", g.Tag)
		}
	}
	// The runtime still answers.
	if _, _, _, err := b.Location(); err != nil {
		t.Errorf("Location after hostile getters: %v", err)
	}
}
