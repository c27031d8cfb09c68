// Package scan finds the cookies, Web Storage keys and third-party hosts a
// web site uses, the way a visitor's browser meets them: it drives
// headless Chromium through the site three times (no choice made, after
// "Reject all", after "Accept all"), classifies what it found with the
// Open Cookie Database (embedded from cookiedb/) and its own table of what
// the database lacks, and writes a draft consent policy and a report of
// the findings that matter.
package scan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os/exec"
	"sort"
	"sync"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/storage"
	"github.com/chromedp/chromedp"
	"github.com/consentwasm/consent/policy"
)

// Mode is the consent state a visit browses the site in.
type Mode string

// The three visits of a scan.
const (
	NoChoice  Mode = "no-choice"
	RejectAll Mode = "reject-all"
	AcceptAll Mode = "accept-all"
)

// Modes lists the visits in the order a scan makes them.
var Modes = []Mode{NoChoice, RejectAll, AcceptAll}

// Title is how reports name the visit.
func (m Mode) Title() string {
	switch m {
	case NoChoice:
		return "No choice made"
	case RejectAll:
		return "After “Reject all”"
	case AcceptAll:
		return "After “Accept all”"
	}
	return string(m)
}

// Options configure a scan.
type Options struct {
	// URL is the start page.
	URL string
	// MaxPages is how many pages each visit loads at most (default 20).
	MaxPages int
	// Chrome is the browser executable (default: chromium on PATH).
	Chrome string
	// HostResolverRules is passed to Chromium's --host-resolver-rules.
	HostResolverRules string
	// Quiet is how long the network must be idle before a page counts as
	// settled (default 300ms); MaxWait caps the wait (default 5s).
	Quiet, MaxWait time.Duration
	// ChoiceWait is how long the start page is given to show a consent
	// banner (or window.consent) before the scanner gives up choosing
	// (default 5s).
	ChoiceWait time.Duration
	// PageTimeout caps the load of one page (default 30s).
	PageTimeout time.Duration
	// Progress, when set, is called before each page is loaded.
	Progress func(Progress)
	// Now is the clock (default time.Now).
	Now func() time.Time
}

// Progress tells which page a visit is about to load.
type Progress struct {
	Mode Mode
	// Page is the 1-based number of the page, Max the number of pages
	// found so far (at most Options.MaxPages): it grows as links are found.
	Page, Max int
	URL       string
}

// Cookie is a cookie as the browser stores it.
type Cookie struct {
	Name   string `json:"name"`
	Domain string `json:"domain"`
	Path   string `json:"path"`
	// Expires is zero for a session cookie.
	Expires    time.Time `json:"expires,omitzero"`
	Secure     bool      `json:"secure"`
	HTTPOnly   bool      `json:"httpOnly"`
	SameSite   string    `json:"sameSite,omitempty"`
	ThirdParty bool      `json:"thirdParty"`
}

// StorageKey is a localStorage or sessionStorage key of an origin.
type StorageKey struct {
	// Storage is policy.StorageLocal or policy.StorageSession.
	Storage string `json:"storage"`
	Origin  string `json:"origin"`
	Key     string `json:"key"`
}

// Visit is what one pass through the site found.
type Visit struct {
	Mode Mode `json:"mode"`
	// Choice says how the choice was made: "banner" (the project's
	// banner), "api" (window.consent), the name of another consent tool
	// whose button was clicked, or "" when no choice could be made.
	Choice string `json:"choice"`
	// Pages are the pages loaded, in order; Skipped those robots.txt
	// disallows.
	Pages   []string `json:"pages"`
	Skipped []string `json:"skipped,omitempty"`
	Errors  []string `json:"errors,omitempty"`
	// Cookies, Storage and ThirdPartyHosts were seen on any page after the
	// choice (every page for NoChoice).
	Cookies         []Cookie     `json:"cookies"`
	Storage         []StorageKey `json:"storage"`
	ThirdPartyHosts []string     `json:"thirdPartyHosts"`
}

