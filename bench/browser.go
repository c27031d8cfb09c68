package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/heapprofiler"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	_ "embed"
)

//go:embed inject.js
var injectJS string

// profile is a device and network the runs emulate.
type profile struct {
	Name        string  `json:"name"`
	Label       string  `json:"label"`
	CPUSlowdown float64 `json:"cpuSlowdown"`         // 1: none
	LatencyMs   float64 `json:"latencyMs,omitempty"` // added round trip per request
	DownKbps    float64 `json:"downKbps,omitempty"`  // download throughput
	UpKbps      float64 `json:"upKbps,omitempty"`    // upload throughput
	networkOn   bool    // emulate the network
}

var profiles = []profile{
	{Name: "normal", Label: "normal speed", CPUSlowdown: 1},
	{Name: "slow", Label: "4x CPU, fast 4G (9 Mbit/s, 150 ms RTT)", CPUSlowdown: 4, LatencyMs: 150, DownKbps: 9000, UpKbps: 1500, networkOn: true},
}

var profileByName = map[string]profile{"normal": profiles[0], "slow": profiles[1]}

// bench is the running browser.
type bench struct {
	ctx     context.Context
	cancel  func()
	version string
	tmp     string
}

func startBrowser(spki string) (*bench, error) {
	chrome, err := chromiumPath()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "consent-bench")
	if err != nil {
		return nil, err
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(chrome),
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-features", "Translate,MediaRouter,OptimizationHints"),
		// Trust the test server's certificate, by its key: the page is a
		// secure context, so Chromium asks for brotli, and responses are
		// cached as from any valid https site (a plain
		// --ignore-certificate-errors would keep them out of the cache).
		chromedp.Flag("ignore-certificate-errors-spki-list", spki),
		chromedp.WindowSize(1280, 800),
		chromedp.UserDataDir(tmp),
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelBrowser := chromedp.NewContext(alloc)
	if err := chromedp.Do(ctx); err != nil {
		cancelBrowser()
		cancelAlloc()
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("start chromium: %w", err)
	}
	b := &bench{ctx: ctx, tmp: tmp, cancel: func() { cancelBrowser(); cancelAlloc() }}
	if v, err := cdp.Call(ctx, chromedp.FromContext(ctx).Browser, browser.GetVersion, cdp.Empty{}); err == nil {
		b.version = v.Product
	}
	return b, nil
}

// close stops the browser; calling it again does nothing.
func (b *bench) close() {
	if b.cancel == nil {
		return
	}
	b.cancel()
	b.cancel = nil
	os.RemoveAll(b.tmp)
}

// sample is what one run measured. Times are milliseconds; -1 is "did
// not happen".
type sample struct {
	Manager string `json:"manager"`
	Profile string `json:"profile"`
	Round   int    `json:"round"`
	Err     string `json:"error,omitempty"`

	// First visit, fresh browser context.
	Bytes         float64 `json:"bytes"`         // sum of encodedDataLength until the banner is shown
	Requests      int     `json:"requests"`      //
	BannerVisible float64 `json:"bannerVisible"` // navigation start -> banner visible
	LongTasks     int     `json:"longTasks"`     // until the banner is shown and the page settled
	LongestTask   float64 `json:"longestTask"`   //
	BlockingTime  float64 `json:"blockingTime"`  // sum of (duration - 50) over long tasks
	HeapUsed      float64 `json:"heapUsed"`      // Runtime.getHeapUsage after a GC
	WasmMemory    float64 `json:"wasmMemory"`    // linear memory of the page's wasm instance
	RejectCookie  float64 `json:"rejectCookie"`  // click on Reject all -> consent cookie written
	RejectGone    float64 `json:"rejectGone"`    // click on Reject all -> banner gone
	ClickRetries  int     `json:"clickRetries"`  // clicks on Reject all that changed nothing

	// Returning visitor: everything accepted, same context, second navigation.
	ReturnGated        float64 `json:"returnGated"`        // navigation start -> gated script ran
	ReturnBytes        float64 `json:"returnBytes"`        //
	ReturnLongestTask  float64 `json:"returnLongestTask"`  //
	ReturnBlockingTime float64 `json:"returnBlockingTime"` //
	ReturnBanner       bool    `json:"returnBanner"`       // the banner showed again (it must not)

	// Phases of ours and the floors (performance marks, see phases.go):
	// ms from navigation start, first and returning visit.
	Phases       map[string]float64 `json:"phases,omitempty"`
	ReturnPhases map[string]float64 `json:"returnPhases,omitempty"`
}

