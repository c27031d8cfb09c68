package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"time"

	"github.com/consentwasm/consent/policy"
	"github.com/consentwasm/consent/scan"
)

const scanUsage = `usage: consent scan URL [--pages N] [--policy FILE] [--known FILE] [--out draft.json] [--report report.md|html|json]

Visits URL and the pages of the same site it links to (breadth-first, obeying
robots.txt) in headless Chromium, three times in fresh browser profiles: with
no choice made, after "Reject all" and after "Accept all". Records every
cookie, localStorage and sessionStorage key and third-party host, classifies
them with the Open Cookie Database (and the scanner's table of what it
lacks), and reports what matters:
cookies set before any choice that are not necessary, cookies still present
after a refusal, and (with --policy) cookies the policy does not declare and
declared cookies never seen.

  URL              with its scheme; without one, https:// is tried, then
                   http://
  --pages N        pages per visit, at most (default 20)
  --policy FILE    the site's policy: check against it; the draft keeps its
                   texts, categories and services and adds what is new
  --known FILE     the site owner's own table of known cookies, in the Open
                   Cookie Database's CSV columns (Platform, Category,
                   Cookie / Data Key name, Wildcard match, ...): consulted
                   first
  --out FILE       write the draft policy (JSON) to FILE
  --report FILE    write the report to FILE: Markdown (.md), HTML (.html) or
                   JSON (.json); default: Markdown on standard output
  --format F       the report's format when FILE's extension does not say:
                   md, html or json
  --chrome PATH    the browser (default: chromium on PATH)
  --wait D         how long the start page may take to show its consent
                   banner (default 5s)

Advanced:
  --host-resolver-rules RULES   passed to Chromium, e.g. "MAP *.test 127.0.0.1"

Exit status: 0 when the scan ran (whatever it found), 1 when it could not
run, 2 on a usage error.
`

// runScan runs `consent scan URL [flags]`, flags before or after URL.
func runScan(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("scan", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	pages := fs.Int("pages", 20, "")
	policyFile := fs.String("policy", "", "")
	knownFile := fs.String("known", "", "")
	out := fs.String("out", "", "")
	reportFile := fs.String("report", "", "")
	format := fs.String("format", "", "")
	chrome := fs.String("chrome", "", "")
	rules := fs.String("host-resolver-rules", "", "")
	wait := fs.Duration("wait", 5*time.Second, "")

	usageError := func(msg string) int {
		fmt.Fprintf(stderr, "consent scan: %s\n%s", msg, scanUsage)
		return 2
	}
	urls, err := parseInterspersed(fs, args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, scanUsage)
			return 0
		}
		return badFlag(stderr, "scan", err)
	}
	switch {
	case len(urls) == 0:
		return usageError("missing the URL to scan")
	case len(urls) > 1:
		return usageError("one URL expected, got " + strings.Join(urls, " "))
	case *wait <= 0:
		return usageError(fmt.Sprintf("--wait must be positive, not %s", *wait))
	case *pages < 1:
		return usageError(fmt.Sprintf("--pages must be at least 1, not %d", *pages))
	}
	target := urls[0]
	guessed := !strings.Contains(target, "://")
	if guessed {
		target = "https://" + target
	}
	fmtName := strings.ToLower(*format)
	if fmtName == "" {
		switch strings.ToLower(filepath.Ext(*reportFile)) {
		case ".html", ".htm":
			fmtName = "html"
		case ".json":
			fmtName = "json"
		default:
			fmtName = "md"
		}
	}
	if fmtName == "markdown" {
		fmtName = "md"
	}
	if fmtName != "md" && fmtName != "html" && fmtName != "json" {
		return usageError(fmt.Sprintf("unknown report format %q: use md, html or json", *format))
	}

	var owner []byte
	var pol *policy.Policy
	if *policyFile != "" {
		data, err := os.ReadFile(*policyFile)
		if err != nil {
			fmt.Fprintf(stderr, "consent scan: %v\n", err)
			return 1
		}
		p, err := policy.Parse(data)
		if err != nil {
			printProblems(stderr, *policyFile, err)
			return 1
		}
		owner, pol = data, p
	}
	var local *scan.Table
	if *knownFile != "" {
		f, err := os.Open(*knownFile)
		if err != nil {
			fmt.Fprintf(stderr, "consent scan: %v\n", err)
			return 1
		}
		local, err = scan.ParseTable(f, *knownFile)
		f.Close()
		if err != nil {
			fmt.Fprintf(stderr, "consent scan: --known: %v\n", err)
			return 1
		}
	}
	// Where the results go is checked before minutes of crawling.
	for _, o := range []struct{ flag, file string }{{"--out", *out}, {"--report", *reportFile}} {
		if err := checkWritableDir(o.file); err != nil {
			fmt.Fprintf(stderr, "consent scan: %s %s: %v\n", o.flag, o.file, err)
			return 1
		}
	}
	if _, err := scan.FindChrome(*chrome); err != nil {
		fmt.Fprintf(stderr, "consent scan: %v\n", err)
		return 1
	}

	if note := scan.SandboxNotice(); note != "" {
		fmt.Fprintf(stderr, "consent scan: %s\n", note)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	prog := newProgress(stderr)
	run := func(u string) (*scan.Result, error) {
		defer prog.done()
		return scan.Scan(ctx, scan.Options{
			URL:               u,
			MaxPages:          *pages,
			Chrome:            *chrome,
			HostResolverRules: *rules,
			ChoiceWait:        *wait,
			Progress:          prog.update,
		})
	}
	res, err := run(target)
	var startErr *scan.StartPageError
	if err != nil && guessed && errors.As(err, &startErr) {
		secure := startErr.URL
		plain := "http://" + strings.TrimPrefix(secure, "https://")
		fmt.Fprintf(stderr, "consent scan: %s did not load (%v); trying %s\n", secure, startErr.Err, plain)
		if res, err = run(plain); err != nil && errors.As(err, &startErr) {
			fmt.Fprintf(stderr, "consent scan: neither %s nor %s loaded (%v): check the address, or give it with its scheme\n", secure, plain, startErr.Err)
			return 1
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "consent scan: %v\n", err)
		return 1
	}
	rep := scan.AnalyzeWith(res, pol, *policyFile, local)

	if *out != "" {
		draft, err := scan.Draft(rep, owner)
		if err != nil {
			fmt.Fprintf(stderr, "consent scan: %v\n", err)
			return 1
		}
		if err := os.WriteFile(*out, draft, 0o644); err != nil {
			fmt.Fprintf(stderr, "consent scan: %v\n", err)
			return 1
		}
	}
	var text []byte
	switch fmtName {
	case "html":
		text = []byte(rep.HTML())
	case "json":
		if text, err = rep.JSON(); err != nil {
			fmt.Fprintf(stderr, "consent scan: %v\n", err)
			return 1
		}
	default:
		text = []byte(rep.Markdown())
	}
	if *reportFile == "" {
		stdout.Write(text)
	} else if err := os.WriteFile(*reportFile, text, 0o644); err != nil {
		fmt.Fprintf(stderr, "consent scan: %v\n", err)
		return 1
	}
	summary := fmt.Sprintf("consent scan: %d cookie(s) and storage key(s), %d finding(s)", len(rep.Items), len(rep.Findings))
	if *reportFile != "" {
		summary += "; report: " + *reportFile
	}
	if *out != "" {
		summary += "; draft policy: " + *out
	}
	fmt.Fprintln(stderr, summary)
	return 0
}