// Result is a scan's raw findings.
type Result struct {
	Start string `json:"start"`
	// Site is the start page's registrable domain.
	Site    string    `json:"site"`
	Host    string    `json:"host"`
	Started time.Time `json:"started"`
	Visits  []Visit   `json:"visits"`
}

// Visit returns the visit made in mode, or nil.
func (r *Result) Visit(m Mode) *Visit {
	for i := range r.Visits {
		if r.Visits[i].Mode == m {
			return &r.Visits[i]
		}
	}
	return nil
}

// BrowserFlags are the Chromium flags the scanner starts it with (and
// no-sandbox only as root: see Sandboxed).
var BrowserFlags = map[string]any{
	"headless":                      true,
	"disable-gpu":                   true,
	"disable-background-networking": true,
	"disable-component-update":      true,
	"disable-sync":                  true,
	"no-first-run":                  true,
	"no-default-browser-check":      true,
	"disable-dev-shm-usage":         true,
	"disable-quic":                  true,
	"disable-extensions":            true,
	"disable-features":              "Translate,MediaRouter,OptimizationHints",
	"mute-audio":                    true,
}

// FindChrome returns the browser to use: path when given, else chromium
// on PATH.
func FindChrome(path string) (string, error) {
	if path != "" {
		p, err := exec.LookPath(path)
		if err != nil {
			return "", fmt.Errorf("browser %q: %w", path, err)
		}
		return p, nil
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", errors.New("chromium is not on PATH: install Debian's chromium (apt-get install chromium) or give --chrome PATH")
}

// StartPageError is Scan's error when the start page does not load.
type StartPageError struct {
	URL string
	Err error
}

func (e *StartPageError) Error() string { return "the start page " + e.URL + ": " + e.Err.Error() }

// Unwrap returns the load's error.
func (e *StartPageError) Unwrap() error { return e.Err }

// Scan visits the site three times, each in a fresh browser context, and
// returns what each visit found.
func Scan(ctx context.Context, o Options) (*Result, error) {
	start, err := url.Parse(o.URL)
	if err != nil || (start.Scheme != "http" && start.Scheme != "https") || start.Host == "" {
		return nil, fmt.Errorf("not an http(s) URL: %q", o.URL)
	}
	if start.Path == "" {
		start.Path = "/"
	}
	start.Fragment = ""
	if o.MaxPages <= 0 {
		o.MaxPages = 20
	}
	if o.Quiet <= 0 {
		o.Quiet = 300 * time.Millisecond
	}
	if o.MaxWait <= 0 {
		o.MaxWait = 5 * time.Second
	}
	if o.ChoiceWait <= 0 {
		o.ChoiceWait = 5 * time.Second
	}
	if o.PageTimeout <= 0 {
		o.PageTimeout = 30 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	chrome, err := FindChrome(o.Chrome)
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{chromedp.ExecPath(chrome), chromedp.WindowSize(1280, 800)}
	for name, v := range browserFlags() {
		opts = append(opts, chromedp.Flag(name, v))
	}
	if o.HostResolverRules != "" {
		opts = append(opts, chromedp.Flag("host-resolver-rules", o.HostResolverRules))
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx, opts...)
	defer cancelAlloc()
	quiet := func(string, ...any) {}
	root, cancelRoot := chromedp.NewContext(alloc, chromedp.WithErrorf(quiet), chromedp.WithLogf(quiet))
	defer cancelRoot()
	if err := chromedp.Do(root); err != nil {
		return nil, fmt.Errorf("start %s: %w", chrome, err)
	}

	res := &Result{
		Start:   start.String(),
		Host:    start.Hostname(),
		Site:    RegistrableDomain(start.Hostname()),
		Started: o.Now(),
	}
	s := &scanner{o: o, root: root, res: res, robots: map[string]*Robots{}}
	defer s.closeRobotsTab()
	for _, m := range Modes {
		v, err := s.visit(m)
		if err != nil {
			return nil, fmt.Errorf("%s visit: %w", m, err)
		}
		res.Visits = append(res.Visits, *v)
	}
	return res, nil
}

type scanner struct {
	o    Options
	root context.Context
	res  *Result

	robots      map[string]*Robots // by origin
	robotsTab   context.Context
	robotsClose context.CancelFunc
}

func (s *scanner) closeRobotsTab() {
	if s.robotsClose != nil {
		s.robotsClose()
	}
}

// allowed fetches (once per origin, in a browser context of its own, so
// that the host names resolve as the pages' do) and applies robots.txt.
func (s *scanner) allowed(u *url.URL) bool {
	origin := u.Scheme + "://" + u.Host
	r, ok := s.robots[origin]
	if !ok {
		r = s.fetchRobots(origin)
		s.robots[origin] = r
	}
	return r.Allowed(u.RequestURI())
}

func (s *scanner) fetchRobots(origin string) *Robots {
	if s.robotsTab == nil {
		s.robotsTab, s.robotsClose = chromedp.NewContext(s.root, chromedp.WithNewBrowserContext())
	}
	ctx, cancel := context.WithTimeout(s.robotsTab, s.o.PageTimeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(origin+"/robots.txt"))
	if err != nil || resp == nil || resp.Status != 200 {
		return &Robots{}
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.body ? document.body.innerText : ""`))
	if err != nil {
		return &Robots{}
	}
	return ParseRobots(text)
}

// netWatch follows a tab's requests: which are in flight, when the last
// one started or ended, and which third-party hosts were contacted.
type netWatch struct {
	mu       sync.Mutex
	site     string
	record   bool
	inflight map[network.RequestID]bool
	last     time.Time
	hosts    map[string]bool
}

func (w *netWatch) event(ev any) {
	w.mu.Lock()
	defer w.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		w.inflight[ev.RequestID] = true
		w.last = time.Now()
		if ev.Request == nil || !w.record {
			return
		}
		if u, err := url.Parse(ev.Request.URL); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
			if h := u.Hostname(); RegistrableDomain(h) != w.site {
				w.hosts[h] = true
			}
		}
	case *network.EventLoadingFinished:
		delete(w.inflight, ev.RequestID)
		w.last = time.Now()
	case *network.EventLoadingFailed:
		delete(w.inflight, ev.RequestID)
		w.last = time.Now()
	}
}

// idle reports whether nothing has been in flight for d.
func (w *netWatch) idle(d time.Duration) bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.inflight) == 0 && time.Since(w.last) >= d
}

func (w *netWatch) startRecording() {
	w.mu.Lock()
	w.record = true
	w.mu.Unlock()
}

func (w *netWatch) reset() {
	w.mu.Lock()
	clear(w.inflight)
	w.mu.Unlock()
}

func (w *netWatch) hostList() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]string, 0, len(w.hosts))
	for h := range w.hosts {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}

// visit browses the site breadth-first in a fresh browser context.
func (s *scanner) visit(m Mode) (*Visit, error) {
	tab, cancel := chromedp.NewContext(s.root, chromedp.WithNewBrowserContext())
	defer cancel()
	if err := chromedp.Do(tab); err != nil {
		return nil, fmt.Errorf("open a tab: %w", err)
	}
	w := &netWatch{site: s.res.Site, record: m == NoChoice, inflight: map[network.RequestID]bool{}, hosts: map[string]bool{}}
	if err := chromedp.Listen(tab, w.event); err != nil {
		return nil, err
	}
	v := &Visit{Mode: m}
	cookies := map[string]Cookie{}
	keys := map[StorageKey]bool{}
	decided := m == NoChoice

	queue := []string{s.res.Start}
	seen := map[string]bool{s.res.Start: true}
	for len(queue) > 0 && len(v.Pages) < s.o.MaxPages {
		raw := queue[0]
		queue = queue[1:]
		u, err := url.Parse(raw)
		if err != nil {
			continue
		}
		if !s.allowed(u) {
			v.Skipped = append(v.Skipped, raw)
			continue
		}
		if s.o.Progress != nil {
			// Of the pages found so far (loaded, this one and those
			// waiting), at most MaxPages.
			found := min(s.o.MaxPages, len(v.Pages)+1+len(queue))
			s.o.Progress(Progress{Mode: m, Page: len(v.Pages) + 1, Max: found, URL: raw})
		}
		w.reset()
		if err := s.load(tab, raw); err != nil {
			if raw == s.res.Start {
				return nil, &StartPageError{URL: raw, Err: err}
			}
			// An error of that URL, not a page visited.
			v.Errors = append(v.Errors, raw+": "+err.Error())
			continue
		}
		v.Pages = append(v.Pages, raw)
		s.settle(tab, w)
		if !decided {
			v.Choice = s.choose(tab, m)
			decided = true
			w.startRecording()
			s.settle(tab, w)
		}
		if err := s.snapshot(tab, cookies, keys); err != nil {
			v.Errors = append(v.Errors, raw+": "+err.Error())
		}
		links, _ := chromedp.Run(tab, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll("a[href]"), (a) => a.href)`))
		for _, l := range links {
			if n, ok := normalizeLink(s.res.Site, l); ok && !seen[n] {
				seen[n] = true
				queue = append(queue, n)
			}
		}
	}
	for _, c := range cookies {
		v.Cookies = append(v.Cookies, c)
	}
	sort.Slice(v.Cookies, func(i, j int) bool {
		a, b := v.Cookies[i], v.Cookies[j]
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		if a.Domain != b.Domain {
			return a.Domain < b.Domain
		}
		return a.Path < b.Path
	})
	for k := range keys {
		v.Storage = append(v.Storage, k)
	}
	sort.Slice(v.Storage, func(i, j int) bool {
		a, b := v.Storage[i], v.Storage[j]
		if a.Storage != b.Storage {
			return a.Storage < b.Storage
		}
		if a.Key != b.Key {
			return a.Key < b.Key
		}
		return a.Origin < b.Origin
	})
	v.ThirdPartyHosts = w.hostList()
	return v, nil
}

