package main

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
)

// results is everything a run of the benchmark found; latest.json holds it.
type results struct {
	Date      string        `json:"date"`
	Duration  string        `json:"duration"`
	Runs      int           `json:"runsPerManagerAndProfile"`
	Browser   string        `json:"browser"`
	Host      string        `json:"host"`
	GoVersion string        `json:"go"`
	LoadStart string        `json:"loadAverageStart,omitempty"` // /proc/loadavg 1, 5, 15 min
	LoadEnd   string        `json:"loadAverageEnd,omitempty"`
	Wasm      wasmSizes     `json:"consentWasm"`
	Files     []fileSize    `json:"files"`
	Managers  []managerInfo `json:"managers"`
	Profiles  []profile     `json:"profiles"`
	// Summary[profile][manager][metric]
	Summary map[string]map[string]map[string]stat `json:"summary"`
	Goals   []goal                                `json:"goals"`
	Samples []sample                              `json:"samples"`
}

type managerInfo struct {
	ID      string `json:"id"`
	Name    string `json:"name"`
	Version string `json:"version"`
}

// stat summarizes one metric over the runs that succeeded.
type stat struct {
	Median float64 `json:"median"`
	Min    float64 `json:"min"`
	Max    float64 `json:"max"`
	N      int     `json:"n"`
}

type goal struct {
	Goal   string `json:"goal"`
	Pass   bool   `json:"pass"`
	Detail string `json:"detail"`
}

// metric is one row of the table.
type metric struct {
	Key   string
	Label string
	Unit  string
	Scale float64 // displayed value = raw * Scale
	Get   func(sample) float64
	Only  string // only this manager has it
}

var metrics = []metric{
	{Key: "bannerVisible", Label: "First visit: navigation → banner visible", Unit: "ms", Scale: 1, Get: func(s sample) float64 { return s.BannerVisible }},
	{Key: "bytes", Label: "First visit: transferred to show the banner", Unit: "KB", Scale: 1.0 / 1024, Get: func(s sample) float64 { return s.Bytes }},
	{Key: "requests", Label: "First visit: requests", Unit: "", Scale: 1, Get: func(s sample) float64 { return float64(s.Requests) }},
	{Key: "longestTask", Label: "First visit: longest task (0 = none ≥ 50 ms)", Unit: "ms", Scale: 1, Get: func(s sample) float64 { return s.LongestTask }},
	{Key: "blockingTime", Label: "First visit: total blocking time", Unit: "ms", Scale: 1, Get: func(s sample) float64 { return s.BlockingTime }},
	{Key: "heapUsed", Label: "JS heap after GC (Runtime.getHeapUsage)", Unit: "KB", Scale: 1.0 / 1024, Get: func(s sample) float64 { return s.HeapUsed }},
	{Key: "wasmMemory", Label: "Wasm linear memory", Unit: "KB", Scale: 1.0 / 1024, Get: func(s sample) float64 { return s.WasmMemory }, Only: "ours"},
	{Key: "rejectCookie", Label: "Reject all → consent cookie written", Unit: "ms", Scale: 1, Get: func(s sample) float64 { return s.RejectCookie }},
	{Key: "rejectGone", Label: "Reject all → banner gone", Unit: "ms", Scale: 1, Get: func(s sample) float64 { return s.RejectGone }},
	{Key: "returnGated", Label: "Returning visitor: navigation → gated script ran", Unit: "ms", Scale: 1, Get: func(s sample) float64 { return s.ReturnGated }},
	{Key: "returnBytes", Label: "Returning visitor: transferred (revalidations)", Unit: "bytes", Scale: 1, Get: func(s sample) float64 { return s.ReturnBytes }},
	{Key: "returnLongestTask", Label: "Returning visitor: longest task", Unit: "ms", Scale: 1, Get: func(s sample) float64 { return s.ReturnLongestTask }},
}