// checkWritableDir checks that file ("" for none) can be created: its
// directory exists and takes new files.
func checkWritableDir(file string) error {
	if file == "" {
		return nil
	}
	dir := filepath.Dir(file)
	st, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("the directory %s does not exist: create it first", dir)
		}
		return err
	}
	if !st.IsDir() {
		return fmt.Errorf("%s is not a directory", dir)
	}
	f, err := os.CreateTemp(dir, ".consent-scan-*")
	if err != nil {
		return fmt.Errorf("cannot write in %s: %w", dir, err)
	}
	f.Close()
	os.Remove(f.Name())
	return nil
}

// progress shows the scan's progress on stderr: a bar redrawn in place
// when stderr is a terminal, plain lines otherwise.
type progress struct {
	w    io.Writer
	tty  bool
	mode scan.Mode
	open bool
}

func newProgress(w io.Writer) *progress {
	p := &progress{w: w}
	if f, ok := w.(*os.File); ok {
		if st, err := f.Stat(); err == nil && st.Mode()&os.ModeCharDevice != 0 && os.Getenv("TERM") != "dumb" {
			p.tty = true
		}
	}
	return p
}

func (p *progress) update(e scan.Progress) {
	if !p.tty {
		fmt.Fprintf(p.w, "scan: %s %d/%d %s\n", e.Mode, e.Page, e.Max, e.URL)
		return
	}
	if p.open && e.Mode != p.mode {
		fmt.Fprintln(p.w)
	}
	p.mode, p.open = e.Mode, true
	const width = 20
	filled := width * e.Page / max(e.Max, 1)
	bar := strings.Repeat("#", filled) + strings.Repeat(".", width-filled)
	line := fmt.Sprintf("%-10s [%s] %3d/%-3d %s", e.Mode, bar, e.Page, e.Max, e.URL)
	if len(line) > 100 {
		line = line[:99] + "…"
	}
	fmt.Fprintf(p.w, "\r\033[K%s", line)
}

func (p *progress) done() {
	if p.tty && p.open {
		fmt.Fprintln(p.w)
	}
	p.open = false
}
