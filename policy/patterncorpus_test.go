package policy

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// bridge/testdata/patterns.txt, the corpus of bridge's differential test
// (Go regexp against the browser's RegExp), holds every pattern of the
// examples and of the scanner's table, and every allowed form of
// dialect_test.go.
func TestPatternCorpusIsComplete(t *testing.T) {
	corpus := map[string]bool{}
	for _, line := range strings.Split(string(mustRead(t, "../bridge/testdata/patterns.txt")), "\n") {
		corpus[line] = true
	}
	var want []string
	files, _ := filepath.Glob("../examples/*.json")
	for _, f := range files {
		p, err := Parse(mustRead(t, f))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, s := range p.Services {
			for _, c := range s.Cookies {
				if c.Pattern != "" {
					want = append(want, c.Pattern)
				}
			}
		}
	}
	if known, err := os.ReadFile("../scan/known.go"); err == nil {
		for _, m := range regexp.MustCompile("Pattern:\\s*`([^`]*)`").FindAllStringSubmatch(string(known), -1) {
			want = append(want, m[1])
		}
	}
	want = append(want, dialectAllowed...)
	for _, p := range want {
		if strings.Contains(p, "\n") || len(p) > 200 {
			continue
		}
		if !corpus[p] {
			t.Errorf("bridge/testdata/patterns.txt lacks %q", p)
		}
	}
}
