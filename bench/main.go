// Command bench compares this project's consent manager with Go's floor
// (two programs of its own that only draw the banner's three buttons, with
// syscall/js and through safejs, built in the same run: see floor.go) and
// with vanilla-cookieconsent, Klaro, tarteaucitron and Osano's
// cookieconsent in one headless Chromium (Debian's chromium, driven by
// chromedp). It reads the pages' performance marks into a phase table
// (phases.go), sums what each package adds to consent.wasm (sizes.go) and
// runs Lighthouse once on each page (lighthouse.go).
//
// Every manager gets the same page and the same content (necessary,
// analytics and marketing categories, two services, English text), served
// over HTTPS/2 on 127.0.0.1 with brotli. Runs are interleaved, each in a
// fresh browser context, at normal speed and with 4x CPU throttling plus a
// fast 4G link. It writes results/latest.{md,json,png} and prints the table.
//
// Run it with `make bench` (which builds web/dist and installs the other
// managers from npm first), or `go run ./bench -runs 5` from the
// repository's root.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"
)

func main() {
	if err := run(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// config are the command line's choices.
type config struct {
	runs     int
	warmup   int
	benchDir string
	distDir  string
	outDir   string
	profiles []profile
	only     map[string]bool
}

func run() error {
	// 12 rounds keep make bench near 10 minutes on an idle 2-core machine
	// (7 pages, 2 profiles, about 3 s a run, then Lighthouse).
	defRuns := 12
	if v := os.Getenv("BENCH_RUNS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			return fmt.Errorf("BENCH_RUNS=%q: want a positive number", v)
		}
		defRuns = n
	}
	var c config
	var profs, only string
	flag.IntVar(&c.runs, "runs", defRuns, "measured runs per manager and profile (env BENCH_RUNS)")
	flag.IntVar(&c.warmup, "warmup", 1, "unmeasured rounds first, to warm the browser and the server")
	flag.StringVar(&c.benchDir, "dir", "", "the bench directory (default: ./bench, or . when run inside it)")
	flag.StringVar(&c.distDir, "dist", "", "this project's build (default: web/dist next to the bench directory)")
	flag.StringVar(&c.outDir, "out", "", "where to write latest.{md,json,png} (default: <dir>/results)")
	flag.StringVar(&profs, "profiles", "normal,slow", "which profiles to run: normal, slow (4x CPU + fast 4G)")
	flag.StringVar(&only, "only", "", "comma-separated manager ids to run (default: all)")
	serveOnly := flag.Bool("serve", false, "only serve the pages (https://127.0.0.1:PORT/<id>/), to look at them; prints the certificate's SPKI hash")
	redraw := flag.Bool("redraw", false, "only rewrite latest.md and latest.png from latest.json")
	lighthouse := flag.Bool("lighthouse", true, "run Lighthouse once on each manager's page after the runs")
	packages := flag.Bool("packages", true, "measure what each package adds to consent.wasm (a build of ./wasm with symbols)")
	sizesOnly := flag.Bool("sizes", false, "only print what each package adds to consent.wasm, all of them")
	compare := flag.String("compare", "", "another web/dist (e.g. before a cut) to run interleaved with ours, as manager "+compareID)
	flag.Parse()

	if c.benchDir == "" {
		c.benchDir = "bench"
		if _, err := os.Stat(filepath.Join("site", "policy.json")); err == nil {
			c.benchDir = "."
		}
	}
	abs, err := filepath.Abs(c.benchDir)
	if err != nil {
		return err
	}
	c.benchDir = abs
	if c.distDir == "" {
		c.distDir = filepath.Join(c.benchDir, "..", "web", "dist")
	}
	if c.outDir == "" {
		c.outDir = filepath.Join(c.benchDir, "results")
	}
	for _, p := range strings.Split(profs, ",") {
		pr, ok := profileByName[strings.TrimSpace(p)]
		if !ok {
			return fmt.Errorf("unknown profile %q (normal, slow)", p)
		}
		c.profiles = append(c.profiles, pr)
	}
	if only != "" {
		c.only = map[string]bool{}
		for _, id := range strings.Split(only, ",") {
			c.only[strings.TrimSpace(id)] = true
		}
	}
	if *redraw {
		return redrawFrom(c.outDir, c.benchDir)
	}
	if *sizesOnly {
		tmp, err := os.MkdirTemp("", "consent-bench-sizes")
		if err != nil {
			return err
		}
		defer os.RemoveAll(tmp)
		ps, err := wasmPackages(filepath.Dir(c.benchDir), tmp)
		if err != nil {
			return err
		}
		for _, p := range ps {
			fmt.Printf("%9d  %5d  %s\n", p.Code, p.Funcs, p.Package)
		}
		return nil
	}
	if _, err := os.Stat(filepath.Join(c.distDir, "consent.wasm")); err != nil {
		return fmt.Errorf("%s has no consent.wasm: run `make build` first", c.distDir)
	}
	if _, err := os.Stat(filepath.Join(c.benchDir, "node_modules", "klaro")); err != nil {
		return fmt.Errorf("the other managers are not installed: run `cd bench && npm ci` (make bench does)")
	}
	// node_modules ships a Go file (flatted/golang): a go.mod keeps it out
	// of the repository's ./... (make bench writes it too).
	if gm := filepath.Join(c.benchDir, "node_modules", "go.mod"); !exists(gm) {
		if err := os.WriteFile(gm, []byte("module node_modules\n"), 0o644); err != nil {
			return err
		}
	}
	var ms []manager
	for _, m := range allManagers {
		if c.only == nil || c.only[m.ID] {
			ms = append(ms, m)
		}
	}
	if *compare != "" {
		if !filepath.IsAbs(*compare) {
			// Relative to where the command was started, as -dist is.
			if *compare, err = filepath.Abs(*compare); err != nil {
				return err
			}
		}
		ms = append([]manager{ms[0], compareManager()}, ms[1:]...)
	}
	if len(ms) == 0 {
		return fmt.Errorf("-only %q names no manager", only)
	}

	start := time.Now()
	floorDir, err := os.MkdirTemp("", "consent-bench-floor")
	if err != nil {
		return err
	}
	defer os.RemoveAll(floorDir)
	if err := buildFloors(filepath.Dir(c.benchDir), floorDir, ms); err != nil {
		return err
	}
	var pkgs []pkgSize
	if *packages {
		if pkgs, err = wasmPackages(filepath.Dir(c.benchDir), floorDir); err != nil {
			return err
		}
	}
	fmt.Fprintln(os.Stderr, "bench: compressing the files with brotli (quality 11) …")
	srv, err := newServer(c.benchDir, c.distDir, floorDir, *compare, ms)
	if err != nil {
		return err
	}
	defer srv.Close()
	fmt.Fprintf(os.Stderr, "bench: serving on %s (%s)\n", srv.URL, time.Since(start).Round(time.Millisecond))
	if *serveOnly {
		fmt.Printf("%s\n--ignore-certificate-errors-spki-list=%s\n", srv.URL, srv.spki)
		select {}
	}

	b, err := startBrowser(srv.spki)
	if err != nil {
		return err
	}
	defer b.close()

	res := &results{
		Date:      time.Now().UTC().Format(time.RFC3339),
		Runs:      c.runs,
		Browser:   b.version,
		Host:      hostInfo(),
		LoadStart: loadAvg(),
		GoVersion: runtime.Version(),
		Wasm:      srv.wasmSizes,
		FloorWasm: srv.floorSizes,
		Files:     srv.sizes(),

		WasmPackages: pkgs,
	}
	for _, m := range ms {
		res.Managers = append(res.Managers, managerInfo{ID: m.ID, Name: m.Name, Version: m.Version})
	}
	for _, p := range c.profiles {
		res.Profiles = append(res.Profiles, p)
	}

	// Warm-up: the browser's first tabs and the server's first handshakes
	// are slower than all that follow; they are not measured.
	for w := 0; w < c.warmup; w++ {
		for _, m := range ms {
			if _, err := b.runOnce(m, profiles[0], srv.URL); err != nil {
				return fmt.Errorf("warm-up run of %s: %w", m.ID, err)
			}
		}
	}
	total := c.runs * len(ms) * len(c.profiles)
	done := 0
	for r := 1; r <= c.runs; r++ {
		for _, p := range c.profiles {
			for _, m := range ms {
				s, err := b.runOnce(m, p, srv.URL)
				s.Round = r
				if err != nil {
					s.Err = err.Error()
					fmt.Fprintf(os.Stderr, "bench: %s/%s round %d: %v\n", p.Name, m.ID, r, err)
				}
				res.Samples = append(res.Samples, s)
				done++
			}
		}
		fmt.Fprintf(os.Stderr, "bench: round %d/%d done (%d/%d runs, %s)\n", r, c.runs, done, total, time.Since(start).Round(time.Second))
	}
	res.LoadEnd = loadAvg()
	if *lighthouse {
		// The bench's own browser is done: Lighthouse starts its own.
		b.close()
		fmt.Fprintln(os.Stderr, "bench: Lighthouse, one run per page …")
		if res.Lighthouse, err = runLighthouse(c.benchDir, srv.URL, srv.spki, ms); err != nil {
			return err
		}
	}
	res.Duration = time.Since(start).Round(time.Second).String()
	res.summarize()

	md := res.markdown()
	if err := os.MkdirAll(c.outDir, 0o755); err != nil {
		return err
	}
	if err := res.writeJSON(filepath.Join(c.outDir, "latest.json")); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(c.outDir, "latest.md"), []byte(md), 0o644); err != nil {
		return err
	}
	if err := writeChart(filepath.Join(c.outDir, "latest.png"), res); err != nil {
		return err
	}
	if c.outDir == filepath.Join(c.benchDir, "results") && *compare == "" {
		// docs/bench.md copies the default results only.
		if err := updateReadme(filepath.Join(c.benchDir, "..", "docs", "bench.md"), res); err != nil {
			return err
		}
	}
	fmt.Print(md)
	fmt.Fprintf(os.Stderr, "bench: wrote %s/latest.{md,json,png} in %s\n", c.outDir, res.Duration)
	return nil
}

