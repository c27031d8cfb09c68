package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"
)

// docs/bench.md holds a copy of the headline tables between these two
// lines; every run (and -redraw) rewrites what is between them, so the
// docs never show figures latest.md does not.
const (
	readmeBegin = "<!-- bench:results (written by make bench from bench/results/latest.json) -->"
	readmeEnd   = "<!-- /bench:results -->"
)

// readmeBlock is docs/bench.md's copy: the run's header, ours against the
// floor, the goals, Lighthouse, the top ten packages and the chart, at
// latest.md's heading levels (under the page's "## Latest results"), its
// links relative to docs/.
func (r *results) readmeBlock() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s · %s · %s · %d runs per manager and profile · took %s.", r.Date, r.Browser, r.Host, r.Runs, r.Duration)
	if r.LoadStart != "" {
		fmt.Fprintf(&b, " Load average at the start: %s, at the end: %s.", r.LoadStart, r.LoadEnd)
	}
	b.WriteString(" Every manager's full table, the phases and the method: [bench/results/latest.md](bench/results/latest.md).\n\n")
	r.floorMarkdown(&b)
	r.goalsMarkdown(&b)
	b.WriteString("\n![The headline medians as a chart](bench/results/latest.png)\n\n")
	r.lighthouseMarkdown(&b)
	r.sizesMarkdown(&b)
	return strings.ReplaceAll(strings.TrimSpace(b.String()), "](bench/", "](../bench/") + "\n"
}

// updateReadme replaces the block between readmeBegin and readmeEnd in
// file; a README without the markers is left alone.
func updateReadme(file string, r *results) error {
	old, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	i := bytes.Index(old, []byte(readmeBegin))
	j := bytes.Index(old, []byte(readmeEnd))
	if i < 0 || j < i {
		return nil
	}
	var out bytes.Buffer
	out.Write(old[:i+len(readmeBegin)])
	out.WriteString("\n\n")
	out.WriteString(r.readmeBlock())
	out.WriteString("\n")
	out.Write(old[j:])
	return os.WriteFile(file, out.Bytes(), 0o644)
}