func median(v []float64) float64 {
	s := append([]float64(nil), v...)
	sort.Float64s(s)
	n := len(s)
	if n == 0 {
		return math.NaN()
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// summarize computes the medians and checks the goals.
func (r *results) summarize() {
	r.Summary = map[string]map[string]map[string]stat{}
	for _, p := range r.Profiles {
		r.Summary[p.Name] = map[string]map[string]stat{}
		for _, m := range r.Managers {
			row := map[string]stat{}
			for _, mt := range metrics {
				if mt.Only != "" && mt.Only != m.ID {
					continue
				}
				var vals []float64
				for _, s := range r.Samples {
					if s.Profile == p.Name && s.Manager == m.ID && s.Err == "" {
						vals = append(vals, mt.Get(s))
					}
				}
				if len(vals) == 0 {
					continue
				}
				st := stat{Median: median(vals), Min: vals[0], Max: vals[0], N: len(vals)}
				for _, v := range vals {
					st.Min = math.Min(st.Min, v)
					st.Max = math.Max(st.Max, v)
				}
				row[mt.Key] = st
			}
			r.Summary[p.Name][m.ID] = row
		}
	}
	r.Goals = r.checkGoals()
}

func (r *results) stat(prof, man, key string) (stat, bool) {
	st, ok := r.Summary[prof][man][key]
	return st, ok
}

// wasmGoal is the brotli size consent.wasm should stay under.
const wasmGoal = 620 * 1024

func (r *results) checkGoals() []goal {
	var gs []goal
	for _, p := range r.Profiles {
		for _, g := range []struct{ key, what string }{
			{"bannerVisible", "banner visible"},
			{"returnGated", "returning visitor's gated script"},
		} {
			ours, ok1 := r.stat(p.Name, "ours", g.key)
			van, ok2 := r.stat(p.Name, "vanilla", g.key)
			name := fmt.Sprintf("%s ≤ 1.25× vanilla-cookieconsent (%s)", g.what, p.Label)
			if !ok1 || !ok2 {
				gs = append(gs, goal{Goal: name, Detail: "not measured (runs failed or were not selected)"})
				continue
			}
			ratio := ours.Median / van.Median
			d := fmt.Sprintf("median %.0f ms vs %.0f ms = %.2f×", ours.Median, van.Median, ratio)
			if ratio > 1.25 {
				d += r.why(p.Name, g.key)
			}
			gs = append(gs, goal{Goal: name, Pass: ratio <= 1.25, Detail: d})
		}
	}
	if _, ok := r.Summary["normal"]; ok {
		worst, wr := 0.0, 0.0
		runs := 0
		for _, s := range r.Samples {
			if s.Manager == "ours" && s.Profile == "normal" && s.Err == "" {
				runs++
				worst = math.Max(worst, s.LongestTask)
				wr = math.Max(wr, s.ReturnLongestTask)
			}
		}
		g := goal{Goal: "no long task ≥ 50 ms at normal speed (first and returning visit)", Pass: runs > 0 && worst < 50 && wr < 50}
		switch {
		case runs == 0:
			g.Detail = "not measured"
		case g.Pass:
			g.Detail = fmt.Sprintf("no long task in %d runs", runs)
		default:
			g.Detail = fmt.Sprintf("longest task over %d runs: %.0f ms on the first visit, %.0f ms on the returning visit (the wasm's compile/instantiate and Go runtime start run on the main thread)", runs, worst, wr)
		}
		gs = append(gs, g)
		if st, ok := r.stat("normal", "ours", "rejectCookie"); ok {
			gs = append(gs, goal{
				Goal:   "Reject all → cookie written within 5 ms (normal speed, median)",
				Pass:   st.Median <= 5,
				Detail: fmt.Sprintf("median %.1f ms, max %.1f ms", st.Median, st.Max),
			})
		}
	}
	gs = append(gs, goal{
		Goal:   "consent.wasm ≤ 620 KB brotli",
		Pass:   r.Wasm.Brotli <= wasmGoal,
		Detail: fmt.Sprintf("%.0f KB brotli (%.0f KB raw, %.0f KB gzip)", kb(r.Wasm.Brotli), kb(r.Wasm.Raw), kb(r.Wasm.Gzip)),
	})
	return gs
}

// why explains a time goal missed with the numbers that drive it.
func (r *results) why(prof, key string) string {
	ob, _ := r.stat(prof, "ours", "bytes")
	vb, _ := r.stat(prof, "vanilla", "bytes")
	var p profile
	for _, q := range r.Profiles {
		if q.Name == prof {
			p = q
		}
	}
	switch key {
	case "bannerVisible":
		s := fmt.Sprintf("; ours transfers %.0f KB to show the banner, vanilla %.0f KB", ob.Median/1024, vb.Median/1024)
		if p.DownKbps > 0 {
			s += fmt.Sprintf(" (the difference alone is ≈%.0f ms at %.0f Mbit/s)", (ob.Median-vb.Median)*8/p.DownKbps, p.DownKbps/1000)
		}
		return s + ", and the wasm must be compiled and the Go runtime started before Go can decide to draw it"
	case "returnGated":
		return "; a returning visitor's gated script waits for the wasm (from the HTTP/code cache), the Go runtime's start and the policy (cached for five minutes), where vanilla decides in a few KB of JS"
	}
	return ""
}

func kb(n int) float64 { return float64(n) / 1024 }

func (r *results) writeJSON(name string) error {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(name, append(b, '\n'), 0o644)
}

func fmtNum(v float64) string {
	switch {
	case v == 0:
		return "0"
	case math.Abs(v) < 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.0f", v)
	}
}

// markdown renders the tables, the goals and the notes.
func (r *results) markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Benchmark results\n\n")
	fmt.Fprintf(&b, "%s · %s · %s · %d runs per manager and profile, interleaved, each in a fresh browser context · took %s.\n\n", r.Date, r.Browser, r.Host, r.Runs, r.Duration)
	if r.LoadStart != "" {
		fmt.Fprintf(&b, "Load average (1, 5, 15 min) at the start: %s, at the end: %s (other work on the machine makes the numbers noisier).\n\n", r.LoadStart, r.LoadEnd)
	}
	fmt.Fprintf(&b, "Cells: median (min–max), then the ratio of the medians to vanilla-cookieconsent. Lower is better everywhere.\n\n")
	for _, p := range r.Profiles {
		fmt.Fprintf(&b, "### %s\n\n", strings.ToUpper(p.Label[:1])+p.Label[1:])
		b.WriteString("| metric |")
		for _, m := range r.Managers {
			fmt.Fprintf(&b, " %s %s |", m.Name, m.Version)
		}
		b.WriteString("\n|---|")
		for range r.Managers {
			b.WriteString("---|")
		}
		b.WriteString("\n")
		for _, mt := range metrics {
			label := mt.Label
			if mt.Unit != "" {
				label += " (" + mt.Unit + ")"
			}
			fmt.Fprintf(&b, "| %s |", label)
			van, vok := r.stat(p.Name, "vanilla", mt.Key)
			for _, m := range r.Managers {
				st, ok := r.stat(p.Name, m.ID, mt.Key)
				if !ok {
					b.WriteString(" – |")
					continue
				}
				cell := fmt.Sprintf("%s (%s–%s)", fmtNum(st.Median*mt.Scale), fmtNum(st.Min*mt.Scale), fmtNum(st.Max*mt.Scale))
				if vok && m.ID != "vanilla" && van.Median > 0 {
					cell += fmt.Sprintf(" ×%.2f", st.Median/van.Median)
				}
				if m.ID == "ours" {
					cell = "**" + cell + "**"
				}
				fmt.Fprintf(&b, " %s |", cell)
			}
			b.WriteString("\n")
		}
		failed := 0
		for _, s := range r.Samples {
			if s.Profile == p.Name && s.Err != "" {
				failed++
			}
		}
		if failed > 0 {
			fmt.Fprintf(&b, "\n%d runs failed and are left out; their errors are in latest.json.\n", failed)
		}
		b.WriteString("\n")
	}

	b.WriteString("### Goals\n\n| goal | result | detail |\n|---|---|---|\n")
	for _, g := range r.Goals {
		res := "**miss**"
		if g.Pass {
			res = "pass"
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", g.Goal, res, g.Detail)
	}
	fmt.Fprintf(&b, "\n### consent.wasm\n\n%d bytes raw (%.0f KB), %d gzip -9 (%.0f KB), %d brotli q11 (%.0f KB); KB = 1024 bytes.\n\n",
		r.Wasm.Raw, kb(r.Wasm.Raw), r.Wasm.Gzip, kb(r.Wasm.Gzip), r.Wasm.Brotli, kb(r.Wasm.Brotli))

	b.WriteString("### Files served (brotli q11)\n\n| file | raw (KB) | brotli (KB) |\n|---|---|---|\n")
	for _, f := range r.Files {
		if strings.HasSuffix(f.URL, "/") || strings.HasPrefix(f.URL, "/site/") || f.URL == "/privacy.html" {
			continue
		}
		fmt.Fprintf(&b, "| %s | %.1f | %.1f |\n", f.URL, kb(f.Raw), kb(f.Brotli))
	}
	b.WriteString(`
### How it was measured

- One headless Chromium; every run opens a fresh browser context (no cookies, empty cache). Rounds are interleaved: ours, vanilla, Klaro, tarteaucitron, Osano, at normal speed, then again with 4x CPU throttling and a fast 4G link, then the next round. One unmeasured warm-up round comes first.
- Served by one Go server on 127.0.0.1 over HTTPS/2 (the certificate is trusted by its key, so Chromium asks for brotli and caches responses as for a real site), every JS/CSS/wasm/JSON file brotli-compressed at quality 11. Static files: ` + "`Cache-Control: public, max-age=86400`" + ` with an ETag; pages: ` + "`no-cache`" + ` (revalidated); our policy.json: ` + "`public, max-age=300`" + `, as internal/devserver serves them.
- Each manager is embedded the way its documentation shows (ours: the README drop-in with the wasm preload; vanilla: UMD + CSS, run on DOMContentLoaded; Klaro: ` + "`klaro.js`" + ` with its CSS inside and an inline config; tarteaucitron: ` + "`tarteaucitron.min.js`" + `, which loads its English texts, its services file and its CSS; Osano: JS + CSS, initialised on ` + "`load`" + ` as its docs show).
- Banner visible: an injected script (before any of the page's) records performance.now() when the manager's banner is in the DOM with a non-zero box, not hidden and not fully transparent, checked on every DOM mutation and every animation frame.
- Bytes: the sum of Network.loadingFinished encodedDataLength (headers included, HTML page included) until the banner showed plus 200 ms.
- Long tasks: PerformanceObserver("longtask", buffered) until the banner showed plus 200 ms; blocking time = Σ(duration − 50 ms). JS heap: HeapProfiler.collectGarbage, then Runtime.getHeapUsage (the wasm's linear memory is an ArrayBuffer outside that figure; it is read from the instance's exported memory, captured by wrapping WebAssembly.instantiateStreaming/instantiate).
- Reject all: a real click (CDP mouse events); a capture listener on window takes the time; the cookie write is caught by wrapping the document.cookie setter (exact) and polled every frame; the banner's disappearance is polled every frame and on mutations (a fade-out counts until it ends).
- Returning visitor: Accept all through each manager's API, then the same URL again in the same context (cookie stored, HTTP cache warm); the time is performance.now() when the gated analytics script runs (ours: ` + "`data-category`/`data-src`" + `; vanilla: ` + "`type=\"text/plain\" data-category`" + `; Klaro: ` + "`data-type`/`data-name`" + `; tarteaucitron: its service job; Osano: onInitialise/onStatusChange, as it has no gating).
`)
	return b.String()
}
