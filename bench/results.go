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
	Date      string    `json:"date"`
	Duration  string    `json:"duration"`
	Runs      int       `json:"runsPerManagerAndProfile"`
	Browser   string    `json:"browser"`
	Host      string    `json:"host"`
	GoVersion string    `json:"go"`
	LoadStart string    `json:"loadAverageStart,omitempty"` // /proc/loadavg 1, 5, 15 min
	LoadEnd   string    `json:"loadAverageEnd,omitempty"`
	Wasm      wasmSizes `json:"consentWasm"`
	// FloorWasm are the floor programs' wasm sizes, by manager id.
	FloorWasm map[string]wasmSizes `json:"floorWasm,omitempty"`
	// WasmPackages is what each package adds to consent.wasm (sizes.go).
	WasmPackages []pkgSize `json:"wasmPackages,omitempty"`
	// Lighthouse is one Lighthouse run per manager (lighthouse.go).
	Lighthouse []lighthouseResult `json:"lighthouse,omitempty"`
	Files      []fileSize         `json:"files"`
	Managers   []managerInfo      `json:"managers"`
	Profiles   []profile          `json:"profiles"`
	// Summary[profile][manager][metric]
	Summary map[string]map[string]map[string]stat `json:"summary"`
	// PhaseSummary[profile][manager][visit][phase] (phases.go)
	PhaseSummary map[string]map[string]map[string]map[string]phaseStat `json:"phaseSummary,omitempty"`
	Goals        []goal                                                `json:"goals"`
	Samples      []sample                                              `json:"samples"`
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
	r.summarizePhases()
	r.Goals = r.checkGoals()
}

func (r *results) stat(prof, man, key string) (stat, bool) {
	st, ok := r.Summary[prof][man][key]
	return st, ok
}

// The goals of issue 14: close to Go's floor.
const (
	wasmGoal      = 640 * 1024 // consent.wasm, brotli
	jsGoal        = 11 * 1024  // consent.js, brotli
	floorGoal1x   = 1.10       // banner visible vs the safejs floor, normal speed
	floorGoalSlow = 1.15       // the same, 4x CPU + fast 4G
	vanillaGoal1x = 1.0        // banner visible vs vanilla, normal speed
	returnGoal    = 1.5        // returning visitor's gated script vs vanilla, normal speed
)

// ratioGoal compares ours with ref on one metric of one profile.
func (r *results) ratioGoal(prof, key, ref, refName string, limit float64) goal {
	var label string
	for _, p := range r.Profiles {
		if p.Name == prof {
			label = p.Label
		}
	}
	what := map[string]string{"bannerVisible": "banner visible", "returnGated": "returning visitor's gated script"}[key]
	name := fmt.Sprintf("%s ≤ %.2f× %s (%s)", what, limit, refName, label)
	ours, ok1 := r.stat(prof, "ours", key)
	other, ok2 := r.stat(prof, ref, key)
	if !ok1 || !ok2 || other.Median <= 0 {
		return goal{Goal: name, Detail: "not measured (runs failed or were not selected)"}
	}
	ratio := ours.Median / other.Median
	d := fmt.Sprintf("median %.0f ms vs %.0f ms = %.2f×", ours.Median, other.Median, ratio)
	if ratio > limit {
		d += r.why(prof, key)
	}
	return goal{Goal: name, Pass: ratio <= limit, Detail: d}
}

