package app

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/consentwasm/consent/policy"
)

// fakeBrowser is an in-memory page for the controller: a cookie jar that
// follows RFC 6265 closely enough (Domain, Path, Max-Age deletions, host-only
// cookies kept apart from domain cookies as Chromium does) to tell which
// deletions reached which cookie, Web Storage, gated elements, and a record
// of everything drawn, dispatched and pushed.
type fakeBrowser struct {
	host, path string
	secure     bool
	gpc        bool
	pageLang   string
	langs      []string

	jar    []*jarCookie
	serial int
	// writes is every document.cookie assignment the controller made.
	writes []string
	// refuse names cookies the browser silently drops, as one blocking
	// cookies does: the assignment "works" and nothing is stored.
	refuse map[string]bool
	// setErr, when set, is returned by every SetCookie.
	setErr error

	storage map[string][]string // kind -> keys, in order

	renders   []string
	decls     []string
	events    []event
	dataLayer []string
	pushes    []string
	gates     []*fakeGate
	reloads   int
	logs      []string
	rnd       byte
	// reads counts the reads of document.cookie.
	reads int
}

type event struct{ name, detail string }

type jarCookie struct {
	name, value string
	domain      string // canonical: lower case, no leading dot
	hostOnly    bool
	path        string
	serial      int
}

// fakeGate is a gated element; its state changes as the real bridge's does.
type fakeGate struct {
	id, tag, category, service, state string
	// typ is the type attribute ("" for a script: text/plain).
	typ string
	// placeholders is every placeholder JSON handed to Close.
	placeholders []string
	opens        int
}

func newFake() *fakeBrowser {
	return &fakeBrowser{
		host: "www.example.org", path: "/",
		langs:   []string{"en-US", "en"},
		refuse:  map[string]bool{},
		storage: map[string][]string{},
	}
}

// put stores a cookie as a page's own script would, without recording it
// among the controller's writes.
func (f *fakeBrowser) put(t *testing.T, s string) {
	t.Helper()
	if !f.apply(s) {
		t.Fatalf("fake jar refused test cookie %q", s)
	}
}

func (f *fakeBrowser) addGate(id, tag, category, service string) *fakeGate {
	g := &fakeGate{id: id, tag: tag, category: category, service: service}
	f.gates = append(f.gates, g)
	return g
}

func (f *fakeBrowser) gate(id string) *fakeGate {
	for _, g := range f.gates {
		if g.id == id {
			return g
		}
	}
	return nil
}

// clearLog forgets what was recorded, keeping the page's state.
func (f *fakeBrowser) clearLog() {
	f.writes, f.renders, f.decls, f.events, f.dataLayer, f.pushes, f.logs = nil, nil, nil, nil, nil, nil, nil
	f.reloads = 0
}

// --- app.Browser ---

func (f *fakeBrowser) Cookie() (string, error) {
	f.reads++
	var vis []*jarCookie
	for _, c := range f.jar {
		if f.visible(c) {
			vis = append(vis, c)
		}
	}
	// RFC 6265 §5.4 step 2: longer paths first, then older cookies first.
	sort.SliceStable(vis, func(i, j int) bool {
		if len(vis[i].path) != len(vis[j].path) {
			return len(vis[i].path) > len(vis[j].path)
		}
		return vis[i].serial < vis[j].serial
	})
	parts := make([]string, len(vis))
	for i, c := range vis {
		parts[i] = c.name + "=" + c.value
	}
	return strings.Join(parts, "; "), nil
}

func (f *fakeBrowser) SetCookie(s string) error {
	f.writes = append(f.writes, s)
	if f.setErr != nil {
		return f.setErr
	}
	f.apply(s)
	return nil
}

func (f *fakeBrowser) Location() (string, string, bool, error) {
	return f.host, f.path, f.secure, nil
}

func (f *fakeBrowser) GPC() bool { return f.gpc }

func (f *fakeBrowser) Languages() (string, []string) { return f.pageLang, f.langs }

func (f *fakeBrowser) StorageKeys(kind string) []string {
	return append([]string(nil), f.storage[kind]...)
}

func (f *fakeBrowser) RemoveStorage(kind string, keys []string) error {
	gone := map[string]bool{}
	for _, k := range keys {
		gone[k] = true
	}
	var kept []string
	for _, k := range f.storage[kind] {
		if !gone[k] {
			kept = append(kept, k)
		}
	}
	f.storage[kind] = kept
	return nil
}

