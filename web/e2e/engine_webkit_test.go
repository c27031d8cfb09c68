package e2e

// engineTab in WebKit: WebKitGTK's MiniBrowser through WebKitWebDriver,
// classic W3C WebDriver over HTTP, on an Xvfb display the harness starts.
// A WebKitWebDriver serves one session at a time, and a session takes
// seconds to start, so the harness keeps a small pool of sessions (each
// its own driver) and cleans one's cookies and windows before the next
// test gets it. The example.test names reach this machine through a
// proxy of the harness (WebKit has no host-resolver switch).

import (
	"bufio"
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// webkitSessions is how many sessions (MiniBrowsers) run at once.
const webkitSessions = 2

type webkit struct {
	tmp     string
	proxy   *http.Server
	proxyAt string
	browser string

	mu   sync.Mutex
	all  []*wkSession
	idle chan *wkSession
}

// miniBrowser is WebKitGTK's browser for automation.
func miniBrowser() (string, error) {
	for _, p := range []string{"/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser", "/usr/lib/aarch64-linux-gnu/webkit2gtk-4.1/MiniBrowser"} {
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	m, _ := filepath.Glob("/usr/lib/*/webkit2gtk-4.*/MiniBrowser")
	if len(m) > 0 {
		return m[0], nil
	}
	return "", errors.New("WebKitGTK's MiniBrowser is not installed (webkit2gtk-driver; make test installs it)")
}

func startWebKit(tmp string) (engineDriver, error) {
	if _, err := exec.LookPath("WebKitWebDriver"); err != nil {
		return nil, errors.New("WebKitWebDriver is not installed (webkit2gtk-driver; make test installs it)")
	}
	if _, err := miniBrowser(); err != nil {
		return nil, err
	}
	if _, err := exec.LookPath("Xvfb"); err != nil {
		return nil, errors.New("Xvfb is not installed (xvfb; make test installs it)")
	}
	w := &webkit{tmp: tmp, idle: make(chan *wkSession, webkitSessions)}
	if err := w.startProxy(); err != nil {
		w.stop()
		return nil, err
	}
	// The first session now: a broken setup fails before the tests.
	s, err := w.newSession()
	if err != nil {
		w.stop()
		return nil, err
	}
	w.idle <- s
	return w, nil
}

// startXvfb starts a virtual display on a free display number. Each
// session has its own, so that its window is the focused one: without a
// window manager the focus follows the pointer, which sits in the
// screen's middle, inside the window (a page in a window without the
// focus matches no :focus-visible).
func startXvfb(tmp string) (*exec.Cmd, string, error) {
	r, wr, err := os.Pipe()
	if err != nil {
		return nil, "", err
	}
	defer r.Close()
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x1024x24", "-nolisten", "tcp")
	cmd.ExtraFiles = []*os.File{wr}
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	logf, err := os.CreateTemp(tmp, "xvfb-*.log")
	if err != nil {
		return nil, "", err
	}
	defer logf.Close()
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		wr.Close()
		return nil, "", fmt.Errorf("start Xvfb: %w", err)
	}
	wr.Close()
	num := make(chan string, 1)
	go func() {
		// Xvfb writes the number, then a newline: read both, or it
		// fails on a closed pipe.
		line, _ := bufio.NewReader(r).ReadString('\n')
		num <- strings.TrimSpace(line)
	}()
	fail := func(msg string) (*exec.Cmd, string, error) {
		stopProc(cmd)
		out, _ := os.ReadFile(logf.Name())
		return nil, "", fmt.Errorf("%s: %s", msg, out)
	}
	select {
	case d := <-num:
		if d == "" {
			return fail("Xvfb did not start")
		}
		return cmd, ":" + d, nil
	case <-time.After(30 * time.Second):
		return fail("Xvfb did not name its display within 30s")
	}
}

// stopProc ends a process group the harness started: TERM, then KILL
// after 10s.
func stopProc(cmd *exec.Cmd) {
	syscall.Kill(-cmd.Process.Pid, syscall.SIGTERM)
	done := make(chan struct{})
	go func() { cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
		<-done
	}
}

// startProxy serves the HTTP proxy that sends the test host names
// (127.0.0.1, example.test and its subdomains) to this machine, and
// refuses every other host.
func (w *webkit) startProxy() error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	local := func(hostport string) (string, bool) {
		h, p, err := net.SplitHostPort(hostport)
		if err != nil {
			h, p = hostport, "80"
		}
		if h == "127.0.0.1" || h == "example.test" || strings.HasSuffix(h, ".example.test") {
			return "127.0.0.1:" + p, true
		}
		return "", false
	}
	rp := &httputil.ReverseProxy{Rewrite: func(pr *httputil.ProxyRequest) {
		to, _ := local(pr.In.Host)
		pr.Out.URL.Scheme = "http"
		pr.Out.URL.Host = to
		pr.Out.Host = pr.In.Host
	}, ErrorLog: nullLog()}
	w.proxy = &http.Server{Handler: http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		to, ok := local(r.Host)
		if os.Getenv("ENGINE_DEBUG") != "" {
			fmt.Fprintln(os.Stderr, "proxy:", r.Method, r.Host, r.URL.String())
		}
		if !ok {
			http.Error(rw, "the tests reach only this machine", http.StatusForbidden)
			return
		}
		if r.Method != http.MethodConnect {
			rp.ServeHTTP(rw, r)
			return
		}
		up, err := net.Dial("tcp", to)
		if err != nil {
			http.Error(rw, err.Error(), http.StatusBadGateway)
			return
		}
		hj, ok := rw.(http.Hijacker)
		if !ok {
			up.Close()
			http.Error(rw, "no hijacking", http.StatusInternalServerError)
			return
		}
		down, buf, err := hj.Hijack()
		if err != nil {
			up.Close()
			return
		}
		io.WriteString(down, "HTTP/1.1 200 Connection established\r\n\r\n")
		go func() { io.Copy(up, buf); up.Close() }()
		go func() { io.Copy(down, up); down.Close() }()
	}), ErrorLog: nullLog()}
	go w.proxy.Serve(ln)
	w.proxyAt = ln.Addr().String()
	return nil
}