func (r *results) checkGoals() []goal {
	var gs []goal
	if _, ok := r.Summary["normal"]; ok {
		gs = append(gs,
			r.ratioGoal("normal", "bannerVisible", floorSafe, "the safejs floor", floorGoal1x),
			r.ratioGoal("normal", "bannerVisible", "vanilla", "vanilla-cookieconsent", vanillaGoal1x))
	}
	if _, ok := r.Summary["slow"]; ok {
		gs = append(gs, r.ratioGoal("slow", "bannerVisible", floorSafe, "the safejs floor", floorGoalSlow))
	}
	if _, ok := r.Summary["normal"]; ok {
		gs = append(gs, r.ratioGoal("normal", "returnGated", "vanilla", "vanilla-cookieconsent", returnGoal))
		worst, wr := 0.0, 0.0
		runs, bad := 0, 0
		for _, s := range r.Samples {
			if s.Manager == "ours" && s.Profile == "normal" && s.Err == "" {
				runs++
				worst = math.Max(worst, s.LongestTask)
				wr = math.Max(wr, s.ReturnLongestTask)
				if s.LongestTask >= 50 || s.ReturnLongestTask >= 50 {
					bad++
				}
			}
		}
		g := goal{Goal: "no task ≥ 50 ms at normal speed in any run (first and returning visit)", Pass: runs > 0 && bad == 0}
		switch {
		case runs == 0:
			g.Detail = "not measured"
		case g.Pass:
			g.Detail = fmt.Sprintf("no long task in %d runs", runs)
		default:
			g.Detail = fmt.Sprintf("%d of %d runs had one; longest: %.0f ms on the first visit, %.0f ms on the returning visit (the wasm's compile/instantiate and Go runtime start run on the main thread)", bad, runs, worst, wr)
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
	wd := fmt.Sprintf("%.0f KB brotli (%.0f KB raw, %.0f KB gzip)", kb(r.Wasm.Brotli), kb(r.Wasm.Raw), kb(r.Wasm.Gzip))
	if f, ok := r.FloorWasm[floorSafe]; ok {
		wd += fmt.Sprintf("; the safejs floor %.0f KB, the syscall/js floor %.0f KB", kb(f.Brotli), kb(r.FloorWasm[floorSyscall].Brotli))
	}
	gs = append(gs, goal{Goal: "consent.wasm ≤ 640 KB brotli", Pass: r.Wasm.Brotli <= wasmGoal, Detail: wd})
	for _, f := range r.Files {
		if f.URL == "/consent/consent.js" {
			gs = append(gs, goal{Goal: "consent.js ≤ 11 KB brotli", Pass: f.Brotli <= jsGoal,
				Detail: fmt.Sprintf("%.1f KB brotli (%.1f KB raw)", kb(f.Brotli), kb(f.Raw))})
		}
	}
	return gs
}

// why explains a time goal missed: the bytes beyond the safejs floor's
// and the phases where ours spends most beyond it.
func (r *results) why(prof, key string) string {
	var p profile
	for _, q := range r.Profiles {
		if q.Name == prof {
			p = q
		}
	}
	visit := "first"
	if key == "returnGated" {
		visit = "return"
	}
	var s string
	if ob, ok := r.stat(prof, "ours", "bytes"); ok && visit == "first" {
		if fb, ok := r.stat(prof, floorSafe, "bytes"); ok {
			s += fmt.Sprintf("; ours transfers %.0f KB to show the banner, the safejs floor %.0f KB", ob.Median/1024, fb.Median/1024)
			if p.DownKbps > 0 {
				s += fmt.Sprintf(" (≈%.0f ms more at %.0f Mbit/s)", (ob.Median-fb.Median)*8/p.DownKbps, p.DownKbps/1000)
			}
		}
	}
	if ph := r.phaseExcess(prof, visit, 3); ph != "" {
		s += "; the phases where ours spends most beyond the safejs floor: " + ph
	}
	return s
}

// phaseExcess names the n phases whose Δ exceeds the safejs floor's the
// most (phases the floor has not count in full), e.g. "parsed +12 ms".
func (r *results) phaseExcess(prof, visit string, n int) string {
	ours := r.PhaseSummary[prof]["ours"][visit]
	floor := r.PhaseSummary[prof][floorSafe][visit]
	if len(ours) == 0 {
		return ""
	}
	type ex struct {
		label string
		ms    float64
	}
	var xs []ex
	first := firstPhase(ours)
	for _, q := range phases {
		o, ok := ours[q.Key]
		// The policy's request runs beside the wasm's: whether the wasm
		// waits for it shows in the phase after it.
		if !ok || q.Key == first || q.Key == "policy" {
			continue
		}
		d := o.Delta
		if f, ok := floor[q.Key]; ok && q.Key != firstPhase(floor) {
			d -= f.Delta
		}
		xs = append(xs, ex{q.Key, d})
	}
	sort.Slice(xs, func(i, j int) bool { return xs[i].ms > xs[j].ms })
	var parts []string
	for i := 0; i < len(xs) && i < n; i++ {
		if xs[i].ms < 1 {
			break
		}
		parts = append(parts, fmt.Sprintf("%s +%.0f ms", xs[i].label, xs[i].ms))
	}
	return strings.Join(parts, ", ")
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

// floorMarkdown is ours against the two floors and vanilla, every metric
// of every profile.
func (r *results) floorMarkdown(b *strings.Builder) {
	if _, ok := r.Summary[r.Profiles[0].Name][floorSafe]; !ok {
		return
	}
	b.WriteString("### Ours against Go's floor\n\n")
	b.WriteString("The floor: the bench's own two Go programs that only draw the banner's three buttons (and store a click, and open the gates for a returning visitor), with `syscall/js` and through safejs, built in the same run with the same flags. Medians; ratios are ours ÷ the other.\n\n")
	for _, p := range r.Profiles {
		fmt.Fprintf(b, "#### %s\n\n", strings.ToUpper(p.Label[:1])+p.Label[1:])
		b.WriteString("| metric | ours | safejs floor | syscall/js floor | vanilla | ours ÷ safejs floor | ours ÷ syscall/js floor | ours ÷ vanilla |\n|---|---|---|---|---|---|---|---|\n")
		for _, mt := range metrics {
			if mt.Only != "" {
				continue
			}
			label := mt.Label
			if mt.Unit != "" {
				label += " (" + mt.Unit + ")"
			}
			o, ok := r.stat(p.Name, "ours", mt.Key)
			if !ok {
				continue
			}
			fmt.Fprintf(b, "| %s | **%s** |", label, fmtNum(o.Median*mt.Scale))
			others := []string{floorSafe, floorSyscall, "vanilla"}
			for _, id := range others {
				if st, ok := r.stat(p.Name, id, mt.Key); ok {
					fmt.Fprintf(b, " %s |", fmtNum(st.Median*mt.Scale))
				} else {
					b.WriteString(" – |")
				}
			}
			for _, id := range others {
				if st, ok := r.stat(p.Name, id, mt.Key); ok && st.Median > 0 {
					fmt.Fprintf(b, " %.2f× |", o.Median/st.Median)
				} else {
					b.WriteString(" – |")
				}
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	if f, ok := r.FloorWasm[floorSafe]; ok {
		g := r.FloorWasm[floorSyscall]
		fmt.Fprintf(b, "Wasm, brotli q11: ours %.0f KB, the safejs floor %.0f KB, the syscall/js floor %.0f KB (raw: %.0f, %.0f, %.0f KB).\n\n",
			kb(r.Wasm.Brotli), kb(f.Brotli), kb(g.Brotli), kb(r.Wasm.Raw), kb(f.Raw), kb(g.Raw))
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

	r.floorMarkdown(&b)
	r.goalsMarkdown(&b)
	fmt.Fprintf(&b, "\n### consent.wasm\n\n%d bytes raw (%.0f KB), %d gzip -9 (%.0f KB), %d brotli q11 (%.0f KB); KB = 1024 bytes.\n\n",
		r.Wasm.Raw, kb(r.Wasm.Raw), r.Wasm.Gzip, kb(r.Wasm.Gzip), r.Wasm.Brotli, kb(r.Wasm.Brotli))

	r.phaseMarkdown(&b)
	r.lighthouseMarkdown(&b)
	r.sizesMarkdown(&b)
	b.WriteString("### Files served (brotli q11)\n\n| file | raw (KB) | brotli (KB) |\n|---|---|---|\n")
	for _, f := range r.Files {
		if strings.HasSuffix(f.URL, "/") || strings.HasPrefix(f.URL, "/site/") || f.URL == "/privacy.html" {
			continue
		}
		fmt.Fprintf(&b, "| %s | %.1f | %.1f |\n", f.URL, kb(f.Raw), kb(f.Brotli))
	}
	b.WriteString(`
### How it was measured

- One headless Chromium; every run opens a fresh browser context (no cookies, empty cache). Rounds are interleaved: ours, the two floors, vanilla, Klaro, tarteaucitron, Osano, at normal speed, then again with 4x CPU throttling and a fast 4G link, then the next round. One unmeasured warm-up round comes first.
- Served by one Go server on 127.0.0.1 over HTTPS/2 (the certificate is trusted by its key, so Chromium asks for brotli and caches responses as for a real site), every JS/CSS/wasm/JSON file brotli-compressed at quality 11. Static files: ` + "`Cache-Control: public, max-age=86400`" + ` with an ETag; pages: ` + "`no-cache`" + ` (revalidated); our policy.json: ` + "`public, max-age=300`" + `, as internal/devserver serves them.
- Each manager is embedded the way its documentation shows (ours: the README drop-in with the wasm preload; vanilla: UMD + CSS, run on DOMContentLoaded; Klaro: ` + "`klaro.js`" + ` with its CSS inside and an inline config; tarteaucitron: ` + "`tarteaucitron.min.js`" + `, which loads its English texts, its services file and its CSS; Osano: JS + CSS, initialised on ` + "`load`" + ` as its docs show).
- Banner visible: an injected script (before any of the page's) records performance.now() when the manager's banner is in the DOM with a non-zero box, not hidden and not fully transparent, checked on every DOM mutation and every animation frame.
- Bytes: the sum of Network.loadingFinished encodedDataLength (headers included, HTML page included) until the banner showed plus 200 ms.
- Long tasks: PerformanceObserver("longtask", buffered) until the banner showed plus 200 ms; blocking time = Σ(duration − 50 ms). JS heap: HeapProfiler.collectGarbage, then Runtime.getHeapUsage (the wasm's linear memory is an ArrayBuffer outside that figure; it is read from the instance's exported memory, captured by wrapping WebAssembly.instantiateStreaming/instantiate).
- Reject all: a real click (CDP mouse events); a capture listener on window takes the time; the cookie write is caught by wrapping the document.cookie setter (exact) and polled every frame; the banner's disappearance is polled every frame and on mutations (a fade-out counts until it ends).
- The floor: ` + "`bench/floor/syscalljs`" + ` and ` + "`bench/floor/safejs`" + `, built by the bench with ` + "`GOOS=js GOARCH=wasm -trimpath -ldflags='-s -w'`" + ` like consent.wasm, embedded like ours (wasm preload, consent.css, one deferred script of wasm_exec.js and a small loader); they draw the same banner markup, store a click in a cookie and open the gated scripts for a returning visitor, nothing else.
- Phases: ` + "`performance.mark(\"consent:<phase>\")`" + ` in consent.js (only with ` + "`data-perf`" + ` on its script tag, which the bench's page has), the bridge and package app, and in the floors' loader; plus the navigation's and the wasm's responseEnd (Resource Timing) and the bench's own "banner visible" and "gated script ran".
- Lighthouse: after the runs, ` + "`lighthouse@12.2.3`" + ` (bench/package-lock.json) once per page against the same server, ` + "`--only-categories=performance`" + `, its default mobile settings, Debian's Chromium through CHROME_PATH with ` + "`--headless=new --no-sandbox --disable-gpu`" + ` and the certificate trusted by its key.
- Returning visitor: Accept all through each manager's API, then the same URL again in the same context (cookie stored, HTTP cache warm); the time is performance.now() when the gated analytics script runs (ours: ` + "`data-category`/`data-src`" + `; vanilla: ` + "`type=\"text/plain\" data-category`" + `; Klaro: ` + "`data-type`/`data-name`" + `; tarteaucitron: its service job; Osano: onInitialise/onStatusChange, as it has no gating).
`)
	return b.String()
}

// goalsMarkdown writes the goal table, shared by latest.md and
// docs/bench.md's copy.
func (r *results) goalsMarkdown(b *strings.Builder) {
	b.WriteString("### Goals\n\n| goal | result | detail |\n|---|---|---|\n")
	for _, g := range r.Goals {
		res := "**miss**"
		if g.Pass {
			res = "pass"
		}
		fmt.Fprintf(b, "| %s | %s | %s |\n", g.Goal, res, g.Detail)
	}
}