func (s *scanner) load(tab context.Context, u string) error {
	ctx, cancel := context.WithTimeout(tab, s.o.PageTimeout)
	defer cancel()
	resp, err := chromedp.Run(ctx, chromedp.NavigateResponse(u))
	if err != nil {
		return err
	}
	if resp != nil && resp.Status >= 400 {
		return fmt.Errorf("HTTP %d", resp.Status)
	}
	return nil
}

// settle waits until the project's consent manager (when the page has
// one) is ready and the network has been idle for Quiet, at most MaxWait.
func (s *scanner) settle(tab context.Context, w *netWatch) {
	ctx, cancel := context.WithTimeout(tab, s.o.MaxWait)
	defer cancel()
	chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`(async () => {
		if (window.consent && window.consent.ready) { try { await window.consent.ready; } catch (e) {} }
	})()`, chromedp.EvalAwaitPromise))
	for ctx.Err() == nil && !w.idle(s.o.Quiet) {
		select {
		case <-ctx.Done():
		case <-time.After(25 * time.Millisecond):
		}
	}
}

// otherTools are the buttons of a few widespread consent tools, clicked
// when the site does not use this project's banner: tool, accept, reject.
var otherTools = [][3]string{
	{"OneTrust", "#onetrust-accept-btn-handler", "#onetrust-reject-all-handler"},
	{"Cookiebot", "#CybotCookiebotDialogBodyLevelButtonLevelOptinAllowAll", "#CybotCookiebotDialogBodyButtonDecline"},
	{"Didomi", "#didomi-notice-agree-button", "#didomi-notice-disagree-button"},
	{"tarteaucitron", "#tarteaucitronAllAllowed", "#tarteaucitronAllDenied"},
	{"Klaro", ".cm-btn-accept-all", ".cm-btn-decline"},
}