func (w *webkit) version() string { return w.browser }

func (w *webkit) stop() {
	w.mu.Lock()
	all := w.all
	w.mu.Unlock()
	for _, s := range all {
		s.quit()
	}
	if w.proxy != nil {
		w.proxy.Close()
	}
}

// wkSession is one WebKitWebDriver and its one session.
type wkSession struct {
	w       *webkit
	xvfb    *exec.Cmd
	display string
	cmd     *exec.Cmd
	base    string // http://127.0.0.1:port/session/id
	mu      sync.Mutex
	current string // the window commands go to
	main    string // the session's first window
}

func (w *webkit) newSession() (*wkSession, error) {
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	xvfb, display, err := startXvfb(w.tmp)
	if err != nil {
		return nil, err
	}
	s := &wkSession{w: w, xvfb: xvfb, display: display}
	w.mu.Lock()
	w.all = append(w.all, s)
	w.mu.Unlock()
	cmd := exec.Command("WebKitWebDriver", "--host=127.0.0.1", "--port="+strconv.Itoa(port))
	cmd.Env = append(os.Environ(), "DISPLAY="+display, "WEBKIT_DISABLE_COMPOSITING_MODE=1",
		"GDK_BACKEND=x11", "LIBGL_ALWAYS_SOFTWARE=1", "NO_AT_BRIDGE=1", "HOME="+w.tmp)
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	logf, err := os.Create(filepath.Join(w.tmp, "webkitdriver-"+strconv.Itoa(port)+".log"))
	if err != nil {
		return nil, err
	}
	defer logf.Close()
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start WebKitWebDriver: %w", err)
	}
	s.cmd = cmd
	root := "http://127.0.0.1:" + strconv.Itoa(port)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	for {
		if _, err := wdDo(ctx, http.MethodGet, root+"/status", nil); err == nil {
			break
		}
		if ctx.Err() != nil {
			return nil, errors.New("WebKitWebDriver did not answer within 90s")
		}
		time.Sleep(50 * time.Millisecond)
	}
	bin, _ := miniBrowser()
	caps := map[string]any{
		"acceptInsecureCerts":      true,
		"proxy":                    map[string]any{"proxyType": "manual", "httpProxy": w.proxyAt},
		"webkitgtk:browserOptions": map[string]any{"binary": bin, "args": []string{"--automation"}},
	}
	raw, err := wdDo(ctx, http.MethodPost, root+"/session", map[string]any{"capabilities": map[string]any{"alwaysMatch": caps}})
	if err != nil {
		out, _ := os.ReadFile(logf.Name())
		return nil, fmt.Errorf("new WebKit session on display %s: %w; WebKitWebDriver said: %s", display, err, out)
	}
	var sess struct {
		SessionID    string `json:"sessionId"`
		Capabilities struct {
			BrowserName    string `json:"browserName"`
			BrowserVersion string `json:"browserVersion"`
		} `json:"capabilities"`
	}
	if err := json.Unmarshal(raw, &sess); err != nil {
		return nil, err
	}
	s.base = root + "/session/" + sess.SessionID
	w.browser = "WebKitGTK " + sess.Capabilities.BrowserVersion + " (" + sess.Capabilities.BrowserName + ")"
	if _, err := s.do(ctx, http.MethodPost, "/timeouts", map[string]any{"script": 60000, "pageLoad": 60000}); err != nil {
		return nil, err
	}
	var h string
	if err := s.get(ctx, "/window", &h); err != nil {
		return nil, err
	}
	s.main, s.current = h, h
	if err := s.fitViewport(ctx, 1280, 800); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *wkSession) quit() {
	if s.cmd != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		if s.base != "" {
			_, _ = wdDo(ctx, http.MethodDelete, s.base, nil)
		}
		cancel()
		stopProc(s.cmd)
	}
	stopProc(s.xvfb)
}

