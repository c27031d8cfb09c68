package e2e

// engineTab in Firefox: WebDriver BiDi over a websocket, which Firefox
// serves itself (no geckodriver). Each first tab gets a user context of
// its own: a fresh cookie jar and cache, as a fresh Chromium browser
// context.

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"golang.org/x/net/websocket"
)

// bidi is one WebDriver BiDi connection: commands by id, answers routed
// back to their callers.
type bidi struct {
	ws      *websocket.Conn
	mu      sync.Mutex
	next    int
	pending map[int]chan bidiAnswer
	closed  chan struct{}
}

type bidiAnswer struct {
	Type    string          `json:"type"`
	ID      int             `json:"id"`
	Result  json.RawMessage `json:"result"`
	Error   string          `json:"error"`
	Message string          `json:"message"`
}

func dialBiDi(wsURL string) (*bidi, error) {
	ws, err := websocket.Dial(wsURL, "", "http://127.0.0.1/")
	if err != nil {
		return nil, err
	}
	ws.MaxPayloadBytes = 64 << 20
	b := &bidi{ws: ws, pending: map[int]chan bidiAnswer{}, closed: make(chan struct{})}
	go b.read()
	return b, nil
}

func (b *bidi) read() {
	defer close(b.closed)
	for {
		var msg []byte
		if err := websocket.Message.Receive(b.ws, &msg); err != nil {
			return
		}
		var a bidiAnswer
		if json.Unmarshal(msg, &a) != nil || a.Type == "event" {
			continue
		}
		b.mu.Lock()
		ch := b.pending[a.ID]
		delete(b.pending, a.ID)
		b.mu.Unlock()
		if ch != nil {
			ch <- a
		}
	}
}