// pageState is window.__bench as read from the page.
type pageState struct {
	Visible   *float64           `json:"visible"`
	Gated     *float64           `json:"gated"`
	Click     *float64           `json:"click"`
	Cookie    *float64           `json:"cookie"`
	Gone      *float64           `json:"gone"`
	LongTasks [][2]float64       `json:"longtasks"`
	Wasm      float64            `json:"wasm"`
	Marks     map[string]float64 `json:"marks"`
}

const readState = `(() => { const b = window.__bench || {}; return {visible: b.visible, gated: b.gated, click: b.click, cookie: b.cookie, gone: b.gone, longtasks: b.longtasks || [], wasm: window.__benchWasmMemory ? window.__benchWasmMemory() : 0, marks: window.__benchMarks ? window.__benchMarks() : {}}; })()`

// debug prints the pages' console messages and exceptions.
var debug = os.Getenv("BENCH_DEBUG") != ""

// settle is how long a page is watched after its banner showed, so that
// long tasks right after it and late requests are counted.
const settle = 200 * time.Millisecond

// runOnce measures one manager in a fresh browser context.
func (b *bench) runOnce(m manager, p profile, base string) (sample, error) {
	s := sample{Manager: m.ID, Profile: p.Name, BannerVisible: -1, RejectCookie: -1, RejectGone: -1, ReturnGated: -1}
	tab, cancelTab := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	defer cancelTab()
	if err := chromedp.Do(tab); err != nil {
		return s, fmt.Errorf("open a tab: %w", err)
	}
	ctx, cancel := context.WithTimeout(tab, 90*time.Second)
	defer cancel()

	cfg, _ := json.Marshal(map[string]string{"banner": m.Banner, "reject": m.Reject, "cookie": m.Cookie})
	script := strings.Replace(injectJS, "__CFG__", string(cfg), -1)

	var mu sync.Mutex
	var bytes float64
	var requests int
	listen, stopListen := context.WithCancel(ctx)
	defer stopListen()
	err := chromedp.Do(ctx, func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		var v chromedp.Void
		if debug {
			exc := cdp.Events(listen, t, cdpruntime.ExceptionThrown)
			go func() {
				for ev, err := range exc {
					if err != nil {
						return
					}
					fmt.Fprintf(os.Stderr, "debug %s: exception: %s %v\n", m.ID, ev.ExceptionDetails.Text, ev.ExceptionDetails.Exception.Description)
				}
			}()
			con := cdp.Events(listen, t, cdpruntime.ConsoleAPICalled)
			go func() {
				for ev, err := range con {
					if err != nil {
						return
					}
					var parts []string
					for _, a := range ev.Args {
						parts = append(parts, string(a.Value)+a.Description)
					}
					fmt.Fprintf(os.Stderr, "debug %s: console.%s: %s\n", m.ID, ev.Type, strings.Join(parts, " "))
				}
			}()
		}
		events := cdp.Events(listen, t, network.LoadingFinished)
		go func() {
			for ev, err := range events {
				if err != nil {
					return
				}
				mu.Lock()
				bytes += ev.EncodedDataLength
				requests++
				mu.Unlock()
			}
		}()
		if _, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: script}); err != nil {
			return v, err
		}
		if p.CPUSlowdown > 1 {
			if _, err := cdp.Call(ctx, t, emulation.SetCPUThrottlingRate, emulation.SetCPUThrottlingRateParams{Rate: p.CPUSlowdown}); err != nil {
				return v, err
			}
		}
		if p.networkOn {
			_, err := cdp.Call(ctx, t, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
				MatchedNetworkConditions: []*network.Conditions{{
					Latency:            p.LatencyMs,
					DownloadThroughput: p.DownKbps * 1000 / 8,
					UploadThroughput:   p.UpKbps * 1000 / 8,
				}},
			})
			if err != nil {
				return v, err
			}
		}
		return v, nil
	})
	if err != nil {
		return s, fmt.Errorf("set up the tab: %w", err)
	}
	counters := func() (float64, int) {
		mu.Lock()
		defer mu.Unlock()
		return bytes, requests
	}
	url := base + "/" + m.ID + "/"

	// First visit: the banner.
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return s, fmt.Errorf("first visit: %w", err)
	}
	if err := waitJS(ctx, `window.__bench && window.__bench.visible != null`, 20*time.Second); err != nil {
		return s, fmt.Errorf("the banner (%s) did not show: %w (%s)", m.Banner, err, pageInfo(tab, m))
	}
	time.Sleep(settle)
	st, err := state(ctx)
	if err != nil {
		return s, err
	}
	s.BannerVisible = *st.Visible
	s.Bytes, s.Requests = counters()
	s.LongTasks, s.LongestTask, s.BlockingTime = longTasks(st.LongTasks)
	s.WasmMemory = st.Wasm
	s.Phases = phasesOf(st)
	err = chromedp.Do(ctx, func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		if _, err := cdp.Call(ctx, t, heapprofiler.CollectGarbage, cdp.Empty{}); err != nil {
			return chromedp.Void{}, err
		}
		h, err := cdp.Call(ctx, t, cdpruntime.GetHeapUsage, cdp.Empty{})
		s.HeapUsed = h.UsedSize
		return chromedp.Void{}, err
	})
	if err != nil {
		return s, fmt.Errorf("heap: %w", err)
	}

	// Reject all. A manager may draw its banner before it listens to its
	// buttons (tarteaucitron does, now and then): a click that changed
	// nothing is repeated, and only the last one is timed.
	for try := 1; ; try++ {
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(m.Reject))); err != nil {
			return s, fmt.Errorf("click %s: %w", m.Reject, err)
		}
		err := waitJS(ctx, `window.__bench.cookie != null && window.__bench.gone != null`, 4*time.Second)
		if err == nil {
			break
		}
		st, _ := state(ctx)
		if try == 3 || st.Cookie != nil || st.Gone != nil {
			return s, fmt.Errorf("after Reject all (click seen at %s): cookie %v, banner gone %v: %w", ptrStr(st.Click), ptrStr(st.Cookie), ptrStr(st.Gone), err)
		}
		s.ClickRetries++
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.__bench.click = null; true`)); err != nil {
			return s, err
		}
	}
	if st, err = state(ctx); err != nil {
		return s, err
	}
	s.RejectCookie = *st.Cookie - *st.Click
	s.RejectGone = *st.Gone - *st.Click

	// Accept all through the manager's API: the returning visitor's choice.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`Promise.resolve(`+m.AcceptJS+`).then(() => true)`, chromedp.EvalAwaitPromise)); err != nil {
		return s, fmt.Errorf("accept all: %w", err)
	}
	if err := waitJS(ctx, `window.__bench.gated != null`, 10*time.Second); err != nil {
		return s, fmt.Errorf("the gated script did not run after accepting all: %w", err)
	}
	time.Sleep(50 * time.Millisecond)

	// Returning visitor: same context, cookie stored, HTTP cache warm.
	before, _ := counters()
	if err := chromedp.Do(ctx, chromedp.Navigate(url)); err != nil {
		return s, fmt.Errorf("second visit: %w", err)
	}
	if err := waitJS(ctx, `window.__bench && window.__bench.gated != null`, 20*time.Second); err != nil {
		return s, fmt.Errorf("returning visitor: the gated script did not run: %w", err)
	}
	time.Sleep(settle)
	if st, err = state(ctx); err != nil {
		return s, err
	}
	s.ReturnGated = *st.Gated
	after, _ := counters()
	s.ReturnBytes = after - before
	_, s.ReturnLongestTask, s.ReturnBlockingTime = longTasks(st.LongTasks)
	s.ReturnBanner = st.Visible != nil
	s.ReturnPhases = phasesOf(st)
	return s, nil
}

func ptrStr(p *float64) string {
	if p == nil {
		return "never"
	}
	return fmt.Sprintf("%.1f ms", *p)
}

func state(ctx context.Context) (pageState, error) {
	st, err := chromedp.Run(ctx, chromedp.Evaluate[pageState](readState))
	if err != nil {
		return st, fmt.Errorf("read the page's measurements: %w", err)
	}
	return st, nil
}

// waitJS polls a condition in the page.
func waitJS(ctx context.Context, cond string, d time.Duration) error {
	c, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	_, err := chromedp.Run(c, chromedp.Poll[bool](cond, chromedp.WithPollingInterval(10*time.Millisecond)))
	return err
}

// longTasks returns the count, the longest and the total blocking time.
func longTasks(lt [][2]float64) (n int, longest, blocking float64) {
	for _, t := range lt {
		n++
		if t[1] > longest {
			longest = t[1]
		}
		if t[1] > 50 {
			blocking += t[1] - 50
		}
	}
	return n, longest, blocking
}

// pageInfo describes the page for an error message.
func pageInfo(tab context.Context, m manager) string {
	ctx, cancel := context.WithTimeout(tab, 5*time.Second)
	defer cancel()
	sel, _ := json.Marshal(m.Banner)
	v, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify({href: location.href, ready: document.readyState, bench: window.__bench ? {visible: window.__bench.visible} : null, banner: !!document.querySelector(`+string(sel)+`)})`))
	if err != nil {
		return err.Error()
	}
	return v
}