// wdDo sends one WebDriver command and returns its value.
func wdDo(ctx context.Context, method, u string, body any) (json.RawMessage, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer res.Body.Close()
	var out struct {
		Value json.RawMessage `json:"value"`
	}
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		return nil, fmt.Errorf("%s %s: %d: %w", method, u, res.StatusCode, err)
	}
	if res.StatusCode != http.StatusOK {
		var e struct {
			Error   string `json:"error"`
			Message string `json:"message"`
		}
		json.Unmarshal(out.Value, &e)
		return nil, fmt.Errorf("%s %s: %s: %s", method, u, e.Error, e.Message)
	}
	return out.Value, nil
}

// do sends a command of the session (to its current window).
func (s *wkSession) do(ctx context.Context, method, path string, body any) (json.RawMessage, error) {
	return wdDo(ctx, method, s.base+path, body)
}

func (s *wkSession) get(ctx context.Context, path string, out any) error {
	raw, err := s.do(ctx, http.MethodGet, path, nil)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, out)
}

// fitViewport sizes the window so that its viewport is w×h.
func (s *wkSession) fitViewport(ctx context.Context, w, h int) error {
	ww, wh := w, h
	for i := 0; i < 3; i++ {
		if _, err := s.do(ctx, http.MethodPost, "/window/rect", map[string]any{"width": ww, "height": wh}); err != nil {
			return err
		}
		// The page hears of the resize a little later: read the
		// viewport until two readings agree.
		var got, prev [2]int
		for j := 0; j < 20; j++ {
			raw, err := s.exec(ctx, "[innerWidth, innerHeight]")
			if err != nil {
				return err
			}
			if err := json.Unmarshal(raw, &got); err != nil {
				return err
			}
			if j > 0 && got == prev {
				break
			}
			prev = got
			time.Sleep(50 * time.Millisecond)
		}
		if got[0] == w && got[1] == h {
			return nil
		}
		ww += w - got[0]
		wh += h - got[1]
		if ww < w || wh < h {
			return fmt.Errorf("the window cannot give a %d×%d viewport (it has %d×%d)", w, h, got[0], got[1])
		}
	}
	return nil
}