func (f *fakeBrowser) RandomBytes(n int) ([]byte, error) {
	b := make([]byte, n)
	for i := range b {
		f.rnd++
		b[i] = f.rnd
	}
	return b, nil
}

func (f *fakeBrowser) Render(v string) error       { f.renders = append(f.renders, v); return nil }
func (f *fakeBrowser) Declarations(d string) error { f.decls = append(f.decls, d); return nil }

// DataLayer records every entry in pushes, and the state of each consent
// update in dataLayer (as policy.ConsentModeJSON writes it).
func (f *fakeBrowser) DataLayer(s string) error {
	var entries []json.RawMessage
	if err := json.Unmarshal([]byte(s), &entries); err != nil {
		return fmt.Errorf("dataLayer entries %s: %w", s, err)
	}
	for _, e := range entries {
		f.pushes = append(f.pushes, string(e))
		var cmd []json.RawMessage
		if json.Unmarshal(e, &cmd) != nil || len(cmd) != 3 || string(cmd[0]) != `"consent"` || string(cmd[1]) != `"update"` {
			continue
		}
		var state map[string]string
		if err := json.Unmarshal(cmd[2], &state); err != nil {
			return fmt.Errorf("consent update %s: %w", e, err)
		}
		f.dataLayer = append(f.dataLayer, policy.ConsentModeJSON(state))
	}
	return nil
}

func (f *fakeBrowser) Dispatch(name, detail string) error {
	f.events = append(f.events, event{name, detail})
	return nil
}

// Gates mirrors bridge.Gates: scripts that ran are no longer listed.
func (f *fakeBrowser) Gates() ([]Gate, error) {
	var out []Gate
	for _, g := range f.gates {
		if g.tag == "script" && g.state == "live" {
			continue
		}
		typ := g.typ
		if g.tag == "script" && typ == "" {
			typ = "text/plain"
		}
		out = append(out, Gate{Tag: g.tag, Type: typ, Category: g.category, Service: g.service, State: g.state, Ref: g})
	}
	return out, nil
}

func (f *fakeBrowser) Open(g Gate) error {
	fg, ok := g.Ref.(*fakeGate)
	if !ok {
		return errors.New("fake: gate without its reference")
	}
	if fg.state != "live" {
		fg.opens++
	}
	fg.state = "live"
	return nil
}

func (f *fakeBrowser) Close(g Gate, placeholderJSON string) error {
	fg, ok := g.Ref.(*fakeGate)
	if !ok {
		return errors.New("fake: gate without its reference")
	}
	if fg.tag == "script" && fg.state == "live" {
		return errors.New("fake: a script that ran cannot be closed")
	}
	fg.state = "blocked"
	fg.placeholders = append(fg.placeholders, placeholderJSON)
	return nil
}

func (f *fakeBrowser) Reload()        { f.reloads++ }
func (f *fakeBrowser) Log(msg string) { f.logs = append(f.logs, msg) }

// --- the jar ---

// apply carries out one document.cookie assignment and reports whether the
// browser accepted it.
func (f *fakeBrowser) apply(s string) bool {
	parts := strings.Split(s, ";")
	name, value, ok := strings.Cut(parts[0], "=")
	if !ok {
		return false
	}
	name, value = strings.TrimSpace(name), strings.TrimSpace(value)
	if f.refuse[name] {
		return false
	}
	c := &jarCookie{name: name, value: value, domain: f.host, hostOnly: true, path: defaultPath(f.path)}
	del, secure, sameSiteNone := false, false, false
	for _, a := range parts[1:] {
		k, v, _ := strings.Cut(a, "=")
		k, v = strings.ToLower(strings.TrimSpace(k)), strings.TrimSpace(v)
		switch k {
		case "domain":
			d := strings.ToLower(strings.TrimPrefix(v, "."))
			// RFC 6265 §5.3 step 6: the host must domain-match the
			// Domain attribute, else the cookie is ignored.
			if d == "" || !(f.host == d || strings.HasSuffix(f.host, "."+d)) || !strings.Contains(d, ".") {
				return false
			}
			c.domain, c.hostOnly = d, false
		case "path":
			if strings.HasPrefix(v, "/") {
				c.path = v
			}
		case "max-age":
			n, err := strconv.Atoi(v)
			if err == nil && n <= 0 {
				del = true
			}
		case "expires":
			if strings.Contains(v, "1970") {
				del = true
			}
		case "secure":
			secure = true
		case "samesite":
			sameSiteNone = strings.EqualFold(v, "none")
		}
	}
	if secure && !f.secure || sameSiteNone && !secure {
		return false
	}
	for i, old := range f.jar {
		if old.name == c.name && old.domain == c.domain && old.hostOnly == c.hostOnly && old.path == c.path {
			f.jar = append(f.jar[:i], f.jar[i+1:]...)
			if !del {
				c.serial = old.serial
			}
			break
		}
	}
	if del {
		return true
	}
	if c.serial == 0 {
		f.serial++
		c.serial = f.serial
	}
	f.jar = append(f.jar, c)
	return true
}