// chooseJS makes the choice on the page: the project's banner button, else
// window.consent, else another tool's button. It returns how, or "".
const chooseJS = `(async (action, api, tools) => {
	const shown = (el) => el && el.getClientRects().length > 0;
	if (window.consent && window.consent.ready) { try { await window.consent.ready; } catch (e) {} }
	const btn = document.querySelector('#consent-banner [data-consent-action="' + action + '"]');
	if (shown(btn)) {
		btn.click();
		return "banner";
	}
	if (window.consent && typeof window.consent[api] === "function") {
		await window.consent[api]();
		return "api";
	}
	for (const [name, sel] of tools) {
		const el = document.querySelector(sel);
		if (shown(el)) { el.click(); return name; }
	}
	return "";
})`

// choose makes the visit's choice on the current page, waiting up to
// ChoiceWait for a way to make it to appear.
func (s *scanner) choose(tab context.Context, m Mode) string {
	action, api, idx := "reject-all", "rejectAll", 2
	if m == AcceptAll {
		action, api, idx = "accept-all", "acceptAll", 1
	}
	tools := make([][2]string, len(otherTools))
	for i, t := range otherTools {
		tools[i] = [2]string{t[0], t[idx]}
	}
	args, _ := json.Marshal([]any{action, api, tools})
	call := chooseJS + "(..." + string(args) + ")"
	deadline := time.Now().Add(s.o.ChoiceWait)
	for {
		ctx, cancel := context.WithTimeout(tab, s.o.MaxWait)
		how, err := chromedp.Run(ctx, chromedp.Evaluate[string](call, chromedp.EvalAwaitPromise))
		cancel()
		if err == nil && how != "" {
			if how == "banner" {
				// Wait for the choice to be stored.
				ctx, cancel := context.WithTimeout(tab, s.o.MaxWait)
				chromedp.Run(ctx, chromedp.Poll[bool](`!!(window.consent && window.consent.get && window.consent.get())`, chromedp.WithPollingInterval(20*time.Millisecond)))
				cancel()
			}
			return how
		}
		if time.Now().After(deadline) {
			return ""
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// snapshot adds the browser context's cookies and the page's storage keys.
func (s *scanner) snapshot(tab context.Context, cookies map[string]Cookie, keys map[StorageKey]bool) error {
	ctx, cancel := context.WithTimeout(tab, s.o.PageTimeout)
	defer cancel()
	res, err := chromedp.CallBrowser(ctx, storage.GetCookies, storage.GetCookiesParams{BrowserContextID: chromedp.FromContext(tab).BrowserContextID})
	if err != nil {
		return fmt.Errorf("read cookies: %w", err)
	}
	for _, c := range res.Cookies {
		ck := Cookie{
			Name: c.Name, Domain: c.Domain, Path: c.Path,
			Secure: c.Secure, HTTPOnly: c.HTTPOnly, SameSite: string(c.SameSite),
			ThirdParty: RegistrableDomain(c.Domain) != s.res.Site,
		}
		if !c.Session && c.Expires > 0 {
			ck.Expires = time.Unix(int64(c.Expires), 0).UTC()
		}
		cookies[c.Name+"\x00"+c.Domain+"\x00"+c.Path] = ck
	}
	type store struct {
		Origin  string   `json:"origin"`
		Local   []string `json:"local"`
		Session []string `json:"session"`
	}
	st, err := chromedp.Run(ctx, chromedp.Evaluate[store](`(() => {
		const keys = (s) => { try { return Object.keys(s); } catch (e) { return []; } };
		return {origin: location.origin, local: keys(window.localStorage), session: keys(window.sessionStorage)};
	})()`))
	if err != nil {
		return fmt.Errorf("read storage: %w", err)
	}
	for _, k := range st.Local {
		keys[StorageKey{Storage: policy.StorageLocal, Origin: st.Origin, Key: k}] = true
	}
	for _, k := range st.Session {
		keys[StorageKey{Storage: policy.StorageSession, Origin: st.Origin, Key: k}] = true
	}
	return nil
}