// exec evaluates an expression (awaiting it) in the current window.
func (s *wkSession) exec(ctx context.Context, expr string) (json.RawMessage, error) {
	script := "const done = arguments[arguments.length - 1]; " + wrapExpr(expr) +
		".then((v) => done([true, v]), (e) => done([false, e instanceof Error ? e.name + \": \" + e.message : String(e)]));"
	raw, err := s.do(ctx, http.MethodPost, "/execute/async", map[string]any{"script": script, "args": []any{}})
	if err != nil {
		return nil, err
	}
	var res [2]json.RawMessage
	if err := json.Unmarshal(raw, &res); err != nil {
		return nil, fmt.Errorf("evaluate: %s: %w", raw, err)
	}
	var text string
	if err := json.Unmarshal(res[1], &text); err != nil {
		return nil, err
	}
	if string(res[0]) != "true" {
		return nil, &jsError{text}
	}
	return json.RawMessage(text), nil
}

// clean readies the session for another test: one window, on a blank
// page, and no cookies on any of the test servers' origins.
func (s *wkSession) clean(ctx context.Context) error {
	var handles []string
	if err := s.get(ctx, "/window/handles", &handles); err != nil {
		return err
	}
	for _, h := range handles {
		if h == s.main {
			continue
		}
		if _, err := s.do(ctx, http.MethodPost, "/window", map[string]any{"handle": h}); err != nil {
			return err
		}
		if _, err := s.do(ctx, http.MethodDelete, "/window", nil); err != nil {
			return err
		}
	}
	if _, err := s.do(ctx, http.MethodPost, "/window", map[string]any{"handle": s.main}); err != nil {
		return err
	}
	s.current = s.main
	if err := s.deleteAllCookies(ctx); err != nil {
		return err
	}
	if err := s.fitViewport(ctx, 1280, 800); err != nil {
		return err
	}
	_, err := s.do(ctx, http.MethodPost, "/url", map[string]any{"url": "about:blank"})
	return err
}

// deleteAllCookies deletes the cookies of every origin the tests serve:
// WebDriver deletes only those of the current document.
func (s *wkSession) deleteAllCookies(ctx context.Context) error {
	cServers()
	for _, o := range []string{cSrv.URL, cTLS.URL, strings.Replace(cSrv.URL, "127.0.0.1", "www.example.test", 1)} {
		for _, p := range append([]string{"/"}, cookiePaths...) {
			if _, err := s.do(ctx, http.MethodPost, "/url", map[string]any{"url": o + p + "engine-blank"}); err != nil {
				return err
			}
			if _, err := s.do(ctx, http.MethodDelete, "/cookie", nil); err != nil {
				return err
			}
		}
	}
	return nil
}