// visible reports whether the page sees a cookie (RFC 6265 §5.1.3, §5.1.4).
func (f *fakeBrowser) visible(c *jarCookie) bool {
	if c.hostOnly {
		if f.host != c.domain {
			return false
		}
	} else if f.host != c.domain && !strings.HasSuffix(f.host, "."+c.domain) {
		return false
	}
	p := f.path
	return p == c.path || strings.HasPrefix(p, c.path) &&
		(strings.HasSuffix(c.path, "/") || p[len(c.path)] == '/')
}

// defaultPath is RFC 6265 §5.1.4's default-path of a request path.
func defaultPath(p string) string {
	if !strings.HasPrefix(p, "/") {
		return "/"
	}
	i := strings.LastIndexByte(p, '/')
	if i == 0 {
		return "/"
	}
	return p[:i]
}

// stored returns the values of every cookie of that name in the jar,
// visible or not.
func (f *fakeBrowser) stored(name string) []string {
	var out []string
	for _, c := range f.jar {
		if c.name == name {
			out = append(out, c.value)
		}
	}
	return out
}

// deletions returns the deletion assignments written for a cookie name.
func (f *fakeBrowser) deletions(name string) []string {
	var out []string
	for _, w := range f.writes {
		if strings.HasPrefix(w, name+"=;") && strings.Contains(strings.ToLower(w), "max-age=0") {
			out = append(out, w)
		}
	}
	return out
}

// eventNames lists the dispatched events' names in order.
func (f *fakeBrowser) eventNames() []string {
	var out []string
	for _, e := range f.events {
		out = append(out, e.name)
	}
	return out
}

// lastEvent returns the detail of the last event of that name.
func (f *fakeBrowser) lastEvent(t *testing.T, name string) string {
	t.Helper()
	for i := len(f.events) - 1; i >= 0; i-- {
		if f.events[i].name == name {
			return f.events[i].detail
		}
	}
	t.Fatalf("no %s event among %v", name, f.eventNames())
	return ""
}

// view is the part of a rendered view the tests look at.
type view struct {
	Show       string            `json:"show"`
	Lang       string            `json:"lang"`
	Notice     string            `json:"notice"`
	Reopen     bool              `json:"reopen"`
	Texts      map[string]string `json:"texts"`
	Categories []struct {
		ID       string `json:"id"`
		Label    string `json:"label"`
		Checked  bool   `json:"checked"`
		Required bool   `json:"required"`
	} `json:"categories"`
}

func (f *fakeBrowser) lastView(t *testing.T) view {
	t.Helper()
	if len(f.renders) == 0 {
		t.Fatal("nothing was rendered")
	}
	var v view
	mustJSON(t, f.renders[len(f.renders)-1], &v)
	return v
}

// drawn lists what each render put on screen: the view's name, else
// "reopen" for the reopen button alone, else "nothing".
func (f *fakeBrowser) drawn(t *testing.T) []string {
	t.Helper()
	out := []string{}
	for _, r := range f.renders {
		var v view
		mustJSON(t, r, &v)
		switch {
		case v.Show != "":
			out = append(out, v.Show)
		case v.Reopen:
			out = append(out, "reopen")
		default:
			out = append(out, "nothing")
		}
	}
	return out
}

func mustJSON(t *testing.T, s string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(s), v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
}
