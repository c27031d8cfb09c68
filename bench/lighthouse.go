package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// lighthouseResult is one Lighthouse run (the npm package lighthouse,
// pinned in bench/package-lock.json) on one manager's page: its default
// mobile audit (simulated 4x CPU and slow 4G), performance category.
type lighthouseResult struct {
	Manager   string   `json:"manager"`
	Score     float64  `json:"score"`           // 0–100
	TBT       float64  `json:"tbtMs"`           // total blocking time
	LCP       float64  `json:"lcpMs"`           // largest contentful paint
	FCP       float64  `json:"fcpMs"`           // first contentful paint
	Bytes     float64  `json:"totalByteWeight"` // bytes
	BFCache   bool     `json:"bfcache"`         // the page stays eligible for the back/forward cache
	BFReasons []string `json:"bfcacheReasons,omitempty"`
	Err       string   `json:"error,omitempty"`
	Version   string   `json:"lighthouseVersion,omitempty"`
}

// lighthouseFlags are Chromium's flags for Lighthouse: headless, as root,
// trusting the bench server's certificate by its key, nothing from outside.
func lighthouseFlags(spki string) string {
	return strings.Join([]string{
		"--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--no-first-run", "--no-default-browser-check", "--disable-quic",
		"--ignore-certificate-errors-spki-list=" + spki,
	}, " ")
}

// runLighthouse audits each manager's page once.
func runLighthouse(benchDir, base, spki string, ms []manager) ([]lighthouseResult, error) {
	cli := filepath.Join(benchDir, "node_modules", "lighthouse", "cli", "index.js")
	if !exists(cli) {
		return nil, fmt.Errorf("lighthouse is not installed: run `cd bench && npm ci` (make bench does)")
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("lighthouse needs node: %w", err)
	}
	chrome, err := chromiumPath()
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "consent-bench-lighthouse")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	var out []lighthouseResult
	for _, m := range ms {
		start := time.Now()
		res := lighthouseResult{Manager: m.ID}
		report := filepath.Join(tmp, m.ID+".json")
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
		cmd := exec.CommandContext(ctx, node, cli, base+"/"+m.ID+"/",
			"--output=json", "--output-path="+report, "--only-categories=performance",
			"--quiet", "--no-enable-error-reporting", "--max-wait-for-load=30000",
			"--chrome-flags="+lighthouseFlags(spki))
		cmd.Env = append(os.Environ(), "CHROME_PATH="+chrome)
		cmd.Dir = tmp
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		err := cmd.Run()
		cancel()
		if err != nil {
			res.Err = fmt.Sprintf("%v: %s", err, lastLine(stderr.String()))
		} else if err := parseLighthouse(report, &res); err != nil {
			res.Err = err.Error()
		}
		if res.Err != "" {
			fmt.Fprintf(os.Stderr, "bench: lighthouse %s: %s\n", m.ID, res.Err)
		} else {
			fmt.Fprintf(os.Stderr, "bench: lighthouse %s: score %.0f (%s)\n", m.ID, res.Score, time.Since(start).Round(time.Second))
		}
		out = append(out, res)
	}
	return out, nil
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

// parseLighthouse reads the figures out of a Lighthouse JSON report.
func parseLighthouse(file string, res *lighthouseResult) error {
	b, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("read the report: %w", err)
	}
	type audit struct {
		Score        *float64        `json:"score"`
		NumericValue float64         `json:"numericValue"`
		ScoreMode    string          `json:"scoreDisplayMode"`
		Details      json.RawMessage `json:"details"`
	}
	var lr struct {
		Version      string `json:"lighthouseVersion"`
		RuntimeError *struct {
			Code    string `json:"code"`
			Message string `json:"message"`
		} `json:"runtimeError"`
		Categories map[string]struct {
			Score *float64 `json:"score"`
		} `json:"categories"`
		Audits map[string]audit `json:"audits"`
	}
	if err := json.Unmarshal(b, &lr); err != nil {
		return fmt.Errorf("parse the report: %w", err)
	}
	res.Version = lr.Version
	if lr.RuntimeError != nil && lr.RuntimeError.Code != "" {
		return fmt.Errorf("lighthouse: %s: %s", lr.RuntimeError.Code, lr.RuntimeError.Message)
	}
	if c, ok := lr.Categories["performance"]; ok && c.Score != nil {
		res.Score = *c.Score * 100
	}
	res.TBT = lr.Audits["total-blocking-time"].NumericValue
	res.LCP = lr.Audits["largest-contentful-paint"].NumericValue
	res.FCP = lr.Audits["first-contentful-paint"].NumericValue
	res.Bytes = lr.Audits["total-byte-weight"].NumericValue
	bf := lr.Audits["bf-cache"]
	res.BFCache = bf.Score != nil && *bf.Score == 1
	var details struct {
		Items []struct {
			Reason      string `json:"reason"`
			FailureType string `json:"failureType"`
		} `json:"items"`
	}
	if len(bf.Details) > 0 && json.Unmarshal(bf.Details, &details) == nil {
		for _, it := range details.Items {
			res.BFReasons = append(res.BFReasons, it.FailureType+": "+it.Reason)
		}
	}
	return nil
}

// lighthouseMarkdown is the Lighthouse table.
func (r *results) lighthouseMarkdown(b *strings.Builder) {
	if len(r.Lighthouse) == 0 {
		return
	}
	version := ""
	for _, l := range r.Lighthouse {
		if l.Version != "" {
			version = " " + l.Version
		}
	}
	fmt.Fprintf(b, "### Lighthouse%s\n\n", version)
	b.WriteString("One run per page of its default mobile audit (simulated 4x CPU slowdown and slow 4G, fresh storage), performance category, driving the same Chromium headless. bfcache: the `bf-cache` audit (Lighthouse navigates away and back).\n\n")
	b.WriteString("| manager | performance score | TBT (ms) | LCP (ms) | FCP (ms) | total byte weight (KB) | bfcache-eligible |\n|---|---|---|---|---|---|---|\n")
	names := map[string]string{}
	for _, m := range r.Managers {
		names[m.ID] = m.Name
	}
	for _, l := range r.Lighthouse {
		name := names[l.Manager]
		if l.Manager == "ours" {
			name = "**" + name + "**"
		}
		if l.Err != "" {
			fmt.Fprintf(b, "| %s | failed: %s | | | | | |\n", name, strings.ReplaceAll(l.Err, "|", "/"))
			continue
		}
		bf := "yes"
		if !l.BFCache {
			bf = "no"
			if len(l.BFReasons) > 0 {
				bf += " (" + strings.ReplaceAll(strings.Join(l.BFReasons, "; "), "|", "/") + ")"
			}
		}
		fmt.Fprintf(b, "| %s | %.0f | %.0f | %.0f | %.0f | %.0f | %s |\n", name, l.Score, l.TBT, l.LCP, l.FCP, l.Bytes/1024, bf)
	}
	b.WriteString("\n")
}