func (w *webkit) newTab(ctx context.Context) (engineTab, error) {
	var s *wkSession
	select {
	case s = <-w.idle:
	default:
		w.mu.Lock()
		n := len(w.all)
		w.mu.Unlock()
		if n < webkitSessions {
			var err error
			if s, err = w.newSession(); err != nil {
				return nil, err
			}
		} else {
			select {
			case s = <-w.idle:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
	}
	return &wkTab{s: s, handle: s.main, owner: true}, nil
}

type wkTab struct {
	s      *wkSession
	handle string
	owner  bool // the session's first window, returned to the pool on close
}

// do sends a command to this tab's window.
func (tb *wkTab) do(ctx context.Context, method, path string, body any) (json.RawMessage, error) {
	tb.s.mu.Lock()
	defer tb.s.mu.Unlock()
	if tb.s.current != tb.handle {
		if _, err := tb.s.do(ctx, http.MethodPost, "/window", map[string]any{"handle": tb.handle}); err != nil {
			return nil, err
		}
		tb.s.current = tb.handle
	}
	return tb.s.do(ctx, method, path, body)
}

func (tb *wkTab) navigate(ctx context.Context, u string) error {
	_, err := tb.do(ctx, http.MethodPost, "/url", map[string]any{"url": u})
	return err
}

func (tb *wkTab) back(ctx context.Context) error {
	_, err := tb.do(ctx, http.MethodPost, "/back", map[string]any{})
	return err
}

func (tb *wkTab) evaluate(ctx context.Context, expr string) (json.RawMessage, error) {
	tb.s.mu.Lock()
	defer tb.s.mu.Unlock()
	if tb.s.current != tb.handle {
		if _, err := tb.s.do(ctx, http.MethodPost, "/window", map[string]any{"handle": tb.handle}); err != nil {
			return nil, err
		}
		tb.s.current = tb.handle
	}
	return tb.s.exec(ctx, expr)
}

func (tb *wkTab) actions(ctx context.Context, seqs []any) error {
	if _, err := tb.do(ctx, http.MethodPost, "/actions", map[string]any{"actions": seqs}); err != nil {
		return err
	}
	_, err := tb.do(ctx, http.MethodDelete, "/actions", nil)
	return err
}

type wdCookie struct {
	Name     string   `json:"name"`
	Value    string   `json:"value"`
	Path     string   `json:"path,omitempty"`
	Domain   string   `json:"domain,omitempty"`
	Secure   bool     `json:"secure"`
	HTTPOnly bool     `json:"httpOnly"`
	Expiry   *float64 `json:"expiry,omitempty"`
	SameSite string   `json:"sameSite,omitempty"`
}

// cookiePaths are the other paths whose cookies cookies() reads too (the
// rows' consentCookie.path): WebDriver returns only the cookies the
// current document's URL receives.
var cookiePaths = []string{"/shop/"}

func (tb *wkTab) cookies(ctx context.Context) ([]jarEntry, error) {
	raw, err := tb.do(ctx, http.MethodGet, "/cookie", nil)
	if err != nil {
		return nil, err
	}
	var cs []wdCookie
	if err := json.Unmarshal(raw, &cs); err != nil {
		return nil, err
	}
	if more, err := tb.cookiesElsewhere(ctx); err != nil {
		return nil, err
	} else {
		cs = append(cs, more...)
	}
	seen := map[string]bool{}
	var out []jarEntry
	for _, c := range cs {
		if k := c.Name + "\x00" + c.Domain + "\x00" + c.Path; seen[k] {
			continue
		} else {
			seen[k] = true
		}
		e := jarEntry{Name: c.Name, Value: c.Value, Domain: c.Domain, Path: c.Path, HTTPOnly: c.HTTPOnly, Secure: c.Secure,
			SameSite: c.SameSite, Session: c.Expiry == nil}
		if c.Expiry != nil {
			e.Expires = *c.Expiry
		}
		out = append(out, e)
	}
	return out, nil
}

// cookiesElsewhere reads the cookies of cookiePaths on the current
// document's origin, from a window of its own.
func (tb *wkTab) cookiesElsewhere(ctx context.Context) ([]wdCookie, error) {
	raw, err := tb.evaluate(ctx, "location.origin")
	if err != nil {
		return nil, err
	}
	var origin string
	json.Unmarshal(raw, &origin)
	if !strings.HasPrefix(origin, "http") {
		return nil, nil
	}
	tb.s.mu.Lock()
	defer tb.s.mu.Unlock()
	raw, err = tb.s.do(ctx, http.MethodPost, "/window/new", map[string]any{"type": "window"})
	if err != nil {
		return nil, err
	}
	var nw struct {
		Handle string `json:"handle"`
	}
	if err := json.Unmarshal(raw, &nw); err != nil {
		return nil, err
	}
	defer func() {
		tb.s.do(ctx, http.MethodPost, "/window", map[string]any{"handle": nw.Handle})
		tb.s.do(ctx, http.MethodDelete, "/window", nil)
		tb.s.do(ctx, http.MethodPost, "/window", map[string]any{"handle": tb.handle})
		tb.s.current = tb.handle
	}()
	if _, err := tb.s.do(ctx, http.MethodPost, "/window", map[string]any{"handle": nw.Handle}); err != nil {
		return nil, err
	}
	var out []wdCookie
	for _, p := range cookiePaths {
		if _, err := tb.s.do(ctx, http.MethodPost, "/url", map[string]any{"url": origin + p + "engine-blank"}); err != nil {
			return nil, err
		}
		raw, err := tb.s.do(ctx, http.MethodGet, "/cookie", nil)
		if err != nil {
			return nil, err
		}
		var cs []wdCookie
		if err := json.Unmarshal(raw, &cs); err != nil {
			return nil, err
		}
		out = append(out, cs...)
	}
	return out, nil
}

// setCookie adds the cookie from a document of pageURL's origin (as
// WebDriver requires), going there first when the tab is elsewhere.
func (tb *wkTab) setCookie(ctx context.Context, pageURL string, c jarEntry) error {
	u, err := url.Parse(pageURL)
	if err != nil {
		return err
	}
	origin := u.Scheme + "://" + u.Host
	raw, err := tb.evaluate(ctx, "location.origin")
	if err != nil {
		return err
	}
	var at string
	json.Unmarshal(raw, &at)
	if at != origin {
		if err := tb.navigate(ctx, origin+"/engine-blank"); err != nil {
			return err
		}
	}
	ck := wdCookie{Name: c.Name, Value: c.Value, Path: c.Path, HTTPOnly: c.HTTPOnly, Secure: c.Secure, SameSite: c.SameSite}
	if ck.Path == "" {
		ck.Path = "/"
	}
	if c.Expires > 0 {
		e := float64(int64(c.Expires))
		ck.Expiry = &e
	}
	_, err = tb.do(ctx, http.MethodPost, "/cookie", map[string]any{"cookie": ck})
	return err
}

func (tb *wkTab) clearCookies(ctx context.Context) error {
	tb.s.mu.Lock()
	defer tb.s.mu.Unlock()
	if tb.s.current != tb.handle {
		if _, err := tb.s.do(ctx, http.MethodPost, "/window", map[string]any{"handle": tb.handle}); err != nil {
			return err
		}
		tb.s.current = tb.handle
	}
	return tb.s.deleteAllCookies(ctx)
}

func (tb *wkTab) sibling(ctx context.Context) (engineTab, error) {
	raw, err := tb.do(ctx, http.MethodPost, "/window/new", map[string]any{"type": "window"})
	if err != nil {
		return nil, err
	}
	var nw struct {
		Handle string `json:"handle"`
	}
	if err := json.Unmarshal(raw, &nw); err != nil {
		return nil, err
	}
	s := &wkTab{s: tb.s, handle: nw.Handle}
	return s, nil
}

func (tb *wkTab) viewport(ctx context.Context, w, h int) error {
	tb.s.mu.Lock()
	defer tb.s.mu.Unlock()
	if tb.s.current != tb.handle {
		if _, err := tb.s.do(ctx, http.MethodPost, "/window", map[string]any{"handle": tb.handle}); err != nil {
			return err
		}
		tb.s.current = tb.handle
	}
	return tb.s.fitViewport(ctx, w, h)
}

func (tb *wkTab) screenshot(ctx context.Context) ([]byte, error) {
	raw, err := tb.do(ctx, http.MethodGet, "/screenshot", nil)
	if err != nil {
		return nil, err
	}
	var b64 string
	if err := json.Unmarshal(raw, &b64); err != nil {
		return nil, err
	}
	return base64.StdEncoding.DecodeString(b64)
}

func (tb *wkTab) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if !tb.owner {
		_, _ = tb.do(ctx, http.MethodDelete, "/window", nil)
		return
	}
	tb.s.mu.Lock()
	err := tb.s.clean(ctx)
	tb.s.mu.Unlock()
	if err != nil {
		// A session that cannot be cleaned is not given to another test.
		tb.s.quit()
		tb.s.w.mu.Lock()
		for i, s := range tb.s.w.all {
			if s == tb.s {
				tb.s.w.all = append(tb.s.w.all[:i], tb.s.w.all[i+1:]...)
				break
			}
		}
		tb.s.w.mu.Unlock()
		return
	}
	tb.s.w.idle <- tb.s
}