// call sends a command and decodes its result into out (when not nil).
func (b *bidi) call(ctx context.Context, method string, params, out any) error {
	b.mu.Lock()
	b.next++
	id := b.next
	ch := make(chan bidiAnswer, 1)
	b.pending[id] = ch
	b.mu.Unlock()
	msg, err := json.Marshal(map[string]any{"id": id, "method": method, "params": params})
	if err != nil {
		return err
	}
	if err := websocket.Message.Send(b.ws, string(msg)); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case a := <-ch:
		if a.Type == "error" {
			return fmt.Errorf("%s: %s: %s", method, a.Error, a.Message)
		}
		if out != nil {
			return json.Unmarshal(a.Result, out)
		}
		return nil
	case <-b.closed:
		return fmt.Errorf("%s: the connection to Firefox closed", method)
	case <-ctx.Done():
		b.mu.Lock()
		delete(b.pending, id)
		b.mu.Unlock()
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

type firefox struct {
	cmd     *exec.Cmd
	conn    *bidi
	browser string
}

// firefoxPrefs go into the profile's user.js: the example.test names
// resolve to this machine, and nothing reaches out to the network.
const firefoxPrefs = `user_pref("network.dns.localDomains", "example.test,www.example.test");
user_pref("browser.shell.checkDefaultBrowser", false);
user_pref("datareporting.policy.dataSubmissionEnabled", false);
user_pref("toolkit.telemetry.enabled", false);
user_pref("app.update.disabledForTesting", true);
user_pref("browser.safebrowsing.malware.enabled", false);
user_pref("browser.safebrowsing.phishing.enabled", false);
user_pref("network.captive-portal-service.enabled", false);
user_pref("network.connectivity-service.enabled", false);
`

func startFirefox(tmp string) (engineDriver, error) {
	bin, err := exec.LookPath("firefox-esr")
	if err != nil {
		if bin, err = exec.LookPath("firefox"); err != nil {
			return nil, errors.New("firefox-esr is not installed (make test installs it)")
		}
	}
	profile := filepath.Join(tmp, "firefox")
	if err := os.MkdirAll(profile, 0o755); err != nil {
		return nil, err
	}
	if err := os.WriteFile(filepath.Join(profile, "user.js"), []byte(firefoxPrefs), 0o644); err != nil {
		return nil, err
	}
	cmd := exec.Command(bin, "--headless", "--no-remote", "--profile", profile,
		"--remote-debugging-port=0", "--remote-allow-origins=http://127.0.0.1")
	cmd.Env = append(os.Environ(), "MOZ_HEADLESS=1", "MOZ_CRASHREPORTER_DISABLE=1", "HOME="+tmp)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	f := &firefox{cmd: cmd}
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if _, after, ok := strings.Cut(sc.Text(), "WebDriver BiDi listening on "); ok {
				select {
				case found <- strings.TrimSpace(after):
				default:
				}
			}
		}
	}()
	var ws string
	select {
	case ws = <-found:
	case <-time.After(60 * time.Second):
		f.stop()
		return nil, errors.New("firefox did not say where WebDriver BiDi listens within 60s")
	}
	if f.conn, err = dialBiDi(ws + "/session"); err != nil {
		f.stop()
		return nil, fmt.Errorf("connect to %s: %w", ws, err)
	}
	var sess struct {
		Capabilities struct {
			BrowserName    string `json:"browserName"`
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	caps := map[string]any{"alwaysMatch": map[string]any{"acceptInsecureCerts": true}}
	if err := f.conn.call(ctx, "session.new", map[string]any{"capabilities": caps}, &sess); err != nil {
		f.stop()
		return nil, err
	}
	f.browser = sess.Capabilities.BrowserName + " " + sess.Capabilities.BrowserVersion
	return f, nil
}

func (f *firefox) version() string { return f.browser }

func (f *firefox) stop() {
	if f.conn != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		_ = f.conn.call(ctx, "browser.close", map[string]any{}, nil)
		cancel()
		f.conn.ws.Close()
	}
	done := make(chan struct{})
	go func() { f.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-f.cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

func (f *firefox) newTab(ctx context.Context) (engineTab, error) {
	var uc struct {
		UserContext string `json:"userContext"`
	}
	if err := f.conn.call(ctx, "browser.createUserContext", map[string]any{}, &uc); err != nil {
		return nil, err
	}
	tb, err := f.open(ctx, uc.UserContext, "tab", true)
	if err != nil {
		_ = f.conn.call(ctx, "browser.removeUserContext", map[string]any{"userContext": uc.UserContext}, nil)
	}
	return tb, err
}

// open opens a tab (typ "tab" or "window") in the user context uc,
// 1280×800 as Chromium's window.
// A second tab of a user context opens as a window of its own, so that
// both pages stay visible (a background tab is hidden, as in Chromium's
// separate targets).
func (f *firefox) open(ctx context.Context, uc, typ string, owner bool) (*ffTab, error) {
	var bc struct {
		Context string `json:"context"`
	}
	if err := f.conn.call(ctx, "browsingContext.create", map[string]any{"type": typ, "userContext": uc}, &bc); err != nil {
		return nil, err
	}
	tb := &ffTab{f: f, uc: uc, bc: bc.Context, owner: owner}
	if err := tb.viewport(ctx, 1280, 800); err != nil {
		tb.close()
		return nil, err
	}
	return tb, nil
}

type ffTab struct {
	f     *firefox
	uc    string // the user context: the cookie jar
	bc    string // the browsing context: the tab
	owner bool   // the tab that made uc removes it
}

func (tb *ffTab) call(ctx context.Context, method string, params, out any) error {
	return tb.f.conn.call(ctx, method, params, out)
}

func (tb *ffTab) navigate(ctx context.Context, u string) error {
	return tb.call(ctx, "browsingContext.navigate", map[string]any{"context": tb.bc, "url": u, "wait": "complete"}, nil)
}

func (tb *ffTab) back(ctx context.Context) error {
	return tb.call(ctx, "browsingContext.traverseHistory", map[string]any{"context": tb.bc, "delta": -1}, nil)
}

func (tb *ffTab) evaluate(ctx context.Context, expr string) (json.RawMessage, error) {
	var res struct {
		Type   string `json:"type"`
		Result struct {
			Type  string `json:"type"`
			Value string `json:"value"`
		} `json:"result"`
		ExceptionDetails struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	err := tb.call(ctx, "script.evaluate", map[string]any{
		"expression": wrapExpr(expr), "target": map[string]any{"context": tb.bc},
		"awaitPromise": true, "resultOwnership": "none", "userActivation": true,
	}, &res)
	if err != nil {
		return nil, err
	}
	if res.Type == "exception" {
		return nil, &jsError{res.ExceptionDetails.Text}
	}
	return json.RawMessage(res.Result.Value), nil
}

func (tb *ffTab) actions(ctx context.Context, seqs []any) error {
	if err := tb.call(ctx, "input.performActions", map[string]any{"context": tb.bc, "actions": seqs}, nil); err != nil {
		return err
	}
	return tb.call(ctx, "input.releaseActions", map[string]any{"context": tb.bc}, nil)
}

func (tb *ffTab) partition() map[string]any {
	return map[string]any{"type": "storageKey", "userContext": tb.uc}
}

type bidiCookie struct {
	Name  string `json:"name"`
	Value struct {
		Type  string `json:"type"`
		Value string `json:"value"`
	} `json:"value"`
	Domain   string   `json:"domain"`
	Path     string   `json:"path"`
	HTTPOnly bool     `json:"httpOnly"`
	Secure   bool     `json:"secure"`
	SameSite string   `json:"sameSite"`
	Expiry   *float64 `json:"expiry"`
}

func (tb *ffTab) cookies(ctx context.Context) ([]jarEntry, error) {
	var res struct {
		Cookies []bidiCookie `json:"cookies"`
	}
	if err := tb.call(ctx, "storage.getCookies", map[string]any{"partition": tb.partition()}, &res); err != nil {
		return nil, err
	}
	var out []jarEntry
	for _, c := range res.Cookies {
		e := jarEntry{Name: c.Name, Value: c.Value.Value, Domain: c.Domain, Path: c.Path, HTTPOnly: c.HTTPOnly, Secure: c.Secure, Session: c.Expiry == nil}
		if c.Expiry != nil {
			e.Expires = *c.Expiry
		}
		switch c.SameSite {
		case "strict":
			e.SameSite = "Strict"
		case "lax":
			e.SameSite = "Lax"
		case "none":
			e.SameSite = "None"
		}
		out = append(out, e)
	}
	return out, nil
}

func (tb *ffTab) setCookie(ctx context.Context, pageURL string, c jarEntry) error {
	u, err := url.Parse(pageURL)
	if err != nil {
		return err
	}
	ck := map[string]any{"name": c.Name, "value": map[string]any{"type": "string", "value": c.Value},
		"domain": u.Hostname(), "path": c.Path, "httpOnly": c.HTTPOnly, "secure": c.Secure}
	if c.Path == "" {
		ck["path"] = "/"
	}
	if c.SameSite != "" {
		ck["sameSite"] = strings.ToLower(c.SameSite)
	}
	if c.Expires > 0 {
		ck["expiry"] = int64(c.Expires)
	}
	return tb.call(ctx, "storage.setCookie", map[string]any{"cookie": ck, "partition": tb.partition()}, nil)
}

func (tb *ffTab) clearCookies(ctx context.Context) error {
	return tb.call(ctx, "storage.deleteCookies", map[string]any{"partition": tb.partition()}, nil)
}

func (tb *ffTab) sibling(ctx context.Context) (engineTab, error) {
	return tb.f.open(ctx, tb.uc, "window", false)
}

func (tb *ffTab) viewport(ctx context.Context, w, h int) error {
	return tb.call(ctx, "browsingContext.setViewport", map[string]any{"context": tb.bc, "viewport": map[string]any{"width": w, "height": h}}, nil)
}

func (tb *ffTab) screenshot(ctx context.Context) ([]byte, error) {
	var res struct {
		Data string `json:"data"`
	}
	if err := tb.call(ctx, "browsingContext.captureScreenshot", map[string]any{"context": tb.bc}, &res); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(res.Data)
}

func (tb *ffTab) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_ = tb.call(ctx, "browsingContext.close", map[string]any{"context": tb.bc}, nil)
	if tb.owner {
		_ = tb.call(ctx, "browser.removeUserContext", map[string]any{"userContext": tb.uc}, nil)
	}
}