// hostInfo describes the machine: CPU model and count.
func hostInfo() string {
	model := ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "model name") {
				if i := strings.Index(line, ":"); i >= 0 {
					model = strings.TrimSpace(line[i+1:])
				}
				break
			}
		}
	}
	s := fmt.Sprintf("%s/%s, %d CPUs", runtime.GOOS, runtime.GOARCH, runtime.NumCPU())
	if model != "" {
		s += ", " + model
	}
	return s
}

// chromiumPath finds Debian's chromium.
func chromiumPath() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	return "", fmt.Errorf("chromium is not on PATH (make chromium installs Debian's)")
}

func exists(name string) bool {
	_, err := os.Stat(name)
	return err == nil
}

// redrawFrom rewrites latest.md, latest.png and docs/bench.md's copy from
// latest.json.
func redrawFrom(dir, benchDir string) error {
	b, err := os.ReadFile(filepath.Join(dir, "latest.json"))
	if err != nil {
		return err
	}
	var r results
	if err := json.Unmarshal(b, &r); err != nil {
		return err
	}
	r.Profiles = nil
	for _, p := range profiles {
		if _, ok := r.Summary[p.Name]; ok {
			r.Profiles = append(r.Profiles, p)
		}
	}
	r.summarize()
	md := r.markdown()
	if err := os.WriteFile(filepath.Join(dir, "latest.md"), []byte(md), 0o644); err != nil {
		return err
	}
	if err := r.writeJSON(filepath.Join(dir, "latest.json")); err != nil {
		return err
	}
	if err := updateReadme(filepath.Join(benchDir, "..", "docs", "bench.md"), &r); err != nil {
		return err
	}
	fmt.Print(md)
	return writeChart(filepath.Join(dir, "latest.png"), &r)
}

// loadAvg is /proc/loadavg's first three fields: other work on the
// machine during a run makes its numbers noisier.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}
